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
    Telegram: { $telegram }
pm-status-active = active
pm-status-inactive = deactivated
pm-telegram-linked = connected
pm-telegram-blocked = connected but blocking the bot
pm-telegram-none = not connected
pm-action-unlink = 🔌 Disconnect Telegram
pm-action-phone = 📞 Correct phone number
pm-action-role = 🎭 Change role
pm-action-unit = 🏘 Move to another unit
pm-action-deactivate = ⛔ Deactivate
pm-action-reactivate = ✅ Reactivate
pm-yes = ✅ Yes
pm-confirm-unlink = Disconnect { $name }'s Telegram account? They reconnect by sending their phone number from the new account.
pm-confirm-deactivate = Deactivate { $name }? They will only see the public Q&amp;A.
pm-confirm-reactivate = Reactivate { $name }?
pm-ask-phone = Type the new phone number (e.g. 0912 345 678):
pm-no-roles = There is no other role fitting this person's unit that you may grant.
pm-choose-role = Choose the new role:
pm-choose-unit = Choose the new unit:
pm-unlinked = ✅ Disconnected. They can connect a new account with the phone number on the roster.
pm-phone-changed = ✅ Phone number updated.
pm-role-changed = ✅ Role changed. Their menu changes the next time they open it.
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
pm-finished = Done managing officers.
pm-task = managing officers

## Importing lists from a file (administrators)

imp-wrong-type = Only Excel (.xlsx) or CSV (.csv) files with the officers' roster or the unit list can be imported.
imp-too-large = The file is too large (10 MB at most). Please split the list.
imp-unreadable = This file could not be read as a roster or a unit list:
imp-fix-and-resend = Nothing was imported. Fix the rows with errors and send the file again.
imp-confirm = This was a dry run — nothing has changed yet. Import for real?
imp-button-commit = ✅ Import
imp-button-commit-deactivate = ✅ Import and deactivate { $count } people not in the file
imp-cancelled = Cancelled, nothing imported.
imp-changed-meanwhile = The data changed since the dry run, so nothing was imported. Please send the file again.
