import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { type AppConfig, formatConfigProblems, loadConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { type AuditEntryView, listAuditEntries } from "../domain/audit/list-audit-entries.js";
import { commitRosterImport } from "../domain/imports/commit-roster-import.js";
import { commitUnitsImport } from "../domain/imports/commit-units-import.js";
import { formatCommitOutcome, formatImportReport } from "../domain/imports/format-import-report.js";
import type { ImportActor } from "../domain/imports/import-plan.js";
import { planRosterImport, ROSTER_COLUMNS } from "../domain/imports/plan-roster-import.js";
import { planUnitsImport, UNIT_COLUMNS } from "../domain/imports/plan-units-import.js";
import { readTableFile } from "../domain/imports/read-table-file.js";
import { systemClock } from "../shared/clock.js";
import { formatDateTime } from "../shared/time.js";
import { openAdminDatabase } from "./open-admin-database.js";

/**
 * 0: done; 1: the file has errors (dry run or refused commit); 2: the command could not run as
 * asked (wrong usage, invalid configuration, database not available).
 */
export const EXIT_OK = 0;
export const EXIT_FILE_ERRORS = 1;
export const EXIT_USAGE = 2;

export interface AdminIo {
  out(text: string): void;
  err(text: string): void;
}

export const ADMIN_USAGE = [
  "Công cụ quản trị Trợ lý Giảm nghèo",
  "",
  "Cách dùng: npm run admin -- <lệnh> [tùy chọn]",
  "",
  "  import-roster <tệp> [--commit] [--deactivate-missing]",
  "      Nhập danh sách cán bộ từ tệp .xlsx hoặc .csv (họ tên, số điện thoại, vai trò, đơn vị;",
  "      email, chức vụ nếu có). Không có --commit thì chỉ chạy thử và báo lỗi từng dòng.",
  "      --deactivate-missing: tệp là toàn bộ danh sách; ai đang hoạt động mà không có trong tệp",
  "      sẽ bị ngừng kích hoạt.",
  "  import-units <tệp> [--commit]",
  "      Nhập danh mục đơn vị (mã, tên, cấp, mã đơn vị cấp trên).",
  "  audit [--since YYYY-MM-DD] [--action <tiền tố>] [--limit N]",
  "      Xem nhật ký thao tác (mới nhất trước; mặc định 50 mục).",
  "  help",
  "      In hướng dẫn này.",
  "",
  "Ví dụ: npm run admin -- import-roster examples/danh-sach-can-bo-mau.csv --commit",
].join("\n");

const DRY_RUN_NOTE = "Chạy thử — chưa thay đổi gì. Thêm --commit để nhập.";
const DRY_RUN_WITH_ERRORS_NOTE =
  "Chạy thử — chưa thay đổi gì. Hãy sửa các dòng lỗi trong tệp, rồi chạy lại với --commit để nhập.";
const REFUSED_NOTE = "Không nhập: tệp còn lỗi nên chưa thay đổi gì (nhập là tất cả hoặc không gì cả).";

const CLI_ACTOR: ImportActor = { personId: null, via: "cli" };

type Env = Record<string, string | undefined>;

/**
 * `npm run admin -- …`: roster and unit imports and the audit log, for the province's
 * administrators on the server. Everything a command prints is Vietnamese; the exit code says
 * whether the file had errors, so scripts can chain a dry run and a commit.
 */
export async function runAdmin(argv: readonly string[], env: Env, io: AdminIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "import-roster":
      return importFile("roster", rest, env, io);
    case "import-units":
      return importFile("units", rest, env, io);
    case "audit":
      return showAudit(rest, env, io);
    case "help":
    case "--help":
    case "-h":
      io.out(ADMIN_USAGE);
      return EXIT_OK;
    default:
      io.err(command === undefined ? "Thiếu lệnh." : `Không có lệnh “${command}”.`);
      io.err("");
      io.err(ADMIN_USAGE);
      return EXIT_USAGE;
  }
}

function usageError(io: AdminIo, message: string): number {
  io.err(`${message}\nGõ “npm run admin -- help” để xem cách dùng.`);
  return EXIT_USAGE;
}

/** `parseArgs` with Vietnamese errors; `null` after printing a usage error. */
function parseOptions<T extends Record<string, { type: "boolean" | "string" }>>(
  args: readonly string[],
  options: T,
  io: AdminIo,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const option = error instanceof Error ? /'(-[^']*)'/.exec(error.message)?.[1] : undefined;
    usageError(io, option ? `Tùy chọn không hợp lệ ở đây: ${option}` : "Tùy chọn không hợp lệ.");
    return null;
  }
}

