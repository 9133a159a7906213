## Shared by multi-step tasks (conversations)

task-expired = ⌛ The task you left unfinished was discarded because it sat too long. Start again from the menu (type menu) when you need to.
task-use-buttons = Please choose one of the buttons above (or type its number), or type cancel to stop.
task-text-expected = I need a text answer. Please type it, or type cancel to stop.
task-chosen = → <b>{ $choice }</b>
task-selected = Selected: <b>{ $list }</b>
task-left = ↩️ Stopped what you were doing ({ $task }).
task-left-kept = ↩️ Stopped what you were doing ({ $task }); your answers so far are saved as a draft.
task-left-dropped = ↩️ Dropped what you were doing ({ $task }); what you had typed was not saved.
task-outdated = 🔄 The assistant was just updated, so the task you were doing has stopped. Reports in progress are saved as drafts; please open it again from the menu.
task-stopped-rights = ⛔ Your role, unit or access has just changed, so the task you were doing ({ $task }) has stopped and nothing more was done.
task-stopped-rights-kept = ⛔ Your role, unit or access has just changed, so the task you were doing ({ $task }) has stopped; your answers so far are saved as a draft.
task-stopped-age = ⌛ The task you were doing ({ $task }) had been open for more than { $hours } hours, so it has stopped and nothing more was done. Start again from the menu when you need to.
task-stopped-age-kept = ⌛ The task you were doing ({ $task }) had been open for more than { $hours } hours, so it has stopped; your answers so far are saved as a draft — open it again from the menu.
task-unnamed = a multi-step task
task-return-report = asking for a report to be completed
phone-button = 📱 Send my phone number
phone-not-own = That is someone else's phone number. Please send your own (tap the button below).
phone-invalid = That phone number doesn't look right. Tap the button, or type it like 0912 345 678.
unit-none = There are no units to choose from here.
unit-page = Page { $page }/{ $pages }
