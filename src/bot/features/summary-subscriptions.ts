import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context, InlineKeyboard } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { dayNumber, isoWeekday, localDateParts } from "../../domain/reports/periods.js";
import { deleteSummarySubscription } from "../../domain/summaries/delete-summary-subscription.js";
import {
  listSummarySubscriptions,
  type SummarySubscriptionItem,
} from "../../domain/summaries/list-summary-subscriptions.js";
import { listSummaryUnits } from "../../domain/summaries/list-summary-units.js";
import { parseSummaryTime } from "../../domain/summaries/parse-summary-time.js";
import { pauseSummarySubscription } from "../../domain/summaries/pause-summary-subscription.js";
import { resumeSummarySubscription } from "../../domain/summaries/resume-summary-subscription.js";
import { subscribeSummary } from "../../domain/summaries/subscribe-summary.js";
import {
  nextSlot,
  type SummaryCadence,
  type SummarySchedule,
} from "../../domain/summaries/summary-period.js";
import type { TranslationArgs } from "../../i18n/translator.js";
import { shortenLabel } from "../../shared/text.js";
import { formatDate } from "../../shared/time.js";
import type { BotContext, BotDeps } from "../context.js";
import {
  type Choice,
  captureStart,
  conversationNow,
  createSteps,
  type TaskConversation,
} from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { plainTranslator, respond } from "../ui/respond.js";

export const SUBSCRIBE_SUMMARY_ID = "subscribeSummary";
/** Units per page when narrowing a subscription (a province has hundreds of communes). */
const UNITS_PER_PAGE = 8;
/** Times offered as buttons; any other is typed ("7h30", "17:00"). */
const OFFERED_TIMES = ["07:00", "07:30", "17:00"];

type Translate = (key: string, args?: TranslationArgs) => string;

/** "07:30 thứ Hai hằng tuần", "hằng ngày lúc 17:00", "07:30 ngày 5 hằng tháng". */
export function describeSchedule(t: Translate, schedule: SummarySchedule): string {
  if (schedule.cadence === "daily") return t("sms-schedule-daily", { time: schedule.localTime });
  if (schedule.cadence === "weekly")
    return t("sms-schedule-weekly", {
      time: schedule.localTime,
      weekday: t(`sms-weekday-${schedule.weekday ?? 1}`),
    });
  return t("sms-schedule-monthly", { time: schedule.localTime, day: schedule.monthDay ?? 1 });
}

/** The next send as message arguments: time, weekday and date ("07:30", "thứ Hai", "07/12/2026"). */
export function nextArgs(
  t: Translate,
  at: Date,
  localTime: string,
  locale: string,
  timeZone: string,
): { time: string; weekday: string; date: string } {
  const weekday = isoWeekday(dayNumber(localDateParts(at, timeZone)));
  return { time: localTime, weekday: t(`sms-weekday-${weekday}`), date: formatDate(at, locale, timeZone) };
}

/**
 * "🔔 Nhận tổng hợp" (issue 13): the person's summary subscriptions with their next send time,
 * ➕ a new one (a short conversation: unit, how often, day, time), ⏸ pause, ▶️ resume and 🗑
 * delete each. Buttons `sms:…`; the conversation's own are `sma:…`. Every action is a domain
 * call that reads the person again and checks their right and scope, so an old screen or a
 * forged button can do no more than the person may now.
 */
export function summarySubscriptionsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("nhantonghop", (ctx) => showSummarySubscriptions(ctx));
  feature.callbackQuery("sms:l", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showSummarySubscriptions(ctx);
  });
  feature.callbackQuery("sms:a", async (ctx) => {
    await ctx.answerCallbackQuery();
    await openSubscribeSummary(ctx);
  });
  feature.callbackQuery(/^sms:(p|r|x|xy):(\d{1,9})$/, async (ctx) => {
    const person = ctx.identity.person;
    const action = ctx.match[1];
    const id = Number(ctx.match[2]);
    const { db, clock, timeZone } = ctx.deps;
    if (!person || !canPerform(person, "summary.receive")) {
      await ctx.answerCallbackQuery({ text: plainTranslator(ctx)("not-allowed"), show_alert: true });
      return;
    }
    const listed = await listSummarySubscriptions(db, clock, person.id, { timeZone });
    const item = listed.ok ? listed.items.find((candidate) => candidate.id === id) : undefined;
    if (!item) {
      // Deleted meanwhile, or someone else's id: the current list instead.
      await ctx.answerCallbackQuery();
      await showSummarySubscriptions(ctx, ctx.t("sms-gone"));
      return;
    }
    await ctx.answerCallbackQuery();
    if (action === "x") {
      await respond(
        ctx,
        ctx.t("sms-delete-confirm", { unit: item.unit.name, schedule: describeSchedule(ctx.t, item) }),
        new InlineKeyboard()
          .text(plainTranslator(ctx)("sms-button-delete-yes"), `sms:xy:${id}`)
          .row()
          .text(plainTranslator(ctx)("button-back"), "sms:l"),
      );
      return;
    }
    const result =
      action === "p"
        ? await pauseSummarySubscription(db, clock, person.id, id)
        : action === "r"
          ? await resumeSummarySubscription(db, clock, person.id, id)
          : await deleteSummarySubscription(db, clock, person.id, id);
    if (!result.ok) {
      await showSummarySubscriptions(ctx, refusalText(ctx.t, result.reason));
      return;
    }
    const done =
      action === "p"
        ? ctx.t("sms-paused", { unit: item.unit.name })
        : action === "r"
          ? ctx.t("sms-resumed", {
              unit: item.unit.name,
              ...nextArgs(ctx.t, nextSlot(item, clock.now(), timeZone), item.localTime, ctx.locale, timeZone),
            })
          : ctx.t("sms-deleted", { unit: item.unit.name });
    await showSummarySubscriptions(ctx, done);
  });
  return feature;
}

