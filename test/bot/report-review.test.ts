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
    expect(status).toMatch(
      /Còn thiếu:\n• Thôn 1 — Võ Văn Giang\n• Thôn 2 — Đặng Thị Hoa \(chưa dùng bot, 📞 0912 000 012\)/,
    );
    expect(status).not.toMatch(/Thôn 3/);
    // Another commune's hamlets are not in this officer's list.
    expect(status).not.toMatch(/Yên Trung/);

    await binh.tap("Nhắc các thôn chưa báo cáo");
    // Hoa has no messenger account yet: not counted as reminded, named with her phone instead.
    expect(binh.last()).toMatch(/^🔔 Đã nhắc 1 người qua bot\.\n📞 1 người chưa dùng bot/);
    const sent = await delivered();
    expect(sent.map((m) => m.chatId)).toEqual([String(GIANG.id)]);
    expect(sent[0]?.text).toMatch(/Trần Thị Bình nhắc: thôn mình chưa gửi báo cáo <b>Tiến độ rà soát/);
    expect(sent[0]?.data).toEqual(["rp:new:review-progress"]);
    expect(await temp.db.auditLog.count({ where: { action: "report.nudge" } })).toBe(1);
    // Nudging again the same day does not send it twice, and says so.
    await binh.tap("Nhắc các thôn chưa báo cáo");
    expect(await delivered()).toEqual([]);
    expect(binh.last()).toMatch(/Hôm nay bạn đã nhắc 1 người này rồi/);

    // The nudged hamlet head reports from the message's button.
    await giang.press("rp:new:review-progress");
    expect(giang.last()).toMatch(/Câu 1 · /);
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
    expect(binh.last()).toBe("Chọn các câu cần bổ sung:"); // no "(đã chọn 0)", no "Xong" not shown
    expect(() => t.button("Xong")).toThrow();
    await binh.tap("Thôn có bao nhiêu hộ");
    await binh.tap("Bao nhiêu hộ dự kiến thoát nghèo");
    expect(binh.last()).toMatch(/Đã chọn 2 câu/);
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
    const exported = await exportReports(temp.db, clock, person.id, {
      form: form.definition,
      periodKey: "2026-W47",
      periodLabel: "Tuần 47",
      timeZone: "Asia/Ho_Chi_Minh",
    });
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

/** The officer sends the report back for the questions whose labels start with `labels`. */
async function returnReport(reportId: number, labels: string[]) {
  await binh.press(`rp:vw:${reportId}`);
  await binh.tap("Yêu cầu bổ sung");
  for (const label of labels) await binh.tap(label);
  await binh.tap("Xong");
  await binh.say("Số liệu chưa khớp với danh sách xã, kiểm tra lại giúp.");
  expect(binh.last()).toMatch(/Đã gửi yêu cầu bổ sung/);
  await delivered(); // the notice to the hamlet head
}

/** An incident report from Thôn 3, with or without a call for emergency support. */
async function sendIncident(urgent: boolean) {
  await an.command("baocao");
  await an.press("rp:new:incident");
  await an.tap("Cháy, nổ");
  await an.say("hôm nay");
  await an.say("Cháy kho rơm, 2 hộ mất lương thực.");
  await an.say("2");
  await an.say("7");
  await an.tap(urgent ? "Có" : "Không");
  if (urgent) {
    await an.tap("Lương thực");
    await an.tap("Xong");
  }
  await an.tap("Bỏ qua"); // photos
  await an.tap("Bỏ qua"); // location
  await an.tap("Gửi báo cáo");
}

