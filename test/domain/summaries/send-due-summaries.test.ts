import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { Db } from "../../../src/db/client.js";
import { pauseSummarySubscription } from "../../../src/domain/summaries/pause-summary-subscription.js";
import { resumeSummarySubscription } from "../../../src/domain/summaries/resume-summary-subscription.js";
import { type ComposeSummaryFn, sendDueSummaries } from "../../../src/domain/summaries/send-due-summaries.js";
import { subscribeSummary } from "../../../src/domain/summaries/subscribe-summary.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const TZ = "Asia/Ho_Chi_Minh";
const translator = createTranslator("vi");
let temp: TempDb;
const clock = createFakeClock();
let composed: { key: string; late: boolean; maxTextLength: number; locale: string }[] = [];

/** A small stand-in for composeSummary: two texts, a chart and a workbook, a little slow. */
const fakeCompose: ComposeSummaryFn = async (_db, _translator, input) => {
  composed.push({
    key: input.window.key,
    late: input.late ?? false,
    maxTextLength: input.maxTextLength,
    locale: input.locale,
  });
  await sleep(30);
  return {
    texts: [`${input.late ? "⏰ " : ""}Tổng hợp ${input.window.key}`, "Phần 2"],
    chart: { fileName: `bieu-do-${input.window.key}.png`, bytes: Buffer.from("png") },
    workbook: { fileName: `tong-hop-${input.window.key}.xlsx`, bytes: Buffer.from("xlsx") },
  };
};
const sweep = (db: Db = temp.db) =>
  sendDueSummaries(db, clock, translator, { timeZone: TZ, compose: fakeCompose });

async function personId(name: string): Promise<number> {
  return (await temp.db.person.findFirstOrThrow({ where: { fullName: name } })).id;
}

/** Phạm Thị Dung subscribes (weekly, Monday 07:30) at `at`. */
async function dungSubscribes(at: string): Promise<number> {
  clock.set(at);
  const result = await subscribeSummary(temp.db, clock, await personId("Phạm Thị Dung"));
  if (!result.ok) throw new Error(result.reason);
  return result.subscriptionId;
}

async function outbox() {
  return temp.db.outboxMessage.findMany({
    where: { kind: "summary" },
    orderBy: { id: "asc" },
    select: { idempotencyKey: true, chatId: true, payload: true },
  });
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  composed = [];
  await temp.db.outboxMessage.deleteMany({});
  await temp.db.summarySent.deleteMany({});
  await temp.db.generatedFile.deleteMany({});
  await temp.db.summarySubscription.deleteMany({});
});

