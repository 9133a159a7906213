import { Composer } from "grammy";
import { findAccessContacts } from "../../domain/people/find-access-contacts.js";
import { foldText } from "../../shared/fold.js";
import { setChatCommands } from "../commands.js";
import { type BotContext, channelTraits } from "../context.js";
import { taskNameKey } from "../conversations/tasks.js";
import { homeKeyboard, menuEntryForText } from "../ui/main-menu.js";
import { accessOffNotice, confirmCancelled, formatContacts, showMainMenu } from "../ui/menu-screen.js";
import { respond } from "../ui/respond.js";
import { showOnboardingPrompt } from "./onboarding.js";

/** Buttons a deactivated person may still use: the menu, public Q&A, language, help. */
const OPEN_TO_ALL = /^(m:(home|faq|lang|help)|faq:|fb:|q:a:|lang:)/;

/**
 * /start, /help, /cancel and the way home: installed before the conversations so they work
 * from any state. /start and /cancel leave whatever task was in progress; help (the command,
 * the menu button or the typed word) does not.
 * "hủy" typed with nothing in progress gets the /cancel answer (inside a task, the task's own
 * steps take the word). Buttons pressed by someone whose access was turned off say so.
 */
export function startFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx, next) => {
    const left = await leaveTasks(ctx);
    if (left) await ctx.reply(ctx.t("cancel-done"), { reply_markup: { remove_keyboard: true } });
    // "/start <token>" is an invite link; it is handled after the conversations are installed.
    if (ctx.match.trim() !== "") return next();
    await showMainMenu(ctx, { fresh: true });
    // The phone button is a keyboard of its own; where there is none (Zalo) the greeting above
    // already asks for an activation code, and every message counts against a quota.
    if (ctx.identity.standing === "unverified" && channelTraits(ctx.deps).sharesVerifiedPhone) {
      await showOnboardingPrompt(ctx);
    }
    await syncCommands(ctx);
  });

  feature.command("cancel", async (ctx) => {
    if (await leaveTasks(ctx)) return confirmCancelled(ctx);
    await ctx.reply(ctx.t("cancel-nothing"), { reply_markup: { remove_keyboard: true } });
    await showMainMenu(ctx, { fresh: true });
  });

  // Help, however asked for (command, menu button, typed "hướng dẫn"), keeps the task open.
  feature.command("help", (ctx) => showHelp(ctx));
  feature.callbackQuery("m:help", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showHelp(ctx);
  });

  feature.on("message:text", async (ctx, next) => {
    if (menuEntryForText(ctx, ctx.message.text)?.data === "m:help") return showHelp(ctx);
    const word = foldText(ctx.message.text);
    if ((word !== "huy" && word !== "cancel") || hasTask(ctx)) return next();
    await ctx.reply(ctx.t("cancel-nothing"), { reply_markup: { remove_keyboard: true } });
    await showMainMenu(ctx, { fresh: true });
  });

  feature.on("callback_query:data", async (ctx, next) => {
    if (ctx.identity.standing !== "inactive" || OPEN_TO_ALL.test(ctx.callbackQuery.data)) return next();
    await ctx.answerCallbackQuery({ text: await accessOffNotice(ctx), show_alert: true });
  });

  return feature;
}

function hasTask(ctx: BotContext): boolean {
  return Object.keys(ctx.conversation.active()).length > 0;
}

async function leaveTasks(ctx: BotContext): Promise<boolean> {
  if (!hasTask(ctx)) return false;
  await ctx.conversation.exitAll();
  return true;
}

/** What /help says, by where the person stands (a member also gets their role's tips). */
async function helpText(ctx: BotContext): Promise<string> {
  const person = ctx.identity.person;
  if (person) return [ctx.t("help-member"), ctx.t(`help-role-${person.role}`)].join("\n\n");
  if (ctx.identity.standing === "inactive") {
    const contacts = await findAccessContacts(ctx.deps.db, ctx.identity.accountId);
    return ctx.t("help-inactive", { contacts: formatContacts(ctx.t, contacts) });
  }
  if (ctx.identity.standing === "stranger") return ctx.t("help-stranger");
  return ctx.t(channelTraits(ctx.deps).sharesVerifiedPhone ? "help-unverified" : "help-unverified-code");
}

export async function showHelp(ctx: BotContext): Promise<void> {
  const parts = [await helpText(ctx)];
  const task = Object.keys(ctx.conversation.active())[0];
  if (task) parts.push(ctx.t("help-in-conversation", { task: ctx.t(taskNameKey(task)) }));
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
