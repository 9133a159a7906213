import { Api } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setBroadcastProgressMessage } from "../../src/domain/outbox/queue-broadcast.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import { addRecipients, FIRST_RECIPIENT_CHAT, queueAnnouncement } from "../helpers/broadcast-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

let temp: TempDb;
let recipients: Awaited<ReturnType<typeof addRecipients>>;
let senderId: number;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator();
/** The worker waits by moving the fake clock on. */
const sleep = async (ms: number) => {
  clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
};

interface Call {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}
let calls: Call[];
/** Answers a call differently (an error) when it returns something. */
let fault: (call: Call) => { error_code: number; description: string; retry_after?: number } | undefined;

/** A Bot API client that records each call with the fake clock's time and answers at once. */
function fakeApi(): Api {
  const api = new Api("7000000001:test-token");
  let messageId = 100;
  api.config.use(async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown>, at: clock.now().getTime() };
    const error = fault(call);
    if (error) {
      const { retry_after, ...rest } = error;
      return { ok: false, ...rest, ...(retry_after ? { parameters: { retry_after } } : {}) } as never;
    }
    calls.push(call);
    return { ok: true, result: { message_id: messageId++ } } as never;
  });
  return api;
}

const worker = (instanceId: string, options: { perSecond?: number } = {}) =>
  createOutboxWorker({
    db: temp.db,
    apis: { telegram: fakeApi() },
    logger: pino({ level: "silent" }),
    clock,
    translator,
    instanceId,
    perSecond: options.perSecond ?? 25,
    concurrency: 4,
    progressEveryMs: 3000,
    sleep,
  });

async function drain(...workers: ReturnType<typeof worker>[]) {
  for (let round = 0; round < 200; round++) {
    const counts = await Promise.all(workers.map((w) => w.runOnce()));
    if (counts.every((count) => count === 0)) {
      const open = await temp.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
      if (open === 0) return;
      const next = await temp.db.outboxMessage.findFirst({
        where: { status: "pending" },
        orderBy: { nextAttemptAt: "asc" },
      });
      // Waiting for a retry, or for a chat's one-second gap (after an edit).
      if (next && next.nextAttemptAt > clock.now()) clock.set(next.nextAttemptAt);
      else clock.advance(1000);
    }
  }
  throw new Error("the outbox did not drain");
}

const sendsTo = (chatId: number) =>
  calls.filter((c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(chatId)).length;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  recipients = await addRecipients(temp.db, { count: 120, neverConnected: 2, now: clock.now() });
  senderId = (await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } })).id;
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany();
  await temp.db.broadcast.deleteMany();
  await temp.db.outboxPace.deleteMany();
  // Two racing workers leave the sender's lease with either: each test starts with it free.
  await temp.db.lease.deleteMany();
  await temp.db.channelAccount.updateMany({ data: { blockedAt: null } });
  calls = [];
  fault = () => undefined;
});

