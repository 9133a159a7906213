import { Api, GrammyError, InputFile } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ZaloChannel } from "../../src/channels/zalo/channel.js";
import { ensurePeer, telegramIdOf } from "../../src/channels/zalo/id-map.js";
import { completeOaAuthorisation, startOaAuthorisation } from "../../src/channels/zalo/oa/oa-authorise.js";
import { znsPhone } from "../../src/channels/zalo/oa/oa-bot-client.js";
import { createZaloOaChannel } from "../../src/channels/zalo/oa/oa-channel.js";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { enqueueForPerson, htmlMessage } from "../../src/domain/outbox/enqueue-message.js";
import { DEFAULT_SEND_POLICY, type SendPolicy } from "../../src/domain/outbox/route-delivery.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import { formatDate } from "../../src/shared/time.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import type { OaPerson } from "../../src/simulator/zalo-oa/oa-fake.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

/**
 * The outbox worker sending on a Zalo Official Account through the real OA transport, against
 * the simulator's OA fake over HTTP: what the fake records is what Zalo would have received.
 */

const HOUR = 3_600_000;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: process.env.DEBUG_OA ? "debug" : "silent" });
const translator = createTranslator();
const sleep = async (ms: number) => {
  clock.advance(ms);
  await new Promise((resolve) => setImmediate(resolve));
};

let temp: TempDb;
let sim: Simulator;
let channel: ZaloChannel;
let api: Api;
let unitId: number;

const OA_TEMPLATES: SendPolicy = {
  ...DEFAULT_SEND_POLICY,
  zaloDialect: "oa",
  templates: {
    reminder: { templateId: "300002", fields: { ten: "name", noi_dung: "text", han: "date" } },
  },
};
const OA_NO_TEMPLATES: SendPolicy = { ...DEFAULT_SEND_POLICY, zaloDialect: "oa" };

beforeAll(async () => {
  temp = await createTempDb();
  sim = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    users: DEMO_SIMULATOR_USERS,
    token: "123:abc",
    zaloOa: { now: () => clock.now().getTime() },
  });
  const oa = sim.zaloOa.options;
  const oauthRoot = `${sim.url}/zalo-oa/oauth`;
  // The OA's admin consents (the fake's grant link), the app exchanges the code.
  const start = startOaAuthorisation();
  const grant = new URL(`${oauthRoot}/v4/oa/permission/grant`);
  grant.searchParams.set("app_id", oa.appId);
  grant.searchParams.set("redirect_uri", "http://127.0.0.1:9/zalo-oa/callback");
  grant.searchParams.set("code_challenge", start.codeChallenge);
  const redirect = await fetch(grant, { redirect: "manual" });
  const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const authorised = await completeOaAuthorisation(temp.db, clock, {
    appId: oa.appId,
    appSecret: oa.appSecret,
    oauthRoot,
    oaId: oa.oaId,
    code,
    codeVerifier: start.codeVerifier,
  });
  expect(authorised.ok).toBe(true);
  channel = createZaloOaChannel({
    db: temp.db,
    clock,
    logger,
    oaId: oa.oaId,
    oaName: "UBND xã Lâm Trung Thủy",
    appId: oa.appId,
    appSecret: oa.appSecret,
    webhookSecret: oa.oaSecretKey,
    publicBaseUrl: "https://app.test",
    apiRoot: `${sim.url}/zalo-oa/openapi`,
    oauthRoot,
    businessApiRoot: `${sim.url}/zalo-oa/business`,
  });
  api = new Api("oa", { apiRoot: "http://zalo.invalid", fetch: channel.fetch as never });
  const unit = await temp.db.unit.create({
    data: { code: "OA-T1", name: "Thôn 1", level: "hamlet", path: "/", depth: 0 },
  });
  unitId = unit.id;
});
afterAll(async () => {
  await channel?.stop();
  await sim?.close();
  await temp?.cleanup();
});
beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany();
  await temp.db.outboxPace.deleteMany();
  sim.zaloOa.zns.length = 0;
});

