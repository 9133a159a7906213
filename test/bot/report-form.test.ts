import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FORMS_DIR, loadForms } from "../../src/domain/reports/load-forms.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createDriver, type Driver, linkTelegram, telegramUser } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, location, photo, redelivered, sticker, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
let clock: FakeClock;
let an: Driver;

// Sunday of week 47, inside the yearly review (1/9 – 14/12).
const NOW = "2026-11-22T09:00:00+07:00";

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock(NOW);
  t = createTestBot({ db: temp.db, clock });
  an = createDriver(t, USERS.hamletHead);
});
afterEach(async () => {
  await temp.cleanup();
});

const reports = () => temp.db.report.findMany({ include: { revisions: true, form: true } });

/** Every question of the shipped forms. */
const FORM_LABELS = loadForms(FORMS_DIR).forms.flatMap((form) => form.fields.map((field) => field.label));

/** Starts a new report of `formKey` from /baocao. */
async function start(driver: Driver, formKey: string) {
  await driver.command("baocao");
  await driver.press(`rp:new:${formKey}`);
}

describe("review progress report", () => {
  it("walks the form, re-asks wrong answers with the reason, and sends one report", async () => {
    await an.command("baocao");
    expect(an.last()).toMatch(/chọn loại báo cáo/);
    const texts = await an.tap("Tiến độ rà soát");
    expect(texts[0]).toMatch(/Tuần 47 \(16\/11–22\/11\/2026\)/);
    expect(an.last()).toMatch(/^<b>Câu 1 · còn tối đa 11 câu\.<\/b> Thôn có bao nhiêu hộ/);

    await an.say("khoảng một trăm");
    expect(an.last()).toMatch(/⚠️ Cần một số nguyên từ 0 đến 5\.000 hộ/);
    await an.say("-5");
    expect(an.last()).toMatch(/⚠️/);
    await an.say("120 hộ");
    expect(an.last()).toMatch(/Câu 2 · /);
    await an.say("25");
    await an.say("1.500"); // more surveyed than listed: the check between answers says so at once
    expect(an.last()).toMatch(/Số hộ đã rà soát không thể nhiều hơn số hộ trong danh sách/);
    expect(an.last()).toMatch(/Sửa câu kia/);
    await an.say("100");
    expect(an.last()).toMatch(/Câu 4 · /);
    await an.say("18");
    await an.say("22");
    await an.say("30"); // more exiting poverty than poor at the start
    expect(an.last()).toMatch(/thoát nghèo không thể nhiều hơn số hộ nghèo đầu đợt/);
    await an.say("7");
    expect(an.last()).toMatch(/Câu 7 · còn tối đa 5 câu\.<\/b> Thôn đã họp dân/);
    expect(() => t.button("Bỏ qua")).toThrow(); // required: no skip button
    await an.say("có"); // yes/no can be typed too
    expect(an.last()).toMatch(/Câu 8 · còn 4 câu\.<\/b> Họp dân ngày nào/);
    await an.say("25/12");
    expect(an.last()).toMatch(/⚠️/);
    await an.say("hôm qua");
    expect(an.last()).toMatch(/Câu 9 · còn 3 câu/);
    await an.say("120");
    expect(an.last()).toMatch(/⚠️ .*100/);
    await an.say("85,5%");
    await an.tap("Có");
    await an.tap("Không");
    expect(an.last()).toMatch(/Câu 12 · câu cuối/);
    await an.tap("Bỏ qua");

    const summary = an.last();
    expect(summary).toMatch(/Kiểm tra lại báo cáo/);
    expect(summary).toMatch(/danh sách cần rà soát năm nay\? <b>120 hộ<\/b>/);
    expect(summary).toMatch(/Họp dân ngày nào\? <b>21\/11\/2026<\/b>/);
    expect(summary).toMatch(/<b>85,5%<\/b>/);
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(/✅ Đã gửi báo cáo <b>Tiến độ rà soát hộ nghèo, cận nghèo<\/b> — Tuần 47/);

    const [report] = await reports();
    expect(report?.status).toBe("submitted");
    expect(report?.periodKey).toBe("2026-W47");
    expect(report?.answers).toEqual({
      households_listed: 120,
      poor_at_start: 25,
      households_surveyed: 100,
      proposed_poor: 18,
      proposed_near_poor: 22,
      proposed_exit_poor: 7,
      meeting_held: true,
      meeting_date: "2026-11-21",
      agreement_rate: 85.5,
      minutes_sent: true,
      list_posted: false,
      difficulties: null,
    });
    expect(report?.revisions.map((r) => r.event)).toEqual(["submitted"]);
    const audit = await temp.db.auditLog.findMany({ where: { action: "report.submit" } });
    expect(audit).toHaveLength(1);

    // Once sent, the form is not offered again this week; "Báo cáo của tôi" shows it.
    await an.command("baocao");
    expect(an.last()).toMatch(/✅ Đã gửi <b>Tiến độ rà soát hộ nghèo, cận nghèo<\/b> — Tuần 47/);
    expect(() => t.button("Tiến độ rà soát")).toThrow();
    await an.press("rp:new:review-progress"); // e.g. an old reminder's button
    expect(an.last()).toMatch(/Thôn đã gửi báo cáo/);
    await an.press("m:myrp");
    expect(an.last()).toMatch(
      /Tiến độ rà soát hộ nghèo, cận nghèo — Tuần 47 \(16\/11–22\/11\/2026\): ✅ đã gửi/,
    );
  });

  it("goes back, skips only optional fields, and lets the person change one answer at the end", async () => {
    await start(an, "review-progress");
    await an.say("100");
    await an.say("20");
    expect(an.last()).toMatch(/Câu 3 · /);
    await an.tap("Quay lại");
    expect(an.last()).toMatch(/Câu 2 · còn tối đa 10 câu\.<\/b> Đầu đợt rà soát/);
    expect(an.last()).toMatch(/Trả lời trước: 20 hộ/);
    await an.tap("Để sau"); // going back does not drop the answer
    expect((await reports())[0]?.answers).toEqual({ households_listed: 100, poor_at_start: 20 });
    await an.command("baocao");
    await an.tap("Làm tiếp");
    await an.tap("Quay lại");
    await an.say("30");
    for (const answer of ["40", "20", "10", "5"]) await an.say(answer);
    await an.tap("Không"); // no village meeting yet: its four questions disappear
    expect(an.last()).toMatch(/Câu 8 · câu cuối\.<\/b> Có khó khăn/);
    await an.say("Thiếu cán bộ điều tra, nhiều hộ đi làm ăn xa.");
    expect(an.last()).toMatch(/Kiểm tra lại/);
    expect(an.last()).not.toMatch(/Họp dân ngày nào/);

    await an.tap("Sửa một câu");
    expect(an.last()).toMatch(/Bạn muốn sửa câu nào/);
    await an.tap("4. Theo kết quả chấm điểm");
    expect(an.last()).toMatch(/Theo kết quả chấm điểm/);
    await an.say("50"); // more than surveyed
    expect(an.last()).toMatch(/không thể nhiều hơn số hộ đã rà soát/);
    await an.say("12");
    expect(an.last()).toMatch(/dự kiến là hộ nghèo\? <b>12 hộ<\/b>/);
    await an.tap("Gửi báo cáo");
    const [report] = await reports();
    expect(report?.answers).toMatchObject({
      poor_at_start: 30,
      proposed_poor: 12,
      meeting_held: false,
      difficulties: "Thiếu cán bộ điều tra, nhiều hộ đi làm ăn xa.",
    });
    expect(report?.answers).not.toHaveProperty("meeting_date");
  });

  it("'Hủy' stops and keeps the draft; the person is told and can continue or discard it", async () => {
    await start(an, "review-progress");
    await an.say("100");
    await an.say("20");
    await an.tap("Hủy");
    expect(an.last()).toMatch(/Đã dừng báo cáo.*lưu nháp/);
    expect((await reports())[0]?.answers).toEqual({ households_listed: 100, poor_at_start: 20 });

    await an.command("start");
    expect(t.texts().join("\n")).toMatch(/Bạn có một báo cáo chưa gửi/);
    await an.command("baocao");
    expect(an.last()).toMatch(/Bạn có một báo cáo chưa gửi: <b>Tiến độ rà soát/);
    await an.tap("Làm tiếp");
    expect(t.texts()[0]).toMatch(/Làm tiếp báo cáo/);
    expect(an.last()).toMatch(/Câu 3 · /);

    await an.say("huỷ"); // typed, as people do
    expect(an.last()).toMatch(/Đã dừng báo cáo/);
    await an.tap("Bỏ nháp");
    expect(an.last()).toMatch(/Bỏ bản nháp <b>Tiến độ rà soát.*<\/b>\? 2 câu đã trả lời sẽ bị xóa/);
    expect(await reports()).toHaveLength(1); // asked first
    await an.tap("Bỏ nháp");
    expect(an.last()).toMatch(/Đã bỏ bản nháp/);
    expect(await reports()).toHaveLength(0);
    // The discard button of the old message is stale now.
    await an.press(`rp:dis:1`);
    expect(an.alert()).toMatch(/cũ|không còn/i);
  });

  it("/cancel, /help and other commands mid-form, stickers and photos on a number question", async () => {
    await start(an, "review-progress");
    await an.say("100");
    await an.command("help");
    expect(an.last()).toMatch(/Bạn đang làm dở: <b>làm báo cáo<\/b>/);
    // (A feature's command or button leaves the form instead: task-switching.test.ts.)
    await an.command("xoa_het");
    expect(an.last()).toMatch(/Bạn đang làm báo cáo/);
    await an.send(sticker(USERS.hamletHead));
    expect(an.last()).toMatch(/⚠️/);
    await an.send(photo(USERS.hamletHead));
    expect(an.last()).toMatch(/⚠️/);
    await an.send(callback(USERS.hamletHead, "ar:1:0")); // a button of an earlier task
    expect(an.alert()).toBeTruthy();
    await an.say("20");
    expect(an.last()).toMatch(/Câu 3 · /);
    await an.command("cancel");
    expect(t.texts()[0]).toMatch(/Đã hủy việc đang làm/);
    expect(t.texts().join("\n")).toMatch(/Bạn có một báo cáo chưa gửi/);
    expect((await reports())[0]?.answers).toEqual({ households_listed: 100, poor_at_start: 20 });
  });

  it("refuses buttons of earlier questions and of an earlier visit", async () => {
    await start(an, "review-progress");
    const firstLater = t.button("Để sau");
    await an.say("100");
    const secondBack = t.button("Quay lại");
    await an.say("20");
    await an.press(firstLater);
    expect(an.alert()).toMatch(/cũ/);
    await an.press(secondBack);
    expect(an.alert()).toMatch(/cũ/);
    await an.tap("Để sau");
    expect(an.last()).toMatch(/Đã lưu nháp/);
    // Come back: the buttons of the first visit do nothing.
    await an.command("baocao");
    await an.tap("Làm tiếp");
    await an.press(secondBack);
    expect(an.alert()).toMatch(/cũ/);
    const answers = (await reports())[0]?.answers;
    expect(answers).toEqual({ households_listed: 100, poor_at_start: 20 });
    // A form button after the form is over is stale too.
    await an.tap("Hủy");
    await an.press(secondBack);
    expect(an.alert()).toMatch(/cũ/);
  });

  it("sends one report however often 'Gửi' arrives (double tap, re-delivered update)", async () => {
    await start(an, "policy-delivery");
    for (const answer of ["12", "8", "0", "0"]) await an.say(answer);
    await an.tap("Bỏ qua");
    await an.tap("Bỏ qua");
    const send = callback(USERS.hamletHead, t.button("Gửi báo cáo"));
    await an.send(send);
    await an.send(redelivered(send));
    await an.send(callback(USERS.hamletHead, String(send.callback_query?.data)));
    const all = await reports();
    expect(all).toHaveLength(1);
    expect(all[0]?.status).toBe("submitted");
    expect(all[0]?.revisions).toHaveLength(1);
    expect(all[0]?.answers).toEqual({
      bhyt_poor: 12,
      bhyt_near_poor: 8,
      loan_households: 0,
      housing_households: 0,
      students_supported: null,
      notes: null,
    });
  });

  it("picking an answer to change and then leaving keeps the old answer", async () => {
    await start(an, "policy-delivery");
    for (const answer of ["3", "2", "0", "0"]) await an.say(answer);
    await an.tap("Bỏ qua");
    await an.tap("Bỏ qua");
    await an.tap("Sửa một câu");
    await an.tap("1. Trong tháng, thôn đã phát");
    await an.tap("Quay lại"); // back to the summary, answer unchanged
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
    await an.tap("Sửa một câu");
    await an.tap("1. Trong tháng, thôn đã phát");
    await an.tap("Để sau");
    expect((await reports())[0]?.answers).toMatchObject({ bhyt_poor: 3, bhyt_near_poor: 2 });
  });

  it("two heads of one hamlet: the second to send is told the hamlet has already reported", async () => {
    const other = telegramUser(710000203, "Phó");
    const thon3 = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT-03" } });
    await temp.db.person.create({
      data: { fullName: "Phan Văn Phó", phone: "+84912000099", role: "hamlet_head", unitId: thon3.id },
    });
    await linkTelegram(temp.db, "+84912000099", other);
    const pho = createDriver(t, other);
    for (const driver of [an, pho]) {
      await start(driver, "review-progress");
      for (const answer of ["100", "20", "50", "10", "10", "5"]) await driver.say(answer);
      await driver.tap("Không");
      await driver.tap("Bỏ qua");
    }
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(/Đã gửi báo cáo/);
    await pho.tap("Gửi báo cáo");
    expect(pho.last()).toMatch(/Thôn đã gửi báo cáo/);
    expect((await reports()).filter((r) => r.status === "submitted")).toHaveLength(1);
  });

  it("understands Vietnamese amounts: '1,5 tỷ' in a field counted in millions", async () => {
    await start(an, "policy-delivery");
    await an.say("3");
    await an.say("0");
    await an.say("2 hộ");
    expect(an.last()).toMatch(/Tổng số tiền/);
    await an.say("1,5 tỷ");
    expect(an.last()).toMatch(/Câu 5/);
    await an.say("0");
    await an.tap("Bỏ qua");
    await an.tap("Bỏ qua");
    expect(an.last()).toMatch(/1\.500 triệu đồng/);
  });
});

