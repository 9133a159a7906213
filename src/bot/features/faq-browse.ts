import { Composer, InlineKeyboard } from "grammy";
import { getFaqEntry } from "../../domain/faq/get-faq-entry.js";
import { listFaqEntries } from "../../domain/faq/list-faq-entries.js";
import { escapeHtml } from "../../shared/html.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { respond } from "../ui/respond.js";

const PAGE_SIZE = 6;
/** Button labels longer than this are cut: long titles wrap badly on phones. */
const MAX_LABEL = 60;

/**
 * Browsing the policy Q&A: a paginated list of the entries in force today, each opening its
 * answer with the legal source and the period it applies to. Open to everyone.
 */
export function faqBrowseFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("faq", (ctx) => showFaqList(ctx, 0));
  feature.callbackQuery(/^faq:p:(\d{1,4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showFaqList(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^faq:e:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showFaqEntry(ctx, Number(ctx.match[1]));
  });

  return feature;
}

export async function showFaqList(ctx: BotContext, page: number, intro?: string): Promise<void> {
  const list = await listFaqEntries(ctx.deps.db, {
    on: ctx.deps.clock.now(),
    publicOnly: ctx.identity.person === null,
    page,
    pageSize: PAGE_SIZE,
  });
  const keyboard = new InlineKeyboard();
  for (const entry of list.entries) keyboard.text(truncate(entry.title), `faq:e:${entry.id}`).row();
  if (list.page > 0) keyboard.text(ctx.t("button-prev"), `faq:p:${list.page - 1}`);
  if (list.page < list.pageCount - 1) keyboard.text(ctx.t("button-next"), `faq:p:${list.page + 1}`);
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  const title =
    list.entries.length === 0
      ? ctx.t("faq-list-empty")
      : ctx.t("faq-list-title", { page: list.page + 1, pages: list.pageCount });
  const text = intro ? `${intro}\n\n${title}` : title;
  if (intro) await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await respond(ctx, text, keyboard);
}

async function showFaqEntry(ctx: BotContext, id: number): Promise<void> {
  const entry = await getFaqEntry(ctx.deps.db, id, {
    on: ctx.deps.clock.now(),
    publicOnly: ctx.identity.person === null,
  });
  if (!entry) {
    await showFaqList(ctx, 0, ctx.t("faq-entry-gone"));
    return;
  }
  const date = (d: Date) => formatDate(d, ctx.locale, ctx.deps.timeZone);
  const period =
    entry.validFrom && entry.validTo
      ? ctx.t("faq-period-between", { from: date(entry.validFrom), to: date(entry.validTo) })
      : entry.validTo
        ? ctx.t("faq-period-until", { to: date(entry.validTo) })
        : entry.validFrom
          ? ctx.t("faq-period-from", { from: date(entry.validFrom) })
          : ctx.t("faq-period-always");
  const text = ctx.t("faq-answer", {
    title: escapeHtml(entry.title),
    // Answers are vetted content with their own formatting (<b>…</b>); titles and sources are plain.
    answer: entry.answer,
    source: escapeHtml(entry.source),
    period,
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("faq-button-list"), "faq:p:0")
    .row()
    .text(ctx.t("button-menu"), "m:home");
  await respond(ctx, text, keyboard);
}

function truncate(title: string): string {
  return title.length <= MAX_LABEL ? title : `${title.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}