let people = 0;
/**
 * A hamlet head on the roster (phone `+84…`), with a Zalo OA account whose last message the
 * database knows; `fake` is the same person on the OA fake, who last wrote `fakeHoursAgo` ago.
 */
async function oaPerson(input: { dbHoursAgo: number; fakeHoursAgo?: number }) {
  people++;
  const phone = `+8491200${String(people).padStart(4, "0")}`;
  const person = await temp.db.person.create({
    data: {
      fullName: `Người OA ${people}`,
      phone,
      role: "hamlet_head",
      unitId,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    },
  });
  const fake: OaPerson = sim.zaloOa.person(person.id, person.fullName, phone);
  fake.follower = true;
  fake.lastInteraction = clock.now().getTime() - (input.fakeHoursAgo ?? input.dbHoursAgo) * HOUR;
  const chatId = String(telegramIdOf(await ensurePeer(temp.db, fake.userId, "user")));
  const wrote = new Date(clock.now().getTime() - input.dbHoursAgo * HOUR);
  await temp.db.channelAccount.create({
    data: {
      channel: "zalo",
      externalId: chatId,
      chatId,
      personId: person.id,
      linkedAt: wrote,
      lastSeenAt: wrote,
      lastInboundAt: wrote,
    },
  });
  return { id: person.id, name: person.fullName, phone, fake, chatId };
}

async function remind(personId: number, key: string, text = "Hạn nộp báo cáo rà soát là 30/11") {
  await enqueueForPerson(temp.db, {
    kind: "reminder",
    personId,
    idempotencyKey: key,
    now: clock.now(),
    payload: htmlMessage(text),
  });
  return `${key}:p${personId}`;
}

async function drain(policy: SendPolicy, instanceId = "w1") {
  const worker = createOutboxWorker({
    db: temp.db,
    apis: { zalo: api },
    logger,
    clock,
    translator,
    instanceId,
    perSecond: 10,
    sleep,
    sendPolicy: policy,
  });
  for (let round = 0; round < 200; round++) {
    if ((await worker.runOnce()) > 0) continue;
    const open = await temp.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
    if (open === 0) return;
    clock.advance(1000);
  }
  throw new Error("the outbox did not drain");
}

const row = (key: string) => temp.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });

