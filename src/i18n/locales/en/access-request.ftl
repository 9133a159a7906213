## Access request (conversation)

ar-task = access request
ar-intro =
    📝 <b>Request access</b>
    Please answer 4 short questions. Type <b>cancel</b> at any time to stop.

    <b>Question 1/4.</b> What is your full name?
ar-name-invalid = Your name should be 2 to 80 characters, letters and spaces. Please type it again.
ar-phone =
    <b>Question 2/4.</b> Tap <b>📱 Send my phone number</b> below, or type your phone number.
ar-phone-received = Got your number { $phone }.
ar-role = <b>Question 3/4.</b> What is your job?
ar-unit-commune = <b>Question 4/4.</b> Which commune/ward do you work in?
ar-unit-hamlet = Which hamlet are you the head of ({ $commune })?
ar-unit-trainer = <b>Question 4/4.</b> Which unit are you with? (Choose the province if you work at province level.)
ar-confirm =
    Please check your details:
    • Name: <b>{ $name }</b>
    • Phone: { $phone }
    • Job: { $role }
    • Unit: { $unit }
ar-button-send = ✅ Send request
ar-button-restart = ✏️ Start over
ar-sent =
    ✅ Request sent. The officer in charge will review it and grant you access.
    Meanwhile you can read the policy Q&amp;A.
ar-already-pending = You already have an access request waiting for review ({ $unit }). No need to send another.
ar-unit-gone = The unit you chose is no longer in the list. Please send your request again.
ar-already-member = You already have access. Tap the button below for the menu.
ar-cancelled = Request cancelled, nothing was sent.
ar-busy = You are requesting access. Answer the question above, or type cancel to stop.
ar-phone-known = Your phone number: { $phone } (verified).

## Commune officers / administrators deciding requests

acc-new = 📝 <b>New access request</b>
acc-card =
    • Name: <b>{ $name }</b>
    • Phone: { $phone } ({ $verified })
    • Asks to be: { $role }
    • Unit: { $unit }
acc-phone-verified = verified by Telegram
acc-phone-declared = self-declared, not verified
acc-button-approve = ✅ Approve
acc-button-reject = ❌ Reject
acc-approved = ✅ Approved — { $name } now has access.
acc-rejected = ❌ Rejected the request of { $name }.
acc-requester-unreachable = 📞 { $name } blocked the bot and was not told — please call (number above).
acc-already-decided = This request has already been decided{ $by ->
    [none] {""}
   *[other] {" "}by { $by }
}.
acc-phone-taken = This phone number is already linked to another officer's Telegram account. Check it in 👥 Manage officers.
acc-already-member = The requester already has access (through an invite or their phone number); there is nothing to approve. You can reject this request.
acc-refused-person_inactive = ⛔ Not approved: number { $phone } belongs to { $holder }, who has been deactivated. Approving a request does not turn access back on.
acc-refused-roster_mismatch = ⛔ Not approved: number { $phone } is already on the roster ({ $holder }). Approving a request does not change the role or unit of someone already on the roster.
acc-refused-person_inactive-manage = If this person needs access again, reactivate them deliberately in 👥 Manage officers (button below); this request you can reject.
acc-refused-person_inactive-ask-admin = If this person needs access again, ask an administrator to reactivate them in 👥 Manage officers; this request you can reject.
acc-refused-roster_mismatch-manage = If the role or unit needs changing, change it in 👥 Manage officers (button below); this request you can reject.
acc-refused-roster_mismatch-ask-admin = If the role or unit needs changing, ask an administrator to change it in 👥 Manage officers; this request you can reject.
acc-holder = <b>{ $name }</b> ({ $role } — { $unit })
acc-holder-hidden = an officer outside the units you look after
acc-button-open-person = 👥 Open { $name }'s record
acc-not-found = This request no longer exists.
acc-out-of-scope = This request is for a unit outside your area.
acc-cannot-grant = You cannot grant this role for that unit. Please pass it to an administrator.
acc-approved-requester =
    ✅ Your access request was approved: you are <b>{ $role }</b> — { $unit }.
    Tap the button below to open the menu.
acc-rejected-requester = Your access request was not accepted. If this is a mistake, please contact your commune officer.
acc-list-title = 📝 <b>Access requests waiting</b> ({ $count })
acc-list-empty = No access requests are waiting.
acc-head-task = approving a hamlet head
acc-head-busy = You are deciding on a request. Choose above, or type “cancel” to stop.
acc-head-cancelled = Not approved: the request is still waiting in 📝 Access requests.

## A hamlet that already has a head (approvals, invites, role changes)

head-warning =
    ⚠️ <b>{ $unit } already has a head: { $heads }.</b>
    { $newcomer ->
        [none] Whoever accepts the invite
       *[other] { $newcomer }
    } would be a second head.
head-question = What would you like to do?
head-replace-deactivate = 🔁 Replace: deactivate { $names }
head-replace-move = 🔁 Replace: move { $names } to another hamlet
head-keep-both = 👥 Keep both (there is a deputy)
head-move-where = Move { $name } to which hamlet?
head-failed-target_has_head = That hamlet has a head too. Please choose again.
head-failed-same_unit = Choose a hamlet other than the current one.
head-failed-unit_not_found = That hamlet can no longer be found. Please choose again.
head-failed-out_of_scope = That hamlet is outside your area. Please choose again.
head-failed-not_allowed = 🔒 You are not allowed to do this.
head-failed-role_not_grantable = You cannot appoint a hamlet head there. Please choose again.
head-failed-unit_level_mismatch = Heads can only move to a hamlet. Please choose again.
