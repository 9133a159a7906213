## Managing officers

pm-busy = You are managing officers. Choose in the message above, or type cancel to stop.
pm-ask = 👥 <b>Manage officers</b> — type the name (with or without diacritics) or phone number of the person:
pm-too-short = Please type at least 2 characters.
pm-none = Nobody matching “{ $query }” in your area. Type another name or number:
pm-results = Found { $count }. Choose one:
pm-inactive = deactivated
pm-search-again = 🔍 Find someone else
pm-done = ✔️ Done
pm-card =
    👤 <b>{ $name }</b>
    Role: { $role }
    Unit: { $unit }
    Phone: { $phone }
    Status: { $status }
    { $accounts }
pm-status-active = active
pm-status-inactive = deactivated
pm-account-line = 📱 { $channel }: { $state }
pm-telegram-linked = connected
pm-telegram-blocked = connected but blocking the bot
pm-telegram-none = not connected
pm-action-unlink = 🔌 Disconnect { $channels }
pm-action-phone = 📞 Correct phone number
pm-action-role = 🎭 Change role
pm-action-unit = 🏘 Move to another unit
pm-action-deactivate = ⛔ Deactivate
pm-action-reactivate = ✅ Reactivate
pm-action-code = 🔑 Activation code for this person
pm-code-issued =
    🔑 Activation code for <b>{ $name }</b>: <code>{ $code }</code>
    Valid until { $until }. It is shown only once — read it out to them over the phone: they open the Poverty Reduction Assistant bot on Zalo (or Telegram), send this code and confirm their name. Their earlier unused code, if any, no longer works.
pm-failed-inactive = This person is deactivated; reactivate them before issuing a code.
pm-yes = ✅ Yes
pm-confirm-unlink = Disconnect { $name }'s { $channels } account? They reconnect from the new account with their phone number (Telegram) or an activation code.
pm-confirm-deactivate = Deactivate { $name }? They will only see the public Q&amp;A.
pm-confirm-reactivate = Reactivate { $name }?
pm-ask-phone = Type the new phone number (e.g. 0912 345 678):
pm-no-roles = There is no other role you may grant.
pm-choose-role = Choose the new role:
pm-choose-unit = Choose the new unit:
pm-choose-unit-for-role = A { $role } belongs to another level of unit. Choose { $name }'s new unit:
pm-change-cancelled = Cancelled, nothing changed.
pm-unlinked = ✅ Disconnected. They connect a new account with the phone number on the roster (Telegram) or with an activation code.
pm-phone-changed = ✅ Phone number updated.
pm-role-changed = ✅ Role changed. They see their new menu the next time they open the menu.
pm-role-unit-changed = ✅ Role changed to { $role } — { $unit }. They see their new menu the next time they open the menu.
pm-unit-changed = ✅ Moved to the new unit.
pm-deactivated = ✅ Deactivated.
pm-reactivated = ✅ Reactivated.
pm-failed-not_allowed = 🔒 You are not allowed to do this.
pm-failed-out_of_scope = 🔒 This person or unit is outside your area.
pm-failed-role_not_grantable = 🔒 You cannot grant this role.
pm-failed-unit_level_mismatch = This role does not fit the unit's level.
pm-failed-not_found = This person can no longer be found.
pm-failed-phone_taken = This phone number already belongs to another officer on the roster.
pm-failed-self = You cannot change your own role or status.
pm-failed-unit_not_found = This unit is no longer in the list.
pm-failed-target_has_head = The hamlet chosen for the current head already has a head too.
pm-failed-same_unit = Choose a hamlet other than the current one.
pm-failed-unit_has_head = This hamlet already has a head; decide about them first.
pm-finished = Done managing officers.
pm-task = managing officers

## Activation codes for many people (commune officers, administrators)

ac-ask-scope = 🔑 <b>Activation codes</b> — so officers can connect Zalo (or Telegram) without sharing a phone number. Codes for whom?
    (For one person: open 👥 Manage officers, pick the person, then 🔑 Activation code for this person.)
ac-scope-all = Everyone not yet on { $channel } ({ $count } people)
ac-scope-unit = By unit…
ac-choose-unit = Choose a unit:
ac-none = Everyone in this area is already on { $channel }.
ac-confirm = Issue new codes to { $count } people? Their earlier unused codes will stop working.
ac-yes = ✅ Issue codes
ac-sent = ✅ { $count } codes issued, valid until { $until }. The Excel file above lists each person's name, role, unit, phone and code — print it or pass each code on; every code works once.
ac-cancelled = Cancelled; no codes were issued.
ac-busy = You are issuing activation codes. Choose in the message above, or type cancel to stop.
ac-task = issuing activation codes
ac-file-name = activation-codes
ac-sheet-name = Activation codes
ac-sheet-instruction = Open the Poverty Reduction Assistant bot on Zalo (or Telegram), send your code and confirm your name. Each code works once, until { $until }.
ac-sheet-name-col = Full name
ac-sheet-role-col = Role
ac-sheet-unit-col = Unit
ac-sheet-phone-col = Phone
ac-sheet-code-col = Activation code
ac-sheet-expiry-col = Valid until

