import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { type Db, Prisma } from "../db/client.js";
import type { Clock } from "../shared/clock.js";

/**
 * A recurring job: a cron pattern in local time and what to do for one fire time. Every job
 * here sweeps what has come due by now (reminders, summaries, escalations, housekeeping), so a
 * later slot's run also does the work of an earlier slot that failed or was missed — which is
 * why the scheduler catches up only the newest missed slot and retries only a job's latest.
 */
export interface Job {
  name: string;
  /** node-cron pattern, evaluated in the configured time zone (six fields: seconds first). */
  cron: string;
  run(fireAt: Date): Promise<void>;
}

export type RunOutcome = "ran" | "skipped" | "failed";

/** How slots are leased, retried and caught up (tests shorten them). */
export interface SlotPolicy {
  /** A running slot's lease; renewed every third of it while the job runs. */
  leaseMs?: number;
  /** Runs of one slot in all (the first, retries, take-overs). */
  maxAttempts?: number;
  /** Pause before the first retry of a failed slot; doubles with each attempt. */
  retryDelayMs?: number;
}

/** A running slot not renewed for this long was left by a dead instance. */
export const RUN_LEASE_MS = 60_000;
export const MAX_RUN_ATTEMPTS = 3;
export const RETRY_DELAY_MS = 60_000;
/** Slots missed while no instance ran are caught up if they are at most this old. */
export const CATCH_UP_MS = 24 * 60 * 60_000;

/**
 * Runs a job for one fire time at most once across every instance sharing the database: the
 * (job, fireAt) row is the lock, so a second instance (or a restart that re-fires the slot)
 * finds it taken and skips. While it runs, the row's lease is renewed; a failure is recorded
 * with its reason and a time to retry (see {@link retryDueRuns}).
 */
export async function runJobOnce(
  db: Db,
  clock: Clock,
  logger: Logger,
  instanceId: string,
  job: Job,
  fireAt: Date,
  policy: SlotPolicy = {},
): Promise<RunOutcome> {
  const slot = new Date(Math.floor(fireAt.getTime() / 1000) * 1000);
  const now = clock.now();
  let runId: number;
  try {
    const created = await db.schedulerRun.create({
      data: {
        job: job.name,
        fireAt: slot,
        instanceId,
        startedAt: now,
        leaseUntil: new Date(now.getTime() + (policy.leaseMs ?? RUN_LEASE_MS)),
      },
    });
    runId = created.id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "skipped";
    throw error;
  }
  return execute(db, clock, logger, instanceId, job, { id: runId, fireAt: slot, attempts: 1 }, policy);
}

/** Runs a slot this instance holds (`status: running` under its id) and records how it ended. */
async function execute(
  db: Db,
  clock: Clock,
  logger: Logger,
  instanceId: string,
  job: Job,
  run: { id: number; fireAt: Date; attempts: number },
  policy: SlotPolicy,
): Promise<RunOutcome> {
  const leaseMs = policy.leaseMs ?? RUN_LEASE_MS;
  const ours = { id: run.id, status: "running", instanceId };
  const renewal = setInterval(() => {
    db.schedulerRun
      .updateMany({ where: ours, data: { leaseUntil: new Date(clock.now().getTime() + leaseMs) } })
      .catch((error: unknown) => logger.warn({ err: error, job: job.name }, "could not renew a job's lease"));
  }, leaseMs / 3);
  renewal.unref();
  try {
    await job.run(run.fireAt);
    await db.schedulerRun.updateMany({
      where: ours,
      data: { status: "done", finishedAt: clock.now(), error: null, retryAt: null },
    });
    return "ran";
  } catch (error) {
    const maxAttempts = policy.maxAttempts ?? MAX_RUN_ATTEMPTS;
    const retryAt =
      run.attempts < maxAttempts
        ? new Date(clock.now().getTime() + (policy.retryDelayMs ?? RETRY_DELAY_MS) * 2 ** (run.attempts - 1))
        : null;
    logger.error(
      { err: error, job: job.name, fireAt: run.fireAt, attempt: run.attempts, retryAt },
      retryAt ? "scheduled job failed; will retry" : "scheduled job failed; given up",
    );
    await db.schedulerRun.updateMany({
      where: ours,
      data: { status: "failed", finishedAt: clock.now(), error: String(error).slice(0, 2000), retryAt },
    });
    return "failed";
  } finally {
    clearInterval(renewal);
  }
}

