## On-demand summary (/tonghop) and the breakdown by unit in "My units"

menu-summary-demand = 📊 Summary
command-tonghop = Summary of the area by unit

smd-units-head = 📊 <b>Summary</b> — choose a unit in { $unit }:
smd-units-children = All of { $unit }, or one of its { $count } units.
smd-units-page = Page { $page }/{ $pages }
smd-button-whole = 📍 { $unit } (all)
smd-button-previous-page = ◀ Previous page
smd-button-next-page = Next page ▶
smd-period-head = 📊 Summary of <b>{ $unit }</b> — choose the period:
smd-period-this-week = This week
smd-period-last-week = Last week
smd-period-this-month = This month
smd-period-last-month = Last month
smd-period-today = Today
smd-button-narrow = 🔽 Choose a unit in { $unit }
smd-button-other-unit = ◀ Another unit
smd-working = ⏳ Preparing the summary of { $unit }, { $period }…
smd-workbook-caption = 📥 Excel summary of { $unit }
smd-button-again = 📊 Another period
smd-out-of-scope = This unit is outside your area.
smd-unknown-unit = This unit was not found (it may have been closed). Tap 📊 Summary to choose again.

units-breakdown-form = 📄 <b>{ $form }</b> · { $period }: { $reported }/{ $total } reported
units-breakdown-row = • { $unit }: { $reported }/{ $total }
units-breakdown-more = • … and { $count } more units (see 📊 Full summary)
units-breakdown-none = No report form is in its period now.
units-button-full-summary = 📊 Full summary
