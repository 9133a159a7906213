import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { showFaqList } from "./faq-browse.js";

/**
 * The end of the chain: what no feature took. Free text goes to the policy Q&A; stale buttons and unknown kinds of messages get a clear
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
      await ctx.reply(ctx.t("unknown-command", { command }), { reply_markup: homeKeyboard(ctx.t) });
      return;
    }
    await showFaqList(ctx, 0, ctx.t("faq-free-text"));
  });

  feature.on("message", async (ctx) => {
    await ctx.reply(ctx.t("unsupported-message"), { reply_markup: homeKeyboard(ctx.t) });
  });

  return feature;
}
