import type { Context, Middleware } from "grammy";
import type { Logger } from "pino";
import type { Db, Prisma } from "../../db/client.js";
import { isUpdateHandled, markUpdateHandled } from "../../db/update-log.js";
import type { Clock } from "../../shared/clock.js";
import type { BotContext } from "../context.js";

/** State changes of an update being handled, committed with its handled mark. */
interface PendingWork {
  statements: (() => Prisma.PrismaPromise<unknown>)[];
  open: boolean;
}

const pendingWork = new WeakMap<object, PendingWork>();

/**
 * Handles each update once, and none never: Telegram may deliver an update again (a timeout,
 * a restart between handling and confirming), and the poller hands a crashed run's unfinished
 * updates to the next run (`db/update-log.ts`).
 *
 * An update marked handled is dropped. Otherwise it is handled, and only then marked — in one
 * transaction with the chat's new conversation state ({@link commitWithUpdate}), so the two
 * never disagree. A process that dies mid-way leaves neither: the update is handled again from
 * the earlier state, which repeats nothing harmful because every effect on the way is
 * idempotent (answers saved by value, a report submitted under a key derived from the update,
 * notifications under idempotency keys). An update whose handling failed is marked too: the
 * person got an apology, and handling it again hours later at the next start would surprise.
 */
export function skipProcessedUpdates(db: Db, clock: Clock, logger: Logger): Middleware<BotContext> {
  return async (ctx, next) => {
    const botId = String(ctx.me.id);
    const updateId = ctx.update.update_id;
    if (await isUpdateHandled(db, botId, updateId)) {
      logger.info({ updateId }, "duplicate update skipped");
      return;
    }
    const work: PendingWork = { statements: [], open: true };
    pendingWork.set(ctx.update, work);
    try {
      await next();
    } finally {
      work.open = false;
      await db.$transaction([
        ...work.statements.map((statement) => statement()),
        markUpdateHandled(db, clock, botId, updateId),
      ]);
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
