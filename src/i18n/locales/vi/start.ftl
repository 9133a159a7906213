## /start, menu chính, /help, /cancel

welcome-member =
    Chào { $name }! 👋
    Bạn đang dùng <b>Trợ lý Giảm nghèo</b> với vai trò <b>{ $role }</b> — { $unit }.
welcome-stranger =
    Xin chào! 👋 Đây là <b>Trợ lý Giảm nghèo</b>, trợ lý cho cán bộ làm công tác giảm nghèo.
    Số điện thoại bạn đã xác minh chưa có trong danh sách cán bộ nên hiện bạn chỉ xem được phần hỏi đáp chính sách. Nếu bạn là cán bộ mới, hãy bấm <b>📝 Xin quyền truy cập</b>.
welcome-unverified =
    Xin chào! 👋 Đây là <b>Trợ lý Giảm nghèo</b>, trợ lý cho cán bộ làm công tác giảm nghèo.
    Nếu bạn là cán bộ, bấm <b>📱 Xác minh bằng số điện thoại</b> để bot nhận ra bạn trong danh sách cán bộ — chỉ một chạm. Ai cũng xem được phần hỏi đáp chính sách.
welcome-unverified-code =
    Xin chào! 👋 Đây là <b>Trợ lý Giảm nghèo</b>, trợ lý cho cán bộ làm công tác giảm nghèo.
    Nếu anh/chị là cán bộ, hãy gửi mã kích hoạt do cán bộ xã/quản trị viên cấp (ví dụ ABCD-EF23) để bot nhận ra anh/chị. Ai cũng xem được phần hỏi đáp chính sách.
welcome-inactive =
    Xin chào! 👋 Quyền truy cập <b>Trợ lý Giảm nghèo</b> của bạn đã bị tắt. Nếu cần dùng lại, hãy liên hệ { $contacts }.
    Trong lúc này bạn vẫn xem được phần hỏi đáp chính sách.
welcome-stranger-pending =
    Xin chào! 👋 Yêu cầu truy cập của bạn ({ $unit }) đang chờ cán bộ phụ trách xem xét. Trong lúc chờ, bạn vẫn xem được phần hỏi đáp chính sách.
menu-prompt = Chọn việc cần làm:
menu-faq = 📚 Hỏi đáp chính sách
menu-profile = 👤 Thông tin của tôi
menu-units = 🏘 Đơn vị của tôi
menu-language = 🌐 Ngôn ngữ / Language
menu-help = ❓ Hướng dẫn
menu-request-access = 📝 Xin quyền truy cập

help-member =
    <b>Hướng dẫn</b>
    • Bấm nút trong menu để chọn việc; gõ <b>menu</b> bất cứ lúc nào để về menu chính.
    • Muốn dừng việc đang làm dở: gõ <b>hủy</b>. Bấm sang việc khác thì việc đang làm dở cũng tự dừng.
    • Muốn hỏi về chính sách giảm nghèo: gõ câu hỏi, hoặc bấm <b>📚 Hỏi đáp chính sách</b>.
    Lệnh tương ứng: /start — menu chính · /help — hướng dẫn · /cancel — hủy việc đang làm
