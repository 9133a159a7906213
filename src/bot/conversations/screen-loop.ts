import type { BotContext } from "../context.js";
import type { TaskConversation } from "./steps.js";

/**
 * Keeping a conversation's replay log short.
 *
 * @grammyjs/conversations replays a task from its start on every update, from a log of every
 * update it waited for and every call it made, stored with the chat and read, parsed, replayed,
 * serialised and written again each time. A loop in a task — a form walked question by
 * question, going back, editing from the summary, a picker turning pages, a question answered
 * wrongly again and again — would make that log, and the work of every update, grow without
 * end. Here a loop's rounds leave nothing in the log: the round's outcome is written to the
 * task's memo (`ctx.taskMemo`, stored with the log in the same statement, so the two always
 * agree), and the conversation rewinds to the loop's top, dropping the round's part of the log.
 * It then runs on from there at once, with the outcome read back from the memo: what is stored
 * is the task's start and the round in progress, however long the person has been at it.
 *
 * A question asked again after a wrong answer, where nothing but the reply changed, needs no
 * memo: it rewinds to a checkpoint taken before its wait (see `steps.ts`).
 */

/** What a round of {@link loopScreens} ended with: another round from `next`, or the result. */
export type ScreenOutcome<S, R> = { next: S } | { done: R };

/**
 * Runs `screen` round after round — each round typically shows something and waits for the
 * person's answer — from `first`, then from what each round returned, until one is `done`. The
 * state must be JSON (it is stored), and `key` unique among the loops that may be running at
 * once in one task (nested loops); a finished loop clears its entry.
 */
export async function loopScreens<S, R>(
  conversation: TaskConversation,
  key: string,
  first: S,
  screen: (state: S) => Promise<ScreenOutcome<S, R>>,
): Promise<R> {
  const top = conversation.checkpoint();
  const stored = await conversation.external((outer: BotContext) =>
    structuredClone(outer.taskMemo?.[key] as S | undefined),
  );
  const outcome = await screen(stored ?? first);
  if ("next" in outcome) {
    const next = outcome.next;
    await conversation.external((outer: BotContext) => {
      outer.taskMemo = { ...outer.taskMemo, [key]: next };
    });
    return conversation.rewind(top);
  }
  await conversation.external((outer: BotContext) => {
    if (outer.taskMemo) delete outer.taskMemo[key];
  });
  return outcome.done;
}
