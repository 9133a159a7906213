import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneBookkeeping } from "../../src/jobs/housekeeping.js";
import {
  type Job,
  runJobOnce,
  type Scheduler,
  startScheduler,
  takeOverRunsOf,
} from "../../src/jobs/scheduler.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

let temp: TempDb;
const logger = pino({ level: "silent" });
const clock = createFakeClock();

beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

describe("runJobOnce", () => {
  it("runs a slot once across instances sharing the database", async () => {
    let runs = 0;
    const job: Job = {
      name: "count",
      cron: "* * * * *",
      run: async () => {
        runs += 1;
      },
    };
    const fireAt = new Date("2026-11-23T00:00:00Z");
    const other = temp.reopen();
    const outcomes = await Promise.all([
      runJobOnce(temp.db, clock, logger, "a", job, fireAt),
      runJobOnce(other, clock, logger, "b", job, new Date(fireAt.getTime() + 300)),
      runJobOnce(temp.db, clock, logger, "c", job, fireAt),
    ]);
    expect(outcomes.sort()).toEqual(["ran", "skipped", "skipped"]);
    expect(runs).toBe(1);
    expect(await runJobOnce(temp.db, clock, logger, "a", job, new Date("2026-11-23T00:01:00Z"))).toBe("ran");
  });

  it("records a failure without throwing", async () => {
    const job: Job = {
      name: "broken",
      cron: "* * * * *",
      run: async () => {
        throw new Error("boom");
      },
    };
    expect(await runJobOnce(temp.db, clock, logger, "a", job, new Date("2026-11-23T01:00:00Z"))).toBe(
      "failed",
    );
    const row = await temp.db.schedulerRun.findFirstOrThrow({ where: { job: "broken" } });
    expect(row).toMatchObject({ status: "failed", error: "Error: boom" });
  });
});

describe("housekeeping", () => {
  it("prunes old processed updates, idle conversation state and long-expired leases, keeps recent ones", async () => {
    const clock = createFakeClock("2026-12-01T00:00:00Z");
    const old = new Date("2026-11-01T00:00:00Z");
    await temp.db.processedUpdate.createMany({
      data: [
        { botId: "1", updateId: 1n, processedAt: old },
        { botId: "1", updateId: 2n, processedAt: new Date("2026-11-30T00:00:00Z") },
      ],
    });
    await temp.db.conversationState.create({
      data: { key: "conv:recent", value: "{}", updatedAt: new Date("2026-11-30T00:00:00Z") },
    });
    await temp.db.lease.createMany({
      data: [
        { name: "chat:1:old", holder: "dead", expiresAt: new Date("2026-11-29T00:00:00Z") },
        { name: "chat:1:recent", holder: "dead", expiresAt: new Date("2026-11-30T12:00:00Z") },
      ],
    });
    const result = await pruneBookkeeping(temp.db, clock);
    expect(result.processedUpdates).toBe(1);
    expect(result.leases).toBe(1);
    expect(
      (await temp.db.lease.findMany({ where: { name: { startsWith: "chat:1:" } } })).map((l) => l.name),
    ).toEqual(["chat:1:recent"]);
    expect(await temp.db.processedUpdate.count()).toBe(1);
    expect(await temp.db.conversationState.count()).toBe(1);
  });
});

