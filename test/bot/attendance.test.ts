import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  createPublishedCourse,
  linkHamletHeads,
  personId,
} from "../domain/training/course-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let tg: TestBot;
let courseId: number;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await linkHamletHeads(temp.db);
  tg = createTestBot({ db: temp.db, clock });
  courseId = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-11-25T08:00:00+07:00",
    endsAt: "2026-11-25T11:30:00+07:00",
  });
  await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
  await answer(temp.db, courseId, "Ngô Thị Lan", "yes", clock.now());
});
afterAll(() => temp.cleanup());

const codeIn = (text: string) => /<b>([A-Z2-9]{5})<\/b>/.exec(text)?.[1] ?? "";

describe("Attendance and quiz", () => {
  it("the trainer cannot open check-in before the course's hours; the reason is said", async () => {
    clock.set("2026-11-24T16:00:00+07:00");
    tg.clear();
    await tg.handle(callback(USERS.trainer, `ckn:${courseId}`));
    expect(tg.lastText()).toContain("Chưa mở được điểm danh");
    expect(tg.lastText()).toContain("25/11/2026");
    // Someone who does not run it is refused, whatever the time.
    clock.set("2026-11-25T07:50:00+07:00");
    await tg.handle(callback(USERS.hamletHead, `ckn:${courseId}`));
    expect(tg.lastText()).toContain("không có quyền");
  });

  it("opens check-in with a code; a participant types it and is checked in once; wrong codes are refused", async () => {
    clock.set("2026-11-25T07:50:00+07:00");
    tg.clear();
    await tg.handle(callback(USERS.trainer, `ckn:${courseId}`));
    const screen = tg.lastText();
    expect(screen).toContain("Mã điểm danh");
    expect(screen).toContain("Đã điểm danh: 0/2");
    const code = codeIn(screen);
    expect(code).toHaveLength(5);
    expect(tg.button("Điểm danh theo danh sách")).toBe(`ckl:${courseId}`);

    clock.set("2026-11-25T08:03:00+07:00");
    tg.clear();
    await tg.handle(textMessage(USERS.hamletHead, ` ${code.toLowerCase()} `));
    expect(tg.lastText()).toContain("Đã điểm danh khóa <b>Tập huấn rà soát hộ nghèo 2027</b>");
    expect(tg.lastText()).toContain("08:03");
    await tg.handle(textMessage(USERS.hamletHead, code));
    expect(tg.lastText()).toContain("đã điểm danh khóa");
    expect(tg.lastText()).toContain("08:03");
    await tg.handle(textMessage(USERS.hamletHead, code === "ZZ22Z" ? "ZZ23Z" : "ZZ22Z"));
    expect(tg.lastText()).toContain("không đúng");
    // The trainer's screen counts them.
    await tg.handle(callback(USERS.trainer, `ckn:${courseId}`));
    expect(tg.lastText()).toContain("Đã điểm danh: 1/2");
    // A commune officer is not in the audience.
    await tg.handle(textMessage(USERS.communeOfficer, code));
    expect(tg.lastText()).toContain("không dành cho bạn");
  });

  it("activation codes still reach activation, and ordinary words still reach the Q&A", async () => {
    tg.clear();
    await tg.handle(textMessage(USERS.unlinked, "ABCD-EF23"));
    expect(tg.texts().join("\n")).not.toMatch(/điểm danh/i);
    expect(tg.texts().join("\n")).toMatch(/mã/i);
    tg.clear();
    await tg.handle(textMessage(USERS.hamletHead, "bhyt"));
    expect(tg.texts().join("\n")).not.toMatch(/điểm danh/i);
  });

  it("after the end the code says check-in has closed; the trainer ticks names from the list", async () => {
    const course = await temp.db.course.findUniqueOrThrow({ where: { id: courseId } });
    clock.set("2026-11-25T11:45:00+07:00");
    tg.clear();
    await tg.handle(textMessage(USERS.admin, course.checkInCode as string));
    expect(tg.lastText()).toContain("hết giờ điểm danh");

    await tg.handle(callback(USERS.trainer, `ckn:${courseId}`));
    expect(tg.lastText()).toContain("đã kết thúc");
    await tg.handle(callback(USERS.trainer, `ckl:${courseId}`));
    expect(tg.lastText()).toContain("Có mặt: 1/2");
    const lan = await personId(temp.db, "Ngô Thị Lan");
    expect(tg.button("Ngô Thị Lan")).toBe(`ckl:${courseId}:0:${lan}`);
    expect(tg.button("Nguyễn Văn An")).toMatch(/^ckl:/);
    await tg.handle(callback(USERS.trainer, `ckl:${courseId}:0:${lan}`));
    expect(tg.lastText()).toContain("Có mặt: 2/2");
    const buttons = JSON.stringify(tg.recent().at(-1)?.payload.reply_markup);
    expect(buttons).toContain("✅ Ngô Thị Lan");
    expect(await temp.db.courseAttendance.findFirst({ where: { courseId, personId: lan } })).toMatchObject({
      method: "list",
    });
    // A hamlet head pressing an old list button is refused and nothing changes.
    await tg.handle(callback(USERS.hamletHead, `ckl:${courseId}:0:${lan}`));
    expect(await temp.db.courseAttendance.count({ where: { courseId } })).toBe(2);
  });
});
