import type { Middleware } from "grammy";
import type { Logger } from "pino";
import type { Translator } from "../../i18n/translator.js";
import type { BotContext } from "../context.js";

/**
 * Outermost middleware: whatever fails while handling an update, the process keeps running,
 * the log gets the update id and the stack, and the person gets a short apology.
 */
export function errorBoundary(logger: Logger, translator: Translator): Middleware<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      logger.error({ err: error, updateId: ctx.update.update_id }, "update handling failed");
      const locale = "locale" in ctx && ctx.locale ? ctx.locale : "vi";
      try {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      } catch {
        // The query may be too old to answer; the apology below still goes out.
      }
      try {
        if (ctx.chat) await ctx.reply(translator.t(locale, "error-generic"));
      } catch (replyError) {
        logger.warn({ err: replyError, updateId: ctx.update.update_id }, "could not send apology");
      }
    }
  };
}
