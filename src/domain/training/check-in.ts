import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordFailedAttempt, tooManyFailedAttempts } from "../access/failed-attempts.js";
import { CHECK_IN_ATTEMPTS_PER_HOUR, checkInWindow } from "./check-in-code.js";
import { courseAudienceWhere } from "./course-audience.js";
import { lateWindowStart } from "./open-check-in.js";

export type CheckInResult =
  | { ok: true; course: { id: number; title: string }; at: Date }
  | { ok: false; reason: "wrong_code" }
  | { ok: false; reason: "too_many_attempts" }
  | { ok: false; reason: "ended"; course: { title: string }; endedAt: Date }
  | { ok: false; reason: "too_early"; course: { title: string }; opens: Date }
  | { ok: false; reason: "not_in_audience"; course: { title: string } }
  | { ok: false; reason: "already"; course: { title: string }; at: Date };

const FAILED_CHECK_IN = "course.check_in_failed";

/**
 * A participant typed a check-in code: attendance is recorded (method "code") when the code is
 * that of a course whose check-in is open now and the person is in its audience (or answered
 * it). A wrong code counts against the account (a few an hour, like activation codes); a
 * right code after the end says so; a second check-in says when the first was.
 */
export async function checkIn(
  db: Db,
  clock: Clock,
  input: { personId: number; accountId: number; code: string },
): Promise<CheckInResult> {
  const now = clock.now();
  if (
    await tooManyFailedAttempts(db, {
      action: FAILED_CHECK_IN,
      accountId: input.accountId,
      now,
      perHour: CHECK_IN_ATTEMPTS_PER_HOUR,
    })
  ) {
    return { ok: false, reason: "too_many_attempts" };
  }
  const courses = await db.course.findMany({
    where: {
      checkInCode: input.code,
      checkInOpenedAt: { not: null },
      status: { in: ["published", "finished"] },
      endsAt: { gt: lateWindowStart(now) },
    },
    orderBy: { endsAt: "desc" },
    select: { id: true, title: true, startsAt: true, endsAt: true },
  });
  const course = courses.find((candidate) => now < candidate.endsAt) ?? courses[0];
  if (!course) {
    await recordFailedAttempt(db, {
      action: FAILED_CHECK_IN,
      accountId: input.accountId,
      now,
      details: { code: input.code },
    });
    return { ok: false, reason: "wrong_code" };
  }
  const window = checkInWindow(course);
  if (now >= window.closes) return { ok: false, reason: "ended", course, endedAt: window.closes };
  if (now < window.opens) return { ok: false, reason: "too_early", course, opens: window.opens };
  const earlier = await db.courseAttendance.findUnique({
    where: { courseId_personId: { courseId: course.id, personId: input.personId } },
    select: { checkedInAt: true },
  });
  if (earlier) return { ok: false, reason: "already", course, at: earlier.checkedInAt };
  const audience = await courseAudienceWhere(db, course.id);
  const member = await db.person.count({
    where: {
      id: input.personId,
      status: "active",
      OR: [audience, { rsvps: { some: { courseId: course.id, answer: { in: ["yes", "waitlist"] } } } }],
    },
  });
  if (member === 0) return { ok: false, reason: "not_in_audience", course };
  try {
    await db.courseAttendance.create({
      data: { courseId: course.id, personId: input.personId, method: "code", checkedInAt: now },
    });
  } catch (error) {
    // Two messages at once: the other one recorded it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const row = await db.courseAttendance.findUnique({
      where: { courseId_personId: { courseId: course.id, personId: input.personId } },
      select: { checkedInAt: true },
    });
    if (row) return { ok: false, reason: "already", course, at: row.checkedInAt };
    throw error;
  }
  return { ok: true, course: { id: course.id, title: course.title }, at: now };
}
