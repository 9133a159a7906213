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
zalo-unsupported-message = This message did not reach the bot: on Zalo the bot only receives text, photos and stickers. Please type it (or send a photo).
zalo-choice-hint = Reply with the number (or type the option).
zalo-choice-also = Or type: { $labels }
zalo-choice-contact = 📱 Type your phone number (e.g. 0912 345 678).
zalo-oa-choice-contact = 📱 Tap the next message to share your Zalo phone number.
zalo-oa-user-info-title = Verify your phone number
zalo-oa-user-info-subtitle = Share your Zalo phone number so the bot can find you on the officers' list.
zalo-choice-location = 📍 Type the address or describe the place.
zalo-choice-unknown-number = Number { $number } is not among the current options.
zalo-document-link = 📎 { $name }: { $link } (expires { $expires })
outbox-quota-sender = ⚠️ The bot has used up this month's { $channel } message quota: your message to <b>{ $name }</b> (and possibly to others on { $channel }) could not be sent. Please contact them directly{ $phone } — { $channel } messages work again from the start of next month.
outbox-quota-phone = , 📞 { $phone }
outbox-quota-warning = ⚠️ The bot has used { $used } of { $quota } { $channel } messages for { $month }. Once the quota is used up, { $channel } messages cannot go until next month — upgrade the plan or ask people to connect another messenger too.
zalo-document-link-lasting = 📎 { $name }: { $link }
unknown-command = I don't know the command { $command }. Tap 🏠 Main menu below, or type help (/help) to see what the bot can do.
button-menu = 🏠 Main menu
button-back = ◀ Back
button-prev = ◀ Previous
button-next = Next ▶
button-cancel = ✖️ Cancel
