import { Composer, InlineKeyboard, InputFile } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { CHANNEL_TRAITS } from "../../domain/roles.js";
import { listSummaryUnits } from "../../domain/summaries/list-summary-units.js";
import {
  isOnDemandPeriod,
  ON_DEMAND_PERIODS,
  type OnDemandPeriod,
  onDemandWindow,
} from "../../domain/summaries/on-demand-window.js";
import { requestSummary } from "../../domain/summaries/request-summary.js";
import { shortenLabel } from "../../shared/text.js";
import { formatNumber } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

/** Child units per page of the unit picker (a province has hundreds of communes). */
const PAGE_SIZE = 8;
const LABEL_MAX = 60;

const PERIOD_KEYS: Record<OnDemandPeriod, string> = {
  tw: "smd-period-this-week",
  lw: "smd-period-last-week",
  tm: "smd-period-this-month",
  lm: "smd-period-last-month",
  td: "smd-period-today",
};

/**
 * Callback data of the on-demand summary (one codec for the `smd:` prefix):
 * `smd:l:<unitId>:<page>` the unit picker (0 = the person's own unit), `smd:u:<unitId>` the
 * period choice for a unit, `smd:p:<unitId>:<period>` the summary itself.
 */
export const summaryDemandData = {
  units: (unitId: number, page = 0) => `smd:l:${unitId}:${page}`,
  periods: (unitId: number) => `smd:u:${unitId}`,
  summary: (unitId: number, period: OnDemandPeriod) => `smd:p:${unitId}:${period}`,
};

/**
 * "📊 Tổng hợp" (/tonghop): a supervisor or commune officer picks a unit of their area (their
 * own first, or a child unit, page by page) and a period, and gets the summary now — the same
 * text, chart and workbook as a subscription. Stateless buttons: every press is checked again
 * by the domain (role and scope), and on Zalo they are numbered choices typed as numbers.
 */
export function summaryDemandFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("tonghop", (ctx) => openSummaryDemand(ctx));
  feature.callbackQuery(/^smd:l:(\d{1,9}):(\d{1,4})$/, async (ctx) => {
    await showUnitPicker(ctx, Number(ctx.match[1]), Number(ctx.match[2]));
  });
  feature.callbackQuery(/^smd:u:(\d{1,9})$/, async (ctx) => {
    await showPeriodChoice(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^smd:p:(\d{1,9}):([a-z]{2})$/, async (ctx) => {
    const period = ctx.match[2];
    if (!isOnDemandPeriod(period)) {
      await ctx.answerCallbackQuery({ text: plainTranslator(ctx)("stale-button-alert"), show_alert: true });
      return;
    }
    await sendSummary(ctx, Number(ctx.match[1]), period);
  });
  return feature;
}

/** The first screen: the person's own unit and its children. */
export async function openSummaryDemand(ctx: BotContext): Promise<void> {
  await showUnitPicker(ctx, 0, 0);
}

/**
 * A press of one of this feature's buttons, which it answers itself; the main menu's 📊 (and
 * its typed label) arrives already answered, as do commands.
 */
function isOwnPress(ctx: BotContext): boolean {
  return ctx.callbackQuery?.data?.startsWith("smd:") === true;
}

/** Refuses a press or a command the person may not use (any more), saying why. */
async function refuse(ctx: BotContext, denial: string): Promise<void> {
  const reason = denial === "out_of_scope" || denial === "unknown_unit" ? denial : "not_allowed";
  const key =
    reason === "not_allowed"
      ? "not-allowed"
      : reason === "out_of_scope"
        ? "smd-out-of-scope"
        : "smd-unknown-unit";
  if (isOwnPress(ctx)) await ctx.answerCallbackQuery({ text: plainTranslator(ctx)(key), show_alert: true });
  else await respond(ctx, ctx.t(key), homeKeyboard(ctx.t));
}

async function showUnitPicker(ctx: BotContext, unitId: number, page: number): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "summary.receive")) return refuse(ctx, "not_allowed");
  const listed = await listSummaryUnits(ctx.deps.db, person.id, unitId > 0 ? unitId : undefined);
  if (!listed.ok) return refuse(ctx, listed.reason);
  if (isOwnPress(ctx)) await ctx.answerCallbackQuery();
  const parent = listed.unit;
  const total = listed.children.length;
  const children = listed.children.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const keyboard = new InlineKeyboard()
    .text(
      shortenLabel(ctx.t("smd-button-whole", { unit: parent.name }), LABEL_MAX),
      summaryDemandData.periods(parent.id),
    )
    .row();
  for (const child of children) {
    keyboard.text(shortenLabel(child.name, LABEL_MAX), summaryDemandData.periods(child.id)).row();
  }
  if (page > 0)
    keyboard.text(ctx.t("smd-button-previous-page"), summaryDemandData.units(parent.id, page - 1));
  if (page + 1 < pages)
    keyboard.text(ctx.t("smd-button-next-page"), summaryDemandData.units(parent.id, page + 1));
  keyboard.row().text(ctx.t("button-menu"), "m:home");
  const lines = [ctx.t("smd-units-head", { unit: parent.name })];
  if (total > 0)
    lines.push(ctx.t("smd-units-children", { unit: parent.name, count: formatNumber(total, ctx.locale) }));
  if (pages > 1) lines.push(ctx.t("smd-units-page", { page: page + 1, pages }));
  await respond(ctx, lines.join("\n"), keyboard);
}