## Importing lists from a file (administrators)

imp-task = importing a list
imp-busy = You are importing a list. Choose above, or type “cancel” to stop.
imp-wrong-type = Only Excel (.xlsx) or CSV (.csv) files with the officers' roster or the unit list can be imported.
imp-too-large = The file is too large (10 MB at most). Please split the list.
imp-unreadable = This file could not be read as a roster or a unit list:
imp-fix-and-resend = Nothing was imported. Fix the rows with errors and send the file again.
imp-confirm = This was a dry run — nothing has changed yet. Import for real?
imp-button-commit = ✅ Import
imp-cancelled = Cancelled, nothing imported.
imp-running-already = ⏳ Your previous import is still running. The bot will send its outcome when it is done; then send this file again.
imp-interrupted = ↩️ Import no. { $id } was cut off half-way (the bot restarted), so what it had written has been undone.
imp-changed-meanwhile = The data changed since the dry run, so nothing was imported. Please send the file again.
imp-heads-changed = Since the dry run more hamlets need a decision about their head, so nothing was imported. Please send the file again.
imp-phones-changed = Since the dry run more rows have the phone number of someone with another name, so nothing was imported. Please send the file again.
imp-heads-intro =
    ⚠️ <b>Hamlets that have a head:</b>
    { $list }
    This was a dry run — nothing has changed yet. In these rows, replace the current head (they will be deactivated) or keep both (a deputy, for example)?
imp-heads-more = … and { $count } more rows
imp-heads-keep-all = 👥 Keep both in all { $count } rows
imp-heads-replace-all = 🔁 Replace the current head in all { $count } rows
imp-heads-each = ✍️ Decide row by row
imp-head-row = <b>{ $index }/{ $total } · Row { $row }:</b> { $name } becomes head of { $unit }, which has { $current }.
imp-head-single =
    ⚠️ <b>Row { $row }:</b> { $name } becomes head of { $unit }, which has { $current }.
    This was a dry run — nothing has changed yet. Replace the current head (they will be deactivated) or keep both?
imp-head-other-row = { $name } (row { $row } of the file)
imp-head-replace = 🔁 Replace: deactivate { $names }
imp-phones-intro =
    📞 <b>{ $count } rows have the phone number of someone with another name:</b>
    { $list }
    This was a dry run — nothing has changed yet. If these are the same people under a new name, the import updates their name (and role or unit if they differ). If not, fix the numbers in the file and send it again.
imp-phones-same-all = ✏️ All { $count } rows are the same people — rename
imp-phone-row = 📞 <b>{ $index }/{ $total } · Row { $row }:</b> { $phone } belongs to <b>{ $current }</b> ({ $role }, { $unit }), but the file says <b>{ $name }</b>. Is this the same person under a new name?
imp-phone-single =
    📞 <b>Row { $row }:</b> { $phone } belongs to <b>{ $current }</b> ({ $role }, { $unit }), but the file says <b>{ $name }</b>.
    This was a dry run — nothing has changed yet. Is this the same person under a new name?
