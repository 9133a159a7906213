## Thông tin cá nhân, ngôn ngữ, đơn vị

profile =
    👤 <b>{ $name }</b>
    Vai trò: { $role }
    Đơn vị: { $unit }
    Số điện thoại: { $phone }
    Ngôn ngữ: { $locale }
profile-no-phone = chưa có

link-channel-button = 🔗 Liên kết { $channel }
link-code =
    🔗 Mã liên kết { $channel }: <code>{ $code }</code>
    Mở bot Trợ lý Giảm nghèo trên { $channel } và gửi mã này trong 15 phút (đến { $until }), rồi xác nhận họ tên. Tài khoản { $channel } sẽ dùng chung thông tin, báo cáo nháp và quyền của anh/chị.
link-already = Anh/chị đã kết nối { $channel } rồi.

language-prompt = Chọn ngôn ngữ / Choose your language:
language-changed = ✅ Đã chuyển sang Tiếng Việt.

units-overview-head = 🏘 <b>{ $unit }</b>
units-overview-units = Đơn vị trực thuộc: { $list }
units-overview-no-units = Không có đơn vị trực thuộc.
units-overview-count = { $count } { $level }
units-overview-people = Cán bộ đang hoạt động: { $people } (đã kết nối với bot: { $linked })
units-overview-no-people = Chưa có cán bộ nào đang hoạt động.
units-overview-role = • { $role }: { $count }
