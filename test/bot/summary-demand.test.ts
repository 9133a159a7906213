import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, USERS } from "../helpers/updates.js";
import { numberOf, startZaloBot, type ZaloBot } from "../helpers/zalo-bot.js";

let temp: TempDb;
let t: TestBot;
// Sunday of week 47: the demo has reports of weeks 43–47 (this week Xã Đức Thọ only).
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true, demoReports: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(async () => {
  await temp.cleanup();
});

const unitId = async (name: string) => (await temp.db.unit.findFirstOrThrow({ where: { name } })).id;
const isPng = (data: Buffer) =>
  data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isZip = (data: Buffer) => data.subarray(0, 2).toString("latin1") === "PK";

describe("On demand with /tonghop", () => {
  it("a supervisor picks a commune and a period and gets the text, the chart and the workbook", async () => {
    t.clear();
    await t.handle(command(USERS.supervisor, "tonghop"));
    const picker = t.lastText();
    expect(picker).toContain("Tỉnh Hà Tĩnh");
    // Her own unit first, then the three communes in Vietnamese alphabetical order.
    const labels = t
      .recent()
      .flatMap((call) =>
        (
          (call.payload.reply_markup as { inline_keyboard?: { text: string }[][] })?.inline_keyboard ?? []
        ).flat(),
      )
      .map((button) => button.text);
    expect(labels.slice(0, 4)).toEqual([
      "📍 Tỉnh Hà Tĩnh (toàn bộ)",
      "Phường Thành Sen",
      "Xã Đức Thọ",
      "Xã Lâm Trung Thủy",
    ]);
    await t.handle(callback(USERS.supervisor, t.button("Xã Đức Thọ")));
    expect(t.lastText()).toMatch(/Tổng hợp <b>Xã Đức Thọ<\/b> — chọn kỳ/);
    const thisWeek = t.button("Tuần này");
    t.clear();
    const filesBefore = t.sentFiles.length;
    await t.handle(callback(USERS.supervisor, thisWeek));
    const texts = t.texts();
    expect(texts.some((text) => text.includes("Đang tổng hợp Xã Đức Thọ, Tuần này"))).toBe(true);
    const summary = texts.join("\n");
    expect(summary).toContain("Thôn Yên Trung");
    expect(summary).toContain("Thôn Trung Lương");
    const methods = t.recent().map((call) => call.method);
    expect(methods.indexOf("sendPhoto")).toBeGreaterThan(methods.lastIndexOf("sendMessage"));
    expect(methods.indexOf("sendDocument")).toBeGreaterThan(methods.indexOf("sendPhoto"));
    const files = t.sentFiles.slice(filesBefore);
    expect(files).toHaveLength(2);
    expect(isPng(files[0]?.data ?? Buffer.alloc(0))).toBe(true);
    expect(files[1]?.name).toMatch(/\.xlsx$/);
    expect(isZip(files[1]?.data ?? Buffer.alloc(0))).toBe(true);
    const audit = await temp.db.auditLog.findMany({ where: { action: "summary.request" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ unitId: await unitId("Xã Đức Thọ"), targetType: "unit" });
    expect(audit[0]?.details).toMatchObject({ period: "2026-W47", cadence: "weekly" });
  });

  it("the main menu offers 📊 Tổng hợp to those who receive summaries, not to a hamlet head", async () => {
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:home"));
    expect(t.button("📊 Tổng hợp")).toBe("m:sum");
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:sum"));
    expect(t.lastText()).toContain("Xã Lâm Trung Thủy");
    // The menu answers its own press; the screen does not answer it a second time.
    expect(t.recent().filter((call) => call.method === "answerCallbackQuery")).toHaveLength(1);
    t.clear();
    await t.handle(command(USERS.hamletHead, "tonghop"));
    expect(t.lastText()).toMatch(/không có quyền/);
    expect(t.recent().some((call) => call.method === "sendDocument")).toBe(false);
  });

  it("a forged unit outside the person's area is refused and audited nowhere; stale buttons say so", async () => {
    const ducTho = await unitId("Xã Đức Thọ");
    const before = await temp.db.auditLog.count({ where: { action: "summary.request" } });
    t.clear();
    await t.handle(callback(USERS.communeOfficer, `smd:p:${ducTho}:lw`));
    const alert = t.recent().find((call) => call.method === "answerCallbackQuery");
    expect(alert?.payload.text).toMatch(/không thuộc phạm vi/);
    await t.handle(callback(USERS.communeOfficer, `smd:u:${ducTho}`));
    await t.handle(callback(USERS.communeOfficer, `smd:l:${ducTho}:0`));
    expect(t.recent().some((call) => call.method === "sendDocument" || call.method === "sendPhoto")).toBe(
      false,
    );
    expect(await temp.db.auditLog.count({ where: { action: "summary.request" } })).toBe(before);
    // An unknown unit and an unknown period.
    t.clear();
    await t.handle(callback(USERS.supervisor, "smd:p:999999:lw"));
    expect(t.recent().find((call) => call.method === "answerCallbackQuery")?.payload.text).toMatch(
      /Không tìm thấy đơn vị/,
    );
    t.clear();
    await t.handle(callback(USERS.supervisor, `smd:p:${ducTho}:zz`));
    expect(t.recent().find((call) => call.method === "answerCallbackQuery")?.payload.text).toMatch(
      /Nút đã cũ/,
    );
  });

  it("on Zalo the same screens are numbered choices typed as numbers, the files come as links", async () => {
    let z: ZaloBot | undefined;
    try {
      z = await startZaloBot(temp.db, clock);
      const dung = await temp.db.person.findFirstOrThrow({ where: { fullName: "Phạm Thị Dung" } });
      const chat = await z.linkPerson(dung.id);
      z.zalo.clear();
      await z.type(chat.zaloId, "tổng hợp");
      const picker = z.zalo.texts().at(-1);
      expect(picker).toContain("Tỉnh Hà Tĩnh");
      await z.type(chat.zaloId, numberOf(picker, /Xã Lâm Trung Thủy/));
      const periods = z.zalo.texts().at(-1);
      expect(periods).toMatch(/Xã Lâm Trung Thủy.*chọn kỳ/s);
      z.zalo.clear();
      await z.type(chat.zaloId, numberOf(periods, /Tuần trước/));
      const sent = z.zalo.texts().join("\n");
      expect(sent).toContain("Đang tổng hợp Xã Lâm Trung Thủy, Tuần trước");
      expect(sent).toContain("Thôn 1");
      expect(sent).toMatch(/\.xlsx/);
      expect(z.zalo.sent().some((call) => call.method === "sendPhoto")).toBe(true);
      // Every text within Zalo's 2,000 characters.
      for (const text of z.zalo.texts()) expect(text.length).toBeLessThanOrEqual(2000);
    } finally {
      await z?.stop();
    }
  });
});

describe("Đơn vị của tôi shows the breakdown", () => {
  it("a supervisor sees, per periodic form, who reported this period by commune, and a way to the full summary", async () => {
    t.clear();
    await t.handle(callback(USERS.supervisor, "m:units"));
    const text = t.lastText();
    // The counts it always had stay.
    expect(text).toContain("3 xã/phường, 7 thôn/tổ dân phố");
    // This week (week 47) only Xã Đức Thọ's two hamlets have reported; the ward's two tổ dân
    // phố have no head on the demo roster.
    expect(text).toMatch(/Tiến độ rà soát hộ nghèo, cận nghèo<\/b> · [^\n]*: 2\/7 đã báo cáo/);
    expect(text).toContain("• Phường Thành Sen: 0/2\n• Xã Đức Thọ: 2/2\n• Xã Lâm Trung Thủy: 0/3");
    // The monthly form is in its period too (nobody has reported November yet); incidents expect nothing.
    expect(text).toMatch(/Kết quả thực hiện chính sách trong tháng<\/b> · [^\n]*: 0\/7 đã báo cáo/);
    expect(text).not.toContain("Báo cáo sự việc đột xuất");
    const province = await unitId("Tỉnh Hà Tĩnh");
    expect(t.button("📊 Tổng hợp đầy đủ")).toBe(`smd:u:${province}`);
    await t.handle(callback(USERS.supervisor, t.button("📊 Tổng hợp đầy đủ")));
    expect(t.lastText()).toMatch(/Tổng hợp <b>Tỉnh Hà Tĩnh<\/b> — chọn kỳ/);
  });

  it("a commune officer sees her hamlets", async () => {
    // Nguyễn Văn An sends this week's report of Thôn 3.
    const form = await temp.db.reportForm.findFirstOrThrow({ where: { key: "review-progress" } });
    const an = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    await temp.db.report.create({
      data: {
        formId: form.id,
        formKey: form.key,
        periodKey: "2026-W47",
        unitId: an.unitId,
        personId: an.id,
        status: "submitted",
        answers: { households_listed: 240, households_surveyed: 200 },
        submittedAt: clock.now(),
      },
    });
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:units"));
    const text = t.lastText();
    expect(text).toMatch(/Tiến độ rà soát hộ nghèo, cận nghèo<\/b> · [^\n]*: 1\/3 đã báo cáo/);
    expect(text).toContain("• Thôn 1: 0/1\n• Thôn 2: 0/1\n• Thôn 3: 1/1");
  });
});
