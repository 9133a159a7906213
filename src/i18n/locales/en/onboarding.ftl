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
onboard-linked-elsewhere = The number { $phone } is already connected to another { $channel } account. If you have just changed phones or accounts, ask { $contacts } to remove the old connection, then try again.
onboard-already = You are already verified.

## Activation codes (Zalo, and wherever a phone number cannot be shared)

act-first-contact = 👋 Hello! I am the <b>Poverty Reduction Assistant</b>. Send the activation code your commune officer or administrator gave you (for example <b>ABCD-EF23</b>) to use everything. No code yet? You can still type policy questions.
act-prompt = Send the activation code your commune officer or administrator gave you (8 characters, for example <b>ABCD-EF23</b>). No code yet? Contact your commune officer, or choose <b>Skip</b>.
act-have-code = 🔑 I have an activation code
act-menu-button = 🔑 Enter an activation code
act-ask-code = Send your activation code (8 characters, for example <b>ABCD-EF23</b>; upper or lower case):
act-code-format = An activation code is 8 letters and digits, for example ABCD-EF23. Type it again, or type cancel to stop.
act-confirm = Are you <b>{ $name }</b>, { $role } — { $unit }?
act-yes = Yes
act-no = No
act-linked = ✅ Your account is now connected to <b>{ $name }</b>. You use the bot here just as in any other app you have connected.
act-declined = The code has not been used. If it is not yours, please tell whoever gave it to you.
act-failed-wrong = ❌ This code is not right. Check each character and send it again.
act-failed-expired = ⌛ This code has expired. Ask your commune officer or administrator for a new one.
act-failed-used = This code has already been used. Each code works once; ask for a new one.
act-failed-revoked = This code was replaced by a newer one or withdrawn. Use the newest code, or ask for a new one.
act-failed-rate_limited = 🔒 Too many wrong codes. Wait an hour and try again, or contact your commune officer.
act-failed-already_member = This account is already connected.
act-failed-inactive = ⛔ Access for the person this code is for has been turned off; a code does not turn it back on. If you need it again, please contact { $contacts }.
act-failed-linked_elsewhere = The person this code is for already has another account connected in this app. If you have just changed phones or accounts, ask { $contacts } to remove the old connection, then send the code again.
act-busy = You are entering an activation code. Answer the message above, or type cancel to stop.
act-task = entering an activation code
access-off = ⛔ Your access has been turned off. If you need it again, please contact { $contacts }.
access-contact = { $name } ({ $role })
access-contact-or = {" "}or{" "}
access-contact-none = the province's administrators
