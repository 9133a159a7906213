import { isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDate } from "../../shared/time.js";
import type { FormSummary, ReportItem, SummaryData } from "./summary-data.js";
import {
  figureChange,
  formatChange,
  formatFigure,
  formatLocalDate,
  formatRate,
  formatShare,
  windowLabel,
} from "./summary-format.js";

/** What the text shows of each list (the workbook has them all). */
export const SUMMARY_TEXT_LIMITS = {
  rows: 20,
  missingUnits: 15,
  reportItems: 5,
  questionItems: 5,
  courses: 5,
  questionChars: 80,
} as const;

/**
 * A summary as a chat message (Telegram HTML) for a phone screen: the header, then per form
 * the received/expected share with one line per child unit and its key figures, the units
 * missing (grouped by parent, the first {@link SUMMARY_TEXT_LIMITS.missingUnits}), then
 * reports waiting for correction, urgent reports, unanswered questions and training. Sections
 * with nothing in them are left out. Long summaries are split by `splitMessage`.
 */
export function renderSummaryText(
  data: SummaryData,
  translator: Translator,
  locale: string,
  timeZone: string,
): string {
  const lang: Locale = isLocale(locale) ? locale : "vi";
  const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(lang, key, args);
  const sections: string[][] = [[header(data, t)]];

  if (data.forms.length === 0) sections.push([t("sum-no-forms")]);
  for (const form of data.forms) sections.push(formSection(form, t, lang));
  // What "(+15)" means, once: a periodic form's change compares the units that reported in both.
  const compared = data.forms.some(
    (form) => form.periodType !== "adhoc" && form.totals.previous !== null && form.keyFigures.length > 0,
  );
  if (compared) sections.push([t("sum-change-note")]);

  const reportItems = (items: ReportItem[], total: number) => {
    const lines = items.slice(0, SUMMARY_TEXT_LIMITS.reportItems).map((item) =>
      t(item.parentName ? "sum-report-item-parent" : "sum-report-item", {
        unit: item.unit.name,
        parent: item.parentName ?? "",
        form: item.formTitle,
        date: formatDate(item.at, lang, timeZone),
      }),
    );
    const shown = Math.min(items.length, SUMMARY_TEXT_LIMITS.reportItems);
    if (total > shown) lines.push(t("sum-items-more", { count: total - shown }));
    return lines;
  };
  if (data.returned.total > 0)
    sections.push([
      t("sum-returned-title", { total: data.returned.total }),
      ...reportItems(data.returned.items, data.returned.total),
    ]);
  if (data.urgent.total > 0)
    sections.push([
      t("sum-urgent-title", { total: data.urgent.total }),
      ...reportItems(data.urgent.items, data.urgent.total),
    ]);

  const questions = data.questions;
  if (questions.open > 0) {
    const lines = [t("sum-questions-title", { open: questions.open, escalated: questions.escalated })];
    const shown = questions.items.slice(0, SUMMARY_TEXT_LIMITS.questionItems);
    for (const item of shown)
      lines.push(
        t("sum-question-item", {
          escalated: item.escalated ? "yes" : "no",
          unit: item.unitName ?? translator.plain(lang, "sum-question-no-unit"),
          text: shortenLabel(item.text.replace(/\s+/g, " ").trim(), SUMMARY_TEXT_LIMITS.questionChars),
          age: item.ageDays,
        }),
      );
    if (questions.open > shown.length)
      lines.push(t("sum-items-more", { count: questions.open - shown.length }));
    sections.push(lines);
  }

  const training: string[] = [];
  const courses = data.training.upcoming.slice(0, SUMMARY_TEXT_LIMITS.courses);
  if (courses.length > 0) {
    training.push(t("sum-training-title"));
    for (const course of courses)
      training.push(
        t("sum-course-item", {
          title: course.title,
          date: formatDate(course.startsAt, lang, timeZone),
          answered: course.audience - course.notAnswered,
          audience: course.audience,
          percent: course.answerRate === null ? "–" : formatShare(course.answerRate, lang, 0),
          yes: course.yes,
        }),
      );
    if (data.training.upcoming.length > courses.length)
      training.push(t("sum-items-more", { count: data.training.upcoming.length - courses.length }));
  }
  const trained = data.training.trainedThisYear;
  if (trained.officers > 0)
    training.push(
      t("sum-trained", {
        trained: trained.trained,
        officers: trained.officers,
        percent: formatShare(trained.share ?? trained.trained / trained.officers, lang),
      }),
    );
  if (training.length > 0) sections.push(training);

  return sections.map((lines) => lines.join("\n")).join("\n\n");
}

type T = (key: string, args?: Parameters<Translator["t"]>[2]) => string;

