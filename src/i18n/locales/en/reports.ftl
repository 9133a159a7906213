## Reports

menu-reports = 📝 Send a report
menu-my-reports = 🗂 My reports
menu-report-status = 📊 Reporting status
command-baocao = Send a report
rp-task = a report
rp-busy = You are filling in a report. Answer the question above, tap 💾 Later to keep a draft, or type cancel to stop.
rp-expired = ⌛ You left the report for a while. All answers are kept as a draft — send /baocao to continue.
rp-choose-form = 📝 <b>Send a report</b> — choose the report:
rp-no-forms = There is no report form for you at the moment.
rp-open-draft = 📝 You have an unsent report: <b>{ $form }</b>.
rp-open-returned = ✏️ The report <b>{ $form }</b> was sent back for completion.
rp-open-sent = ✅ Sent: <b>{ $form }</b> — { $period }.
rp-button-continue = ▶️ Continue
rp-button-discard = 🗑 Discard draft
rp-button-fix = ✏️ Fix the report
rp-discard-confirm = 🗑 Discard the draft <b>{ $form }</b>? { $count ->
        [0] It has no answers yet.
        [one] Its one answer will be deleted for good.
       *[other] Its { $count } answers will be deleted for good.
    }
rp-button-discard-confirm = 🗑 Discard
rp-button-keep = ↩ Keep it
rp-discard-kept = The draft is kept as it is.
rp-discard-busy = You are deciding whether to discard a draft. Choose above (type 1 or 2).
rp-discard-task = discarding a report draft
rp-discarded = Draft discarded.
rp-nothing-to-continue = This report was sent or no longer exists.
rp-intro = 📝 <b>{ $form }</b> — { $period }
    Answer each question; every answer is saved at once. Tap <b>Later</b> to continue another time.
rp-resume-intro = 📝 Continuing the report <b>{ $form }</b> — { $period }. Your answers so far are kept.
rp-correct-intro = ✏️ Fixing the report <b>{ $form }</b>. The commune officer says: «{ $comment }»
    Only the questions asked about need a new answer.
rp-question = <b>Question { $index }{ $left ->
        [0] {" "}· the last one
       *[other] {" "}· { $certain ->
            [yes] {""}
           *[other] at most{" "}
        }{ $left } to go
    }.</b> { $label }
rp-question-correct = <b>Question { $index }/{ $total }.</b> { $label }
rp-question-edit = <b>Changing question { $index }.</b> { $label }
rp-previous = Previous answer: { $value }
rp-answered = ✔️ <b>{ $value }</b>
rp-answered-skipped = ⏭ <i>Skipped</i>
rp-yes = ✅ Yes
rp-no = ❌ No
rp-button-done = ✔️ Done
rp-button-skip = ⏭ Skip
rp-button-later = 💾 Later
rp-cannot-skip = This question is required and cannot be skipped. Answer it, or tap 💾 Later.
rp-first-question = This is the first question; there is nothing to go back to.
rp-button-cancel = ✖️ Cancel
rp-cancelled = ✖️ Report stopped. Your answers are kept as a draft — continue or discard it at any time.
rp-cancelled-correction = ✖️ Correction stopped. The answers you changed are kept; tap <b>✏️ Fix the report</b> to continue.
rp-check-failed = ⚠️ { $message }
    Type the answer again. If the question «{ $other }» is the wrong one, tap <b>✏️ Change the other one</b> (or type “fix”).
rp-check-failed-alone = ⚠️ { $message }
    Please type the answer again.
rp-button-fix-other = ✏️ Change the other one
rp-photo-received = Got { $count } photo(s). Send more, or tap Done.
rp-saved-for-later = 💾 Draft saved. Tap <b>📝 Send a report</b> (or send /baocao) to continue when convenient.
rp-summary = 📋 <b>Check the report: { $form }</b>
rp-problems = <b>To fix before sending:</b>
rp-missing = Not answered: { $label }
rp-button-send = ✅ Send the report
rp-button-edit = ✏️ Change an answer
rp-edit-which = Which question do you want to change?
rp-sent = ✅ Report <b>{ $form }</b> sent — { $period }. Thank you!
rp-corrected = ✅ The corrected report <b>{ $form }</b> was sent. Thank you!
rp-urgent-told = 🚨 Told at once: { $names }.
rp-correction-told = Told: { $names }.
rp-reviewers-unreachable = ⚠️ The bot could not message { $count } officer(s); please call: { $people }.
rp-reviewers-none = ⚠️ No officer got the message through the bot — please call the commune.
rp-notice-urgent = 🚨 <b>Urgent report{ $corrected ->
        [yes] {" "}(corrected)
       *[other] {""}
    }: { $form }</b>
    { $unit } — { $person }
