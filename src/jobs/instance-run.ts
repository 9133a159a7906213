import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { Clock } from "../shared/clock.js";

/** How often a run says it is alive (and looks for runs that are not). */
export const HEARTBEAT_MS = 5_000;
/** A run whose heartbeat is older than this is dead (another host, or a frozen process). */
export const STALE_HEARTBEAT_MS = 30_000;

export interface InstanceRunOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /**
   * Releases what dead runs held — outbox claims, received updates not yet handled. Called on
   * every sweep, with the dead runs' ids (possibly none: rows of runs long forgotten are
   * picked up too).
   */
  onDeadRuns(runIds: string[]): Promise<void>;
  /** This host and process (tests pretend to be others). */
  host?: string;
  pid?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Whether a process of this host is alive (default: signal 0). */
  isProcessAlive?(pid: number): boolean;
}

export interface InstanceRun {
  /** Unique per run: claims and received updates carry it. */
  readonly id: string;
  /** Registers the run and releases what dead runs held; then beats and sweeps on a timer. */
  start(): Promise<void>;
  /** One heartbeat and one sweep; returns the runs found dead. */
  sweep(): Promise<string[]>;
  /** Stops the timer and records a clean stop (the next sweep anywhere releases the rest). */
  stop(): Promise<void>;
}

/**
 * One run of the app (a process from start to stop), in `InstanceRun`, with a heartbeat.
 *
 * After a crash the next run — or any other instance — must release what the dead one held
 * within seconds, not minutes. A run is dead when it stopped, when its heartbeat is older than
 * `staleAfterMs`, or at once when it ran on this host and its process is gone (or has our pid:
 * a restarted container). Run ids are per run, so a restart never mistakes the dead run's
 * claims for its own.
 */
export function createInstanceRun(options: InstanceRunOptions): InstanceRun {
  const { db, clock, logger } = options;
  const host = options.host ?? hostname();
  const pid = options.pid ?? process.pid;
  const id = `${host}-${pid}-${randomBytes(4).toString("hex")}`;
  const staleAfterMs = options.staleAfterMs ?? STALE_HEARTBEAT_MS;
  const isAlive = options.isProcessAlive ?? isProcessAlive;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;

  async function beat() {
    const now = clock.now();
    await db.instanceRun.upsert({
      where: { id },
      create: { id, host, pid, startedAt: now, heartbeatAt: now },
      update: { heartbeatAt: now, stoppedAt: null },
    });
  }

  async function findDeadRuns(): Promise<string[]> {
    const staleBefore = clock.now().getTime() - staleAfterMs;
    const others = await db.instanceRun.findMany({ where: { id: { not: id } } });
    return others
      .filter(
        (run) =>
          run.stoppedAt !== null ||
          run.heartbeatAt.getTime() < staleBefore ||
          (run.host === host && (run.pid === pid || !isAlive(run.pid))),
      )
      .map((run) => run.id);
  }

  async function sweep(): Promise<string[]> {
    await beat();
    const dead = await findDeadRuns();
    await options.onDeadRuns(dead);
    if (dead.length > 0) {
      logger.info({ runs: dead }, "released what stopped or dead runs held");
      await db.instanceRun.deleteMany({ where: { id: { in: dead } } });
    }
    return dead;
  }

  function schedule() {
    timer = setTimeout(() => {
      sweeping = sweep()
        .catch((error: unknown) => logger.warn({ err: error }, "heartbeat failed"))
        .finally(() => {
          if (timer) schedule();
        });
    }, options.heartbeatMs ?? HEARTBEAT_MS);
    timer.unref();
  }

  return {
    id,
    async start() {
      await sweep();
      schedule();
    },
    sweep,
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await sweeping;
      await db.instanceRun.updateMany({ where: { id }, data: { stoppedAt: clock.now() } });
    },
  };
}

/** Whether a process with this id exists on this host (EPERM: it does, but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
