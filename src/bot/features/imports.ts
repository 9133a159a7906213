import { Composer, InlineKeyboard } from "grammy";
import { authorize } from "../../domain/access/permissions.js";
import { commitRosterImport } from "../../domain/imports/commit-roster-import.js";
import { commitUnitsImport } from "../../domain/imports/commit-units-import.js";
import { formatCommitOutcome, formatImportSummary } from "../../domain/imports/format-import-report.js";
import { planRosterImport, ROSTER_COLUMNS } from "../../domain/imports/plan-roster-import.js";
import { planUnitsImport, UNIT_COLUMNS } from "../../domain/imports/plan-units-import.js";
import { readTableFile, type TableFile } from "../../domain/imports/read-table-file.js";
import { escapeHtml } from "../../shared/html.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { respond } from "../ui/respond.js";

/** Telegram lets bots download files up to 20 MB; a roster of 14,000 officers is far smaller. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface PendingImport {
  kind: "roster" | "units";
  fileId: string;
  fileName: string;
}

export interface ImportsFeatureOptions {
  /** Bot API root for file downloads (the simulator, a self-hosted server); Telegram otherwise. */
  apiRoot?: string;
  fetch?: typeof fetch;
}

const pendingKey = (chatId: number) => `import:${chatId}`;

/**
 * Admins import the roster or the unit list by sending the Excel/CSV file to the bot: a dry-run
 * preview with the per-row report comes back, and only a file without bad rows gets the
 * confirm button. The commit re-reads the file and re-plans inside one transaction.
 */
export function importsFeature(options: ImportsFeatureOptions = {}): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const root = options.apiRoot ?? "https://api.telegram.org";
  const fetchFile = options.fetch ?? fetch;

  async function download(ctx: BotContext, fileId: string): Promise<Buffer> {
    const file = await ctx.api.getFile(fileId);
    if (!file.file_path) throw new Error("the Bot API gave no file_path");
    const response = await fetchFile(`${root}/file/bot${ctx.api.token}/${file.file_path}`);
    if (!response.ok) throw new Error(`file download failed: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  /** Reads the file as a roster, or else as a unit list (whichever columns it has). */
  async function readAny(data: Buffer, fileName: string) {
    const roster = await readTableFile(data, fileName, ROSTER_COLUMNS);
    if (roster.ok) return { kind: "roster" as const, table: roster.table };
    const units = await readTableFile(data, fileName, UNIT_COLUMNS);
    if (units.ok) return { kind: "units" as const, table: units.table };
    return { kind: "error" as const, errors: roster.errors };
  }

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
    await ctx.replyWithChatAction("typing");
    const read = await readAny(await download(ctx, document.file_id), fileName);
    if (read.kind === "error") {
      await ctx.reply(
        `${ctx.t("imp-unreadable")}\n${read.errors.map((e) => `• ${escapeHtml(e)}`).join("\n")}`,
        {
          parse_mode: "HTML",
          reply_markup: homeKeyboard(ctx.t),
        },
      );
      return;
    }
    const plan =
      read.kind === "roster"
        ? await planRosterImport(ctx.deps.db, read.table, { deactivateMissing: true })
        : await planUnitsImport(ctx.deps.db, read.table);
    const summary = formatImportSummary(plan, 15);
    if (plan.totals.error > 0) {
      await ctx.reply(`${summary}\n\n${ctx.t("imp-fix-and-resend")}`, {
        parse_mode: "HTML",
        reply_markup: homeKeyboard(ctx.t),
      });
      return;
    }
    const pending: PendingImport = { kind: read.kind, fileId: document.file_id, fileName };
    const key = pendingKey(ctx.chat.id);
    await ctx.deps.db.conversationState.upsert({
      where: { key },
      create: { key, value: JSON.stringify(pending) },
      update: { value: JSON.stringify(pending) },
    });
    const keyboard = new InlineKeyboard().text(ctx.t("imp-button-commit"), "imp:ok").row();
    const missing = plan.toDeactivate?.length ?? 0;
    if (missing > 0)
      keyboard.text(ctx.t("imp-button-commit-deactivate", { count: missing }), "imp:okd").row();
    keyboard.text(ctx.t("button-cancel"), "imp:x");
    // The preview counts the people a full re-import would deactivate; the plain commit keeps them.
    await ctx.reply(`${summary}\n\n${ctx.t("imp-confirm")}`, { parse_mode: "HTML", reply_markup: keyboard });
  });

  feature.callbackQuery(/^imp:(ok|okd|x)$/, async (ctx) => {
    const person = ctx.identity.person;
    if (!person || !authorize(person, "roster.import").ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    const key = pendingKey(ctx.chat?.id ?? 0);
    const row = await ctx.deps.db.conversationState.findUnique({ where: { key } });
    if (!row) {
      await ctx.answerCallbackQuery({ text: ctx.t("stale-button-alert"), show_alert: true });
      return;
    }
    await ctx.deps.db.conversationState.delete({ where: { key } });
    await ctx.answerCallbackQuery();
    if (ctx.match[1] === "x") {
      await respond(ctx, ctx.t("imp-cancelled"), homeKeyboard(ctx.t));
      return;
    }
    const pending = JSON.parse(row.value) as PendingImport;
    const read = await readAny(await download(ctx, pending.fileId), pending.fileName);
    if (read.kind !== pending.kind) {
      await respond(ctx, ctx.t("imp-unreadable"), homeKeyboard(ctx.t));
      return;
    }
    const actor = { personId: person.id, via: "bot" as const };
    const outcome = await commit(ctx, read.table, pending.kind, actor, ctx.match[1] === "okd");
    await respond(ctx, outcome, homeKeyboard(ctx.t));
  });

  return feature;
}

async function commit(
  ctx: BotContext,
  table: TableFile,
  kind: "roster" | "units",
  actor: { personId: number; via: "bot" },
  deactivateMissing: boolean,
): Promise<string> {
  if (kind === "roster") {
    const result = await commitRosterImport(ctx.deps.db, ctx.deps.clock, table, { actor, deactivateMissing });
    return result.ok
      ? escapeHtml(formatCommitOutcome(result))
      : `${formatImportSummary(result.plan, 15)}\n\n${ctx.t("imp-changed-meanwhile")}`;
  }
  const result = await commitUnitsImport(ctx.deps.db, ctx.deps.clock, table, { actor });
  return result.ok
    ? escapeHtml(formatCommitOutcome(result))
    : `${formatImportSummary(result.plan, 15)}\n\n${ctx.t("imp-changed-meanwhile")}`;
}
