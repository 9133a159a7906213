# Broadcasts (announcements, courses): the sender's progress message and final report.
broadcast-progress = 📤 Sent { $sent }/{ $total }{ $unreachable ->
    [0] {""}
   *[other] {" · "}{ $unreachable } unreachable
} · { $minutes ->
    [0] less than a minute left
    [1] about 1 minute left
   *[other] about { $minutes } minutes left
}
broadcast-done = ✅ Delivery finished: { $sent }/{ $total } people received it{ $unreachable ->
    [0] {""}
   *[other] {" · "}{ $unreachable } unreachable
}.
broadcast-report-title = 📋 Delivery of “{ $text }”: { $sent }/{ $total } people received it.
broadcast-report-all-reached = Everyone received it.
broadcast-report-unreachable = { $count ->
    [one] 1 person did not receive it; please contact them directly:
   *[other] { $count } people did not receive it; please contact them directly:
}
broadcast-report-line = • { $name }{ $phone } — { $reason }
broadcast-report-phone = , 📞 { $phone }
broadcast-report-never-connected = has never used the bot
broadcast-report-blocked = blocked the bot
broadcast-report-failed = could not be sent
broadcast-report-never-wrote = has never written to the bot on Zalo (Zalo lets a bot write only to people who wrote first)
broadcast-report-quota = the bot has used up this month's Zalo messages
broadcast-report-paid-off = has not written to the Zalo bot for more than 48 hours, and paid messages are off
broadcast-report-window-closed = has not written to the Zalo bot for more than 7 days, and there is no template for this kind of message
broadcast-report-no-phone = has no phone number for a Zalo template message
broadcast-report-how = How it went:
broadcast-report-how-line = • { $name } — { $how }
broadcast-report-how-free = { $channel }
broadcast-report-how-zalo-free = Zalo, free
broadcast-report-how-zalo-paid = Zalo, paid message (~{ $cost } ₫)
broadcast-report-how-template = Zalo, template message by phone number (~{ $cost } ₫)
broadcast-report-modes = In all: { $modes }
broadcast-report-mode-count = { $how }: { $count }
broadcast-report-cost = Estimated cost: { $cost } ₫
broadcast-report-cost-none = No cost.
broadcast-report-more = … and { $count } more