help-role-hamlet_head = Với trưởng thôn: <b>📝 Gửi báo cáo</b> (hoặc /baocao) để báo cáo nhanh từ thôn — mỗi câu trả lời được lưu ngay, bấm <b>Để sau</b> để làm tiếp lúc khác. <b>👤 Thông tin của tôi</b> để kiểm tra thôn và số điện thoại đã đăng ký.
help-role-commune_officer = Với cán bộ xã: <b>📊 Tình hình báo cáo</b> để xem thôn nào đã/chưa báo cáo, nhắc, yêu cầu bổ sung, xuất Excel; <b>📝 Yêu cầu truy cập</b> để duyệt người mới, <b>👥 Quản lý cán bộ</b> để gỡ kết nối hay sửa số điện thoại, <b>🔗 Tạo lời mời</b> để mời trưởng thôn, <b>🔑 Cấp mã kích hoạt</b> để cán bộ kết nối Zalo, <b>🏘 Đơn vị của tôi</b> để xem số thôn và cán bộ trong xã.
help-role-trainer = Với giảng viên: /taokhoahoc để tạo khóa học — xem trước thông báo đúng như người nhận thấy, số người sẽ nhận, rồi đăng; sau đó sửa hoặc hủy từ màn hình khóa học. <b>📣 Gửi thông báo</b> (/thongbao) để gửi thông báo, kèm ảnh hoặc tệp, tới cán bộ trong phạm vi phụ trách. <b>📋 Duyệt câu trả lời mới</b> để sửa và duyệt câu trả lời cán bộ đề xuất trong phạm vi phụ trách; <b>📈 Nội dung cần xem lại</b> (/noidung) liệt kê câu trả lời bị chê, câu hỏi bot chưa trả lời chắc và mục quá hạn xem lại. Bấm <b>👤 Thông tin của tôi</b> để kiểm tra đơn vị và số điện thoại đã đăng ký.
help-role-supervisor = Với lãnh đạo: <b>📊 Tổng hợp</b> (/tonghop) gửi ngay bản tổng hợp của cả địa bàn hoặc một đơn vị — theo từng đơn vị, kèm biểu đồ và tệp Excel; <b>🔔 Nhận tổng hợp</b> để nhận định kỳ; <b>🏘 Đơn vị của tôi</b> cho biết số đơn vị, cán bộ và ai đã báo cáo kỳ này; <b>🔗 Tạo lời mời</b> để mời cán bộ mới.
help-role-admin = Với quản trị viên: duyệt <b>📝 Yêu cầu truy cập</b>, <b>👥 Quản lý cán bộ</b> (vai trò, đơn vị, ngừng hoạt động), <b>📣 Gửi thông báo</b>, /taokhoahoc (tạo khóa học), <b>🔗 Tạo lời mời</b>, <b>🔑 Cấp mã kích hoạt</b> (kết nối Zalo), <b>📋 Duyệt câu trả lời mới</b>, <b>📈 Nội dung cần xem lại</b> (/noidung); gửi tệp Excel/CSV danh sách cán bộ hoặc đơn vị vào đây để nhập.
help-stranger =
    <b>Hướng dẫn</b>
    • Gõ câu hỏi, hoặc bấm <b>📚 Hỏi đáp chính sách</b> để xem giải đáp về chính sách giảm nghèo.
    • Nếu bạn là cán bộ mới, bấm <b>📝 Xin quyền truy cập</b> để được cấp quyền.
    Lệnh tương ứng: /start — menu chính · /help — hướng dẫn · /cancel — hủy việc đang làm
help-unverified =
    <b>Hướng dẫn</b>
    • Nếu bạn là cán bộ: bấm <b>📱 Xác minh bằng số điện thoại</b> — bot tìm số của bạn trong danh sách cán bộ và mở các chức năng theo vai trò của bạn.
    • Ai cũng có thể gõ câu hỏi về chính sách giảm nghèo, hoặc bấm <b>📚 Hỏi đáp chính sách</b>.
    • Không muốn xác minh: gõ <b>bỏ qua</b> để xin quyền truy cập.
    Lệnh tương ứng: /start — menu chính · /help — hướng dẫn · /cancel — hủy việc đang làm
help-unverified-code =
    <b>Hướng dẫn</b>
    • Nếu anh/chị là cán bộ: gửi mã kích hoạt do cán bộ xã/quản trị viên cấp (ví dụ ABCD-EF23) — bot kết nối tài khoản và mở các chức năng theo vai trò của anh/chị.
    • Ai cũng có thể gõ câu hỏi về chính sách giảm nghèo, hoặc chọn <b>📚 Hỏi đáp chính sách</b>.
    • Chưa có mã: gõ <b>bỏ qua</b> để xin quyền truy cập.
    Lệnh tương ứng: /start — menu chính · /help — hướng dẫn · /cancel — hủy việc đang làm
help-inactive =
    <b>Hướng dẫn</b>
    • Quyền truy cập của bạn đã bị tắt. Nếu cần dùng lại, hãy liên hệ { $contacts }.
    • Bạn vẫn xem được phần hỏi đáp chính sách: gõ câu hỏi, hoặc bấm <b>📚 Hỏi đáp chính sách</b>.
    Lệnh tương ứng: /start — menu chính · /help — hướng dẫn · /cancel — hủy việc đang làm
help-in-conversation = Bạn đang làm dở: <b>{ $task }</b>. Trả lời tiếp câu hỏi ở trên, hoặc gõ <b>hủy</b> (/cancel) để dừng.

cancel-done = Đã hủy việc đang làm.
cancel-nothing = Không có việc gì đang làm dở.

command-start = Menu chính
command-help = Hướng dẫn
command-cancel = Hủy việc đang làm
command-faq = Hỏi đáp chính sách
command-me = Thông tin của tôi
command-units = Đơn vị của tôi
command-taokhoahoc = Tạo khóa học
command-thongbao = Gửi thông báo
command-language = Đổi ngôn ngữ
menu-access-requests = 📝 Yêu cầu truy cập
menu-people = 👥 Quản lý cán bộ
menu-activation-codes = 🔑 Cấp mã kích hoạt
menu-invite = 🔗 Tạo lời mời
menu-announce = 📣 Gửi thông báo
