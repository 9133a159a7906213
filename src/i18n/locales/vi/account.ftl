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

units-overview =
    🏘 <b>{ $unit }</b>
    Đơn vị trực thuộc: { $communes } xã/phường, { $hamlets } thôn/tổ dân phố
    Cán bộ đang hoạt động: { $people } (đã kết nối với bot: { $linked })
    • Trưởng thôn: { $hamletHeads }
    • Cán bộ xã: { $communeOfficers }
    • Giảng viên: { $trainers }
    • Lãnh đạo: { $supervisors }
    • Quản trị viên: { $admins }
