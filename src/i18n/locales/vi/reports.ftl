## Báo cáo

menu-reports = 📝 Gửi báo cáo
menu-my-reports = 🗂 Báo cáo của tôi
menu-report-status = 📊 Tình hình báo cáo
command-baocao = Gửi báo cáo
rp-task = làm báo cáo
rp-busy = Bạn đang làm báo cáo. Trả lời câu hỏi ở trên, bấm 💾 Để sau để lưu nháp, hoặc gõ hủy để dừng.
rp-expired = ⌛ Bạn để báo cáo dở khá lâu. Mọi câu trả lời đã được lưu nháp — gõ /baocao để làm tiếp.
rp-choose-form = 📝 <b>Gửi báo cáo</b> — chọn loại báo cáo:
rp-no-forms = Hiện không có mẫu báo cáo nào dành cho bạn.
rp-open-draft = 📝 Bạn có một báo cáo chưa gửi: <b>{ $form }</b>.
rp-open-returned = ✏️ Báo cáo <b>{ $form }</b> được yêu cầu bổ sung.
rp-open-sent = ✅ Đã gửi <b>{ $form }</b> — { $period }.
rp-button-continue = ▶️ Làm tiếp
rp-button-discard = 🗑 Bỏ nháp
rp-button-fix = ✏️ Sửa báo cáo
rp-discard-confirm = 🗑 Bỏ bản nháp <b>{ $form }</b>? { $count ->
        [0] Bản nháp chưa có câu trả lời nào.
       *[other] { $count } câu đã trả lời sẽ bị xóa, không lấy lại được.
    }
rp-button-discard-confirm = 🗑 Bỏ nháp
rp-button-keep = ↩ Giữ lại
rp-discard-kept = Bản nháp vẫn được giữ nguyên.
rp-discard-busy = Bạn đang chọn có bỏ bản nháp hay không. Chọn ở trên (gõ 1 hoặc 2).
rp-discard-task = bỏ bản nháp báo cáo
rp-discarded = Đã bỏ bản nháp.
rp-nothing-to-continue = Báo cáo này đã gửi hoặc không còn nữa.
rp-intro = 📝 <b>{ $form }</b> — { $period }
    Trả lời từng câu; mọi câu trả lời được lưu ngay. Bấm <b>Để sau</b> để làm tiếp lúc khác.
rp-resume-intro = 📝 Làm tiếp báo cáo <b>{ $form }</b> — { $period }. Các câu đã trả lời vẫn được giữ.
rp-correct-intro = ✏️ Sửa báo cáo <b>{ $form }</b>. Cán bộ xã nhận xét: «{ $comment }»
    Bạn chỉ cần trả lời lại các câu được yêu cầu.
rp-question = <b>Câu { $index }{ $left ->
        [0] {" "}· câu cuối
       *[other] {" "}· còn { $certain ->
            [yes] {""}
           *[other] tối đa{" "}
        }{ $left } câu
    }.</b> { $label }
rp-question-correct = <b>Câu { $index }/{ $total }.</b> { $label }
rp-question-edit = <b>Sửa câu { $index }.</b> { $label }
rp-previous = Trả lời trước: { $value }
rp-answered = ✔️ <b>{ $value }</b>
rp-answered-skipped = ⏭ <i>Bỏ qua</i>
rp-yes = ✅ Có
rp-no = ❌ Không
rp-button-done = ✔️ Xong
rp-button-skip = ⏭ Bỏ qua
rp-button-later = 💾 Để sau
rp-cannot-skip = Câu này bắt buộc, không bỏ qua được. Hãy trả lời, hoặc bấm 💾 Để sau.
rp-first-question = Đây là câu đầu tiên, không có câu trước để quay lại.
rp-button-cancel = ✖️ Hủy
rp-cancelled = ✖️ Đã dừng báo cáo. Các câu đã trả lời vẫn được lưu nháp — làm tiếp hoặc bỏ nháp bất cứ lúc nào.
rp-cancelled-correction = ✖️ Đã dừng sửa báo cáo. Các câu đã sửa vẫn được giữ; bấm <b>✏️ Sửa báo cáo</b> để làm tiếp.
rp-check-failed = ⚠️ { $message }
    Gõ lại câu trả lời. Nếu câu «{ $other }» mới là chỗ sai, bấm <b>✏️ Sửa câu kia</b> (hoặc gõ “sửa”).
rp-check-failed-alone = ⚠️ { $message }
    Hãy gõ lại câu trả lời.
rp-button-fix-other = ✏️ Sửa câu kia
rp-photo-received = Đã nhận { $count } ảnh. Gửi thêm ảnh, hoặc bấm Xong.
rp-saved-for-later = 💾 Đã lưu nháp. Khi nào tiện, bấm <b>📝 Gửi báo cáo</b> (hoặc gõ /baocao) để làm tiếp.
rp-summary = 📋 <b>Kiểm tra lại báo cáo: { $form }</b>
rp-problems = <b>Cần sửa trước khi gửi:</b>
rp-missing = Chưa trả lời: { $label }
rp-button-send = ✅ Gửi báo cáo
rp-button-edit = ✏️ Sửa một câu
rp-edit-which = Bạn muốn sửa câu nào?
rp-sent = ✅ Đã gửi báo cáo <b>{ $form }</b> — { $period }. Cảm ơn bạn!
rp-corrected = ✅ Đã gửi bản sửa của báo cáo <b>{ $form }</b>. Cảm ơn bạn!
rp-urgent-told = 🚨 Đã báo ngay cho: { $names }.
rp-correction-told = Đã báo cho: { $names }.
rp-reviewers-unreachable = ⚠️ Bot không nhắn được cho { $count } cán bộ, hãy gọi điện báo: { $people }.
rp-reviewers-none = ⚠️ Chưa có cán bộ nào nhận được tin qua bot — hãy gọi điện báo xã.
rp-notice-urgent = 🚨 <b>Báo cáo khẩn{ $corrected ->
        [yes] {" "}(bản sửa)
       *[other] {""}
    }: { $form }</b>
    { $unit } — { $person }
