import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueForPerson, enqueueMessage } from "../../src/domain/outbox/enqueue-message.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany();
  // The racing test's two workers leave the sender's lease with whichever took it first (w2
  // as often as w1 on PostgreSQL): each test starts with the lease free.
  await temp.db.lease.deleteMany();
  t = createTestBot({ db: temp.db, clock });
});

const worker = (instanceId = "w1") =>
  createOutboxWorker({
    db: temp.db,
    apis: { telegram: t.outboxApi },
    logger: pino({ level: "silent" }),
    clock,
    instanceId,
    perSecond: 10_000,
    perChatGapMs: 0,
  });

const message = (key: string, chatId = "710000001") => ({
  kind: "notification" as const,
  channel: "telegram",
  chatId,
  idempotencyKey: key,
  now: clock.now(),
  payload: { method: "sendMessage" as const, params: { text: `tin ${key}` } },
});

describe("outbox", () => {
  it("queues a logical message once, however often it is enqueued", async () => {
    expect(await enqueueMessage(temp.db, message("a"))).toBe(true);
    expect(await enqueueMessage(temp.db, message("a"))).toBe(false);
    const person = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const payload = message("x").payload;
    expect(
      await enqueueForPerson(temp.db, {
        kind: "notification",
        personId: person.id,
        payload,
        idempotencyKey: "p",
        now: clock.now(),
      }),
    ).toBe(1);
    expect(
      await enqueueForPerson(temp.db, {
        kind: "notification",
        personId: person.id,
        payload,
        idempotencyKey: "p",
        now: clock.now(),
      }),
    ).toBe(0);
    expect(await temp.db.outboxMessage.count()).toBe(2);
  });

  it("sends due messages once, even with two workers racing", async () => {
    for (let i = 0; i < 10; i++) await enqueueMessage(temp.db, message(`m${i}`, String(710000001 + (i % 5))));
    // One message per chat at a time: rounds until the queue is empty.
    const [w1, w2] = [worker("w1"), worker("w2")];
    for (let round = 0; round < 5; round++) await Promise.all([w1.runOnce(), w2.runOnce()]);
    const sends = t.calls.filter((c) => c.method === "sendMessage");
    expect(sends).toHaveLength(10);
    expect(new Set(sends.map((c) => c.payload.text)).size).toBe(10);
    expect(await temp.db.outboxMessage.count({ where: { status: "sent" } })).toBe(10);
    // One sender on the messenger: all ten went out through whichever worker holds the lease.
    const lease = await temp.db.lease.findUniqueOrThrow({ where: { name: "outbox:telegram" } });
    expect(["w1", "w2"]).toContain(lease.holder);
  });

  it("waits out a 429 (retry_after) and sends later", async () => {
    await enqueueMessage(temp.db, message("flood"));
    t.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      retry_after: 7,
    });
    await worker().runOnce();
    const row = await temp.db.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(7000);
    expect(await worker().runOnce()).toBe(0); // not due yet
    clock.advance(7000);
    await worker().runOnce();
    expect((await temp.db.outboxMessage.findFirstOrThrow()).status).toBe("sent");
  });

  it("marks a person who blocked the bot unreachable (403) and stops trying", async () => {
    await enqueueMessage(temp.db, message("blocked", "710000002"));
    t.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await worker().runOnce();
    expect((await temp.db.outboxMessage.findFirstOrThrow()).status).toBe("unreachable");
    const account = await temp.db.channelAccount.findFirstOrThrow({ where: { chatId: "710000002" } });
    expect(account.blockedAt).not.toBeNull();
    await temp.db.channelAccount.update({ where: { id: account.id }, data: { blockedAt: null } });
  });

  it("retries transient failures with backoff, gives up on a bad request", async () => {
    await enqueueMessage(temp.db, message("flaky"));
    t.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    await worker().runOnce();
    let row = await temp.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "flaky" } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    clock.advance(2000);
    await worker().runOnce();
    row = await temp.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "flaky" } });
    expect(row.status).toBe("sent");

    await enqueueMessage(temp.db, message("bad"));
    t.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" });
    await worker().runOnce();
    expect((await temp.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "bad" } })).status).toBe(
      "failed",
    );
  });

  it("releases rows claimed by an instance that died mid-send", async () => {
    await enqueueMessage(temp.db, message("orphan"));
    await temp.db.outboxMessage.updateMany({
      data: { status: "sending", claimedBy: "dead", claimedAt: clock.now() },
    });
    expect(await worker().runOnce()).toBe(0);
    clock.advance(3 * 60_000);
    await worker().runOnce();
    expect((await temp.db.outboxMessage.findFirstOrThrow()).status).toBe("sent");
  });
});