describe("sendTemplate in the OA transport: ZNS template messages from the outbox", () => {
  it("a template route sends a ZNS message the fake records: the phone as 84…, the template's fields, the row's key as tracking_id", async () => {
    const lan = await oaPerson({ dbHoursAgo: 10 * 24 });
    const key = await remind(lan.id, "nhac:zns:1");
    await drain(OA_TEMPLATES);
    expect(sim.zaloOa.zns).toEqual([
      expect.objectContaining({
        phone: `84${lan.phone.slice(3)}`,
        templateId: "300002",
        templateData: {
          ten: lan.name,
          noi_dung: "Hạn nộp báo cáo rà soát là 30/11",
          han: formatDate(clock.now(), "vi"),
        },
        trackingId: key,
      }),
    ]);
    const sent = await row(key);
    expect([sent.status, sent.deliveryMode, sent.deliveryCostVnd, sent.sentMessageId]).toEqual([
      "sent",
      "template",
      300,
      sim.zaloOa.zns[0]?.msgId,
    ]);
    // Nothing went to the person's chat: beyond 7 days the OA cannot write there.
    expect(sim.zaloOa.messagesTo(lan.fake.userId)).toEqual([]);
  });

  it("beyond 7 days without a template: unreachable window_closed, nothing sent, the account not blocked", async () => {
    const binh = await oaPerson({ dbHoursAgo: 10 * 24 });
    const key = await remind(binh.id, "nhac:zns:2");
    await drain(OA_NO_TEMPLATES);
    const unsent = await row(key);
    expect([unsent.status, unsent.deliveryMode, unsent.deliveryReason]).toEqual([
      "unreachable",
      "unreachable",
      "window_closed",
    ]);
    expect(sim.zaloOa.zns).toEqual([]);
    expect(sim.zaloOa.messagesTo(binh.fake.userId)).toEqual([]);
  });

  it("Zalo's -230 (the person's last interaction is older than the app knew) is 403 'outside the messaging window': window_closed, not blocked", async () => {
    // The app saw a message a day ago (on another device Zalo does not count, say); Zalo's last
    // interaction is 8 days old.
    const cuong = await oaPerson({ dbHoursAgo: 24, fakeHoursAgo: 8 * 24 });
    const key = await remind(cuong.id, "nhac:zns:3");
    await drain(OA_NO_TEMPLATES);
    const unsent = await row(key);
    expect([unsent.status, unsent.deliveryMode, unsent.deliveryReason]).toEqual([
      "unreachable",
      "unreachable",
      "window_closed",
    ]);
    expect(unsent.lastError).toContain("outside the messaging window");
    expect(unsent.lastError).toContain("-230");
    const account = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: cuong.id } });
    expect(account.blockedAt).toBeNull();
    // A person who blocked the OA is still marked blocked (Telegram's 403 words).
    const dung = await oaPerson({ dbHoursAgo: 1 });
    dung.fake.blocked = true;
    const blockedKey = await remind(dung.id, "nhac:zns:4");
    await drain(OA_NO_TEMPLATES);
    expect((await row(blockedKey)).status).toBe("unreachable");
    const blocked = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: dung.id } });
    expect(blocked.blockedAt).not.toBeNull();
  });

  it("ZNS refusals fail the row with a reason a person can act on: an unknown template, the daily quota", async () => {
    const em = await oaPerson({ dbHoursAgo: 10 * 24 });
    const unknown: SendPolicy = {
      ...OA_TEMPLATES,
      templates: { reminder: { templateId: "999999", fields: { ten: "name" } } },
    };
    const key = await remind(em.id, "nhac:zns:5");
    await drain(unknown);
    const refused = await row(key);
    expect(refused.status).toBe("failed");
    expect(refused.lastError).toContain(
      "Zalo ZNS refused the template message: the template id is not valid (see ZALO_TEMPLATES) (-109 Template ID invalid)",
    );
    // Refused at once, not retried: one attempt.
    expect(refused.attempts).toBe(1);

    sim.zaloOa.options.znsDailyQuota = 1;
    try {
      const first = await remind(em.id, "nhac:zns:6");
      const second = await remind(em.id, "nhac:zns:7");
      await drain(OA_TEMPLATES);
      expect((await row(first)).status).toBe("sent");
      const over = await row(second);
      expect(over.status).toBe("failed");
      expect(over.lastError).toContain("Zalo ZNS refused the template message: -144");
      expect(over.lastError).toContain("daily ZNS quota");
      expect(sim.zaloOa.zns).toHaveLength(1);
    } finally {
      sim.zaloOa.options.znsDailyQuota = 500;
    }
  });

  it("roster numbers in any form go to ZNS as 84…; what is no Vietnamese number is refused before Zalo", async () => {
    expect(znsPhone("+84912000007")).toBe("84912000007");
    expect(znsPhone("0912 000 007")).toBe("84912000007");
    expect(znsPhone("84912000007")).toBe("84912000007");
    expect(znsPhone("12345")).toBeNull();
    // As the outbox calls it: a method of grammY's raw API that only a transport with templates answers.
    const raw = api.raw as unknown as Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
    const error = await raw
      .sendTemplate?.({ phone: "12345", template_id: "300002", template_data: { ten: "A" } })
      .catch((failure: unknown) => failure);
    expect(String(error)).toContain("not a Vietnamese number");
    expect(sim.zaloOa.zns).toEqual([]);
  });
});

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("Images and files through the OA upload endpoints", () => {
  it("a photo's bytes go up to upload/image and out by attachment_id; a photo by URL still by URL; the file_id sends it again", async () => {
    const giang = await oaPerson({ dbHoursAgo: 1 });
    const chat = Number(giang.chatId);
    const sent = await api.sendPhoto(chat, new InputFile(PNG, "bieu-do"), { caption: "Biểu đồ tuần 47" });
    const [photo] = sim.zaloOa.messagesTo(giang.fake.userId);
    expect(photo).toMatchObject({ kind: "image", text: "Biểu đồ tuần 47" });
    expect(photo?.attachment?.attachmentId).toEqual(expect.any(String));
    // What the person sees is the bytes sent.
    const served = await fetch(String(photo?.attachment?.url));
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    // No hosted copy: Zalo has it.
    expect(await temp.db.zaloHostedFile.count()).toBe(0);
    expect(sent.photo?.[0]?.file_id).toBe(photo?.attachment?.attachmentId);

    await api.sendPhoto(chat, "https://app.test/files/abc/chart.png");
    await api.sendPhoto(chat, sent.photo?.[0]?.file_id as string);
    const [, byUrl, again] = sim.zaloOa.messagesTo(giang.fake.userId);
    expect(byUrl?.attachment).toEqual({ url: "https://app.test/files/abc/chart.png" });
    expect(again?.attachment?.attachmentId).toBe(photo?.attachment?.attachmentId);
  });

  it("a photo the OA does not take (over 1 MB, not PNG/JPEG) goes by the app's hosted link, as on the Bot Platform", async () => {
    const hai = await oaPerson({ dbHoursAgo: 1 });
    const chat = Number(hai.chatId);
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    await api.sendPhoto(chat, new InputFile(big, "lon.png"));
    await api.sendPhoto(chat, new InputFile(Buffer.from("GIF89a…"), "dong.gif"));
    const messages = sim.zaloOa.messagesTo(hai.fake.userId);
    expect(messages.map((m) => [m.kind, m.attachment?.attachmentId])).toEqual([
      ["image", undefined],
      ["image", undefined],
    ]);
    for (const message of messages) expect(message.attachment?.url).toMatch(/^https:\/\/app\.test\/files\//);
  });

  it("a document goes up to upload/file and out as the file message with its token, its caption and choices in a text after it", async () => {
    const khanh = await oaPerson({ dbHoursAgo: 1 });
    const chat = Number(khanh.chatId);
    const hosted = await temp.db.zaloHostedFile.count();
    const sent = await api.sendDocument(chat, new InputFile(PDF, "tong-hop.pdf"), {
      caption: "Tổng hợp rà soát tháng 11",
      reply_markup: {
        inline_keyboard: [
          [
            { text: "✅ Đã xem", callback_data: "doc:1:ok" },
            { text: "❓ Hỏi thêm", callback_data: "doc:1:ask" },
          ],
        ],
      },
    });
    const [file, caption] = sim.zaloOa.messagesTo(khanh.fake.userId);
    expect(file).toMatchObject({ kind: "file", attachment: { fileName: "tong-hop.pdf" } });
    const served = await fetch(String(file?.attachment?.url));
    expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true);
    expect(caption).toMatchObject({ kind: "text", text: "Tổng hợp rà soát tháng 11" });
    expect(caption?.buttons.map((button) => button.title)).toEqual(["✅ Đã xem", "❓ Hỏi thêm"]);
    expect(sent.document).toMatchObject({ file_name: "tong-hop.pdf" });
    expect(await temp.db.zaloHostedFile.count()).toBe(hosted);
  });

  it("a document the OA refuses (an Excel workbook) or that is over 5 MB goes as the hosted link of part 1", async () => {
    const lam = await oaPerson({ dbHoursAgo: 1 });
    const chat = Number(lam.chatId);
    const before = await temp.db.zaloHostedFile.count();
    await api.sendDocument(chat, new InputFile(Buffer.from("PK\u0003\u0004 xlsx"), "tong-hop.xlsx"));
    await api.sendDocument(chat, new InputFile(Buffer.alloc(5 * 1024 * 1024 + 1), "lon.pdf"), {
      caption: "Bản quét",
    });
    const [xlsx, big] = sim.zaloOa.messagesTo(lam.fake.userId);
    expect(xlsx).toMatchObject({ kind: "text" });
    expect(xlsx?.text).toMatch(/^📎 tong-hop\.xlsx: https:\/\/app\.test\/files\/\S+ \(hết hạn /);
    expect(big?.text).toMatch(/^Bản quét\n\n📎 lon\.pdf: https:\/\/app\.test\/files\//);
    expect(await temp.db.zaloHostedFile.count()).toBe(before + 2);
  });
});

describe("Rate-limit backoff on a Zalo Official Account", () => {
  it("the OA's -32 is a 429 with retry_after until the minute is over (not the quota's 429 without it)", async () => {
    const minh = await oaPerson({ dbHoursAgo: 1 });
    const limit = sim.zaloOa.options.rateLimitPerMinute;
    // 09:xx:45 — 15 seconds of the minute left.
    clock.set(new Date(Math.ceil(clock.now().getTime() / 60_000) * 60_000 + 45_000));
    sim.zaloOa.options.rateLimitPerMinute = 0;
    try {
      const error = await api.sendMessage(Number(minh.chatId), "Chào anh").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GrammyError);
      expect((error as GrammyError).error_code).toBe(429);
      expect((error as GrammyError).parameters.retry_after).toBe(15);
      expect((error as GrammyError).description).toContain("-32");
    } finally {
      sim.zaloOa.options.rateLimitPerMinute = limit;
    }
  });

  it("the outbox waits out the OA's rate limit and sends each message once, after the wait", async () => {
    const recipients = [
      await oaPerson({ dbHoursAgo: 2 }),
      await oaPerson({ dbHoursAgo: 2 }),
      await oaPerson({ dbHoursAgo: 2 }),
    ];
    const limit = sim.zaloOa.options.rateLimitPerMinute;
    // At the start of a minute, two requests left in it.
    const minute = Math.ceil(clock.now().getTime() / 60_000) * 60_000;
    clock.set(new Date(minute));
    sim.zaloOa.options.rateLimitPerMinute = 2;
    try {
      const keys: string[] = [];
      for (const [i, person] of recipients.entries())
        keys.push(await remind(person.id, `nhac:rate:${i}`, `Nhắc lần ${i + 1}`));
      await drain(OA_NO_TEMPLATES);
      const rows = await Promise.all(keys.map(row));
      expect(rows.map((r) => [r.status, r.deliveryMode, r.attempts])).toEqual([
        ["sent", "zalo_free", 1],
        ["sent", "zalo_free", 1],
        ["sent", "zalo_free", 1],
      ]);
      // Each person got the message once; the third after the minute the OA refused it in.
      const received = recipients.map((person) => sim.zaloOa.messagesTo(person.fake.userId));
      expect(received.map((messages) => messages.map((m) => m.text))).toEqual([
        ["Nhắc lần 1"],
        ["Nhắc lần 2"],
        ["Nhắc lần 3"],
      ]);
      const times = received.map((messages) => messages[0]?.at ?? 0).sort((a, b) => a - b);
      expect(times[1]).toBeLessThan(minute + 60_000);
      expect(times[2]).toBeGreaterThanOrEqual(minute + 60_000);
      // The whole channel paused until then (all instances), and nobody was told of a quota.
      const pace = await temp.db.outboxPace.findUniqueOrThrow({ where: { channel: "zalo" } });
      expect(pace.pausedUntilMs).toBeGreaterThanOrEqual(minute + 60_000);
      expect(pace.pausedUntilMs).toBeLessThan(minute + 61_000);
      expect(await temp.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: "quota:" } } })).toBe(
        0,
      );
    } finally {
      sim.zaloOa.options.rateLimitPerMinute = limit;
    }
  });
});
