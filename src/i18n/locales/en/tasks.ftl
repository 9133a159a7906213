## Shared by multi-step tasks (conversations)

task-expired = ⌛ The task you left unfinished was discarded because it sat too long. Start again from the menu (/start) when you need to.
task-use-buttons = Please choose one of the buttons above (or type its number), or send /cancel to stop.
task-text-expected = I need a text answer. Please type it, or send /cancel to stop.
phone-button = 📱 Send my phone number
phone-not-own = That is someone else's phone number. Please send your own (tap the button below).
phone-invalid = That phone number doesn't look right. Tap the button, or type it like 0912 345 678.
unit-none = There are no units to choose from here.