/**
 * Retries the slots whose time to retry has come, and takes over the slots whose instance died
 * while running them (lease expired) — each taken by one conditional update, so exactly one
 * instance runs it again. A slot a later slot of the same job has since run (or is running) is
 * not run again: that later run did the same sweep. Returns what each one did.
 */
export async function retryDueRuns(
  db: Db,
  clock: Clock,
  logger: Logger,
  instanceId: string,
  jobs: readonly Job[],
  policy: SlotPolicy = {},
): Promise<RunOutcome[]> {
  const now = clock.now();
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const maxAttempts = policy.maxAttempts ?? MAX_RUN_ATTEMPTS;
  const due = await db.schedulerRun.findMany({
    where: {
      job: { in: [...byName.keys()] },
      OR: [
        { status: "failed", retryAt: { lte: now } },
        { status: "running", leaseUntil: { lte: now } },
      ],
    },
    orderBy: { fireAt: "asc" },
  });
  const outcomes: RunOutcome[] = [];
  for (const row of due) {
    const job = byName.get(row.job);
    if (!job) continue;
    const stillDue =
      row.status === "failed"
        ? { id: row.id, status: "failed", retryAt: { lte: now } }
        : { id: row.id, status: "running", leaseUntil: { lte: now } };
    const later = await db.schedulerRun.count({ where: { job: row.job, fireAt: { gt: row.fireAt } } });
    if (later > 0 || row.attempts >= maxAttempts) {
      const why =
        later > 0
          ? "a later slot of the job has run since"
          : `given up after ${row.attempts} attempts${row.status === "running" ? " (its instance died)" : ""}`;
      const closed = await db.schedulerRun.updateMany({
        where: stillDue,
        data: {
          status: "failed",
          retryAt: null,
          finishedAt: now,
          ...(row.status === "running" ? { error: `left unfinished by ${row.instanceId}; ${why}` } : {}),
        },
      });
      if (closed.count > 0)
        logger.warn(
          { job: row.job, fireAt: row.fireAt, attempts: row.attempts },
          `scheduled slot not retried: ${why}`,
        );
      continue;
    }
    const taken = await db.schedulerRun.updateMany({
      where: stillDue,
      data: {
        status: "running",
        instanceId,
        attempts: { increment: 1 },
        startedAt: now,
        finishedAt: null,
        retryAt: null,
        leaseUntil: new Date(now.getTime() + (policy.leaseMs ?? RUN_LEASE_MS)),
      },
    });
    if (taken.count === 0) continue; // another instance took it first
    logger.info(
      { job: row.job, fireAt: row.fireAt, attempt: row.attempts + 1, previous: row.instanceId },
      row.status === "failed"
        ? "retrying a failed scheduled slot"
        : "taking over a slot a dead instance left running",
    );
    outcomes.push(
      await execute(
        db,
        clock,
        logger,
        instanceId,
        job,
        { id: row.id, fireAt: row.fireAt, attempts: row.attempts + 1 },
        policy,
      ),
    );
  }
  return outcomes;
}

/**
 * The slots the given (dead or stopped) runs were running can be taken over at once: their
 * leases end now instead of when they would have expired.
 */
export async function takeOverRunsOf(db: Db, clock: Clock, runIds: readonly string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const ended = await db.schedulerRun.updateMany({
    where: { status: "running", instanceId: { in: [...runIds] } },
    data: { leaseUntil: clock.now() },
  });
  return ended.count;
}

/** Seconds-resolution patterns look back at most this many slots for a missed one. */
const MAX_SECOND_STEPS = 3600;

/**
 * The newest instant in (`after`, `upTo`] that a cron task matches, or `undefined`. Minute
 * patterns are looked at minute by minute, six-field ones second by second (at most
 * {@link MAX_SECOND_STEPS} back).
 */
export function newestSlot(task: ScheduledTask, pattern: string, after: Date, upTo: Date): Date | undefined {
  const stepMs = pattern.trim().split(/\s+/).length >= 6 ? 1000 : 60_000;
  let at = Math.floor(upTo.getTime() / stepMs) * stepMs;
  const floor = Math.max(after.getTime(), stepMs === 1000 ? at - MAX_SECOND_STEPS * 1000 : -Infinity);
  for (; at > floor; at -= stepMs) {
    const candidate = new Date(at);
    if (task.match(candidate)) return candidate;
  }
  return undefined;
}

