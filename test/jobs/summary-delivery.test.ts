import type { Api } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { type ComposeSummaryFn, sendDueSummaries } from "../../src/domain/summaries/send-due-summaries.js";
import { subscribeSummary } from "../../src/domain/summaries/subscribe-summary.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { pruneGeneratedFiles } from "../../src/jobs/housekeeping.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot } from "../helpers/test-bot.js";
import { startZaloBot } from "../helpers/zalo-bot.js";

const TZ = "Asia/Ho_Chi_Minh";
const translator = createTranslator("vi");
const clock = createFakeClock();
let temp: TempDb;

const chartBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const workbookBytes = Buffer.from("PK-workbook");
const fakeCompose: ComposeSummaryFn = async (_db, _translator, input) => ({
  texts: [`<b>Tổng hợp ${input.window.key}</b>`, "Phần 2"],
  chart: { fileName: "bieu-do.png", bytes: chartBytes },
  workbook: { fileName: "tong-hop.xlsx", bytes: workbookBytes },
});

async function dungId(): Promise<number> {
  return (await temp.db.person.findFirstOrThrow({ where: { fullName: "Phạm Thị Dung" } })).id;
}

/**
 * Dung subscribes on Wednesday; the sweep runs at Monday 07:30 (or `at`) and queues her summary
 * (with the small composition, or the real `composeSummary` when `real`).
 */
async function queueSummary(options: { real?: boolean; at?: string } = {}): Promise<void> {
  clock.set("2026-11-25T10:00:00+07:00");
  const subscribed = await subscribeSummary(temp.db, clock, await dungId());
  if (!subscribed.ok) throw new Error(subscribed.reason);
  clock.set(options.at ?? "2026-11-30T07:30:00+07:00");
  const swept = await sendDueSummaries(temp.db, clock, translator, {
    timeZone: TZ,
    ...(options.real ? {} : { compose: fakeCompose }),
  });
  expect(swept.sent).toBe(1);
}

/** Runs the worker until the queue is empty (one message per chat at a time). */
async function deliver(db: Db, apis: Record<string, Api>): Promise<void> {
  const worker = createOutboxWorker({
    db,
    apis,
    logger: pino({ level: "silent" }),
    clock,
    instanceId: "w1",
    perSecond: 10_000,
    perChatGapMs: 0,
  });
  for (let round = 0; round < 10; round++) {
    await worker.runOnce();
    clock.advance(2_000);
    if ((await db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })) === 0) return;
  }
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  // The shared send pace remembers slots of the clock's later time in an earlier test.
  await temp.db.outboxPace.deleteMany({});
  await temp.db.outboxMessage.deleteMany({});
  await temp.db.summarySent.deleteMany({});
  await temp.db.generatedFile.deleteMany({});
  await temp.db.summarySubscription.deleteMany({});
});

