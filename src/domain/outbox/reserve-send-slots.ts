import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, greatest } from "../../db/dialect.js";

export type PaceDb = Pick<Db, "$queryRaw" | "$executeRaw">;

/**
 * Takes the next `count` send slots of a channel, shared by every instance on the database:
 * one UPDATE moves the channel's next free slot on by `count × gapMs` (never back into the past,
 * never into a pause), so instances sending together stay within one global rate (the greatest
 * of three through the dialect: SQLite's scalar MAX, PostgreSQL's GREATEST). Returns when
 * the first slot is (the others follow `gapMs` apart) and until when the channel is paused.
 */
export async function reserveSendSlots(
  db: PaceDb,
  input: { channel: string; count: number; gapMs: number; nowMs: number },
): Promise<{ firstSlotMs: number; pausedUntilMs: number }> {
  const { channel, count, gapMs, nowMs } = input;
  await db.$executeRaw`INSERT INTO "OutboxPace" ("channel", "nextSlotMs", "pausedUntilMs")
    VALUES (${channel}, 0, 0) ON CONFLICT ("channel") DO NOTHING`;
  const rows = await db.$queryRaw<{ nextSlotMs: number; pausedUntilMs: number }[]>`
    UPDATE "OutboxPace"
    SET "nextSlotMs" = ${greatest(dialectOf(db), Prisma.sql`"nextSlotMs"`, Prisma.sql`"pausedUntilMs"`, Prisma.sql`${nowMs}`)} + ${count * gapMs}
    WHERE "channel" = ${channel}
    RETURNING "nextSlotMs", "pausedUntilMs"`;
  const row = rows[0];
  if (!row) throw new Error(`no pace row for channel ${channel}`);
  const next = Number(row.nextSlotMs);
  return { firstSlotMs: next - count * gapMs, pausedUntilMs: Number(row.pausedUntilMs) };
}
