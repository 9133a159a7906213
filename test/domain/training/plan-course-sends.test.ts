import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { timeLeft } from "../../../src/domain/training/course-time.js";
import {
  DEFAULT_REMINDER_PLAN,
  planCourseSends,
  readReminderPlan,
  reminderDueAt,
  skipCourseSends,
} from "../../../src/domain/training/plan-course-sends.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const ZONE = "Asia/Ho_Chi_Minh";

describe("Reminders are planned in local time", () => {
  it("puts 'the day before at 08:00' at 08:00 Vietnam time, whatever the start hour", () => {
    // Starts 15/12/2026 at 07:30 local (00:30 UTC): the day before is 14/12, not 13/12.
    const startsAt = new Date("2026-12-15T07:30:00+07:00");
    expect(reminderDueAt({ daysBefore: 1, at: "08:00" }, startsAt, ZONE).toISOString()).toBe(
      "2026-12-14T01:00:00.000Z",
    );
    // Starts just after midnight local: the day before is still the previous local date.
    const early = new Date("2026-12-15T00:10:00+07:00");
    expect(reminderDueAt({ daysBefore: 1, at: "08:00" }, early, ZONE).toISOString()).toBe(
      "2026-12-14T01:00:00.000Z",
    );
    expect(reminderDueAt({ minutesBefore: 120 }, startsAt, ZONE).toISOString()).toBe(
      "2026-12-14T22:30:00.000Z",
    );
  });

  it("reads an unreadable stored plan as the default", () => {
    expect(readReminderPlan(null)).toEqual(DEFAULT_REMINDER_PLAN);
    expect(readReminderPlan([{ daysBefore: 0, at: "25:00" }])).toEqual(DEFAULT_REMINDER_PLAN);
    expect(readReminderPlan([])).toEqual([]);
  });
});

describe("A course's sends are planned once and replanned on edits", () => {
  let temp: TempDb;
  let courseId: number;
  beforeEach(async () => {
    temp = await createTempDb({ seed: true });
    const trainer = await temp.db.person.findFirstOrThrow({ where: { role: "trainer" } });
    courseId = (
      await temp.db.course.create({
        data: {
          title: "Tập huấn rà soát hộ nghèo",
          startsAt: new Date("2026-12-15T08:00:00+07:00"),
          endsAt: new Date("2026-12-15T11:00:00+07:00"),
          status: "published",
          unitId: trainer.unitId,
          createdById: trainer.id,
        },
      })
    ).id;
  });
  afterEach(() => temp.cleanup());

  const course = (overrides: Record<string, unknown> = {}) => ({
    id: courseId,
    startsAt: new Date("2026-12-15T08:00:00+07:00"),
    endsAt: new Date("2026-12-15T11:00:00+07:00"),
    rsvpDeadline: new Date("2026-12-12T17:00:00+07:00"),
    reminders: null,
    quizKey: "feedback",
    ...overrides,
  });

  it("plans the default reminders, the nudge a day before the deadline and the quiz at the end", async () => {
    const now = new Date("2026-12-01T09:00:00+07:00");
    await planCourseSends(temp.db, course(), now, ZONE);
    const rows = await temp.db.courseSend.findMany({ where: { courseId }, orderBy: { dueAt: "asc" } });
    expect(rows.map((row) => [row.kind, row.dueAt.toISOString(), row.status])).toEqual([
      ["rsvp_nudge", "2026-12-11T10:00:00.000Z", "pending"],
      ["reminder", "2026-12-14T01:00:00.000Z", "pending"],
      ["reminder", "2026-12-14T23:00:00.000Z", "pending"],
      ["quiz", "2026-12-15T04:00:00.000Z", "pending"],
    ]);
  });

  it("leaves out what is already past, keeps done rows and never repeats one", async () => {
    const now = new Date("2026-12-14T09:00:00+07:00");
    await planCourseSends(temp.db, course(), now, ZONE);
    // Only the 2-hours-before reminder and the quiz are ahead.
    let rows = await temp.db.courseSend.findMany({ where: { courseId }, orderBy: { dueAt: "asc" } });
    expect(rows.map((row) => row.kind)).toEqual(["reminder", "quiz"]);
    // The reminder was sent; an edit that does not move the course plans nothing twice.
    await temp.db.courseSend.updateMany({ where: { courseId, kind: "reminder" }, data: { status: "done" } });
    await planCourseSends(temp.db, course(), now, ZONE);
    rows = await temp.db.courseSend.findMany({ where: { courseId }, orderBy: { dueAt: "asc" } });
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ["reminder", "done"],
      ["quiz", "pending"],
    ]);
    // Moved a day later: new reminders, the old pending quiz replaced.
    await planCourseSends(
      temp.db,
      course({
        startsAt: new Date("2026-12-16T08:00:00+07:00"),
        endsAt: new Date("2026-12-16T11:00:00+07:00"),
      }),
      now,
      ZONE,
    );
    rows = await temp.db.courseSend.findMany({ where: { courseId }, orderBy: { dueAt: "asc" } });
    expect(rows.map((row) => [row.kind, row.dueAt.toISOString(), row.status])).toEqual([
      ["reminder", "2026-12-14T23:00:00.000Z", "done"],
      ["reminder", "2026-12-15T01:00:00.000Z", "pending"],
      ["reminder", "2026-12-15T23:00:00.000Z", "pending"],
      ["quiz", "2026-12-16T04:00:00.000Z", "pending"],
    ]);
  });

  it("skips what is pending when the course is cancelled", async () => {
    const now = new Date("2026-12-01T09:00:00+07:00");
    await planCourseSends(temp.db, course(), now, ZONE);
    expect(await skipCourseSends(temp.db, courseId, now)).toBe(4);
    expect(await temp.db.courseSend.count({ where: { courseId, status: "pending" } })).toBe(0);
  });
});

describe("Reminders say how long is left as people count it", () => {
  const at = new Date("2026-12-15T08:00:00+07:00");
  const ahead = (ms: number) => timeLeft(new Date(at.getTime() - ms), at);
  it("rounds a sweep that ran a little late to the planned figure", () => {
    expect(ahead(24 * 3_600_000 - 30_000)).toEqual({ unit: "days", count: 1 });
    expect(ahead(2 * 3_600_000 - 30_000)).toEqual({ unit: "hours", count: 2 });
    expect(ahead(26 * 3_600_000)).toEqual({ unit: "days", count: 1 });
    expect(ahead(45 * 60_000)).toEqual({ unit: "minutes", count: 45 });
    expect(ahead(10_000)).toEqual({ unit: "minutes", count: 1 });
  });
});