export interface Scheduler {
  /** One look at every job (also done every second): runs the slot due, retries, take-overs. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** How often the scheduler looks at the clock. */
const TICK_MS = 1_000;
/** How often it looks for failed slots to retry and dead instances' slots to take over. */
const RETRY_CHECK_MS = 5_000;
const STOP_WAIT_MS = 5_000;

/**
 * Runs every job on its cron pattern, in the given time zone, on the injected clock, once per
 * slot across all instances on the database ({@link runJobOnce}):
 *
 * - every second it looks whether a slot of each job has come since it last looked, and runs
 *   the newest one (a job still running from its previous slot skips it, as node-cron's
 *   `noOverlap` did);
 * - at start — and whenever the clock jumped — slots missed while no instance ran are caught up:
 *   the newest slot after the job's last recorded run, at most {@link CATCH_UP_MS} old, runs once
 *   (a job that never ran starts from now);
 * - every few seconds, failed slots due a retry and slots a dead instance left running are run
 *   again ({@link retryDueRuns}).
 */
export function startScheduler(
  options: {
    db: Db;
    clock: Clock;
    logger: Logger;
    timeZone: string;
    instanceId: string;
    jobs: Job[];
    catchUpMs?: number;
  } & SlotPolicy,
): Scheduler {
  const { db, clock, logger, instanceId, jobs } = options;
  const policy: SlotPolicy = {
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
  };
  const catchUpMs = options.catchUpMs ?? CATCH_UP_MS;
  // Unstarted tasks: node-cron's matcher of each pattern in the time zone, nothing scheduled.
  const matchers = new Map(
    jobs.map((job) => [job.name, cron.createTask(job.cron, () => undefined, { timezone: options.timeZone })]),
  );
  /** Per job, the instant up to which its slots have been looked at. */
  const lookedUpTo = new Map<string, Date>();
  const running = new Map<string, Promise<unknown>>();
  const retrying = new Set<Promise<unknown>>();
  let retryCheckedAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let ticking: Promise<void> | undefined;

  /** Where a job's look begins at start: after its last recorded slot, within the window. */
  async function startingPoint(job: Job, now: Date): Promise<Date> {
    const last = await db.schedulerRun.findFirst({
      where: { job: job.name },
      orderBy: { fireAt: "desc" },
      select: { fireAt: true },
    });
    if (!last) return now;
    return new Date(Math.max(last.fireAt.getTime(), now.getTime() - catchUpMs));
  }

  async function lookAt(job: Job, now: Date) {
    const matcher = matchers.get(job.name);
    if (!matcher) return;
    const from = lookedUpTo.get(job.name) ?? (await startingPoint(job, now));
    lookedUpTo.set(job.name, now);
    const slot = newestSlot(
      matcher,
      job.cron,
      new Date(Math.max(from.getTime(), now.getTime() - catchUpMs)),
      now,
    );
    if (!slot || running.has(job.name) || stopped) return;
    if (now.getTime() - slot.getTime() > 2 * TICK_MS)
      logger.info(
        { job: job.name, fireAt: slot },
        "catching up a scheduled slot missed while no instance ran",
      );
    const work = runJobOnce(db, clock, logger, instanceId, job, slot, policy)
      .catch((error: unknown) => logger.error({ err: error, job: job.name }, "scheduler could not run a job"))
      .finally(() => running.delete(job.name));
    running.set(job.name, work);
  }

  async function tick() {
    const now = clock.now();
    await Promise.all(jobs.map((job) => lookAt(job, now)));
    if (now.getTime() - retryCheckedAt >= RETRY_CHECK_MS && retrying.size === 0 && !stopped) {
      retryCheckedAt = now.getTime();
      const work: Promise<unknown> = retryDueRuns(db, clock, logger, instanceId, jobs, policy)
        .catch((error: unknown) => logger.error({ err: error }, "scheduler could not retry slots"))
        .finally(() => retrying.delete(work));
      retrying.add(work);
    }
  }

  function schedule() {
    timer = setTimeout(() => {
      ticking = tick()
        .catch((error: unknown) => logger.error({ err: error }, "scheduler tick failed"))
        .finally(() => {
          ticking = undefined;
          if (!stopped) schedule();
        });
    }, TICK_MS);
    timer.unref();
  }
  schedule();

  return {
    async tick() {
      await tick();
      await Promise.all([...running.values(), ...retrying]);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await ticking;
      // Runs in progress get a moment to finish; one cut short is taken over by another instance.
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...running.values(), ...retrying]),
        new Promise((resolve) => {
          wait = setTimeout(resolve, STOP_WAIT_MS);
        }),
      ]);
      clearTimeout(wait);
      await Promise.all([...matchers.values()].map((task) => task.destroy()));
    },
  };
}
