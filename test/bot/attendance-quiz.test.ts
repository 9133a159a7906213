import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDueCourseSends } from "../../src/domain/training/send-due-course-sends.js";
import {
  answer,
  createPublishedCourse,
  linkHamletHeads,
  personId,
} from "../domain/training/course-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, USERS } from "../helpers/updates.js";

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
    quizKey: "ra-soat-ho-ngheo",
  });
  for (const name of ["Nguyễn Văn An", "Ngô Thị Lan"])
    await answer(temp.db, courseId, name, "yes", clock.now());
  await temp.db.courseAttendance.create({
    data: {
      courseId,
      personId: await personId(temp.db, "Nguyễn Văn An"),
      method: "code",
      checkedInAt: clock.now(),
    },
  });
});
afterAll(() => temp.cleanup());

describe("Attendance and quiz", () => {
  it("the trainer chooses the questions sent at the end (or none) until the course ends", async () => {
    const other = await createPublishedCourse(temp.db, {
      now: clock.now(),
      startsAt: "2026-11-26T08:00:00+07:00",
      endsAt: "2026-11-26T11:30:00+07:00",
    });
    const quizSends = () =>
      temp.db.courseSend.count({ where: { courseId: other, kind: "quiz", status: "pending" } });
    expect(await quizSends()).toBe(0);
    tg.clear();
    await tg.handle(callback(USERS.trainer, `cqs:${other}`));
    expect(tg.lastText()).toContain("Chọn bộ câu hỏi");
    expect(tg.button("Không gửi câu hỏi")).toBe(`cqs:${other}:-`);
    await tg.handle(callback(USERS.trainer, tg.button("rà soát hộ nghèo")));
    expect(tg.lastText()).toContain("sẽ nhận bộ câu hỏi");
    expect(await temp.db.course.findUniqueOrThrow({ where: { id: other } })).toMatchObject({
      quizKey: "ra-soat-ho-ngheo",
    });
    expect(await quizSends()).toBe(1);
    await tg.handle(callback(USERS.trainer, `cqs:${other}`));
    expect(tg.button("✓ Câu hỏi sau lớp")).toBe(`cqs:${other}:ra-soat-ho-ngheo`);
    await tg.handle(callback(USERS.trainer, `cqs:${other}:-`));
    expect(tg.lastText()).toContain("sẽ không gửi câu hỏi");
    expect(await quizSends()).toBe(0);
    expect(await temp.db.auditLog.count({ where: { action: "course.quiz_set" } })).toBe(2);
    // Someone else, an unknown file, or too late: refused, nothing changes.
    await tg.handle(callback(USERS.hamletHead, `cqs:${other}:ra-soat-ho-ngheo`));
    expect(tg.lastText()).toContain("không có quyền");
    await tg.handle(callback(USERS.trainer, `cqs:${other}:khong-co`));
    expect(tg.lastText()).toContain("Không tìm thấy bộ câu hỏi");
    clock.set("2026-11-26T11:30:00+07:00");
    await tg.handle(callback(USERS.trainer, `cqs:${other}:ra-soat-ho-ngheo`));
    expect(tg.lastText()).toContain("đã kết thúc");
    expect(await temp.db.course.findUniqueOrThrow({ where: { id: other } })).toMatchObject({ quizKey: null });
    clock.set("2026-11-22T09:00:00+07:00");
  });

  it("at the end those who attended answer question by question; others are told it is not for them", async () => {
    clock.set("2026-11-25T11:31:00+07:00");
    expect(await sendDueCourseSends(temp.db, clock, tg.deps.translator, "Asia/Ho_Chi_Minh")).toMatchObject({
      queued: 1,
    });
    expect(await temp.db.courseSend.findFirst({ where: { courseId, kind: "quiz" } })).toMatchObject({
      status: "done",
      queued: 1,
    });
    tg.clear();
    await tg.flushOutbox();
    const first = tg.recent().find((call) => call.method === "sendMessage");
    expect(String(first?.payload.chat_id)).toBe(String(USERS.hamletHead.id));
    expect(tg.lastText()).toContain("câu 1/4");
    expect(tg.lastText()).toContain("dành 1 phút");

    await tg.handle(callback(USERS.hamletHead, tg.button("1.500.000 đồng")));
    expect(tg.recent().some((call) => call.method === "editMessageReplyMarkup")).toBe(true);
    expect(tg.lastText()).toContain("✓ Đã ghi: 1.500.000 đồng");
    expect(tg.lastText()).toContain("câu 2/4");
    await tg.handle(callback(USERS.hamletHead, tg.button("Mẫu số 01")));
    expect(tg.lastText()).toContain("câu 3/4");
    expect(tg.lastText()).toContain("từ 1 (thấp nhất) đến 5");
    await tg.handle(callback(USERS.hamletHead, `cqz:${courseId}:useful:4`));
    await tg.handle(callback(USERS.hamletHead, tg.button("Vừa phải")));
    expect(tg.lastText()).toContain("Cảm ơn bạn đã trả lời");
    // Changing an answer: the first question again; the new answer replaces the old one.
    await tg.handle(callback(USERS.hamletHead, tg.button("Sửa câu trả lời")));
    expect(tg.lastText()).toContain("câu 1/4");
    await tg.handle(callback(USERS.hamletHead, tg.button("2.000.000 đồng")));
    expect(await temp.db.courseQuizAnswer.count({ where: { courseId } })).toBe(4);

    // Lan said yes but did not come: her old button is refused.
    const lan = await temp.db.channelAccount.findFirstOrThrow({
      where: { personId: await personId(temp.db, "Ngô Thị Lan") },
    });
    tg.clear();
    await tg.handle(
      callback(
        { ...USERS.hamletHead, id: Number(lan.externalId), first_name: "Lan" },
        `cqz:${courseId}:useful:5`,
      ),
    );
    const alert = tg.recent().find((call) => call.method === "answerCallbackQuery");
    expect(String(alert?.payload.text)).toContain("dành cho người đã dự khóa học");
  });

  it("the trainer sees the results per question and downloads them", async () => {
    tg.clear();
    await tg.handle(callback(USERS.trainer, `cqr:${courseId}`));
    const text = tg.lastText();
    expect(text).toContain("1/1 người dự đã trả lời");
    expect(text).toContain("• 2.000.000 đồng: 1 (100%)");
    expect(text).toContain("Trả lời đúng: <b>0%</b>");
    expect(text).toContain("Điểm trung bình: <b>4</b>/5");
    await tg.handle(callback(USERS.trainer, `cqr:${courseId}:x`));
    expect(tg.sentFiles.at(-1)?.name).toBe(`ket-qua-cau-hoi-khoa-${courseId}.xlsx`);
    // Not for a hamlet head.
    tg.clear();
    await tg.handle(callback(USERS.hamletHead, `cqr:${courseId}`));
    expect(tg.lastText()).toContain("không có quyền");
  });
});
