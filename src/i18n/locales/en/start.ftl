## /start, main menu, /help, /cancel

welcome-member =
    Hello { $name }! 👋
    You are using the <b>Poverty Reduction Assistant</b> as <b>{ $role }</b> — { $unit }.
welcome-stranger =
    Hello! 👋 This is the <b>Poverty Reduction Assistant</b>, for officers working on poverty reduction.
    The phone number you verified is not on the officers' roster, so for now you can only read the policy Q&amp;A. If you are a new officer, tap <b>📝 Request access</b>.
welcome-unverified =
    Hello! 👋 This is the <b>Poverty Reduction Assistant</b>, for officers working on poverty reduction.
    If you are an officer, tap <b>📱 Verify with my phone number</b> so the bot finds you on the officers' roster — one tap. Anyone can read the policy Q&amp;A.
welcome-unverified-code =
    Hello! 👋 This is the <b>Poverty Reduction Assistant</b>, for officers working on poverty reduction.
    If you are an officer, send the activation code your commune officer or administrator gave you (for example ABCD-EF23) so the bot knows who you are. Anyone can read the policy Q&amp;A.
welcome-inactive =
    Hello! 👋 Your access to the <b>Poverty Reduction Assistant</b> has been turned off. If you need it again, please contact { $contacts }.
    Meanwhile you can still read the policy Q&amp;A.
welcome-stranger-pending =
    Hello! 👋 Your access request ({ $unit }) is waiting for review. Meanwhile you can read the policy Q&amp;A.
menu-prompt = What would you like to do?
menu-faq = 📚 Policy Q&A
menu-profile = 👤 My details
menu-units = 🏘 My units
menu-language = 🌐 Ngôn ngữ / Language
menu-help = ❓ Help
menu-request-access = 📝 Request access

help-member =
    <b>Help</b>
    • Use the menu buttons; type <b>menu</b> at any time for the main menu.
    • To stop what you are doing, type <b>cancel</b>. Turning to something else stops it too.
    • For questions about poverty-reduction policy, type your question or tap <b>📚 Policy Q&amp;A</b>.
    Commands: /start — main menu · /help — help · /cancel — cancel the current task
help-role-hamlet_head = For hamlet heads: <b>📝 Send a report</b> (or /baocao) for quick field reports — every answer is saved at once, tap <b>Later</b> to continue another time. <b>👤 My details</b> shows your hamlet and registered phone number.
help-role-commune_officer = For commune officers: <b>📊 Reporting status</b> to see which hamlets reported, remind, ask for completion, export to Excel; <b>📝 Access requests</b> to approve newcomers, <b>👥 Manage officers</b> to disconnect accounts or fix phone numbers, <b>🔗 Create an invite</b> for hamlet heads, <b>🔑 Issue activation codes</b> so officers can connect Zalo, <b>🏘 My units</b> for the hamlets and officers of your commune.
help-role-trainer = For trainers: /taokhoahoc creates a course — preview the notice exactly as recipients see it and how many it reaches, then publish; later edit or cancel it from the course screen. <b>📣 Send an announcement</b> (/thongbao) sends a notice, with a photo or a file, to officers in your scope. <b>📋 Review new answers</b> to edit and approve answers officers suggested within your scope; <b>📈 Content to review</b> (/noidung) lists answers marked unhelpful, questions the bot was unsure of and entries past their review date. Tap <b>👤 My details</b> to check your unit and registered phone number.
help-role-supervisor = For supervisors: <b>📊 Summary</b> (/tonghop) sends the summary of your whole area or one unit now — by unit, with a chart and an Excel file; <b>🔔 Receive summaries</b> to get it regularly; <b>🏘 My units</b> shows the units, officers and who has reported this period; <b>🔗 Create an invite</b> invites new officers.
help-role-admin = For administrators: decide <b>📝 Access requests</b>, <b>👥 Manage officers</b> (role, unit, deactivation), <b>📣 Send an announcement</b>, /taokhoahoc (new course), <b>🔗 Create an invite</b>, <b>🔑 Issue activation codes</b> (connecting Zalo), <b>📋 Review new answers</b>, <b>📈 Content to review</b> (/noidung); send an Excel/CSV roster or units file here to import it.
help-stranger =
    <b>Help</b>
    • Type a question, or tap <b>📚 Policy Q&amp;A</b>, to read answers about poverty-reduction policy.
    • If you are a new officer, tap <b>📝 Request access</b>.
    Commands: /start — main menu · /help — help · /cancel — cancel the current task
help-unverified =
    <b>Help</b>
    • If you are an officer, tap <b>📱 Verify with my phone number</b>: the bot finds your number on the officers' roster and opens what your role can do.
    • Anyone can type a question about poverty-reduction policy, or tap <b>📚 Policy Q&amp;A</b>.
    • Would rather not verify? Type <b>skip</b> to request access instead.
    Commands: /start — main menu · /help — help · /cancel — cancel the current task
help-unverified-code =
    <b>Help</b>
    • If you are an officer, send the activation code your commune officer or administrator gave you (for example ABCD-EF23): the bot connects your account and opens what your role can do.
    • Anyone can type a question about poverty-reduction policy, or choose <b>📚 Policy Q&amp;A</b>.
    • No code? Type <b>skip</b> to request access instead.
    Commands: /start — main menu · /help — help · /cancel — cancel the current task
help-inactive =
    <b>Help</b>
    • Your access has been turned off. If you need it again, please contact { $contacts }.
    • You can still read the policy Q&amp;A: type a question, or tap <b>📚 Policy Q&amp;A</b>.
    Commands: /start — main menu · /help — help · /cancel — cancel the current task
help-in-conversation = You are in the middle of: <b>{ $task }</b>. Answer the question above, or type <b>cancel</b> (/cancel) to stop.

cancel-done = Cancelled.
cancel-nothing = Nothing to cancel.

command-start = Main menu
command-help = Help
command-cancel = Cancel the current task
command-faq = Policy Q&A
command-me = My details
command-units = My units
command-taokhoahoc = New course
command-thongbao = Send an announcement
command-language = Change language
menu-access-requests = 📝 Access requests
menu-people = 👥 Manage officers
menu-activation-codes = 🔑 Issue activation codes
menu-invite = 🔗 Create an invite
menu-announce = 📣 Send an announcement
