## Xác minh bằng số điện thoại

onboard-prompt = Nếu bạn là cán bộ, bấm <b>📱 Xác minh bằng số điện thoại</b> bên dưới — chỉ một chạm, bot sẽ tìm bạn trong danh sách cán bộ. Không muốn xác minh thì bấm <b>Bỏ qua</b>.
onboard-first-contact = 👋 Chào bạn! Mình là <b>Trợ lý Giảm nghèo</b>. Nếu bạn là cán bộ, bấm <b>📱 Xác minh bằng số điện thoại</b> bên dưới để dùng đủ các chức năng — chỉ một chạm.
onboard-button = 📱 Xác minh bằng số điện thoại
onboard-skip = Bỏ qua
onboard-skipped = Không sao, bạn vẫn xem được phần hỏi đáp chính sách. Nếu bạn là cán bộ mới chưa có trong danh sách, hãy gửi yêu cầu truy cập để cán bộ xã duyệt.
onboard-linked = ✅ Đã xác minh số { $phone } — tài khoản của bạn đã được kết nối.
onboard-linked-short = ✅ Số điện thoại của bạn có trong danh sách cán bộ — tài khoản đã được kết nối, không cần xin quyền. Bấm nút dưới đây để mở menu.
onboard-not-on-roster = Số { $phone } chưa có trong danh sách cán bộ.
onboard-request-hint = Nếu bạn là cán bộ mới, hãy gửi yêu cầu truy cập để cán bộ xã duyệt.
onboard-inactive = ⛔ Quyền truy cập của cán bộ có số { $phone } đã bị tắt. Nếu cần dùng lại, hãy liên hệ { $contacts }.
onboard-linked-elsewhere = Số { $phone } đã được kết nối với một tài khoản Telegram khác. Nếu bạn vừa đổi máy hay tài khoản, hãy nhờ { $contacts } gỡ kết nối cũ rồi thử lại.
onboard-already = Bạn đã được xác minh rồi.
access-off = ⛔ Quyền truy cập của bạn đã bị tắt. Nếu cần dùng lại, hãy liên hệ { $contacts }.
access-contact = { $name } ({ $role })
access-contact-or = {" "}hoặc{" "}
access-contact-none = quản trị viên của tỉnh
