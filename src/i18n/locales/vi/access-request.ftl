## Xin quyền truy cập (hội thoại)

ar-task = xin quyền truy cập
ar-intro =
    📝 <b>Xin quyền truy cập</b>
    Bạn trả lời 4 câu hỏi ngắn. Gõ /cancel bất cứ lúc nào để dừng.

    <b>Câu 1/4.</b> Họ và tên đầy đủ của bạn là gì?
ar-name-invalid = Họ tên cần từ 2 đến 80 ký tự, gồm chữ cái và khoảng trắng. Bạn gõ lại giúp mình nhé.
ar-phone =
    <b>Câu 2/4.</b> Bấm nút <b>📱 Gửi số điện thoại của tôi</b> bên dưới, hoặc gõ số điện thoại của bạn.
ar-phone-button = 📱 Gửi số điện thoại của tôi
ar-phone-invalid = Số điện thoại chưa đúng. Hãy bấm nút gửi số, hoặc gõ số dạng 0912 345 678.
ar-phone-not-own = Đây là số điện thoại của người khác. Hãy gửi số của chính bạn (bấm nút bên dưới).
ar-phone-received = Đã nhận số { $phone }.
ar-role = <b>Câu 3/4.</b> Bạn làm công việc gì?
ar-unit-commune = <b>Câu 4/4.</b> Bạn công tác ở xã/phường nào?
ar-unit-hamlet = Bạn là trưởng thôn của thôn/tổ dân phố nào ({ $commune })?
ar-unit-trainer = <b>Câu 4/4.</b> Bạn thuộc đơn vị nào? (Chọn tỉnh nếu bạn là cán bộ cấp tỉnh.)
ar-unit-empty = Chưa có đơn vị nào trong danh sách. Bạn hãy liên hệ trực tiếp cán bộ xã.
ar-confirm =
    Bạn kiểm tra lại thông tin:
    • Họ tên: <b>{ $name }</b>
    • Điện thoại: { $phone }
    • Công việc: { $role }
    • Đơn vị: { $unit }
ar-button-send = ✅ Gửi yêu cầu
ar-button-restart = ✏️ Làm lại
ar-sent =
    ✅ Đã gửi yêu cầu. Cán bộ phụ trách sẽ xem xét và cấp quyền cho bạn.
    Trong lúc chờ, bạn vẫn xem được phần hỏi đáp chính sách.
ar-already-pending = Bạn đã có một yêu cầu truy cập đang chờ xem xét ({ $unit }). Không cần gửi lại.
ar-unit-gone = Đơn vị bạn chọn không còn trong danh sách. Bạn hãy gửi lại yêu cầu.
ar-already-member = Bạn đã có quyền truy cập rồi. Gõ /start để mở menu.
ar-cancelled = Đã hủy yêu cầu. Gõ /start để về menu chính.
ar-use-buttons = Bạn hãy chọn một nút ở tin nhắn trên (hoặc gõ số thứ tự), hoặc gõ /cancel để dừng.
ar-text-expected = Mình cần câu trả lời bằng chữ. Bạn gõ lại giúp mình, hoặc gõ /cancel để dừng.
ar-busy = Bạn đang xin quyền truy cập. Trả lời câu hỏi ở trên, hoặc gõ /cancel để dừng.
ar-expired = ⌛ Yêu cầu truy cập bạn đang điền đã bỏ dở quá lâu nên đã được hủy. Khi cần, bấm <b>📝 Xin quyền truy cập</b> để làm lại.
