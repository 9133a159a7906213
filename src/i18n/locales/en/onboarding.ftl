## Verifying with the phone number

onboard-prompt = If you are an officer on the roster, tap <b>📱 Verify with my phone number</b> below — one tap.
onboard-button = 📱 Verify with my phone number
onboard-linked = ✅ Number { $phone } verified — your account is connected.
onboard-linked-short = ✅ Your phone number is on the officers' roster — your account is connected, no request needed. Tap the button below to open the menu.
onboard-not-on-roster = The number { $phone } is not on the officers' roster.
onboard-request-hint = If you are a new officer, send an access request for your commune officer to approve.
onboard-inactive = The officer account with number { $phone } is deactivated. Please contact your commune officer or an administrator.
onboard-linked-elsewhere = The number { $phone } is already connected to another Telegram account. If you have just changed accounts, ask your commune officer or an administrator to remove the old connection, then try again.
onboard-already = You are already verified. Send /start for the menu.
