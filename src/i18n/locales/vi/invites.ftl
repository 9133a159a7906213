## Lời mời

inv-busy = Bạn đang tạo lời mời. Chọn ở tin nhắn trên, hoặc gõ hủy để dừng.
inv-role = 🔗 <b>Tạo lời mời</b> — người được mời sẽ làm gì?
inv-unit = Chọn đơn vị cho { $role }:
inv-uses = Liên kết dùng được cho bao nhiêu người?
inv-uses-option = { $n } người
inv-days = Liên kết có hiệu lực trong bao lâu?
inv-days-option = { $n } ngày
inv-cancelled = Đã hủy, chưa tạo lời mời nào.
inv-not-allowed = Bạn không thể tạo lời mời cho vai trò hoặc đơn vị này.
inv-head-when = Việc bạn chọn sẽ được thực hiện khi người được mời nhận lời.
inv-head-keep_both = Khi người được mời nhận lời, thôn sẽ có hai trưởng thôn (giữ cả hai).
inv-head-deactivate = Khi người được mời nhận lời, trưởng thôn hiện tại sẽ bị ngừng kích hoạt.
inv-head-move = Khi người được mời nhận lời, trưởng thôn hiện tại sẽ được chuyển sang thôn bạn đã chọn.
inv-created =
    🔗 Đã tạo lời mời: <b>{ $role }</b> — { $unit }.
    Dùng được cho { $uses } người, hết hạn ngày { $until }.
    Gửi liên kết này cho người được mời (chỉ hiện một lần):
    <a href="{ $link }">{ $link }</a>
inv-invalid = Liên kết mời không hợp lệ hoặc đã hết hạn. Hãy xin người mời gửi liên kết mới.
inv-rate-limited = Bạn đã thử quá nhiều liên kết không hợp lệ. Vui lòng thử lại sau một giờ.
inv-already-member = Bạn đã có quyền truy cập rồi, không cần dùng lời mời. Gõ menu để mở menu chính.
ia-busy = Bạn đang nhận lời mời. Trả lời câu hỏi ở trên, hoặc gõ hủy để dừng.
ia-intro =
    👋 Bạn được mời tham gia Trợ lý Giảm nghèo với vai trò <b>{ $role }</b> — { $unit }.
    Họ và tên đầy đủ của bạn là gì?
ia-phone = Bấm nút <b>📱 Gửi số điện thoại của tôi</b> bên dưới để xác minh.
ia-phone-verify = Cần xác minh số điện thoại: hãy bấm nút <b>📱 Gửi số điện thoại của tôi</b> (không gõ tay).
ia-welcome = ✅ Chào mừng bạn! Bạn đã tham gia với vai trò <b>{ $role }</b> — { $unit }.
ia-open-menu = Bấm nút dưới đây để mở menu.
ia-refused-inactive = ⛔ Quyền truy cập của cán bộ có số { $phone } đã bị tắt; lời mời không mở lại được quyền này. Nếu cần dùng lại, hãy liên hệ { $contacts }. Người gửi lời mời cũng đã được báo.
ia-refused-roster =
    Số { $phone } đã có trong danh sách cán bộ: <b>{ $role }</b> — { $unit }. Lời mời (<b>{ $inviteRole }</b> — { $inviteUnit }) không đổi được vai trò hay đơn vị của người đã có trong danh sách.
    Nếu cần đổi, hãy liên hệ { $inviter }, người gửi lời mời (đã được báo).
inv-refused-inactive-notice = ⚠️ Lời mời <b>{ $role }</b> — { $unit } của bạn vừa được mở bằng số { $phone } ({ $name }) nhưng không được nhận: số này thuộc một cán bộ đã bị ngừng hoạt động. Lời mời không mở lại quyền truy cập; nếu người này cần dùng lại, quản trị viên kích hoạt lại trong 👥 Quản lý cán bộ.
inv-refused-roster_mismatch-notice = ⚠️ Lời mời <b>{ $role }</b> — { $unit } của bạn vừa được mở bằng số { $phone } ({ $name }) nhưng không được nhận: số này đã có trong danh sách cán bộ với vai trò hoặc đơn vị khác. Lời mời không đổi vai trò hay đơn vị; nếu cần đổi, hãy đổi trong 👥 Quản lý cán bộ.
inv-task = tạo lời mời
ia-task = nhận lời mời
