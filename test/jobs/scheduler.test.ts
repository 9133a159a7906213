import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneBookkeeping } from "../../src/jobs/housekeeping.js";
import { type Job, runJobOnce } from "../../src/jobs/scheduler.js";
import { createFakeClock } from "../helpers/fake-clock.js";
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
  it("prunes old processed updates and idle conversation state, keeps recent ones", async () => {
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
    const result = await pruneBookkeeping(temp.db, clock);
    expect(result.processedUpdates).toBe(1);
    expect(await temp.db.processedUpdate.count()).toBe(1);
    expect(await temp.db.conversationState.count()).toBe(1);
  });
});
