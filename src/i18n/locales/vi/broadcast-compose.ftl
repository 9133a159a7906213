## Thông báo (gửi tới nhiều người)

ann-task = gửi thông báo
ann-busy = Bạn đang soạn thông báo. Trả lời câu hỏi ở trên, hoặc gõ hủy để dừng.
ann-cancelled = Đã dừng, chưa gửi thông báo nào.
ann-ask-text = 📣 <b>Gửi thông báo</b> — gõ nội dung (tối đa { $max } ký tự). Muốn kèm ảnh hoặc tệp thì gửi ảnh/tệp với nội dung làm chú thích.
ann-ask-text-only = 📣 <b>Gửi thông báo</b> — gõ nội dung (tối đa { $max } ký tự). Trên Zalo chỉ gửi được thông báo bằng chữ.
ann-files-not-here = Trên Zalo chỉ gửi được thông báo bằng chữ (không kèm ảnh, tệp). Hãy gõ nội dung thông báo:
ann-ask-caption = Đã nhận tệp. Gõ nội dung đi kèm (tối đa { $max } ký tự):
ann-ask-units = Gửi cho đơn vị nào? Chọn một hoặc nhiều, rồi bấm <b>Xong</b>.
ann-ask-roles = Gửi cho những ai? Chọn một hoặc nhiều, rồi bấm <b>Xong</b>.
ann-preview-head = ☝️ Đây là thông báo người nhận sẽ thấy.
ann-preview-confirm = Gửi thông báo này?
ann-send = 📤 Gửi
ann-refused-text = Nội dung trống hoặc dài quá. Chưa gửi thông báo nào.
ann-queued = 📤 Đang gửi thông báo: { $queued } người sẽ nhận qua tin nhắn, { $unreachable } người chưa kết nối / đã chặn bot.
announcement-text =
    📣 <b>Thông báo</b> từ { $sender }:

    { $text }
announcement-file-left-out-photo = (Thông báo có kèm ảnh, chưa gửi được qua Zalo — hãy hỏi người gửi.)
announcement-file-left-out-document = (Thông báo có kèm tệp, chưa gửi được qua Zalo — hãy hỏi người gửi.)
