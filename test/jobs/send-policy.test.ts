import { Api } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueForPerson, htmlMessage } from "../../src/domain/outbox/enqueue-message.js";
import { DEFAULT_SEND_POLICY, type SendPolicy } from "../../src/domain/outbox/route-delivery.js";
import { resolveIdentity } from "../../src/domain/people/resolve-identity.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import { formatPhoneForDisplay } from "../../src/shared/phone.js";
import { queueAnnouncement } from "../helpers/broadcast-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

let temp: TempDb;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator();
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(clock.now().getTime() - hours * HOUR);
const sleep = async (ms: number) => {
  clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
};

interface Call {
  channel: string;
  method: string;
  payload: Record<string, unknown>;
}
let calls: Call[];
/** Answers a call with an error instead. */
let fault: (call: Call) => { error_code: number; description: string } | undefined;

function fakeApi(channel: string): Api {
  const api = new Api("7000000001:test-token");
  let messageId = 100;
  api.config.use(async (_prev, method, payload) => {
    const error = fault({ channel, method, payload: payload as Record<string, unknown> });
    if (error) return { ok: false, ...error } as never;
    calls.push({ channel, method, payload: payload as Record<string, unknown> });
    return { ok: true, result: { message_id: messageId++ } } as never;
  });
  return api;
}

const OA: SendPolicy = { ...DEFAULT_SEND_POLICY, zaloDialect: "oa" };
const OA_PAID_TEMPLATES: SendPolicy = {
  ...OA,
  zaloPaidAllowed: true,
  templates: { broadcast: { templateId: "tpl-thong-bao", fields: { ho_ten: "name", noi_dung: "text" } } },
};

async function drain(policy: SendPolicy) {
  const worker = createOutboxWorker({
    db: temp.db,
    apis: { telegram: fakeApi("telegram"), zalo: fakeApi("zalo") },
    logger: pino({ level: "silent" }),
    clock,
    translator,
    instanceId: "w1",
    perSecond: 10,
    sleep,
    sendPolicy: policy,
  });
  for (let round = 0; round < 100; round++) {
    if ((await worker.runOnce()) > 0) continue;
    const open = await temp.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
    if (open === 0) return;
    clock.advance(1000);
  }
  throw new Error("the outbox did not drain");
}

const PHONES = ["+84971000001", "+84971000002", "+84971000003", "+84971000004", "+84971000005"];
const NAMES = ["Chỉ Telegram", "Zalo hôm qua", "Zalo 3 ngày", "Zalo 10 ngày", "Hai kênh"];
let people: number[];
let senderId: number;
let unitId: number;

async function addPerson(name: string, phone: string) {
  const person = await temp.db.person.create({
    data: {
      fullName: name,
      phone,
      role: "hamlet_head",
      unitId,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    },
  });
  return person.id;
}
async function addAccount(personId: number, channel: string, chatId: string, hoursAgo: number) {
  await temp.db.channelAccount.create({
    data: {
      channel,
      externalId: chatId,
      chatId,
      personId,
      linkedAt: ago(1000),
      lastSeenAt: ago(hoursAgo),
      lastInboundAt: ago(hoursAgo),
    },
  });
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  unitId = (await temp.db.unit.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
  senderId = (await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } })).id;
  people = [];
  for (const [i, name] of NAMES.entries()) people.push(await addPerson(name, PHONES[i] as string));
  const [tg, zaloDay, zalo3, zalo10, both] = people as [number, number, number, number, number];
  await addAccount(tg, "telegram", "800000001", 500);
  await addAccount(zaloDay, "zalo", "z2", 24);
  await addAccount(zalo3, "zalo", "z3", 72);
  await addAccount(zalo10, "zalo", "z4", 240);
  // Wrote on Zalo last (10 days ago), so the notice is queued there; Telegram is free.
  await addAccount(both, "telegram", "800000005", 300);
  await addAccount(both, "zalo", "z5", 240);
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany();
  await temp.db.broadcast.deleteMany();
  await temp.db.outboxPace.deleteMany();
  calls = [];
  fault = () => undefined;
});

