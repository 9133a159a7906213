import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { type CurrentActor, loadActor } from "../../domain/access/load-actor.js";
import { authorize, canPerform } from "../../domain/access/permissions.js";
import {
  commitRosterImport,
  ImportInterruptedError,
  type ImportProgress,
} from "../../domain/imports/commit-roster-import.js";
import { commitUnitsImport } from "../../domain/imports/commit-units-import.js";
import { deactivateMissingPeople } from "../../domain/imports/deactivate-missing-people.js";
import {
  formatCommitOutcome,
  formatHeadConflict,
  formatImportSummary,
  formatPhoneConflict,
  importFailureReason,
} from "../../domain/imports/format-import-report.js";
import {
  type ChangeBatchSummary,
  listChangeBatches,
  UNDO_WINDOW_DAYS,
} from "../../domain/imports/list-change-batches.js";
import {
  type HeadConflictRow,
  type MissingPerson,
  type PhoneConflictRow,
  planRosterImport,
  ROSTER_COLUMNS,
} from "../../domain/imports/plan-roster-import.js";
import { planUnitsImport, UNIT_COLUMNS } from "../../domain/imports/plan-units-import.js";
import { readTableFile } from "../../domain/imports/read-table-file.js";
import { rollBackInterruptedImports } from "../../domain/imports/roll-back-interrupted-imports.js";
import { type UndoConflict, undoChangeBatch } from "../../domain/imports/undo-change-batch.js";
import { enqueueForPerson, htmlMessage } from "../../domain/outbox/enqueue-message.js";
import type { PersonView } from "../../domain/people/resolve-identity.js";
import { escapeHtml, joinHtml, trustedHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { MAX_BUTTON_LABEL, shortenLabel } from "../../shared/text.js";
import { formatDateTime } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";

export const ROSTER_IMPORT_ID = "rosterImport";
export const UNDO_BATCHES_ID = "undoBatches";

/** Telegram lets bots download files up to 20 MB; a roster of 14,000 officers is far smaller. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Rows with a second head decided one by one; beyond this, one decision for all. */
const MAX_ROW_DECISIONS = 20;
/** People listed per page before deactivating those missing from a file. */
const MISSING_PER_PAGE = 15;

export interface ImportsFeatureOptions {
  /** Bot API root for file downloads (the simulator, a self-hosted server); Telegram otherwise. */
  apiRoot?: string;
  fetch?: typeof fetch;
  /**
   * How long the admin's chat waits for an import to be written; then it is let go and the
   * outcome is sent as a message when the import ends. Less than the conversation guard's step
   * timeout, which would otherwise take the import for a hung step.
   */
  outcomeWaitMs?: number;
}

interface ImportFile {
  fileId: string;
  fileName: string;
}

type Steps = ReturnType<typeof createSteps>;
type Admin = PersonView;

/**
 * Admins import the roster or the unit list by sending the Excel/CSV file to the bot. A guided
 * task (so every button can also be typed) shows the dry run; a roster's rows that would give a
 * hamlet a second head get a decision (replace or keep both); the import runs on confirmation.
 * It never deactivates anyone: the people missing from the file are a separate step with its
 * own list and a second confirmation naming the count. Imports and deactivations can be undone
 * as a whole for {@link UNDO_WINDOW_DAYS} days, from the result or from the menu.
 */
export function importConversations(
  deps: BotDeps,
  options: ImportsFeatureOptions = {},
): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const files = fileReader(options);
  const waitMs = options.outcomeWaitMs ?? 20_000;
  composer.use(createConversation(buildRosterImport(deps, files, waitMs), { id: ROSTER_IMPORT_ID }));
  composer.use(createConversation(buildUndoBatches(deps), { id: UNDO_BATCHES_ID }));
  return composer;
}

/** A file sent by an admin starts an import; anyone else's file is left to the catch-all. */
export function importsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("message:document", async (ctx, next) => {
    const person = ctx.identity.person;
    if (!person || !authorize(person, "roster.import").ok) return next();
    const document = ctx.message.document;
    const fileName = document.file_name ?? "tep";
    if (!/\.(xlsx|csv|xls)$/i.test(fileName)) {
      await ctx.reply(ctx.t("imp-wrong-type"), { reply_markup: homeKeyboard(ctx.t) });
      return;
    }
    if ((document.file_size ?? 0) > MAX_FILE_BYTES) {
      await ctx.reply(ctx.t("imp-too-large"), { reply_markup: homeKeyboard(ctx.t) });
      return;
    }
    const file: ImportFile = { fileId: document.file_id, fileName };
    await ctx.conversation.enter(ROSTER_IMPORT_ID, file);
  });

  // Buttons of an import that is over (or of someone else's): say so.
  feature.callbackQuery(/^(imp|undo):/, async (ctx) => {
    const allowed = canPerform(ctx.identity.person, "roster.import");
    await ctx.answerCallbackQuery({
      text: ctx.t(allowed ? "stale-button-alert" : "not-allowed"),
      show_alert: true,
    });
  });

  return feature;
}

