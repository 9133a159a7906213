import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendDueCourseSends } from "../../src/domain/training/send-due-course-sends.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { runJobOnce } from "../../src/jobs/scheduler.js";
import {
  answer,
  createPublishedCourse,
  linkHamletHeads,
  personId,
} from "../domain/training/course-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const TZ = "Asia/Ho_Chi_Minh";
const translator = createTranslator("vi");
const logger = pino({ level: "silent" });
let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await linkHamletHeads(temp.db);
});
afterAll(() => temp.cleanup());

beforeEach(async () => {
  await temp.db.outboxMessage.deleteMany({});
  await temp.db.courseSend.deleteMany({});
  await temp.db.courseRsvp.deleteMany({});
  await temp.db.courseAudience.deleteMany({});
  await temp.db.course.deleteMany({});
});

/**
 * A course on 25/11 08:00–11:30 (Vietnam time), answers due 24/11 17:00: reminders planned for
 * 24/11 08:00 and 25/11 06:00, the nudge for 23/11 17:00. Nguyễn Văn An and Ngô Thị Lan say yes,
 * Võ Văn Giang no, Đặng Thị Hoa is on the waiting list, Đinh Văn Minh has not answered.
 */
async function courseWithAnswers(now: Date, status = "published") {
  const courseId = await createPublishedCourse(temp.db, {
    now,
    startsAt: "2026-11-25T08:00:00+07:00",
    endsAt: "2026-11-25T11:30:00+07:00",
    rsvpDeadline: "2026-11-24T17:00:00+07:00",
    status,
  });
  await answer(temp.db, courseId, "Nguyễn Văn An", "yes", now);
  await answer(temp.db, courseId, "Ngô Thị Lan", "yes", now);
  await answer(temp.db, courseId, "Võ Văn Giang", "no", now);
  await answer(temp.db, courseId, "Đặng Thị Hoa", "waitlist", now);
  return courseId;
}

async function queuedTo(): Promise<string[]> {
  const rows = await temp.db.outboxMessage.findMany({
    orderBy: { id: "asc" },
    select: { person: { select: { fullName: true } } },
  });
  return rows.map((row) => row.person?.fullName ?? "?");
}

async function texts(): Promise<string[]> {
  const rows = await temp.db.outboxMessage.findMany({ orderBy: { id: "asc" }, select: { payload: true } });
  return rows.map((row) => String((row.payload as { params: { text: string } }).params.text));
}