describe("incident report", () => {
  it("takes a choice, several options, photos and a location", async () => {
    await start(an, "incident");
    expect(an.last()).toMatch(/Câu 1 · còn tối đa 9 câu\.<\/b> Đã xảy ra việc gì/);
    await an.tap("Việc khác");
    expect(an.last()).toMatch(/Đó là việc gì/);
    await an.say("Sạt lở đất");
    await an.say("hôm nay");
    await an.say("Sạt"); // too short
    expect(an.last()).toMatch(/⚠️/);
    await an.say("Sạt lở taluy sau nhà, 2 nhà bị vùi một phần.");
    await an.say("2");
    await an.say("1"); // fewer people than households
    expect(an.last()).toMatch(/Số người bị ảnh hưởng không thể ít hơn số hộ/);
    await an.say("9 người");
    await an.tap("Có");
    expect(an.last()).toMatch(/Cần hỗ trợ những gì/);
    await an.tap("Xong"); // nothing ticked yet
    expect(an.last()).toMatch(/⚠️/);
    await an.tap("Lương thực");
    const edit = t.recent().find((c) => c.method === "editMessageReplyMarkup");
    expect(JSON.stringify(edit?.payload)).toMatch(/☑ Lương thực/);
    await an.tap("Chỗ ở tạm");
    await an.tap("Xong");
    expect(an.last()).toMatch(/Gửi ảnh hiện trường/);
    await an.say("ảnh đây"); // text where a photo is expected
    expect(an.last()).toMatch(/⚠️/);
    await an.send(photo(USERS.hamletHead, undefined, "AgAC-1"));
    expect(an.last()).toMatch(/Đã nhận 1 ảnh/);
    await an.send(photo(USERS.hamletHead, undefined, "AgAC-1")); // the same photo again
    expect(an.last()).toMatch(/Đã nhận 1 ảnh/);
    await an.send(photo(USERS.hamletHead, undefined, "AgAC-2"));
    expect(an.last()).toMatch(/Đã nhận 2 ảnh/);
    await an.tap("Xong");
    expect(an.last()).toMatch(/Gửi vị trí/);
    await an.send(location(USERS.hamletHead, 18.34, 105.9));
    const summary = an.last();
    expect(summary).toMatch(/Lương thực, Chỗ ở tạm/);
    expect(summary).toMatch(/2 ảnh/);
    await an.tap("Gửi báo cáo");
    const [report] = await reports();
    expect(report?.answers).toMatchObject({
      kind: "khac",
      kind_other: "Sạt lở đất",
      happened_on: "2026-11-22",
      households_affected: 2,
      people_affected: 9,
      urgent_support: true,
      support_needed: ["luong_thuc", "cho_o_tam"],
      photos: { fileIds: ["AgAC-1", "AgAC-2"] },
      location: { latitude: 18.34, longitude: 105.9 },
    });
    // Ad hoc: another incident can be reported right away.
    await an.command("baocao");
    expect(() => t.button("Báo cáo sự việc đột xuất")).not.toThrow();
  });
});

