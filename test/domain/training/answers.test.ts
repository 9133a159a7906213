import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerTicket } from "../../../src/domain/faq/questions.js";
import { answerCourse } from "../../../src/domain/training/answer-course.js";
import { askAboutCourse } from "../../../src/domain/training/ask-about-course.js";
import { editCourse } from "../../../src/domain/training/edit-course.js";
import { listMyCourses } from "../../../src/domain/training/list-my-courses.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { addHamletHeads, insertCourse, personIdByPhone } from "../../helpers/course-fixture.js";
import { createFakeClock, type FakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const translator = createTranslator("vi");
const TZ = "Asia/Ho_Chi_Minh";
const PHONES = {
  an: "+84912000001",
  binh: "+84912000002",
  giang: "+84912000011",
  hoa: "+84912000012",
  lan: "+84912000022",
  minh: "+84912000023",
};

let temp: TempDb;
let clock: FakeClock;
let ids: Record<keyof typeof PHONES, number>;

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock("2026-11-22T09:00:00+07:00");
  ids = Object.fromEntries(
    await Promise.all(
      Object.entries(PHONES).map(async ([k, phone]) => [k, await personIdByPhone(temp.db, phone)]),
    ),
  ) as typeof ids;
});
afterEach(() => temp.cleanup());

/** Hamlet heads of xã Lâm Trung Thủy and xã Đức Thọ, on 28/11 at 08:00, answers until 26/11 17:00. */
const twoCommunes = (extra: Partial<Parameters<typeof insertCourse>[1]> = {}) =>
  insertCourse(temp.db, {
    audience: [
      { unitCode: "42-LTT", role: "hamlet_head" },
      { unitCode: "42-DT", role: "hamlet_head" },
    ],
    startsAt: "2026-11-28T08:00:00+07:00",
    rsvpDeadline: "2026-11-26T17:00:00+07:00",
    ...extra,
  });

const answer = (personId: number, courseId: number, value: "yes" | "no", reason?: string) =>
  answerCourse(temp.db, clock, translator, personId, {
    courseId,
    answer: value,
    timeZone: TZ,
    ...(reason === undefined ? {} : { reason }),
  });

const rsvpOf = (courseId: number, personId: number) =>
  temp.db.courseRsvp.findUnique({ where: { courseId_personId: { courseId, personId } } });

