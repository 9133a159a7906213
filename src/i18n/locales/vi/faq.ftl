## Hỏi đáp chính sách

faq-topics-title =
    📚 <b>Hỏi đáp chính sách</b>
    Gõ câu hỏi của bạn (có dấu hay không dấu đều được), hoặc chọn một chủ đề:
faq-topic-G = Lưu ý chung khi áp dụng chính sách
faq-topic-T1 = Chuẩn nghèo 2022–2025 (áp dụng đến hết 2026)
faq-topic-T2 = Chuẩn nghèo mới 2026–2030
faq-topic-T3 = Rà soát hộ nghèo, hộ cận nghèo
faq-topic-T4 = Chính sách hỗ trợ hộ nghèo, cận nghèo
faq-topic-T5 = Chương trình MTQG giảm nghèo bền vững
faq-topic-T6 = Vai trò của trưởng thôn
faq-topic-list = 📚 <b>{ $topic }</b> — trang { $page }/{ $pages }
faq-list-empty = Hiện chưa có câu hỏi nào trong mục này.
faq-answer =
    <b>{ $title }</b>

    { $answer }

    { $cited }
    { $period }
faq-answer-details =
    <b>{ $title }</b>

    { $answer }

    { $details }

    { $cited }
    { $period }
# The answer's legal basis (before the source), one line per document from the legal registry;
# then where the answer was read.
faq-answer-source = 📄 <i>Nguồn: { $source }</i>
faq-legal-basis =
    ⚖️ <b>Căn cứ pháp lý:</b>
    { $lines }
faq-legal-line = { $doc }{ $issued ->
        [none] {""}
       *[other] {" "}ngày { $issued }
    }{ $cite ->
        [none] {""}
       *[other] , { $cite }
    } — { $status ->
        [in_force] đang có hiệu lực
        [amended] { $by ->
            [none] đã được sửa đổi, bổ sung
           *[other] đã được sửa đổi bởi { $by }
        }
        [replaced] { $by ->
            [none] đã được thay thế
           *[other] đã được thay thế bởi { $by }{ $from ->
                [none] {""}
               *[other] {" "}từ { $from }
            }
        }
        [expired] { $from ->
            [none] đã hết hiệu lực
           *[other] hết hiệu lực từ { $from }
        }
       *[unknown] tình trạng hiệu lực chưa xác minh
    }
faq-legal-item = • { faq-legal-line }
# The period line under an answer; an entry about a programme that ended is labelled as history.
faq-period-line = 🗓 <i>{ $period }</i>
faq-history-ended = 🕒 <i>Đã kết thúc ngày { $date }</i>
faq-history-now-button = ➡️ Hiện nay: { $title }
faq-area = 📍 <i>Áp dụng tại: { $area }</i>
faq-period-always = Đang áp dụng
faq-period-current-from = Đang áp dụng (từ { $from })
faq-period-current-until = Đang áp dụng (đến hết { $to })
faq-period-current-between = Đang áp dụng (từ { $from } đến hết { $to })
faq-period-upcoming = Áp dụng từ { $from }
faq-period-upcoming-between = Áp dụng từ { $from } đến hết { $to }
faq-period-expired = Đã hết hiệu lực (áp dụng đến hết { $to })
faq-period-expired-between = Đã hết hiệu lực (áp dụng từ { $from } đến hết { $to })
# The time a question asked about, in front of its answer ("📅 Từ 01/01/2027:") and in sentences.
faq-asked-heading = 📅 <b>{ $when }:</b>
faq-when-now = hiện nay
faq-when-from = từ { $date }
faq-when-year = năm { $year }
faq-when-years = năm { $from }–{ $to }
faq-when-day = ngày { $date }
faq-when-and = {" "}và{" "}
faq-button-more = 📖 Xem thêm
faq-button-topics = 📚 Chủ đề
faq-button-ask = 🙋 Hỏi cán bộ
faq-button-helpful = 👍 Hữu ích
faq-button-not-helpful = 👎 Chưa đúng ý
faq-entry-gone = Câu trả lời này không còn áp dụng (chính sách đã thay đổi). Bạn hãy hỏi lại để nhận câu trả lời mới.
faq-maybe = 🤔 Mình chưa chắc đã hiểu đúng câu hỏi. Có phải bạn muốn hỏi một trong những điều dưới đây? Nếu không, bấm <b>🙋 Hỏi cán bộ</b>.
faq-none = Mình chưa có câu trả lời cho câu hỏi này. Bấm <b>🙋 Hỏi cán bộ</b> để chuyển câu hỏi cho cán bộ xã.
faq-maybe-when = 🤔 Mình chưa chắc đã hiểu đúng câu hỏi về quy định { $when }. Có phải bạn muốn hỏi một trong những điều dưới đây? Nếu không, bấm <b>🙋 Hỏi cán bộ</b>.
faq-none-when = Mình chưa có câu trả lời về quy định { $when } cho câu hỏi này. Bấm <b>🙋 Hỏi cán bộ</b> để chuyển câu hỏi cho cán bộ xã.
faq-empty-question = Bạn cứ gõ câu hỏi về chính sách giảm nghèo, ví dụ: <i>hộ cận nghèo được hỗ trợ bảo hiểm y tế thế nào?</i> — hoặc chọn trong menu.
faq-too-long = Câu hỏi dài quá. Bạn hỏi ngắn gọn hơn (dưới 500 ký tự) giúp mình nhé.
faq-thanks = Cảm ơn bạn đã góp ý!
faq-feedback-ask = Cảm ơn bạn. Câu trả lời còn thiếu hay chưa đúng ở đâu? Gõ vài chữ để cán bộ cải thiện nội dung (hoặc bấm Bỏ qua).
faq-feedback-skip = Bỏ qua
faq-feedback-saved = ✅ Đã ghi nhận góp ý. Nếu cần câu trả lời ngay, bấm <b>🙋 Hỏi cán bộ</b>.
faq-feedback-busy = Bạn đang góp ý cho câu trả lời. Gõ góp ý, hoặc bấm Bỏ qua.
faq-feedback-task = góp ý câu trả lời

