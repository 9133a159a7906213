import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertCourse, personIdByPhone } from "../helpers/course-fixture.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createDriver, type Driver, linkTelegram, telegramUser } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
let clock: FakeClock;
let an: Driver; // hamlet head, Thôn 3, Xã Lâm Trung Thủy
let minh: Driver; // hamlet head, Thôn Trung Lương, Xã Đức Thọ
let binh: Driver; // commune officer, Xã Lâm Trung Thủy
let cuong: Driver; // the trainer
let courseId: number;

const MINH = telegramUser(720000023, "Minh");

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock("2026-11-22T09:00:00+07:00");
  t = createTestBot({ db: temp.db, clock });
  await linkTelegram(temp.db, "+84912000023", MINH);
  an = createDriver(t, USERS.hamletHead);
  minh = createDriver(t, MINH);
  binh = createDriver(t, USERS.communeOfficer);
  cuong = createDriver(t, USERS.trainer);
  courseId = await insertCourse(temp.db, {
    title: "Tập huấn rà soát hộ nghèo 2027",
    audience: [
      { unitCode: "42-LTT", role: "hamlet_head" },
      { unitCode: "42-DT", role: "hamlet_head" },
    ],
    startsAt: "2026-11-28T08:00:00+07:00",
    rsvpDeadline: "2026-11-26T17:00:00+07:00",
    capacity: 1,
  });
});
afterEach(() => temp.cleanup());

const rsvp = async (phone: string) =>
  temp.db.courseRsvp.findUnique({
    where: { courseId_personId: { courseId, personId: await personIdByPhone(temp.db, phone) } },
  });

/** What the outbox delivers to one chat. */
async function deliveredTo(chatId: number): Promise<{ text: string; data: string[] }[]> {
  const before = t.calls.length;
  await t.flushOutbox();
  return t.calls.slice(before).flatMap((call) => {
    if (call.method !== "sendMessage" || String(call.payload.chat_id) !== String(chatId)) return [];
    const markup = call.payload.reply_markup as
      | { inline_keyboard?: { callback_data?: string }[][] }
      | undefined;
    return [
      {
        text: String(call.payload.text),
        data: (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? ""),
      },
    ];
  });
}