describe("Notices and answers", () => {
  it("records yes and no with the clock's time and an audit entry; answers change until the deadline", async () => {
    const courseId = await twoCommunes();
    const yes = await answer(ids.an, courseId, "yes");
    expect(yes).toMatchObject({ ok: true, answer: "yes", previous: null });
    expect(await rsvpOf(courseId, ids.an)).toMatchObject({
      answer: "yes",
      answeredAt: new Date("2026-11-22T09:00:00+07:00"),
    });
    clock.advance(60 * 60_000);
    expect(await answer(ids.an, courseId, "no", "Bận công tác")).toMatchObject({
      ok: true,
      answer: "no",
      previous: "yes",
    });
    expect(await rsvpOf(courseId, ids.an)).toMatchObject({
      answer: "no",
      reason: "Bận công tác",
      answeredAt: new Date("2026-11-22T10:00:00+07:00"),
    });
    const audits = await temp.db.auditLog.findMany({ where: { action: "course.rsvp", actorId: ids.an } });
    expect(audits.map((a) => (a.details as { answer: string }).answer)).toEqual(["yes", "no"]);

    // At the deadline answers close, with the deadline said; without one, the start closes them.
    clock.set("2026-11-26T17:00:00+07:00");
    const late = await answer(ids.an, courseId, "yes");
    expect(late).toEqual({ ok: false, reason: "closed", deadline: new Date("2026-11-26T17:00:00+07:00") });
    expect((await rsvpOf(courseId, ids.an))?.answer).toBe("no");
    const noDeadline = await twoCommunes({ rsvpDeadline: null });
    expect(await answer(ids.an, noDeadline, "yes")).toMatchObject({ ok: true, answer: "yes" });
    clock.set("2026-11-28T08:00:00+07:00");
    expect(await answer(ids.an, noDeadline, "no")).toMatchObject({ ok: false, reason: "closed" });
  });

  it("accepts answers only from the course's audience, and only for a published course", async () => {
    const courseId = await twoCommunes();
    // A commune officer is not a hamlet head; nobody of Phường Thành Sen is in it.
    expect(await answer(ids.binh, courseId, "yes")).toEqual({ ok: false, reason: "not_in_audience" });
    const thanhSen = await insertCourse(temp.db, {
      audience: [{ unitCode: "42-TS", role: "hamlet_head" }],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    expect(await answer(ids.an, thanhSen, "yes")).toEqual({ ok: false, reason: "not_in_audience" });
    const draft = await twoCommunes({ status: "draft" });
    expect(await answer(ids.an, draft, "yes")).toEqual({ ok: false, reason: "not_published" });
    const cancelled = await twoCommunes({ status: "cancelled" });
    expect(await answer(ids.an, cancelled, "no")).toEqual({ ok: false, reason: "not_published" });
    expect(await answer(ids.an, 999_999, "yes")).toEqual({ ok: false, reason: "not_found" });
    // A deactivated person is no longer in any audience.
    await temp.db.person.update({ where: { id: ids.giang }, data: { status: "inactive" } });
    expect(await answer(ids.giang, courseId, "yes")).toEqual({ ok: false, reason: "not_in_audience" });
    expect(await temp.db.courseRsvp.count()).toBe(0);
  });

  it("capacity: a full course puts yes on the waiting list; a withdrawal promotes the first in line and tells them", async () => {
    const courseId = await twoCommunes({ capacity: 2 });
    expect(await answer(ids.an, courseId, "yes")).toMatchObject({ answer: "yes" });
    clock.advance(60_000);
    expect(await answer(ids.hoa, courseId, "yes")).toMatchObject({ answer: "yes" });
    clock.advance(60_000);
    expect(await answer(ids.lan, courseId, "yes")).toMatchObject({ answer: "waitlist", position: 1 });
    clock.advance(60_000);
    expect(await answer(ids.minh, courseId, "yes")).toMatchObject({ answer: "waitlist", position: 2 });
    // Pressing "Tham gia" again keeps the place in line.
    clock.advance(60_000);
    expect(await answer(ids.lan, courseId, "yes")).toMatchObject({ answer: "waitlist", position: 1 });
    // Saying no from the waiting list frees nobody's seat.
    // An withdraws: Lan (first in line) takes the seat and is told; Minh moves up.
    clock.advance(60_000);
    expect(await answer(ids.an, courseId, "no")).toMatchObject({
      answer: "no",
      previous: "yes",
      promoted: 1,
    });
    expect((await rsvpOf(courseId, ids.lan))?.answer).toBe("yes");
    expect((await rsvpOf(courseId, ids.minh))?.answer).toBe("waitlist");
    const told = await temp.db.outboxMessage.findMany({ where: { personId: ids.lan } });
    // Lan has no messenger account in the demo data: nothing can be queued for her…
    expect(told).toHaveLength(0);
    // …so link Minh and let Hoa withdraw: Minh is promoted and gets the news with buttons.
    await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId: "720000023", chatId: "720000023", personId: ids.minh },
    });
    expect(await answer(ids.hoa, courseId, "no")).toMatchObject({ promoted: 1 });
    expect((await rsvpOf(courseId, ids.minh))?.answer).toBe("yes");
    const news = await temp.db.outboxMessage.findMany({ where: { personId: ids.minh } });
    expect(news).toHaveLength(1);
    const payload = news[0]?.payload as { params: { text: string; reply_markup: unknown } };
    expect(payload.params.text).toContain("Đã có chỗ cho bạn");
    expect(JSON.stringify(payload.params.reply_markup)).toContain(`cra:n:${courseId}`);
    expect(await temp.db.courseRsvp.count({ where: { courseId, answer: "yes" } })).toBe(2);
    // An, now "no", asks again: the course is full, so An joins the end of the line.
    expect(await answer(ids.an, courseId, "yes")).toMatchObject({ answer: "waitlist", position: 1 });
  });

  it("capacity raised by an edit: the first in line take the new places", async () => {
    const course = await twoCommunes({ capacity: 1 });
    expect((await answer(ids.an, course, "yes")).ok).toBe(true);
    await answer(ids.lan, course, "yes");
    await answer(ids.minh, course, "yes");
    expect((await rsvpOf(course, ids.lan))?.answer).toBe("waitlist");
    const trainer = await personIdByPhone(temp.db, "+84912000003");
    const edited = await editCourse(temp.db, clock, translator, {
      actorId: trainer,
      courseId: course,
      change: { field: "capacity", capacity: 2 },
      timeZone: TZ,
    });
    expect(edited.ok).toBe(true);
    expect((await rsvpOf(course, ids.lan))?.answer).toBe("yes");
    expect((await rsvpOf(course, ids.minh))?.answer).toBe("waitlist");
    expect(await temp.db.courseRsvp.count({ where: { courseId: course, answer: "yes" } })).toBe(2);
  });

  it("yes never exceeds capacity when many answer at once (two connections racing)", async () => {
    const courseId = await twoCommunes({ capacity: 3 });
    const extra = await addHamletHeads(temp.db, "42-LTT-01", 8, "+8491300");
    const other = temp.reopen();
    // Two processes, each answering for its half as fast as it can: their transactions interleave.
    const halves = [extra.filter((_, i) => i % 2 === 0), extra.filter((_, i) => i % 2 === 1)];
    const results = (
      await Promise.all(
        [temp.db, other].map(async (db, i) => {
          const out = [];
          for (const personId of halves[i] ?? [])
            out.push(
              await answerCourse(db, clock, translator, personId, { courseId, answer: "yes", timeZone: TZ }),
            );
          return out;
        }),
      )
    ).flat();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await temp.db.courseRsvp.count({ where: { courseId, answer: "yes" } })).toBe(3);
    expect(await temp.db.courseRsvp.count({ where: { courseId, answer: "waitlist" } })).toBe(5);
    const positions = results.flatMap((r) => (r.ok && r.position !== null ? [r.position] : []));
    expect(positions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  }, 60_000);

  it("Hỏi thêm: the question reaches the course's trainer, whose answer goes back to the asker", async () => {
    const courseId = await twoCommunes({ title: "Tập huấn chuẩn nghèo mới" });
    const trainer = await personIdByPhone(temp.db, "+84912000003");
    const anAccount = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: ids.an } });
    const asked = await askAboutCourse(temp.db, clock, translator, {
      personId: ids.an,
      accountId: anAccount.id,
      courseId,
      text: "Có phải mang theo máy tính không?",
    });
    expect(asked).toMatchObject({ ok: true, trainerName: "Lê Văn Cường" });
    if (!asked.ok) return;
    const ticket = await temp.db.questionTicket.findUniqueOrThrow({ where: { id: asked.ticketId } });
    expect(ticket.assigneeId).toBe(trainer);
    expect(ticket.text).toContain("Tập huấn chuẩn nghèo mới");
    // Only the trainer is asked — not Trần Thị Bình, the commune officer of An's commune.
    const notices = await temp.db.outboxMessage.findMany({ where: { ref: `ticket:${ticket.id}` } });
    expect(notices.map((n) => n.personId)).toEqual([trainer]);
    const answered = await answerTicket(temp.db, clock, translator, trainer, {
      ticketId: ticket.id,
      answer: "Không cần, ban tổ chức có tài liệu in.",
    });
    expect(answered).toMatchObject({ ok: true, notified: 1 });
    const back = await temp.db.outboxMessage.findFirstOrThrow({
      where: { ref: `ticket:${ticket.id}`, personId: ids.an },
    });
    expect(JSON.stringify(back.payload)).toContain("ban tổ chức có tài liệu in");
    // Someone outside the audience cannot ask.
    const binhAccount = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: ids.binh } });
    expect(
      await askAboutCourse(temp.db, clock, translator, {
        personId: ids.binh,
        accountId: binhAccount.id,
        courseId,
        text: "?",
      }),
    ).toEqual({ ok: false, reason: "not_in_audience" });
  });

  it("Khóa học của tôi lists the person's upcoming published courses with their answer", async () => {
    const first = await twoCommunes({
      title: "Khóa A",
      startsAt: "2026-11-30T08:00:00+07:00",
      rsvpDeadline: null,
    });
    const second = await twoCommunes({ title: "Khóa B" });
    await twoCommunes({ title: "Khóa nháp", status: "draft" });
    await twoCommunes({ title: "Khóa đã qua", startsAt: "2026-11-20T08:00:00+07:00", rsvpDeadline: null });
    await insertCourse(temp.db, {
      title: "Khóa của phường",
      audience: [{ unitCode: "42-TS", role: "hamlet_head" }],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    await answer(ids.an, second, "yes");
    const mine = await listMyCourses(temp.db, clock, ids.an, { skip: 0, take: 10 });
    expect(mine.total).toBe(2);
    expect(mine.courses.map((c) => [c.title, c.answer, c.open])).toEqual([
      ["Khóa B", "yes", true],
      ["Khóa A", null, true],
    ]);
    expect(mine.courses[1]?.id).toBe(first);
    expect((await listMyCourses(temp.db, clock, ids.binh, { skip: 0, take: 10 })).total).toBe(0);
  });
});