function header(data: SummaryData, t: T): string {
  const window = data.window;
  if (window.cadence === "weekly") {
    const [from, to] = windowLabel(window).split("–");
    return t("sum-title-weekly", { from: from ?? "", to: to ?? "", unit: data.root.name });
  }
  if (window.cadence === "daily")
    return t("sum-title-daily", { date: formatLocalDate(window.firstDay), unit: data.root.name });
  return t("sum-title-monthly", { month: windowLabel(window), unit: data.root.name });
}

function formSection(form: FormSummary, t: T, locale: Locale): string[] {
  const lines = [t("sum-form-title", { form: form.title, period: form.period.label })];
  const totals = form.totals;
  const adhoc = totals.expected === null;
  if (adhoc) lines.push(t("sum-form-received-adhoc", { received: totals.received }));
  else if (totals.expected === 0) lines.push(t("sum-form-no-expected"));
  else
    lines.push(
      t("sum-form-received", {
        received: totals.received,
        expected: totals.expected ?? 0,
        percent: formatRate(totals.received, totals.expected, locale),
      }),
    );
  const totalFigures = figures(form, totals.figures, totals.previous, t, locale, form.keyFigures.length);
  if (totalFigures) lines.push(totalFigures);

  // One line per child: its share and its main figure (the first key figure when none is main).
  const main = form.keyFigures.filter(
    (figure) => figure.field === (form.mainFigure ?? form.keyFigures[0]?.field),
  );
  const mainForm = { ...form, keyFigures: main };
  const rows = form.rows.filter((row) => !(adhoc && row.received === 0) && row.expected !== 0);
  // Too many children for a phone: those that need attention — the lowest rates (ad hoc: the
  // most reports) — as the chart does, and how many more.
  let shown = rows;
  if (rows.length > SUMMARY_TEXT_LIMITS.rows) {
    const rate = (row: (typeof rows)[number]) => (adhoc ? -row.received : row.received / (row.expected || 1));
    shown = [...rows]
      .sort((a, b) => rate(a) - rate(b) || a.unit.name.localeCompare(b.unit.name, "vi"))
      .slice(0, SUMMARY_TEXT_LIMITS.rows);
    lines.push(t(adhoc ? "sum-rows-most" : "sum-rows-lowest", { count: shown.length }));
  }
  for (const row of shown) {
    let line = adhoc
      ? t("sum-row-adhoc", { unit: row.unit.name, received: row.received })
      : t("sum-row", {
          unit: row.unit.name,
          received: row.received,
          expected: row.expected ?? 0,
          percent: formatRate(row.received, row.expected, locale, 0),
        });
    const rowFigures = figures(mainForm, row.figures, row.previous, t, locale, 1);
    if (rowFigures) line += ` · ${rowFigures}`;
    lines.push(line);
  }
  if (rows.length > SUMMARY_TEXT_LIMITS.rows)
    lines.push(t("sum-row-more", { count: rows.length - SUMMARY_TEXT_LIMITS.rows }));

  const missing = form.missing;
  if (missing && totals.expected) {
    if (missing.total === 0) lines.push(t("sum-missing-none"));
    else {
      lines.push(t("sum-missing-title", { total: missing.total }));
      let shown = 0;
      for (const group of missing.groups) {
        const units = group.units.slice(0, SUMMARY_TEXT_LIMITS.missingUnits - shown);
        if (units.length === 0) break;
        shown += units.length;
        const names = units.map((unit) => unit.name).join(", ");
        lines.push(
          group.parent
            ? t("sum-missing-group", { parent: group.parent.name, units: names })
            : t("sum-missing-group-root", { units: names }),
        );
      }
      if (missing.total > shown) lines.push(t("sum-missing-more", { count: missing.total - shown }));
    }
  }
  return lines;
}

/** "Hộ đã rà soát 120 (+15) · Hộ nghèo mới 3", the first `limit` key figures with a value. */
function figures(
  form: FormSummary,
  current: Record<string, number | null>,
  previous: Record<string, number | null> | null,
  t: T,
  locale: Locale,
  limit: number,
): string | null {
  const parts: string[] = [];
  for (const figure of form.keyFigures.slice(0, limit)) {
    const value = current[figure.field];
    if (value === null || value === undefined) continue;
    const change = figureChange(figure, current, previous);
    const shown = formatFigure(value, locale) + (figure.unit === "%" ? "%" : "");
    parts.push(
      change === null
        ? t("sum-figure", { label: figure.label, value: shown })
        : t("sum-figure-change", { label: figure.label, value: shown, change: formatChange(change, locale) }),
    );
  }
  return parts.length > 0 ? parts.join(" · ") : null;
}