describe("Urgent and corrected reports reach a person", () => {
  it("an incident needing emergency support reaches the commune officer at once, with a button that opens it", async () => {
    await sendIncident(true);
    expect(an.last()).toMatch(
      /^✅ Đã gửi báo cáo <b>Báo cáo sự việc đột xuất<\/b>.*\n🚨 Đã báo ngay cho: Trần Thị Bình\.$/,
    );
    const report = await temp.db.report.findFirstOrThrow();
    // Queued with the submission (same transaction, same instant), one row for the officer.
    const rows = await temp.db.outboxMessage.findMany({ where: { kind: "notification", status: "pending" } });
    expect(rows.map((row) => row.chatId)).toEqual([String(USERS.communeOfficer.id)]);
    expect(rows[0]?.createdAt).toEqual(report.submittedAt);

    const sent = await delivered();
    expect(sent).toHaveLength(1);
    const [notice] = sent;
    expect(notice?.chatId).toBe(String(USERS.communeOfficer.id));
    expect(notice?.text).toMatch(
      /^🚨 <b>Báo cáo khẩn: Báo cáo sự việc đột xuất<\/b>\nThôn 3 — Nguyễn Văn An\n• Đã xảy ra việc gì\? <b>Cháy, nổ<\/b>/,
    );
    expect(notice?.text).toMatch(
      /• Có cần hỗ trợ khẩn cấp không\? <b>Có<\/b>\n• Cần hỗ trợ những gì\? <b>Lương thực<\/b>/,
    );
    expect(notice?.data).toEqual([`rp:vw:${report.id}`]);

    // The button: the same report view as from 📊 Tình hình báo cáo, marked urgent.
    await binh.press(notice?.data[0] ?? "");
    expect(binh.last()).toMatch(
      /^🚨 <b>Báo cáo khẩn<\/b>\n📄 <b>Báo cáo sự việc đột xuất<\/b> — Thôn 3 \(Nguyễn Văn An\) — ✅ đã gửi/,
    );
    expect(binh.last()).toMatch(/Cháy kho rơm, 2 hộ mất lương thực\./);
    expect(await temp.db.auditLog.count({ where: { action: "report.submit" } })).toBe(1);
  });

  it("an incident that needs no emergency support is not pushed to anyone", async () => {
    await sendIncident(false);
    expect(an.last()).toMatch(/^✅ Đã gửi báo cáo <b>Báo cáo sự việc đột xuất<\/b>[^\n]*$/);
    expect(await delivered()).toEqual([]);
  });

  it("a corrected report tells the officer what changed", async () => {
    await sendReviewProgress(an);
    const report = await temp.db.report.findFirstOrThrow();
    expect(await delivered()).toEqual([]); // a first weekly report is not news
    await returnReport(report.id, ["Thôn có bao nhiêu hộ"]);

    await an.press(`rp:fix:${report.id}`);
    await an.say("130");
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(/^✅ Đã gửi bản sửa của báo cáo .*\nĐã báo cho: Trần Thị Bình\.$/);
    const [notice, ...others] = await delivered();
    expect(others).toEqual([]);
    expect(notice?.chatId).toBe(String(USERS.communeOfficer.id));
    expect(notice?.text).toBe(
      [
        "✏️ <b>Báo cáo đã sửa: Tiến độ rà soát hộ nghèo, cận nghèo</b>",
        "Thôn 3 — Nguyễn Văn An. Các câu đã sửa:",
        "• Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay? <b>130 hộ</b> (trước: 120 hộ)",
      ].join("\n"),
    );
    expect(notice?.data).toEqual([`rp:vw:${report.id}`]);
    await binh.press(`rp:vw:${report.id}`);
    expect(binh.last()).toMatch(/Thôn 3 \(Nguyễn Văn An\) — ✅ đã gửi\n.*<b>130 hộ<\/b>/s);
  });
});

