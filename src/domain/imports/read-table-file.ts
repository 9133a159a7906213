import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { yieldToEventLoop } from "../../shared/event-loop.js";
import { foldText } from "../../shared/fold.js";
import { loadExcelJs } from "../../shared/lazy-modules.js";
import { formatNumber } from "../../shared/time.js";
import { checkZipBudget } from "./check-zip-budget.js";
import { cleanText } from "./import-vocabulary.js";
import { detectCsvDelimiter, parseCsv } from "./parse-csv.js";

/**
 * The most data rows an import reads: the province's whole roster (about 13,800 officers) twice
 * over. Anything bigger is not a roster, and reading it would take the process's memory.
 */
export const MAX_IMPORT_ROWS = 30_000;
/** The largest file read at all (the bot takes 10 MB, as Telegram lets it download 20). */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
/** What an .xlsx may inflate to: a 30,000-row roster is about 15 MB of XML. */
export const MAX_XLSX_INFLATED_BYTES = 40 * 1024 * 1024;

/** One column an import understands, and the header names people give it. */
export interface ColumnSpec {
  /** Canonical id, the key of {@link TableRow.cells}. */
  id: string;
  /** How messages name the column when it is missing. */
  label: string;
  /** Header names accepted (matched folded: no case, diacritics or punctuation). */
  aliases: readonly string[];
  required: boolean;
}

export interface TableRow {
  /** The row number a spreadsheet shows (the header is usually row 1). */
  rowNumber: number;
  /** Trimmed text of each recognised column, by column id ("" when empty). */
  cells: Record<string, string>;
}

export interface TableFile {
  fileName: string;
  /** Every header cell as written in the file, in order. */
  headers: string[];
  /** Column id → its header as written in the file, for messages that point at a column. */
  columns: Record<string, string>;
  /** Rows below the header that have at least one non-empty cell. */
  rows: TableRow[];
}

export type ReadTableFileResult = { ok: true; table: TableFile } | { ok: false; errors: string[] };

/**
 * Reads a roster or unit list as officers send it — an Excel workbook (first sheet) or a CSV
 * saved by Excel or LibreOffice — into rows of text keyed by column id, whatever the header
 * names. Problems with the file as a whole (type, encoding, missing columns) come back as
 * Vietnamese messages; a broken row is the importer's business, not this function's.
 *
 * `columns` says which columns the import understands: the same header ("Tên", "Mã đơn vị")
 * means a different column in a roster than in a unit list.
 */
export async function readTableFile(
  data: Buffer,
  fileName: string,
  columns: readonly ColumnSpec[],
): Promise<ReadTableFileResult> {
  // The name is shown in messages and stored with the batch: as clean as any cell.
  return readTable(data, cleanText(fileName) || "tep", columns);
}

async function readTable(
  data: Buffer,
  fileName: string,
  columns: readonly ColumnSpec[],
): Promise<ReadTableFileResult> {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  if (data.length > MAX_IMPORT_FILE_BYTES && (extension === "xlsx" || extension === "csv")) {
    return {
      ok: false,
      errors: [
        `Tệp lớn quá (${megabytes(data.length)} MB, tối đa ${megabytes(MAX_IMPORT_FILE_BYTES)} MB): ` +
          "một danh sách cán bộ nhỏ hơn nhiều. Hãy kiểm tra lại tệp.",
      ],
    };
  }
  let grid: GridResult;
  if (extension === "xlsx") grid = await readXlsx(data);
  else if (extension === "csv") grid = readCsv(data);
  else if (extension === "xls") {
    return {
      ok: false,
      errors: [
        "Tệp .xls (Excel 97–2003) chưa đọc được: hãy mở trong Excel và lưu lại dưới dạng .xlsx hoặc .csv.",
      ],
    };
  } else {
    return {
      ok: false,
      errors: [`Không đọc được tệp “${fileName}”: chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).`],
    };
  }
  if (!grid.ok) return { ok: false, errors: [grid.error] };
  if (grid.truncated) return { ok: false, errors: [TOO_MANY_ROWS] };
  return toTable(grid.rows, fileName, columns);
}