## Hỏi cán bộ

tk-asked = ✅ Đã chuyển câu hỏi cho cán bộ. Khi có trả lời, bot sẽ gửi lại cho bạn ngay tại đây.
tk-joined = ✅ Câu hỏi này đã được gửi cho cán bộ trước đó; khi có trả lời, bạn cũng sẽ nhận được.
tk-already-asked = Câu hỏi này đã được chuyển cho cán bộ rồi.
tk-stranger = một người chưa đăng ký
tk-new =
    ❓ <b>Câu hỏi cần cán bộ trả lời</b>
    Người hỏi: { $who }
    «{ $question }»
    Bấm <b>✍️ Trả lời</b> (hoặc trả lời thẳng vào tin nhắn này).
tk-escalated =
    ⏫ <b>Câu hỏi chưa được trả lời</b> — chuyển lên để hỗ trợ
    Người hỏi: { $who }
    «{ $question }»
tk-button-answer = ✍️ Trả lời
tk-ask-answer = ✍️ Trả lời câu hỏi: «{ $question }»
    Gõ câu trả lời (tối đa 3.000 ký tự). Câu trả lời sẽ được gửi cho mọi người đã hỏi câu này.
tk-answer-empty = Câu trả lời trống hoặc dài quá 3.000 ký tự. Bạn gõ lại giúp mình.
tk-confirm = Gửi câu trả lời này?
    { $answer }
tk-button-send = 📨 Gửi
tk-sent = { $count ->
        [0] ⚠️ Chưa gửi được câu trả lời cho người hỏi nào.
       *[other] ✅ Đã gửi câu trả lời cho { $count } người hỏi.
    }
tk-unreachable = 📞 { $count } người hỏi đã chặn bot nên không nhận được, hãy gọi: { $people }
tk-button-promote = ⭐ Đề xuất thành câu hỏi thường gặp
tk-promoted = ⭐ Đã đề xuất. Trong khi chờ duyệt, câu trả lời chỉ hiện cho những người đã hỏi; sau khi được duyệt sẽ dùng cho mọi người trong xã (hoặc cả tỉnh, nếu người duyệt chọn).
tk-already-promoted = Câu trả lời này đã được đề xuất rồi.
tk-already-answered = Câu hỏi này đã có người trả lời.
tk-not-found = Không còn tìm thấy câu hỏi này.
tk-cancelled = Đã hủy, chưa gửi câu trả lời.
tk-busy = Bạn đang trả lời một câu hỏi. Gõ câu trả lời, hoặc gõ hủy để dừng.
tk-task = trả lời câu hỏi
tk-answer-for-asker =
    💬 <b>Cán bộ đã trả lời câu hỏi của bạn</b>
    «{ $question }»

    { $answer }

    — { $by }
