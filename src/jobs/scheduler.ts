import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { type Db, Prisma } from "../db/client.js";
import type { Clock } from "../shared/clock.js";

/** A recurring job: a cron pattern in local time and what to do for one fire time. */
export interface Job {
  name: string;
  /** node-cron pattern, evaluated in the configured time zone. */
  cron: string;
  run(fireAt: Date): Promise<void>;
}

export type RunOutcome = "ran" | "skipped" | "failed";

/**
 * Runs a job for one fire time at most once across every instance sharing the database: the
 * (job, fireAt) row is the lock, so a second instance (or a restart that re-fires the slot)
 * finds it taken and skips.
 */
export async function runJobOnce(
  db: Db,
  clock: Clock,
  logger: Logger,
  instanceId: string,
  job: Job,
  fireAt: Date,
): Promise<RunOutcome> {
  const slot = new Date(Math.floor(fireAt.getTime() / 1000) * 1000);
  let runId: number;
  try {
    runId = (await db.schedulerRun.create({ data: { job: job.name, fireAt: slot, instanceId } })).id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "skipped";
    throw error;
  }
  try {
    await job.run(slot);
    await db.schedulerRun.update({ where: { id: runId }, data: { status: "done", finishedAt: clock.now() } });
    return "ran";
  } catch (error) {
    logger.error({ err: error, job: job.name, fireAt: slot }, "scheduled job failed");
    await db.schedulerRun.update({
      where: { id: runId },
      data: { status: "failed", finishedAt: clock.now(), error: String(error).slice(0, 2000) },
    });
    return "failed";
  }
}

export interface Scheduler {
  stop(): Promise<void>;
}

/** Starts every job on its cron pattern, in the given time zone. */
export function startScheduler(options: {
  db: Db;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  instanceId: string;
  jobs: Job[];
}): Scheduler {
  const tasks: ScheduledTask[] = options.jobs.map((job) =>
    cron.schedule(
      job.cron,
      async (context) => {
        await runJobOnce(options.db, options.clock, options.logger, options.instanceId, job, context.date);
      },
      { timezone: options.timeZone, name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
