import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addHamletHeads, insertCourse, personIdByPhone } from "../helpers/course-fixture.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createDriver, type Driver, linkTelegram, telegramUser } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
let clock: FakeClock;
let cuong: Driver; // the trainer who created the course
let em: Driver; // the administrator
let an: Driver;
let courseId: number;

const EXTRA_LTT = telegramUser(720000102, "Thôn 1 số 2");

/**
 * The audience — hamlet heads of Xã Lâm Trung Thủy and Xã Đức Thọ — and its answers, counted by
 * hand:
 *   Lâm Trung Thủy (6): An yes, extra 1 yes, Hoa no; Giang (blocked the bot), extras 2 and 3 not
 *     answered — extra 2 can be reached, Giang and extra 3 cannot → ✅2 ❌1 ⏳0 ❔3 (📵2)
 *   Đức Thọ (4): Lan no, Minh waiting; extras 1 and 2 (never connected) not answered
 *     → ✅0 ❌1 ⏳1 ❔2 (📵2)
 *   Total (10): ✅2 ❌2 ⏳1 ❔5 (📵4)
 */
async function seedAnswers() {
  const ltt = await addHamletHeads(temp.db, "42-LTT-01", 3, "+84913100");
  const dt = await addHamletHeads(temp.db, "42-DT-01", 2, "+84913200");
  courseId = await insertCourse(temp.db, {
    title: "Tập huấn rà soát hộ nghèo 2027",
    audience: [
      { unitCode: "42-LTT", role: "hamlet_head" },
      { unitCode: "42-DT", role: "hamlet_head" },
    ],
    startsAt: "2026-11-28T08:00:00+07:00",
    rsvpDeadline: "2026-11-26T17:00:00+07:00",
  });
  const id = (phone: string) => personIdByPhone(temp.db, phone);
  const at = new Date("2026-11-21T10:00:00+07:00");
  const answers: [number, string, string | null][] = [
    [await id("+84912000001"), "yes", null],
    [ltt[0] ?? 0, "yes", null],
    [await id("+84912000012"), "no", "Bận công tác"],
    [await id("+84912000022"), "no", null],
    [await id("+84912000023"), "waitlist", null],
  ];
  for (const [personId, answer, reason] of answers)
    await temp.db.courseRsvp.create({ data: { courseId, personId, answer, reason, answeredAt: at } });
  // Giang linked once and blocked the bot; extra 2 of Thôn 1 uses the bot.
  await temp.db.channelAccount.create({
    data: {
      channel: "telegram",
      externalId: "720000011",
      chatId: "720000011",
      personId: await id("+84912000011"),
      blockedAt: at,
    },
  });
  await linkTelegram(temp.db, "+84913100001", EXTRA_LTT);
  await temp.db.courseAttendance.create({
    data: { courseId, personId: await id("+84912000001"), method: "code", checkedInAt: at },
  });
  return { ltt, dt };
}

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock("2026-11-22T09:00:00+07:00");
  t = createTestBot({ db: temp.db, clock });
  cuong = createDriver(t, USERS.trainer);
  em = createDriver(t, USERS.admin);
  an = createDriver(t, USERS.hamletHead);
});
afterEach(() => temp.cleanup());

