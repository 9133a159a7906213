## 📈 Content to review (/noidung): the report for Q&A editors

menu-content-review = 📈 Content to review
command-noidung = Q&A content to review

cr-head = 📈 <b>Content to review</b> — last { $days } days (since { $since })
cr-count-feedback = 👎 Answers marked unhelpful: { $count }
cr-count-questions = ❓ Questions the bot was unsure of: { $groups } groups ({ $count } questions)
cr-count-tickets = 🙋 Ask an officer: { $open } waiting, { $answered } answered but not added to the Q&A
cr-count-overdue = 📅 Entries past their review date: { $count }
cr-nothing = ✅ Nothing to review in this period.
cr-button-f = 👎 Unhelpful answers
cr-button-q = ❓ Unsure questions
cr-button-t = 🙋 Questions to officers
cr-button-r = 📅 Past review date
cr-button-period = { $days } days
cr-button-back = ◀ Back
cr-section-f = 👎 <b>Answers marked unhelpful</b> — last { $days } days: { $count } (page { $page }/{ $pages })
cr-section-q = ❓ <b>Questions the bot was unsure of</b> — last { $days } days: { $count } groups (page { $page }/{ $pages }). Each group is one question asked in several ways.
cr-section-t = 🙋 <b>Questions sent to officers</b> — last { $days } days: { $count } (page { $page }/{ $pages })
cr-section-r = 📅 <b>Entries past their review date</b>: { $count } (page { $page }/{ $pages })
cr-section-empty = Nothing left here.
cr-feedback-item = <b>{ $title }</b> — 👎 { $down } · 👍 { $up }
cr-comment = 💬 “{ $text }” ({ $date })
cr-file = ✏️ File: <code>{ $file }</code>
cr-promoted = 📋 Answer promoted from an officer
cr-question-item = { $unanswered ->
    [0] <b>Asked { $count } times</b>
   *[other] <b>Asked { $count } times</b> ({ $unanswered } times the bot found nothing)
}
cr-example = • “{ $text }”
cr-closest = Closest: { $title }
cr-added-to = ✅ Added as a phrasing of: { $title }
cr-no-candidate = No entry comes close — a new answer is needed.
cr-ticket-open = ⏳ “{ $text }” — { $unit }, waiting { $days } days, { $askers } askers
cr-ticket-answered = ✅ “{ $text }”
    ↩ { $answer } — { $by }, { $date }
cr-overdue-item = <b>{ $title }</b> — review due { $date }
cr-button-add = ➕ Add as a phrasing ({ $n })
cr-button-promote = 📤 Add to the Q&A ({ $n })
cr-button-edit = ✏️ Edit ({ $n })
cr-button-review = 📋 Review ({ $n })
cr-button-open-review = 📋 Open the review screen
cr-choose-entry = ➕ Add “{ $text }” as a phrasing of which entry?
cr-phrasing-added = ✅ “{ $text }” added as a phrasing of <b>{ $title }</b>. Next time the bot answers this question directly.
cr-phrasing-exists = “{ $text }” is already a phrasing of <b>{ $title }</b>.
cr-edit-file = ✏️ <b>{ $title }</b>
    Edit the file <code>{ $file }</code> in the content repository; once the content is imported again, the bot uses it within a minute.
cr-edit-promoted = ✏️ <b>{ $title }</b> is an answer promoted from an officer: see and approve it on the review screen.