describe("Broadcast delivery at scale", () => {
  it("two workers on one database send each message once and together keep to the global rate", async () => {
    const start = clock.now().getTime();
    const { queued } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: recipients.personIds.slice(0, 100),
      text: "Họp thôn",
      now: clock.now(),
    });
    expect(queued).toBe(100);
    await drain(worker("w1"), worker("w2"));
    const sends = calls.filter((c) => c.method === "sendMessage" && c.payload.text === "📣 Họp thôn");
    expect(sends).toHaveLength(100);
    for (const chatId of recipients.chatIds.slice(0, 100)) expect(sendsTo(chatId)).toBe(1);
    // By any instant T, at most 25/s × (T − start) + 1 messages have gone, whoever sent them.
    const times = sends.map((c) => c.at).sort((a, b) => a - b);
    for (const [index, at] of times.entries()) {
      expect(index + 1).toBeLessThanOrEqual(Math.floor(((at - start) * 25) / 1000) + 1);
    }
    // …and they did not take much longer than that: 100 messages at 25/s ≈ 4 s.
    expect((times.at(-1) as number) - start).toBeLessThan(4_500);
  });

  it("a 429's retry_after pauses every worker; 403 is unreachable, not retried; 5xx is retried", async () => {
    const blocked = recipients.chatIds[3] as number;
    const flaky = recipients.chatIds[5] as number;
    let floodAt: number | undefined;
    let flakyFailures = 0;
    fault = (call) => {
      if (String(call.payload.chat_id) === String(blocked))
        return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
      if (String(call.payload.chat_id) === String(flaky) && flakyFailures < 2) {
        flakyFailures++;
        return { error_code: 500, description: "Internal Server Error" };
      }
      if (floodAt === undefined && calls.length === 10) {
        floodAt = call.at;
        return { error_code: 429, description: "Too Many Requests: retry after 5", retry_after: 5 };
      }
      return undefined;
    };
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: recipients.personIds.slice(0, 40),
      text: "Lịch tiêm phòng",
      now: clock.now(),
    });
    await drain(worker("w1"), worker("w2"));
    expect(floodAt).toBeDefined();
    // Nothing went out during the pause, except what was already on its way (≤ 100 ms of sends).
    const during = calls.filter((c) => c.at > (floodAt as number) + 100 && c.at < (floodAt as number) + 5000);
    expect(during).toEqual([]);
    expect(sendsTo(blocked)).toBe(0);
    expect(sendsTo(flaky)).toBe(1);
    expect(flakyFailures).toBe(2);
    for (const chatId of recipients.chatIds.slice(0, 40)) {
      if (chatId !== blocked) expect(sendsTo(chatId)).toBe(1);
    }
    const account = await temp.db.channelAccount.findFirstOrThrow({ where: { chatId: String(blocked) } });
    expect(account.blockedAt).not.toBeNull();
    const broadcast = await temp.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    expect(broadcast).toMatchObject({ status: "done", total: 40, sent: 39, failed: 0, unreachable: 1 });
    expect(broadcast.finishedAt).not.toBeNull();
  });

  it("edits the sender's progress message every few seconds and reports whom it did not reach", async () => {
    const blocked = recipients.chatIds[7] as number;
    fault = (call) =>
      call.method === "sendMessage" && String(call.payload.chat_id) === String(blocked)
        ? { error_code: 403, description: "Forbidden: bot was blocked by the user" }
        : undefined;
    // 100 reachable people and the 2 who never connected, at 10/s: about 10 s of sending.
    const { broadcastId, unreachable } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: [...recipients.personIds.slice(0, 100), ...recipients.withoutAccount],
      text: "Tập huấn sinh kế",
      now: clock.now(),
    });
    expect(unreachable).toHaveLength(2);
    await setBroadcastProgressMessage(
      temp.db,
      broadcastId,
      { channel: "telegram", chatId: "710000003", messageId: "42" },
      clock.now(),
    );
    await drain(worker("w1", { perSecond: 10 }));
    const edits = calls.filter((c) => c.method === "editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.length).toBeLessThanOrEqual(5);
    for (const [index, edit] of edits.entries()) {
      expect(edit.payload).toMatchObject({ chat_id: "710000003", message_id: 42 });
      // Progress edits are 3 s apart at least; the summary at the end comes when it is done.
      if (index > 0 && index < edits.length - 1)
        expect(edit.at - (edits[index - 1] as Call).at).toBeGreaterThanOrEqual(3000);
    }
    expect(String(edits[0]?.payload.text)).toMatch(
      /^📤 Đã gửi \d+\/102 · [23] không liên lạc được · còn (khoảng \d+ phút|dưới 1 phút)$/,
    );
    expect(edits.at(-1)?.payload.text).toBe("✅ Đã gửi xong: 99/102 người đã nhận · 3 không liên lạc được.");

    // The report reaches the sender through the outbox, once, naming the three.
    const report = await temp.db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: `broadcast:${broadcastId}:report` } },
    });
    expect(report).toHaveLength(1);
    const text = String((report[0]?.payload as { params: { text: string } } | undefined)?.params.text);
    expect(text).toContain("📋 Kết quả gửi “Tập huấn sinh kế”: 99/102 người đã nhận.");
    expect(text).toContain("3 người chưa nhận được, hãy liên hệ trực tiếp:");
    expect(text).toMatch(/• Người nhận 121, 📞 [\d ]+ — chưa dùng bot/);
    expect(text).toMatch(/• Người nhận 8, 📞 [\d ]+ — đã chặn bot/);
    expect(sendsTo(710000003)).toBe(1); // the report itself, on the sender's chat
  });

  it("on a messenger that cannot edit, the sender gets no progress edits, only the report", async () => {
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: recipients.personIds.slice(0, 60),
      text: "Thông báo Zalo",
      now: clock.now(),
    });
    await setBroadcastProgressMessage(
      temp.db,
      broadcastId,
      { channel: "zalo", chatId: "a1b2c3", messageId: "9" },
      clock.now(),
    );
    const zaloAndTelegram = createOutboxWorker({
      db: temp.db,
      apis: { telegram: fakeApi(), zalo: fakeApi() },
      logger: pino({ level: "silent" }),
      clock,
      translator,
      instanceId: "w1",
      perSecond: 10,
      sleep,
    });
    await drain(zaloAndTelegram);
    expect(calls.filter((c) => c.method === "editMessageText")).toEqual([]);
    expect(
      await temp.db.outboxMessage.count({
        where: { idempotencyKey: `broadcast:${broadcastId}:report:p${senderId}` },
      }),
    ).toBe(1);
  });

  it("caps the report's names: the rest are counted", async () => {
    const many = await addRecipients(temp.db, {
      count: 0,
      neverConnected: 20,
      firstChatId: FIRST_RECIPIENT_CHAT + 5000,
      now: clock.now(),
    });
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: [recipients.personIds[0] as number, ...many.withoutAccount],
      text: "Danh sách dài",
      now: clock.now(),
    });
    await drain(worker("w1"));
    const report = await temp.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: `broadcast:${broadcastId}:report` } },
    });
    const text = String((report.payload as { params: { text: string } }).params.text);
    // The last part names whom it did not reach (the one reached is in "Đã gửi thế nào").
    const missed = text.split("\n\n").at(-1) ?? "";
    expect(missed.match(/^• /gm)).toHaveLength(15);
    expect(missed).toContain("… và 5 người khác");
  });
});
