import { GrammyError, type InlineKeyboard } from "grammy";
import type { TranslationArgs } from "../../i18n/translator.js";
import type { BotContext } from "../context.js";

/**
 * Shows a screen. After a button press the pressed message is edited in place (tidy on
 * Telegram); if editing is impossible — too old, deleted, or a messenger without edits — a new
 * message is sent, so nothing essential lives only in an edit.
 */
export async function respond(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const options = { parse_mode: "HTML" as const, reply_markup: keyboard };
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, options);
      return;
    } catch (error) {
      if (error instanceof GrammyError && error.description.includes("message is not modified")) {
        return;
      }
      ctx.deps.logger.debug({ err: error }, "edit failed, sending a new message");
    }
  }
  await ctx.reply(text, options);
}

/**
 * `ctx.t` as plain text, for the places that show no formatting — alerts, button labels — where
 * an escaped `&amp;` would show as such (`ctx.t` gives message HTML).
 */
export function plainTranslator(ctx: BotContext): (key: string, args?: TranslationArgs) => string {
  return (key, args) => ctx.deps.translator.plain(ctx.locale, key, args);
}
