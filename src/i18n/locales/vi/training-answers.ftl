## Khóa học: trả lời thông báo, "Khóa học của tôi", màn hình của giảng viên

menu-my-courses = 📅 Khóa học của tôi
menu-courses = 📚 Khóa học
command-khoahoc = Quản lý khóa học

# Trả lời thông báo khóa học
cra-button-yes = ✅ Tham gia
cra-button-no = ❌ Không tham gia
cra-button-ask = ❓ Hỏi thêm
cra-yes =
    ✅ Đã ghi nhận: bạn <b>tham gia</b> khóa học <b>{ $title }</b> ({ $time }).
    Bạn có thể đổi ý đến { $deadline }.
cra-waitlist =
    ⏳ Khóa học <b>{ $title }</b> đã đủ chỗ. Bạn đang ở <b>danh sách chờ</b>, thứ tự { $position }.
    Khi có người rút, bạn sẽ được báo ngay nếu đến lượt.
cra-no =
    Đã ghi nhận: bạn <b>không tham gia</b> khóa học <b>{ $title }</b> ({ $time }).
cra-no-ask-reason =
    Đã ghi nhận: bạn <b>không tham gia</b> khóa học <b>{ $title }</b> ({ $time }).
    Bạn có thể cho biết lý do (không bắt buộc): chọn một lý do, gõ lý do của bạn, hoặc chọn Bỏ qua.
cra-reason-busy = Bận công tác
cra-reason-family = Ốm đau, việc gia đình
cra-reason-clash = Trùng lịch họp khác
cra-reason-skip = Bỏ qua
cra-reason-hint = Chọn một lý do, gõ lý do của bạn, hoặc chọn Bỏ qua.
cra-reason-too-long = Lý do dài quá, bạn viết ngắn gọn hơn (dưới 300 ký tự) giúp mình nhé.
cra-no-skipped = Không sao. Nếu đổi ý, bạn bấm Tham gia trước hạn trả lời.
cra-no-reason-saved = Cảm ơn bạn, đã ghi lý do. Nếu đổi ý, bạn bấm Tham gia trước hạn trả lời.
cra-reason-task = cho biết lý do không tham gia
cra-question-task = hỏi thêm về khóa học
cra-busy = Bạn đang trả lời về một khóa học. Làm tiếp, hoặc gõ "hủy" để dừng.
cra-closed = Đã hết hạn trả lời cho khóa học này (hạn: { $deadline }). Nếu cần, bạn liên hệ trực tiếp giảng viên.
cra-not-in-audience = Khóa học này không dành cho bạn, nên không thể trả lời.
cra-not-open = Khóa học này không còn nhận trả lời (đã hủy hoặc đã kết thúc).
cra-closed-reason = Đã hết hạn trả lời nên không ghi được lý do; câu trả lời Không tham gia vẫn giữ nguyên.
cra-promoted =
    🎉 Đã có chỗ cho bạn ở khóa học <b>{ $title }</b> ({ $time }). Bạn được chuyển từ danh sách chờ sang <b>Tham gia</b>.
    Nếu không đi được nữa, bạn bấm Không tham gia để nhường chỗ.
cra-nudge =
    🔔 { $by } nhắc: bạn chưa trả lời thông báo khóa học <b>{ $title }</b> ({ $time }).
    Hạn trả lời: { $deadline }. Bấm một nút bên dưới.
cra-ask-question = ❓ Bạn muốn hỏi gì về khóa học <b>{ $title }</b>? Gõ câu hỏi, giảng viên sẽ trả lời tại đây.
cra-question-invalid = Bạn gõ câu hỏi (dưới 500 ký tự) giúp mình nhé.
cra-question-sent = ✅ Đã gửi câu hỏi cho { $trainer }. Câu trả lời sẽ được gửi đến bạn ngay tại đây.
cra-question-about = [Khóa học: { $title }]

# Khóa học của tôi
crs-my-title = 📅 <b>Khóa học của bạn</b> ({ $count }) — trang { $page }/{ $pages }
crs-my-empty = 📅 Hiện bạn không có khóa học nào sắp diễn ra.
crs-my-line =
    <b>{ $n }. { $title }</b>
    🕘 { $time }
    📍 { $venue }
    Trả lời của bạn: <b>{ $answer }</b> · { $status }
