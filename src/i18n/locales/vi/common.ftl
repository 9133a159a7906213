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
zalo-unsupported-message = Tin nhắn này không tới được bot: qua Zalo, bot chỉ nhận chữ, ảnh và nhãn dán. Bạn hãy gõ bằng chữ (hoặc gửi ảnh).
zalo-choice-hint = Trả lời bằng số (hoặc gõ tên lựa chọn).
zalo-choice-also = Hoặc gõ: { $labels }
zalo-choice-contact = 📱 Gõ số điện thoại của bạn (ví dụ 0912 345 678).
zalo-oa-choice-contact = 📱 Bấm vào tin ngay sau đây để chia sẻ số điện thoại Zalo của bạn.
zalo-oa-user-info-title = Xác minh số điện thoại
zalo-oa-user-info-subtitle = Chia sẻ số điện thoại Zalo để bot tìm bạn trong danh sách cán bộ.
zalo-choice-location = 📍 Gõ địa chỉ hoặc mô tả nơi đó.
zalo-choice-unknown-number = Số { $number } không có trong lựa chọn hiện tại.
zalo-document-link = 📎 { $name }: { $link } (hết hạn { $expires })
zalo-document-link-lasting = 📎 { $name }: { $link }
outbox-quota-sender = ⚠️ Bot đã hết hạn mức tin nhắn { $channel } của tháng này: tin gửi <b>{ $name }</b> (và có thể cả những người khác dùng { $channel }) không đi được. Hãy liên hệ trực tiếp{ $phone } — tin qua { $channel } sẽ đi lại được từ đầu tháng sau.
outbox-quota-phone = , 📞 { $phone }
outbox-quota-warning = ⚠️ Bot đã dùng { $used }/{ $quota } tin nhắn { $channel } của tháng { $month }. Hết hạn mức thì tin nhắn qua { $channel } sẽ không đi được đến đầu tháng sau — hãy nâng gói hoặc nhắc mọi người kết nối thêm kênh khác.
unknown-command = Mình không biết lệnh { $command }. Bấm 🏠 Menu chính bên dưới, hoặc gõ hướng dẫn (/help) để xem bot làm được gì.
button-menu = 🏠 Menu chính
button-back = ◀ Quay lại
button-prev = ◀ Trước
button-next = Sau ▶
button-cancel = ✖️ Hủy
