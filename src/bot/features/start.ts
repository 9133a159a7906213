import { Composer } from "grammy";
import { setChatCommands } from "../commands.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../ui/main-menu.js";
import { showMainMenu } from "../ui/menu-screen.js";
import { respond } from "../ui/respond.js";
import { onboardingKeyboard } from "./onboarding.js";

/** Tasks (conversations) by id, as the person would name them, for /help. */
const TASK_NAMES: Record<string, string> = {
  accessRequest: "ar-task",
  createInvite: "inv-task",
  acceptInvite: "ia-task",
  managePeople: "pm-task",
  rosterImport: "imp-task",
  undoBatches: "undo-task",
  decideAccess: "acc-head-task",
  faqFeedback: "faq-feedback-task",
  fillReport: "rp-task",
  returnReport: "rp-task",
  answerTicket: "tk-task",
};

/**
 * /start, /help, /cancel and the way home: installed before the conversations so they work
 * from any state. /start and /cancel leave whatever task was in progress; /help does not.
 */
export function startFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx, next) => {
    const left = await leaveTasks(ctx);
    if (left) await ctx.reply(ctx.t("cancel-done"), { reply_markup: { remove_keyboard: true } });
    // "/start <token>" is an invite link; it is handled after the conversations are installed.
    if (ctx.match.trim() !== "") return next();
    await showMainMenu(ctx, { fresh: true });
    if (!ctx.identity.person) {
      await ctx.reply(ctx.t("onboard-prompt"), {
        parse_mode: "HTML",
        reply_markup: onboardingKeyboard(ctx.t),
      });
    }
    await syncCommands(ctx);
  });

  feature.command("cancel", async (ctx) => {
    const left = await leaveTasks(ctx);
    await ctx.reply(ctx.t(left ? "cancel-done" : "cancel-nothing"), {
      reply_markup: { remove_keyboard: true },
    });
    await showMainMenu(ctx, { fresh: true });
  });

  feature.command("help", (ctx) => showHelp(ctx));

  return feature;
}

async function leaveTasks(ctx: BotContext): Promise<boolean> {
  const active = Object.keys(ctx.conversation.active());
  if (active.length === 0) return false;
  await ctx.conversation.exitAll();
  return true;
}

export async function showHelp(ctx: BotContext): Promise<void> {
  const person = ctx.identity.person;
  const parts = person ? [ctx.t("help-member"), ctx.t(`help-role-${person.role}`)] : [ctx.t("help-stranger")];
  const task = Object.keys(ctx.conversation.active())[0];
  if (task) parts.push(ctx.t("help-in-conversation", { task: ctx.t(TASK_NAMES[task] ?? task) }));
  const text = parts.join("\n\n");
  // Mid-task, help is a new message so the question being answered stays in view.
  if (task) await ctx.reply(text, { parse_mode: "HTML" });
  else await respond(ctx, text, homeKeyboard(ctx.t));
}

/** Keeps the "/" menu of this chat in line with the person's role and language. */
export async function syncCommands(ctx: BotContext): Promise<void> {
  if (!ctx.chat) return;
  try {
    await setChatCommands(ctx.api, ctx.chat.id, ctx.identity.person, ctx.locale, ctx.deps.translator);
  } catch (error) {
    ctx.deps.logger.warn({ err: error }, "could not set chat commands");
  }
}