tk-list-title = 💬 <b>Câu hỏi chờ trả lời</b> ({ $count })
tk-list-empty = Không có câu hỏi nào đang chờ trả lời.
menu-tickets = 💬 Câu hỏi chờ trả lời
menu-review = 📋 Duyệt câu trả lời mới
rv-list-title = 📋 <b>Câu trả lời chờ duyệt</b> — { $index }/{ $count }, đề xuất từ trả lời của cán bộ
rv-list-empty = Không có câu trả lời nào chờ duyệt.
rv-waiting-for = { $count ->
        [0] <i>Trong khi chờ duyệt, chưa ai thấy câu trả lời này.</i>
       *[other] <i>Trong khi chờ duyệt, chỉ { $count } người đã hỏi thấy câu trả lời này.</i>
    }
rv-reach = 📍 <b>Phạm vi khi duyệt:</b> mọi người thuộc { $unit }
rv-reach-national = cả nước
rv-legal = ⚖️ <b>Căn cứ pháp lý:</b> { $legal }
rv-legal-none = chưa có
rv-phrasings =
    💬 <b>Cách hỏi:</b>
    { $phrasings }
rv-button-title = ✏️ Tiêu đề
rv-button-answer = ✏️ Câu trả lời
rv-button-phrasings = ✏️ Cách hỏi
rv-button-reach = 📍 Phạm vi
rv-button-legal = ⚖️ Căn cứ
rv-button-verify = ✅ Duyệt
rv-button-reject = ✖️ Bỏ
rv-verified = ✅ Đã duyệt — câu trả lời sẽ được dùng cho mọi người trong phạm vi đã chọn khi có người hỏi tương tự.
rv-rejected = ✖️ Đã bỏ đề xuất này.
rv-gone = Câu trả lời này không còn chờ duyệt (đã được duyệt hoặc bỏ).
rv-reach-ask = 📍 Sau khi duyệt, câu trả lời này dùng cho ai?
rv-reach-set = 📍 Phạm vi: { $unit }
rve-task = sửa câu trả lời chờ duyệt
rve-busy = Bạn đang sửa một câu trả lời chờ duyệt. Gõ nội dung mới, hoặc gõ hủy để dừng.
rv-ask-title =
    ✏️ Tiêu đề hiện tại: <i>{ $title }</i>
    Gõ tiêu đề mới (5–120 ký tự).
rv-ask-answer =
    ✏️ Câu trả lời hiện tại:
    { $answer }

    Gõ câu trả lời mới (tối đa { $max } ký tự); câu trả lời hiện ra đúng như bạn gõ.
rv-ask-phrasings =
    ✏️ Các cách hỏi hiện tại, mỗi dòng một cách:
    <code>{ $phrasings }</code>

    Gửi lại cả danh sách, mỗi dòng một cách hỏi: thêm dòng để thêm, xóa dòng để bỏ (tối đa { $max } dòng).
rv-problem-title-length = Tiêu đề cần dài từ 5 đến 120 ký tự. Bạn gõ lại nhé.
rv-problem-answer-empty = Câu trả lời đang trống. Bạn gõ nội dung nhé.
rv-problem-answer-too-long = Câu trả lời dài quá (tối đa { $max } ký tự). Bạn rút gọn rồi gửi lại; câu trả lời cũ vẫn giữ nguyên.
rv-problem-phrasings-empty = Cần ít nhất một cách hỏi.
rv-problem-phrasing-length = Mỗi cách hỏi dài từ 3 đến 160 ký tự. Bạn sửa dòng quá ngắn hoặc quá dài rồi gửi lại.
rv-problem-too-many-phrasings = Nhiều nhất { $count } cách hỏi. Bạn bớt vài dòng rồi gửi lại.
rv-edit-saved = ✅ Đã lưu.
rv-edit-unchanged = Không có gì thay đổi.
rv-edit-cancelled = Đã hủy, không thay đổi gì.
rv-ask-legal = ⚖️ Chọn văn bản làm căn cứ pháp lý (trang { $page }/{ $pages }):
rv-ask-legal-empty = ⚖️ Danh mục văn bản pháp luật chưa có văn bản nào. Bạn có thể để trống căn cứ, hoặc hủy.
rv-button-no-legal = 🚫 Không có căn cứ
rv-ask-cite = Ghi điều, khoản của { $document } (ví dụ: Điều 22 khoản 1), hoặc chọn Bỏ qua.
rv-button-no-cite = ⏭ Bỏ qua
rv-cite-short = Điều, khoản ngắn quá. Ví dụ: Điều 22 khoản 1.
rv-cite-long = Điều, khoản dài quá (tối đa { $max } ký tự).
rv-legal-saved = ⚖️ Đã lưu căn cứ pháp lý.
