## Announcements (sent to many people)

ann-task = sending an announcement
ann-busy = You are writing an announcement. Answer the question above, or type cancel to stop.
ann-cancelled = Stopped; no announcement was sent.
ann-ask-text = 📣 <b>Send an announcement</b> — type the text (at most { $max } characters). To add a photo or a file, send it with the text as its caption.
ann-ask-text-only = 📣 <b>Send an announcement</b> — type the text (at most { $max } characters). On Zalo announcements are text only.
ann-files-not-here = On Zalo announcements are text only (no photos or files). Type the announcement:
ann-ask-caption = File received. Type the text to go with it (at most { $max } characters):
ann-ask-units = Which units is it for? Pick one or more, then tap <b>Done</b>.
ann-ask-roles = Who is it for? Pick one or more, then tap <b>Done</b>.
ann-preview-head = ☝️ This is the announcement recipients will see.
ann-preview-confirm = Send this announcement?
ann-send = 📤 Send
ann-refused-text = The text is empty or too long. Nothing was sent.
ann-queued = 📤 Sending the announcement: { $queued } people will get a message, { $unreachable } not connected / blocked the bot.
announcement-text =
    📣 <b>Announcement</b> from { $sender }:

    { $text }
announcement-file-left-out-photo = (This announcement has a photo that cannot be sent on Zalo — ask the sender.)
announcement-file-left-out-document = (This announcement has a file that cannot be sent on Zalo — ask the sender.)
