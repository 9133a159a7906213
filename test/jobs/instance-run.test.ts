import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { replayUnfinishedUpdates } from "../../src/bot/polling.js";
import { MAX_REPLAYS, recordReceivedUpdates } from "../../src/db/update-log.js";
import { enqueueMessage } from "../../src/domain/outbox/enqueue-message.js";
import { createInstanceRun, STALE_HEARTBEAT_MS } from "../../src/jobs/instance-run.js";
import { createOutboxWorker, releaseClaimsOf } from "../../src/jobs/outbox-worker.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, TEST_BOT_INFO, type TestBot } from "../helpers/test-bot.js";
import { command, USERS } from "../helpers/updates.js";

let temp: TempDb;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: "silent" });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany();
  await temp.db.instanceRun.deleteMany();
});

/** The pid of a process that has ended (as a killed bot's has). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid ?? 0;
}

/** Puts an earlier run in the table, with rows of the outbox claimed by it. */
async function earlierRun(id: string, run: { host: string; pid: number }, claimed: number) {
  await temp.db.instanceRun.create({
    data: { id, ...run, startedAt: clock.now(), heartbeatAt: clock.now() },
  });
  for (let i = 0; i < claimed; i++) {
    await enqueueMessage(temp.db, {
      kind: "notification",
      channel: "telegram",
      chatId: "710000002",
      idempotencyKey: `${id}-${i}`,
      now: clock.now(),
      payload: { method: "sendMessage", params: { text: `nhắc ${i}` } },
    });
  }
  await temp.db.outboxMessage.updateMany({
    where: { idempotencyKey: { startsWith: `${id}-` } },
    data: { status: "sending", claimedBy: id, claimedAt: clock.now() },
  });
}

const claimedBy = async (id: string) =>
  temp.db.outboxMessage.count({ where: { status: "sending", claimedBy: id } });

function newRun() {
  return createInstanceRun({
    db: temp.db,
    clock,
    logger,
    onDeadRuns: async (runIds) => {
      await releaseClaimsOf(temp.db, runIds);
    },
  });
}

