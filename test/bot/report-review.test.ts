import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendDueReminders } from "../../src/domain/reports/send-due-reminders.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createDriver, type Driver, linkTelegram, telegramUser } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { location, photo, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
let clock: FakeClock;
let an: Driver; // hamlet head of Thôn 3, Xã Lâm Trung Thủy
let binh: Driver; // commune officer of Xã Lâm Trung Thủy
let giang: Driver; // hamlet head of Thôn 1

const GIANG = telegramUser(710000201, "Giang");

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock("2026-11-18T09:00:00+07:00"); // Wednesday of week 47
  t = createTestBot({ db: temp.db, clock });
  an = createDriver(t, USERS.hamletHead);
  binh = createDriver(t, USERS.communeOfficer);
  await linkTelegram(temp.db, "+84912000011", GIANG);
  giang = createDriver(t, GIANG);
});
afterEach(() => temp.cleanup());

/** A complete review-progress report for the current week. */
async function sendReviewProgress(driver: Driver, listed = 120) {
  await driver.command("baocao");
  await driver.press("rp:new:review-progress");
  for (const answer of [String(listed), "25", "100", "18", "22", "7"]) await driver.say(answer);
  await driver.tap("Không");
  await driver.tap("Bỏ qua");
  await driver.tap("Gửi báo cáo");
  expect(driver.last()).toMatch(/Đã gửi báo cáo/);
}

/** Messages the outbox sent, by chat. */
async function delivered(): Promise<{ chatId: string; text: string; data: string[] }[]> {
  const before = t.calls.length;
  await t.flushOutbox();
  return t.calls.slice(before).flatMap((call) => {
    if (call.method !== "sendMessage") return [];
    const markup = call.payload.reply_markup as
      | { inline_keyboard?: { callback_data?: string }[][] }
      | undefined;
    return [
      {
        chatId: String(call.payload.chat_id),
        text: String(call.payload.text),
        data: (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? ""),
      },
    ];
  });
}

describe("who has reported", () => {
  it("the commune officer sees X/Y with the names of the missing, and nudges them with one button", async () => {
    await sendReviewProgress(an);
    await binh.command("start");
    await binh.tap("Tình hình báo cáo");
    await binh.tap("Tiến độ rà soát");
    const status = binh.last();
    expect(status).toMatch(/Tuần 47 \(16\/11–22\/11\/2026\)/);
    expect(status).toMatch(/<b>1\/3<\/b> thôn đã báo cáo/);
    expect(status).toMatch(/Hạn: 20\/11\/2026/);
    expect(status).toMatch(/Còn thiếu:\n• Thôn 1 — Võ Văn Giang\n• Thôn 2 — Đặng Thị Hoa/);
    expect(status).not.toMatch(/Thôn 3/);
    // Another commune's hamlets are not in this officer's list.
    expect(status).not.toMatch(/Yên Trung/);

    await binh.tap("Nhắc các thôn chưa báo cáo");
    expect(binh.alert()).toMatch(/Đã gửi lời nhắc tới 1 người/); // Hoa has no messenger account yet
    const sent = await delivered();
    expect(sent.map((m) => m.chatId)).toEqual([String(GIANG.id)]);
    expect(sent[0]?.text).toMatch(/Trần Thị Bình nhắc: thôn mình chưa gửi báo cáo <b>Tiến độ rà soát/);
    expect(sent[0]?.data).toEqual(["rp:new:review-progress"]);
    expect(await temp.db.auditLog.count({ where: { action: "report.nudge" } })).toBe(1);
    // Nudging again the same day does not send it twice.
    await binh.tap("Nhắc các thôn chưa báo cáo");
    expect(await delivered()).toEqual([]);

    // The nudged hamlet head reports from the message's button.
    await giang.press("rp:new:review-progress");
    expect(giang.last()).toMatch(/Câu 1\/8/);
  });

  it("the last period and reports are one tap away; a hamlet head cannot see the status", async () => {
    await sendReviewProgress(an);
    await binh.press("rp:st:review-progress:0");
    await binh.tap("Kỳ trước");
    expect(binh.last()).toMatch(/Tuần 46/);
    expect(binh.last()).toMatch(/<b>0\/3<\/b>/);
    await an.press("rp:st:review-progress:0");
    expect(an.last()).toMatch(/không có quyền|Bạn không/);
    await an.press("rp:xl:review-progress:0");
    expect(an.alert()).toBeTruthy();
    expect(t.recent().some((c) => c.method === "sendDocument")).toBe(false);
  });
});