async function reportOf(broadcastId: number) {
  const report = await temp.db.outboxMessage.findFirstOrThrow({
    where: { idempotencyKey: { startsWith: `broadcast:${broadcastId}:report` } },
  });
  return String((report.payload as { params: { text: string } }).params.text).split("\n");
}
const phone = (i: number) => formatPhoneForDisplay(PHONES[i] as string);

describe("A send policy per channel in the outbox", () => {
  it("a mixed audience, paid messages off and no template: free ways only, the rest reported with the reason", async () => {
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: people,
      text: "Họp thôn",
      now: clock.now(),
    });
    await drain(OA);
    expect(await reportOf(broadcastId)).toEqual([
      "📋 Kết quả gửi “Họp thôn”: 3/5 người đã nhận.",
      "",
      "Đã gửi thế nào:",
      "• Chỉ Telegram — Telegram",
      "• Zalo hôm qua — Zalo, miễn phí",
      "• Hai kênh — Telegram",
      "Tổng: Telegram: 2 · Zalo, miễn phí: 1",
      "Không tốn phí.",
      "",
      "2 người chưa nhận được, hãy liên hệ trực tiếp:",
      `• Zalo 3 ngày, 📞 ${phone(2)} — không nhắn cho bot Zalo đã hơn 48 giờ, mà tin trả phí đang tắt`,
      `• Zalo 10 ngày, 📞 ${phone(3)} — không nhắn cho bot Zalo đã hơn 7 ngày, và chưa có tin mẫu cho loại tin này`,
    ]);
    // Nothing was sent to the two who could not be reached, nothing paid.
    expect(calls.filter((c) => c.channel === "zalo").map((c) => c.payload.chat_id)).toEqual(["z2"]);
    expect(calls.some((c) => c.method === "sendTemplate")).toBe(false);
    const rows = await temp.db.outboxMessage.findMany({ where: { broadcastId }, orderBy: { id: "asc" } });
    expect(
      rows.map((r) => [r.status, r.channel, r.deliveryMode, r.deliveryReason, r.deliveryCostVnd]),
    ).toEqual([
      ["sent", "telegram", "telegram", null, 0],
      ["sent", "zalo", "zalo_free", null, 0],
      ["unreachable", "zalo", "unreachable", "paid_off", 0],
      ["unreachable", "zalo", "unreachable", "window_closed", 0],
      ["sent", "telegram", "telegram", null, 0],
    ]);
    // A policy "unreachable" is not a block: the accounts stay reachable for later.
    expect(await temp.db.channelAccount.count({ where: { blockedAt: { not: null } } })).toBe(0);
  });

  it("paid messages on and a template for notices: everyone reached, each way and the cost in the report", async () => {
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId,
      personIds: people,
      text: "Họp thôn",
      now: clock.now(),
    });
    await drain(OA_PAID_TEMPLATES);
    expect(await reportOf(broadcastId)).toEqual([
      "📋 Kết quả gửi “Họp thôn”: 5/5 người đã nhận.",
      "",
      "Đã gửi thế nào:",
      "• Chỉ Telegram — Telegram",
      "• Zalo hôm qua — Zalo, miễn phí",
      "• Zalo 3 ngày — Zalo, tin trả phí (~55 đ)",
      "• Zalo 10 ngày — Zalo, tin mẫu qua số điện thoại (~300 đ)",
      "• Hai kênh — Telegram",
      "Tổng: Telegram: 2 · Zalo, miễn phí: 1 · Zalo, tin trả phí (~55 đ): 1 · Zalo, tin mẫu qua số điện thoại (~300 đ): 1",
      "Chi phí ước tính: 355 đ",
      "",
      "Tất cả đều đã nhận được tin.",
    ]);
    const template = calls.find((c) => c.method === "sendTemplate");
    expect(template?.payload).toMatchObject({
      phone: PHONES[3],
      template_id: "tpl-thong-bao",
      template_data: { ho_ten: "Zalo 10 ngày", noi_dung: "📣 Họp thôn" },
    });
    // The person with both channels went on Telegram, free, though paid Zalo was allowed. (Sends
    // are in flight together: their order is not the queue's.)
    expect(
      calls
        .filter((c) => c.channel === "zalo" && c.method === "sendMessage")
        .map((c) => String(c.payload.chat_id))
        .sort(),
    ).toEqual(["z2", "z3"]);
  });

  it("decided when the message goes, not when queued: a person who writes in between is reached free", async () => {
    const zalo3 = people[2] as number;
    await enqueueForPerson(temp.db, {
      kind: "reminder",
      personId: zalo3,
      idempotencyKey: "nhac:1",
      now: clock.now(),
      payload: htmlMessage("Nhắc lịch"),
    });
    await resolveIdentity(temp.db, clock, { channel: "zalo", externalId: "z3", chatId: "z3" });
    await drain(OA);
    const row = await temp.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: "nhac:1" } },
    });
    expect([row.status, row.deliveryMode, row.deliveryCostVnd]).toEqual(["sent", "zalo_free", 0]);
    // Back to three days ago for the other tests.
    await temp.db.channelAccount.updateMany({ where: { chatId: "z3" }, data: { lastInboundAt: ago(72) } });
  });

  it("the transport's 'outside the messaging window' refusal is reported as such, not as a block", async () => {
    fault = (call) =>
      call.channel === "zalo"
        ? { error_code: 403, description: "Forbidden: outside the messaging window (-230)" }
        : undefined;
    await enqueueForPerson(temp.db, {
      kind: "reminder",
      personId: people[1] as number,
      idempotencyKey: "nhac:2",
      now: clock.now(),
      payload: htmlMessage("Nhắc lịch"),
    });
    await drain(OA);
    const row = await temp.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: "nhac:2" } },
    });
    expect([row.status, row.deliveryMode, row.deliveryReason]).toEqual([
      "unreachable",
      "unreachable",
      "window_closed",
    ]);
    expect(await temp.db.channelAccount.count({ where: { blockedAt: { not: null } } })).toBe(0);
  });

  it("Bot Platform: within the month's quota; admins warned once at 80 %; past it, reported, not sent", async () => {
    const policy: SendPolicy = { ...DEFAULT_SEND_POLICY, zaloMonthlyQuota: 5 };
    const admin = await temp.db.person.findFirstOrThrow({ where: { role: "admin", status: "active" } });
    const zaloDay = people[1] as number;
    // Three messages this month already (one from last month does not count).
    for (const [i, at] of [ago(1), ago(2), ago(3), new Date("2026-10-31T16:59:00Z")].entries()) {
      await temp.db.outboxMessage.create({
        data: {
          kind: "notification",
          channel: "zalo",
          chatId: "z2",
          payload: {},
          idempotencyKey: `old:${i}`,
          status: "sent",
          deliveryMode: "zalo_free",
          claimedAt: at,
          sentAt: at,
        },
      });
    }
    const send = async (key: string) => {
      await enqueueForPerson(temp.db, {
        kind: "notification",
        personId: zaloDay,
        idempotencyKey: key,
        now: clock.now(),
        payload: htmlMessage("Tin báo"),
      });
      await drain(policy);
      return temp.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: `${key}:p${zaloDay}` } });
    };
    const warnings = () =>
      temp.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "quota-warning:" } } });
    expect((await send("m4")).status).toBe("sent"); // 4 of 5: 80 %
    expect((await warnings()).map((w) => w.idempotencyKey)).toEqual([
      `quota-warning:zalo:2026-11:p${admin.id}`,
    ]);
    expect(String((((await warnings())[0]?.payload ?? {}) as { params: { text: string } }).params.text)).toBe(
      "⚠️ Bot đã dùng 4/5 tin nhắn Zalo của tháng 11/2026. Hết hạn mức thì tin nhắn qua Zalo sẽ không đi được đến đầu tháng sau — hãy nâng gói hoặc nhắc mọi người kết nối thêm kênh khác.",
    );
    expect((await send("m5")).status).toBe("sent");
    expect(await warnings()).toHaveLength(1); // once a month
    const over = await send("m6");
    expect([over.status, over.deliveryMode, over.deliveryReason]).toEqual([
      "unreachable",
      "unreachable",
      "quota",
    ]);
    expect(calls.filter((c) => c.channel === "zalo").length).toBe(2);
  });
});