describe("No update is lost in a crash window", () => {
  it("after a crash, the next start on this host releases the killed run's outbox claims at once", async () => {
    await earlierRun("killed", { host: hostname(), pid: deadPid() }, 3);
    const run = newRun();
    await run.start(); // the same instant: before, these waited two minutes
    try {
      expect(await claimedBy("killed")).toBe(0);
      expect(await temp.db.outboxMessage.count({ where: { status: "pending" } })).toBe(3);
      expect(await temp.db.instanceRun.findMany({ select: { id: true } })).toEqual([{ id: run.id }]);
    } finally {
      await run.stop();
    }
  });

  it("a restarted container (same host, same pid, new run) releases what the old run held", async () => {
    await earlierRun("before-restart", { host: hostname(), pid: process.pid }, 1);
    const run = newRun();
    await run.start();
    expect(await claimedBy("before-restart")).toBe(0);
    await run.stop();
  });

  it("a live run keeps its claims; a run elsewhere is released once its heartbeat is silent for 30 s", async () => {
    await earlierRun("alive-here", { host: hostname(), pid: process.ppid }, 1);
    await earlierRun("elsewhere", { host: "another-host", pid: 4242 }, 2);
    const run = newRun();
    await run.start();
    try {
      expect(await claimedBy("alive-here")).toBe(1);
      expect(await claimedBy("elsewhere")).toBe(2);
      clock.advance(STALE_HEARTBEAT_MS - 1000);
      await temp.db.instanceRun.update({ where: { id: "alive-here" }, data: { heartbeatAt: clock.now() } });
      await run.sweep();
      expect(await claimedBy("elsewhere")).toBe(2);
      clock.advance(2000);
      await run.sweep();
      expect(await claimedBy("elsewhere")).toBe(0);
      expect(await claimedBy("alive-here")).toBe(1);
    } finally {
      await run.stop();
    }
  });

  it("a run that stopped cleanly is forgotten by the next sweep; a worker whose claim was taken over does not send it", async () => {
    const t = createTestBot({ db: temp.db, clock });
    const first = newRun();
    await first.start();
    await first.stop();
    const second = newRun();
    await second.start();
    expect(await temp.db.instanceRun.findMany({ select: { id: true } })).toEqual([{ id: second.id }]);
    await second.stop();

    // A worker that paused so long that its rows were released sends nothing it no longer holds.
    for (const key of ["first", "taken-over"]) {
      await enqueueMessage(temp.db, {
        kind: "notification",
        channel: "telegram",
        chatId: "710000002",
        idempotencyKey: key,
        now: clock.now(),
        payload: { method: "sendMessage", params: { text: key } },
      });
    }
    const slow = createOutboxWorker({
      db: temp.db,
      apis: { telegram: t.outboxApi },
      logger,
      clock,
      instanceId: "slow",
      perSecond: 2,
      perChatGapMs: 0,
    });
    t.clear();
    slow.start(); // half a second between messages
    await vi.waitUntil(() => t.recent().some((c) => c.method === "sendMessage"), { timeout: 5_000 });
    // Meanwhile another instance took it for dead and claimed the second row itself.
    await temp.db.outboxMessage.updateMany({
      where: { idempotencyKey: "taken-over" },
      data: { claimedBy: "other", claimedAt: clock.now() },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await slow.stop();
    expect(
      t
        .recent()
        .filter((c) => c.method === "sendMessage")
        .map((c) => c.payload.text),
    ).toEqual(["first"]);
  });

  describe("updates a dead run received but never finished", () => {
    let t: TestBot;
    const botId = String(TEST_BOT_INFO.id);
    beforeEach(() => {
      t = createTestBot({ db: temp.db, clock });
    });
    const replay = (dead: string[]) =>
      replayUnfinishedUpdates(t.bot, { db: temp.db, clock, logger, runId: "next" }, dead);

    it("are handled by the next run, oldest first, once", async () => {
      const first = command(USERS.supervisor, "help");
      const second = command(USERS.trainer, "help");
      await recordReceivedUpdates(temp.db, clock, botId, "crashed", [second, first]);
      t.clear();
      expect(await replay(["crashed"])).toBe(2);
      const replies = t.recent().filter((c) => c.method === "sendMessage");
      expect(replies.map((c) => c.payload.chat_id)).toEqual([USERS.supervisor.id, USERS.trainer.id]);
      expect(await replay(["crashed"])).toBe(0);
      const rows = await temp.db.processedUpdate.findMany({
        where: { updateId: { in: [BigInt(first.update_id), BigInt(second.update_id)] } },
      });
      expect(
        rows.every((row) => row.handledAt !== null && row.payload === null && row.receivedBy === "next"),
      ).toBe(true);
    });

    it("are not taken from a live run; those of runs nobody knows any more are", async () => {
      const live = command(USERS.supervisor, "help");
      const orphan = command(USERS.trainer, "help");
      await temp.db.instanceRun.create({
        data: { id: "live", host: "h", pid: 1, startedAt: clock.now(), heartbeatAt: clock.now() },
      });
      await recordReceivedUpdates(temp.db, clock, botId, "live", [live]);
      await recordReceivedUpdates(temp.db, clock, botId, "forgotten", [orphan]);
      t.clear();
      expect(await replay([])).toBe(1);
      expect(
        t
          .recent()
          .filter((c) => c.method === "sendMessage")
          .map((c) => c.payload.chat_id),
      ).toEqual([USERS.trainer.id]);
    });

    it("are given up when older than a day, or after they were in flight at several crashes", async () => {
      const old = command(USERS.supervisor, "help");
      const poison = command(USERS.trainer, "help");
      await recordReceivedUpdates(temp.db, clock, botId, "long-ago", [old]);
      clock.advance(25 * 60 * 60_000);
      await recordReceivedUpdates(temp.db, clock, botId, "crash-loop", [poison]);
      await temp.db.processedUpdate.updateMany({
        where: { updateId: BigInt(poison.update_id) },
        data: { replays: MAX_REPLAYS },
      });
      t.clear();
      expect(await replay(["long-ago", "crash-loop"])).toBe(0);
      expect(t.recent()).toEqual([]);
      const rows = await temp.db.processedUpdate.findMany({
        where: { updateId: { in: [BigInt(old.update_id), BigInt(poison.update_id)] } },
      });
      expect(rows.every((row) => row.handledAt !== null)).toBe(true);
    });
  });
});
