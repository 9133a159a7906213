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
onboard-linked-elsewhere = Số { $phone } đã được kết nối với một tài khoản { $channel } khác. Nếu bạn vừa đổi máy hay tài khoản, hãy nhờ { $contacts } gỡ kết nối cũ rồi thử lại.
onboard-already = Bạn đã được xác minh rồi.

## Mã kích hoạt (Zalo và những nơi không gửi được số điện thoại)

act-first-contact = 👋 Chào anh/chị! Mình là <b>Trợ lý Giảm nghèo</b>. Gửi mã kích hoạt do cán bộ xã/quản trị viên cấp cho anh/chị (ví dụ <b>ABCD-EF23</b>) để dùng đủ các chức năng. Chưa có mã thì vẫn gõ câu hỏi về chính sách được.
act-prompt = Gửi mã kích hoạt do cán bộ xã/quản trị viên cấp cho anh/chị (8 ký tự, ví dụ <b>ABCD-EF23</b>). Chưa có mã thì hãy liên hệ cán bộ xã, hoặc chọn <b>Bỏ qua</b>.
act-have-code = 🔑 Tôi có mã kích hoạt
act-menu-button = 🔑 Nhập mã kích hoạt
act-ask-code = Gửi mã kích hoạt (8 ký tự, ví dụ <b>ABCD-EF23</b>; chữ hoa hay thường đều được):
act-code-format = Mã kích hoạt gồm 8 chữ và số, ví dụ ABCD-EF23. Gõ lại, hoặc gõ hủy để dừng.
act-confirm = Anh/chị là <b>{ $name }</b>, { $role } — { $unit }?
act-yes = Có
act-no = Không
act-linked = ✅ Đã kết nối tài khoản với <b>{ $name }</b>. Từ nay anh/chị dùng bot ở đây như trên mọi ứng dụng khác đã kết nối.
act-declined = Mã chưa được dùng. Nếu mã này không phải của anh/chị, hãy báo lại người đã đưa mã.
act-failed-wrong = ❌ Mã này không đúng. Kiểm tra lại từng ký tự rồi gửi lại.
act-failed-expired = ⌛ Mã này đã hết hạn. Hãy xin cán bộ xã/quản trị viên một mã mới.
act-failed-used = Mã này đã được dùng rồi. Mỗi mã chỉ dùng được một lần; hãy xin một mã mới.
act-failed-revoked = Mã này đã bị thay bằng mã mới hoặc bị thu hồi. Hãy dùng mã mới nhất, hoặc xin một mã mới.
act-failed-rate_limited = 🔒 Anh/chị đã gửi sai mã nhiều lần. Hãy đợi một giờ rồi thử lại, hoặc liên hệ cán bộ xã.
act-failed-already_member = Tài khoản này đã được kết nối rồi.
act-failed-inactive = ⛔ Quyền truy cập của người có mã này đã bị tắt; mã không mở lại được. Nếu cần dùng lại, hãy liên hệ { $contacts }.
act-failed-linked_elsewhere = Người có mã này đã kết nối một tài khoản khác trên ứng dụng này. Nếu anh/chị vừa đổi máy hay tài khoản, hãy nhờ { $contacts } gỡ kết nối cũ rồi gửi lại mã.
act-busy = Anh/chị đang nhập mã kích hoạt. Trả lời ở tin nhắn trên, hoặc gõ hủy để dừng.
act-task = nhập mã kích hoạt
access-off = ⛔ Quyền truy cập của bạn đã bị tắt. Nếu cần dùng lại, hãy liên hệ { $contacts }.
access-contact = { $name } ({ $role })
access-contact-or = {" "}hoặc{" "}
access-contact-none = quản trị viên của tỉnh