describe("Exactly once", () => {
  it("two racing sweeps on two connections queue one summary: texts, chart, workbook in order", async () => {
    const id = await dungSubscribes("2026-11-25T10:00:00+07:00");
    clock.set("2026-11-30T07:30:20+07:00");
    const other = temp.reopen();
    const results = await Promise.all([sweep(), sweep(other), sweep()]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    // They really raced: more than one composed it before one of them wrote.
    expect(composed.length).toBeGreaterThan(1);
    expect(await temp.db.summarySent.count()).toBe(1);
    const sent = await temp.db.summarySent.findFirstOrThrow();
    expect(sent).toMatchObject({ subscriptionId: id, periodKey: "2026-W48", late: false });
    expect(sent.dueAt?.toISOString()).toBe(new Date("2026-11-30T07:30:00+07:00").toISOString());
    const rows = await outbox();
    expect(rows.map((row) => row.idempotencyKey)).toEqual([
      `summary:${id}:2026-W48:t1`,
      `summary:${id}:2026-W48:t2`,
      `summary:${id}:2026-W48:chart`,
      `summary:${id}:2026-W48:workbook`,
    ]);
    expect(new Set(rows.map((row) => row.chatId))).toEqual(new Set(["710000004"]));
    expect(rows.map((row) => (row.payload as { method: string }).method)).toEqual([
      "sendMessage",
      "sendMessage",
      "sendPhoto",
      "sendDocument",
    ]);
    const files = await temp.db.generatedFile.findMany({ orderBy: { id: "asc" } });
    expect(files.map((file) => [file.kind, file.fileName])).toEqual([
      ["summary_chart", "bieu-do-2026-W48.png"],
      ["summary_workbook", "tong-hop-2026-W48.xlsx"],
    ]);
    expect(files[0]?.expiresAt.toISOString()).toBe(new Date("2026-12-30T07:30:20+07:00").toISOString());
    expect(composed[0]).toMatchObject({ locale: "vi", maxTextLength: 4096 });
  });

  it("after a restart (sweep, new connection, sweep) nothing new is queued", async () => {
    await dungSubscribes("2026-11-25T10:00:00+07:00");
    clock.set("2026-11-30T07:31:00+07:00");
    expect((await sweep()).sent).toBe(1);
    const restarted = temp.reopen();
    clock.set("2026-11-30T07:32:00+07:00");
    expect((await sweep(restarted)).sent).toBe(0);
    expect(await temp.db.outboxMessage.count()).toBe(4);
    expect(composed).toHaveLength(1);
  });

  it("down over Monday 07:30, back on Tuesday 09:00: sent once, marked late, not again", async () => {
    await dungSubscribes("2026-11-25T10:00:00+07:00");
    clock.set("2026-11-30T07:20:00+07:00");
    expect((await sweep()).sent).toBe(0);
    clock.set("2026-12-01T09:00:00+07:00");
    expect(await sweep()).toEqual({ sent: 1, late: 1, skipped: 0, failed: [] });
    const sent = await temp.db.summarySent.findFirstOrThrow();
    expect(sent).toMatchObject({ periodKey: "2026-W48", late: true });
    expect(composed).toEqual([{ key: "2026-W48", late: true, maxTextLength: 4096, locale: "vi" }]);
    clock.set("2026-12-01T09:01:00+07:00");
    expect((await sweep()).sent).toBe(0);
    expect(await temp.db.outboxMessage.count()).toBe(4);
  });

  it("no backlog after three missed weeks: one late summary of the last week", async () => {
    await dungSubscribes("2026-11-10T10:00:00+07:00");
    clock.set("2026-12-02T15:00:00+07:00");
    expect(await sweep()).toEqual({ sent: 1, late: 1, skipped: 0, failed: [] });
    expect(composed.map((c) => c.key)).toEqual(["2026-W48"]);
    clock.set("2026-12-07T07:30:00+07:00");
    expect(await sweep()).toEqual({ sent: 1, late: 0, skipped: 0, failed: [] });
    expect((await temp.db.summarySent.findMany({ orderBy: { id: "asc" } })).map((s) => s.periodKey)).toEqual([
      "2026-W48",
      "2026-W49",
    ]);
  });

  it("paused: nothing; resumed mid-week: nothing for earlier slots, the next one goes", async () => {
    const id = await dungSubscribes("2026-11-25T10:00:00+07:00");
    const dung = await personId("Phạm Thị Dung");
    await pauseSummarySubscription(temp.db, clock, dung, id);
    clock.set("2026-11-30T07:30:00+07:00");
    expect((await sweep()).sent).toBe(0);
    clock.set("2026-12-02T11:00:00+07:00");
    await resumeSummarySubscription(temp.db, clock, dung, id);
    expect((await sweep()).sent).toBe(0);
    clock.set("2026-12-07T07:30:30+07:00");
    expect((await sweep()).sent).toBe(1);
    expect(composed.map((c) => c.key)).toEqual(["2026-W49"]);
  });

  it("a new subscription does not send the slot before it", async () => {
    await dungSubscribes("2026-11-30T09:00:00+07:00");
    expect((await sweep()).sent).toBe(0);
  });

  it("a deactivated or demoted subscriber, or a unit out of their scope, gets nothing", async () => {
    const dung = await personId("Phạm Thị Dung");
    await dungSubscribes("2026-11-25T10:00:00+07:00");
    clock.set("2026-11-30T07:30:00+07:00");
    const province = await temp.db.person.findUniqueOrThrow({
      where: { id: dung },
      select: { unitId: true },
    });
    const commune = await temp.db.unit.findFirstOrThrow({ where: { name: "Xã Đức Thọ" } });
    try {
      await temp.db.person.update({ where: { id: dung }, data: { status: "inactive" } });
      expect(await sweep()).toEqual({ sent: 0, late: 0, skipped: 1, failed: [] });
      await temp.db.person.update({ where: { id: dung }, data: { status: "active", role: "hamlet_head" } });
      expect(await sweep()).toEqual({ sent: 0, late: 0, skipped: 1, failed: [] });
      // Moved to a commune: the province's summary is no longer hers to receive.
      await temp.db.person.update({ where: { id: dung }, data: { role: "supervisor", unitId: commune.id } });
      expect(await sweep()).toEqual({ sent: 0, late: 0, skipped: 1, failed: [] });
      expect(await temp.db.outboxMessage.count()).toBe(0);
      expect(composed).toHaveLength(0);
    } finally {
      await temp.db.person.update({
        where: { id: dung },
        data: { status: "active", role: "supervisor", unitId: province.unitId },
      });
    }
    expect((await sweep()).sent).toBe(1);
  });

  it("goes to the account used last, with that messenger's text limit", async () => {
    const dung = await personId("Phạm Thị Dung");
    await dungSubscribes("2026-11-25T10:00:00+07:00");
    await temp.db.channelAccount.create({
      data: {
        personId: dung,
        channel: "zalo",
        externalId: "4503599627370999",
        chatId: "4503599627370999",
        lastSeenAt: new Date("2026-11-29T10:00:00+07:00"),
        linkedAt: new Date("2026-11-29T10:00:00+07:00"),
      },
    });
    try {
      clock.set("2026-11-30T07:30:00+07:00");
      expect((await sweep()).sent).toBe(1);
      expect(composed[0]?.maxTextLength).toBe(2000);
      expect(new Set((await outbox()).map((row) => row.chatId))).toEqual(new Set(["4503599627370999"]));
    } finally {
      await temp.db.channelAccount.deleteMany({ where: { channel: "zalo", personId: dung } });
    }
  });

  it("a summary that cannot be made holds up no other and is tried again at the next sweep", async () => {
    const id = await dungSubscribes("2026-11-25T10:00:00+07:00");
    clock.set("2026-11-25T10:00:00+07:00");
    const binh = await subscribeSummary(temp.db, clock, await personId("Trần Thị Bình"));
    if (!binh.ok) throw new Error(binh.reason);
    let broken = true;
    const compose: ComposeSummaryFn = async (db, translator, input) => {
      if (
        broken &&
        input.rootUnitId !==
          (await temp.db.summarySubscription.findUniqueOrThrow({ where: { id: binh.subscriptionId } })).unitId
      )
        throw new Error("chart exploded");
      return fakeCompose(db, translator, input);
    };
    clock.set("2026-11-30T07:30:00+07:00");
    const first = await sendDueSummaries(temp.db, clock, translator, { timeZone: TZ, compose });
    expect(first).toEqual({
      sent: 1,
      late: 0,
      skipped: 0,
      failed: [{ subscriptionId: id, error: "chart exploded" }],
    });
    broken = false;
    clock.set("2026-11-30T07:31:00+07:00");
    expect(await sendDueSummaries(temp.db, clock, translator, { timeZone: TZ, compose })).toEqual({
      sent: 1,
      late: 0,
      skipped: 0,
      failed: [],
    });
    expect(await temp.db.summarySent.count()).toBe(2);
  });

  it("the sweep runs every minute by default (SUMMARY_CRON); a pattern that is not cron is refused", () => {
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config.summaryCron).toBe("* * * * *");
    const custom = loadConfig({ SUMMARY_CRON: "*/5 * * * *" });
    expect(custom.ok && custom.config.summaryCron).toBe("*/5 * * * *");
    const wrong = loadConfig({ SUMMARY_CRON: "every monday" });
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.split(":")[0])).toEqual(["SUMMARY_CRON"]);
  });
});