describe("typed instead of tapped (as through Zalo)", () => {
  it("choices by number, several at once, and the navigation words", async () => {
    await start(an, "incident");
    await an.say("quay lại");
    expect(an.last()).toMatch(/câu đầu tiên/);
    await an.say("2");
    expect(an.last()).toMatch(/xảy ra ngày nào/);
    await an.say("quay lai");
    expect(an.last()).toMatch(/Đã xảy ra việc gì/);
    await an.say("cháy nổ");
    await an.say("bỏ qua");
    expect(an.last()).toMatch(/bắt buộc, không bỏ qua được/);
    await an.say("5/11");
    await an.say("Cháy kho rơm, không ai bị thương.");
    await an.say("1");
    await an.say("Bỏ qua");
    expect(an.last()).toMatch(/hỗ trợ khẩn cấp/);
    await an.say("có");
    await an.say("1, 3");
    expect(an.last()).toMatch(/Gửi ảnh hiện trường/);
    await an.say("xong");
    expect(an.last()).toMatch(/Gửi vị trí/);
    await an.say("bỏ qua");
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
    await an.say("1"); // "1. ✅ Gửi báo cáo" can be typed as its number
    expect(an.last()).toMatch(/Đã gửi báo cáo/);
    const [report] = await reports();
    expect(report?.answers).toMatchObject({
      kind: "chay_no",
      happened_on: "2026-11-05",
      households_affected: 1,
      people_affected: null,
      support_needed: ["luong_thuc", "cho_o_tam"],
      photos: null,
      location: null,
    });
  });
});

