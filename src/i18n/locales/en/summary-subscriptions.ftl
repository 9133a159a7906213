## Regular summaries: subscriptions list, add, pause, resume, delete

menu-summary-subscriptions = 🔔 Receive summaries
command-nhantonghop = Receive regular summaries
sms-task = subscribing to summaries
sms-busy = You are subscribing to summaries. Answer the question above, or type cancel to stop.

# List
sms-title = 🔔 <b>Regular summaries</b>
sms-none =
    You do not receive any summary yet.
    Press ➕ to subscribe: by default every Monday at 07:30, for your unit.
sms-item = 🔸 <b>{ $unit }</b>: { $schedule }
sms-item-next = Next: { $time } { $weekday }, { $date }
sms-item-paused = ⏸ Paused
sms-button-add = ➕ New subscription
sms-button-pause = ⏸ Pause: { $name }
sms-button-resume = ▶️ Resume: { $name }
sms-button-delete = 🗑 Delete: { $name }
sms-button-list = 🔔 Subscriptions

# Schedule
sms-schedule-daily = every day at { $time }
sms-schedule-weekly = { $time } every { $weekday }
sms-schedule-monthly = { $time } on day { $day } of every month
sms-weekday-1 = Monday
sms-weekday-2 = Tuesday
sms-weekday-3 = Wednesday
sms-weekday-4 = Thursday
sms-weekday-5 = Friday
sms-weekday-6 = Saturday
sms-weekday-7 = Sunday

# New subscription
sms-ask-unit = Which unit's summary do you want? Choose ✅ for all of <b>{ $unit }</b>, or a unit below to narrow it.
sms-unit-whole = ✅ All of { $unit }
sms-ask-cadence = How often?
sms-cadence-daily = Daily
sms-cadence-weekly = Weekly
sms-cadence-monthly = Monthly
sms-ask-weekday = On which day of the week?
sms-ask-month-day = On which day of the month? Type a number from 1 to 28.
sms-month-day-first = Day 1
sms-month-day-invalid = The day of the month must be a number from 1 to 28 (not every month has the 29th–31st).
sms-ask-time = At what time? Choose below, or type a time such as <b>7h30</b> or <b>17:00</b>.
sms-time-invalid = I could not read that time. Type it like <b>7h30</b>, <b>07:30</b> or <b>17:00</b> (00:00 to 23:59).
sms-subscribed =
    ✅ Subscribed to the summary of <b>{ $unit }</b>: { $schedule }.
    Next: { $time } { $weekday }, { $date }.
sms-updated =
    ✅ Subscription to <b>{ $unit }</b> updated: { $schedule }.
    Next: { $time } { $weekday }, { $date }.
sms-cancelled = Cancelled; nothing new was subscribed.

# Pause, resume, delete
sms-paused = ⏸ The summary of <b>{ $unit }</b> is paused. Press ▶️ to receive it again (the periods while paused are not sent later).
sms-resumed = ▶️ The summary of <b>{ $unit }</b> is on again. Next: { $time } { $weekday }, { $date }.
sms-delete-confirm = Delete the subscription to the summary of <b>{ $unit }</b> ({ $schedule })?
sms-button-delete-yes = 🗑 Delete subscription
sms-deleted = 🗑 Subscription to the summary of <b>{ $unit }</b> deleted.
sms-gone = This subscription no longer exists (it may have been deleted). Here is the current list.
sms-out-of-scope = 🔒 This unit is not within your scope.
sms-unknown-unit = This unit is no longer active. Please choose another one.
