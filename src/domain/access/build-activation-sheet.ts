import type { Locale, Translator } from "../../i18n/translator.js";
import { loadExcelJs } from "../../shared/lazy-modules.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { formatDate } from "../../shared/time.js";
import type { IssuedCode } from "./generate-activation-codes.js";

/**
 * The sheet to print and hand out: an instruction line, then one row per person — name, role,
 * unit, phone, code, expiry — in the issuer's language. Cells are text (never formulas), so a
 * name beginning with "=" stays a name.
 */
export async function buildActivationSheet(
  codes: readonly IssuedCode[],
  options: { translator: Translator; locale: Locale; timeZone: string },
): Promise<Buffer> {
  const t = (key: string, args?: Record<string, string | number>) =>
    options.translator.plain(options.locale, key, args);
  const workbook = new (loadExcelJs().Workbook)();
  const sheet = workbook.addWorksheet(t("ac-sheet-name"));
  const until = codes[0] ? formatDate(codes[0].expiresAt, options.locale, options.timeZone) : "";
  sheet.addRow([t("ac-sheet-instruction", { until })]);
  sheet.mergeCells(1, 1, 1, 6);
  sheet.getRow(1).font = { italic: true };
  const header = sheet.addRow([
    t("ac-sheet-name-col"),
    t("ac-sheet-role-col"),
    t("ac-sheet-unit-col"),
    t("ac-sheet-phone-col"),
    t("ac-sheet-code-col"),
    t("ac-sheet-expiry-col"),
  ]);
  header.font = { bold: true };
  for (const issued of codes) {
    sheet.addRow([
      issued.fullName,
      t(`role-${issued.role}`),
      issued.unitLabel,
      issued.phone ? formatPhoneForDisplay(issued.phone) : "",
      issued.code,
      formatDate(issued.expiresAt, options.locale, options.timeZone),
    ]);
  }
  sheet.getColumn(5).font = { name: "Consolas", bold: true };
  sheet.getRow(2).font = { bold: true };
  for (const [index, width] of [28, 16, 34, 16, 14, 12].entries()) sheet.getColumn(index + 1).width = width;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
