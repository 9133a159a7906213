## Training — reminders, check-in, the questions after a course

rem-reminder = ⏰ Training reminder — { $unit ->
        [days] { $count ->
            [one] 1 day
           *[other] { $count } days
        } to go
        [hours] { $count ->
            [one] 1 hour
           *[other] { $count } hours
        } to go
       *[minutes] { $count } min to go
    }: <b>{ $title }</b>
rem-time = 🕗 { $time }
rem-venue = 📍 { $venue }
rem-rsvp-nudge =
    📩 You have not yet answered the invitation to <b>{ $title }</b> ({ $time }).
    Please answer by { $deadline }. Will you attend?
rem-button-yes = ✅ Attend
rem-button-no = ❌ Not attending
