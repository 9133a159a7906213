import type { Middleware } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { BotContext } from "../context.js";

/**
 * Telegram may deliver an update twice (after a timeout, a webhook retry, a restart between
 * handling and confirming). grammY does not de-duplicate, so the update id is recorded first
 * and a repeat is dropped: a double-delivered "submit" must not submit twice.
 *
 * One plain-SQL insert per update (portable to PostgreSQL): a repeat inserts nothing, which is
 * cheaper than a model `create` failing on the primary key.
 */
export function skipProcessedUpdates(db: Db, clock: Clock, logger: Logger): Middleware<BotContext> {
  return async (ctx, next) => {
    const botId = String(ctx.me.id);
    const updateId = BigInt(ctx.update.update_id);
    const processedAt = clock.now();
    const inserted = await db.$executeRaw`
      INSERT INTO "ProcessedUpdate" ("botId", "updateId", "processedAt") VALUES (${botId}, ${updateId}, ${processedAt})
      ON CONFLICT DO NOTHING`;
    if (inserted === 0) {
      logger.info({ updateId: ctx.update.update_id }, "duplicate update skipped");
      return;
    }
    await next();
  };
}