imp-phone-same = ✏️ Yes, the same person — rename
imp-phone-other = ✖️ No — stop and fix the file
imp-phone-stopped = Nothing was imported. The phone number in row { $row } belongs to { $current }: fix the number in the file (or that person's number in 👥 Manage officers) and send the file again.
imp-ready =
    Decisions noted: { $decisions }.
    This was a dry run — nothing has changed yet. Import for real?
imp-ready-keep = keep both in { $count } rows
imp-ready-replace = replace the current head in { $count } rows
imp-ready-rename = rename in { $count } rows
imp-result-hint = Importing deactivates nobody: people not in the file stay active. Reviewing and deactivating them is a separate step.
imp-progress = ⏳ Importing: { $written }/{ $total } rows…
imp-progress-done = ✅ All { $total } rows written.
imp-progress-stopped = ⚠️ The import stopped.
imp-still-running = ⏳ The file is large, so the import is still running. Use the bot as usual; the bot will send the outcome here when it is done.
imp-done-later = ✅ <b>The import is done.</b> { $outcome }
imp-done-later-missing = { $count } active people are not in the file (importing deactivates nobody). To review and deactivate them, send the file again.
imp-failed = ⚠️ The import failed ({ $reason }). What was written has been undone — nothing has changed. Please try again later.
imp-failed-partial = ⚠️ The import stopped half-way ({ $reason }) after { $written } rows and could not be undone automatically. Undo it in ↩️ Undo a roster import.
imp-result-undo = ↩️ Undo this import
imp-result-undo-deactivation = ↩️ Undo the deactivation
imp-result-missing = ⛔ { $count } people not in the file…
imp-done = ✔️ Done
imp-finished = Done importing.
imp-missing-title = ⛔ <b>{ $count } active people not in the file</b> “{ $file }” (administrators not counted){ $pages ->
    [1] {""}
   *[other] {" "}— page { $page }/{ $pages }
}:
imp-missing-line = • { $name } — { $role }, { $unit }
imp-missing-deactivate = ⛔ Deactivate these { $count } people…
imp-missing-confirm =
    ⚠️ <b>Deactivate { $count } people?</b>
    They will no longer be able to use the assistant. The commune officers or administrators above them will be told. This can be undone within { $days } days.
imp-missing-yes = ⛔ Yes, deactivate { $count } people
imp-missing-no = ◀ No, go back
imp-missing-changed = The list changed (now { $count } people), so nobody was deactivated. Check again:
imp-missing-none = Everyone active is in the file: there is nobody to deactivate.
imp-missing-done = ✅ { $count } people deactivated.
imp-missing-notified = { $reachable ->
    [0] The officers responsible for them ({ $unreachable }) do not use the bot yet and have not been told.
   *[other] A notice is on its way to { $reachable } responsible officers{ $unreachable ->
        [0] .
       *[other] ; { $unreachable } do not use the bot yet and will not get it.
    }
}

## Undoing an import or a deactivation (administrators)

menu-undo-imports = ↩️ Undo a roster import
undo-task = undoing an import
undo-busy = You are undoing an import. Choose above, or type “cancel” to stop.
undo-list-title = ↩️ <b>Undo</b> — choose an import or a deactivation (last { $days } days):
undo-list-empty = There is no import or deactivation to undo from the last { $days } days.
undo-batch-import = { $when } · import, { $count } changes · { $file }
undo-batch-deactivate = { $when } · deactivated { $count } people
undo-actor-cli = command line
undo-confirm-import = ↩️ <b>Undo the import of “{ $file }”</b> at { $when } ({ $actor })?
undo-confirm-created = • { $count } people added will be removed (those who used the bot are only deactivated)
undo-confirm-updated = • { $count } people updated go back to what they were
undo-confirm-replaced = • { $count } hamlet heads replaced become active again
undo-confirm-kept = Anything changed again since the import is left as it is, and you will be told.
undo-confirm-deactivate =
    ↩️ <b>Undo the deactivation of { $count } people</b> (file “{ $file }”, at { $when }, { $actor })?
    They become active again; the officers above them will be told.
undo-button = ↩️ Undo
undo-cancelled = Cancelled, nothing undone.
undo-done = ↩️ <b>Undone.</b>
undo-done-removed = • { $count } people added were removed
undo-done-kept = • { $count } people added had used the bot or changed, so they were only deactivated
undo-done-restored = • { $count } people are back as they were
undo-conflicts-title = Not restored because they changed again since:
undo-conflict-line = • { $name }: { $fields }
undo-conflict-field = { $field } (now { $now })
undo-conflict-gone = • { $name }: no longer on the roster
undo-field-fullname = name
undo-field-role = role
undo-field-unit = unit
undo-field-email = email
undo-field-title = title
undo-field-status = status
undo-empty = (empty)
undo-failed-not_found = This change can no longer be found.
undo-failed-not_allowed = 🔒 You are not allowed to undo.
undo-failed-not_undoable = This was an undo itself; it cannot be undone.
undo-failed-already_undone = This change has been undone already.
undo-failed-in_progress = This import is still being written. Wait until it is done, then undo it.
undo-failed-too_old = It is more than { $days } days old and can no longer be undone.

## Notices to superiors when officers are deactivated (or active again)

notice-deactivated =
    ⛔ <b>{ $actor } deactivated { $count } people</b> you are responsible for, as they are not on the new roster (file “{ $file }”):
    { $list }
    They can no longer use the assistant. If this is a mistake, tell an administrator: it can be undone within 7 days.
notice-reactivated =
    ✅ <b>{ $actor } made { $count } people</b> you are responsible for <b>active again</b> (undoing the deactivation by the file “{ $file }”):
    { $list }
notice-person-line = • { $name } — { $role }, { $unit }
notice-more = … and { $count } more
notice-actor-cli = An administrator
