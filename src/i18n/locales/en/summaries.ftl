## Supervisor summaries: what a summary says (text, chart, Excel file)

sum-title-daily = 📊 <b>Summary for { $date } · { $unit }</b>
sum-title-weekly = 📊 <b>Weekly summary { $from }–{ $to } · { $unit }</b>
sum-title-monthly = 📊 <b>Monthly summary { $month } · { $unit }</b>
sum-late = ⏰ Sent late: the bot was stopped when this was due
sum-no-forms = No reports to summarise in this period.
sum-form-title = 📝 <b>{ $form }</b> — { $period }
sum-form-received = Reported: <b>{ $received }/{ $expected }</b> units ({ $percent })
sum-form-received-adhoc = Reports in the period: <b>{ $received }</b>
sum-form-no-expected = No unit has to report.
sum-row = • { $unit }: { $received }/{ $expected } ({ $percent })
sum-row-adhoc = • { $unit }: { $received ->
        [one] { $received } report
       *[other] { $received } reports
    }
sum-row-more = • … and { $count } more units
sum-rows-lowest = <i>The { $count } units with the lowest reporting rate:</i>
sum-rows-most = <i>The { $count } units with the most reports:</i>
sum-figure = { $label } { $value }
sum-figure-change = { $label } { $value } ({ $change })
sum-change-note = <i>(±) change since the previous period, over the units that reported in both.</i>
sum-missing-title = ⏳ <b>Not reported ({ $total }):</b>
sum-missing-group = • { $parent }: { $units }
sum-missing-group-root = • { $units }
sum-missing-more = and { $count } more units
sum-missing-none = ✅ Every unit has reported.
sum-returned-title = ✏️ <b>Waiting for correction: { $total }</b>
sum-urgent-title = 🚨 <b>Urgent reports: { $total }</b>
sum-report-item = • { $unit } — { $form }, { $date }
sum-report-item-parent = • { $unit } ({ $parent }) — { $form }, { $date }
sum-items-more = • … and { $count } more
sum-questions-title = ❓ <b>Unanswered questions: { $open }</b>{ $escalated ->
        [0] {""}
       *[other] {" "}({ $escalated } escalated)
    }
sum-question-item = • { $escalated ->
        [yes] ⬆️{" "}
       *[other] {""}
    }{ $unit }: «{ $text }» — { $age ->
        [0] today
        [one] 1 day
       *[other] { $age } days
    }
sum-question-no-unit = Unknown unit
sum-training-title = 📚 <b>Upcoming courses:</b>
sum-course-item = • { $title } ({ $date }): { $answered }/{ $audience } answered ({ $percent }), { $yes } attending
sum-trained = 🎓 Trained this year: { $trained }/{ $officers } officers ({ $percent })

sum-chart-rate-title = Reporting rate by unit
sum-chart-lowest = The { $shown } lowest of { $total } units
sum-chart-trend-title = { $figure } over the last periods

sum-row-total = Total
sum-more-items = and { $count } more
sum-yes = Yes
sum-no = No
sum-trained-this-year = Officers trained this year
sum-sheet-reports = Reports by unit
sum-sheet-figures = Key figures
sum-sheet-missing = Not reported
sum-sheet-returned = Waiting for correction
sum-sheet-urgent = Urgent reports
sum-sheet-questions = Questions
sum-sheet-training = Training
sum-sheet-about = About
sum-col-form = Form
sum-col-period = Period
sum-col-unit = Unit
sum-col-parent = Part of
sum-col-expected = Expected
sum-col-received = Received
sum-col-rate = Rate
sum-col-returned = Waiting for correction
sum-col-figure = Figure
sum-col-value = This period
sum-col-previous = Previous period
sum-col-change = Change
sum-col-at = At
sum-col-report-id = Report no.
sum-col-question = Question
sum-col-asked-at = Asked at
sum-col-age-days = Days waiting
sum-col-escalated = Escalated
sum-col-course = Course
sum-col-starts-at = Starts
sum-col-audience = Audience
sum-col-yes = Attending
sum-col-no = Not attending
sum-col-waitlist = Waiting list
sum-col-not-answered = Not answered
sum-col-answer-rate = Answer rate
sum-col-generated-at = Made at
