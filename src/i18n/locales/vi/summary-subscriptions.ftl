## Nhận tổng hợp định kỳ: danh sách đăng ký, thêm, tạm dừng, tiếp tục, xóa

menu-summary-subscriptions = 🔔 Nhận tổng hợp
command-nhantonghop = Nhận bản tổng hợp định kỳ
sms-task = đăng ký nhận tổng hợp
sms-busy = Bạn đang đăng ký nhận tổng hợp. Trả lời câu hỏi ở trên, hoặc gõ hủy để dừng.

# Danh sách
sms-title = 🔔 <b>Nhận tổng hợp định kỳ</b>
sms-none =
    Bạn chưa đăng ký nhận bản tổng hợp nào.
    Bấm ➕ để đăng ký: mặc định 07:30 sáng thứ Hai hằng tuần, cho đơn vị của bạn.
sms-item = 🔸 <b>{ $unit }</b>: { $schedule }
sms-item-next = Lần tới: { $time } { $weekday }, { $date }
sms-item-paused = ⏸ Đang tạm dừng
sms-button-add = ➕ Đăng ký mới
sms-button-pause = ⏸ Tạm dừng: { $name }
sms-button-resume = ▶️ Tiếp tục: { $name }
sms-button-delete = 🗑 Xóa: { $name }
sms-button-list = 🔔 Danh sách đăng ký

# Lịch gửi
sms-schedule-daily = hằng ngày lúc { $time }
sms-schedule-weekly = { $time } { $weekday } hằng tuần
sms-schedule-monthly = { $time } ngày { $day } hằng tháng
sms-weekday-1 = thứ Hai
sms-weekday-2 = thứ Ba
sms-weekday-3 = thứ Tư
sms-weekday-4 = thứ Năm
sms-weekday-5 = thứ Sáu
sms-weekday-6 = thứ Bảy
sms-weekday-7 = Chủ nhật

# Thêm đăng ký
sms-ask-unit = Bạn muốn nhận tổng hợp của đơn vị nào? Chọn ✅ để lấy cả <b>{ $unit }</b>, hoặc chọn một đơn vị bên dưới để thu hẹp.
sms-unit-whole = ✅ Cả { $unit }
sms-ask-cadence = Bao lâu gửi một lần?
sms-cadence-daily = Hằng ngày
sms-cadence-weekly = Hằng tuần
sms-cadence-monthly = Hằng tháng
sms-ask-weekday = Gửi vào thứ mấy?
sms-ask-month-day = Gửi vào ngày nào trong tháng? Gõ một số từ 1 đến 28.
sms-month-day-first = Ngày 1
sms-month-day-invalid = Ngày trong tháng phải là một số từ 1 đến 28 (ngày 29–31 không tháng nào cũng có).
sms-ask-time = Gửi lúc mấy giờ? Chọn bên dưới, hoặc gõ giờ như <b>7h30</b> hay <b>17:00</b>.
sms-time-invalid = Mình chưa hiểu giờ này. Bạn gõ giờ như <b>7h30</b>, <b>07:30</b> hay <b>17:00</b> (từ 00:00 đến 23:59).
sms-subscribed =
    ✅ Đã đăng ký nhận tổng hợp <b>{ $unit }</b>: { $schedule }.
    Lần tới: { $time } { $weekday }, { $date }.
sms-updated =
    ✅ Đã cập nhật đăng ký <b>{ $unit }</b>: { $schedule }.
    Lần tới: { $time } { $weekday }, { $date }.
sms-cancelled = Đã hủy, chưa đăng ký gì thêm.

# Tạm dừng, tiếp tục, xóa
sms-paused = ⏸ Đã tạm dừng tổng hợp <b>{ $unit }</b>. Bấm ▶️ để nhận lại (các kỳ trong lúc tạm dừng sẽ không gửi bù).
sms-resumed = ▶️ Đã bật lại tổng hợp <b>{ $unit }</b>. Lần tới: { $time } { $weekday }, { $date }.
sms-delete-confirm = Xóa đăng ký nhận tổng hợp <b>{ $unit }</b> ({ $schedule })?
sms-button-delete-yes = 🗑 Xóa đăng ký
sms-deleted = 🗑 Đã xóa đăng ký nhận tổng hợp <b>{ $unit }</b>.
sms-gone = Đăng ký này không còn (có thể đã bị xóa). Đây là danh sách hiện tại.
sms-out-of-scope = 🔒 Đơn vị này không thuộc phạm vi của bạn.
sms-unknown-unit = Đơn vị này không còn hoạt động. Bạn hãy chọn đơn vị khác.