describe("Notices and answers", () => {
  it("Tham gia marks the notice and confirms; a full course answers with the waiting list and its position", async () => {
    const said = await an.press(`cra:y:${courseId}`);
    expect(said.at(-1)).toMatch(
      /Đã ghi nhận: bạn <b>tham gia<\/b> khóa học <b>Tập huấn rà soát hộ nghèo 2027<\/b> \(08:00 28\/11\/2026 – 11:00\)/,
    );
    expect(said.at(-1)).toContain("đổi ý đến 17:00 26/11/2026");
    const marked = t.recent().find((call) => call.method === "editMessageReplyMarkup");
    expect(JSON.stringify(marked?.payload.reply_markup)).toContain("✔️ ✅ Tham gia");
    expect(t.button("Không tham gia")).toBe(`cra:n:${courseId}`);
    expect((await rsvp("+84912000001"))?.answer).toBe("yes");

    await minh.press(`cra:y:${courseId}`);
    expect(minh.last()).toMatch(/đã đủ chỗ.*<b>danh sách chờ<\/b>, thứ tự 1/s);
    expect((await rsvp("+84912000023"))?.answer).toBe("waitlist");
  });

  it("Không tham gia asks for an optional reason (a button, its number or typed text) and frees the seat for the waiting list", async () => {
    await an.press(`cra:y:${courseId}`);
    await minh.press(`cra:y:${courseId}`);
    await an.press(`cra:n:${courseId}`);
    expect(an.last()).toMatch(/không tham gia.*lý do \(không bắt buộc\)/s);
    expect((await rsvp("+84912000001"))?.answer).toBe("no");
    // Minh, first in line, got An's seat and is told through the outbox.
    const news = await deliveredTo(MINH.id);
    expect(news.map((m) => m.text).join("\n")).toMatch(
      /Đã có chỗ cho bạn ở khóa học <b>Tập huấn rà soát hộ nghèo 2027<\/b>/,
    );
    expect(news.at(-1)?.data).toContain(`cra:n:${courseId}`);
    expect((await rsvp("+84912000023"))?.answer).toBe("yes");
    await an.tap("Bận công tác");
    expect(an.last()).toMatch(/đã ghi lý do/);
    // The question shows the answer and lost its buttons.
    const edited = t.recent().find((c) => c.method === "editMessageText");
    expect(String(edited?.payload.text)).toMatch(/lý do \(không bắt buộc\).*\n→ <b>Bận công tác<\/b>$/s);
    expect(edited?.payload.reply_markup).toBeUndefined();
    expect(await rsvp("+84912000001")).toMatchObject({ answer: "no", reason: "Bận công tác" });

    // Minh types a reason of his own; then changes his mind with the button under the answer.
    await minh.press(`cra:n:${courseId}`);
    await minh.say("Con đang ốm");
    expect(await rsvp("+84912000023")).toMatchObject({ answer: "no", reason: "Con đang ốm" });
    await minh.press(`cra:n:${courseId}`);
    await minh.say("huy");
    expect(minh.last()).toMatch(/Không sao/);
    expect(await rsvp("+84912000023")).toMatchObject({ answer: "no", reason: "Con đang ốm" });
    await minh.press(`cra:n:${courseId}`);
    await minh.say("4");
    expect(minh.last()).toMatch(/Không sao/);
    await minh.tap("Tham gia");
    expect(minh.last()).toMatch(/bạn <b>tham gia<\/b>/);
    expect(await rsvp("+84912000023")).toMatchObject({ answer: "yes", reason: null });
  });

  it("after the deadline the answer is refused with the deadline, and nothing changes", async () => {
    await an.press(`cra:y:${courseId}`);
    clock.set("2026-11-26T17:30:00+07:00");
    await an.press(`cra:n:${courseId}`);
    expect(an.alert()).toBe(
      "Đã hết hạn trả lời cho khóa học này (hạn: 17:00 26/11/2026). Nếu cần, bạn liên hệ trực tiếp giảng viên.",
    );
    expect((await rsvp("+84912000001"))?.answer).toBe("yes");
  });

  it("forged buttons: a course not meant for the person, one that does not exist, a cancelled one", async () => {
    await binh.press(`cra:y:${courseId}`);
    expect(binh.alert()).toBe("Khóa học này không dành cho bạn, nên không thể trả lời.");
    await binh.press(`cra:q:${courseId}`);
    expect(binh.alert()).toBe("Khóa học này không dành cho bạn, nên không thể trả lời.");
    const thanhSen = await insertCourse(temp.db, {
      audience: [{ unitCode: "42-TS", role: "hamlet_head" }],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    await an.press(`cra:n:${thanhSen}`);
    expect(an.alert()).toBe("Khóa học này không dành cho bạn, nên không thể trả lời.");
    await an.press("cra:y:999999");
    expect(an.alert()).toMatch(/không còn nhận trả lời/);
    await temp.db.course.update({ where: { id: courseId }, data: { status: "cancelled" } });
    await an.press(`cra:y:${courseId}`);
    expect(an.alert()).toMatch(/không còn nhận trả lời/);
    expect(await temp.db.courseRsvp.count()).toBe(0);
    // A stranger's forged press is refused too.
    await t.handle(callback(USERS.stranger, `cra:y:${courseId}`));
    expect(await temp.db.courseRsvp.count()).toBe(0);
  });

  it("Hỏi thêm: the typed question reaches the trainer, who answers it, and the answer comes back", async () => {
    await an.press(`cra:q:${courseId}`);
    expect(an.last()).toMatch(/Bạn muốn hỏi gì về khóa học <b>Tập huấn rà soát hộ nghèo 2027<\/b>/);
    await an.say("Có phải mang theo máy tính không?");
    expect(an.last()).toMatch(/Đã gửi câu hỏi cho Lê Văn Cường/);
    const toTrainer = await deliveredTo(USERS.trainer.id);
    expect(toTrainer.map((m) => m.text).join("\n")).toMatch(
      /Tập huấn rà soát hộ nghèo 2027.*mang theo máy tính/s,
    );
    // Trần Thị Bình (An's commune officer) is not asked.
    expect(
      t.calls.some((c) => c.method === "sendMessage" && c.payload.chat_id === USERS.communeOfficer.id),
    ).toBe(false);
    const answer = toTrainer.at(-1)?.data.find((d) => d.startsWith("tk:r:"));
    expect(answer).toBeDefined();
    await cuong.press(answer ?? "");
    await cuong.say("Không cần, ban tổ chức phát tài liệu in.");
    await cuong.tap("Gửi");
    const toAn = await deliveredTo(USERS.hamletHead.id);
    expect(toAn.map((m) => m.text).join("\n")).toMatch(/ban tổ chức phát tài liệu in/);
  });

  it("📅 Khóa học của tôi lists upcoming courses with the person's answer and buttons to give or change it", async () => {
    await an.press("m:home");
    expect(t.button("Khóa học của tôi")).toBe("m:myc");
    await an.press("m:myc");
    expect(an.last()).toMatch(
      /1\. Tập huấn rà soát hộ nghèo 2027.*08:00 28\/11\/2026.*Hội trường.*chưa trả lời.*hạn trả lời 17:00 26\/11\/2026/s,
    );
    expect(t.button("1: Tham gia")).toBe(`cra:y:${courseId}`);
    await an.tap("1: Tham gia");
    await an.press("m:myc");
    expect(an.last()).toMatch(/Trả lời của bạn: <b>Tham gia<\/b>/);
    expect(() => t.button("1: Tham gia")).toThrow();
    expect(t.button("1: Không tham gia")).toBe(`cra:n:${courseId}`);
    // Typed as its label, like any menu entry.
    await an.say("khoa hoc cua toi");
    expect(an.last()).toMatch(/Khóa học của bạn/);
    // Someone with no course for them.
    await binh.press("m:myc");
    expect(binh.last()).toMatch(/không có khóa học nào sắp diễn ra/);
  });
});
