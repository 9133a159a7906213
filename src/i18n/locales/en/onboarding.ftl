## Verifying with the phone number

onboard-prompt = If you are an officer, tap <b>📱 Verify with my phone number</b> below — one tap, and the bot finds you on the officers' roster. Would rather not? Tap <b>Skip</b>.
onboard-first-contact = 👋 Hello! I am the <b>Poverty Reduction Assistant</b>. If you are an officer, tap <b>📱 Verify with my phone number</b> below to use everything — one tap.
onboard-button = 📱 Verify with my phone number
onboard-skip = Skip
onboard-skipped = No problem, you can still read the policy Q&amp;A. If you are a new officer who is not on the roster yet, send an access request for your commune officer to approve.
onboard-linked = ✅ Number { $phone } verified — your account is connected.
onboard-linked-short = ✅ Your phone number is on the officers' roster — your account is connected, no request needed. Tap the button below to open the menu.
onboard-not-on-roster = The number { $phone } is not on the officers' roster.
onboard-request-hint = If you are a new officer, send an access request for your commune officer to approve.
onboard-inactive = ⛔ Access for the officer with number { $phone } has been turned off. If you need it again, please contact { $contacts }.
onboard-linked-elsewhere = The number { $phone } is already connected to another Telegram account. If you have just changed phones or accounts, ask { $contacts } to remove the old connection, then try again.
onboard-already = You are already verified.
access-off = ⛔ Your access has been turned off. If you need it again, please contact { $contacts }.
access-contact = { $name } ({ $role })
access-contact-or = {" "}or{" "}
access-contact-none = the province's administrators
