## Common

app-name = Poverty Reduction Assistant

role-hamlet_head = Hamlet head
role-commune_officer = Commune officer
role-trainer = Trainer
role-supervisor = Supervisor
role-admin = Administrator

level-province = province
level-district = district
level-commune = commune/ward
level-hamlet = hamlet

locale-name-vi = Tiếng Việt
locale-name-en = English

error-generic = 😥 Sorry, something went wrong. Please try again, or type menu (/start) for the main menu.
error-interrupted = 😥 That step was interrupted. Please start again from the menu: type menu (or /start).
not-allowed = 🔒 You are not allowed to use this function.
stale-button = This button is out of date. Type menu (or /start) for a fresh menu.
stale-button-alert = Old button — type menu (or /start) for a fresh menu.
unsupported-message = I can't handle this kind of message yet. Please type your question, or use the menu.
unknown-command = I don't know the command { $command }. Tap 🏠 Main menu below, or type help (/help) to see what the bot can do.
button-menu = 🏠 Main menu
button-back = ◀ Back
button-prev = ◀ Previous
button-next = Next ▶
button-cancel = ✖️ Cancel
