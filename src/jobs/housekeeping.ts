import type { Db } from "../db/client.js";
import type { Clock } from "../shared/clock.js";
import type { Job } from "./scheduler.js";

const DAY_MS = 24 * 60 * 60_000;
/** Telegram re-delivers within hours, and restarts its id sequence only after a week of silence. */
export const PROCESSED_UPDATE_RETENTION_DAYS = 8;
export const CONVERSATION_RETENTION_DAYS = 30;
export const SCHEDULER_RUN_RETENTION_DAYS = 90;

export interface HousekeepingResult {
  processedUpdates: number;
  conversations: number;
  schedulerRuns: number;
}

/** Deletes bookkeeping rows nobody needs any more, so the database does not grow forever. */
export async function pruneBookkeeping(db: Db, clock: Clock): Promise<HousekeepingResult> {
  const now = clock.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS);
  const [processedUpdates, conversations, schedulerRuns] = await Promise.all([
    db.processedUpdate.deleteMany({
      where: { processedAt: { lt: before(PROCESSED_UPDATE_RETENTION_DAYS) } },
    }),
    db.conversationState.deleteMany({ where: { updatedAt: { lt: before(CONVERSATION_RETENTION_DAYS) } } }),
    db.schedulerRun.deleteMany({ where: { startedAt: { lt: before(SCHEDULER_RUN_RETENTION_DAYS) } } }),
  ]);
  return {
    processedUpdates: processedUpdates.count,
    conversations: conversations.count,
    schedulerRuns: schedulerRuns.count,
  };
}

export function housekeepingJob(db: Db, clock: Clock, log: (result: HousekeepingResult) => void): Job {
  return {
    name: "housekeeping",
    cron: "15 3 * * *",
    async run() {
      log(await pruneBookkeeping(db, clock));
    },
  };
}