const TOO_MANY_ROWS =
  `Tệp có hơn ${formatNumber(MAX_IMPORT_ROWS, "vi")} dòng — nhiều hơn cả danh sách cán bộ của một tỉnh, nên ` +
  "không đọc. Hãy kiểm tra lại tệp (có thể có rất nhiều dòng thừa ở cuối) hoặc chia thành nhiều tệp.";

/** Rows read before giving up: the data rows allowed, the title block above the header, blank rows. */
const ROW_READ_LIMIT = MAX_IMPORT_ROWS + 1_000;

const megabytes = (bytes: number) => formatNumber(Math.ceil((bytes / 2 ** 20) * 10) / 10, "vi");

type GridRow = { rowNumber: number; values: string[] };
/** `truncated`: the file has more rows than an import reads. */
type GridResult = { ok: true; rows: GridRow[]; truncated: boolean } | { ok: false; error: string };

function readCsv(data: Buffer): GridResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return {
      ok: false,
      error:
        "Tệp CSV không phải mã UTF-8. Trong Excel hãy chọn Lưu thành › “CSV UTF-8 (phân tách bằng dấu phẩy)”.",
    };
  }
  const parsed = parseCsv(text, detectCsvDelimiter(text), ROW_READ_LIMIT);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `Tệp CSV hỏng: dấu ngoặc kép mở ở dòng ${parsed.openQuoteRecord} không được đóng.`,
    };
  }
  return {
    ok: true,
    rows: parsed.records.map((values, index) => ({ rowNumber: index + 1, values })),
    truncated: parsed.truncated === true,
  };
}

const NOT_A_WORKBOOK = "Không mở được tệp Excel: tệp bị hỏng hoặc không phải định dạng .xlsx.";

/**
 * The first sheet of a workbook, row by row (never the whole workbook in memory), after
 * checking what the file inflates to; stops once it has more rows than an import reads.
 */
async function readXlsx(data: Buffer): Promise<GridResult> {
  const budget = await checkZipBudget(data, MAX_XLSX_INFLATED_BYTES);
  if (!budget.ok) {
    if (budget.reason !== "too_large") return { ok: false, error: NOT_A_WORKBOOK };
    const size = Number.isFinite(budget.inflatedBytes)
      ? `tới ${megabytes(budget.inflatedBytes)} MB`
      : `hơn ${megabytes(MAX_XLSX_INFLATED_BYTES)} MB`;
    return {
      ok: false,
      error:
        `Tệp Excel này khi giải nén lớn ${size} (tối đa ${megabytes(MAX_XLSX_INFLATED_BYTES)} MB) — quá nhiều ` +
        "dòng hoặc ô cho một danh sách. Hãy xóa các dòng, cột và trang tính thừa rồi lưu lại, hoặc lưu thành .csv.",
    };
  }
  const rows: GridRow[] = [];
  try {
    const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(Readable.from(data), {
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "ignore",
    });
    // The first sheet in the workbook's own order (its files may come in another).
    const model = reader as unknown as { model?: { sheets?: { name?: string }[] } };
    let sheets = 0;
    for await (const sheet of reader) {
      sheets += 1;
      const first = model.model?.sheets?.[0]?.name;
      const name = (sheet as unknown as { name?: string }).name;
      if (first !== undefined && name !== undefined && name !== first) continue;
      for await (const row of sheet) {
        const values: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          values[column - 1] = cellText(cell.value);
        });
        if (values.length === 0) continue;
        rows.push({ rowNumber: row.number, values: Array.from(values, (value) => value ?? "") });
        if (rows.length > ROW_READ_LIMIT) return { ok: true, rows, truncated: true };
        if (rows.length % 1_000 === 0) await yieldToEventLoop();
      }
      return { ok: true, rows, truncated: false };
    }
    if (sheets === 0) return { ok: false, error: "Tệp Excel không có trang tính nào." };
    return { ok: true, rows, truncated: false };
  } catch {
    return { ok: false, error: NOT_A_WORKBOOK };
  }
}

