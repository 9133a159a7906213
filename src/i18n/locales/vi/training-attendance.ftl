## Tập huấn — nhắc lịch, điểm danh, câu hỏi sau khóa học

rem-reminder = ⏰ Nhắc lịch tập huấn — { $unit ->
        [days] còn { $count } ngày
        [hours] còn { $count } giờ
       *[minutes] còn { $count } phút
    }: <b>{ $title }</b>
rem-time = 🕗 { $time }
rem-venue = 📍 { $venue }
rem-rsvp-nudge =
    📩 Bạn chưa trả lời lời mời tập huấn <b>{ $title }</b> ({ $time }).
    Hạn trả lời: { $deadline }. Bạn có tham gia không?
rem-button-yes = ✅ Tham gia
rem-button-no = ❌ Không tham gia

att-open =
    ✅ <b>Điểm danh: { $title }</b>
    Mã điểm danh: <b>{ $code }</b>
    Đọc mã này cho học viên: họ gõ mã vào khung chat với bot (được đến { $end }).
    Đã điểm danh: { $present }/{ $expected } người đăng ký tham gia.
att-open-too-early = ⏳ Chưa mở được điểm danh: chỉ mở được trong giờ học, từ { $opens }.
att-open-ended = ⌛ Khóa học đã kết thúc lúc { $end }, không mở điểm danh bằng mã được nữa. Bạn vẫn có thể đánh dấu theo danh sách.
att-not-published = Khóa học này chưa công bố hoặc đã hủy, nên không điểm danh được.
att-course-not-found = Không tìm thấy khóa học này (có thể đã bị xóa).
att-button-refresh = 🔄 Cập nhật số người
att-button-list = 📋 Điểm danh theo danh sách
att-button-code = 🔑 Mã điểm danh
att-list =
    📋 <b>Điểm danh: { $title }</b>
    Có mặt: { $present }/{ $total }. Bấm vào tên để đánh dấu có mặt hoặc bỏ đánh dấu (trang { $page }/{ $pages }).
att-list-empty = 📋 <b>Điểm danh: { $title }</b>
    Chưa có ai đăng ký tham gia khóa học này.
att-marked-present = Đã đánh dấu { $name } có mặt.
att-marked-absent = Đã bỏ đánh dấu { $name }.
att-not-listed = Người này không có trong danh sách tham gia.
att-unavailable = Không đánh dấu được: bạn không phụ trách khóa học này, hoặc khóa học đã hủy.
att-list-too-early = Chưa tới giờ điểm danh (mở từ { $opens }).
att-checked-in = ✅ Đã điểm danh khóa <b>{ $title }</b> lúc { $at }. Cảm ơn bạn!
att-wrong-code = ❌ Mã điểm danh { $code } không đúng hoặc chưa được mở. Bạn xem lại mã giảng viên đọc rồi gõ lại (5 ký tự).
att-too-many-attempts = ⛔ Bạn đã gõ sai mã nhiều lần. Hãy thử lại sau một giờ, hoặc nhờ giảng viên đánh dấu theo danh sách.
att-late = ⌛ Khóa <b>{ $title }</b> đã hết giờ điểm danh (kết thúc lúc { $end }). Nếu bạn có mặt, hãy báo giảng viên đánh dấu.
att-early = ⏳ Chưa tới giờ điểm danh khóa <b>{ $title }</b>: mở từ { $opens }.
att-already = Bạn đã điểm danh khóa <b>{ $title }</b> lúc { $at } rồi.
att-not-in-audience = Khóa <b>{ $title }</b> không dành cho bạn nên không điểm danh được. Nếu có nhầm lẫn, hãy báo giảng viên.

quiz-choose =
    📝 <b>Câu hỏi sau khóa học: { $title }</b>
    Chọn bộ câu hỏi gửi cho người dự khi khóa học kết thúc:
quiz-button-none = 🚫 Không gửi câu hỏi
quiz-set = ✅ Khi khóa học kết thúc, người dự sẽ nhận bộ câu hỏi <b>{ $title }</b>.
quiz-set-none = ✅ Khóa học này sẽ không gửi câu hỏi sau khóa.
quiz-set-closed = Khóa học đã kết thúc hoặc đã hủy, không đổi câu hỏi được nữa.
quiz-set-unknown_quiz = Không tìm thấy bộ câu hỏi này (tệp có thể đã bị bỏ hoặc bị lỗi).
quiz-intro = { $intro }
quiz-question =
    📝 <b>{ $title }</b> — câu { $number }/{ $total }
    { $question }
quiz-rating-hint = Chọn từ 1 (thấp nhất) đến 5 (cao nhất).
quiz-noted = ✓ Đã ghi: { $choice }
quiz-done = 🙏 Cảm ơn bạn đã trả lời <b>{ $title }</b>!
quiz-button-again = ✏️ Sửa câu trả lời
quiz-not-attended = Câu hỏi này dành cho người đã dự khóa học (đã điểm danh).
quiz-none = Khóa học này không có câu hỏi sau khóa (hoặc tệp câu hỏi không còn).
quiz-results =
    📊 <b>Kết quả câu hỏi: { $title }</b>
    { $respondents }/{ $attendees } người dự đã trả lời.
quiz-result-choice = • { $choice }: { $count } ({ $percent }%)
quiz-result-average = Điểm trung bình: <b>{ $average }</b>/5
quiz-result-correct = Trả lời đúng: <b>{ $percent }%</b>
quiz-button-refresh = 🔄 Cập nhật
quiz-button-export = 📥 Tải Excel
quiz-exported = 📥 Kết quả câu hỏi ({ $respondents } người trả lời).
quiz-sheet-summary = Tổng hợp
quiz-sheet-answers = Câu trả lời
quiz-sheet-respondents = { $respondents }/{ $attendees } người dự đã trả lời
quiz-col-question = Câu hỏi
quiz-col-choice = Lựa chọn
quiz-col-count = Số người
quiz-col-percent = Tỷ lệ
quiz-col-average = Điểm trung bình (1–5)
quiz-col-correct = Trả lời đúng
quiz-col-name = Họ và tên
quiz-col-unit = Đơn vị
quiz-col-right = Đúng?
quiz-col-time = Thời gian
quiz-right = Đúng
quiz-wrong = Sai
