import type { Middleware } from "grammy";
import { resolveIdentity } from "../../domain/people/resolve-identity.js";
import { isLocale } from "../../i18n/translator.js";
import type { BotContext, BotDeps } from "../context.js";

/**
 * Private chats only: the bot talks to individual officers. Updates from groups, channels and
 * service messages without a sender are ignored. Every other update learns who sent it
 * (account, roster entry) and in which language to answer.
 */
export function attachIdentity(deps: BotDeps): Middleware<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot || !ctx.chat || ctx.chat.type !== "private") return;
    ctx.deps = deps;
    ctx.identity = await resolveIdentity(deps.db, deps.clock, {
      channel: deps.channel,
      externalId: String(from.id),
      chatId: String(ctx.chat.id),
      username: from.username,
      displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
    });
    const preferred = ctx.identity.person?.locale ?? ctx.identity.accountLocale;
    ctx.locale = isLocale(preferred) ? preferred : deps.defaultLocale;
    ctx.t = (key, args) => deps.translator.t(ctx.locale, key, args);
    await next();
  };
}