/**
 * The text of an Excel cell: rich text joined, a hyperlink's text, a formula's result.
 * Numbers keep all their digits ("912345678" — a phone typed as a number lost its leading 0,
 * which normalizePhone accepts); dates become YYYY-MM-DD.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result);
  if ("error" in value) return "";
  return "";
}

/**
 * Finds the header and maps its cells to columns. The header is the first non-empty row — or,
 * when a title such as "DANH SÁCH TRƯỞNG THÔN XÃ …" sits above it, the first of the top rows
 * that names every required column.
 */
function toTable(grid: GridRow[], fileName: string, columns: readonly ColumnSpec[]): ReadTableFileResult {
  const nonEmpty = grid
    .map((row) => ({ rowNumber: row.rowNumber, values: row.values.map((value) => value.trim()) }))
    .filter((row) => row.values.some((value) => value !== ""));
  if (nonEmpty.length === 0) return { ok: false, errors: [`Tệp “${fileName}” trống.`] };

  const byAlias = new Map<string, ColumnSpec>();
  for (const column of columns) {
    for (const alias of [column.id, column.label, ...column.aliases]) byAlias.set(foldText(alias), column);
  }
  const candidates = nonEmpty.slice(0, HEADER_SEARCH_ROWS).map((row) => matchHeader(row, byAlias, columns));
  const headerAt = Math.max(
    0,
    candidates.findIndex((header) => header.missing.length === 0),
  );
  const header = candidates[headerAt];
  const headerRow = nonEmpty[headerAt];
  if (!header || !headerRow) return { ok: false, errors: [`Tệp “${fileName}” trống.`] };
  const errors = [...header.duplicates];
  if (header.missing.length > 0) {
    errors.push(
      `Thiếu cột bắt buộc: ${header.missing.join(", ")} ` +
        `(dòng tiêu đề là dòng ${headerRow.rowNumber}: ${headerRow.values.filter(Boolean).join(", ")}).`,
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows = nonEmpty
    .slice(headerAt + 1)
    .map((row) => ({
      rowNumber: row.rowNumber,
      cells: Object.fromEntries([...header.positions].map(([id, index]) => [id, row.values[index] ?? ""])),
    }))
    // A row with text only in columns the import ignores (a total, a note) is not a data row.
    .filter((row) => Object.values(row.cells).some((value) => value !== ""));
  if (rows.length === 0) {
    return { ok: false, errors: [`Tệp “${fileName}” chỉ có dòng tiêu đề, không có dòng dữ liệu nào.`] };
  }
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, errors: [TOO_MANY_ROWS] };
  return { ok: true, table: { fileName, headers: headerRow.values, columns: header.headerOf, rows } };
}

/** How far down a title block may push the header. */
const HEADER_SEARCH_ROWS = 10;

/** Which columns a row would give as the header, which required ones it lacks, which it repeats. */
function matchHeader(row: GridRow, byAlias: Map<string, ColumnSpec>, columns: readonly ColumnSpec[]) {
  const positions = new Map<string, number>();
  const headerOf: Record<string, string> = {};
  const duplicates: string[] = [];
  row.values.forEach((text, index) => {
    const column = byAlias.get(foldText(text));
    if (!column) return;
    const earlier = headerOf[column.id];
    if (earlier !== undefined) {
      duplicates.push(`Cột “${earlier}” và cột “${text}” cùng là ${column.label}: hãy giữ lại một cột.`);
      return;
    }
    positions.set(column.id, index);
    headerOf[column.id] = text;
  });
  const missing = columns
    .filter((column) => column.required && !positions.has(column.id))
    .map((c) => c.label);
  return { positions, headerOf, duplicates, missing };
}