async function showPeriodChoice(ctx: BotContext, unitId: number): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "summary.receive")) return refuse(ctx, "not_allowed");
  // The unit itself, checked for scope, and whether it has children to narrow to.
  const listed = await listSummaryUnits(ctx.deps.db, person.id, unitId);
  if (!listed.ok) return refuse(ctx, listed.reason);
  if (isOwnPress(ctx)) await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard();
  ON_DEMAND_PERIODS.forEach((period, index) => {
    keyboard.text(ctx.t(PERIOD_KEYS[period]), summaryDemandData.summary(unitId, period));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (listed.children.length > 0) {
    keyboard
      .text(
        shortenLabel(ctx.t("smd-button-narrow", { unit: listed.unit.name }), LABEL_MAX),
        summaryDemandData.units(unitId, 0),
      )
      .row();
  }
  if (listed.unit.id !== person.unitId)
    keyboard.text(ctx.t("smd-button-other-unit"), summaryDemandData.units(0, 0)).row();
  keyboard.text(ctx.t("button-menu"), "m:home");
  await respond(ctx, ctx.t("smd-period-head", { unit: listed.unit.name }), keyboard);
}

async function sendSummary(ctx: BotContext, unitId: number, period: OnDemandPeriod): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "summary.receive")) return refuse(ctx, "not_allowed");
  const { db, clock, translator, timeZone, channel } = ctx.deps;
  const window = onDemandWindow(period, clock.now(), timeZone);
  const unit = await listSummaryUnits(db, person.id, unitId);
  if (!unit.ok) return refuse(ctx, unit.reason);
  await ctx.answerCallbackQuery();
  await respond(ctx, ctx.t("smd-working", { unit: unit.unit.name, period: ctx.t(PERIOD_KEYS[period]) }));
  await ctx.replyWithChatAction("upload_document").catch(() => undefined);
  const result = await requestSummary(db, clock, translator, person.id, {
    unitId,
    window,
    timeZone,
    locale: ctx.locale,
    maxTextLength: CHANNEL_TRAITS[channel].maxTextLength,
  });
  if (!result.ok) return refuse(ctx, result.reason);
  const { texts, chart, workbook } = result.summary;
  for (const text of texts) await ctx.reply(text, { parse_mode: "HTML" });
  if (chart) await ctx.replyWithPhoto(new InputFile(chart.bytes, chart.fileName));
  const after = new InlineKeyboard()
    .text(ctx.t("smd-button-again"), summaryDemandData.periods(unitId))
    .row()
    .text(ctx.t("button-menu"), "m:home");
  await ctx.replyWithDocument(new InputFile(workbook.bytes, workbook.fileName), {
    caption: ctx.t("smd-workbook-caption", { unit: unit.unit.name }),
    parse_mode: "HTML",
    reply_markup: after,
  });
}
