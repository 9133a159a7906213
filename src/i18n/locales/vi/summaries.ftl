## Tổng hợp cho lãnh đạo: nội dung bản tổng hợp (văn bản, biểu đồ, tệp Excel)

sum-title-daily = 📊 <b>Tổng hợp ngày { $date } · { $unit }</b>
sum-title-weekly = 📊 <b>Tổng hợp tuần { $from }–{ $to } · { $unit }</b>
sum-title-monthly = 📊 <b>Tổng hợp tháng { $month } · { $unit }</b>
sum-late = ⏰ Gửi muộn: bot tạm ngừng lúc đến hạn
sum-no-forms = Trong kỳ này không có báo cáo nào cần tổng hợp.
sum-form-title = 📝 <b>{ $form }</b> — { $period }
sum-form-received = Đã báo cáo: <b>{ $received }/{ $expected }</b> đơn vị ({ $percent })
sum-form-received-adhoc = Số báo cáo trong kỳ: <b>{ $received }</b>
sum-form-no-expected = Không có đơn vị nào phải báo cáo.
sum-row = • { $unit }: { $received }/{ $expected } ({ $percent })
sum-row-adhoc = • { $unit }: { $received } báo cáo
sum-row-more = • … và { $count } đơn vị khác
sum-rows-lowest = <i>{ $count } đơn vị có tỷ lệ báo cáo thấp nhất:</i>
sum-rows-most = <i>{ $count } đơn vị có nhiều báo cáo nhất:</i>
sum-figure = { $label } { $value }
sum-figure-change = { $label } { $value } ({ $change })
sum-change-note = <i>(±) so với kỳ trước, trên cùng các đơn vị đã báo cáo cả hai kỳ.</i>
sum-missing-title = ⏳ <b>Chưa báo cáo ({ $total }):</b>
sum-missing-group = • { $parent }: { $units }
sum-missing-group-root = • { $units }
sum-missing-more = và { $count } đơn vị khác
sum-missing-none = ✅ Tất cả đơn vị đã báo cáo.
sum-returned-title = ✏️ <b>Chờ sửa: { $total } báo cáo</b>
sum-urgent-title = 🚨 <b>Báo cáo khẩn: { $total }</b>
sum-report-item = • { $unit } — { $form }, { $date }
sum-report-item-parent = • { $unit } ({ $parent }) — { $form }, { $date }
sum-items-more = • … và { $count } mục khác
sum-questions-title = ❓ <b>Câu hỏi chưa trả lời: { $open }</b>{ $escalated ->
        [0] {""}
       *[other] {" "}({ $escalated } đã chuyển lên)
    }
sum-question-item = • { $escalated ->
        [yes] ⬆️{" "}
       *[other] {""}
    }{ $unit }: «{ $text }» — { $age ->
        [0] hôm nay
       *[other] { $age } ngày
    }
sum-question-no-unit = Không rõ đơn vị
sum-training-title = 📚 <b>Khóa học sắp tới:</b>
sum-course-item = • { $title } ({ $date }): { $answered }/{ $audience } đã trả lời ({ $percent }), { $yes } tham gia
sum-trained = 🎓 Đã tập huấn năm nay: { $trained }/{ $officers } cán bộ ({ $percent })

sum-chart-rate-title = Tỷ lệ báo cáo theo đơn vị
sum-chart-lowest = { $shown } đơn vị có tỷ lệ thấp nhất trong { $total } đơn vị
sum-chart-trend-title = { $figure } qua các kỳ

sum-row-total = Tổng
sum-more-items = và { $count } mục khác
sum-yes = Có
sum-no = Không
sum-trained-this-year = Cán bộ đã tập huấn năm nay
sum-sheet-reports = Báo cáo theo đơn vị
sum-sheet-figures = Số liệu chính
sum-sheet-missing = Chưa báo cáo
sum-sheet-returned = Chờ sửa
sum-sheet-urgent = Báo cáo khẩn
sum-sheet-questions = Câu hỏi
sum-sheet-training = Tập huấn
sum-sheet-about = Thông tin
sum-col-form = Mẫu báo cáo
sum-col-period = Kỳ
sum-col-unit = Đơn vị
sum-col-parent = Thuộc
sum-col-expected = Phải báo cáo
sum-col-received = Đã báo cáo
sum-col-rate = Tỷ lệ
sum-col-returned = Chờ sửa
sum-col-figure = Chỉ tiêu
sum-col-value = Kỳ này
sum-col-previous = Kỳ trước
sum-col-change = Thay đổi
sum-col-at = Thời điểm
sum-col-report-id = Mã báo cáo
sum-col-question = Câu hỏi
sum-col-asked-at = Hỏi lúc
sum-col-age-days = Số ngày chờ
sum-col-escalated = Đã chuyển lên
sum-col-course = Khóa học
sum-col-starts-at = Bắt đầu
sum-col-audience = Số người
sum-col-yes = Tham gia
sum-col-no = Không tham gia
sum-col-waitlist = Chờ chỗ
sum-col-not-answered = Chưa trả lời
sum-col-answer-rate = Tỷ lệ trả lời
sum-col-generated-at = Lập lúc
