import type { Context, Middleware } from "grammy";
import type { Logger } from "pino";
import type { Db, Prisma } from "../../db/client.js";
import { isUpdateHandled, markUpdateHandled } from "../../db/update-log.js";
import type { Channel } from "../../domain/roles.js";
import type { Clock } from "../../shared/clock.js";
import type { BotContext } from "../context.js";
import { conversationKey } from "../conversations/tasks.js";

/** State changes of an update being handled that must commit with its handled mark. */
interface PendingWork {
  statements: (() => Prisma.PrismaPromise<unknown>)[];
  open: boolean;
}

const pendingWork = new WeakMap<object, PendingWork>();

/**
 * Handles each update exactly once: Telegram may deliver an update again (a timeout, a restart
 * between handling and confirming), and the poller hands a crashed run's unfinished updates to
 * the next run (`db/update-log.ts`).
 *
 * An update already handled is dropped. Otherwise it is handled, and only then marked. The
 * chat's conversation state and the mark never disagree: a saved state names the update that
 * saved it, in the same statement (so a repeat finds it applied even if the process died before
 * the mark), and a removed state is removed in one transaction with the mark
 * ({@link commitWithUpdate}). A process that dies mid-way leaves neither: the update is handled
 * again from the earlier state, which repeats nothing harmful because every effect on the way
 * is idempotent (answers saved by value, a report submitted under a key taken from the update,
 * notifications under idempotency keys). An update whose handling failed is marked too: the
 * person got an apology, and handling it again hours later at the next start would surprise.
 */
export function skipProcessedUpdates(
  db: Db,
  clock: Clock,
  logger: Logger,
  channel: Channel,
): Middleware<BotContext> {
  return async (ctx, next) => {
    const botId = String(ctx.me.id);
    const updateId = ctx.update.update_id;
    const stateKey = ctx.chat ? conversationKey(channel, ctx.chat.id) : undefined;
    if (await isUpdateHandled(db, botId, updateId, stateKey)) {
      logger.info({ updateId }, "duplicate update skipped");
      return;
    }
    const work: PendingWork = { statements: [], open: true };
    pendingWork.set(ctx.update, work);
    try {
      await next();
    } finally {
      work.open = false;
      const mark = markUpdateHandled(db, clock, botId, updateId);
      // Most updates change no state or save it themselves: the mark alone is cheaper than a
      // transaction, which costs more than both statements together.
      if (work.statements.length === 0) await mark;
      else await db.$transaction([...work.statements.map((statement) => statement()), mark]);
    }
  };
}

/**
 * Runs a state change when the update that caused it is marked handled, in the same
 * transaction; at once when the update is not being tracked (any more).
 */
export async function commitWithUpdate(
  ctx: Context,
  statement: () => Prisma.PrismaPromise<unknown>,
): Promise<void> {
  const work = pendingWork.get(ctx.update);
  if (work?.open) {
    work.statements.push(statement);
    return;
  }
  await statement();
}
