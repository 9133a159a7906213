import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import { createTranslator, isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import { loadExcelJs } from "../../shared/lazy-modules.js";
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
  const local = (at: Date) => wallClockDate(at, timeZone);
  const sheets: SheetData[] = [];
  const sheet = (name: string, columns: Column[], header = true): SheetData => {
    const data: SheetData = { name: t(name), columns, header, rows: [] };
    sheets.push(data);
    return data;
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
      byUnit.rows.push({
        bold: isTotal,
        values: [
          form.title,
          form.period.label,
          row.name,
          row.expected,
          row.received,
          row.expected ? row.received / row.expected : null,
          row.returned,
        ],
      });
      for (const figure of form.keyFigures) {
        const value = row.figures[figure.field] ?? null;
        const previous = row.previous?.[figure.field] ?? null;
        figures.rows.push({
          bold: isTotal,
          values: [
            form.title,
            form.period.label,
            row.name,
            figure.label,
            value,
            previous,
            figureChange(figure, row.figures, row.previous),
          ],
        });
      }
    }
    if (form.missing) {
      let listed = 0;
      for (const group of form.missing.groups)
        for (const unit of group.units) {
          missing.rows.push({ values: [form.title, form.period.label, group.parent?.name ?? "", unit.name] });
          listed += 1;
        }
      if (form.missing.total > listed)
        missing.rows.push({
          values: [
            form.title,
            form.period.label,
            "",
            t("sum-missing-more", { count: form.missing.total - listed }),
          ],
        });
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
      worksheet.rows.push({
        values: [item.formTitle, item.unit.name, item.parentName ?? "", local(item.at), item.reportId],
      });
    if (list.total > list.items.length)
      worksheet.rows.push({ values: [t("sum-more-items", { count: list.total - list.items.length })] });
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
    questions.rows.push({
      values: [
        item.unitName ?? "",
        item.text,
        local(item.askedAt),
        item.ageDays,
        item.escalated ? t("sum-yes") : t("sum-no"),
      ],
    });
  if (data.questions.open > data.questions.items.length)
    questions.rows.push({
      values: ["", t("sum-more-items", { count: data.questions.open - data.questions.items.length })],
    });

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
    training.rows.push({
      values: [
        course.title,
        local(course.startsAt),
        course.audience,
        course.yes,
        course.no,
        course.waitlist,
        course.notAnswered,
        course.answerRate,
      ],
    });
  const trained = data.training.trainedThisYear;
  training.rows.push({ values: [] });
  training.rows.push({
    bold: true,
    values: [
      t("sum-trained-this-year"),
      null,
      trained.officers,
      trained.trained,
      null,
      null,
      null,
      trained.share,
    ],
  });

  const about = sheet(
    "sum-sheet-about",
    [
      { header: "", width: 28, bold: true },
      { header: "", width: 48, numFmt: DATE_TIME },
    ],
    false,
  );
  about.rows.push({ values: [t("sum-col-unit"), data.root.name] });
  about.rows.push({ values: [t("sum-col-period"), windowLabel(data.window)] });
  about.rows.push({ values: [t("sum-col-generated-at"), local(data.generatedAt)] });

  return writeWorkbook(sheets, t, {
    created: wallClockDate(data.generatedAt, timeZone),
    title: `${data.root.name} · ${windowLabel(data.window)}`,
  });
}

interface Column {
  /** A message key ("" for none). */
  header: string;
  width: number;
  numFmt?: string;
  bold?: boolean;
}

interface SheetData {
  name: string;
  columns: Column[];
  /** A bold, frozen first row of the columns' headers. */
  header: boolean;
  rows: { values: unknown[]; bold?: boolean }[];
}

/**
 * Writes the sheets with exceljs's streaming writer, one sheet after the other: about twice as
 * fast as building the whole workbook in memory (a province's summary has thousands of rows).
 */
async function writeWorkbook(
  sheets: SheetData[],
  t: (key: string) => string,
  properties: { created: Date; title: string },
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.created = properties.created;
  // Else exceljs stamps the file with the wall clock; the summary's own time is the clock's.
  workbook.modified = properties.created;
  workbook.title = properties.title;
  // Cells of the same type and style share one style object: exceljs finds a style it has seen
  // by the object, and otherwise renders it again for every cell (most of its time here).
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const shareStyle = (cell: ExcelJS.Cell) => {
    const key = `${cell.type}:${JSON.stringify(cell.style)}`;
    const shared = styles.get(key);
    if (shared) cell.style = shared;
    else styles.set(key, cell.style);
  };
  for (const data of sheets) {
    const worksheet = workbook.addWorksheet(
      data.name,
      data.header ? { views: [{ state: "frozen", ySplit: 1 }] } : {},
    );
    worksheet.columns = data.columns.map((column) => ({
      ...(data.header ? { header: t(column.header) } : {}),
      width: column.width,
      style: {
        ...(column.numFmt ? { numFmt: column.numFmt } : {}),
        ...(column.bold ? { font: { bold: true } } : {}),
      },
    }));
    if (data.header) {
      const header = worksheet.getRow(1);
      header.font = { bold: true };
      header.commit();
    }
    for (const row of data.rows) {
      const added = worksheet.addRow(row.values);
      if (row.bold) added.font = { bold: true };
      added.eachCell(shareStyle);
      added.commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
