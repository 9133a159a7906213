import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { type CourseAnswer, type CourseStatus, courseAnswerSchema, parseEnum } from "../enums.js";
import { inWriteTransaction, lockRow } from "../imports/import-plan.js";
import { answerDeadline } from "./answer-deadline.js";
import { isInCourseAudience } from "./is-in-course-audience.js";
import { promoteWaitlist } from "./promote-waitlist.js";

export const MAX_REASON_LENGTH = 300;

export interface AnsweredCourse {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  deadline: Date;
}

export type AnswerCourseResult =
  | {
      ok: true;
      course: AnsweredCourse;
      /** What was recorded: "yes", "no", or "waitlist" when the course was full. */
      answer: CourseAnswer;
      /** The answer before, if any. */
      previous: CourseAnswer | null;
      /** Place on the waiting list (1 = next in line), for "waitlist". */
      position: number | null;
      /** People moved from the waiting list to "Tham gia" because this answer freed a seat. */
      promoted: number;
    }
  | { ok: false; reason: "not_found" | "not_published" | "closed" | "not_in_audience"; deadline?: Date };

/**
 * A person's "Tham gia" / "Không tham gia" (with an optional reason) to a course notice.
 * Accepted only from a person of the course's audience, for a published course, until its
 * deadline (the RSVP deadline, else the start); until then it can be changed. When the course
 * is full, "Tham gia" puts the person on the waiting list; when someone who said yes withdraws,
 * the first on the waiting list takes the seat and is told through the outbox.
 *
 * The count of "yes" answers and the write that depends on it are one transaction that takes
 * SQLite's write lock with its first statement (`inWriteTransaction`): SQLite lets one writer at
 * a time, so two people answering at once are serialised — the second counts after the first
 * has committed — and "yes ≤ capacity" holds however many answer together. On PostgreSQL the
 * course's row is locked first (`lockRow`), with the same effect. The answer, any promotions,
 * their notices and the audit entry commit together.
 */
export async function answerCourse(
  db: Db,
  clock: Clock,
  translator: Translator,
  personId: number,
  input: { courseId: number; answer: "yes" | "no"; reason?: string | null; timeZone: string },
): Promise<AnswerCourseResult> {
  return inWriteTransaction(db, async (tx): Promise<AnswerCourseResult> => {
    const now = clock.now();
    // The course's row first: on PostgreSQL a second answer waits here and counts after this one.
    await lockRow(tx, "Course", input.courseId);
    const course = await tx.course.findUnique({ where: { id: input.courseId } });
    if (!course) return { ok: false, reason: "not_found" };
    if (!(await isInCourseAudience(tx, personId, course.id))) return { ok: false, reason: "not_in_audience" };
    if (course.status !== ("published" satisfies CourseStatus)) return { ok: false, reason: "not_published" };
    const deadline = answerDeadline(course);
    if (now.getTime() >= deadline.getTime()) return { ok: false, reason: "closed", deadline };

    const existing = await tx.courseRsvp.findUnique({
      where: { courseId_personId: { courseId: course.id, personId } },
    });
    const previous = parseEnum(courseAnswerSchema, existing?.answer, null);
    let answer: CourseAnswer;
    if (input.answer === "yes") {
      if (previous === "yes" || previous === "waitlist") {
        // Already in (or in line): pressing again keeps the seat or the place in line.
        answer = previous;
      } else {
        const yes =
          course.capacity === null
            ? 0
            : await tx.courseRsvp.count({
                where: { courseId: course.id, answer: "yes" satisfies CourseAnswer },
              });
        answer = course.capacity !== null && yes >= course.capacity ? "waitlist" : "yes";
      }
    } else {
      answer = "no";
    }
    const reason = answer === "no" ? input.reason?.trim().slice(0, MAX_REASON_LENGTH) || null : null;
    if (answer !== previous || (answer === "no" && input.reason !== undefined)) {
      await tx.courseRsvp.upsert({
        where: { courseId_personId: { courseId: course.id, personId } },
        create: { courseId: course.id, personId, answer, reason, answeredAt: now },
        update: answer === previous ? { reason } : { answer, reason, answeredAt: now },
      });
      await recordAudit(tx, {
        at: now,
        actorId: personId,
        action: "course.rsvp",
        targetType: "Course",
        targetId: course.id,
        unitId: course.unitId,
        details: { answer, previous, ...(reason ? { reason } : {}) },
      });
    }
    const promoted =
      previous === "yes" && answer === "no"
        ? (
            await promoteWaitlist(tx, clock, translator, {
              course,
              timeZone: input.timeZone,
            })
          ).length
        : 0;
    let position: number | null = null;
    if (answer === "waitlist") {
      const mine = await tx.courseRsvp.findUniqueOrThrow({
        where: { courseId_personId: { courseId: course.id, personId } },
      });
      position = await tx.courseRsvp.count({
        where: {
          courseId: course.id,
          answer: "waitlist",
          OR: [
            { answeredAt: { lt: mine.answeredAt } },
            { answeredAt: mine.answeredAt, id: { lte: mine.id } },
          ],
        },
      });
    }
    return {
      ok: true,
      course: {
        id: course.id,
        title: course.title,
        startsAt: course.startsAt,
        endsAt: course.endsAt,
        venue: course.venue,
        deadline,
      },
      answer,
      previous,
      position,
      promoted,
    };
  });
}
