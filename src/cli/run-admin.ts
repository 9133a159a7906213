import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { type AppConfig, formatConfigProblems, loadConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { type AuditEntryView, listAuditEntries } from "../domain/audit/list-audit-entries.js";
import { commitRosterImport, ImportInterruptedError } from "../domain/imports/commit-roster-import.js";
import { commitUnitsImport } from "../domain/imports/commit-units-import.js";
import { deactivateMissingPeople } from "../domain/imports/deactivate-missing-people.js";
import {
  formatCommitOutcome,
  formatHeadConflict,
  formatImportReport,
  formatPeopleList,
  importFailureReason,
} from "../domain/imports/format-import-report.js";
import type { ImportActor } from "../domain/imports/import-plan.js";
import { ROLE_LABELS } from "../domain/imports/import-vocabulary.js";
import {
  type ChangeBatchSummary,
  listChangeBatches,
  UNDO_WINDOW_DAYS,
} from "../domain/imports/list-change-batches.js";
import { planRosterImport, ROSTER_COLUMNS } from "../domain/imports/plan-roster-import.js";
import { planUnitsImport, UNIT_COLUMNS } from "../domain/imports/plan-units-import.js";
import { MAX_IMPORT_FILE_BYTES, readTableFile } from "../domain/imports/read-table-file.js";
import { rollBackInterruptedImports } from "../domain/imports/roll-back-interrupted-imports.js";
import { type UndoConflict, undoChangeBatch } from "../domain/imports/undo-change-batch.js";
import { isRole } from "../domain/roles.js";
import { createTranslator, type Translator } from "../i18n/translator.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { formatDateTime, formatNumber } from "../shared/time.js";
import { openAdminDatabase } from "./open-admin-database.js";

/**
 * 0: done; 1: the file has errors or the change was refused (nothing changed: a dry run with
 * bad rows, a file too big to be a roster, rows needing a decision, a count that does not
 * match, an undo too late…); 2: the command could not run as asked (wrong usage, invalid
 * configuration, database not available); 3: the command failed on the way (the database
 * failed or stayed locked, the data changed while it was written) — what it left is printed,
 * and running it again may well work.
 */
export const EXIT_OK = 0;
export const EXIT_FILE_ERRORS = 1;
export const EXIT_USAGE = 2;
export const EXIT_FAILED = 3;

export interface AdminIo {
  out(text: string): void;
  err(text: string): void;
}

/** What the commands take from outside besides the environment (tests pass a fake clock). */
export interface AdminDeps {
  clock?: Clock;
  translator?: Translator;
}

export const ADMIN_USAGE = [
  "Công cụ quản trị Trợ lý Giảm nghèo",
  "",
  "Cách dùng: npm run admin -- <lệnh> [tùy chọn]",
  "",
  "  import-roster <tệp> [--commit] [--keep-both-heads] [--replace-heads <dòng,dòng…>]",
  "                [--rename-rows <dòng,dòng…>]",
  "      Nhập danh sách cán bộ từ tệp .xlsx hoặc .csv (họ tên, số điện thoại, vai trò, đơn vị;",
  "      email, chức vụ nếu có). Không có --commit thì chỉ chạy thử và báo lỗi từng dòng.",
  "      Nhập không bao giờ ngừng kích hoạt ai. Dòng nào cho một thôn thêm trưởng thôn thì cần",
  "      quyết định: --replace-heads 4,7 (ngừng kích hoạt trưởng thôn đang làm ở các dòng đó),",
  "      --keep-both-heads (giữ cả hai ở các dòng còn lại). Dòng nào có số điện thoại đang là của",
  "      một người khác tên thì cần xác nhận là cùng một người: --rename-rows 5,9 (đổi tên).",
  "  deactivate-missing <tệp> [--confirm <số người>]",
  "      Liệt kê những người đang hoạt động không có trong tệp (trừ quản trị viên). Thêm",
  "      --confirm với đúng số người đó để ngừng kích hoạt họ; cấp trên của họ được báo qua bot.",
  "  undo [<mã>]",
  `      Hoàn tác một lần nhập hoặc một lần ngừng kích hoạt (trong ${UNDO_WINDOW_DAYS} ngày). Không có mã:`,
  "      liệt kê các lần gần đây.",
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
export async function runAdmin(
  argv: readonly string[],
  env: Env,
  io: AdminIo,
  deps: AdminDeps = {},
): Promise<number> {
  try {
    return await runCommand(argv, env, io, deps);
  } catch (error) {
    // Whatever went wrong is said in one sentence; a stack trace helps nobody at the console.
    io.err(describeFailure(error));
    return EXIT_FAILED;
  }
}

/** What failed, for the administrator: what happened to the data first, then why. */
export function describeFailure(error: unknown): string {
  if (error instanceof ImportInterruptedError) {
    const why = importFailureReason(error.cause);
    if (error.rolledBack) {
      return (
        `Nhập thất bại giữa chừng (${why}). ` +
        (error.written > 0 ? `${n(error.written)} dòng đã ghi được hoàn tác lại, nên ` : "") +
        "chưa thay đổi gì. Hãy chạy lại lệnh."
      );
    }
    return (
      `Nhập thất bại giữa chừng (${why}) sau khi đã ghi ${n(error.written)} dòng, và không hoàn tác tự động ` +
      `được. Hãy hoàn tác: npm run admin -- undo ${error.batchId}`
    );
  }
  return `Lệnh không hoàn thành (${importFailureReason(error)}). Nếu lệnh có thay đổi dữ liệu thì chưa thay đổi gì; hãy chạy lại.`;
}

async function runCommand(argv: readonly string[], env: Env, io: AdminIo, deps: AdminDeps): Promise<number> {
  const [command, ...rest] = argv;
  const clock = deps.clock ?? systemClock;
  switch (command) {
    case "import-roster":
      return importFile("roster", rest, env, io, clock, deps.translator);
    case "import-units":
      return importFile("units", rest, env, io, clock, deps.translator);
    case "deactivate-missing":
      return deactivateMissing(rest, env, io, clock, deps.translator);
    case "undo":
      return undo(rest, env, io, clock, deps.translator);
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

/** The old flag of import-roster: one mis-typed command could deactivate a whole commune. */
const DEACTIVATE_MISSING_MOVED = [
  "--deactivate-missing không còn dùng được: nhập danh sách không bao giờ ngừng kích hoạt ai.",
  "Muốn ngừng kích hoạt những người không có trong tệp, hãy làm riêng một bước:",
  "  npm run admin -- deactivate-missing <tệp>                 (xem danh sách, chưa thay đổi gì)",
  "  npm run admin -- deactivate-missing <tệp> --confirm <số người>",
].join("\n");

const n = (value: number) => formatNumber(value, "vi");

/** "4,7" or "4, 7" → [4, 7]; `null` when any part is not a row number. */
function parseRowList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || !parts.every((part) => /^\d{1,7}$/.test(part))) return null;
  return parts.map(Number);
}

/** The one file argument of an import-like command, or a usage error. */
function fileArgument(positionals: readonly string[], io: AdminIo): string | number {
  const [path, ...extra] = positionals;
  if (path === undefined) return usageError(io, "Thiếu đường dẫn tệp cần nhập.");
  if (extra.length > 0) return usageError(io, `Chỉ nhập một tệp mỗi lần (thừa: ${extra.join(" ")}).`);
  if (!existsSync(path) || !statSync(path).isFile()) return usageError(io, `Không tìm thấy tệp “${path}”.`);
  return path;
}

/** Imports cut off by a crash are undone before anything else changes the roster (and said). */
async function rollBackInterrupted(db: Db, clock: Clock, translator: Translator, io: AdminIo): Promise<void> {
  for (const id of await rollBackInterruptedImports(db, clock, translator, CLI_ACTOR)) {
    io.err(`Lần nhập mã ${id} đã bị dừng giữa chừng trước đây (tiến trình bị tắt): đã hoàn tác phần đã ghi.`);
  }
}

/** The file's bytes, unless it is far too big to be a roster (then said, and `null`). */
function readImportFile(path: string, io: AdminIo): Buffer | null {
  const size = statSync(path).size;
  if (size <= MAX_IMPORT_FILE_BYTES) return readFileSync(path);
  io.out(
    `Tệp lớn quá (${n(Math.ceil(size / 2 ** 20))} MB, tối đa ${n(MAX_IMPORT_FILE_BYTES / 2 ** 20)} MB): ` +
      "một danh sách cán bộ nhỏ hơn nhiều. Chưa thay đổi gì.",
  );
  return null;
}

async function importFile(
  kind: "roster" | "units",
  args: readonly string[],
  env: Env,
  io: AdminIo,
  clock: Clock,
  translator: Translator | undefined,
) {
  if (kind === "roster" && args.includes("--deactivate-missing")) {
    io.err(DEACTIVATE_MISSING_MOVED);
    return EXIT_USAGE;
  }
  const parsed = parseOptions(
    args,
    kind === "roster"
      ? {
          commit: { type: "boolean" },
          "keep-both-heads": { type: "boolean" },
          "replace-heads": { type: "string" },
          "rename-rows": { type: "string" },
        }
      : { commit: { type: "boolean" } },
    io,
  );
  if (!parsed) return EXIT_USAGE;
  const path = fileArgument(parsed.positionals, io);
  if (typeof path === "number") return path;
  const commit = parsed.values.commit === true;
  const values = parsed.values as {
    "keep-both-heads"?: boolean;
    "replace-heads"?: string;
    "rename-rows"?: string;
  };
  const replaceRows = values["replace-heads"] === undefined ? [] : parseRowList(values["replace-heads"]);
  if (replaceRows === null) {
    return usageError(
      io,
      `--replace-heads cần các số dòng, ví dụ 4,7 (nhận được “${values["replace-heads"]}”).`,
    );
  }
  const sameRows = values["rename-rows"] === undefined ? [] : parseRowList(values["rename-rows"]);
  if (sameRows === null) {
    return usageError(io, `--rename-rows cần các số dòng, ví dụ 5,9 (nhận được “${values["rename-rows"]}”).`);
  }
  const heads = { keepBoth: values["keep-both-heads"] === true, replaceRows };
  const data = readImportFile(path, io);
  if (data === null) return EXIT_FILE_ERRORS;

  const config = loadCliConfig(env, io);
  if (!config) return EXIT_USAGE;
  const db = await openDatabase(config.databaseUrl, io);
  if (!db) return EXIT_USAGE;
  try {
    const read = await readTableFile(data, basename(path), kind === "roster" ? ROSTER_COLUMNS : UNIT_COLUMNS);
    if (!read.ok) {
      io.out([...read.errors, "Chưa thay đổi gì."].join("\n"));
      return EXIT_FILE_ERRORS;
    }
    const table = read.table;
    if (!commit) {
      const plan = kind === "roster" ? await planRosterImport(db, table) : await planUnitsImport(db, table);
      io.out(formatImportReport(plan));
      io.out("");
      io.out(plan.totals.error > 0 ? DRY_RUN_WITH_ERRORS_NOTE : DRY_RUN_NOTE);
      if (plan.kind === "roster" && plan.totals.error === 0) {
        if (plan.headConflicts.length > 0) io.out(HEADS_NOTE);
        if (plan.phoneConflicts.length > 0) io.out(PHONES_NOTE);
        if (plan.missing.length > 0) io.out(missingNote(plan.missing.length, path));
      }
      return plan.totals.error > 0 ? EXIT_FILE_ERRORS : EXIT_OK;
    }
    if (kind === "units") {
      const result = await commitUnitsImport(db, clock, table, { actor: CLI_ACTOR });
      // The command line imports as the operator: never refused (only a person can be).
      if (!result.ok && result.reason === "not_allowed") return EXIT_FAILED;
      io.out(formatImportReport(result.plan));
      io.out("");
      io.out(result.ok ? formatCommitOutcome(result) : REFUSED_NOTE);
      return result.ok ? EXIT_OK : EXIT_FILE_ERRORS;
    }
    const words = translator ?? createTranslator(config.defaultLocale);
    await rollBackInterrupted(db, clock, words, io);
    let shown = 0;
    const result = await commitRosterImport(db, clock, words, table, {
      actor: CLI_ACTOR,
      heads,
      phones: { sameRows },
      // A big file is written in slices: say how far it has got, every tenth or so.
      onProgress({ written, total }) {
        if (written >= total || written - shown < total / 10) return;
        shown = written;
        io.err(`Đang ghi: ${n(written)}/${n(total)} dòng…`);
      },
    });
    if (!result.ok && result.reason === "not_allowed") return EXIT_FAILED;
    io.out(formatImportReport(result.plan));
    io.out("");
    if (!result.ok) {
      if (result.reason === "changed_meanwhile") {
        io.out(CHANGED_MEANWHILE_NOTE);
        return EXIT_FAILED;
      }
      if (result.reason === "heads_undecided") {
        io.out("Không nhập: còn dòng cho một thôn thêm trưởng thôn mà chưa có quyết định. Chưa thay đổi gì.");
        for (const conflict of result.cannotReplace) {
          io.out(`Không thay được ở ${formatHeadConflict(conflict)} (người kia cũng có trong tệp).`);
        }
        if (result.undecided.length > 0) io.out(HEADS_NOTE);
      } else if (result.reason === "phones_undecided") {
        io.out(
          `Không nhập: ${n(result.undecided.length)} dòng có số điện thoại đang là của một người khác tên mà ` +
            "chưa được xác nhận. Chưa thay đổi gì.",
        );
        io.out(PHONES_NOTE);
      } else io.out(REFUSED_NOTE);
      return EXIT_FILE_ERRORS;
    }
    io.out(formatCommitOutcome(result));
    if (result.created + result.updated + result.replacedHeads > 0) io.out(undoNote(result.batchId));
    if (result.plan.missing.length > 0) io.out(missingNote(result.plan.missing.length, path));
    return EXIT_OK;
  } finally {
    await db.$disconnect();
  }
}

const PHONES_NOTE =
  "Dòng có số điện thoại đang là của một người khác tên: nếu đúng là người đó đổi tên, thêm --rename-rows " +
  "<các dòng> khi nhập; nếu là người khác, hãy sửa số trong tệp (hoặc sửa số của người cũ trong bot).";

const CHANGED_MEANWHILE_NOTE =
  "Không nhập xong: trong lúc nhập, một người trong tệp đã được sửa ở nơi khác (trong bot). Phần đã ghi " +
  "đã được hoàn tác — chưa thay đổi gì. Hãy chạy lại lệnh.";

const HEADS_NOTE =
  "Khi nhập, mỗi dòng cho một thôn thêm trưởng thôn cần một quyết định: --replace-heads <các dòng> " +
  "(ngừng kích hoạt trưởng thôn đang làm) hoặc --keep-both-heads (giữ cả hai, ví dụ có phó trưởng thôn).";

function missingNote(count: number, path: string): string {
  return `Muốn ngừng kích hoạt ${n(count)} người không có trong tệp thì làm riêng: npm run admin -- deactivate-missing ${path}`;
}

function undoNote(batchId: number): string {
  return `Mã lần thay đổi: ${batchId}. Hoàn tác trong ${UNDO_WINDOW_DAYS} ngày: npm run admin -- undo ${batchId}`;
}

async function deactivateMissing(
  args: readonly string[],
  env: Env,
  io: AdminIo,
  clock: Clock,
  translator: Translator | undefined,
) {
  const parsed = parseOptions(args, { confirm: { type: "string" } }, io);
  if (!parsed) return EXIT_USAGE;
  const path = fileArgument(parsed.positionals, io);
  if (typeof path === "number") return path;
  const confirm = parsed.values.confirm;
  const confirmCount = confirm === undefined ? undefined : Number(confirm);
  if (confirmCount !== undefined && (!Number.isInteger(confirmCount) || confirmCount < 1)) {
    return usageError(io, `--confirm cần đúng số người sẽ bị ngừng kích hoạt (nhận được “${confirm}”).`);
  }
  const data = readImportFile(path, io);
  if (data === null) return EXIT_FILE_ERRORS;
  const config = loadCliConfig(env, io);
  if (!config) return EXIT_USAGE;
  const db = await openDatabase(config.databaseUrl, io);
  if (!db) return EXIT_USAGE;
  try {
    const read = await readTableFile(data, basename(path), ROSTER_COLUMNS);
    if (!read.ok) {
      io.out([...read.errors, "Chưa thay đổi gì."].join("\n"));
      return EXIT_FILE_ERRORS;
    }
    const plan = await planRosterImport(db, read.table);
    if (plan.totals.error > 0) {
      io.out(formatImportReport(plan));
      io.out("");
      io.out("Chưa thay đổi gì: tệp còn dòng lỗi, nên không biết chắc ai thật sự không có trong tệp.");
      return EXIT_FILE_ERRORS;
    }
    if (plan.missing.length === 0) {
      io.out(
        `Mọi người đang hoạt động (trừ quản trị viên) đều có trong tệp “${read.table.fileName}”. Không có ai để ngừng kích hoạt.`,
      );
      return EXIT_OK;
    }
    const list = [
      `${n(plan.missing.length)} người đang hoạt động không có trong tệp “${read.table.fileName}” (không tính quản trị viên):`,
      ...formatPeopleList(plan.missing),
    ];
    if (confirmCount === undefined) {
      io.out(list.join("\n"));
      io.out("");
      io.out(
        `Chạy thử — chưa thay đổi gì. Để ngừng kích hoạt ${n(plan.missing.length)} người này: ` +
          `npm run admin -- deactivate-missing ${path} --confirm ${plan.missing.length}`,
      );
      return EXIT_OK;
    }
    const words = translator ?? createTranslator(config.defaultLocale);
    await rollBackInterrupted(db, clock, words, io);
    const result = await deactivateMissingPeople(db, clock, words, read.table, {
      actor: CLI_ACTOR,
      confirmCount,
    });
    if (!result.ok) {
      if (result.reason === "count_mismatch") {
        io.out(list.join("\n"));
        io.out("");
        io.out(
          `Chưa thay đổi gì: --confirm ${n(confirmCount)} nhưng hiện có ${n(result.plan.missing.length)} người ` +
            "không có trong tệp. Xem lại danh sách trên, rồi xác nhận đúng số người.",
        );
      } else io.out("Chưa thay đổi gì: danh sách đã thay đổi trong lúc chạy. Hãy chạy lại lệnh.");
      return EXIT_FILE_ERRORS;
    }
    io.out(list.join("\n"));
    io.out("");
    io.out(`Đã ngừng kích hoạt ${n(result.deactivated.length)} người.`);
    if (result.superiors > 0) {
      const unreachable = result.superiors - result.reachable;
      io.out(
        `Thông báo đang được gửi qua bot tới ${n(result.reachable)} cán bộ phụ trách` +
          (unreachable > 0 ? ` (${n(unreachable)} người chưa dùng bot nên không nhận được).` : "."),
      );
    }
    io.out(undoNote(result.batchId));
    return EXIT_OK;
  } finally {
    await db.$disconnect();
  }
}

async function undo(
  args: readonly string[],
  env: Env,
  io: AdminIo,
  clock: Clock,
  translator: Translator | undefined,
) {
  const parsed = parseOptions(args, {}, io);
  if (!parsed) return EXIT_USAGE;
  const [id, ...extra] = parsed.positionals;
  if (extra.length > 0) return usageError(io, `Mỗi lần chỉ hoàn tác một mã (thừa: ${extra.join(" ")}).`);
  if (id !== undefined && !/^\d{1,9}$/.test(id)) {
    return usageError(io, `Mã lần thay đổi là một số, ví dụ 12 (nhận được “${id}”).`);
  }
  const config = loadCliConfig(env, io);
  if (!config) return EXIT_USAGE;
  const db = await openDatabase(config.databaseUrl, io);
  if (!db) return EXIT_USAGE;
  try {
    if (id === undefined) {
      const batches = await listChangeBatches(db, clock, { limit: 20 });
      if (batches.length === 0) {
        io.out(`Không có lần nhập hay ngừng kích hoạt nào trong ${UNDO_WINDOW_DAYS} ngày qua.`);
        return EXIT_OK;
      }
      io.out(`Các lần thay đổi trong ${UNDO_WINDOW_DAYS} ngày qua (mới nhất trước, giờ ${config.timeZone}):`);
      for (const batch of batches) io.out(formatBatchLine(batch, config.timeZone));
      io.out("");
      io.out("Hoàn tác một lần: npm run admin -- undo <mã>");
      return EXIT_OK;
    }
    const words = translator ?? createTranslator(config.defaultLocale);
    await rollBackInterrupted(db, clock, words, io);
    const result = await undoChangeBatch(db, clock, words, Number(id), {
      actor: CLI_ACTOR,
    });
    if (!result.ok) {
      io.out(
        {
          not_found: `Không có lần thay đổi mã ${id}. Xem các mã: npm run admin -- undo`,
          not_allowed: "Không có quyền hoàn tác.",
          not_undoable: `Mã ${id} là một lần hoàn tác; không hoàn tác lại được.`,
          already_undone: `Lần thay đổi mã ${id} đã được hoàn tác rồi; không hoàn tác lần nữa.`,
          too_old: `Lần thay đổi mã ${id} đã quá ${UNDO_WINDOW_DAYS} ngày nên không hoàn tác được nữa.`,
          in_progress: `Lần nhập mã ${id} vẫn đang được ghi. Hãy đợi nhập xong rồi hoàn tác.`,
        }[result.reason],
      );
      return EXIT_FILE_ERRORS;
    }
    io.out(`Đã hoàn tác: ${describeBatch(result.batch, config.timeZone)}.`);
    const parts = [
      result.removed > 0 ? `${n(result.removed)} người thêm mới đã xóa` : "",
      result.deactivated > 0
        ? `${n(result.deactivated)} người thêm mới đã dùng bot nên chỉ ngừng kích hoạt`
        : "",
      result.restored > 0 ? `${n(result.restored)} người trở lại như trước` : "",
    ].filter(Boolean);
    io.out(parts.length > 0 ? `${parts.join("; ")}.` : "Không còn gì cần khôi phục.");
    const notRestored = result.conflicts.filter((conflict) => conflict.kind !== "kept");
    if (notRestored.length > 0) {
      io.out("");
      io.out(`Không khôi phục được (${n(notRestored.length)} người, đã thay đổi lại sau đó):`);
      for (const conflict of notRestored) io.out(formatConflictLine(conflict, result.unitNames));
    }
    return EXIT_OK;
  } finally {
    await db.$disconnect();
  }
}

/** "nhập danh sách “mau.csv” lúc 09:05 22/11/2026 (dòng lệnh)". */
function describeBatch(batch: ChangeBatchSummary, timeZone: string): string {
  const what =
    batch.kind === "roster.import"
      ? `nhập danh sách “${batch.fileName ?? ""}”`
      : `ngừng kích hoạt người không có trong “${batch.fileName ?? ""}”`;
  return `${what} lúc ${formatDateTime(batch.createdAt, "vi", timeZone)} (${batch.actorName ?? "dòng lệnh"})`;
}

/** "12 · nhập danh sách “mau.csv” lúc … · 9 thêm mới, 0 cập nhật · hoàn tác được đến …". */
export function formatBatchLine(batch: ChangeBatchSummary, timeZone: string): string {
  const counts =
    batch.kind === "roster.import"
      ? `${n(batch.created)} thêm mới, ${n(batch.updated)} cập nhật` +
        (batch.deactivated > 0 ? `, ${n(batch.deactivated)} trưởng thôn cũ ngừng kích hoạt` : "")
      : `${n(batch.deactivated)} người`;
  const state = batch.undoneAt
    ? `đã hoàn tác lúc ${formatDateTime(batch.undoneAt, "vi", timeZone)}`
    : `hoàn tác được đến ${formatDateTime(batch.undoableUntil, "vi", timeZone)}`;
  return `${batch.id} · ${describeBatch(batch, timeZone)} · ${counts} · ${state}`;
}

const FIELD_NAMES: Record<UndoConflict["fields"][number]["field"], string> = {
  fullName: "họ tên",
  role: "vai trò",
  unitId: "đơn vị",
  email: "email",
  title: "chức vụ",
  status: "trạng thái",
};

/** "- Phan Thị Quỳnh: vai trò (lần đó đổi thành Trưởng thôn, nay là Cán bộ xã)". */
function formatConflictLine(conflict: UndoConflict, unitNames: Record<number, string>): string {
  if (conflict.kind === "gone") return `- ${conflict.fullName}: không còn trong danh sách`;
  const show = (field: UndoConflict["fields"][number]["field"], value: unknown) => {
    if (value === null || value === undefined || value === "") return "(trống)";
    if (field === "role" && isRole(value)) return ROLE_LABELS[value];
    if (field === "unitId") return unitNames[Number(value)] ?? `#${String(value)}`;
    if (field === "status") return value === "active" ? "đang hoạt động" : "ngừng hoạt động";
    return String(value);
  };
  const fields = conflict.fields.map(
    ({ field, after, now }) =>
      `${FIELD_NAMES[field]} (lần đó đổi thành ${show(field, after)}, nay là ${show(field, now)})`,
  );
  return `- ${conflict.fullName}: ${fields.join("; ")}`;
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