/** "↩️ Hoàn tác nhập danh sách" from the menu. */
export async function openUndoBatches(ctx: BotContext): Promise<void> {
  if (!canPerform(ctx.identity.person, "roster.import")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  await ctx.conversation.enter(UNDO_BATCHES_ID);
}

/**
 * The admin as they stand now — read again right before each change (commit, deactivation,
 * undo), so that someone deactivated or demoted since the task began changes nothing — or
 * `null` when they may no longer import.
 */
async function currentImporter(deps: BotDeps, personId: number): Promise<CurrentActor | null> {
  const actor = await loadActor(deps.db, personId);
  return actor && authorize(actor, "roster.import").ok ? actor : null;
}

type FileReader = ReturnType<typeof fileReader>;

/** Downloads a file the person sent and reads it as a roster, or else as a unit list. */
function fileReader(options: ImportsFeatureOptions) {
  const root = options.apiRoot ?? "https://api.telegram.org";
  const fetchFile = options.fetch ?? fetch;
  return async (ctx: BotContext, file: ImportFile) => {
    const info = await ctx.api.getFile(file.fileId);
    if (!info.file_path) throw new Error("the Bot API gave no file_path");
    const response = await fetchFile(`${root}/file/bot${ctx.api.token}/${info.file_path}`);
    if (!response.ok) throw new Error(`file download failed: ${response.status}`);
    const data = Buffer.from(await response.arrayBuffer());
    const roster = await readTableFile(data, file.fileName, ROSTER_COLUMNS);
    if (roster.ok) return { kind: "roster" as const, table: roster.table };
    const units = await readTableFile(data, file.fileName, UNIT_COLUMNS);
    if (units.ok) return { kind: "units" as const, table: units.table };
    return { kind: "error" as const, errors: roster.errors };
  };
}

function buildRosterImport(deps: BotDeps, readFile: FileReader, waitMs: number) {
  // Admins whose import is still being written in the background (one at a time each).
  const running = new Set<number>();
  return async function rosterImport(conversation: TaskConversation, ctx: Context, file: ImportFile) {
    const start = await captureStart(conversation);
    const admin = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "imp",
      busyKey: "imp-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!admin || !canPerform(admin, "roster.import")) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const actor = { personId: admin.id, via: "bot" } as const;
    const cancel = { label: t("button-cancel"), value: "cancel" as const };
    const cancelled = () => ctx.reply(t("imp-cancelled"), { reply_markup: homeKeyboard(t) });
    if (await conversation.external(() => running.has(admin.id))) {
      await ctx.reply(t("imp-running-already"), { reply_markup: homeKeyboard(t) });
      return;
    }
    await ctx.replyWithChatAction("typing");

    const preview = await conversation.external(async (outer: BotContext) => {
      // An import a crash cut off is undone first: the roster must not stay half-imported.
      const interrupted = await rollBackInterruptedImports(deps.db, deps.clock, deps.translator, actor);
      const read = await readFile(outer, file);
      if (read.kind === "error") return { kind: "error" as const, errors: read.errors, interrupted };
      const plan =
        read.kind === "roster"
          ? await planRosterImport(deps.db, read.table, { viewer: admin })
          : await planUnitsImport(deps.db, read.table);
      return {
        kind: read.kind,
        interrupted,
        summary: formatImportSummary(plan, 15),
        errors: plan.totals.error,
        changes: plan.totals.create + plan.totals.update,
        conflicts: plan.kind === "roster" ? plan.headConflicts : [],
        phones: plan.kind === "roster" ? plan.phoneConflicts : [],
      };
    });
    for (const id of preview.interrupted) await ctx.reply(t("imp-interrupted", { id }));
    if (preview.kind === "error") {
      await ctx.reply(
        `${t("imp-unreadable")}\n${preview.errors.map((e) => `• ${escapeHtml(e)}`).join("\n")}`,
        {
          parse_mode: "HTML",
          reply_markup: homeKeyboard(t),
        },
      );
      return;
    }
    if (preview.errors > 0) {
      await ctx.reply(`${preview.summary}\n\n${t("imp-fix-and-resend")}`, {
        parse_mode: "HTML",
        reply_markup: homeKeyboard(t),
      });
      return;
    }

    if (preview.kind === "units") {
      const go = await s.choose(
        `${preview.summary}\n\n${t("imp-confirm")}`,
        [{ label: t("imp-button-commit"), value: "go" as const }],
        [cancel],
      );
      if (go === "cancel") return void (await cancelled());
      const outcome = await conversation.external(async (outer: BotContext) => {
        if (!(await currentImporter(deps, admin.id))) return { ok: false as const, text: t("not-allowed") };
        const read = await readFile(outer, file);
        if (read.kind !== "units") return { ok: false as const, text: t("imp-unreadable") };
        const result = await commitUnitsImport(deps.db, deps.clock, read.table, { actor }).catch(
          (error: unknown) => ({ ok: "failed" as const, error }),
        );
        if (result.ok === "failed") return { ok: false as const, text: failureText(t, result.error) };
        if (!result.ok && result.reason === "not_allowed")
          return { ok: false as const, text: t("not-allowed") };
        return result.ok
          ? { ok: true as const, text: escapeHtml(formatCommitOutcome(result)) }
          : {
              ok: false as const,
              text: `${formatImportSummary(result.plan, 15)}\n\n${t("imp-changed-meanwhile")}`,
            };
      });
      await ctx.reply(outcome.text, { parse_mode: "HTML", reply_markup: homeKeyboard(t) });
      return;
    }

    // Rows that would give a hamlet a second head: one decision each, or one for all.
    const heads = await decideHeads(s, preview.summary, preview.conflicts);
    if (heads === null) return void (await cancelled());
    // Rows whose phone belongs to someone under another name: the admin vouches, or fixes the file.
    const phones = await decidePhones(
      s,
      preview.conflicts.length === 0 ? preview.summary : undefined,
      preview.phones,
    );
    if (phones === null) return void (await cancelled());
    if ("stop" in phones) {
      await ctx.reply(
        t("imp-phone-stopped", { row: phones.stop.rowNumber, current: phones.stop.currentName }),
        {
          parse_mode: "HTML",
          reply_markup: homeKeyboard(t),
        },
      );
      return;
    }
    const decided = preview.conflicts.length + preview.phones.length;
    const ready =
      decided === 0
        ? `${preview.summary}\n\n${t("imp-confirm")}`
        : t("imp-ready", {
            decisions: trustedHtml(
              decisionsText(t, preview.conflicts.length, heads.replaceRows.length, preview.phones.length),
            ),
          });
    const go = await s.choose(ready, [{ label: t("imp-button-commit"), value: "go" as const }], [cancel]);
    if (go === "cancel") return void (await cancelled());

    // Written off the update path, in slices, with a progress message; a big file may take
    // longer than a chat should wait, and then its outcome arrives as a message when done.
    const outcome = await conversation.external((outer: BotContext) =>
      commitInBackground(outer, deps, {
        expected: preview.changes,
        waitMs,
        admin,
        running,
        t,
        commit: async (onProgress) => {
          // The admin as they stand now: one deactivated or demoted since the preview imports nothing.
          const importer = await currentImporter(deps, admin.id);
          if (!importer) return { ok: false as const, text: t("not-allowed") };
          const read = await readFile(outer, file);
          if (read.kind !== "roster") return { ok: false as const, text: t("imp-unreadable") };
          const result = await commitRosterImport(deps.db, deps.clock, deps.translator, read.table, {
            actor: { personId: importer.id, via: "bot" },
            viewer: importer,
            heads,
            phones: { sameRows: phones.sameRows },
            onProgress,
          });
          if (!result.ok && result.reason === "not_allowed")
            return { ok: false as const, text: t("not-allowed") };
          if (!result.ok) {
            const why =
              result.reason === "heads_undecided"
                ? "imp-heads-changed"
                : result.reason === "phones_undecided"
                  ? "imp-phones-changed"
                  : "imp-changed-meanwhile";
            return { ok: false as const, text: `${formatImportSummary(result.plan, 15)}\n\n${t(why)}` };
          }
          return {
            ok: true as const,
            text: escapeHtml(formatCommitOutcome(result)),
            batchId: result.batchId,
            changed: result.created + result.updated + result.replacedHeads,
            missing: result.plan.missing.length,
            fileName: read.table.fileName,
          };
        },
      }),
    );
    if (outcome.ok === "running") {
      await ctx.reply(t("imp-still-running"), { reply_markup: homeKeyboard(t) });
      return;
    }
    if (!outcome.ok) {
      await ctx.reply(outcome.text, { parse_mode: "HTML", reply_markup: homeKeyboard(t) });
      return;
    }

    // After the import: undo it, or look at the people the file leaves out — or be done.
    let text = outcome.missing > 0 ? `${outcome.text}\n\n${t("imp-result-hint")}` : outcome.text;
    let undoable: number | null = outcome.changed > 0 ? outcome.batchId : null;
    let undoLabel = t("imp-result-undo");
    let missing = outcome.missing;
    for (;;) {
      type Next = "undo" | "missing" | "done";
      const choices: { label: string; value: Next }[] = [];
      if (undoable !== null) choices.push({ label: undoLabel, value: "undo" });
      if (missing > 0) choices.push({ label: t("imp-result-missing", { count: missing }), value: "missing" });
      if (choices.length === 0) {
        await ctx.reply(text, { parse_mode: "HTML", reply_markup: homeKeyboard(t) });
        return;
      }
      const next = await s.choose<Next>(text, choices, [{ label: t("imp-done"), value: "done" }]);
      if (next === "done") break;
      if (next === "undo" && undoable !== null) {
        await confirmUndo(s, conversation, ctx, deps, admin, undoable, start.locale);
        return;
      }
      const deactivated = await deactivateMissingStep(s, conversation, deps, admin, readFile, file);
      if (deactivated === null) continue;
      if (deactivated === "not_allowed") {
        await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
        return;
      }
      text = deactivated.text;
      undoable = deactivated.batchId;
      undoLabel = t("imp-result-undo-deactivation");
      missing = 0;
    }
    await ctx.reply(t("imp-finished"), { reply_markup: homeKeyboard(t) });
  };
}

/**
 * The importer's decision on rows that give a hamlet another head: keep both everywhere,
 * replace everywhere (when every row has a current head outside the file), or row by row.
 * `null` = cancelled.
 */
async function decideHeads(
  s: Steps,
  summary: string,
  conflicts: readonly HeadConflictRow[],
): Promise<{ keepBoth: true; replaceRows: number[] } | null> {
  const { t } = s;
  if (conflicts.length === 0) return { keepBoth: true, replaceRows: [] };
  // One row: its own question straight away, under the summary.
  if (conflicts.length === 1) return decideRows(s, conflicts, summary);
  type Mode = "keep" | "replace" | "each" | "cancel";
  const modes: { label: string; value: Mode }[] = [
    { label: t("imp-heads-keep-all", { count: conflicts.length }), value: "keep" },
  ];
  if (conflicts.every((conflict) => conflict.replaceable.length > 0)) {
    modes.push({ label: t("imp-heads-replace-all", { count: conflicts.length }), value: "replace" });
  }
  if (conflicts.length <= MAX_ROW_DECISIONS) modes.push({ label: t("imp-heads-each"), value: "each" });
  const listed = conflicts.slice(0, 10).map((conflict) => `• ${escapeHtml(formatHeadConflict(conflict))}`);
  if (conflicts.length > listed.length)
    listed.push(t("imp-heads-more", { count: conflicts.length - listed.length }));
  const mode = await s.choose<Mode>(
    `${summary}\n\n${t("imp-heads-intro", { list: trustedHtml(listed.join("\n")) })}`,
    modes,
    [{ label: t("button-cancel"), value: "cancel" }],
  );
  if (mode === "cancel") return null;
  if (mode === "keep") return { keepBoth: true, replaceRows: [] };
  if (mode === "replace")
    return { keepBoth: true, replaceRows: conflicts.map((conflict) => conflict.rowNumber) };
  return decideRows(s, conflicts);
}

/** Replace or keep both, row by row (the summary goes above a single row's question). */
async function decideRows(
  s: Steps,
  conflicts: readonly HeadConflictRow[],
  summary?: string,
): Promise<{ keepBoth: true; replaceRows: number[] } | null> {
  const { t } = s;
  const replaceRows: number[] = [];
  for (const [i, conflict] of conflicts.entries()) {
    type Row = "replace" | "keep" | "cancel";
    const names = conflict.replaceable.map((head) => head.fullName).join(", ");
    const current = joinHtml(
      [
        ...conflict.replaceable.map((head) => head.fullName),
        ...conflict.otherRows.map((row) =>
          trustedHtml(t("imp-head-other-row", { name: row.fullName, row: row.rowNumber })),
        ),
      ],
      ", ",
    );
    const options: { label: string; value: Row }[] = [];
    if (conflict.replaceable.length > 0)
      options.push({ label: s.plain("imp-head-replace", { names }), value: "replace" });
    options.push({ label: t("head-keep-both"), value: "keep" });
    const args = {
      index: i + 1,
      total: conflicts.length,
      row: conflict.rowNumber,
      name: conflict.fullName,
      unit: conflict.unitName,
      current,
    };
    const choice = await s.choose<Row>(
      summary === undefined ? t("imp-head-row", args) : `${summary}\n\n${t("imp-head-single", args)}`,
      options,
      [{ label: t("button-cancel"), value: "cancel" }],
    );
    if (choice === "cancel") return null;
    if (choice === "replace") replaceRows.push(conflict.rowNumber);
  }
  return { keepBoth: true, replaceRows };
}

/** "giữ cả hai ở 2 dòng, thay người đang làm ở 1 dòng, đổi tên ở 1 dòng", without zeros. */
function decisionsText(t: Steps["t"], conflicts: number, replaced: number, renamed: number): string {
  const keep = conflicts - replaced;
  return [
    ...(keep > 0 ? [t("imp-ready-keep", { count: keep })] : []),
    ...(replaced > 0 ? [t("imp-ready-replace", { count: replaced })] : []),
    ...(renamed > 0 ? [t("imp-ready-rename", { count: renamed })] : []),
  ].join(", ");
}

/**
 * Rows whose phone number belongs to someone on the roster under another name: importing them
 * renames (and maybe moves) that person, so the admin says, row by row (or once for many), that
 * it is the same person — or stops to fix the file. `null` = cancelled.
 */
async function decidePhones(
  s: Steps,
  summary: string | undefined,
  conflicts: readonly PhoneConflictRow[],
): Promise<{ sameRows: number[] } | { stop: PhoneConflictRow } | null> {
  const { t } = s;
  const sameRows = conflicts.map((conflict) => conflict.rowNumber);
  if (conflicts.length === 0) return { sameRows };
  const above = summary === undefined ? "" : `${summary}\n\n`;
  if (conflicts.length > MAX_ROW_DECISIONS) {
    const listed = conflicts.slice(0, 10).map((conflict) => `• ${escapeHtml(formatPhoneConflict(conflict))}`);
    listed.push(t("imp-heads-more", { count: conflicts.length - listed.length }));
    const all = await s.choose(
      `${above}${t("imp-phones-intro", { count: conflicts.length, list: trustedHtml(listed.join("\n")) })}`,
      [{ label: s.plain("imp-phones-same-all", { count: conflicts.length }), value: "same" as const }],
      [{ label: t("button-cancel"), value: "cancel" as const }],
    );
    return all === "same" ? { sameRows } : null;
  }
  for (const [i, conflict] of conflicts.entries()) {
    const args = {
      index: i + 1,
      total: conflicts.length,
      row: conflict.rowNumber,
      phone: formatPhoneForDisplay(conflict.phone),
      current: conflict.currentName,
      role: t(`role-${conflict.currentRole}`),
      unit: conflict.currentUnitName,
      name: conflict.fullName,
    };
    const question =
      i === 0 && summary !== undefined ? `${above}${t("imp-phone-single", args)}` : t("imp-phone-row", args);
    const answer = await s.choose(
      question,
      [
        { label: t("imp-phone-same"), value: "same" as const },
        { label: t("imp-phone-other"), value: "other" as const },
      ],
      [{ label: t("button-cancel"), value: "cancel" as const }],
    );
    if (answer === "cancel") return null;
    if (answer === "other") return { stop: conflict };
  }
  return { sameRows };
}

/** Imports this big get a progress message, edited at most this often. */
const PROGRESS_FROM_ROWS = 2_000;
const PROGRESS_EVERY_MS = 2_000;

type CommitOutcome =
  | {
      ok: true;
      text: string;
      batchId: number;
      changed: number;
      missing: number;
      fileName: string;
    }
  | { ok: false; text: string };

/**
 * Runs a commit without tying up the admin's update: a progress message ("⏳ Đang nhập:
 * 5.000/14.000 dòng…") is edited as slices are written; the outcome is returned if it comes
 * within `waitMs`, else `running`, and the outcome is sent through the outbox
 * when the import ends. The commit itself yields between slices, so other chats carry on.
 */
async function commitInBackground(
  outer: BotContext,
  deps: BotDeps,
  job: {
    expected: number;
    /** How long the chat waits for the outcome. */
    waitMs: number;
    admin: Admin;
    running: Set<number>;
    t: Steps["t"];
    commit: (onProgress: (progress: ImportProgress) => void) => Promise<CommitOutcome>;
  },
): Promise<CommitOutcome | { ok: "running" }> {
  const { t } = job;
  const chatId = outer.chat?.id ?? job.admin.id;
  const progress =
    job.expected >= PROGRESS_FROM_ROWS
      ? await outer.api
          .sendMessage(chatId, t("imp-progress", { written: 0, total: job.expected }))
          .then((sent) => sent.message_id)
          .catch(() => null)
      : null;
  let shownAt = deps.clock.now().getTime();
  const show = (text: string) => {
    if (progress !== null) void outer.api.editMessageText(chatId, progress, text).catch(() => undefined);
  };
  job.running.add(job.admin.id);
  const work = job
    .commit(({ written, total }) => {
      const now = deps.clock.now().getTime();
      if (now - shownAt < PROGRESS_EVERY_MS || written >= total) return;
      shownAt = now;
      show(t("imp-progress", { written, total }));
    })
    .catch((error: unknown): CommitOutcome => {
      deps.logger.error({ err: error }, "roster import failed");
      return { ok: false, text: failureText(t, error) };
    })
    .then((outcome) => {
      job.running.delete(job.admin.id);
      show(t(outcome.ok ? "imp-progress-done" : "imp-progress-stopped", { total: job.expected }));
      return outcome;
    });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<"running">((resolve) => {
    timer = setTimeout(() => resolve("running"), job.waitMs);
    timer.unref();
  });
  const first = await Promise.race([work, waited]);
  clearTimeout(timer);
  if (first !== "running") return first;
  void work
    .then((outcome) => tellOutcomeLater(deps, job.admin, t, outcome))
    .catch((error: unknown) => {
      deps.logger.error({ err: error }, "could not queue an import's outcome");
    });
  return { ok: "running" };
}

/** The outcome of an import that outlasted the chat's wait: a message through the outbox. */
async function tellOutcomeLater(deps: BotDeps, admin: Admin, t: Steps["t"], outcome: CommitOutcome) {
  const lines = [outcome.ok ? t("imp-done-later", { outcome: trustedHtml(outcome.text) }) : outcome.text];
  if (outcome.ok && outcome.missing > 0) lines.push(t("imp-done-later-missing", { count: outcome.missing }));
  const buttons: [string, string][][] = [];
  if (outcome.ok && outcome.changed > 0) buttons.push([[t("menu-undo-imports"), "m:undo"]]);
  buttons.push([[t("button-menu"), "m:home"]]);
  const now = deps.clock.now();
  await enqueueForPerson(deps.db, {
    kind: "notification",
    personId: admin.id,
    idempotencyKey: outcome.ok
      ? `import:${outcome.batchId}:outcome`
      : `import:failed:${admin.id}:${now.getTime()}`,
    now,
    payload: htmlMessage(lines.join("\n\n"), buttons),
  });
}

/** Why an import could not be written, and what that left (nothing, or a batch to undo). */
function failureText(t: Steps["t"], error: unknown): string {
  if (error instanceof ImportInterruptedError && !error.rolledBack) {
    return t("imp-failed-partial", { written: error.written, reason: importFailureReason(error.cause) });
  }
  return t("imp-failed", {
    reason: importFailureReason(error instanceof ImportInterruptedError ? error.cause : error),
  });
}

/**
 * The separate, deliberate step: the people the file leaves out, by name and unit (page by
 * page), then a second confirmation naming how many. Returns the outcome, or `null` when the
 * admin went back without deactivating anyone.
 */
async function deactivateMissingStep(
  s: Steps,
  conversation: TaskConversation,
  deps: BotDeps,
  admin: Admin,
  readFile: FileReader,
  file: ImportFile,
): Promise<{ text: string; batchId: number } | null | "not_allowed"> {
  const { t } = s;
  const load = () =>
    conversation.external(async (outer: BotContext) => {
      const read = await readFile(outer, file);
      if (read.kind !== "roster") return null;
      const plan = await planRosterImport(deps.db, read.table, { viewer: admin });
      return plan.totals.error > 0 ? null : plan.missing;
    });
  let people = await load();
  let note = "";
  let page = 0;
  for (;;) {
    if (people === null) {
      await s.choose(t("imp-unreadable"), [], [{ label: t("button-back"), value: "back" }]);
      return null;
    }
    if (people.length === 0) {
      await s.choose(t("imp-missing-none"), [], [{ label: t("button-back"), value: "back" }]);
      return null;
    }
    const count = people.length;
    const pages = Math.ceil(count / MISSING_PER_PAGE);
    page = Math.min(page, pages - 1);
    const shown = people.slice(page * MISSING_PER_PAGE, (page + 1) * MISSING_PER_PAGE);
    type Step = "deactivate" | "prev" | "next" | "back";
    const nav: { label: string; value: Step }[] = [];
    if (page > 0) nav.push({ label: t("button-prev"), value: "prev" });
    if (page < pages - 1) nav.push({ label: t("button-next"), value: "next" });
    nav.push({ label: t("button-back"), value: "back" });
    const step = await s.choose<Step>(
      `${note}${t("imp-missing-title", { count, file: file.fileName, page: page + 1, pages })}\n${shown
        .map((person) => missingLine(t, person))
        .join("\n")}`,
      [{ label: t("imp-missing-deactivate", { count }), value: "deactivate" }],
      nav,
    );
    note = "";
    if (step === "back") return null;
    if (step === "prev" || step === "next") {
      page += step === "prev" ? -1 : 1;
      continue;
    }
    const sure = await s.choose(
      t("imp-missing-confirm", { count, days: UNDO_WINDOW_DAYS }),
      [{ label: t("imp-missing-yes", { count }), value: true }],
      [{ label: t("imp-missing-no"), value: false }],
    );
    if (!sure) continue;
    const result = await conversation.external(async (outer: BotContext) => {
      const importer = await currentImporter(deps, admin.id);
      if (!importer) return { ok: false as const, denied: true as const, missing: null };
      const read = await readFile(outer, file);
      if (read.kind !== "roster") return { ok: false as const, missing: null };
      const done = await deactivateMissingPeople(deps.db, deps.clock, deps.translator, read.table, {
        actor: { personId: importer.id, via: "bot" },
        confirmCount: count,
      });
      if (done.ok) {
        const { batchId, superiors, reachable } = done;
        return { ok: true as const, batchId, superiors, reachable, deactivated: done.deactivated.length };
      }
      return {
        ok: false as const,
        missing: "plan" in done && done.plan.totals.error === 0 ? done.plan.missing : null,
      };
    });
    if (!result.ok && "denied" in result) return "not_allowed";
    if (!result.ok) {
      // The list changed since it was shown: show the new one; nobody was deactivated.
      people = result.missing;
      note = `${t("imp-missing-changed", { count: people?.length ?? 0 })}\n\n`;
      page = 0;
      continue;
    }
    const unreachable = result.superiors - result.reachable;
    const lines = [t("imp-missing-done", { count: result.deactivated })];
    if (result.superiors > 0)
      lines.push(t("imp-missing-notified", { reachable: result.reachable, unreachable }));
    return { text: lines.join("\n"), batchId: result.batchId };
  }
}

function missingLine(t: Steps["t"], person: MissingPerson): string {
  return t("imp-missing-line", {
    name: person.fullName,
    role: t(`role-${person.role}`),
    unit: person.unitName,
  });
}

function buildUndoBatches(deps: BotDeps) {
  return async function undoBatches(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const admin = await conversation.external((outer: BotContext) => outer.identity.person);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "undo",
      busyKey: "undo-busy",
      locale: start.locale,
    });
    const { t } = s;
    if (!admin || !canPerform(admin, "roster.import")) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const batches = await conversation.external(() =>
      listChangeBatches(deps.db, deps.clock, { undoableOnly: true, limit: 8 }).then((list) =>
        list.map(serializable),
      ),
    );
    if (batches.length === 0) {
      await ctx.reply(t("undo-list-empty", { days: UNDO_WINDOW_DAYS }), { reply_markup: homeKeyboard(t) });
      return;
    }
    const picked = await s.choose<number | "cancel">(
      t("undo-list-title", { days: UNDO_WINDOW_DAYS }),
      batches.map((batch) => ({
        label: batchLabel(s.plain, batch, start.locale, deps.timeZone),
        value: batch.id,
      })),
      [{ label: t("button-cancel"), value: "cancel" }],
    );
    if (picked === "cancel") {
      await ctx.reply(t("undo-cancelled"), { reply_markup: homeKeyboard(t) });
      return;
    }
    await confirmUndo(s, conversation, ctx, deps, admin, picked, start.locale);
  };
}

