import { Composer } from "grammy";
import { isUnsupportedOnZalo } from "../../channels/zalo/zalo-events.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";

/**
 * The end of the chain: what no feature took. Free text is a question for the policy Q&A (faq.ts); stale buttons and unknown kinds of messages get a clear
 * answer instead of silence.
 */
export function unhandledFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button-alert"), show_alert: true });
  });

  feature.on("message:text", async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) {
      const command = text.split(/\s/)[0] ?? text;
      await ctx.reply(ctx.t("unknown-command", { command }), {
        parse_mode: "HTML",
        reply_markup: homeKeyboard(ctx.t),
      });
      return;
    }
    // Free text is answered by the Q&A feature before this; nothing else should reach here.
    await ctx.reply(ctx.t("unsupported-message"), { reply_markup: homeKeyboard(ctx.t) });
  });

  feature.on("message", async (ctx) => {
    // Zalo delivers files, locations, contact cards (and a protected sender's words) without
    // their content: say what does get through.
    const key = isUnsupportedOnZalo(ctx.message) ? "zalo-unsupported-message" : "unsupported-message";
    await ctx.reply(ctx.t(key), { reply_markup: homeKeyboard(ctx.t) });
  });

  return feature;
}
