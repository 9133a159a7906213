import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { type LinkByPhoneResult, linkAccountByPhone } from "../../domain/people/link-account-by-phone.js";
import { resolveIdentity } from "../../domain/people/resolve-identity.js";
import { isLocale, type TranslationArgs } from "../../i18n/translator.js";
import { formatPhoneForDisplay, normalizePhone } from "../../shared/phone.js";
import type { BotContext } from "../context.js";
import { showMainMenu } from "../ui/menu-screen.js";
import { syncCommands } from "./start.js";

type T = (key: string, args?: TranslationArgs) => string;

/** The one-tap "verify with my phone number" keyboard offered to people not yet linked. */
export function onboardingKeyboard(t: T) {
  return new Keyboard().requestContact(t("onboard-button")).resized().oneTime();
}

/** What to tell someone whose verified phone could not link their account. */
export function describeLinkFailure(
  t: T,
  reason: Exclude<Extract<LinkByPhoneResult, { ok: false }>["reason"], "not_on_roster">,
  phone: string,
): string {
  const key = reason === "inactive" ? "onboard-inactive" : "onboard-linked-elsewhere";
  return t(key, { phone: formatPhoneForDisplay(phone) });
}

/**
 * Phone-number onboarding: a person not yet linked shares their own contact (one tap); the
 * number is normalised and matched to the roster; on a match the account is linked and the
 * person's menu and commands appear. Someone else's contact card is refused.
 */
export function onboardingFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("message:contact", async (ctx) => {
    const contact = ctx.message.contact;
    if (ctx.identity.person) {
      await ctx.reply(ctx.t("onboard-already"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    if (contact.user_id !== ctx.from.id) {
      await ctx.reply(ctx.t("phone-not-own"), { reply_markup: onboardingKeyboard(ctx.t) });
      return;
    }
    const phone = normalizePhone(contact.phone_number);
    if (!phone) {
      await ctx.reply(ctx.t("phone-invalid"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    const result = await linkAccountByPhone(ctx.deps.db, ctx.deps.clock, {
      accountId: ctx.identity.accountId,
      phone,
    });
    if (!result.ok) {
      if (result.reason === "not_on_roster") {
        await ctx.reply(ctx.t("onboard-not-on-roster", { phone: formatPhoneForDisplay(phone) }), {
          reply_markup: { remove_keyboard: true },
        });
        await ctx.reply(ctx.t("onboard-request-hint"), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("menu-request-access"), "m:req")
            .row()
            .text(ctx.t("button-menu"), "m:home"),
        });
      } else {
        await ctx.reply(describeLinkFailure(ctx.t, result.reason, phone), {
          reply_markup: { remove_keyboard: true },
        });
      }
      return;
    }
    // The same update now comes from a registered person: greet them with their own menu.
    ctx.identity = await resolveIdentity(ctx.deps.db, ctx.deps.clock, {
      channel: "telegram",
      externalId: String(ctx.from.id),
      chatId: String(ctx.chat.id),
    });
    const preferred = ctx.identity.person?.locale;
    if (isLocale(preferred)) ctx.locale = preferred;
    await ctx.reply(ctx.t("onboard-linked", { phone: formatPhoneForDisplay(phone) }), {
      reply_markup: { remove_keyboard: true },
    });
    await showMainMenu(ctx, { fresh: true });
    await syncCommands(ctx);
  });

  return feature;
}
