import type { Middleware } from "grammy";
import type { Logger } from "pino";
import { type Db, Prisma } from "../../db/client.js";
import type { BotContext } from "../context.js";

/**
 * Telegram may deliver an update twice (after a timeout, a webhook retry, a restart between
 * handling and confirming). grammY does not de-duplicate, so the update id is recorded first
 * and a repeat is dropped: a double-delivered "submit" must not submit twice.
 */
export function skipProcessedUpdates(db: Db, logger: Logger): Middleware<BotContext> {
  return async (ctx, next) => {
    try {
      await db.processedUpdate.create({
        data: { botId: String(ctx.me.id), updateId: BigInt(ctx.update.update_id) },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        logger.info({ updateId: ctx.update.update_id }, "duplicate update skipped");
        return;
      }
      throw error;
    }
    await next();
  };
}
