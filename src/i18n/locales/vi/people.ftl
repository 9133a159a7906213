## Quản lý cán bộ

pm-busy = Bạn đang quản lý cán bộ. Chọn ở tin nhắn trên, hoặc gõ hủy để dừng.
pm-ask = 👥 <b>Quản lý cán bộ</b> — gõ tên (có dấu hay không đều được) hoặc số điện thoại của người cần tìm:
pm-too-short = Hãy gõ ít nhất 2 ký tự.
pm-none = Không tìm thấy ai khớp với “{ $query }” trong phạm vi bạn phụ trách. Gõ tên hoặc số khác:
pm-results = Tìm thấy { $count } người. Chọn một người:
pm-inactive = ngừng hoạt động
pm-search-again = 🔍 Tìm người khác
pm-done = ✔️ Xong
pm-card =
    👤 <b>{ $name }</b>
    Vai trò: { $role }
    Đơn vị: { $unit }
    Điện thoại: { $phone }
    Trạng thái: { $status }
    Telegram: { $telegram }
pm-status-active = đang hoạt động
pm-status-inactive = ngừng hoạt động
pm-telegram-linked = đã kết nối
pm-telegram-blocked = đã kết nối nhưng đang chặn bot
pm-telegram-none = chưa kết nối
pm-action-unlink = 🔌 Gỡ kết nối Telegram
pm-action-phone = 📞 Sửa số điện thoại
pm-action-role = 🎭 Đổi vai trò
pm-action-unit = 🏘 Chuyển đơn vị
pm-action-deactivate = ⛔ Ngừng hoạt động
pm-action-reactivate = ✅ Kích hoạt lại
pm-yes = ✅ Đồng ý
pm-confirm-unlink = Gỡ kết nối Telegram của { $name }? Người này sẽ kết nối lại bằng cách gửi số điện thoại từ tài khoản mới.
pm-confirm-deactivate = Cho { $name } ngừng hoạt động? Người này sẽ chỉ còn xem được hỏi đáp công khai.
pm-confirm-reactivate = Kích hoạt lại { $name }?
pm-ask-phone = Gõ số điện thoại mới (ví dụ 0912 345 678):
pm-no-roles = Không có vai trò nào khác phù hợp với đơn vị của người này mà bạn được phép cấp.
pm-choose-role = Chọn vai trò mới:
pm-choose-unit = Chọn đơn vị mới:
pm-unlinked = ✅ Đã gỡ kết nối. Người này có thể kết nối tài khoản mới bằng số điện thoại trong danh sách.
pm-phone-changed = ✅ Đã cập nhật số điện thoại.
pm-role-changed = ✅ Đã đổi vai trò. Menu của người này sẽ đổi khi họ mở lại menu.
pm-unit-changed = ✅ Đã chuyển đơn vị.
pm-deactivated = ✅ Đã cho ngừng hoạt động.
pm-reactivated = ✅ Đã kích hoạt lại.
pm-failed-not_allowed = 🔒 Bạn không có quyền làm việc này.
pm-failed-out_of_scope = 🔒 Người hoặc đơn vị này nằm ngoài phạm vi bạn phụ trách.
pm-failed-role_not_grantable = 🔒 Bạn không thể cấp vai trò này.
pm-failed-unit_level_mismatch = Vai trò này không phù hợp với cấp của đơn vị.
pm-failed-not_found = Không còn tìm thấy người này.
pm-failed-phone_taken = Số điện thoại này đã thuộc về một cán bộ khác trong danh sách.
pm-failed-self = Bạn không thể tự thay đổi vai trò hay trạng thái của chính mình.
pm-finished = Xong việc quản lý cán bộ.
pm-task = quản lý cán bộ

## Nhập danh sách từ tệp (quản trị viên)

imp-wrong-type = Chỉ nhập được tệp Excel (.xlsx) hoặc CSV (.csv) danh sách cán bộ hay danh sách đơn vị.
imp-too-large = Tệp lớn quá (tối đa 10 MB). Hãy chia nhỏ danh sách.
imp-unreadable = Không đọc được tệp này thành danh sách cán bộ hay danh sách đơn vị:
imp-fix-and-resend = Chưa nhập gì. Hãy sửa các dòng lỗi rồi gửi lại tệp.
imp-confirm = Đây là chạy thử — chưa thay đổi gì. Nhập thật?
imp-button-commit = ✅ Nhập
imp-button-commit-deactivate = ✅ Nhập và ngừng kích hoạt { $count } người không có trong tệp
imp-cancelled = Đã hủy, không nhập gì.
imp-changed-meanwhile = Dữ liệu đã thay đổi từ lúc chạy thử nên chưa nhập gì. Hãy gửi lại tệp.
