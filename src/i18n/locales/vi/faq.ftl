## Hỏi đáp chính sách (duyệt danh sách)

faq-list-title = 📚 <b>Hỏi đáp chính sách</b> — trang { $page }/{ $pages }
    Chọn câu hỏi bên dưới:
faq-list-empty = Hiện chưa có câu hỏi nào trong mục hỏi đáp.
faq-answer =
    <b>{ $title }</b>

    { $answer }

    📄 <i>Nguồn: { $source }</i>
    🗓 <i>{ $period }</i>
faq-period-always = Đang áp dụng
faq-period-until = Áp dụng đến hết { $to }
faq-period-from = Áp dụng từ { $from }
faq-period-between = Áp dụng từ { $from } đến hết { $to }
faq-button-list = ◀ Danh sách câu hỏi
faq-entry-gone = Câu trả lời này không còn áp dụng (chính sách đã thay đổi). Mời bạn xem danh sách mới:
faq-free-text =
    Mình chưa tự trả lời được câu hỏi gõ tự do. Bạn xem các câu hỏi thường gặp dưới đây nhé:
