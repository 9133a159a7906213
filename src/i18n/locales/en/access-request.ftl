## Access request (conversation)

ar-task = access request
ar-intro =
    📝 <b>Request access</b>
    Please answer 4 short questions. Send /cancel at any time to stop.

    <b>Question 1/4.</b> What is your full name?
ar-name-invalid = Your name should be 2 to 80 characters, letters and spaces. Please type it again.
ar-phone =
    <b>Question 2/4.</b> Tap <b>📱 Send my phone number</b> below, or type your phone number.
ar-phone-button = 📱 Send my phone number
ar-phone-invalid = That phone number doesn't look right. Tap the button, or type it like 0912 345 678.
ar-phone-not-own = That is someone else's phone number. Please send your own (tap the button below).
ar-phone-received = Got your number { $phone }.
ar-role = <b>Question 3/4.</b> What is your job?
ar-unit-commune = <b>Question 4/4.</b> Which commune/ward do you work in?
ar-unit-hamlet = Which hamlet are you the head of ({ $commune })?
ar-unit-trainer = <b>Question 4/4.</b> Which unit are you with? (Choose the province if you work at province level.)
ar-unit-empty = There are no units in the list yet. Please contact your commune officer directly.
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
ar-already-member = You already have access. Send /start for the menu.
ar-cancelled = Request cancelled. Send /start for the main menu.
ar-use-buttons = Please choose one of the buttons above (or type its number), or send /cancel to stop.
ar-text-expected = I need a text answer. Please type it, or send /cancel to stop.
ar-busy = You are requesting access. Answer the question above, or send /cancel to stop.
ar-expired = ⌛ Your unfinished access request was left too long and has been discarded. Tap <b>📝 Request access</b> to start again when you need to.
