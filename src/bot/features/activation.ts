import { createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import { readActivationCode } from "../../domain/access/activation-code.js";
import { type ActivationCheck, checkActivationCode } from "../../domain/access/check-activation-code.js";
import { redeemActivationCode } from "../../domain/access/redeem-activation-code.js";
import { resolveIdentity } from "../../domain/people/resolve-identity.js";
import { isLocale, type TranslationArgs } from "../../i18n/translator.js";
import { foldText } from "../../shared/fold.js";
import type { BotContext, BotDeps } from "../context.js";
import { captureStart, createSteps, type TaskConversation } from "../conversations/steps.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { formatContacts, showMainMenu } from "../ui/menu-screen.js";
import { syncCommands } from "./start.js";

export const ACTIVATE_ACCOUNT_ID = "activateAccount";

/**
 * Activation codes, the way in where no phone can be shared (Zalo), and an alternative on
 * Telegram: someone not linked types the code they were given — as their very first message
 * too, any case, with or without the dash — or taps "🔑 Tôi có mã kích hoạt" and is asked for
 * it; the bot names the person the code is for and asks "Có/Không"; "Có" links the account
 * and opens that person's menu. A typed phone number never links anything: only a code does.
 */
export function activationFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(createConversation(buildActivateAccount(deps), { id: ACTIVATE_ACCOUNT_ID }));
  feature.on("message:text", async (ctx, next) => {
    if (ctx.identity.person || Object.keys(ctx.conversation.active()).length > 0) return next();
    const text = ctx.message.text;
    if (foldText(text) === foldText(ctx.t("act-have-code"))) {
      await ctx.conversation.enter(ACTIVATE_ACCOUNT_ID);
      return;
    }
    const code = readActivationCode(text);
    if (code === null) return next();
    await ctx.conversation.enter(ACTIVATE_ACCOUNT_ID, code);
  });
  return feature;
}

/** What to tell someone whose code did not link them. */
function failureText(
  t: (key: string, args?: TranslationArgs) => string,
  result: Exclude<ActivationCheck, { ok: true }>,
): string {
  if (result.reason === "inactive" || result.reason === "linked_elsewhere") {
    return t(`act-failed-${result.reason}`, { contacts: formatContacts(t, result.contacts) });
  }
  return t(`act-failed-${result.reason}`);
}

function buildActivateAccount(deps: BotDeps) {
  return async function activateAccount(conversation: TaskConversation, ctx: Context, typed?: string) {
    const start = await captureStart(conversation);
    const s = createSteps(conversation, ctx, deps, {
      prefix: "act",
      busyKey: "act-busy",
      locale: start.locale,
    });
    const { t } = s;
    const code =
      typed ??
      (await s.askText(
        t("act-ask-code"),
        (text) => readActivationCode(text) ?? undefined,
        "act-code-format",
      ));
    const checked = await conversation.external(() =>
      checkActivationCode(deps.db, deps.clock, { code, accountId: start.accountId }),
    );
    if (!checked.ok) {
      await ctx.reply(failureText(t, checked), { parse_mode: "HTML", reply_markup: homeKeyboard(t) });
      return;
    }
    const { holder } = checked;
    const yes = await s.choose(
      t("act-confirm", { name: holder.fullName, role: t(`role-${holder.role}`), unit: holder.unitLabel }),
      [
        { label: t("act-yes"), value: true },
        { label: t("act-no"), value: false },
      ],
      [],
    );
    if (!yes) {
      await ctx.reply(t("act-declined"), { reply_markup: homeKeyboard(t) });
      return;
    }
    const redeemed = await conversation.external(() =>
      redeemActivationCode(deps.db, deps.clock, { codeId: checked.codeId, accountId: start.accountId }),
    );
    if (!redeemed.ok) {
      await ctx.reply(failureText(t, redeemed), { parse_mode: "HTML", reply_markup: homeKeyboard(t) });
      return;
    }
    await ctx.reply(t("act-linked", { name: holder.fullName }), {
      parse_mode: "HTML",
      reply_markup: { remove_keyboard: true },
    });
    // The person's own menu and commands, as for anyone who has just been recognised.
    await conversation.external(async (outer: BotContext) => {
      if (!outer.from || !outer.chat) return;
      outer.identity = await resolveIdentity(deps.db, deps.clock, {
        channel: deps.channel,
        externalId: String(outer.from.id),
        chatId: String(outer.chat.id),
      });
      const preferred = outer.identity.person?.locale;
      if (isLocale(preferred)) outer.locale = preferred;
      await showMainMenu(outer, { fresh: true });
      await syncCommands(outer);
    });
  };
}
