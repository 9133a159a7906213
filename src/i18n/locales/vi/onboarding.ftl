## Xác minh bằng số điện thoại

onboard-prompt = Nếu bạn là cán bộ đã có tên trong danh sách, bấm <b>📱 Xác minh bằng số điện thoại</b> bên dưới — chỉ một chạm.
onboard-button = 📱 Xác minh bằng số điện thoại
onboard-linked = ✅ Đã xác minh số { $phone } — tài khoản của bạn đã được kết nối.
onboard-linked-short = ✅ Số điện thoại của bạn có trong danh sách cán bộ — tài khoản đã được kết nối, không cần xin quyền. Bấm nút dưới đây để mở menu.
onboard-not-on-roster = Số { $phone } chưa có trong danh sách cán bộ.
onboard-request-hint = Nếu bạn là cán bộ mới, hãy gửi yêu cầu truy cập để cán bộ xã duyệt.
onboard-inactive = Tài khoản cán bộ gắn với số { $phone } đang tạm ngừng hoạt động. Hãy liên hệ cán bộ xã hoặc quản trị viên.
onboard-linked-elsewhere = Số { $phone } đã được kết nối với một tài khoản Telegram khác. Nếu bạn vừa đổi tài khoản, hãy nhờ cán bộ xã hoặc quản trị viên gỡ kết nối cũ rồi thử lại.
onboard-already = Bạn đã được xác minh rồi. Gõ /start để mở menu.
