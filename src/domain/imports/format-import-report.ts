import { escapeHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { shortenLabel } from "../../shared/text.js";
import { formatNumber } from "../../shared/time.js";
import type { Role } from "../roles.js";
import { type ImportPlanSummary, type ImportRowResult, type ImportTotals, isBusy } from "./import-plan.js";
import { ROLE_LABELS } from "./import-vocabulary.js";

/**
 * Reports of an import in Vietnamese: the full plain-text report the command line prints (every
 * bad row, every update, everyone to be deactivated), and a compact HTML summary that fits one
 * chat message. Both start with the same count line, so an officer recognises them.
 */

const n = (value: number) => formatNumber(value, "vi");

const TITLES: Record<ImportPlanSummary["kind"], string> = {
  roster: "Danh sách cán bộ",
  units: "Danh mục đơn vị",
};

/** "1.234 dòng: 1.200 thêm mới, 20 cập nhật, 10 không đổi, 4 lỗi". */
export function formatTotalsLine(totals: ImportTotals): string {
  return (
    `${n(totals.rows)} dòng: ${n(totals.create)} thêm mới, ${n(totals.update)} cập nhật, ` +
    `${n(totals.unchanged)} không đổi, ${n(totals.error)} lỗi`
  );
}

/** "Dòng 17 · Số điện thoại: “0912” không phải …", one line per problem. */
function errorLines(rows: readonly ImportRowResult[]): string[] {
  return rows.flatMap((row) =>
    row.errors.map((error) => `Dòng ${row.rowNumber} · ${error.column}: ${error.message}`),
  );
}

type HeadConflictLine = NonNullable<ImportPlanSummary["headConflicts"]>[number];

/** Names in a report line: enough to find the person, never a page of text. */
const NAME_SHOWN = 60;
const name = (fullName: string) => shortenLabel(fullName, NAME_SHOWN);

/** "Dòng 4 · Phan Thị Quỳnh → Thôn 2, Xã Lâm Trung Thủy · đang có: Đặng Thị Hoa". */
export function formatHeadConflict(conflict: HeadConflictLine): string {
  const current = [
    ...conflict.replaceable.map((head) => name(head.fullName)),
    ...conflict.otherRows.map((row) => `${name(row.fullName)} (dòng ${row.rowNumber})`),
  ];
  return `Dòng ${conflict.rowNumber} · ${name(conflict.fullName)} → ${shortenLabel(conflict.unitName, 2 * NAME_SHOWN)} · đang có: ${current.join(", ")}`;
}

/** "9 người đang hoạt động không có trong tệp: nhập không ngừng kích hoạt ai." */
function missingLine(count: number): string {
  return `${n(count)} người đang hoạt động không có trong tệp: nhập không ngừng kích hoạt ai.`;
}

function secondHeadsLine(count: number): string {
  return `${n(count)} dòng cho một thôn thêm trưởng thôn: cần quyết định thay người đang làm hay giữ cả hai.`;
}

function phoneConflictsLine(count: number): string {
  return (
    `${n(count)} dòng có số điện thoại đang là của một người khác tên: cần xác nhận đó là cùng một người ` +
    "(đổi tên), nếu không hãy sửa số trong tệp."
  );
}

type PhoneConflictLine = NonNullable<ImportPlanSummary["phoneConflicts"]>[number];

/** "Dòng 5 · 0912 000 001 đang là số của Nguyễn Văn An (Trưởng thôn, Thôn 3, Xã …); tệp ghi Lê Văn Bình". */
export function formatPhoneConflict(conflict: PhoneConflictLine): string {
  const role = ROLE_LABELS[conflict.currentRole as Role] ?? conflict.currentRole;
  return (
    `Dòng ${conflict.rowNumber} · ${formatPhoneForDisplay(conflict.phone)} đang là số của ${name(conflict.currentName)} ` +
    `(${role}, ${shortenLabel(conflict.currentUnitName, 2 * NAME_SHOWN)}); tệp ghi ${name(conflict.fullName)}`
  );
}

/** The full plain-text report of a dry run (or of the plan a commit carried out). */
export function formatImportReport(plan: ImportPlanSummary): string {
  const lines = [`${TITLES[plan.kind]} — tệp “${plan.fileName}”`, formatTotalsLine(plan.totals)];
  const missing = plan.missing?.length ?? 0;
  if (missing > 0) lines.push(missingLine(missing));
  const conflicts = plan.headConflicts ?? [];
  if (conflicts.length > 0) lines.push(secondHeadsLine(conflicts.length));
  const phones = plan.phoneConflicts ?? [];
  if (phones.length > 0) lines.push(phoneConflictsLine(phones.length));

  const errors = errorLines(plan.rows);
  if (errors.length > 0) {
    lines.push("", `Lỗi (${n(plan.totals.error)} dòng):`);
    // One by one: a file of a million bad rows must not overflow the call stack.
    for (const error of errors) lines.push(error);
  }
  const updates = plan.rows.filter((row) => row.status === "update");
  if (updates.length > 0) {
    lines.push("", `Cập nhật (${n(updates.length)} dòng):`);
    for (const row of updates)
      lines.push(`Dòng ${row.rowNumber} · ${row.label ?? ""}: ${(row.changes ?? []).join("; ")}`);
  }
  if (conflicts.length > 0) {
    lines.push("", `Trưởng thôn thứ hai (${n(conflicts.length)} dòng):`);
    for (const conflict of conflicts) lines.push(formatHeadConflict(conflict));
  }
  if (phones.length > 0) {
    lines.push("", `Số điện thoại của người khác tên (${n(phones.length)} dòng):`);
    for (const conflict of phones) lines.push(formatPhoneConflict(conflict));
  }
  return lines.join("\n");
}

/** "- Nguyễn Văn An · Trưởng thôn · Thôn 3, Xã Lâm Trung Thủy · 0912 000 001", one per person. */
export function formatPeopleList(
  people: readonly { fullName: string; role: string; unitName: string; phone: string | null }[],
): string[] {
  return people.map(
    (person) =>
      `- ${person.fullName} · ${ROLE_LABELS[person.role as Role] ?? person.role} · ${person.unitName} · ${
        person.phone ? formatPhoneForDisplay(person.phone) : "không có số điện thoại"
      }`,
  );
}

/** Telegram allows 4,096 characters; leave room for a header or buttons around the summary. */
const CHAT_LIMIT = 3_500;
/** One bad row's line in a chat message (a cell may hold a page of text, quoted in the error). */
const CHAT_LINE = 300;

/**
 * The same report for a chat message: counts, then at most `maxErrors` bad rows (and never more
 * than fits in one message), with how many were left out. HTML-escaped.
 */
export function formatImportSummary(plan: ImportPlanSummary, maxErrors = 20): string {
  const head = [
    `<b>${escapeHtml(TITLES[plan.kind])}</b> — tệp <code>${escapeHtml(shortenLabel(plan.fileName, NAME_SHOWN))}</code>`,
    escapeHtml(formatTotalsLine(plan.totals)),
  ];
  const missing = plan.missing?.length ?? 0;
  if (missing > 0) head.push(escapeHtml(missingLine(missing)));
  const conflicts = plan.headConflicts?.length ?? 0;
  if (conflicts > 0) head.push(escapeHtml(secondHeadsLine(conflicts)));
  const phones = plan.phoneConflicts?.length ?? 0;
  if (phones > 0) head.push(escapeHtml(phoneConflictsLine(phones)));
  const errors = errorLines(plan.rows);
  if (errors.length === 0) return head.join("\n");

  head.push("", "<b>Lỗi:</b>");
  let text = head.join("\n");
  let shown = 0;
  for (const line of errors.slice(0, Math.max(0, maxErrors))) {
    const next = `\n• ${escapeHtml(shortenLabel(line, CHAT_LINE))}`;
    // Keep room for the "… và N lỗi khác" line.
    if (text.length + next.length > CHAT_LIMIT - 60) break;
    text += next;
    shown++;
  }
  if (shown < errors.length) text += `\n… và ${n(errors.length - shown)} lỗi khác.`;
  return text;
}

/** What a commit did, in one line: "Đã nhập xong: 12 thay đổi (…); 3 dòng không đổi." */
export function formatCommitOutcome(counts: {
  created: number;
  updated: number;
  unchanged: number;
  /** Roster: hamlet heads replaced (deactivated) by the importer's decision. */
  replacedHeads?: number;
}): string {
  const replaced = counts.replacedHeads ?? 0;
  const total = counts.created + counts.updated + replaced;
  const parts = [`${n(counts.created)} thêm mới`, `${n(counts.updated)} cập nhật`];
  if (replaced > 0) parts.push(`${n(replaced)} trưởng thôn cũ ngừng kích hoạt`);
  const unchanged = `${n(counts.unchanged)} dòng không đổi`;
  return total === 0
    ? `Đã nhập xong: 0 thay đổi — dữ liệu đã khớp với tệp (${unchanged}).`
    : `Đã nhập xong: ${n(total)} thay đổi (${parts.join(", ")}); ${unchanged}.`;
}

/**
 * Why an import failed, in a few words for the admin: a locked database said as such, anything
 * else by its last line (Prisma's messages begin with where they were raised).
 */
export function importFailureReason(error: unknown): string {
  if (isBusy(error)) return "cơ sở dữ liệu bận quá lâu: một tiến trình khác đang ghi";
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? "lỗi không rõ").slice(0, 300);
}
