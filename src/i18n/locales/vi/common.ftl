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

error-generic = 😥 Xin lỗi, đã có lỗi xảy ra. Bạn thử lại nhé, hoặc gõ /start để về menu chính.
error-interrupted = 😥 Thao tác vừa rồi bị gián đoạn. Bạn hãy bắt đầu lại từ menu (/start).
not-allowed = 🔒 Bạn không có quyền dùng chức năng này.
stale-button = Nút này đã cũ, không còn dùng được. Mở menu mới bằng /start.
stale-button-alert = Nút đã cũ — gõ /start để mở menu mới.
unsupported-message = Mình chưa xử lý được loại tin nhắn này. Bạn hãy gõ câu hỏi bằng chữ, hoặc chọn trong menu (/start).
unknown-command = Mình không biết lệnh { $command }. Gõ /help để xem các lệnh có thể dùng.
button-menu = 🏠 Menu chính
button-back = ◀ Quay lại
button-prev = ◀ Trước
button-next = Sau ▶
button-cancel = ✖️ Hủy