describe("reminders", () => {
  const run = () => sendDueReminders(temp.db, clock, t.deps.translator, t.deps.forms, "Asia/Ho_Chi_Minh");

  it("go at fixed days around the deadline, only to those who have not reported, once each", async () => {
    // Week 47: deadline Friday 20/11 17:00; reminders the day before, on the day, two days after.
    clock.set("2026-11-18T08:00:00+07:00"); // Wednesday: nothing due
    expect(await run()).toBe(0);

    clock.set("2026-11-19T08:00:00+07:00"); // Thursday: the day before
    expect(await run()).toBe(2); // An and Giang (Hoa has no account)
    let sent = await delivered();
    expect(new Set(sent.map((m) => m.chatId))).toEqual(
      new Set([String(USERS.hamletHead.id), String(GIANG.id)]),
    );
    expect(sent[0]?.text).toMatch(
      /⏰ Nhắc báo cáo: <b>Tiến độ rà soát hộ nghèo, cận nghèo<\/b> — Tuần 47.*hạn 17:00 20\/11\/2026/,
    );
    expect(await run()).toBe(0); // the job running again (another instance, a restart) sends nothing new

    await sendReviewProgress(an);
    clock.set("2026-11-20T08:00:00+07:00"); // Friday, the deadline: Giang only, and the officer's summary
    expect(await run()).toBe(2);
    sent = await delivered();
    const toGiang = sent.filter((m) => m.chatId === String(GIANG.id));
    expect(toGiang).toHaveLength(1);
    expect(sent.some((m) => m.chatId === String(USERS.hamletHead.id))).toBe(false);
    const toBinh = sent.find((m) => m.chatId === String(USERS.communeOfficer.id));
    expect(toBinh?.text).toMatch(/<b>1\/3<\/b> thôn đã báo cáo/);
    expect(toBinh?.text).toMatch(/Thôn 1 — Võ Văn Giang/);
    expect(toBinh?.data).toContain("rp:ng:review-progress:0");

    clock.set("2026-11-21T08:00:00+07:00"); // Saturday: not a reminder day
    expect(await run()).toBe(0);
  });

  it("monthly forms remind three days before the 25th; nothing outside the review season", async () => {
    clock.set("2026-11-22T08:00:00+07:00"); // Sunday: 2 days after the weekly deadline, 3 before the 25th
    await run();
    const texts = (await delivered()).filter((m) => m.chatId === String(GIANG.id)).map((m) => m.text);
    expect(
      texts.some((text) => /Kết quả thực hiện chính sách trong tháng<\/b> — Tháng 11\/2026/.test(text)),
    ).toBe(true);
    expect(texts.some((text) => /Tiến độ rà soát/.test(text))).toBe(true);

    clock.set("2027-01-14T08:00:00+07:00"); // January: weekly review reminders are out of season
    await run();
    const january = await delivered();
    expect(january.some((m) => /Tiến độ rà soát/.test(m.text))).toBe(false);
  });
});

