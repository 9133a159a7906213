## Invites

inv-busy = You are creating an invite. Choose in the message above, or type cancel to stop.
inv-role = 🔗 <b>Create an invite</b> — what will the invited person do?
inv-unit = Choose the unit for the { $role }:
inv-uses = How many people may use the link?
inv-uses-option = { $n } people
inv-days = How long should the link be valid?
inv-days-option = { $n } days
inv-cancelled = Cancelled, no invite was created.
inv-not-allowed = You cannot create an invite for this role or unit.
inv-head-when = What you choose happens when the invite is accepted.
inv-head-keep_both = When the invite is accepted, the hamlet will have two heads (both kept).
inv-head-deactivate = When the invite is accepted, the current head will be deactivated.
inv-head-move = When the invite is accepted, the current head will move to the hamlet you chose.
inv-created =
    🔗 Invite created: <b>{ $role }</b> — { $unit }.
    Valid for { $uses } people, until { $until }.
    Send this link to the person you invite (shown only once):
    <a href="{ $link }">{ $link }</a>
inv-invalid = This invite link is invalid or has expired. Ask the person who invited you for a new one.
inv-rate-limited = Too many invalid links tried. Please try again in an hour.
inv-already-member = You already have access; no invite needed. Type menu for the main menu.
ia-busy = You are accepting an invite. Answer the question above, or type cancel to stop.
ia-intro =
    👋 You are invited to the Poverty Reduction Assistant as <b>{ $role }</b> — { $unit }.
    What is your full name?
ia-phone = Tap <b>📱 Send my phone number</b> below to verify it.
ia-phone-verify = Your number must be verified: tap <b>📱 Send my phone number</b> (do not type it).
ia-welcome = ✅ Welcome! You have joined as <b>{ $role }</b> — { $unit }.
ia-open-menu = Tap the button below to open the menu.
ia-refused-inactive = ⛔ Access for the officer with number { $phone } was turned off, and an invite cannot turn it back on. If you need it again, please contact { $contacts }. The person who sent the invite has been told too.
ia-refused-roster =
    Number { $phone } is already on the roster: <b>{ $role }</b> — { $unit }. The invite (<b>{ $inviteRole }</b> — { $inviteUnit }) cannot change the role or unit of someone already on the roster.
    If it needs changing, please contact { $inviter }, who sent the invite (they have been told).
inv-refused-inactive-notice = ⚠️ Your invite <b>{ $role }</b> — { $unit } was just opened with number { $phone } ({ $name }) but not accepted: the number belongs to a deactivated officer. An invite does not turn access back on; if this person needs it again, an administrator reactivates them in 👥 Manage officers.
inv-refused-roster_mismatch-notice = ⚠️ Your invite <b>{ $role }</b> — { $unit } was just opened with number { $phone } ({ $name }) but not accepted: the number is already on the roster with another role or unit. An invite does not change roles or units; if needed, change them in 👥 Manage officers.
inv-task = creating an invite
ia-task = accepting an invite
