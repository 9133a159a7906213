import { Composer, InlineKeyboard } from "grammy";
import { createLinkCode } from "../../domain/access/create-link-code.js";
import { canPerform } from "../../domain/access/permissions.js";
import { findLinkedChannels } from "../../domain/people/find-linked-channels.js";
import { setLocale } from "../../domain/people/set-locale.js";
import { CHANNEL_TRAITS, otherChannel, ROLES, UNIT_LEVELS } from "../../domain/roles.js";
import { unitReportingBreakdown } from "../../domain/summaries/unit-reporting-breakdown.js";
import { describeUnit } from "../../domain/units/describe-unit.js";
import { summarizeScope } from "../../domain/units/summarize-scope.js";
import { isLocale } from "../../i18n/translator.js";
import { trustedHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { formatDateTime, formatNumber } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { showMainMenu } from "../ui/menu-screen.js";
import { respond } from "../ui/respond.js";
import { syncCommands } from "./start.js";
import { summaryDemandData } from "./summary-demand.js";

/** "Thông tin của tôi", "Đơn vị của tôi" and the language switch. */
export function accountFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("me", (ctx) => showProfile(ctx));

  feature.command("units", (ctx) => showUnitsOverview(ctx));

  feature.command("language", (ctx) => showLanguageChoice(ctx));

  // "🔗 Liên kết Zalo" (or Telegram): a 15-minute code to send to the bot on the other messenger.
  feature.callbackQuery("me:link", async (ctx) => {
    const person = ctx.identity.person;
    if (!person) {
      await ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const other = otherChannel(ctx.deps.channel);
    const channel = CHANNEL_TRAITS[other].name;
    const made = await createLinkCode(ctx.deps.db, ctx.deps.clock, {
      personId: person.id,
      otherChannel: other,
    });
    if (!made.ok) {
      const key = made.reason === "already_linked" ? "link-already" : "not-allowed";
      await ctx.reply(ctx.t(key, { channel }), { reply_markup: homeKeyboard(ctx.t) });
      return;
    }
    await ctx.reply(
      ctx.t("link-code", {
        channel,
        code: made.code,
        until: formatDateTime(made.expiresAt, ctx.locale, ctx.deps.timeZone),
      }),
      { parse_mode: "HTML", reply_markup: homeKeyboard(ctx.t) },
    );
  });
  feature.callbackQuery(/^lang:(vi|en)$/, async (ctx) => {
    const locale = ctx.match[1];
    if (!isLocale(locale)) return;
    await setLocale(ctx.deps.db, ctx.identity, locale);
    ctx.locale = locale;
    await ctx.answerCallbackQuery({ text: ctx.t("language-changed") });
    await showMainMenu(ctx);
    await syncCommands(ctx);
  });

  return feature;
}

export async function showProfile(ctx: BotContext): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "profile.view")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const [chain, linked] = await Promise.all([
    describeUnit(ctx.deps.db, person.unitId),
    findLinkedChannels(ctx.deps.db, person.id),
  ]);
  const other = otherChannel(ctx.deps.channel);
  const keyboard = linked.includes(other)
    ? homeKeyboard(ctx.t)
    : new InlineKeyboard()
        .text(ctx.t("link-channel-button", { channel: CHANNEL_TRAITS[other].name }), "me:link")
        .row()
        .text(ctx.t("button-menu"), "m:home");
  await respond(
    ctx,
    ctx.t("profile", {
      name: person.fullName,
      role: ctx.t(`role-${person.role}`),
      unit: chain ? chain.names.join(", ") : person.unitName,
      phone: person.phone ? formatPhoneForDisplay(person.phone) : ctx.t("profile-no-phone"),
      locale: ctx.t(`locale-name-${ctx.locale}`),
    }),
    keyboard,
  );
}

/** Child units listed per form in "Đơn vị của tôi" (the full summary has them all). */
const BREAKDOWN_ROWS = 10;

export async function showUnitsOverview(ctx: BotContext): Promise<void> {
  const person = ctx.identity.person;
  if (!person || !canPerform(person, "units.overview")) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const summary = await summarizeScope(ctx.deps.db, person.id);
  if (!summary) {
    await respond(ctx, ctx.t("not-allowed"), homeKeyboard(ctx.t));
    return;
  }
  const n = (value: number) => formatNumber(value, ctx.locale);
  // Only what exists: "7 thôn/tổ dân phố", never "0 xã/phường" or a row of zeros.
  const units = UNIT_LEVELS.flatMap((level) => {
    const count = summary.unitsByLevel[level] ?? 0;
    return count > 0
      ? [ctx.t("units-overview-count", { count: n(count), level: ctx.t(`level-${level}`) })]
      : [];
  });
  const roles = ROLES.flatMap((role) => {
    const count = summary.peopleByRole[role];
    return count > 0 ? [ctx.t("units-overview-role", { role: ctx.t(`role-${role}`), count: n(count) })] : [];
  });
  const lines = [
    ctx.t("units-overview-head", { unit: person.unitName }),
    units.length > 0
      ? ctx.t("units-overview-units", { list: trustedHtml(units.join(", ")) })
      : ctx.t("units-overview-no-units"),
    summary.activePeople > 0
      ? ctx.t("units-overview-people", { people: n(summary.activePeople), linked: n(summary.linkedPeople) })
      : ctx.t("units-overview-no-people"),
    ...roles,
  ];
  // Who has reported this period, by child unit (the summary's breakdown, short).
  const breakdown = await unitReportingBreakdown(ctx.deps.db, ctx.deps.clock, person.id, {
    timeZone: ctx.deps.timeZone,
    limit: BREAKDOWN_ROWS,
  });
  if (breakdown.ok) {
    lines.push("");
    if (breakdown.forms.length === 0) lines.push(ctx.t("units-breakdown-none"));
    for (const form of breakdown.forms) {
      lines.push(
        ctx.t("units-breakdown-form", {
          form: form.title,
          period: form.period.label,
          reported: n(form.received),
          total: n(form.expected),
        }),
      );
      for (const row of form.rows) {
        lines.push(
          ctx.t("units-breakdown-row", {
            unit: row.unit.name,
            reported: n(row.received),
            total: n(row.expected),
          }),
        );
      }
      if (form.more > 0) lines.push(ctx.t("units-breakdown-more", { count: n(form.more) }));
    }
  }
  const keyboard = new InlineKeyboard();
  if (canPerform(person, "summary.receive")) {
    keyboard.text(ctx.t("units-button-full-summary"), summaryDemandData.periods(person.unitId)).row();
  }
  keyboard.text(ctx.t("button-menu"), "m:home");
  await respond(ctx, lines.join("\n"), keyboard);
}

export async function showLanguageChoice(ctx: BotContext): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(`🇻🇳 ${ctx.t("locale-name-vi")}`, "lang:vi")
    .text(`🇬🇧 ${ctx.t("locale-name-en")}`, "lang:en")
    .row()
    .text(ctx.t("button-menu"), "m:home");
  await respond(ctx, ctx.t("language-prompt"), keyboard);
}
