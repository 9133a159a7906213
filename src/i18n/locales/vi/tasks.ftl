## Dùng chung cho các việc nhiều bước (hội thoại)

task-expired = ⌛ Việc bạn đang làm dở đã bị bỏ quá lâu nên đã được hủy. Khi cần, hãy bắt đầu lại từ menu (gõ menu).
task-use-buttons = Bạn hãy chọn một nút ở tin nhắn trên (hoặc gõ số thứ tự), hoặc gõ hủy để dừng.
task-text-expected = Mình cần câu trả lời bằng chữ. Bạn gõ lại giúp mình, hoặc gõ hủy để dừng.
task-chosen = → <b>{ $choice }</b>
task-selected = Đã chọn: <b>{ $list }</b>
task-left = ↩️ Đã dừng việc đang làm dở ({ $task }).
task-left-kept = ↩️ Đã dừng việc đang làm dở ({ $task }); các câu đã trả lời vẫn được lưu nháp.
task-left-dropped = ↩️ Đã bỏ việc đang làm dở ({ $task }); phần vừa điền chưa được lưu.
task-outdated = 🔄 Trợ lý vừa được cập nhật nên việc bạn đang làm dở đã dừng. Báo cáo đang làm vẫn được lưu nháp; bạn hãy mở lại từ menu.
task-stopped-rights = ⛔ Vai trò, đơn vị hoặc quyền truy cập của bạn vừa thay đổi, nên việc đang làm dở ({ $task }) đã dừng và không thực hiện thêm gì.
task-stopped-rights-kept = ⛔ Vai trò, đơn vị hoặc quyền truy cập của bạn vừa thay đổi, nên việc đang làm dở ({ $task }) đã dừng; các câu đã trả lời vẫn được lưu nháp.
task-stopped-age = ⌛ Việc đang làm dở ({ $task }) đã mở quá { $hours } giờ nên đã dừng, chưa thực hiện thêm gì. Khi cần, hãy bắt đầu lại từ menu.
task-stopped-age-kept = ⌛ Việc đang làm dở ({ $task }) đã mở quá { $hours } giờ nên đã dừng; các câu đã trả lời vẫn được lưu nháp, bạn mở lại từ menu.
task-unnamed = một việc nhiều bước
task-return-report = yêu cầu bổ sung báo cáo
phone-button = 📱 Gửi số điện thoại của tôi
phone-not-own = Đây là số điện thoại của người khác. Hãy gửi số của chính bạn (bấm nút bên dưới).
phone-invalid = Số điện thoại chưa đúng. Hãy bấm nút gửi số, hoặc gõ số dạng 0912 345 678.
unit-none = Ở đây chưa có đơn vị nào để chọn.
unit-page = Trang { $page }/{ $pages }
