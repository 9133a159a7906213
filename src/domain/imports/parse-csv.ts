/**
 * A small RFC 4180 parser rather than exceljs's CSV reader: exceljs converts cells on the way
 * in (a phone "0912345678" becomes the number 912345678, "1/2" a date) and expects a fixed
 * delimiter, while Vietnamese Excel saves CSV with ";" as often as with ",". Here every field
 * stays the text that was written.
 *
 * Handles quoted fields with embedded delimiters, newlines and doubled quotes, CRLF/LF/CR line
 * ends, and (like Excel) a quote that opens a field after leading spaces. Records are numbered
 * the way a spreadsheet numbers rows: blank lines count.
 */
export type CsvParseResult =
  | { ok: true; records: string[][]; truncated?: true }
  | { ok: false; openQuoteRecord: number };

export type CsvDelimiter = "," | ";";

/**
 * `maxRecords` stops reading after that many records (`truncated`): a million-row file is
 * refused after the first few thousand instead of being read whole.
 */
export function parseCsv(
  text: string,
  delimiter: CsvDelimiter,
  maxRecords = Number.POSITIVE_INFINITY,
): CsvParseResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let inQuotes = false;
  let wasQuoted = false;
  let quoteOpenedIn = 0;

  const endField = () => {
    record.push(wasQuoted ? field : field.trim());
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuotes = false;
    } else if (char === '"' && !wasQuoted && field.trim() === "") {
      inQuotes = true;
      wasQuoted = true;
      quoteOpenedIn = records.length + 1;
      field = "";
    } else if (char === delimiter) endField();
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      if (records.length > maxRecords) return { ok: true, records, truncated: true };
    } else field += char;
  }
  if (inQuotes) return { ok: false, openQuoteRecord: quoteOpenedIn };
  if (field !== "" || wasQuoted || record.length > 0) endRecord();
  return { ok: true, records };
}

/** The delimiter of the header line: ";" when it has more semicolons than commas, else ",". */
export function detectCsvDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === "\n" || char === "\r")) {
      if (commas + semicolons > 0) break;
    } else if (!inQuotes && char === ",") commas++;
    else if (!inQuotes && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}
