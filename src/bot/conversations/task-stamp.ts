import type { ConversationData, VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Middleware } from "grammy";
import type { Identity } from "../../domain/people/resolve-identity.js";
import type { Clock } from "../../shared/clock.js";
import type { BotContext, BotDeps } from "../context.js";
import { commitWithUpdate } from "../middlewares/skip-processed-updates.js";
import { showMainMenu } from "../ui/menu-screen.js";
import { conversationKey, TASKS, taskNameKey } from "./tasks.js";

/**
 * An open task never outlives its person's rights, nor a day. Every conversation is stamped
 * when it begins with the time and the rights of its person then (roster entry, role, unit);
 * the stamp is stored with the conversation's state, and on each of the person's updates —
 * after the identity is read afresh, before the conversation replays — a task whose person was
 * deactivated, given another role or moved to another unit since, or that is older than
 * {@link MAX_TASK_AGE_MS} however busy, is ended: its state dropped and the person told. What
 * they did in it is not carried on. (Domain functions also read the actor again where they
 * act, so even a change in the middle of an update changes nothing.)
 */
export interface TaskStamp {
  /** When the task began, in the clock's milliseconds. */
  since: number;
  /** The rights its person had then: see {@link rightsOf}. */
  rights: string;
}

/**
 * What is stored for a chat: the plugin's versioned state, the stamp of the task in it and the
 * task's memo (`ctx.taskMemo`, see `screen-loop.ts`).
 */
export type StoredConversations = VersionedState<ConversationData> & {
  task?: TaskStamp;
  memo?: Record<string, unknown>;
};

/** A task open this long is ended on the person's next update, even if they kept at it. */
export const MAX_TASK_AGE_MS = 24 * 60 * 60_000;

/** Why a task was ended before its person's update reached it. */
export type TaskStop = "rights" | "age";

/**
 * What a person may do, as one comparable value: their roster entry, role, unit and the unit's
 * place in the tree. Anyone who is not an active member (a stranger, the deactivated) has none.
 */
export function rightsOf(identity: Identity): string {
  const person = identity.person;
  return person ? `${person.id}:${person.role}:${person.unitId}:${person.unitPath}` : "none";
}

/** The stamp of a task beginning now. */
export function stampTask(identity: Identity, clock: Clock): TaskStamp {
  return { since: clock.now().getTime(), rights: rightsOf(identity) };
}

/** Must this task end before the update reaches it, and why? */
export function staleTask(stamp: TaskStamp, identity: Identity, now: number): TaskStop | null {
  if (stamp.rights !== rightsOf(identity)) return "rights";
  if (now - stamp.since > MAX_TASK_AGE_MS) return "age";
  return null;
}

/**
 * The conversations plugin's storage: the chat's state with its task stamp. A task whose stamp
 * no longer holds is read as no task at all (and `ctx.taskStopped` says why); state of another
 * `version` is passed on for the plugin to ignore (and `ctx.taskOutdated` set). Tasks are
 * stamped when they are entered (`onEnter`, which also starts an empty memo) and the stamp and
 * the memo are written with the state, in the same statement.
 */
export function taskStorage(
  deps: Pick<BotDeps, "conversationStorage" | "clock" | "channel">,
  version: number,
): VersionedStateStorage<BotContext, ConversationData> {
  return {
    async read(ctx) {
      if (!ctx.chat) return undefined;
      const stored = await deps.conversationStorage.read(conversationKey(deps.channel, ctx.chat.id));
      if (!stored) return undefined;
      if (stored.version[1] !== version) {
        // The plugin ignores state of another version; the person is told (`taskOutdated`).
        ctx.taskOutdated = true;
        return stored;
      }
      const stop = stored.task ? staleTask(stored.task, ctx.identity, deps.clock.now().getTime()) : null;
      if (stop) {
        ctx.taskStopped = { reason: stop, task: Object.keys(stored.state)[0] ?? "" };
        return undefined;
      }
      ctx.taskStamp = stored.task ?? stampTask(ctx.identity, deps.clock);
      ctx.taskMemo = stored.memo ?? {};
      return { version: stored.version, state: stored.state };
    },
    write(ctx, state) {
      if (!ctx.chat) return;
      const memo = ctx.taskMemo ?? {};
      const value: StoredConversations = {
        ...state,
        task: ctx.taskStamp ?? stampTask(ctx.identity, deps.clock),
        ...(Object.keys(memo).length > 0 ? { memo } : {}),
      };
      // Tied to the update that changed it, so it is handled once (skip-processed-updates.ts):
      // a saved state names its update; a removal commits with the update's handled mark.
      return deps.conversationStorage.writeForUpdate(
        conversationKey(deps.channel, ctx.chat.id),
        value,
        ctx.update.update_id,
      );
    },
    delete: (ctx) => {
      if (!ctx.chat) return;
      const key = conversationKey(deps.channel, ctx.chat.id);
      return commitWithUpdate(ctx, () => deps.conversationStorage.deleteStatement(key));
    },
  };
}

/**
 * A task ended because its person's rights changed or it grew too old: its state is removed,
 * the person is told in one line what stopped and why (a report draft stays saved), and shown
 * the menu as they now stand. What they sent was meant for that task, so it goes no further.
 */
export function taskStopped(deps: Pick<BotDeps, "conversationStorage" | "channel">): Middleware<BotContext> {
  return async (ctx, next) => {
    const stopped = ctx.taskStopped;
    if (!stopped || !ctx.chat) return next();
    await deps.conversationStorage.delete(conversationKey(deps.channel, ctx.chat.id));
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    const kept = TASKS[stopped.task]?.onLeave === "kept";
    await ctx.reply(
      ctx.t(`task-stopped-${stopped.reason}${kept ? "-kept" : ""}`, {
        task: ctx.t(taskNameKey(stopped.task)),
        hours: MAX_TASK_AGE_MS / (60 * 60_000),
      }),
      { parse_mode: "HTML", reply_markup: { remove_keyboard: true } },
    );
    await showMainMenu(ctx, { fresh: true });
  };
}
