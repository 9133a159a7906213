import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import { answerCourse } from "../../../src/domain/training/answer-course.js";
import { askAboutCourse } from "../../../src/domain/training/ask-about-course.js";
import { cancelCourse } from "../../../src/domain/training/cancel-course.js";
import { checkIn } from "../../../src/domain/training/check-in.js";
import { editCourse } from "../../../src/domain/training/edit-course.js";
import { findAttendedQuiz } from "../../../src/domain/training/find-attended-quiz.js";
import { markAttendance } from "../../../src/domain/training/mark-attendance.js";
import { nudgeNotAnswered } from "../../../src/domain/training/nudge-not-answered.js";
import { openCheckIn } from "../../../src/domain/training/open-check-in.js";
import { DEFAULT_REMINDER_PLAN } from "../../../src/domain/training/plan-course-sends.js";
import { publishCourse } from "../../../src/domain/training/publish-course.js";
import { sendAnnouncement } from "../../../src/domain/training/send-announcement.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { concurrentClients } from "../../helpers/concurrent-clients.js";
import { expectNothingLeft } from "../../helpers/fail-writes.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { answer, createPublishedCourse, linkHamletHeads, personId, unitId } from "./course-fixture.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";
let temp: TempDb;
let trainer: number;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await linkHamletHeads(temp.db);
  trainer = await personId(temp.db, "Lê Văn Cường");
});
afterAll(() => temp.cleanup());

const course = (extra: { title?: string } = {}) =>
  createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-11-25T08:00:00+07:00",
    endsAt: "2026-11-25T11:30:00+07:00",
    ...extra,
  });

async function twice<T>(action: (db: Db, index: number) => Promise<T>): Promise<T[]> {
  const { clients, close } = concurrentClients(temp);
  try {
    return await Promise.all(clients.map((db, index) => action(db, index)));
  } finally {
    await close();
  }
}

/** Moves the clock into the course's check-in hours for `work`, then back. */
async function duringCourse<T>(work: () => Promise<T>): Promise<T> {
  const before = clock.now();
  clock.set("2026-11-25T08:30:00+07:00");
  try {
    return await work();
  } finally {
    clock.set(before);
  }
}

describe("Rules in the database", () => {
  it("one attendance per person and course: the code typed twice at once records one, the other is told when", async () => {
    const courseId = await course();
    await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
    const an = await personId(temp.db, "Nguyễn Văn An");
    const account = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: an } });
    await duringCourse(async () => {
      const opened = await openCheckIn(temp.db, clock, { actorId: trainer, courseId });
      if (!opened.ok) throw new Error(opened.reason);
      const results = await twice((db) =>
        checkIn(db, clock, { personId: an, accountId: account.id, code: opened.code }),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toMatchObject([{ ok: false, reason: "already" }]);
    });
    expect(await temp.db.courseAttendance.count({ where: { courseId, personId: an } })).toBe(1);
  });

  it("the trainer's list: a name ticked on two phones at once is two taps, one after the other, whatever the database", async () => {
    const courseId = await course();
    await answer(temp.db, courseId, "Ngô Thị Lan", "yes", clock.now());
    const lan = await personId(temp.db, "Ngô Thị Lan");
    const em = await personId(temp.db, "Hoàng Văn Em");
    const results = await duringCourse(() =>
      twice((db, index) =>
        markAttendance(db, clock, { actorId: index === 0 ? trainer : em, courseId, personId: lan }),
      ),
    );
    expect(results.map((r) => r.ok && r.present).sort()).toEqual([false, true]);
    expect(await temp.db.courseAttendance.count({ where: { courseId, personId: lan } })).toBe(0);
    expect(
      await temp.db.auditLog.count({
        where: { action: { startsWith: "course.attendance_" }, targetId: String(lan) },
      }),
    ).toBe(2);
  });
});