crs-my-deadline = hạn trả lời { $deadline }
crs-my-closed = đã hết hạn trả lời
crs-answer-yes = Tham gia
crs-answer-no = Không tham gia
crs-answer-waitlist = Danh sách chờ
crs-answer-none = chưa trả lời
crs-button-yes = ✅ { $n }: Tham gia
crs-button-no = ❌ { $n }: Không tham gia
crs-button-ask = ❓ { $n }: Hỏi thêm

# Màn hình khóa học của giảng viên
crv-list-title = 📚 <b>Khóa học của bạn</b> ({ $count }) — trang { $page }/{ $pages }. Chọn một khóa học:
crv-list-empty = 📚 Bạn chưa có khóa học nào. Bấm ➕ Tạo khóa học để bắt đầu.
crv-button-new = ➕ Tạo khóa học
crv-not-found = Không tìm thấy khóa học này.
crv-status-draft = Nháp
crv-status-published = Đã gửi thông báo
crv-status-cancelled = Đã hủy
crv-status-finished = Đã kết thúc
crv-heading =
    📚 <b>{ $title }</b>
    🕘 { $time }
    Trạng thái: { $status } · Số chỗ: { $capacity }
crv-counts = ✅ { $yes } · ❌ { $no } · ⏳ { $waitlist } · ❔ { $none } (📵 { $unreachable }) / { $total }
crv-total-line = <b>Tổng cộng</b>: { $counts }
crv-unit-line = <b>{ $unit }</b>: { $counts }
crv-legend = <i>✅ tham gia · ❌ không · ⏳ chờ · ❔ chưa trả lời (📵 không liên lạc được qua bot) / số người</i>
crv-button-refresh = 🔄 Cập nhật
crv-button-not-answered = 👥 Chưa trả lời
crv-button-nudge = 🔔 Nhắc người chưa trả lời
crv-button-excel = 📥 Xuất Excel
crv-button-edit = ✏️ Sửa
crv-button-cancel = 🛑 Hủy
crv-button-checkin = ✅ Điểm danh
crv-button-checklist = ☑️ Điểm danh theo danh sách
crv-button-quiz = 📊 Kết quả khảo sát
crv-button-list = 📚 Danh sách khóa học
crv-button-back = ◀ Về khóa học
crl-title = 👥 <b>{ $title }</b>: { $count } người chưa trả lời — trang { $page }/{ $pages } (📵 = không liên lạc được qua bot, hãy gọi điện)
crl-nobody = 👥 <b>{ $title }</b>: mọi người đã trả lời.
crl-no-phone = không có số
crl-person = • { $name } — { $unit } — { $phone }
crl-person-unreachable = • { $name } — { $unit } — { $phone } 📵
crm-nudged = 🔔 Đã nhắc { $count } người qua bot.
crm-nudged-already = 🔔 Hôm nay bạn đã nhắc { $count } người này rồi, không gửi lại.
crm-nudged-also-already = { $count } người khác đã được nhắc hôm nay.
crm-nudged-nobody = 🔔 Không nhắc được ai qua bot.
crm-call = 📞 { $count } người chưa dùng bot hoặc đã chặn bot, hãy gọi điện:
crm-call-more = … và { $count } người nữa (xem 👥 Chưa trả lời hoặc tệp Excel).
crm-closed = Đã hết hạn trả lời, không nhắc nữa.
crm-not-published = Khóa học chưa gửi thông báo hoặc đã hủy, không nhắc được.
crx-exported = 📥 { $title }: { $count } người
crx-sheet-name = Danh sách
crx-col-name = Họ và tên
crx-col-unit = Đơn vị
crx-col-role = Vai trò
crx-col-phone = Số điện thoại
crx-col-answer = Trả lời
crx-col-reason = Lý do
crx-col-answered-at = Thời điểm trả lời
crx-col-attended = Điểm danh
crx-answer-yes = Tham gia
crx-answer-no = Không tham gia
crx-answer-waitlist = Danh sách chờ
crx-answer-none = Chưa trả lời
