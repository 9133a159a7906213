## Courses: answers to notices, "My courses", the trainer's course screen

menu-my-courses = 📅 My courses
menu-courses = 📚 Courses
command-khoahoc = Manage courses

# Answers to a course notice
cra-button-yes = ✅ Attend
cra-button-no = ❌ Not attending
cra-button-ask = ❓ Ask a question
cra-yes =
    ✅ Noted: you are <b>attending</b> <b>{ $title }</b> ({ $time }).
    You can change your mind until { $deadline }.
cra-waitlist =
    ⏳ <b>{ $title }</b> is full. You are on the <b>waiting list</b>, number { $position }.
    If someone withdraws and it is your turn, you will be told at once.
cra-no =
    Noted: you are <b>not attending</b> <b>{ $title }</b> ({ $time }).
cra-no-ask-reason =
    Noted: you are <b>not attending</b> <b>{ $title }</b> ({ $time }).
    You may say why (optional): pick a reason, type your own, or choose Skip.
cra-reason-busy = Busy with work
cra-reason-family = Illness or family matters
cra-reason-clash = Another meeting at that time
cra-reason-skip = Skip
cra-reason-hint = Pick a reason, type your own, or choose Skip.
cra-reason-too-long = That reason is too long; please keep it under 300 characters.
cra-no-skipped = No problem. If you change your mind, press Attend before the deadline.
cra-no-reason-saved = Thank you, the reason is noted. If you change your mind, press Attend before the deadline.
cra-reason-task = giving a reason for not attending
cra-question-task = asking about a course
cra-busy = You are answering about a course. Carry on, or type "cancel" to stop.
cra-closed = Answers for this course closed on { $deadline }. If needed, contact the trainer directly.
cra-not-in-audience = This course is not for you, so you cannot answer it.
cra-not-open = This course no longer takes answers (cancelled or over).
cra-closed-reason = Answers have closed, so the reason could not be added; your Not attending answer stands.
cra-promoted =
    🎉 A seat is free for you at <b>{ $title }</b> ({ $time }). You have moved from the waiting list to <b>Attending</b>.
    If you can no longer come, press Not attending to free the seat.
cra-nudge =
    🔔 Reminder from { $by }: you have not answered the notice of <b>{ $title }</b> ({ $time }).
    Please answer by { $deadline }: press a button below.
cra-ask-question = ❓ What would you like to ask about <b>{ $title }</b>? Type your question; the trainer will answer here.
cra-question-invalid = Please type your question (under 500 characters).
cra-question-sent = ✅ Your question went to { $trainer }. The answer will come to you here.
cra-question-about = [Course: { $title }]

# My courses
crs-my-title = 📅 <b>Your courses</b> ({ $count }) — page { $page }/{ $pages }
crs-my-empty = 📅 You have no upcoming courses.
crs-my-line =
    <b>{ $n }. { $title }</b>
    🕘 { $time }
    📍 { $venue }
    Your answer: <b>{ $answer }</b> · { $status }
crs-my-deadline = answer by { $deadline }
crs-my-closed = answers closed
crs-answer-yes = Attending
crs-answer-no = Not attending
crs-answer-waitlist = Waiting list
crs-answer-none = not answered
crs-button-yes = ✅ { $n }: Attend
crs-button-no = ❌ { $n }: Not attending
crs-button-ask = ❓ { $n }: Ask

# The trainer's course screen
crv-list-title = 📚 <b>Your courses</b> ({ $count }) — page { $page }/{ $pages }. Pick one:
crv-list-empty = 📚 You have no courses yet. Press ➕ New course to start.
crv-button-new = ➕ New course
crv-not-found = This course was not found.
crv-status-draft = Draft
crv-status-published = Notice sent
crv-status-cancelled = Cancelled
crv-status-finished = Finished
crv-heading =
    📚 <b>{ $title }</b>
    🕘 { $time }
    Status: { $status } · Seats: { $capacity }
crv-counts = ✅ { $yes } · ❌ { $no } · ⏳ { $waitlist } · ❔ { $none } (📵 { $unreachable }) / { $total }
crv-total-line = <b>Total</b>: { $counts }
crv-unit-line = <b>{ $unit }</b>: { $counts }
crv-legend = <i>✅ attending · ❌ not · ⏳ waiting · ❔ not answered (📵 the bot cannot reach them) / people</i>
crv-button-refresh = 🔄 Refresh
crv-button-not-answered = 👥 Not answered
crv-button-nudge = 🔔 Remind those who have not answered
crv-button-excel = 📥 Excel
crv-button-edit = ✏️ Edit
crv-button-cancel = 🛑 Cancel course
crv-button-checkin = ✅ Check-in
crv-button-checklist = ☑️ Tick names from the list
crv-button-quiz = 📊 Survey results
crv-button-list = 📚 Course list
crv-button-back = ◀ Back to the course
crl-title = 👥 <b>{ $title }</b>: { $count } people have not answered — page { $page }/{ $pages } (📵 = the bot cannot reach them, please call)
crl-nobody = 👥 <b>{ $title }</b>: everyone has answered.
crl-no-phone = no number
crl-person = • { $name } — { $unit } — { $phone }
crl-person-unreachable = • { $name } — { $unit } — { $phone } 📵
crm-nudged = 🔔 Reminded { $count } people through the bot.
crm-nudged-already = 🔔 You already reminded these { $count } people today; nothing sent again.
crm-nudged-also-already = { $count } others were already reminded today.
crm-nudged-nobody = 🔔 Nobody could be reminded through the bot.
crm-call = 📞 { $count } people do not use the bot or blocked it, please call them:
crm-call-more = … and { $count } more (see 👥 Not answered or the Excel file).
crm-closed = Answers are closed; no more reminders.
crm-not-published = The course notice was not sent or the course was cancelled; nobody to remind.
crx-exported = 📥 { $title }: { $count } people
crx-sheet-name = List
crx-col-name = Full name
crx-col-unit = Unit
crx-col-role = Role
crx-col-phone = Phone
crx-col-answer = Answer
crx-col-reason = Reason
crx-col-answered-at = Answered at
crx-col-attended = Checked in
crx-answer-yes = Attending
crx-answer-no = Not attending
crx-answer-waitlist = Waiting list
crx-answer-none = Not answered