describe("One transaction per user action", () => {
  const audience = async () => ({ unitIds: [await unitId(temp.db, "42-LTT")], roles: ["hamlet_head"] });

  it("publishing a course with its notices: a failed notice leaves no course, audience, planned send or broadcast", async () => {
    const draft = {
      title: "Tập huấn chuẩn nghèo mới",
      content: null,
      venue: "Hội trường xã",
      venueLatitude: null,
      venueLongitude: null,
      startsAt: new Date("2026-12-02T08:00:00+07:00"),
      endsAt: new Date("2026-12-02T11:00:00+07:00"),
      capacity: null,
      rsvpDeadline: null,
      reminders: DEFAULT_REMINDER_PLAN,
    };
    const input = { actorId: trainer, draft, audience: await audience(), timeZone: TZ };
    await expectNothingLeft(temp.db, { model: "OutboxMessage", operation: "createMany" }, (db) =>
      publishCourse(db, clock, translator, input),
    );
    expect(await publishCourse(temp.db, clock, translator, input)).toMatchObject({ ok: true, queued: 3 });
  });

  it("an edit with its change notice: a failed notice leaves the course as it was", async () => {
    const courseId = await course();
    await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
    await expectNothingLeft(temp.db, { model: "OutboxMessage", operation: "createMany" }, (db) =>
      editCourse(db, clock, translator, {
        actorId: trainer,
        courseId,
        change: { field: "venue", venue: "Nhà văn hóa thôn 3" },
        timeZone: TZ,
      }),
    );
  });

  it("a cancellation: a failed audit entry leaves the course published, its sends planned, nobody told", async () => {
    const courseId = await course();
    await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      cancelCourse(db, clock, translator, { actorId: trainer, courseId, reason: "Mưa bão", timeZone: TZ }),
    );
  });

  it("an announcement: a failed audit entry leaves no broadcast and no message queued", async () => {
    const input = {
      actorId: trainer,
      text: "Họp giao ban sáng thứ Hai.",
      attachment: null,
      audience: await audience(),
    };
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      sendAnnouncement(db, clock, translator, input),
    );
  });

  it("withdrawing from a full course: a failed notice to the one moved up leaves both answers as they were", async () => {
    const courseId = await course();
    await temp.db.course.update({ where: { id: courseId }, data: { capacity: 1 } });
    const an = await personId(temp.db, "Nguyễn Văn An");
    await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
    await answer(temp.db, courseId, "Ngô Thị Lan", "waitlist", clock.now());
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      answerCourse(db, clock, translator, an, { courseId, answer: "no", timeZone: TZ }),
    );
  });

  it("a reminder to those who have not answered: a failed reminder queues none and audits nothing", async () => {
    const courseId = await course();
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/, nth: 2 }, (db) =>
      nudgeNotAnswered(db, clock, translator, trainer, { courseId, timeZone: TZ }),
    );
  });

  it("Hỏi thêm: a failed notice to the trainer leaves neither the question nor a ticket", async () => {
    const courseId = await course();
    const an = await personId(temp.db, "Nguyễn Văn An");
    const account = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: an } });
    const input = { personId: an, accountId: account.id, courseId, text: "Có phải mang máy tính không?" };
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      askAboutCourse(db, clock, translator, input),
    );
    expect(await askAboutCourse(temp.db, clock, translator, input)).toMatchObject({ ok: true });
  });

  it("ticking a name: a failed audit entry leaves no attendance", async () => {
    const courseId = await course();
    await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
    const an = await personId(temp.db, "Nguyễn Văn An");
    await duringCourse(() =>
      expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
        markAttendance(db, clock, { actorId: trainer, courseId, personId: an }),
      ),
    );
  });

  it("the quiz again is offered only to someone who attended (read in the domain, not the bot)", async () => {
    const courseId = await createPublishedCourse(temp.db, {
      now: clock.now(),
      startsAt: "2026-11-25T08:00:00+07:00",
      endsAt: "2026-11-25T11:30:00+07:00",
      quizKey: "ra-soat-ho-ngheo",
    });
    const an = await personId(temp.db, "Nguyễn Văn An");
    expect(await findAttendedQuiz(temp.db, an, courseId)).toBeNull();
    await temp.db.courseAttendance.create({ data: { courseId, personId: an, method: "list" } });
    expect(await findAttendedQuiz(temp.db, an, courseId)).toMatchObject({ key: "ra-soat-ho-ngheo" });
    await temp.db.course.update({ where: { id: courseId }, data: { status: "cancelled" } });
    expect(await findAttendedQuiz(temp.db, an, courseId)).toBeNull();
  });
});