/** A batch summary as recorded for replays (dates as ISO strings). */
type BatchView = Omit<ChangeBatchSummary, "createdAt" | "undoneAt" | "undoableUntil"> & {
  createdAt: string;
  undoneAt: string | null;
};

function serializable(batch: ChangeBatchSummary): BatchView {
  return {
    id: batch.id,
    kind: batch.kind,
    actorName: batch.actorName,
    via: batch.via,
    fileName: batch.fileName,
    created: batch.created,
    updated: batch.updated,
    deactivated: batch.deactivated,
    createdAt: batch.createdAt.toISOString(),
    undoneAt: batch.undoneAt?.toISOString() ?? null,
  };
}

/**
 * "09:05 22/11 · nhập 9 thay đổi · danh-sach.csv" — short enough for a button: batches are at
 * most a week old, so the year is left out, and the file name gets what room is left.
 */
function batchLabel(t: Steps["t"], batch: BatchView, locale: string, timeZone: string): string {
  const when = formatDateTime(new Date(batch.createdAt), locale, timeZone).replace(/\/\d{4}\b/, "");
  if (batch.kind !== "roster.import") return t("undo-batch-deactivate", { count: batch.deactivated, when });
  const count = batch.created + batch.updated + batch.deactivated;
  // "1. " in front of the label takes three characters of the button.
  const room = MAX_BUTTON_LABEL - 3 - t("undo-batch-import", { file: "", when, count }).length;
  return t("undo-batch-import", { file: shortenLabel(batch.fileName ?? "", Math.max(8, room)), when, count });
}

