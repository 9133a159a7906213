import type { Db } from "../db/client.js";
import type { Clock } from "../shared/clock.js";
import { generatedFileIds } from "./generated-file-params.js";
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
  generatedFiles: number;
  /** Leases expired a day ago (their holder died and nobody needed them since). */
  leases: number;
}

/** Deletes bookkeeping rows nobody needs any more, so the database does not grow forever. */
export async function pruneBookkeeping(db: Db, clock: Clock): Promise<HousekeepingResult> {
  const now = clock.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS);
  const [processedUpdates, conversations, schedulerRuns, leases] = await Promise.all([
    db.processedUpdate.deleteMany({
      where: { processedAt: { lt: before(PROCESSED_UPDATE_RETENTION_DAYS) } },
    }),
    db.conversationState.deleteMany({ where: { updatedAt: { lt: before(CONVERSATION_RETENTION_DAYS) } } }),
    db.schedulerRun.deleteMany({ where: { startedAt: { lt: before(SCHEDULER_RUN_RETENTION_DAYS) } } }),
    db.lease.deleteMany({ where: { expiresAt: { lt: before(1) } } }),
  ]);
  return {
    processedUpdates: processedUpdates.count,
    conversations: conversations.count,
    schedulerRuns: schedulerRuns.count,
    generatedFiles: await pruneGeneratedFiles(db, clock),
    leases: leases.count,
  };
}

/**
 * Deletes the expired charts and workbooks of summaries, except those an outbox row still
 * waiting to go (pending, or being sent) refers to: a queue held up past the expiry still
 * sends its files.
 */
export async function pruneGeneratedFiles(db: Db, clock: Clock): Promise<number> {
  const expired = await db.generatedFile.findMany({
    where: { expiresAt: { lt: clock.now() } },
    select: { id: true },
  });
  if (expired.length === 0) return 0;
  const waiting = await db.outboxMessage.findMany({
    where: { status: { in: ["pending", "sending"] }, kind: "summary" },
    select: { payload: true },
  });
  const needed = new Set<number>();
  for (const row of waiting) {
    const params = (row.payload as { params?: Record<string, unknown> } | null)?.params;
    if (params) for (const id of generatedFileIds(params)) needed.add(id);
  }
  const ids = expired.map((file) => file.id).filter((id) => !needed.has(id));
  let deleted = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const result = await db.generatedFile.deleteMany({
      where: { id: { in: ids.slice(start, start + 500) } },
    });
    deleted += result.count;
  }
  return deleted;
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
