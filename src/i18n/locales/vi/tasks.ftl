## Dùng chung cho các việc nhiều bước (hội thoại)

task-expired = ⌛ Việc bạn đang làm dở đã bị bỏ quá lâu nên đã được hủy. Khi cần, hãy bắt đầu lại từ menu (/start).
task-use-buttons = Bạn hãy chọn một nút ở tin nhắn trên (hoặc gõ số thứ tự), hoặc gõ /cancel để dừng.
task-text-expected = Mình cần câu trả lời bằng chữ. Bạn gõ lại giúp mình, hoặc gõ /cancel để dừng.
phone-button = 📱 Gửi số điện thoại của tôi
phone-not-own = Đây là số điện thoại của người khác. Hãy gửi số của chính bạn (bấm nút bên dưới).
phone-invalid = Số điện thoại chưa đúng. Hãy bấm nút gửi số, hoặc gõ số dạng 0912 345 678.
unit-none = Ở đây chưa có đơn vị nào để chọn.