rp-notice-corrected = ✏️ <b>Corrected report: { $form }</b>
    { $unit } — { $person }. Changed answers:
rp-notice-was = (was: { $value })
rp-notice-unchanged = (no answer changed)
rp-notice-more = … (see the full report)
rp-button-view = 📄 View the report
rp-not-found = This report cannot be found (it may have been sent or discarded).
rp-out-of-season = The report <b>{ $form }</b> is only made during the yearly review (1 Sep – 14 Dec).
rp-already-submitted = Your hamlet already sent the report <b>{ $form }</b> for { $period }. See 🗂 My reports.
rp-mine-title = 🗂 <b>My reports</b>
rp-mine-empty = You have no reports yet.
rp-status-draft = 📝 in progress
rp-status-submitted = ✅ sent
rp-status-returned = ✏️ needs completion
rp-status-accepted = ✔️ approved
rp-reminder =
    ⏰ Report reminder: <b>{ $form }</b> — { $period } (due { $deadline }). Your hamlet has not sent it yet.
rp-nudge =
    🔔 { $by } reminds you: your hamlet has not sent <b>{ $form }</b> — { $period } (due { $deadline }).
rp-button-start = 📝 Make the report
rp-status-choose = 📊 <b>Reporting status</b> — choose the report:
rp-no-period = There is no reporting period for this form yet.
rp-status-head = 📊 <b>{ $form }</b> — { $period }
    <b>{ $reported }/{ $total }</b> hamlets have reported.
rp-status-no-units = 📊 <b>{ $form }</b> — { $period }
    No hamlet in your area has to send this report.
rp-deadline = Due: { $deadline }
rp-missing-head = Missing:
rp-nobody = nobody assigned
rp-person-unreachable = { $name } ({ $reach ->
        [blocked] blocked the bot
       *[other] not using the bot
    }, 📞 { $phone })
rp-no-phone = no number
rp-unreachable-hint = 📞 People not using the bot, or who blocked it, get no reminder — please call them.
rp-and-more = … and { $count } more hamlets.
rp-all-reported = ✅ Everyone has reported.
rp-button-nudge = 🔔 Remind those missing
rp-button-open-status = 📊 Reporting status
rp-button-list = 📄 View reports
rp-button-export = 📥 Export to Excel
rp-button-previous-period = ◀ Previous period
rp-button-current-period = Current period ▶
rp-nudged = 🔔 Reminded { $count } people through the bot.
rp-nudged-already = 🔔 You already reminded these { $count } people today; nothing sent again.
rp-nudged-also-already = { $count } others were already reminded today.
rp-nudged-nobody = 🔔 Nobody could be reminded through the bot.
rp-nudge-call = 📞 { $count } people do not use the bot or blocked it; please call:
rp-adhoc-status = 📊 <b>{ $form }</b> — sent when something happens, not per period.
rp-list-title = 📄 <b>{ $form }</b>: { $count } reports. Choose one to view:
rp-list-empty = 📄 <b>{ $form }</b>: no reports yet.
rp-view-head = 📄 <b>{ $form }</b> — { $unit } ({ $person }) — { $status }
rp-view-urgent = 🚨 <b>Urgent report</b>
rp-button-return = ✏️ Ask for completion
rp-return-busy = You are asking for a report to be completed. Choose above, or type cancel to stop.
rp-return-which = { $count ->
        [0] Choose the questions to complete:
       *[other] { $count } chosen. Choose more, or tap <b>✔️ Done</b>:
    }
rp-return-comment = Type a comment for the hamlet head (what is missing):
rp-return-comment-short = The comment needs at least 3 characters.
rp-return-cancelled = Cancelled, the report stays as it is.
rp-returned = ✅ The request for completion was sent to the hamlet head.
rp-returned-unreachable = ✏️ The report is marked “needs completion”, but the bot could not message { $person } — please call.
rp-return-failed = The request could not be sent (the report may have changed, or is outside your area).
rp-return-already = This report has already been sent back for correction (perhaps by another officer just now); nothing more to send.
rp-returned-notice =
    ✏️ <b>The report { $form } needs completion</b> — { $by } says: «{ $comment }»
    Questions to fix:
    { $fields }
rp-exported = Reports { $period }: { $count } rows.
