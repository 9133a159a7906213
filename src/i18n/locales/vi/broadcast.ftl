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
broadcast-report-more = … và { $count } người khác
