import ExcelJS from "exceljs";
import { createTranslator, isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import type { ReportItem, SummaryData } from "./summary-data.js";
import { figureChange, wallClockDate, windowLabel } from "./summary-format.js";

let defaultTranslator: Translator | null = null;

function appTranslator(): Translator {
  if (!defaultTranslator) defaultTranslator = createTranslator();
  return defaultTranslator;
}

const DATE_TIME = "dd/mm/yyyy hh:mm";
const INTEGER = "#,##0";
const FIGURE = "#,##0.##";
const PERCENT = "0.0%";

/**
 * The summary as an Excel workbook, one sheet per section: reports by unit (per form:
 * expected, received, rate, returned), key figures by unit (with the previous period and the
 * change), missing units (parent, unit), waiting for correction, urgent reports, questions and
 * training. Headers are bold and frozen; numbers are numbers (with formats), dates are real
 * dates in local time; cells are values, never formulas. It holds the lists as capped in the
 * data (the text shows fewer). `translator` defaults to the app's locale files.
 */
export async function buildSummaryWorkbook(
  data: SummaryData,
  locale: string,
  timeZone: string,
  translator: Translator = appTranslator(),
): Promise<Buffer> {
  const lang: Locale = isLocale(locale) ? locale : "vi";
  const t = (key: string, args?: Parameters<Translator["plain"]>[2]) => translator.plain(lang, key, args);
  const workbook = new ExcelJS.Workbook();
  workbook.created = wallClockDate(data.generatedAt, timeZone);
  workbook.title = `${data.root.name} · ${windowLabel(data.window)}`;
  const local = (at: Date) => wallClockDate(at, timeZone);

  const sheet = (name: string, columns: { header: string; width: number; numFmt?: string }[]) => {
    const worksheet = workbook.addWorksheet(t(name), { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = columns.map((column) => ({
      header: t(column.header),
      width: column.width,
      ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
    }));
    worksheet.getRow(1).font = { bold: true };
    return worksheet;
  };

  const byUnit = sheet("sum-sheet-reports", [
    { header: "sum-col-form", width: 36 },
    { header: "sum-col-period", width: 28 },
    { header: "sum-col-unit", width: 28 },
    { header: "sum-col-expected", width: 14, numFmt: INTEGER },
    { header: "sum-col-received", width: 14, numFmt: INTEGER },
    { header: "sum-col-rate", width: 12, numFmt: PERCENT },
    { header: "sum-col-returned", width: 12, numFmt: INTEGER },
  ]);
  const figures = sheet("sum-sheet-figures", [
    { header: "sum-col-form", width: 36 },
    { header: "sum-col-period", width: 28 },
    { header: "sum-col-unit", width: 28 },
    { header: "sum-col-figure", width: 28 },
    { header: "sum-col-value", width: 14, numFmt: FIGURE },
    { header: "sum-col-previous", width: 14, numFmt: FIGURE },
    { header: "sum-col-change", width: 12, numFmt: FIGURE },
  ]);
  const missing = sheet("sum-sheet-missing", [
    { header: "sum-col-form", width: 36 },
    { header: "sum-col-period", width: 28 },
    { header: "sum-col-parent", width: 28 },
    { header: "sum-col-unit", width: 28 },
  ]);
  const total = t("sum-row-total");
  for (const form of data.forms) {
    const rows = [
      ...form.rows.map((row) => ({ name: row.unit.name, ...row })),
      { name: total, ...form.totals },
    ];
    for (const [index, row] of rows.entries()) {
      const isTotal = index === rows.length - 1;
      const added = byUnit.addRow([
        form.title,
        form.period.label,
        row.name,
        row.expected,
        row.received,
        row.expected ? row.received / row.expected : null,
        row.returned,
      ]);
      if (isTotal) added.font = { bold: true };
      for (const figure of form.keyFigures) {
        const value = row.figures[figure.field] ?? null;
        const previous = row.previous?.[figure.field] ?? null;
        const line = figures.addRow([
          form.title,
          form.period.label,
          row.name,
          figure.label,
          value,
          previous,
          figureChange(figure, row.figures, row.previous),
        ]);
        if (isTotal) line.font = { bold: true };
      }
    }
    if (form.missing) {
      let listed = 0;
      for (const group of form.missing.groups)
        for (const unit of group.units) {
          missing.addRow([form.title, form.period.label, group.parent?.name ?? "", unit.name]);
          listed += 1;
        }
      if (form.missing.total > listed)
        missing.addRow([
          form.title,
          form.period.label,
          "",
          t("sum-missing-more", { count: form.missing.total - listed }),
        ]);
    }
  }

  const reportSheet = (name: string, list: { total: number; items: ReportItem[] }) => {
    const worksheet = sheet(name, [
      { header: "sum-col-form", width: 36 },
      { header: "sum-col-unit", width: 28 },
      { header: "sum-col-parent", width: 28 },
      { header: "sum-col-at", width: 18, numFmt: DATE_TIME },
      { header: "sum-col-report-id", width: 12 },
    ]);
    for (const item of list.items)
      worksheet.addRow([
        item.formTitle,
        item.unit.name,
        item.parentName ?? "",
        local(item.at),
        item.reportId,
      ]);
    if (list.total > list.items.length)
      worksheet.addRow([t("sum-more-items", { count: list.total - list.items.length })]);
  };
  reportSheet("sum-sheet-returned", data.returned);
  reportSheet("sum-sheet-urgent", data.urgent);

  const questions = sheet("sum-sheet-questions", [
    { header: "sum-col-unit", width: 28 },
    { header: "sum-col-question", width: 60 },
    { header: "sum-col-asked-at", width: 18, numFmt: DATE_TIME },
    { header: "sum-col-age-days", width: 12, numFmt: INTEGER },
    { header: "sum-col-escalated", width: 14 },
  ]);
  for (const item of data.questions.items)
    questions.addRow([
      item.unitName ?? "",
      item.text,
      local(item.askedAt),
      item.ageDays,
      item.escalated ? t("sum-yes") : t("sum-no"),
    ]);
  if (data.questions.open > data.questions.items.length)
    questions.addRow(["", t("sum-more-items", { count: data.questions.open - data.questions.items.length })]);

  const training = sheet("sum-sheet-training", [
    { header: "sum-col-course", width: 40 },
    { header: "sum-col-starts-at", width: 18, numFmt: DATE_TIME },
    { header: "sum-col-audience", width: 12, numFmt: INTEGER },
    { header: "sum-col-yes", width: 12, numFmt: INTEGER },
    { header: "sum-col-no", width: 12, numFmt: INTEGER },
    { header: "sum-col-waitlist", width: 12, numFmt: INTEGER },
    { header: "sum-col-not-answered", width: 14, numFmt: INTEGER },
    { header: "sum-col-answer-rate", width: 14, numFmt: PERCENT },
  ]);
  for (const course of data.training.upcoming)
    training.addRow([
      course.title,
      local(course.startsAt),
      course.audience,
      course.yes,
      course.no,
      course.waitlist,
      course.notAnswered,
      course.answerRate,
    ]);
  const trained = data.training.trainedThisYear;
  training.addRow([]);
  const trainedRow = training.addRow([t("sum-trained-this-year"), null, trained.officers, trained.trained]);
  trainedRow.font = { bold: true };
  trainedRow.getCell(8).value = trained.share;

  const about = workbook.addWorksheet(t("sum-sheet-about"));
  about.columns = [{ width: 28 }, { width: 48 }];
  about.addRow([t("sum-col-unit"), data.root.name]);
  about.addRow([t("sum-col-period"), windowLabel(data.window)]);
  const generated = about.addRow([t("sum-col-generated-at"), local(data.generatedAt)]);
  generated.getCell(2).numFmt = DATE_TIME;
  about.getColumn(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