describe("drafts survive", () => {
  it("a restart mid-form: a new bot on the same database carries on", async () => {
    await start(an, "review-progress");
    await an.say("100");
    const second = createTestBot({ db: temp.reopen(), clock });
    const again = createDriver(second, USERS.hamletHead);
    await again.say("20");
    expect(again.last()).toMatch(/Câu 3 · /);
    expect((await reports())[0]?.answers).toEqual({ households_listed: 100, poor_at_start: 20 });
  });

  it("a timeout: after an hour away the person is told, and /baocao continues where they were", async () => {
    await start(an, "review-progress");
    await an.say("100");
    clock.advance(2 * 60 * 60 * 1000);
    await an.say("20");
    expect(t.texts()[0]).toMatch(/để báo cáo dở khá lâu.*đã được lưu nháp/);
    await an.command("baocao");
    expect(an.last()).toMatch(/Bạn có một báo cáo chưa gửi/);
    await an.tap("Làm tiếp");
    expect(an.last()).toMatch(/Câu 2 · /);
    await an.say("20");
    expect((await reports())[0]?.answers).toEqual({ households_listed: 100, poor_at_start: 20 });
  });

  it("a new version of the form: the draft keeps the version it started with", async () => {
    await start(an, "review-progress");
    await an.say("100");
    await an.tap("Để sau");

    const dir = mkdtempSync(join(tmpdir(), "tlgn-forms-"));
    try {
      cpSync(FORMS_DIR, dir, { recursive: true });
      const file = join(dir, "review-progress.yaml");
      const v2 = readFileSync(file, "utf8")
        .replace(/^version: 1$/m, "version: 2")
        .replace("Đầu đợt rà soát, thôn có bao nhiêu hộ nghèo?", "Số hộ nghèo đầu đợt (theo danh sách xã)?");
      writeFileSync(file, v2);
      const second = createTestBot({ db: temp.reopen(), clock, formsDir: dir });
      const again = createDriver(second, USERS.hamletHead);
      await again.command("baocao");
      await again.tap("Làm tiếp");
      expect(again.last()).toMatch(/Đầu đợt rà soát, thôn có bao nhiêu hộ nghèo\?/);

      // Someone starting now gets version 2.
      const giang = telegramUser(710000201, "Giang");
      await linkTelegram(temp.db, "+84912000011", giang);
      const other = createDriver(second, giang);
      await start(other, "review-progress");
      await other.say("80");
      expect(other.last()).toMatch(/Số hộ nghèo đầu đợt \(theo danh sách xã\)\?/);
      const versions = (await reports()).map((r) => [r.personId, r.form.version]);
      expect(versions).toHaveLength(2);
      expect(new Set(versions.map((v) => v[1]))).toEqual(new Set([1, 2]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("form files", () => {
  it("an edited form file without a new version is reported, and the stored version is kept", async () => {
    const { createFormCatalog } = await import("../../src/domain/reports/form-catalog.js");
    const warnings: string[] = [];
    await createFormCatalog(temp.db, FORMS_DIR, (m) => warnings.push(m)).latest();
    expect(warnings).toEqual([]); // the same files as stored at start

    const dir = mkdtempSync(join(tmpdir(), "tlgn-forms-"));
    try {
      cpSync(FORMS_DIR, dir, { recursive: true });
      const file = join(dir, "incident.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("Đã xảy ra việc gì?", "Chuyện gì đã xảy ra?"));
      const catalog = createFormCatalog(temp.db, dir, (m) => warnings.push(m));
      const incident = await catalog.byKey("incident");
      expect(warnings).toEqual([expect.stringMatching(/incident v1 differs from the stored version/)]);
      expect(incident?.definition.fields[0]?.label).toBe("Đã xảy ra việc gì?");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("who may report", () => {
  it("people whose role has no form are told so; strangers are not let in", async () => {
    const trainer = createDriver(t, USERS.trainer);
    await trainer.command("baocao");
    expect(trainer.last()).toMatch(/không|Không/);
    const stranger = createDriver(t, USERS.stranger);
    await stranger.press("rp:new:review-progress");
    expect(await reports()).toHaveLength(0);
    await stranger.send(textMessage(USERS.stranger, "/baocao"));
    expect(await reports()).toHaveLength(0);
  });
});

/** Messages the fake Bot API created, with the ids it gave them (it counts from 1 in call order). */
function sentMessages() {
  let id = 1;
  return t.calls.flatMap((call) =>
    ["sendMessage", "sendPhoto", "sendDocument", "sendLocation"].includes(call.method)
      ? [{ id: id++, call, text: String(call.payload.text ?? "") }]
      : [],
  );
}
const idOf = (pattern: RegExp) => {
  const found = sentMessages().filter((message) => pattern.test(message.text));
  const last = found.at(-1);
  if (!last) throw new Error(`no message matching ${pattern}`);
  return last.id;
};
const callsOf = (method: string, messageId: number) =>
  t.calls.filter((call) => call.method === method && call.payload.message_id === messageId);

describe("Multi-step screens stay tidy", () => {
  it("an answered question shows the answer and loses its buttons; its warnings go", async () => {
    await start(an, "review-progress");
    const first = idOf(/Câu 1 · /);
    await an.say("khoảng một trăm");
    const warning = idOf(/⚠️ Cần một số nguyên/);
    await an.say("120 hộ");
    const [edit] = callsOf("editMessageText", first);
    expect(edit?.payload.text).toBe(
      "<b>Câu 1 · còn tối đa 11 câu.</b> Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay?\n✔️ <b>120 hộ</b>",
    );
    expect(edit?.payload.reply_markup).toBeUndefined(); // no buttons left on it
    expect(callsOf("deleteMessage", warning)).toHaveLength(1);
    expect(an.last()).toMatch(/^<b>Câu 2 · /); // the next question comes after the edit

    // A warning about a check between answers goes too, with its button.
    await an.say("25");
    await an.say("150");
    const check = idOf(/Số hộ đã rà soát không thể nhiều hơn/);
    await an.say("100");
    expect(callsOf("deleteMessage", check)).toHaveLength(1);

    for (const answer of ["18", "22", "7"]) await an.say(answer);
    const meeting = idOf(/Thôn đã họp dân/);
    await an.tap("Không");
    expect(callsOf("editMessageText", meeting)[0]?.payload.text).toMatch(
      /Thôn đã họp dân.*\?\n✔️ <b>Không<\/b>$/,
    );
    const difficulties = idOf(/Có khó khăn/);
    await an.tap("Bỏ qua");
    const skipped = String(callsOf("editMessageText", difficulties)[0]?.payload.text);
    expect(skipped).toMatch(/Có khó khăn, vướng mắc gì cần xã hỗ trợ không\?\n⏭ <i>Bỏ qua<\/i>$/);
    expect(skipped).not.toMatch(/bấm Bỏ qua/); // the help spoke of a button that is gone
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
  });

  it("leaving a question takes its buttons away too", async () => {
    await start(an, "review-progress");
    const first = idOf(/Câu 1 · /);
    await an.tap("Để sau");
    const [edit] = callsOf("editMessageReplyMarkup", first);
    expect(edit?.payload.reply_markup).toBeUndefined();
    expect(an.last()).toMatch(/Đã lưu nháp/);
    // The message names a button it shows.
    expect(() => t.button("Gửi báo cáo")).not.toThrow();
  });

  it("when a question cannot be edited, its answer is shown above the next one", async () => {
    await start(an, "review-progress");
    t.failNext("editMessageText", { error_code: 400, description: "Bad Request: message can't be edited" });
    await an.say("120");
    expect(an.last()).toMatch(/^✔️ <b>120 hộ<\/b>\n<b>Câu 2 · /);
    await an.say("25");
    expect(an.last()).toMatch(/^<b>Câu 3 · /); // edits work again: nothing repeated
  });

  it("the counter never jumps up when an answer reveals more questions", async () => {
    await start(an, "review-progress");
    for (const answer of ["120", "25", "100", "18", "22", "7", "có", "hôm qua", "90", "có", "có"]) {
      await an.say(answer);
    }
    await an.tap("Bỏ qua");
    const heads = sentMessages()
      .map((message) => /^<b>Câu (\d+) · (?:còn (?:tối đa )?(\d+) câu|(câu cuối))\.<\/b>/.exec(message.text))
      .filter((match) => match !== null)
      .map((match) => ({ index: Number(match[1]), left: match[3] ? 0 : Number(match[2]) }));
    expect(heads.map((head) => head.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (let i = 1; i < heads.length; i++) expect(heads[i]?.left).toBeLessThan(heads[i - 1]?.left ?? 0);
    // "7/8" then "8/12" before: now "còn tối đa 5" then "còn 4".
    expect(sentMessages().map((m) => m.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^<b>Câu 7 · còn tối đa 5 câu\.<\/b> Thôn đã họp dân/),
        expect.stringMatching(/^<b>Câu 8 · còn 4 câu\.<\/b> Họp dân ngày nào/),
        expect.stringMatching(/^<b>Câu 12 · câu cuối\.<\/b> Có khó khăn/),
      ]),
    );
  });

  it("photos: one “Đã nhận N ảnh” at a time, and the question ends showing how many", async () => {
    await start(an, "incident");
    await an.tap("Cháy, nổ");
    for (const answer of ["hôm nay", "Cháy bếp nhà ông Hùng, thiệt hại nhẹ.", "1", "4", "không"])
      await an.say(answer);
    const prompt = idOf(/Gửi ảnh hiện trường/);
    await an.send(photo(USERS.hamletHead, undefined, "AgAC-1"));
    const firstReceipt = idOf(/Đã nhận 1 ảnh/);
    await an.send(photo(USERS.hamletHead, undefined, "AgAC-2"));
    expect(callsOf("deleteMessage", firstReceipt)).toHaveLength(1);
    const secondReceipt = idOf(/Đã nhận 2 ảnh/);
    await an.tap("Xong");
    expect(callsOf("deleteMessage", secondReceipt)).toHaveLength(1);
    expect(callsOf("editMessageText", prompt)[0]?.payload.text).toMatch(
      /Gửi ảnh hiện trường \(nếu có\)\.\n✔️ <b>2 ảnh<\/b>$/,
    );
  });

  it("“Bỏ nháp” asks first; the choice can be typed; keeping it loses nothing", async () => {
    await start(an, "review-progress");
    await an.say("100");
    await an.tap("Hủy");
    await an.tap("Bỏ nháp");
    expect(an.last()).toMatch(
      /^🗑 Bỏ bản nháp <b>Tiến độ rà soát hộ nghèo, cận nghèo<\/b>\? 1 câu đã trả lời sẽ bị xóa/,
    );
    expect(await reports()).toHaveLength(1);
    await an.say("2"); // "2. ↩ Giữ lại", typed
    expect(an.last()).toMatch(/Bản nháp vẫn được giữ nguyên/);
    expect((await reports())[0]?.answers).toEqual({ households_listed: 100 });
    await an.command("baocao");
    await an.tap("Bỏ nháp");
    await an.say("bỏ nháp"); // typed as its label
    expect(an.last()).toMatch(/Đã bỏ bản nháp/);
    expect(await reports()).toHaveLength(0);
  });

  it("shortened labels end in “…”; summaries read “question? answer”; no “0 báo cáo” or “(đã chọn 0)”", async () => {
    await start(an, "review-progress");
    for (const answer of ["120", "25", "100", "18", "22", "7", "không"]) await an.say(answer);
    await an.tap("Bỏ qua");
    const summary = an.last();
    expect(summary).not.toMatch(/\?:/);
    expect(summary).toMatch(/• Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay\? <b>120 hộ<\/b>/);
    await an.tap("Sửa một câu");
    const markup = t.recent().find((call) => call.payload.reply_markup)?.payload.reply_markup as {
      inline_keyboard: { text: string }[][];
    };
    const labels = markup.inline_keyboard.flat().map((button) => button.text);
    expect(labels).toContain("1. Thôn có bao nhiêu hộ trong danh sách cần rà…");
    for (const label of labels) {
      const text = label.replace(/^\d+\. /, "");
      expect(text.length).toBeLessThanOrEqual(50);
      const field = FORM_LABELS.find((full) => full.startsWith(text.replace(/…$/, "")));
      if (field && field !== text) expect(text).toMatch(/…$/);
    }

    // The officer's screens: an empty list says so; choosing what to return starts without "0".
    const binh = createDriver(t, USERS.communeOfficer);
    await binh.press("rp:st:incident:0");
    await binh.tap("Xem báo cáo");
    expect(binh.last()).toBe("📄 <b>Báo cáo sự việc đột xuất</b>: chưa có báo cáo nào.");
  });

  it("a commune without hamlets is told so, not “0/0 thôn đã báo cáo”", async () => {
    const province = await temp.db.unit.findUniqueOrThrow({ where: { code: "42" } });
    const commune = await temp.db.unit.create({
      data: {
        code: "42-MOI",
        name: "Xã Mới Lập",
        level: "commune",
        parentId: province.id,
        path: "",
        depth: 1,
      },
    });
    await temp.db.unit.update({
      where: { id: commune.id },
      data: { path: `${province.path}${commune.id}/` },
    });
    await temp.db.person.create({
      data: { fullName: "Cao Văn Mới", phone: "+84912000077", role: "commune_officer", unitId: commune.id },
    });
    const officer = telegramUser(710000277, "Mới");
    await linkTelegram(temp.db, "+84912000077", officer);
    const moi = createDriver(t, officer);
    await moi.press("rp:st:review-progress:0");
    expect(moi.last()).toMatch(/Trong phạm vi của bạn không có thôn nào phải gửi báo cáo này\.$/);
    expect(moi.last()).not.toMatch(/0\/0|Tất cả đã báo cáo/);
    expect(() => t.button("Nhắc các thôn")).toThrow();
  });
});
