## Thông tin cá nhân, ngôn ngữ, đơn vị

profile =
    👤 <b>{ $name }</b>
    Vai trò: { $role }
    Đơn vị: { $unit }
    Số điện thoại: { $phone }
    Ngôn ngữ: { $locale }
profile-no-phone = chưa có

language-prompt = Chọn ngôn ngữ / Choose your language:
language-changed = ✅ Đã chuyển sang Tiếng Việt.

units-overview-head = 🏘 <b>{ $unit }</b>
units-overview-units = Đơn vị trực thuộc: { $list }
units-overview-no-units = Không có đơn vị trực thuộc.
units-overview-count = { $count } { $level }
units-overview-people = Cán bộ đang hoạt động: { $people } (đã kết nối với bot: { $linked })
units-overview-no-people = Chưa có cán bộ nào đang hoạt động.
units-overview-role = • { $role }: { $count }