describe("The trainer's view", () => {
  it("the course screen counts answers by unit against a hand-computed fixture, with every action's button", async () => {
    await seedAnswers();
    await cuong.press(`crv:${courseId}`);
    const screen = cuong.last();
    expect(screen).toContain("📚 <b>Tập huấn rà soát hộ nghèo 2027</b>\n🕘 08:00 28/11/2026 – 11:00");
    expect(screen).toContain("<b>Xã Lâm Trung Thủy</b>: ✅ 2 · ❌ 1 · ⏳ 0 · ❔ 3 (📵 2) / 6");
    expect(screen).toContain("<b>Xã Đức Thọ</b>: ✅ 0 · ❌ 1 · ⏳ 1 · ❔ 2 (📵 2) / 4");
    expect(screen).toContain("<b>Tổng cộng</b>: ✅ 2 · ❌ 2 · ⏳ 1 · ❔ 5 (📵 4) / 10");
    for (const [label, data] of [
      ["Cập nhật", `crv:${courseId}`],
      ["Chưa trả lời", `crl:${courseId}`],
      ["Nhắc người chưa trả lời", `crm:${courseId}`],
      ["Xuất Excel", `crx:${courseId}`],
      ["Sửa", `cre:${courseId}`],
      ["🛑 Hủy", `crc:${courseId}`],
      ["✅ Điểm danh", `ckn:${courseId}`],
      ["Điểm danh theo danh sách", `ckl:${courseId}`],
      ["Kết quả khảo sát", `cqr:${courseId}`],
    ])
      expect(t.button(label ?? "")).toBe(data);
    // Live: a new answer shows on 🔄.
    await an.press(`cra:n:${courseId}`);
    await cuong.press(`crv:${courseId}`);
    expect(cuong.last()).toContain("<b>Xã Lâm Trung Thủy</b>: ✅ 1 · ❌ 2 · ⏳ 0 · ❔ 3 (📵 2) / 6");
  });

  it("an audience of one commune is counted by its hamlets", async () => {
    await addHamletHeads(temp.db, "42-LTT-01", 2, "+84913300");
    const single = await insertCourse(temp.db, {
      audience: [{ unitCode: "42-LTT", role: "hamlet_head" }],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    await temp.db.courseRsvp.create({
      data: { courseId: single, personId: await personIdByPhone(temp.db, "+84912000001"), answer: "yes" },
    });
    await cuong.press(`crv:${single}`);
    const screen = cuong.last();
    expect(screen).toContain("<b>Thôn 1</b>: ✅ 0 · ❌ 0 · ⏳ 0 · ❔ 3 (📵 3) / 3");
    expect(screen).toContain("<b>Thôn 2</b>: ✅ 0 · ❌ 0 · ⏳ 0 · ❔ 1 (📵 1) / 1");
    expect(screen).toContain("<b>Thôn 3</b>: ✅ 1 · ❌ 0 · ⏳ 0 · ❔ 0 (📵 0) / 1");
    expect(screen).toContain("<b>Tổng cộng</b>: ✅ 1 · ❌ 0 · ⏳ 0 · ❔ 4 (📵 4) / 5");
  });

  it("only the course's creator or an administrator over its unit may open it", async () => {
    await seedAnswers();
    await em.press(`crv:${courseId}`);
    expect(em.last()).toContain("Tập huấn rà soát hộ nghèo 2027");
    // Another trainer, a hamlet head of the audience, a forged id.
    const other = await temp.db.person.create({
      data: { fullName: "Giảng viên Khác", phone: "+84919000001", role: "trainer", unitId: 1 },
    });
    const otherUser = telegramUser(720009001, "Khác");
    await linkTelegram(temp.db, "+84919000001", otherUser);
    const otherDriver = createDriver(t, otherUser);
    for (const data of [`crv:${courseId}`, `crl:${courseId}`, `crm:${courseId}`, `crx:${courseId}`]) {
      await otherDriver.press(data);
      expect(otherDriver.alert()).toBe("🔒 Bạn không có quyền dùng chức năng này.");
      await an.press(data);
      expect(an.alert()).toBe("🔒 Bạn không có quyền dùng chức năng này.");
    }
    await cuong.press("crv:999999");
    expect(cuong.alert()).toBe("Không tìm thấy khóa học này.");
    expect(other.id).toBeGreaterThan(0);
    expect(
      await temp.db.auditLog.count({ where: { action: { in: ["course.nudge", "course.export"] } } }),
    ).toBe(0);
  });

  it("who has not answered: names, unit and phone, paged; the nudge reaches those the bot can reach and names the rest to call", async () => {
    await seedAnswers();
    await cuong.press(`crl:${courseId}`);
    const list = cuong.last();
    expect(list).toMatch(/5 người chưa trả lời — trang 1\/1/);
    expect(list).toContain("Võ Văn Giang — Thôn 1 — 0912 000 011 📵");
    expect(list).toContain("Trưởng thôn 42-LTT-01 số 2 — Thôn 1 — 0913 100 001\n");
    expect(list).toContain("Trưởng thôn 42-DT-01 số 1 — Thôn Yên Trung — 0913 200 000 📵");
    expect(list).not.toContain("Nguyễn Văn An");

    await cuong.press(`crm:${courseId}`);
    const nudged = cuong.last();
    expect(nudged).toMatch(
      /^🔔 Đã nhắc 1 người qua bot\.\n📞 4 người chưa dùng bot hoặc đã chặn bot, hãy gọi điện:/,
    );
    expect(nudged).toContain("Võ Văn Giang — Thôn 1 — 0912 000 011 📵");
    const before = t.calls.length;
    await t.flushOutbox();
    const reminder = t.calls
      .slice(before)
      .find((c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(EXTRA_LTT.id));
    expect(String(reminder?.payload.text)).toMatch(
      /Lê Văn Cường nhắc: bạn chưa trả lời.*Tập huấn rà soát hộ nghèo 2027/s,
    );
    expect(JSON.stringify(reminder?.payload.reply_markup)).toContain(`cra:y:${courseId}`);
    // Once a day: a second press sends nothing new.
    await cuong.press(`crm:${courseId}`);
    expect(cuong.last()).toMatch(/^🔔 Hôm nay bạn đã nhắc 1 người này rồi/);
    expect(await temp.db.outboxMessage.count({ where: { kind: "reminder" } })).toBe(1);
    expect(await temp.db.auditLog.count({ where: { action: "course.nudge" } })).toBe(2);
    // The next day it may go again.
    clock.advance(24 * 60 * 60_000);
    await cuong.press(`crm:${courseId}`);
    expect(cuong.last()).toMatch(/^🔔 Đã nhắc 1 người qua bot/);
    // After the deadline a nudge is pointless, and says so.
    clock.set("2026-11-27T08:00:00+07:00");
    await cuong.press(`crm:${courseId}`);
    expect(cuong.alert()).toBe("Đã hết hạn trả lời, không nhắc nữa.");
  });

  it("the not-answered list turns pages and each page stays within Zalo's 2,000 characters", async () => {
    await seedAnswers();
    await addHamletHeads(temp.db, "42-DT-02", 40, "+84913400");
    await cuong.press(`crl:${courseId}`);
    expect(cuong.last()).toMatch(/45 người chưa trả lời — trang 1\/3/);
    expect(cuong.last().length).toBeLessThan(2000);
    const first = cuong.last();
    await cuong.tap("Sau");
    expect(cuong.last()).toMatch(/trang 2\/3/);
    expect(
      cuong
        .last()
        .split("\n")
        .filter((l) => l.startsWith("• ")),
    ).toHaveLength(15);
    expect(
      cuong
        .last()
        .split("\n")
        .filter((l) => first.includes(l) && l.startsWith("• ")),
    ).toEqual([]);
    await cuong.tap("Sau");
    expect(cuong.last()).toMatch(/trang 3\/3/);
    expect(() => t.button("Sau")).toThrow();
  });

  it("the Excel export has one row per audience person with answer, reason, time and attendance", async () => {
    await seedAnswers();
    await cuong.press(`crx:${courseId}`);
    const sent = t.recent().find((c) => c.method === "sendDocument");
    expect(String(sent?.payload.caption)).toBe("📥 Tập huấn rà soát hộ nghèo 2027: 10 người");
    const file = t.sentFiles.at(-1);
    expect(file?.name).toBe(`khoa-hoc-${courseId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file?.data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? [])
      .slice(1)
      .map((row) => (row as unknown[]).slice(1).map(String));
    expect(rows[1]).toEqual([
      "Họ và tên",
      "Đơn vị",
      "Vai trò",
      "Số điện thoại",
      "Trả lời",
      "Lý do",
      "Thời điểm trả lời",
      "Điểm danh",
    ]);
    expect(rows).toHaveLength(12);
    const byName = (name: string) => rows.find((row) => row[0] === name);
    expect(byName("Nguyễn Văn An")).toEqual([
      "Nguyễn Văn An",
      "Thôn 3",
      "Trưởng thôn",
      "0912 000 001",
      "Tham gia",
      "",
      "10:00 21/11/2026",
      "10:00 21/11/2026",
    ]);
    expect(byName("Đặng Thị Hoa")?.slice(4, 6)).toEqual(["Không tham gia", "Bận công tác"]);
    expect(byName("Đinh Văn Minh")?.[4]).toBe("Danh sách chờ");
    expect(byName("Võ Văn Giang")?.slice(4, 8)).toEqual(["Chưa trả lời", "", "", ""]);
    expect(await temp.db.auditLog.count({ where: { action: "course.export" } })).toBe(1);
  });

  it("/khoahoc lists the trainer's courses, upcoming first, paged, with ➕ Tạo khóa học; the menu has 📚 Khóa học", async () => {
    const upcoming: number[] = [];
    for (let day = 1; day <= 7; day++)
      upcoming.push(
        await insertCourse(temp.db, {
          title: `Khóa ${day}`,
          audience: [{ unitCode: "42-LTT", role: "hamlet_head" }],
          startsAt: `2026-12-${String(day).padStart(2, "0")}T08:00:00+07:00`,
        }),
      );
    const past = await insertCourse(temp.db, {
      title: "Khóa đã qua",
      audience: [{ unitCode: "42-LTT", role: "hamlet_head" }],
      startsAt: "2026-11-10T08:00:00+07:00",
      status: "finished",
    });
    await cuong.command("khoahoc");
    expect(cuong.last()).toMatch(/Khóa học của bạn<\/b> \(8\) — trang 1\/2/);
    expect(t.button("1. 01/12/2026 Khóa 1")).toBe(`crv:${upcoming[0]}`);
    expect(t.button("Tạo khóa học")).toBe("crn");
    await cuong.tap("Sau");
    expect(t.button("7. 07/12/2026 Khóa 7")).toBe(`crv:${upcoming[6]}`);
    expect(t.button("8. 10/11/2026 Khóa đã qua · Đã kết thúc")).toBe(`crv:${past}`);
    await cuong.press("m:home");
    expect(t.button("📚 Khóa học")).toBe("m:crs");
    // Not for a hamlet head.
    await an.press("m:home");
    expect(() => t.button("📚 Khóa học")).toThrow();
    await an.command("khoahoc");
    expect(an.last()).toBe("🔒 Bạn không có quyền dùng chức năng này.");
  });
});