describe("Several instances: scheduled jobs run once per slot and a failed or missed slot is retried/caught up", () => {
  const ZONE = "Asia/Ho_Chi_Minh";
  /** A job that counts its runs, and fails while `failures` lasts. */
  const counting = (name: string, cron: string, failures = 0) => {
    const runs: Date[] = [];
    let left = failures;
    const job: Job = {
      name,
      cron,
      run: async (fireAt) => {
        runs.push(fireAt);
        if (left-- > 0) throw new Error(`boom ${runs.length}`);
      },
    };
    return { job, runs };
  };
  /** Three instances on their own database clients, each with its scheduler. */
  const instances = (
    clock: FakeClock,
    jobs: Job[],
    policy: Partial<Parameters<typeof startScheduler>[0]> = {},
  ) =>
    [temp.db, temp.reopen(), temp.reopen()].map((db, i) =>
      startScheduler({ db, clock, logger, timeZone: ZONE, instanceId: `i${i}`, jobs, ...policy }),
    );
  const tickAll = (schedulers: Scheduler[]) => Promise.all(schedulers.map((s) => s.tick()));
  const stopAll = (schedulers: Scheduler[]) => Promise.all(schedulers.map((s) => s.stop()));

  it("a slot comes once across three instances; a slot missed while none ran is caught up once at start, the newest only, within a day", async () => {
    const clock = createFakeClock("2026-11-24T07:59:59+07:00");
    const daily = counting("daily-0800", "0 8 * * *");
    let schedulers = instances(clock, [daily.job]);
    await tickAll(schedulers); // never ran: nothing to catch up
    clock.set("2026-11-24T08:00:00.300+07:00");
    await tickAll(schedulers);
    expect(daily.runs.map((d) => d.toISOString())).toEqual(["2026-11-24T01:00:00.000Z"]);
    await stopAll(schedulers);

    // Nothing runs for two days and a half: the 25th's and 26th's slots are missed.
    clock.set("2026-11-26T10:30:00+07:00");
    schedulers = instances(clock, [daily.job]);
    await tickAll(schedulers);
    await tickAll(schedulers);
    // The newest missed slot (26th 08:00) once, by one instance; the 25th's is not run as well.
    expect(daily.runs.map((d) => d.toISOString())).toEqual([
      "2026-11-24T01:00:00.000Z",
      "2026-11-26T01:00:00.000Z",
    ]);
    const rows = await temp.db.schedulerRun.findMany({
      where: { job: "daily-0800" },
      orderBy: { fireAt: "asc" },
    });
    expect(rows.map((r) => [r.fireAt.toISOString(), r.status, r.attempts])).toEqual([
      ["2026-11-24T01:00:00.000Z", "done", 1],
      ["2026-11-26T01:00:00.000Z", "done", 1],
    ]);
    await stopAll(schedulers);

    // Down for longer than the window: nothing older than a day is caught up.
    clock.set("2026-11-29T07:00:00+07:00");
    schedulers = instances(clock, [daily.job], { catchUpMs: 12 * 3600_000 });
    await tickAll(schedulers);
    expect(daily.runs).toHaveLength(2);
    await stopAll(schedulers);
  });

  it("a failed slot is retried with backoff, its reason logged, and given up after three attempts", async () => {
    const clock = createFakeClock("2026-11-24T07:59:59+07:00");
    const flaky = counting("flaky-0800", "0 8 * * *", 1);
    const broken = counting("broken-0800", "0 8 * * *", 99);
    const schedulers = instances(clock, [flaky.job, broken.job], { retryDelayMs: 60_000 });
    await tickAll(schedulers);
    clock.set("2026-11-24T08:00:00+07:00");
    await tickAll(schedulers);
    expect([flaky.runs.length, broken.runs.length]).toEqual([1, 1]);
    const failed = await temp.db.schedulerRun.findFirstOrThrow({ where: { job: "flaky-0800" } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1, error: "Error: boom 1" });
    expect(failed.retryAt?.toISOString()).toBe("2026-11-24T01:01:00.000Z");

    clock.advance(30_000); // not yet
    await tickAll(schedulers);
    expect([flaky.runs.length, broken.runs.length]).toEqual([1, 1]);
    clock.advance(31_000);
    await tickAll(schedulers);
    // Once, by one of the three, for the same slot.
    expect(flaky.runs.map((d) => d.toISOString())).toEqual([
      "2026-11-24T01:00:00.000Z",
      "2026-11-24T01:00:00.000Z",
    ]);
    expect(await temp.db.schedulerRun.findFirstOrThrow({ where: { job: "flaky-0800" } })).toMatchObject({
      status: "done",
      attempts: 2,
      retryAt: null,
    });
    clock.advance(2 * 60_000 + 1000); // the second retry of the broken one: 2 minutes after its 2nd failure
    await tickAll(schedulers);
    clock.advance(10 * 60_000);
    await tickAll(schedulers);
    expect(broken.runs).toHaveLength(3);
    const given = await temp.db.schedulerRun.findFirstOrThrow({ where: { job: "broken-0800" } });
    expect(given).toMatchObject({ status: "failed", attempts: 3, retryAt: null, error: "Error: boom 3" });
    await stopAll(schedulers);
  });

  it("a slot left running by a killed instance is taken over when its lease expires (at once when the run is known dead)", async () => {
    const clock = createFakeClock("2026-11-24T09:00:00+07:00");
    const job = counting("killed-0800", "0 8 * * *");
    const reminder = counting("killed-too", "0 9 * * *");
    // An instance began both slots and was killed: rows running, leases running out.
    const lease = new Date(clock.now().getTime() + 60_000);
    await temp.db.schedulerRun.createMany({
      data: [
        {
          job: "killed-0800",
          fireAt: new Date("2026-11-24T01:00:00Z"),
          instanceId: "dead",
          leaseUntil: lease,
        },
        {
          job: "killed-too",
          fireAt: new Date("2026-11-24T02:00:00Z"),
          instanceId: "gone",
          leaseUntil: lease,
        },
      ],
    });
    const schedulers = instances(clock, [job.job, reminder.job]);
    await tickAll(schedulers);
    expect([job.runs.length, reminder.runs.length]).toEqual([0, 0]);
    // The run "gone" is found dead by a sweep: its slots are taken over at once.
    expect(await takeOverRunsOf(temp.db, clock, ["gone"])).toBe(1);
    clock.advance(5_000);
    await tickAll(schedulers);
    expect([job.runs.length, reminder.runs.length]).toEqual([0, 1]);
    clock.advance(60_000);
    await tickAll(schedulers);
    expect([job.runs.length, reminder.runs.length]).toEqual([1, 1]);
    const rows = await temp.db.schedulerRun.findMany({
      where: { job: { in: ["killed-0800", "killed-too"] } },
    });
    for (const row of rows) {
      expect(row).toMatchObject({ status: "done", attempts: 2 });
      expect(row.instanceId).toMatch(/^i[012]$/);
    }
    await stopAll(schedulers);
  });

  it("a failed slot that a later slot of the job has since run is not run again (the later run did the same sweep)", async () => {
    const clock = createFakeClock("2026-11-24T10:00:00+07:00");
    const sweep = counting("minutely-sweep", "* * * * *", 1);
    const [scheduler] = instances(clock, [sweep.job]).slice(0, 1) as [Scheduler];
    await temp.db.schedulerRun.create({
      data: {
        job: "minutely-sweep",
        fireAt: new Date("2026-11-24T02:59:00Z"),
        instanceId: "i0",
        status: "done",
      },
    });
    await scheduler.tick(); // 10:00 caught up: fails
    expect(sweep.runs).toHaveLength(1);
    clock.advance(60_000); // 10:01 runs (and does what 10:00 would have done)
    await scheduler.tick();
    clock.advance(5_000);
    await scheduler.tick();
    expect(sweep.runs.map((d) => d.toISOString())).toEqual([
      "2026-11-24T03:00:00.000Z",
      "2026-11-24T03:01:00.000Z",
    ]);
    expect(
      await temp.db.schedulerRun.findFirstOrThrow({
        where: { job: "minutely-sweep", fireAt: new Date("2026-11-24T03:00:00Z") },
      }),
    ).toMatchObject({
      status: "failed",
      retryAt: null,
    });
    await scheduler.stop();
  });
});