/** What undoing a batch will do, a confirmation, then the undo and what it could not restore. */
async function confirmUndo(
  s: Steps,
  conversation: TaskConversation,
  ctx: Context,
  deps: BotDeps,
  admin: Admin,
  batchId: number,
  locale: string,
): Promise<void> {
  const { t } = s;
  const home = { parse_mode: "HTML", reply_markup: homeKeyboard(t) } as const;
  const batch = await conversation.external(() =>
    listChangeBatches(deps.db, deps.clock, { id: batchId }).then((list) =>
      list[0] ? serializable(list[0]) : null,
    ),
  );
  if (!batch) {
    await ctx.reply(t("undo-failed-not_found"), home);
    return;
  }
  const when = formatDateTime(new Date(batch.createdAt), locale, deps.timeZone);
  const args = {
    file: batch.fileName ?? "",
    when,
    actor: batch.actorName ?? t("undo-actor-cli"),
  };
  // Only the kinds of change the batch made are listed ("0 người …" says nothing).
  const question =
    batch.kind === "roster.import"
      ? [
          t("undo-confirm-import", args),
          ...(batch.created > 0 ? [t("undo-confirm-created", { count: batch.created })] : []),
          ...(batch.updated > 0 ? [t("undo-confirm-updated", { count: batch.updated })] : []),
          ...(batch.deactivated > 0 ? [t("undo-confirm-replaced", { count: batch.deactivated })] : []),
          t("undo-confirm-kept"),
        ].join("\n")
      : t("undo-confirm-deactivate", { ...args, count: batch.deactivated });
  const go = await s.choose(
    question,
    [{ label: t("undo-button"), value: true }],
    [{ label: t("button-cancel"), value: false }],
  );
  if (!go) {
    await ctx.reply(t("undo-cancelled"), home);
    return;
  }
  const result = await conversation.external(async () => {
    const importer = await currentImporter(deps, admin.id);
    if (!importer) return { ok: false as const, reason: "not_allowed" as const };
    const done = await undoChangeBatch(deps.db, deps.clock, deps.translator, batchId, {
      actor: { personId: importer.id, via: "bot" },
    });
    return done.ok ? { ...done, batch: serializable(done.batch) } : done;
  });
  if (!result.ok) {
    await ctx.reply(t(`undo-failed-${result.reason}`, { days: UNDO_WINDOW_DAYS }), home);
    return;
  }
  const lines = [
    [
      t("undo-done"),
      ...(result.removed > 0 ? [t("undo-done-removed", { count: result.removed })] : []),
      ...(result.deactivated > 0 ? [t("undo-done-kept", { count: result.deactivated })] : []),
      ...(result.restored > 0 ? [t("undo-done-restored", { count: result.restored })] : []),
    ].join("\n"),
  ];
  const notRestored = result.conflicts.filter((conflict) => conflict.kind !== "kept");
  if (notRestored.length > 0) {
    lines.push("", t("undo-conflicts-title"));
    for (const conflict of notRestored.slice(0, 30)) lines.push(conflictLine(t, conflict, result.unitNames));
    if (notRestored.length > 30) lines.push(t("notice-more", { count: notRestored.length - 30 }));
  }
  if (result.superiors > 0) {
    lines.push(
      t("imp-missing-notified", {
        reachable: result.reachable,
        unreachable: result.superiors - result.reachable,
      }),
    );
  }
  await ctx.reply(lines.join("\n"), home);
}

const FIELD_KEYS: Record<UndoConflict["fields"][number]["field"], string> = {
  fullName: "undo-field-fullname",
  role: "undo-field-role",
  unitId: "undo-field-unit",
  email: "undo-field-email",
  title: "undo-field-title",
  status: "undo-field-status",
};

/** "• Phan Thị Quỳnh: vai trò (nay là Cán bộ xã)". */
function conflictLine(t: Steps["t"], conflict: UndoConflict, unitNames: Record<number, string>): string {
  const name = conflict.fullName;
  if (conflict.kind === "gone") return t("undo-conflict-gone", { name });
  const show = (field: UndoConflict["fields"][number]["field"], value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("undo-empty");
    if (field === "role") return t(`role-${String(value)}`);
    if (field === "unitId") return unitNames[Number(value)] ?? `#${String(value)}`;
    if (field === "status") return t(value === "active" ? "pm-status-active" : "pm-status-inactive");
    return String(value);
  };
  const fields = conflict.fields
    .map(({ field, now }) => t("undo-conflict-field", { field: t(FIELD_KEYS[field]), now: show(field, now) }))
    .join("; ");
  return t("undo-conflict-line", { name, fields: trustedHtml(fields) });
}
