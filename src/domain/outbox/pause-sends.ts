import type { PaceDb } from "./reserve-send-slots.js";

/**
 * A 429 with `retry_after`: nobody sends on this channel before `untilMs` — this instance and
 * every other one, whose next reservation starts after the pause.
 */
export async function pauseSends(db: PaceDb, input: { channel: string; untilMs: number }): Promise<void> {
  const { channel, untilMs } = input;
  await db.$executeRaw`INSERT INTO "OutboxPace" ("channel", "nextSlotMs", "pausedUntilMs")
    VALUES (${channel}, ${untilMs}, ${untilMs})
    ON CONFLICT ("channel") DO UPDATE SET
      "pausedUntilMs" = CASE WHEN "OutboxPace"."pausedUntilMs" > ${untilMs} THEN "OutboxPace"."pausedUntilMs" ELSE ${untilMs} END,
      "nextSlotMs" = CASE WHEN "OutboxPace"."nextSlotMs" > ${untilMs} THEN "OutboxPace"."nextSlotMs" ELSE ${untilMs} END`;
}