/** Every "bấm X" in a message the person got comes with the button X on that message. */
function expectMentionedButtonsShown(chatId: number) {
  let checked = 0;
  for (const call of t.calls) {
    if (String(call.payload.chat_id) !== String(chatId) || typeof call.payload.text !== "string") continue;
    const markup = call.payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
    const buttons = (markup?.inline_keyboard ?? []).flat().map((button) => button.text);
    for (const match of call.payload.text.matchAll(/bấm (?:<b>)?(.+?)(?:<\/b>)?(?= \(| để|[.:,]|$)/gm)) {
      const label = match[1] ?? "";
      expect(
        buttons.some((button) => button.includes(label)),
        `"${label}" in ${JSON.stringify(call.payload.text)} has no button (${buttons.join(" | ")})`,
      ).toBe(true);
      checked += 1;
    }
  }
  return checked;
}

describe("Correcting a returned report has no dead ends", () => {
  it("a failed check offers the other answer even when the reviewer did not mark it; the counter counts the corrections", async () => {
    await sendReviewProgress(an); // 120 listed, 25 poor at the start, 100 surveyed, 18 + 22 proposed, 7 exits
    const report = await temp.db.report.findFirstOrThrow();
    await returnReport(report.id, ["Thôn có bao nhiêu hộ"]);

    await an.press(`rp:fix:${report.id}`);
    expect(an.last()).toMatch(/^<b>Câu 1\/1\.<\/b> Thôn có bao nhiêu hộ/);
    expect(() => t.button("Quay lại")).toThrow(); // nothing before the first correction
    await an.say("90"); // fewer than the 100 surveyed: maybe the 100 is what is wrong
    expect(an.last()).toMatch(
      /^⚠️ Số hộ đã rà soát không thể nhiều hơn số hộ trong danh sách cần rà soát\.\n.*«Đến nay đã rà soát, chấm điểm xong bao nhiêu hộ\?».*<b>✏️ Sửa câu kia<\/b>/s,
    );
    await an.tap("Sửa câu kia");
    expect(an.last()).toMatch(
      /^<b>Câu 2\/2\.<\/b> Đến nay đã rà soát, chấm điểm xong bao nhiêu hộ\?\nTrả lời trước: 100 hộ$/,
    );
    await an.say("80");
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
    expect(an.last()).not.toMatch(/Cần sửa trước khi gửi/);
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(/Đã gửi bản sửa/);
    const after = await temp.db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(after.status).toBe("submitted");
    expect(after.answers).toMatchObject({
      households_listed: 90,
      households_surveyed: 80,
      proposed_poor: 18,
    });
    expect(expectMentionedButtonsShown(USERS.hamletHead.id)).toBeGreaterThan(0);
  });

  it("typed “sửa” works too, and leaving half-way and coming back never strands the person", async () => {
    await sendReviewProgress(an);
    const report = await temp.db.report.findFirstOrThrow();
    await returnReport(report.id, ["Bao nhiêu hộ dự kiến thoát nghèo"]);

    await an.press(`rp:fix:${report.id}`);
    expect(an.last()).toMatch(/^<b>Câu 1\/1\.<\/b> Bao nhiêu hộ dự kiến thoát nghèo/);
    await an.say("30"); // more exits than the 25 poor households at the start
    expect(an.last()).toMatch(/thoát nghèo không thể nhiều hơn số hộ nghèo đầu đợt/);
    await an.tap("Hủy");
    // The message names the button it shows.
    expect(an.last()).toMatch(/Đã dừng sửa báo cáo.*bấm <b>✏️ Sửa báo cáo<\/b>/s);
    await an.tap("Sửa báo cáo");
    expect(an.last()).toMatch(/^<b>Câu 1\/1\.<\/b> Bao nhiêu hộ dự kiến thoát nghèo/);
    await an.say("30");
    await an.say("sửa"); // as through Zalo, where there are no buttons
    expect(an.last()).toMatch(/^<b>Câu 2\/2\.<\/b> Đầu đợt rà soát, thôn có bao nhiêu hộ nghèo\?/);
    await an.say("35");
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
    expect(an.last()).not.toMatch(/Cần sửa trước khi gửi/);
    await an.say("1"); // "1. ✅ Gửi báo cáo"
    expect(an.last()).toMatch(/Đã gửi bản sửa/);
    const after = await temp.db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(after.answers).toMatchObject({ proposed_exit_poor: 30, poor_at_start: 35 });
    expect(expectMentionedButtonsShown(USERS.hamletHead.id)).toBeGreaterThan(0);
  });
});
