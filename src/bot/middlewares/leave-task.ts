import type { Middleware } from "grammy";
import { canPerform } from "../../domain/access/permissions.js";
import { findSentNotice } from "../../domain/outbox/find-sent-notice.js";
import { commandNames } from "../commands.js";
import type { BotContext, BotDeps } from "../context.js";
import { conversationKey, leftTaskKey, TASK_BUTTON_PREFIXES, taskNameKey } from "../conversations/tasks.js";
import { menuEntryForText } from "../ui/main-menu.js";
import { showMainMenu } from "../ui/menu-screen.js";

const FEATURE_COMMANDS = new Set(commandNames());

/**
 * Is this update meant for another feature than the open task? A button of another feature
 * (the main menu, a notice's decision or "✍️ Trả lời" button, a report's buttons), a typed
 * menu label ("hỏi đáp chính sách", "menu"), a feature's command (/baocao), a reply to one of
 * the bot's notices, or a roster file from someone who may import one.
 */
export async function isForAnotherFeature(ctx: BotContext): Promise<boolean> {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    const prefix = /^([a-z]+):/.exec(data)?.[1];
    // Buttons of a task are the open task's own, or stale ones of an earlier task.
    return prefix !== undefined && !TASK_BUTTON_PREFIXES.includes(prefix);
  }
  const message = ctx.message;
  if (!message) return false;
  const repliedTo = message.reply_to_message;
  if (repliedTo) {
    const notice = await findSentNotice(ctx.deps.db, {
      channel: ctx.deps.channel,
      chatId: String(message.chat.id),
      messageId: repliedTo.message_id,
    });
    if (notice) return true;
  }
  if (message.document) return canPerform(ctx.identity.person, "roster.import");
  const text = message.text;
  if (text === undefined) return false;
  if (text.startsWith("/")) {
    const name = /^\/([a-z]+)(?:@\w+)?(?:\s|$)/i.exec(text)?.[1]?.toLowerCase();
    return name !== undefined && FEATURE_COMMANDS.has(name);
  }
  return menuEntryForText(ctx, text) !== undefined;
}

/**
 * One task never silently blocks another: when a guided conversation is open and the person
 * turns to another feature, the conversation is left (what it saved stays saved), one short
 * line says so, and the update goes on to the feature it was meant for. Installed after the
 * global commands and before the conversations, so the conversation never sees the update
 * (leaving from inside its wait would need the same decision, on every replay).
 */
export function leaveTaskForOtherFeature(): Middleware<BotContext> {
  return async (ctx, next) => {
    const open = Object.keys(ctx.conversation.active())[0];
    if (open === undefined || !(await isForAnotherFeature(ctx))) return next();
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(leftTaskKey(open), { task: ctx.t(taskNameKey(open)) }), {
      parse_mode: "HTML",
      // The task may have shown the "share my phone" keyboard.
      reply_markup: { remove_keyboard: true },
    });
    await next();
  };
}

/**
 * A task begun before the bot was updated in a way its stored state cannot follow is dropped
 * (the plugin ignores state of another version). The person is told, once, and shown the menu;
 * what they sent was meant for that task, so it goes no further. Report answers were saved as
 * they were given, so the draft waits in the menu.
 */
export function taskOutdated(deps: Pick<BotDeps, "conversationStorage" | "channel">): Middleware<BotContext> {
  return async (ctx, next) => {
    if (!ctx.taskOutdated || !ctx.chat) return next();
    await deps.conversationStorage.delete(conversationKey(deps.channel, ctx.chat.id));
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("task-outdated"), { reply_markup: { remove_keyboard: true } });
    await showMainMenu(ctx, { fresh: true });
  };
}
