import { Api } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { leaseHolder, outboxLeaseName } from "../../src/db/leases.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createOutboxWorker, OUTBOX_LEASE_MS, releaseClaimsOf } from "../../src/jobs/outbox-worker.js";
import { addRecipients, queueAnnouncement } from "../helpers/broadcast-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

let temp: TempDb;
let recipients: Awaited<ReturnType<typeof addRecipients>>;
let senderId: number;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
/** The workers wait by moving the fake clock on. */
const sleep = async (ms: number) => {
  clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
};

interface Call {
  instance: string;
  chatId: string;
  text: string;
  at: number;
}
let calls: Call[];
/** Answers a send with an error instead, when it returns one; `"hang"`: the request never ends. */
let fault: (
  call: Call,
) => { error_code: number; description: string; retry_after?: number } | "hang" | undefined;

/** A Bot API client of one instance that records each send with the fake clock's time. */
function fakeApi(instance: string): Api {
  const api = new Api("7000000001:test-token");
  let messageId = 100;
  api.config.use(async (_prev, method, payload) => {
    const params = payload as { chat_id: string | number; text?: string };
    const call = {
      instance,
      chatId: String(params.chat_id),
      text: params.text ?? "",
      at: clock.now().getTime(),
    };
    const error = method === "sendMessage" ? fault(call) : undefined;
    if (error === "hang") return new Promise<never>(() => undefined);
    if (error) {
      const { retry_after, ...rest } = error;
      return { ok: false, ...rest, ...(retry_after ? { parameters: { retry_after } } : {}) } as never;
    }
    if (method === "sendMessage") calls.push(call);
    return { ok: true, result: { message_id: messageId++ } } as never;
  });
  return api;
}

/** One instance's outbox worker (all on one client: see chat-ordering.test.ts on why). */
const worker = (instance: string) =>
  createOutboxWorker({
    db: temp.db,
    apis: { telegram: fakeApi(instance) },
    logger: pino({ level: "silent" }),
    clock,
    translator: createTranslator(),
    instanceId: instance,
    perSecond: 25,
    concurrency: 4,
    sleep,
  });

/** Runs the given workers round after round until nothing is left to send (or left pending). */
async function drain(workers: ReturnType<typeof worker>[], open = ["pending", "sending"]) {
  for (let round = 0; round < 400; round++) {
    const counts = await Promise.all(workers.map((w) => w.runOnce()));
    if (counts.some((count) => count > 0)) continue;
    const left = await temp.db.outboxMessage.count({ where: { status: { in: open } } });
    if (left === 0) return;
    const next = await temp.db.outboxMessage.findFirst({
      where: { status: "pending" },
      orderBy: { nextAttemptAt: "asc" },
    });
    if (next && next.nextAttemptAt > clock.now()) clock.set(next.nextAttemptAt);
    else clock.advance(1000);
  }
  throw new Error("the outbox did not drain");
}

const announcement = (text: string, count: number) =>
  queueAnnouncement(temp.db, {
    senderId,
    personIds: recipients.personIds.slice(0, count),
    text,
    now: clock.now(),
  });
const sendsOf = (text: string) => calls.filter((c) => c.text === `📣 ${text}`);
/** Recipients who got it a number of times other than once. */
const notOnce = (text: string, count: number) =>
  recipients.chatIds
    .slice(0, count)
    .filter((id) => sendsOf(text).filter((c) => c.chatId === String(id)).length !== 1);

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  recipients = await addRecipients(temp.db, { count: 150, now: clock.now() });
  senderId = (await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } })).id;
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany();
  await temp.db.broadcast.deleteMany();
  await temp.db.outboxPace.deleteMany();
  await temp.db.lease.deleteMany();
  clock.advance(60_000);
  calls = [];
  fault = () => undefined;
});