describe("Generated files through the outbox", () => {
  it("Telegram: the texts, then the chart as a photo, then the workbook as a document, to her chat", async () => {
    const t = createTestBot({ db: temp.db, clock });
    await queueSummary();
    await deliver(temp.db, { telegram: t.outboxApi });
    const sends = t.calls.filter((call) => call.method.startsWith("send"));
    expect(sends.map((call) => [call.method, String(call.payload.chat_id)])).toEqual([
      ["sendMessage", "710000004"],
      ["sendMessage", "710000004"],
      ["sendPhoto", "710000004"],
      ["sendDocument", "710000004"],
    ]);
    expect(sends[0]?.payload.text).toBe("<b>Tổng hợp 2026-W48</b>");
    expect(t.sentFiles.map((file) => file.name)).toEqual(["bieu-do.png", "tong-hop.xlsx"]);
    expect(t.sentFiles[0]?.data.equals(chartBytes)).toBe(true);
    expect(t.sentFiles[1]?.data.equals(workbookBytes)).toBe(true);
    expect(await temp.db.outboxMessage.count({ where: { status: "sent" } })).toBe(4);
  });

  it("the real composeSummary, late: its texts, then its chart if any, then its workbook", async () => {
    const t = createTestBot({ db: temp.db, clock });
    await queueSummary({ real: true, at: "2026-12-01T09:00:00+07:00" });
    await deliver(temp.db, { telegram: t.outboxApi });
    const sends = t.calls.filter((call) => call.method.startsWith("send"));
    const methods = sends.map((call) => call.method);
    expect(methods.at(-1)).toBe("sendDocument");
    const texts = methods.filter((method) => method === "sendMessage").length;
    expect(texts).toBeGreaterThan(0);
    expect(methods.slice(0, texts).every((method) => method === "sendMessage")).toBe(true);
    expect(methods.length - texts).toBe(await temp.db.generatedFile.count());
    expect(new Set(sends.map((call) => String(call.payload.chat_id)))).toEqual(new Set(["710000004"]));
    const first = String(sends[0]?.payload.text);
    expect(first.split("\n")[0]).toBe(translator.t("vi", "sum-late"));
    expect(first).toContain("Tỉnh Hà Tĩnh");
    for (const call of sends.slice(0, texts))
      expect(String(call.payload.text).length).toBeLessThanOrEqual(4096);
    expect(t.sentFiles.at(-1)?.name).toBe("tong-hop-2026-W48-tinh-ha-tinh.xlsx");
    expect(t.sentFiles.at(-1)?.data.subarray(0, 2).toString()).toBe("PK");
    expect(await temp.db.outboxMessage.count({ where: { status: "sent" } })).toBe(sends.length);
  });

  it("a file no longer stored fails its row at once instead of retrying", async () => {
    const t = createTestBot({ db: temp.db, clock });
    await queueSummary();
    await temp.db.generatedFile.deleteMany({ where: { kind: "summary_chart" } });
    await deliver(temp.db, { telegram: t.outboxApi });
    const photo = await temp.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { endsWith: ":chart" } },
    });
    expect(photo).toMatchObject({ status: "failed", lastError: "generated file no longer stored" });
    expect(t.calls.filter((call) => call.method === "sendPhoto")).toHaveLength(0);
    expect(t.calls.filter((call) => call.method === "sendDocument")).toHaveLength(1);
  });

  it("housekeeping removes expired files, except those a waiting row still needs", async () => {
    await queueSummary();
    const files = await temp.db.generatedFile.findMany({ orderBy: { id: "asc" } });
    expect(files).toHaveLength(2);
    clock.set("2026-12-31T00:00:00+07:00");
    // The photo was sent; the workbook's row is still waiting (say, the messenger was down).
    await temp.db.outboxMessage.updateMany({
      where: { idempotencyKey: { endsWith: ":chart" } },
      data: { status: "sent" },
    });
    expect(await pruneGeneratedFiles(temp.db, clock)).toBe(1);
    const left = await temp.db.generatedFile.findMany();
    expect(left.map((file) => file.kind)).toEqual(["summary_workbook"]);
    await temp.db.outboxMessage.updateMany({ data: { status: "sent" } });
    expect(await pruneGeneratedFiles(temp.db, clock)).toBe(1);
    // Not expired yet: kept.
    clock.set("2026-11-30T07:30:00+07:00");
    await temp.db.outboxMessage.deleteMany({});
    await temp.db.summarySent.deleteMany({});
    await sendDueSummaries(temp.db, clock, translator, { timeZone: TZ, compose: fakeCompose });
    expect(await pruneGeneratedFiles(temp.db, clock)).toBe(0);
  });

  it("Zalo: the same rows arrive as texts, a hosted picture and a link to the workbook", async () => {
    const zaloBot = await startZaloBot(temp.db, clock);
    const dung = await dungId();
    try {
      const { zaloId } = await zaloBot.linkPerson(dung);
      await temp.db.channelAccount.updateMany({
        where: { personId: dung, channel: "zalo" },
        data: { lastSeenAt: new Date("2026-11-29T10:00:00+07:00") },
      });
      zaloBot.zalo.clear();
      await queueSummary();
      await deliver(temp.db, { zalo: zaloBot.api });
      const sent = zaloBot.zalo.sent();
      expect(sent.map((call) => call.method)).toEqual([
        "sendMessage",
        "sendMessage",
        "sendPhoto",
        "sendMessage",
      ]);
      expect(new Set(sent.map((call) => call.params.chat_id))).toEqual(new Set([zaloId]));
      expect(String(sent[0]?.params.text)).toContain("Tổng hợp 2026-W48");
      expect(String(sent[2]?.params.photo)).toMatch(/^https:\/\/app\.example\.vn\/files\/.+\/bieu-do\.png$/);
      expect(String(sent[3]?.params.text)).toMatch(
        /tong-hop\.xlsx.*https:\/\/app\.example\.vn\/files\/.+\/tong-hop\.xlsx/s,
      );
    } finally {
      await zaloBot.stop();
      await temp.db.channelAccount.deleteMany({ where: { personId: dung, channel: "zalo" } });
    }
  });

  it("Zalo, the real composeSummary: texts within 2,000 characters, then the workbook as a link", async () => {
    const zaloBot = await startZaloBot(temp.db, clock);
    const dung = await dungId();
    try {
      const { zaloId } = await zaloBot.linkPerson(dung);
      await temp.db.channelAccount.updateMany({
        where: { personId: dung, channel: "zalo" },
        data: { lastSeenAt: new Date("2026-11-29T10:00:00+07:00") },
      });
      zaloBot.zalo.clear();
      await queueSummary({ real: true });
      await deliver(temp.db, { zalo: zaloBot.api });
      const sent = zaloBot.zalo.sent();
      expect(new Set(sent.map((call) => call.params.chat_id))).toEqual(new Set([zaloId]));
      expect(String(sent[0]?.params.text)).toContain("Tỉnh Hà Tĩnh");
      for (const call of sent) expect(String(call.params.text ?? "").length).toBeLessThanOrEqual(2000);
      expect(String(sent.at(-1)?.params.text)).toMatch(
        /tong-hop-2026-W48-tinh-ha-tinh\.xlsx.*https:\/\/app\.example\.vn\/files\//s,
      );
      expect(await temp.db.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    } finally {
      await zaloBot.stop();
      await temp.db.channelAccount.deleteMany({ where: { personId: dung, channel: "zalo" } });
    }
  });
});