describe("review and correction", () => {
  it("the officer returns a report for two answers; the hamlet head fixes only those; history is kept", async () => {
    await sendReviewProgress(an);
    const report = await temp.db.report.findFirstOrThrow();

    await binh.press("rp:st:review-progress:0");
    await binh.tap("Xem báo cáo");
    expect(binh.last()).toMatch(/1 báo cáo/);
    await binh.tap("Thôn 3");
    expect(binh.last()).toMatch(/Thôn 3 \(Nguyễn Văn An\) — ✅ đã gửi/);
    expect(binh.last()).toMatch(/<b>120 hộ<\/b>/);
    await binh.tap("Yêu cầu bổ sung");
    await binh.tap("Thôn có bao nhiêu hộ");
    await binh.tap("Bao nhiêu hộ dự kiến thoát nghèo");
    expect(binh.last()).toMatch(/đã chọn 2/);
    await binh.tap("Xong");
    await binh.say("ok"); // too short
    expect(binh.last()).toMatch(/ít nhất 3 ký tự/);
    await binh.say("Số hộ trong danh sách chưa khớp với danh sách xã, kiểm tra lại.");
    expect(binh.last()).toMatch(/Đã gửi yêu cầu bổ sung/);

    const [notice] = await delivered();
    expect(notice?.chatId).toBe(String(USERS.hamletHead.id));
    expect(notice?.text).toMatch(/cần bổ sung.*Trần Thị Bình nhận xét: «Số hộ trong danh sách chưa khớp/s);
    expect(notice?.text).toMatch(
      /• Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay\?\n• Bao nhiêu hộ dự kiến thoát nghèo\?/,
    );
    expect(notice?.data).toEqual([`rp:fix:${report.id}`]);

    // The same report cannot be returned twice.
    await binh.press(`rp:vw:${report.id}`);
    expect(() => t.button("Yêu cầu bổ sung")).toThrow();

    // Leaving the correction half-way keeps every answer.
    await an.press(`rp:fix:${report.id}`);
    await an.say("130");
    await an.tap("Để sau");
    expect((await temp.db.report.findUniqueOrThrow({ where: { id: report.id } })).answers).toMatchObject({
      households_listed: 130,
      proposed_exit_poor: 7,
    });
    await an.press(`rp:fix:${report.id}`);
    expect(t.texts()[0]).toMatch(/Sửa báo cáo.*Cán bộ xã nhận xét/s);
    expect(an.last()).toMatch(/Thôn có bao nhiêu hộ.*\nTrả lời trước: 130 hộ/s);
    await an.say("130");
    expect(an.last()).toMatch(/Bao nhiêu hộ dự kiến thoát nghèo.*Trả lời trước: 7 hộ/s);
    await an.say("6");
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(/Đã gửi bản sửa/);

    const after = await temp.db.report.findUniqueOrThrow({
      where: { id: report.id },
      include: { revisions: { orderBy: { id: "asc" } } },
    });
    expect(after.status).toBe("submitted");
    expect(after.answers).toMatchObject({ households_listed: 130, proposed_exit_poor: 6, poor_at_start: 25 });
    expect(after.revisions.map((r) => r.event)).toEqual(["submitted", "returned", "corrected"]);
    expect(after.revisions[0]?.answers).toMatchObject({ households_listed: 120, proposed_exit_poor: 7 });
    expect(after.revisions[2]?.answers).toMatchObject({ households_listed: 130, proposed_exit_poor: 6 });
    expect(after.revisions[1]?.comment).toMatch(/chưa khớp/);
    const audit = await temp.db.auditLog.findMany({
      where: { targetType: "Report" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["report.submit", "report.return", "report.correct"]);
  });

  it("an officer of another commune can neither open nor return the report", async () => {
    await sendReviewProgress(an);
    const report = await temp.db.report.findFirstOrThrow();
    const khanh = telegramUser(710000202, "Khánh");
    await linkTelegram(temp.db, "+84912000021", khanh);
    const other = createDriver(t, khanh);
    await other.press(`rp:vw:${report.id}`);
    expect(other.last()).toMatch(/không có quyền|Bạn không/);
    await other.press(`rp:rt:${report.id}`);
    expect(other.alert()).toBeTruthy();
    expect(Object.keys(await temp.db.report.findFirstOrThrow())).toBeTruthy();
    expect((await temp.db.report.findFirstOrThrow()).status).toBe("submitted");
    // Their own status page counts their own hamlets only.
    await other.press("rp:st:review-progress:0");
    expect(other.last()).toMatch(/<b>0\/2<\/b>/);
    expect(other.last()).toMatch(/Thôn Yên Trung/);
  });
});

describe("incident reports", () => {
  it("the officer sees the photos and the place with the report", async () => {
    await an.command("baocao");
    await an.press("rp:new:incident");
    await an.tap("Cháy, nổ");
    await an.say("hôm nay");
    await an.say("Cháy bếp nhà ông Hùng, thiệt hại nhẹ.");
    await an.say("1");
    await an.say("4");
    await an.tap("Không");
    await an.send(photo(USERS.hamletHead, undefined, "AgAC-fire"));
    await an.tap("Xong");
    await an.send(location(USERS.hamletHead, 18.3, 105.9));
    await an.tap("Gửi báo cáo");

    await binh.press("rp:st:incident:0");
    expect(binh.last()).toMatch(/gửi khi có việc/);
    await binh.tap("Xem báo cáo");
    await binh.tap("Thôn 3");
    expect(binh.last()).toMatch(/Cháy bếp nhà ông Hùng/);
    const sent = t.recent();
    expect(sent.find((c) => c.method === "sendPhoto")?.payload).toMatchObject({ photo: "AgAC-fire" });
    expect(sent.find((c) => c.method === "sendLocation")?.payload).toMatchObject({
      latitude: 18.3,
      longitude: 105.9,
    });
  });
});

describe("Excel export", () => {
  it("one row per report, one column per field with its label, values readable; the export is audited", async () => {
    await sendReviewProgress(an, 120);
    await sendReviewProgress(giang, 105);
    await binh.press("rp:st:review-progress:0");
    await binh.tap("Xuất Excel");
    const call = t.recent().find((c) => c.method === "sendDocument");
    expect(call?.payload.caption).toMatch(/Tuần 47 \(16\/11–22\/11\/2026\): 2 dòng/);
    expect(Object.values(call?.payload ?? {}).some((v) => /^<file .*\.xlsx>$/.test(String(v)))).toBe(true);

    const { exportReports } = await import("../../src/domain/reports/review.js");
    const person = await temp.db.person.findFirstOrThrow({
      where: { phone: "+84912000002" },
      include: { unit: true },
    });
    const form = await t.deps.forms.byKey("review-progress");
    if (!form) throw new Error("review-progress form missing");
    const exported = await exportReports(
      temp.db,
      clock,
      { id: person.id, role: "commune_officer", status: "active", unitPath: person.unit.path },
      {
        form: form.definition,
        periodKey: "2026-W47",
        periodLabel: "Tuần 47",
        timeZone: "Asia/Ho_Chi_Minh",
      },
    );
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.data as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no worksheet");
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 5)).toEqual(["Đơn vị", "Thuộc", "Người báo cáo", "Trạng thái", "Gửi lúc"]);
    expect(header).toContain("Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay?");
    expect(header).toContain("Thôn đã họp dân thống nhất kết quả rà soát chưa?");
    const rows = [2, 3].map((n) => sheet.getRow(n));
    const col = (label: string) => header.indexOf(label) + 1;
    const byUnit = new Map(rows.map((row) => [String(row.getCell(1).value), row]));
    expect([...byUnit.keys()].sort()).toEqual(["Thôn 1", "Thôn 3"]);
    const listed = col("Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay?");
    expect(byUnit.get("Thôn 3")?.getCell(listed).value).toBe(120);
    expect(byUnit.get("Thôn 1")?.getCell(listed).value).toBe(105);
    expect(byUnit.get("Thôn 1")?.getCell(3).value).toBe("Võ Văn Giang");
    expect(byUnit.get("Thôn 3")?.getCell(col("Thôn đã họp dân thống nhất kết quả rà soát chưa?")).value).toBe(
      "Không",
    );
    expect(sheet.rowCount).toBe(3);

    const audit = await temp.db.auditLog.findMany({ where: { action: "report.export" } });
    expect(audit).toHaveLength(2); // the button and the direct call
  });
});