describe("Several instances: the outbox shares one global rate and one 429 back-off across instances", () => {
  it("of three instances one sends (the lease holder), each message once, within the global rate", async () => {
    const start = clock.now().getTime();
    await announcement("Họp thôn", 120);
    const workers = [worker("i1"), worker("i2"), worker("i3")];
    await drain(workers);
    const sends = sendsOf("Họp thôn");
    expect(sends).toHaveLength(120);
    expect(notOnce("Họp thôn", 120)).toEqual([]);
    expect(new Set(sends.map((c) => c.instance)).size).toBe(1);
    expect(await leaseHolder(temp.db, outboxLeaseName("telegram"), clock.now())).toBe(sends[0]?.instance);
    // By any instant T, at most 25/s × (T − start) + 1 messages have gone.
    const times = sends.map((c) => c.at).sort((a, b) => a - b);
    for (const [index, at] of times.entries()) {
      expect(index + 1).toBeLessThanOrEqual(Math.floor(((at - start) * 25) / 1000) + 1);
    }
  });

  it("a 429 pauses every instance: the one that takes over from the holder waits out the holder's retry_after", async () => {
    await announcement("Lịch tiêm", 60);
    const [first, second] = [worker("i1"), worker("i2")];
    let floodAt: number | undefined;
    fault = (call) => {
      if (floodAt === undefined && calls.length === 10) {
        floodAt = call.at;
        return { error_code: 429, description: "Too Many Requests: retry after 40", retry_after: 40 };
      }
      return undefined;
    };
    await first.runOnce();
    await first.runOnce();
    expect(floodAt).toBeDefined();
    // The holder stops (dies) right after the 429; the other takes over once its lease expires…
    await drain([second]);
    // (The holder's own sends after the 429 were already on their way — up to its concurrency of
    // 4 — when the answer came: on PostgreSQL's slower round trips some are.)
    const fromHolder = calls.slice(10).filter((c) => c.instance === "i1");
    expect(fromHolder.length).toBeLessThan(4);
    for (const call of fromHolder) expect(call.at).toBeLessThanOrEqual(floodAt as number);
    const taken = calls.slice(10).filter((c) => c.instance === "i2");
    expect(taken.length).toBeGreaterThan(0);
    // …but sends nothing before the pause the holder met is over.
    const firstAfter = Math.min(...taken.map((c) => c.at));
    expect(firstAfter).toBeGreaterThanOrEqual((floodAt as number) + 40_000);
    expect(notOnce("Lịch tiêm", 60)).toEqual([]);
  });

  it("when the holder dies, another takes over after its lease expires (at once when it stops cleanly); the rest go exactly once", async () => {
    await announcement("Tập huấn", 100);
    const [doomed, second, third] = [worker("i1"), worker("i2"), worker("i3")];
    // i1 sends 30, then dies: the requests it has in flight then never reach Telegram.
    let hung = 0;
    fault = (call) => {
      if (call.instance !== "i1" || calls.length < 30) return undefined;
      hung++;
      return "hang";
    };
    while (hung === 0) {
      await Promise.race([
        doomed.runOnce(),
        (async () => {
          while (hung === 0) await new Promise((resolve) => setImmediate(resolve));
        })(),
      ]);
    }
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    const diedAt = clock.now().getTime();
    const inFlight = await temp.db.outboxMessage.count({ where: { status: "sending", claimedBy: "i1" } });
    expect(inFlight).toBeGreaterThan(0);

    // While its lease lasts, nobody else sends.
    expect(await second.runOnce()).toBe(0);
    expect(await third.runOnce()).toBe(0);
    clock.advance(OUTBOX_LEASE_MS / 2);
    expect(await second.runOnce()).toBe(0);
    // Expired: one of them takes over and sends what is left; the dead run's claims come back
    // once it is found dead (instance-run.ts releases them), and go once.
    clock.advance(OUTBOX_LEASE_MS);
    await drain([second, third], ["pending"]);
    // Still claimed: what i1 had in flight. (The rows it had claimed but not yet begun, i1's own
    // loop gave back when it found its lease gone.)
    const stillClaimed = await temp.db.outboxMessage.count({ where: { status: "sending" } });
    expect(stillClaimed).toBeGreaterThan(0);
    expect(stillClaimed).toBeLessThanOrEqual(inFlight);
    expect(
      await temp.db.outboxMessage.count({ where: { status: "sending", claimedBy: { not: "i1" } } }),
    ).toBe(0);
    expect(await releaseClaimsOf(temp.db, ["i1"])).toBe(stillClaimed);
    await drain([second, third]);
    const after = sendsOf("Tập huấn").filter((c) => c.instance !== "i1");
    expect(new Set(after.map((c) => c.instance)).size).toBe(1);
    expect(Math.min(...after.map((c) => c.at))).toBeGreaterThanOrEqual(diedAt + OUTBOX_LEASE_MS / 2);
    expect(notOnce("Tập huấn", 100)).toEqual([]);

    // The new holder stops cleanly: the third takes over at once, without waiting for expiry.
    const holder = after[0]?.instance === "i2" ? second : third;
    const other = holder === second ? third : second;
    await announcement("Họp tiếp", 5);
    await holder.stop();
    expect(await leaseHolder(temp.db, outboxLeaseName("telegram"), clock.now())).toBeUndefined();
    await drain([other]);
    expect(sendsOf("Họp tiếp")).toHaveLength(5);
    expect(new Set(sendsOf("Họp tiếp").map((c) => c.instance))).toEqual(
      new Set([other === second ? "i2" : "i3"]),
    );
  });
});