describe("Reminders", () => {
  it("are due exactly at their planned instant, not a second before, and only to those who said yes", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now());

    clock.set("2026-11-24T07:59:59+07:00");
    // The nudge (23/11 17:00) is due; the day-before reminder is not yet.
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 1,
      queued: 1,
      skipped: 0,
    });
    expect(await queuedTo()).toEqual(["Đinh Văn Minh"]);
    await temp.db.outboxMessage.deleteMany({});

    clock.set("2026-11-24T08:00:00+07:00");
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 1,
      queued: 2,
      skipped: 0,
    });
    expect((await queuedTo()).sort()).toEqual(["Ngô Thị Lan", "Nguyễn Văn An"].sort());
    const [text] = await texts();
    expect(text).toContain("còn 1 ngày");
    expect(text).toContain("Tập huấn rà soát hộ nghèo 2027");
    expect(text).toContain("08:00–11:30 25/11/2026");
    expect(text).toContain("Hội trường UBND xã Lâm Trung Thủy");
    const send = await temp.db.courseSend.findFirstOrThrow({
      where: { courseId, kind: "reminder", status: "done" },
    });
    expect(send.queued).toBe(2);
    const keys = await temp.db.outboxMessage.findMany({ select: { idempotencyKey: true, personId: true } });
    for (const key of keys) expect(key.idempotencyKey).toBe(`course-send:${send.id}:p${key.personId}`);

    // Running again the same minute queues nothing more.
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 0,
      queued: 0,
      skipped: 0,
    });

    clock.set("2026-11-25T06:00:00+07:00");
    await sendDueCourseSends(temp.db, clock, translator, TZ);
    const last = (await texts()).at(-1);
    expect(last).toContain("còn 2 giờ");
  });

  it("nudges only those who have not answered, with the answer buttons", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now());
    clock.set("2026-11-23T17:00:00+07:00");
    await sendDueCourseSends(temp.db, clock, translator, TZ);
    expect(await queuedTo()).toEqual(["Đinh Văn Minh"]);
    const row = await temp.db.outboxMessage.findFirstOrThrow({ select: { payload: true } });
    const markup = (
      row.payload as { params: { reply_markup: { inline_keyboard: { callback_data: string }[][] } } }
    ).params.reply_markup;
    expect(markup.inline_keyboard.flat().map((button) => button.callback_data)).toEqual([
      `cra:y:${courseId}`,
      `cra:n:${courseId}`,
    ]);
    expect((await texts())[0]).toContain("chưa trả lời");
  });

  it("catch up once, late, after a missed sweep — the latest reminder only, and none once the course began", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now());
    // The app was down from before the nudge until 10:00 on the 24th.
    clock.set("2026-11-24T10:00:00+07:00");
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 2,
      queued: 3,
      skipped: 0,
    });
    expect((await texts()).find((text) => text.startsWith("⏰"))).toContain("còn 22 giờ");
    clock.advance(60_000);
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 0,
      queued: 0,
      skipped: 0,
    });
    expect(await temp.db.outboxMessage.count()).toBe(3);

    // Down again from before 06:00 on the 25th until after the start: the 2-hour reminder is
    // pointless now, so it is skipped, not sent.
    clock.set("2026-11-25T08:05:00+07:00");
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 0,
      queued: 0,
      skipped: 1,
    });
    expect(await temp.db.outboxMessage.count()).toBe(3);
    const sends = await temp.db.courseSend.findMany({ where: { courseId }, orderBy: { dueAt: "asc" } });
    expect(sends.map((send) => send.status)).toEqual(["done", "done", "skipped"]);
  });

  it("of several reminders due at once after a long pause, only the latest goes", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    await courseWithAnswers(clock.now());
    clock.set("2026-11-25T07:00:00+07:00");
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 1,
      queued: 2,
      skipped: 2,
    });
    expect((await texts()).every((text) => text.includes("còn 1 giờ"))).toBe(true);
  });

  it("racing sweeps of two instances queue each message once", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now());
    clock.set("2026-11-24T08:00:30+07:00");
    const other = temp.reopen();
    const results = await Promise.all([
      sendDueCourseSends(temp.db, clock, translator, TZ),
      sendDueCourseSends(other, clock, translator, TZ),
      sendDueCourseSends(temp.db, clock, translator, TZ),
    ]);
    expect(results.reduce((sum, result) => sum + result.queued, 0)).toBe(3);
    expect(results.reduce((sum, result) => sum + result.done, 0)).toBe(2);
    expect((await queuedTo()).sort()).toEqual(["Ngô Thị Lan", "Nguyễn Văn An", "Đinh Văn Minh"].sort());

    // Two schedulers firing the job for the same minute: one runs it, the other skips.
    clock.set("2026-11-25T06:00:00+07:00");
    const job = {
      name: "course-sends",
      cron: "* * * * *",
      run: async () => {
        await sendDueCourseSends(temp.db, clock, translator, TZ);
      },
    };
    const fireAt = new Date("2026-11-25T06:00:00+07:00");
    const outcomes = await Promise.all([
      runJobOnce(temp.db, clock, logger, "instance-a", job, fireAt),
      runJobOnce(
        other,
        clock,
        logger,
        "instance-b",
        { ...job, run: async () => void (await sendDueCourseSends(other, clock, translator, TZ)) },
        fireAt,
      ),
    ]);
    expect(outcomes.sort()).toEqual(["ran", "skipped"].sort());
    expect(await temp.db.outboxMessage.count()).toBe(5);
    const sends = await temp.db.courseSend.findMany({
      where: { courseId, status: "done" },
      select: { queued: true },
    });
    expect(sends.map((send) => send.queued).sort()).toEqual([1, 2, 2]);
  });

  it("a sweep that died after claiming is taken up again later, without sending twice", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now());
    clock.set("2026-11-24T08:00:00+07:00");
    const reminder = await temp.db.courseSend.findFirstOrThrow({
      where: { courseId, kind: "reminder" },
      orderBy: { dueAt: "asc" },
    });
    // As if a sweep claimed it and queued An's copy, then the process was killed.
    await temp.db.courseSend.update({
      where: { id: reminder.id },
      data: { status: "sending", doneAt: clock.now() },
    });
    const an = await personId(temp.db, "Nguyễn Văn An");
    const account = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: an } });
    await temp.db.outboxMessage.create({
      data: {
        kind: "reminder",
        personId: an,
        channel: account.channel,
        chatId: account.chatId,
        payload: { method: "sendMessage", params: { text: "⏰" } },
        idempotencyKey: `course-send:${reminder.id}:p${an}`,
        createdAt: clock.now(),
      },
    });
    clock.advance(60_000);
    await sendDueCourseSends(temp.db, clock, translator, TZ);
    expect(
      await temp.db.outboxMessage.count({
        where: { kind: "reminder", personId: { not: await personId(temp.db, "Đinh Văn Minh") } },
      }),
    ).toBe(1);
    clock.advance(10 * 60_000);
    await sendDueCourseSends(temp.db, clock, translator, TZ);
    expect((await queuedTo()).filter((name) => name !== "Đinh Văn Minh").sort()).toEqual(
      ["Ngô Thị Lan", "Nguyễn Văn An"].sort(),
    );
    expect(await temp.db.courseSend.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
      status: "done",
      queued: 1,
    });
  });

  it("tell nothing to those who declined, and follow answers changed after a reminder", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now());
    clock.set("2026-11-24T08:00:00+07:00");
    await sendDueCourseSends(temp.db, clock, translator, TZ);
    // After the day-before reminder Lan withdraws and Minh (nudged) says yes.
    await answer(temp.db, courseId, "Ngô Thị Lan", "no", clock.now());
    await answer(temp.db, courseId, "Đinh Văn Minh", "yes", clock.now());
    await temp.db.outboxMessage.deleteMany({});
    clock.set("2026-11-25T06:00:00+07:00");
    await sendDueCourseSends(temp.db, clock, translator, TZ);
    expect((await queuedTo()).sort()).toEqual(["Nguyễn Văn An", "Đinh Văn Minh"].sort());
    expect(await queuedTo()).not.toContain("Võ Văn Giang");
  });

  it("a cancelled course's sends are skipped", async () => {
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const courseId = await courseWithAnswers(clock.now(), "cancelled");
    clock.set("2026-11-24T08:00:00+07:00");
    expect(await sendDueCourseSends(temp.db, clock, translator, TZ)).toEqual({
      done: 0,
      queued: 0,
      skipped: 2,
    });
    expect(await temp.db.outboxMessage.count()).toBe(0);
    expect(await temp.db.courseSend.count({ where: { courseId, status: "pending" } })).toBe(1);
  });
});
