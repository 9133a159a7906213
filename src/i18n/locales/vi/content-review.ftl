## 📈 Nội dung cần xem lại (/noidung): báo cáo cho người biên tập hỏi đáp

menu-content-review = 📈 Nội dung cần xem lại
command-noidung = Nội dung hỏi đáp cần xem lại

cr-head = 📈 <b>Nội dung cần xem lại</b> — { $days } ngày qua (từ { $since })
cr-count-feedback = 👎 Câu trả lời bị chê: { $count } mục
cr-count-questions = ❓ Câu hỏi bot chưa trả lời chắc: { $groups } nhóm ({ $count } câu)
cr-count-tickets = 🙋 Hỏi cán bộ: { $open } chờ trả lời, { $answered } đã trả lời chưa đưa vào hỏi đáp
cr-count-overdue = 📅 Mục quá hạn xem lại: { $count }
cr-nothing = ✅ Không có gì cần xem lại trong thời gian này.
cr-button-f = 👎 Câu trả lời bị chê
cr-button-q = ❓ Câu hỏi chưa trả lời chắc
cr-button-t = 🙋 Câu hỏi gửi cán bộ
cr-button-r = 📅 Mục quá hạn xem lại
cr-button-period = { $days } ngày
cr-button-back = ◀ Quay lại
cr-section-f = 👎 <b>Câu trả lời bị chê</b> — { $days } ngày qua: { $count } mục (trang { $page }/{ $pages })
cr-section-q = ❓ <b>Câu hỏi bot chưa trả lời chắc</b> — { $days } ngày qua: { $count } nhóm (trang { $page }/{ $pages }). Mỗi nhóm là một câu hỏi với nhiều cách hỏi.
cr-section-t = 🙋 <b>Câu hỏi gửi cán bộ</b> — { $days } ngày qua: { $count } câu (trang { $page }/{ $pages })
cr-section-r = 📅 <b>Mục quá hạn xem lại</b>: { $count } mục (trang { $page }/{ $pages })
cr-section-empty = Không còn mục nào.
cr-feedback-item = <b>{ $title }</b> — 👎 { $down } · 👍 { $up }
cr-comment = 💬 «{ $text }» ({ $date })
cr-file = ✏️ Tệp: <code>{ $file }</code>
cr-promoted = 📋 Câu trả lời đề xuất từ cán bộ
cr-question-item = { $unanswered ->
    [0] <b>{ $count } lần hỏi</b>
   *[other] <b>{ $count } lần hỏi</b> ({ $unanswered } lần bot không tìm được gì)
}
cr-example = • «{ $text }»
cr-closest = Gần nhất: { $title }
cr-added-to = ✅ Đã thêm làm cách hỏi cho: { $title }
cr-no-candidate = Chưa có mục nào gần — cần viết câu trả lời mới.
cr-ticket-open = ⏳ «{ $text }» — { $unit }, chờ { $days } ngày, { $askers } người hỏi
cr-ticket-answered = ✅ «{ $text }»
    ↩ { $answer } — { $by }, { $date }
cr-overdue-item = <b>{ $title }</b> — hạn xem lại { $date }
cr-button-add = ➕ Thêm làm cách hỏi ({ $n })
cr-button-promote = 📤 Đưa vào hỏi đáp ({ $n })
cr-button-edit = ✏️ Sửa ({ $n })
cr-button-review = 📋 Duyệt ({ $n })
cr-button-open-review = 📋 Mở màn hình duyệt
cr-choose-entry = ➕ Thêm «{ $text }» làm cách hỏi cho mục nào?
cr-phrasing-added = ✅ Đã thêm «{ $text }» làm cách hỏi cho <b>{ $title }</b>. Lần sau bot trả lời câu hỏi này ngay.
cr-phrasing-exists = Cách hỏi «{ $text }» đã có trong <b>{ $title }</b>.
cr-edit-file = ✏️ <b>{ $title }</b>
    Sửa tệp <code>{ $file }</code> trong kho nội dung; sau khi nội dung được nạp lại, bot dùng bản mới trong vòng một phút.
cr-edit-promoted = ✏️ <b>{ $title }</b> là câu trả lời đề xuất từ cán bộ: xem và duyệt ở màn hình duyệt.
