import { Composer, InlineKeyboard, Keyboard, type MiddlewareFn } from "grammy";
import { findAccessContacts } from "../../domain/people/find-access-contacts.js";
import { type LinkByPhoneResult, linkAccountByPhone } from "../../domain/people/link-account-by-phone.js";
import { resolveIdentity } from "../../domain/people/resolve-identity.js";
import { CHANNEL_TRAITS, type Channel } from "../../domain/roles.js";
import { isLocale, type TranslationArgs } from "../../i18n/translator.js";
import { foldText } from "../../shared/fold.js";
import type { Html } from "../../shared/html.js";
import { formatPhoneForDisplay, normalizePhone } from "../../shared/phone.js";
import { type BotContext, channelTraits } from "../context.js";
import { formatContacts, showMainMenu } from "../ui/menu-screen.js";
import { syncCommands } from "./start.js";

type T = (key: string, args?: TranslationArgs) => string;

/**
 * The one-tap "verify with my phone number" keyboard offered to everyone not yet linked, with
 * "🔑 Tôi có mã kích hoạt" for those given a code and "Bỏ qua" for those who will do neither
 * (they are then offered an access request).
 */
export function onboardingKeyboard(t: T) {
  return new Keyboard()
    .requestContact(t("onboard-button"))
    .row()
    .text(t("act-have-code"))
    .row()
    .text(t("onboard-skip"))
    .resized()
    .oneTime();
}

/**
 * Asks someone not yet linked who they are: by phone where the messenger can share a verified
 * one (the phone tells an officer from a stranger) or with an activation code; on a messenger
 * without a phone button (Zalo) only the code is asked for.
 */
export async function showOnboardingPrompt(ctx: BotContext, key = "onboard-prompt"): Promise<void> {
  if (channelTraits(ctx.deps).sharesVerifiedPhone) {
    await ctx.reply(ctx.t(key), { parse_mode: "HTML", reply_markup: onboardingKeyboard(ctx.t) });
    return;
  }
  const codeKey = key === "onboard-first-contact" ? "act-first-contact" : "act-prompt";
  await ctx.reply(ctx.t(codeKey), {
    parse_mode: "HTML",
    reply_markup: new Keyboard().text(ctx.t("onboard-skip")).resized().oneTime(),
  });
}

/** What to tell someone whose verified phone could not link their account. */
export function describeLinkFailure(
  t: T,
  reason: Exclude<Extract<LinkByPhoneResult, { ok: false }>["reason"], "not_on_roster">,
  phone: string,
  contacts: Html,
  channel: Channel,
): string {
  const key = reason === "inactive" ? "onboard-inactive" : "onboard-linked-elsewhere";
  return t(key, { phone: formatPhoneForDisplay(phone), contacts, channel: CHANNEL_TRAITS[channel].name });
}

/** The access request offer for someone who is not (or will not be found) on the roster. */
function accessRequestKeyboard(t: T) {
  return new InlineKeyboard().text(t("menu-request-access"), "m:req").row().text(t("button-menu"), "m:home");
}

/**
 * The very first message of a new account — a question typed straight away, a greeting, a
 * photo; some messengers have no /start — is handled as usual, and then the person is asked to
 * verify by phone (unless that message started a task or settled who they are). Wraps the rest
 * of the chain, so it is installed early.
 */
export function firstContactPrompt(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    await next();
    const message = ctx.message;
    if (
      !ctx.identity.firstContact ||
      ctx.identity.standing !== "unverified" ||
      !message ||
      message.contact ||
      message.text?.startsWith("/") ||
      Object.keys(ctx.conversation.active()).length > 0
    ) {
      return;
    }
    await showOnboardingPrompt(ctx, "onboard-first-contact");
  };
}

/**
 * Phone-number onboarding: a person not yet linked shares their own contact (one tap); the
 * number is normalised and matched to the roster; on a match the account is linked and the
 * person's menu and commands appear. Someone else's contact card is refused. "Bỏ qua" (not
 * verifying) leads to the access request.
 */
export function onboardingFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("message:text", async (ctx, next) => {
    const skip = foldText(ctx.message.text) === foldText(ctx.t("onboard-skip"));
    if (!skip || ctx.identity.person || ctx.identity.standing === "inactive") return next();
    await ctx.reply(ctx.t("onboard-skipped"), {
      parse_mode: "HTML",
      reply_markup: accessRequestKeyboard(ctx.t),
    });
  });

  feature.on("message:contact", async (ctx) => {
    const contact = ctx.message.contact;
    if (ctx.identity.person) {
      await ctx.reply(ctx.t("onboard-already"), { reply_markup: { remove_keyboard: true } });
      await showMainMenu(ctx, { fresh: true });
      return;
    }
    if (contact.user_id !== ctx.from.id) {
      await ctx.reply(ctx.t("phone-not-own"), { reply_markup: onboardingKeyboard(ctx.t) });
      return;
    }
    const phone = normalizePhone(contact.phone_number);
    if (!phone) {
      await ctx.reply(ctx.t("phone-invalid"), { reply_markup: onboardingKeyboard(ctx.t) });
      return;
    }
    const result = await linkAccountByPhone(ctx.deps.db, ctx.deps.clock, {
      accountId: ctx.identity.accountId,
      phone,
    });
    // The same update now comes from someone who has verified: find out where they stand.
    ctx.identity = await resolveIdentity(ctx.deps.db, ctx.deps.clock, {
      channel: ctx.deps.channel,
      externalId: String(ctx.from.id),
      chatId: String(ctx.chat.id),
    });
    if (!result.ok) {
      if (result.reason === "not_on_roster") {
        await ctx.reply(ctx.t("onboard-not-on-roster", { phone: formatPhoneForDisplay(phone) }), {
          reply_markup: { remove_keyboard: true },
        });
        await ctx.reply(ctx.t("onboard-request-hint"), { reply_markup: accessRequestKeyboard(ctx.t) });
      } else {
        // Deactivated, or the roster entry is held by another account: whom to contact, by name.
        await ctx.reply(await describeLinkFailureFor(ctx, result.reason, phone), {
          parse_mode: "HTML",
          reply_markup: { remove_keyboard: true },
        });
      }
      await syncCommands(ctx);
      return;
    }
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

/** {@link describeLinkFailure} with the people to contact looked up. */
export async function describeLinkFailureFor(
  ctx: BotContext,
  reason: Exclude<Extract<LinkByPhoneResult, { ok: false }>["reason"], "not_on_roster">,
  phone: string,
): Promise<string> {
  // The phone was refused, so it is not stored: it still says whose roster entry it is.
  const contacts = await findAccessContacts(ctx.deps.db, ctx.identity.accountId, { phone });
  return describeLinkFailure(ctx.t, reason, phone, formatContacts(ctx.t, contacts), ctx.deps.channel);
}