async function importFile(kind: "roster" | "units", args: readonly string[], env: Env, io: AdminIo) {
  const parsed = parseOptions(
    args,
    kind === "roster"
      ? { commit: { type: "boolean" }, "deactivate-missing": { type: "boolean" } }
      : { commit: { type: "boolean" } },
    io,
  );
  if (!parsed) return EXIT_USAGE;
  const [path, ...extra] = parsed.positionals;
  if (path === undefined) return usageError(io, "Thiếu đường dẫn tệp cần nhập.");
  if (extra.length > 0) return usageError(io, `Chỉ nhập một tệp mỗi lần (thừa: ${extra.join(" ")}).`);
  if (!existsSync(path) || !statSync(path).isFile()) return usageError(io, `Không tìm thấy tệp “${path}”.`);
  const commit = parsed.values.commit === true;
  const deactivateMissing =
    "deactivate-missing" in parsed.values && parsed.values["deactivate-missing"] === true;

  const config = loadCliConfig(env, io);
  if (!config) return EXIT_USAGE;
  const db = await openDatabase(config.databaseUrl, io);
  if (!db) return EXIT_USAGE;
  try {
    const read = await readTableFile(
      readFileSync(path),
      basename(path),
      kind === "roster" ? ROSTER_COLUMNS : UNIT_COLUMNS,
    );
    if (!read.ok) {
      io.out([...read.errors, "Chưa thay đổi gì."].join("\n"));
      return EXIT_FILE_ERRORS;
    }
    const table = read.table;
    if (!commit) {
      const plan =
        kind === "roster"
          ? await planRosterImport(db, table, { deactivateMissing })
          : await planUnitsImport(db, table);
      io.out(formatImportReport(plan));
      io.out("");
      io.out(plan.totals.error > 0 ? DRY_RUN_WITH_ERRORS_NOTE : DRY_RUN_NOTE);
      return plan.totals.error > 0 ? EXIT_FILE_ERRORS : EXIT_OK;
    }
    const result =
      kind === "roster"
        ? await commitRosterImport(db, systemClock, table, { deactivateMissing, actor: CLI_ACTOR })
        : await commitUnitsImport(db, systemClock, table, { actor: CLI_ACTOR });
    io.out(formatImportReport(result.plan));
    io.out("");
    if (!result.ok) {
      io.out(REFUSED_NOTE);
      return EXIT_FILE_ERRORS;
    }
    io.out(formatCommitOutcome(result));
    return EXIT_OK;
  } finally {
    await db.$disconnect();
  }
}

async function showAudit(args: readonly string[], env: Env, io: AdminIo) {
  const parsed = parseOptions(
    args,
    { since: { type: "string" }, action: { type: "string" }, limit: { type: "string" } },
    io,
  );
  if (!parsed) return EXIT_USAGE;
  if (parsed.positionals.length > 0) {
    return usageError(io, `Lệnh audit không nhận “${parsed.positionals.join(" ")}”.`);
  }
  const { since, action, limit } = parsed.values;
  const limitValue = limit === undefined ? 50 : Number(limit);
  if (!Number.isInteger(limitValue) || limitValue < 1 || limitValue > 10_000) {
    return usageError(io, `--limit phải là số nguyên từ 1 đến 10.000 (nhận được “${limit}”).`);
  }

  const config = loadCliConfig(env, io);
  if (!config) return EXIT_USAGE;
  const { timeZone } = config;
  const sinceInstant = since === undefined ? undefined : startOfLocalDay(since, timeZone);
  if (sinceInstant === null) {
    return usageError(io, `--since phải là một ngày dạng YYYY-MM-DD (nhận được “${since}”).`);
  }

  const db = await openDatabase(config.databaseUrl, io);
  if (!db) return EXIT_USAGE;
  try {
    const entries = await listAuditEntries(db, {
      ...(sinceInstant ? { since: sinceInstant } : {}),
      ...(action ? { actionPrefix: action } : {}),
      limit: limitValue,
    });
    if (entries.length === 0) {
      io.out("Không có mục nào trong nhật ký khớp điều kiện.");
      return EXIT_OK;
    }
    io.out(`Nhật ký thao tác — ${entries.length} mục, mới nhất trước (giờ ${timeZone}):`);
    for (const entry of entries) io.out(formatAuditLine(entry, timeZone));
    return EXIT_OK;
  } finally {
    await db.$disconnect();
  }
}

/** "22/11/2026 10:49 · dòng lệnh · roster.import · File mau.csv · {"rows":12,…}". */
export function formatAuditLine(entry: AuditEntryView, timeZone: string): string {
  const details = entry.details as Record<string, unknown> | null;
  const actor = entry.actorName ?? (details?.via === "cli" ? "dòng lệnh" : "—");
  const target = entry.targetType ? `${entry.targetType} ${entry.targetId ?? ""}`.trim() : "—";
  return [
    formatDateTime(entry.createdAt, "vi", timeZone),
    actor,
    entry.action,
    target,
    details === null ? "" : JSON.stringify(details),
  ]
    .filter((part) => part !== "")
    .join(" · ");
}

/** Midnight at the start of `YYYY-MM-DD` in the time zone, or `null` for a date that is not one. */
export function startOfLocalDay(date: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const check = new Date(utcMidnight);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utcMidnight - offsetMs(utcMidnight, timeZone));
}

/** The zone's offset from UTC at an instant ("GMT+07:00" → 7 h). */
function offsetMs(instant: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === "-" ? -1 : 1) * minutes * 60_000;
}

/** The configuration, or `null` after printing every problem with it. */
function loadCliConfig(env: Env, io: AdminIo): AppConfig | null {
  const result = loadConfig(env);
  if (result.ok) return result.config;
  io.err(formatConfigProblems(result.problems));
  return null;
}

/** The database, migrated; `null` after explaining why it could not be opened. */
async function openDatabase(databaseUrl: string, io: AdminIo): Promise<Db | null> {
  const opened = await openAdminDatabase(databaseUrl);
  if (!opened.ok) {
    io.err(opened.message);
    return null;
  }
  if (opened.applied.length > 0) {
    io.err(`Đã áp dụng ${opened.applied.length} migration: ${opened.applied.join(", ")}`);
  }
  return opened.db;
}
