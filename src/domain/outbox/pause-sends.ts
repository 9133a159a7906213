import { Prisma } from "../../db/client.js";
import { dialectOf, greatest } from "../../db/dialect.js";
import type { PaceDb } from "./reserve-send-slots.js";

/**
 * A 429 with `retry_after`: nobody sends on this channel before `untilMs` — this instance and
 * every other one, whose next reservation starts after the pause.
 */
export async function pauseSends(db: PaceDb, input: { channel: string; untilMs: number }): Promise<void> {
  const { channel, untilMs } = input;
  const dialect = dialectOf(db);
  await db.$executeRaw`INSERT INTO "OutboxPace" ("channel", "nextSlotMs", "pausedUntilMs")
    VALUES (${channel}, ${untilMs}, ${untilMs})
    ON CONFLICT ("channel") DO UPDATE SET
      "pausedUntilMs" = ${greatest(dialect, Prisma.sql`"OutboxPace"."pausedUntilMs"`, Prisma.sql`${untilMs}`)},
      "nextSlotMs" = ${greatest(dialect, Prisma.sql`"OutboxPace"."nextSlotMs"`, Prisma.sql`${untilMs}`)}`;
}
