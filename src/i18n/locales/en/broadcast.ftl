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
broadcast-report-more = … and { $count } more
