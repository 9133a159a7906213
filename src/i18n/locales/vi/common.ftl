## Chung — dùng ở mọi nơi

app-name = Trợ lý Giảm nghèo

role-hamlet_head = Trưởng thôn
role-commune_officer = Cán bộ xã
role-trainer = Giảng viên
role-supervisor = Lãnh đạo
role-admin = Quản trị viên

level-province = tỉnh
level-district = huyện
level-commune = xã/phường
level-hamlet = thôn/tổ dân phố

locale-name-vi = Tiếng Việt
locale-name-en = English

error-generic = 😥 Xin lỗi, đã có lỗi xảy ra. Bạn thử lại nhé, hoặc gõ menu (/start) để về menu chính.
error-interrupted = 😥 Thao tác vừa rồi bị gián đoạn. Bạn hãy bắt đầu lại từ menu: gõ menu (hoặc /start).
not-allowed = 🔒 Bạn không có quyền dùng chức năng này.
stale-button = Nút này đã cũ, không còn dùng được. Gõ menu (hoặc /start) để mở menu mới.
stale-button-alert = Nút đã cũ — gõ menu (hoặc /start) để mở menu mới.
unsupported-message = Mình chưa xử lý được loại tin nhắn này. Bạn hãy gõ câu hỏi bằng chữ, hoặc chọn trong menu.
unknown-command = Mình không biết lệnh { $command }. Bấm 🏠 Menu chính bên dưới, hoặc gõ hướng dẫn (/help) để xem bot làm được gì.
button-menu = 🏠 Menu chính
button-back = ◀ Quay lại
button-prev = ◀ Trước
button-next = Sau ▶
button-cancel = ✖️ Hủy
