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

att-open =
    ✅ <b>Check-in: { $title }</b>
    Check-in code: <b>{ $code }</b>
    Read it out to participants: they type it in their chat with the bot (until { $end }).
    Checked in: { $present }/{ $expected } of those who said they attend.
att-open-too-early = ⏳ Check-in cannot open yet: only during the course, from { $opens }.
att-open-ended = ⌛ The course ended at { $end }; check-in by code is closed. You can still mark people from the list.
att-not-published = This course is not published or was cancelled, so there is no check-in.
att-course-not-found = This course was not found (it may have been deleted).
att-button-refresh = 🔄 Refresh the count
att-button-list = 📋 Mark from the list
att-button-code = 🔑 Check-in code
att-list =
    📋 <b>Attendance: { $title }</b>
    Present: { $present }/{ $total }. Tap a name to mark them present or absent (page { $page }/{ $pages }).
att-list-empty = 📋 <b>Attendance: { $title }</b>
    Nobody has said they attend this course yet.
att-marked-present = { $name } marked present.
att-marked-absent = { $name } unmarked.
att-not-listed = This person is not on the list of participants.
att-unavailable = Cannot mark: you do not run this course, or it was cancelled.
att-list-too-early = Check-in has not opened yet (from { $opens }).
att-checked-in = ✅ Checked in to <b>{ $title }</b> at { $at }. Thank you!
att-wrong-code = ❌ The check-in code { $code } is wrong or not open. Check the code the trainer read out and type it again (5 characters).
att-too-many-attempts = ⛔ Too many wrong codes. Try again in an hour, or ask the trainer to mark you from the list.
att-late = ⌛ Check-in for <b>{ $title }</b> has closed (it ended at { $end }). If you were there, ask the trainer to mark you.
att-early = ⏳ Check-in for <b>{ $title }</b> has not opened yet: from { $opens }.
att-already = You already checked in to <b>{ $title }</b> at { $at }.
att-not-in-audience = <b>{ $title }</b> is not meant for you, so you cannot check in. If this is a mistake, tell the trainer.

quiz-choose =
    📝 <b>Questions after the course: { $title }</b>
    Choose the questions sent to participants when the course ends:
quiz-button-none = 🚫 No questions
quiz-set = ✅ When the course ends, participants get <b>{ $title }</b>.
quiz-set-none = ✅ This course sends no questions after it.
quiz-set-closed = The course has ended or was cancelled; its questions can no longer change.
quiz-set-unknown_quiz = These questions were not found (the file may be gone or broken).
quiz-intro = { $intro }
quiz-question =
    📝 <b>{ $title }</b> — question { $number }/{ $total }
    { $question }
quiz-rating-hint = Choose from 1 (lowest) to 5 (highest).
quiz-noted = ✓ Noted: { $choice }
quiz-done = 🙏 Thank you for answering <b>{ $title }</b>!
quiz-button-again = ✏️ Change my answers
quiz-not-attended = These questions are for those who attended the course (checked in).
quiz-none = This course has no questions after it (or its question file is gone).
quiz-results =
    📊 <b>Answers: { $title }</b>
    { $respondents }/{ $attendees } participants answered.
quiz-result-choice = • { $choice }: { $count } ({ $percent }%)
quiz-result-average = Average rating: <b>{ $average }</b>/5
quiz-result-correct = Answered right: <b>{ $percent }%</b>
quiz-button-refresh = 🔄 Refresh
quiz-button-export = 📥 Download Excel
quiz-exported = 📥 Quiz answers ({ $respondents } people answered).
quiz-sheet-summary = Summary
quiz-sheet-answers = Answers
quiz-sheet-respondents = { $respondents }/{ $attendees } participants answered
quiz-col-question = Question
quiz-col-choice = Choice
quiz-col-count = People
quiz-col-percent = Share
quiz-col-average = Average rating (1–5)
quiz-col-correct = Answered right
quiz-col-name = Full name
quiz-col-unit = Unit
quiz-col-right = Right?
quiz-col-time = Time
quiz-right = Right
quiz-wrong = Wrong
