## Tập huấn — nhắc lịch, điểm danh, câu hỏi sau khóa học

rem-reminder = ⏰ Nhắc lịch tập huấn — { $unit ->
        [days] còn { $count } ngày
        [hours] còn { $count } giờ
       *[minutes] còn { $count } phút
    }: <b>{ $title }</b>
rem-time = 🕗 { $time }
rem-venue = 📍 { $venue }
rem-rsvp-nudge =
    📩 Anh/chị chưa trả lời lời mời tập huấn <b>{ $title }</b> ({ $time }).
    Hạn trả lời: { $deadline }. Anh/chị có tham gia không?
rem-button-yes = ✅ Tham gia
rem-button-no = ❌ Không tham gia
