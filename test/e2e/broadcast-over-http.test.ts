import { Api } from "grammy";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { setBroadcastProgressMessage } from "../../src/domain/outbox/queue-broadcast.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import { addRecipients, queueAnnouncement, recipientUsers } from "../helpers/broadcast-fixture.js";
import { createTickingClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

// The real worker over HTTP against the simulator, whose flood limits, 403s and 500s are
// Telegram's; time runs (a ticking clock, far from today).
let temp: TempDb;
let sim: Simulator;
let recipients: Awaited<ReturnType<typeof addRecipients>>;
let senderId: number;
const clock = createTickingClock();
const SENDER_CHAT = 710000003; // Lê Văn Cường

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  recipients = await addRecipients(temp.db, { count: 150, now: clock.now() });
  senderId = (await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } })).id;
});
afterAll(() => temp.cleanup());
afterEach(async () => {
  await sim?.close();
  await temp.db.outboxMessage.deleteMany();
  await temp.db.outboxPace.deleteMany();
});

async function deliver(input: {
  limit: number;
  rate: number;
  personIds: number[];
  text: string;
  /** Blocked users, failures: set on the simulator before the worker starts. */
  prepare?: (s: Simulator) => void;
}) {
  sim = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    users: [...DEMO_SIMULATOR_USERS, ...recipientUsers(recipients.chatIds)],
    limits: { global: input.limit, perChat: 1 },
  });
  sim.api.sendLog = [];
  input.prepare?.(sim);
  const api = new Api(sim.token, { apiRoot: sim.url });
  const queued = await queueAnnouncement(temp.db, {
    senderId,
    personIds: input.personIds,
    text: input.text,
    now: clock.now(),
  });
  // As the announcement screen does: a first progress message, then where it is.
  const progress = await api.sendMessage(SENDER_CHAT, "📤 Đang gửi…");
  await setBroadcastProgressMessage(
    temp.db,
    queued.broadcastId,
    { channel: "telegram", chatId: String(SENDER_CHAT), messageId: String(progress.message_id) },
    clock.now(),
  );
  const worker = createOutboxWorker({
    db: temp.db,
    apis: { telegram: api },
    logger: pino({ level: "silent" }),
    clock,
    translator: createTranslator(),
    instanceId: "e2e",
    perSecond: input.rate,
    progressEveryMs: 1500,
    pollMs: 100,
  });
  worker.start();
  try {
    for (let waited = 0; ; waited += 100) {
      const b = await temp.db.broadcast.findUniqueOrThrow({ where: { id: queued.broadcastId } });
      const report = await temp.db.outboxMessage.findFirst({
        where: { idempotencyKey: { startsWith: `broadcast:${queued.broadcastId}:report` } },
      });
      if (b.status === "done" && report?.status === "sent") break;
      if (waited > 25_000) throw new Error(`not delivered in time: ${JSON.stringify(b)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await worker.stop();
  }
  return { ...queued, progressMessageId: progress.message_id };
}

describe("Broadcast delivery at scale", () => {
  it("over a flood limit: every 429 is waited out, nobody gets it twice, nobody is missed", async () => {
    // The worker may send 40/s, the simulator takes 20: 429s come, each must be honoured.
    const personIds = recipients.personIds.slice(0, 100);
    await deliver({ limit: 20, rate: 40, personIds, text: "Họp giao ban" });
    const log = sim.api.sendLog ?? [];
    const refusals = log.filter((entry) => entry.retryAfter !== undefined);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) {
      const resumeAt = refusal.at + (refusal.retryAfter as number) * 1000;
      // What was already on its way may still arrive (fewer than the 8 sends in flight at
      // once); nothing else until then.
      const early = log.filter((entry) => entry.at > refusal.at && entry.at < resumeAt - 5);
      expect(early.length).toBeLessThan(8);
    }
    for (const chatId of recipients.chatIds.slice(0, 100)) expect(sim.api.acceptedFor(chatId)).toBe(1);
  });

  it("at its own pace no 429 comes; 403s and 500s end as they should; the sender sees progress and a report", async () => {
    const personIds = recipients.personIds.slice(0, 120);
    const blocked = recipients.chatIds.slice(10, 13);
    const flaky = recipients.chatIds.slice(20, 23);
    const { broadcastId, progressMessageId } = await deliver({
      limit: 40,
      rate: 30,
      personIds,
      text: "Tiêm phòng",
      prepare(s) {
        for (const chatId of blocked) s.store.setBlocked(chatId, true);
        for (const chatId of flaky) s.api.failSends(2, { chatId, errorCode: 500 });
      },
    });
    // Paced at 30/s, under the simulator's 40: never refused.
    expect((sim.api.sendLog ?? []).filter((e) => e.retryAfter !== undefined)).toEqual([]);
    for (const chatId of recipients.chatIds.slice(0, 120)) {
      expect(sim.api.acceptedFor(chatId)).toBe(blocked.includes(chatId) ? 0 : 1);
    }
    expect(sim.api.stats.injectedFailures).toBe(6);
    const rows = await temp.db.outboxMessage.findMany({ where: { broadcastId } });
    for (const row of rows.filter((r) => blocked.includes(Number(r.chatId)))) {
      expect(row).toMatchObject({ status: "unreachable", attempts: 1 });
    }
    for (const row of rows.filter((r) => flaky.includes(Number(r.chatId)))) {
      expect(row).toMatchObject({ status: "sent", attempts: 3 });
    }
    const b = await temp.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    expect(b).toMatchObject({ status: "done", total: 120, sent: 117, failed: 0, unreachable: 3 });

    // The sender's progress message became the summary; the report names the three.
    const progress = sim.store.findMessage(SENDER_CHAT, progressMessageId);
    expect(progress?.text).toBe("✅ Đã gửi xong: 117/120 người đã nhận · 3 không liên lạc được.");
    const report = sim.store.chat(SENDER_CHAT)?.messages.at(-1);
    expect(report?.text).toContain("📋 Kết quả gửi “Tiêm phòng”: 117/120 người đã nhận.");
    expect(report?.text).toContain("3 người chưa nhận được, hãy liên hệ trực tiếp:");
    expect(report?.text?.match(/— đã chặn bot/g)).toHaveLength(3);
    for (const chatId of blocked) {
      const account = await temp.db.channelAccount.findFirstOrThrow({ where: { chatId: String(chatId) } });
      expect(account.blockedAt).not.toBeNull();
      await temp.db.channelAccount.update({ where: { id: account.id }, data: { blockedAt: null } });
    }
  });
});