/** The conversation of ➕ (inside `guardConversations`). */
export function summarySubscriptionConversations(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildSubscribeSummary(deps), { id: SUBSCRIBE_SUMMARY_ID }));
  return feature;
}

function refusalText(t: Translate, reason: string): string {
  if (reason === "not_found") return t("sms-gone");
  if (reason === "out_of_scope") return t("sms-out-of-scope");
  if (reason === "unknown_unit") return t("sms-unknown-unit");
  return t("not-allowed");
}

function itemName(t: Translate, item: SummarySubscriptionItem): string {
  return `${item.unit.name}, ${t(`sms-cadence-${item.cadence}`).toLowerCase()}`;
}

/** "🔔 Nhận tổng hợp" and /nhantonghop: the list, with `notice` (an action's outcome) on top. */
export async function showSummarySubscriptions(ctx: BotContext, notice?: string): Promise<void> {
  const person = ctx.identity.person;
  const listed = person
    ? await listSummarySubscriptions(ctx.deps.db, ctx.deps.clock, person.id, { timeZone: ctx.deps.timeZone })
    : ({ ok: false, reason: "not_allowed" } as const);
  if (!listed.ok) {
    await ctx.reply(ctx.t("not-allowed"), { reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  const plain = plainTranslator(ctx);
  const lines: string[] = [];
  if (notice) lines.push(notice, "");
  lines.push(ctx.t("sms-title"));
  if (listed.items.length === 0) lines.push(ctx.t("sms-none"));
  const keyboard = new InlineKeyboard();
  for (const item of listed.items) {
    lines.push(ctx.t("sms-item", { unit: item.unit.name, schedule: describeSchedule(ctx.t, item) }));
    lines.push(
      item.nextAt
        ? ctx.t("sms-item-next", nextArgs(ctx.t, item.nextAt, item.localTime, ctx.locale, ctx.deps.timeZone))
        : ctx.t("sms-item-paused"),
    );
    const name = itemName(plain, item);
    keyboard
      .text(
        shortenLabel(plain(item.active ? "sms-button-pause" : "sms-button-resume", { name })),
        `sms:${item.active ? "p" : "r"}:${item.id}`,
      )
      .row()
      .text(shortenLabel(plain("sms-button-delete", { name })), `sms:x:${item.id}`)
      .row();
  }
  keyboard.text(plain("sms-button-add"), "sms:a").row().text(plain("button-menu"), "m:home");
  await respond(ctx, lines.join("\n"), keyboard);
}

/** ➕: the conversation, for those who may receive summaries. */
export async function openSubscribeSummary(ctx: BotContext): Promise<void> {
  if (!canPerform(ctx.identity.person, "summary.receive")) {
    await ctx.reply(ctx.t("not-allowed"), { reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  await ctx.conversation.enter(SUBSCRIBE_SUMMARY_ID);
}

function buildSubscribeSummary(deps: BotDeps) {
  return async function subscribeSummaryTask(conversation: TaskConversation, ctx: Context) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "sma",
      busyKey: "sms-busy",
      locale: start.locale,
    });
    const { t, plain } = s;
    const personId = start.personId;
    const done = (text: string) =>
      ctx.reply(text, {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(plain("sms-button-list"), "sms:l")
          .row()
          .text(plain("button-menu"), "m:home"),
      });
    const cancelled = () => ctx.reply(t("sms-cancelled"), { reply_markup: homeKeyboard(t) });
    if (personId === null) {
      await ctx.reply(t("not-allowed"), { reply_markup: homeKeyboard(t) });
      return;
    }

    // The unit: the person's own, or narrowed one level at a time.
    type UnitStep =
      | { pick: { id: number; name: string } }
      | { enter: number }
      | "prev"
      | "next"
      | "back"
      | "cancel";
    const trail: number[] = [];
    let page = 0;
    let unit: { id: number; name: string } | null = null;
    while (!unit) {
      const at = trail.at(-1);
      const level = await conversation.external(() => listSummaryUnits(deps.db, personId, at));
      if (!level.ok) {
        await done(refusalText(t, level.reason));
        return;
      }
      if (level.children.length === 0 && trail.length === 0) {
        unit = level.unit;
        break;
      }
      const pages = Math.max(1, Math.ceil(level.children.length / UNITS_PER_PAGE));
      page = Math.min(page, pages - 1);
      const choices: Choice<UnitStep>[] = [
        { label: plain("sms-unit-whole", { unit: level.unit.name }), value: { pick: level.unit } },
        ...level.children.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE).map((child) => ({
          label: child.name,
          value: child.hasChildren ? { enter: child.id } : { pick: { id: child.id, name: child.name } },
        })),
      ];
      const nav: Choice<UnitStep>[] = [];
      if (page > 0) nav.push({ label: plain("button-prev"), value: "prev" });
      if (page < pages - 1) nav.push({ label: plain("button-next"), value: "next" });
      if (trail.length > 0) nav.push({ label: plain("button-back"), value: "back" });
      nav.push({ label: plain("button-cancel"), value: "cancel" });
      const lines = [t("sms-ask-unit", { unit: level.unit.name })];
      if (pages > 1) lines.push(t("unit-page", { page: page + 1, pages }));
      const step: UnitStep = await s.choose(lines.join("\n"), choices, nav);
      if (step === "cancel") return void (await cancelled());
      if (step === "prev") page -= 1;
      else if (step === "next") page += 1;
      else if (step === "back") {
        trail.pop();
        page = 0;
      } else if ("enter" in step) {
        trail.push(step.enter);
        page = 0;
      } else unit = step.pick;
    }

    const cadences: SummaryCadence[] = ["daily", "weekly", "monthly"];
    const cancel: Choice<"cancel">[] = [{ label: plain("button-cancel"), value: "cancel" }];
    const cadence = await s.choose<SummaryCadence | "cancel">(
      t("sms-ask-cadence"),
      cadences.map((value) => ({ label: plain(`sms-cadence-${value}`), value })),
      cancel,
    );
    if (cadence === "cancel") return void (await cancelled());

    let weekday: number | null = null;
    let monthDay: number | null = null;
    if (cadence === "weekly") {
      const chosen = await s.choose<number | "cancel">(
        t("sms-ask-weekday"),
        [1, 2, 3, 4, 5, 6, 7].map((day) => ({ label: plain(`sms-weekday-${day}`), value: day })),
        cancel,
      );
      if (chosen === "cancel") return void (await cancelled());
      weekday = chosen;
    } else if (cadence === "monthly") {
      const answer = await s.askInput(
        t("sms-ask-month-day"),
        (text) => {
          const day = Number(text.trim());
          return Number.isInteger(day) && day >= 1 && day <= 28
            ? { ok: true as const, value: day }
            : { ok: false as const, error: t("sms-month-day-invalid") };
        },
        { nav: [{ label: plain("sms-month-day-first"), value: 1 as number | "cancel" }, ...cancel] },
      );
      if (answer.kind === "choice" && answer.choice === "cancel") return void (await cancelled());
      if (answer.kind === "value") monthDay = answer.value;
      else if (answer.kind === "choice" && answer.choice !== "cancel") monthDay = answer.choice;
      else monthDay = 1;
    }

    const time = await s.askInput(
      t("sms-ask-time"),
      (text) => {
        const value = parseSummaryTime(text);
        return value ? { ok: true as const, value } : { ok: false as const, error: t("sms-time-invalid") };
      },
      { nav: [...OFFERED_TIMES.map((value) => ({ label: value, value })), ...cancel] },
    );
    if (time.kind === "choice" && time.choice === "cancel") return void (await cancelled());
    let localTime = "07:30";
    if (time.kind === "value") localTime = time.value;
    else if (time.kind === "choice" && time.choice !== "cancel") localTime = time.choice;

    const schedule: SummarySchedule = { cadence, localTime, weekday, monthDay };
    const chosenUnit = unit;
    const result = await conversation.external(() =>
      subscribeSummary(deps.db, deps.clock, personId, { unitId: chosenUnit.id, schedule }),
    );
    if (!result.ok) {
      await done(refusalText(t, result.reason));
      return;
    }
    const now = new Date(await conversationNow(conversation, deps));
    const next = nextArgs(t, nextSlot(schedule, now, deps.timeZone), localTime, start.locale, deps.timeZone);
    await done(
      t(result.created ? "sms-subscribed" : "sms-updated", {
        unit: chosenUnit.name,
        schedule: describeSchedule(t, schedule),
        ...next,
      }),
    );
  };
}
