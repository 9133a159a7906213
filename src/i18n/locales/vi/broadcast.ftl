# Gửi tin hàng loạt (thông báo, khóa học): tin báo tiến độ của người gửi và báo cáo cuối cùng.
broadcast-progress = 📤 Đã gửi { $sent }/{ $total }{ $unreachable ->
    [0] {""}
   *[other] {" · "}{ $unreachable } không liên lạc được
} · { $minutes ->
    [0] còn dưới 1 phút
   *[other] còn khoảng { $minutes } phút
}
broadcast-done = ✅ Đã gửi xong: { $sent }/{ $total } người đã nhận{ $unreachable ->
    [0] {""}
   *[other] {" · "}{ $unreachable } không liên lạc được
}.
broadcast-report-title = 📋 Kết quả gửi “{ $text }”: { $sent }/{ $total } người đã nhận.
broadcast-report-all-reached = Tất cả đều đã nhận được tin.
broadcast-report-unreachable = { $count } người chưa nhận được, hãy liên hệ trực tiếp:
broadcast-report-line = • { $name }{ $phone } — { $reason }
broadcast-report-phone = , 📞 { $phone }
broadcast-report-never-connected = chưa dùng bot
broadcast-report-blocked = đã chặn bot
broadcast-report-failed = gửi không được
broadcast-report-never-wrote = chưa từng nhắn cho bot trên Zalo (Zalo chỉ cho bot nhắn người đã nhắn trước)
broadcast-report-quota = bot đã hết hạn mức tin Zalo của tháng
broadcast-report-paid-off = không nhắn cho bot Zalo đã hơn 48 giờ, mà tin trả phí đang tắt
broadcast-report-window-closed = không nhắn cho bot Zalo đã hơn 7 ngày, và chưa có tin mẫu cho loại tin này
broadcast-report-no-phone = không có số điện thoại để gửi tin mẫu Zalo
broadcast-report-how = Đã gửi thế nào:
broadcast-report-how-line = • { $name } — { $how }
broadcast-report-how-free = { $channel }
broadcast-report-how-zalo-free = Zalo, miễn phí
broadcast-report-how-zalo-paid = Zalo, tin trả phí (~{ $cost } đ)
broadcast-report-how-template = Zalo, tin mẫu qua số điện thoại (~{ $cost } đ)
broadcast-report-modes = Tổng: { $modes }
broadcast-report-mode-count = { $how }: { $count }
broadcast-report-cost = Chi phí ước tính: { $cost } đ
broadcast-report-cost-none = Không tốn phí.
broadcast-report-more = … và { $count } người khác