rp-notice-corrected = ✏️ <b>Báo cáo đã sửa: { $form }</b>
    { $unit } — { $person }. Các câu đã sửa:
rp-notice-was = (trước: { $value })
rp-notice-unchanged = (không câu trả lời nào thay đổi)
rp-notice-more = … (xem đủ trong báo cáo)
rp-button-view = 📄 Xem báo cáo
rp-not-found = Không tìm thấy báo cáo này (có thể đã gửi hoặc đã bỏ).
rp-out-of-season = Báo cáo <b>{ $form }</b> chỉ làm trong thời gian rà soát (01/9 – 14/12).
rp-already-submitted = Thôn đã gửi báo cáo <b>{ $form }</b> cho { $period }. Xem trong 🗂 Báo cáo của tôi.
rp-mine-title = 🗂 <b>Báo cáo của tôi</b>
rp-mine-empty = Bạn chưa có báo cáo nào.
rp-status-draft = 📝 đang làm
rp-status-submitted = ✅ đã gửi
rp-status-returned = ✏️ cần bổ sung
rp-status-accepted = ✔️ đã duyệt
rp-reminder =
    ⏰ Nhắc báo cáo: <b>{ $form }</b> — { $period } (hạn { $deadline }). Thôn mình chưa gửi.
rp-nudge =
    🔔 { $by } nhắc: thôn mình chưa gửi báo cáo <b>{ $form }</b> — { $period } (hạn { $deadline }).
rp-button-start = 📝 Làm báo cáo
rp-status-choose = 📊 <b>Tình hình báo cáo</b> — chọn loại báo cáo:
rp-no-period = Chưa có kỳ báo cáo nào cho mẫu này.
rp-status-head = 📊 <b>{ $form }</b> — { $period }
    <b>{ $reported }/{ $total }</b> thôn đã báo cáo.
rp-status-no-units = 📊 <b>{ $form }</b> — { $period }
    Trong phạm vi của bạn không có thôn nào phải gửi báo cáo này.
rp-deadline = Hạn: { $deadline }
rp-missing-head = Còn thiếu:
rp-nobody = chưa có người phụ trách
rp-person-unreachable = { $name } ({ $reach ->
        [blocked] đã chặn bot
       *[other] chưa dùng bot
    }, 📞 { $phone })
rp-no-phone = chưa có số
rp-unreachable-hint = 📞 Người chưa dùng bot hoặc đã chặn bot không nhận được lời nhắc — hãy gọi điện.
rp-and-more = … và { $count } thôn khác.
rp-all-reported = ✅ Tất cả đã báo cáo.
rp-button-nudge = 🔔 Nhắc các thôn chưa báo cáo
rp-button-open-status = 📊 Xem tình hình báo cáo
rp-button-list = 📄 Xem báo cáo
rp-button-export = 📥 Xuất Excel
rp-button-previous-period = ◀ Kỳ trước
rp-button-current-period = Kỳ này ▶
rp-nudged = 🔔 Đã nhắc { $count } người qua bot.
rp-nudged-already = 🔔 Hôm nay bạn đã nhắc { $count } người này rồi, không gửi lại.
rp-nudged-also-already = { $count } người khác đã được nhắc hôm nay.
rp-nudged-nobody = 🔔 Không nhắc được ai qua bot.
rp-nudge-call = 📞 { $count } người chưa dùng bot hoặc đã chặn bot, hãy gọi điện:
rp-adhoc-status = 📊 <b>{ $form }</b> — báo cáo gửi khi có việc, không theo kỳ.
rp-list-title = 📄 <b>{ $form }</b>: { $count } báo cáo. Chọn một báo cáo để xem:
rp-list-empty = 📄 <b>{ $form }</b>: chưa có báo cáo nào.
rp-view-head = 📄 <b>{ $form }</b> — { $unit } ({ $person }) — { $status }
rp-view-urgent = 🚨 <b>Báo cáo khẩn</b>
rp-button-return = ✏️ Yêu cầu bổ sung
rp-return-busy = Bạn đang yêu cầu bổ sung báo cáo. Chọn ở trên, hoặc gõ hủy để dừng.
rp-return-which = { $count ->
        [0] Chọn các câu cần bổ sung:
       *[other] Đã chọn { $count } câu. Chọn thêm, hoặc bấm <b>✔️ Xong</b>:
    }
rp-return-comment = Gõ nhận xét cho trưởng thôn (cần bổ sung gì):
rp-return-comment-short = Nhận xét cần ít nhất 3 ký tự.
rp-return-cancelled = Đã hủy, báo cáo giữ nguyên.
rp-returned = ✅ Đã gửi yêu cầu bổ sung cho trưởng thôn.
rp-returned-unreachable = ✏️ Báo cáo đã chuyển sang “cần bổ sung”, nhưng bot không nhắn được cho { $person } — hãy gọi điện báo.
rp-return-failed = Không gửi được yêu cầu (báo cáo có thể đã được sửa hoặc không thuộc phạm vi của bạn).
rp-return-already = Báo cáo này đã được trả lại để bổ sung rồi (có thể một cán bộ khác vừa trả lại), không cần gửi thêm.
rp-returned-notice =
    ✏️ <b>Báo cáo { $form } cần bổ sung</b> — { $by } nhận xét: «{ $comment }»
    Các câu cần sửa:
    { $fields }
rp-exported = Báo cáo { $period }: { $count } dòng.
