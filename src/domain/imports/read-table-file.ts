import ExcelJS from "exceljs";
import { foldText } from "../../shared/fold.js";
import { cleanText } from "./import-vocabulary.js";
import { detectCsvDelimiter, parseCsv } from "./parse-csv.js";

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
  return toTable(grid.rows, fileName, columns);
}

type GridRow = { rowNumber: number; values: string[] };
type GridResult = { ok: true; rows: GridRow[] } | { ok: false; error: string };

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
  const parsed = parseCsv(text, detectCsvDelimiter(text));
  if (!parsed.ok) {
    return {
      ok: false,
      error: `Tệp CSV hỏng: dấu ngoặc kép mở ở dòng ${parsed.openQuoteRecord} không được đóng.`,
    };
  }
  return { ok: true, rows: parsed.records.map((values, index) => ({ rowNumber: index + 1, values })) };
}

async function readXlsx(data: Buffer): Promise<GridResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` type; a Node Buffer is what it actually reads.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, error: "Không mở được tệp Excel: tệp bị hỏng hoặc không phải định dạng .xlsx." };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: "Tệp Excel không có trang tính nào." };
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      values[column - 1] = cellText(cell.value);
    });
    rows.push({ rowNumber, values: Array.from(values, (value) => value ?? "") });
  });
  return { ok: true, rows };
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
