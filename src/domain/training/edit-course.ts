import type { Db } from "../../db/client.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatNumber } from "../../shared/time.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction, lockRow } from "../imports/import-plan.js";
import { htmlMessage } from "../outbox/enqueue-message.js";
import { queueBroadcast } from "../outbox/queue-broadcast.js";
import { authorizeCourseChange } from "./authorize-course-change.js";
import { findCommittedPeople } from "./find-committed-people.js";
import { checkCourseTimes } from "./parse-course-time.js";
import { planCourseSends, readReminderPlan } from "./plan-course-sends.js";
import { promoteWaitlist } from "./promote-waitlist.js";
import {
  COURSE_CAPACITY_MAX,
  COURSE_CONTENT_MAX,
  COURSE_VENUE_MAX,
  type CourseDraftError,
} from "./publish-course.js";
import { formatCourseInstant, formatCourseTimeRange } from "./render-course-notice.js";

/** One field of a published course, changed. */
export type CourseChange =
  | { field: "time"; startsAt: Date; endsAt: Date }
  | { field: "venue"; venue: string }
  | { field: "content"; content: string }
  | { field: "capacity"; capacity: number | null }
  | { field: "deadline"; rsvpDeadline: Date | null };

export type EditCourseResult =
  | { ok: true; revision: number; told: number; broadcastId: number | null }
  | {
      ok: false;
      reason: "not_found" | "not_allowed" | "not_published" | "started" | "unchanged" | CourseDraftError;
    };

type CourseRow = NonNullable<Awaited<ReturnType<Db["course"]["findUnique"]>>>;

/**
 * Changes one field of a published course that has not started, in one transaction: the
 * course (revision + 1), its planned sends again (reminders move with the time), a change
 * notice saying what changed to the people who will come or wait for a place — nobody who
 * declined or did not answer — and the audit entry. Only the creator or an admin in scope.
 */
export async function editCourse(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { actorId: number; courseId: number; change: CourseChange; timeZone: string },
): Promise<EditCourseResult> {
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<EditCourseResult> => {
    // Locked like an answer locks it (places are counted below when they change).
    await lockRow(tx, "Course", input.courseId);
    const course = await tx.course.findUnique({ where: { id: input.courseId } });
    if (!course) return { ok: false, reason: "not_found" };
    const allowed = await authorizeCourseChange(tx, input.actorId, course);
    if (!allowed.ok) return allowed;
    if (course.status !== "published") return { ok: false, reason: "not_published" };
    if (course.startsAt <= now) return { ok: false, reason: "started" };
    const data = changedFields(course, input.change);
    if (data === null) return { ok: false, reason: "unchanged" };
    const next = { ...course, ...data };
    const invalid = checkChange(next, input.change, now);
    if (invalid) return { ok: false, reason: invalid };
    const updated = await tx.course.update({
      where: { id: course.id },
      data: { ...data, revision: { increment: 1 } },
    });
    await planCourseSends(
      tx,
      { ...updated, reminders: readReminderPlan(updated.reminders) },
      now,
      input.timeZone,
    );
    // More places: those waiting move up (and are told) before the change notice goes out.
    if (input.change.field === "capacity") {
      await promoteWaitlist(tx, clock, translator, { course: updated, timeZone: input.timeZone });
    }
    const people = await findCommittedPeople(tx, course.id);
    let broadcastId: number | null = null;
    if (people.length > 0) {
      const queued = await queueBroadcast(tx, {
        kind: "course_change",
        senderId: allowed.actor.id,
        unitId: course.unitId,
        courseId: course.id,
        text: course.title,
        audience: { units: [], roles: ["yes", "waitlist"] },
        recipients: people.map((person) => ({
          personId: person.personId,
          payload: htmlMessage(
            changeNotice(translator, person.locale, course, updated, input.change, input.timeZone),
            [[[translator.plain(person.locale, "course-answer-withdraw"), `cra:n:${course.id}`]]],
          ),
        })),
        now,
        ref: `course:${course.id}`,
      });
      broadcastId = queued.broadcastId;
    }
    await recordAudit(tx, {
      at: now,
      actorId: allowed.actor.id,
      action: "course.edit",
      targetType: "course",
      targetId: course.id,
      unitId: course.unitId,
      details: { field: input.change.field, revision: updated.revision, told: people.length },
    });
    return { ok: true, revision: updated.revision, told: people.length, broadcastId };
  });
}

/** The columns the change sets, or `null` when it sets them to what they are. */
function changedFields(course: CourseRow, change: CourseChange) {
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  switch (change.field) {
    case "time":
      return same(course.startsAt, change.startsAt) && same(course.endsAt, change.endsAt)
        ? null
        : { startsAt: change.startsAt, endsAt: change.endsAt };
    case "venue":
      return course.venue === change.venue
        ? null
        : { venue: change.venue, venueLatitude: null, venueLongitude: null };
    case "content":
      return course.content === change.content ? null : { content: change.content };
    case "capacity":
      return course.capacity === change.capacity ? null : { capacity: change.capacity };
    case "deadline":
      return same(course.rsvpDeadline, change.rsvpDeadline) ? null : { rsvpDeadline: change.rsvpDeadline };
  }
}

function checkChange(next: CourseRow, change: CourseChange, now: Date): CourseDraftError | null {
  if (change.field === "time") {
    const times = checkCourseTimes({ startsAt: next.startsAt, endsAt: next.endsAt }, now);
    if (!times.ok) return times.reason;
  }
  if (change.field === "time" || change.field === "deadline") {
    if (next.rsvpDeadline && next.rsvpDeadline > next.startsAt) return "deadline_after_start";
    if (change.field === "deadline" && next.rsvpDeadline && next.rsvpDeadline <= now) return "deadline_past";
  }
  const length = (text: string | null) => [...(text ?? "")].length;
  if (change.field === "venue" && (length(next.venue) === 0 || length(next.venue) > COURSE_VENUE_MAX))
    return "invalid_field";
  if (change.field === "content" && (length(next.content) === 0 || length(next.content) > COURSE_CONTENT_MAX))
    return "invalid_field";
  if (
    change.field === "capacity" &&
    next.capacity !== null &&
    (!Number.isInteger(next.capacity) || next.capacity < 1 || next.capacity > COURSE_CAPACITY_MAX)
  )
    return "invalid_field";
  return null;
}

/** "Khóa học X thay đổi: Thời gian: cũ → mới", in the person's language. */
function changeNotice(
  translator: Translator,
  locale: Locale,
  before: CourseRow,
  after: CourseRow,
  change: CourseChange,
  timeZone: string,
): string {
  const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
  const shown = (course: CourseRow): string => {
    switch (change.field) {
      case "time":
        return formatCourseTimeRange(course.startsAt, course.endsAt, locale, timeZone);
      case "venue":
        return course.venue ?? "—";
      case "content":
        return course.content ?? "—";
      case "capacity":
        return course.capacity === null ? t("course-no-limit") : formatNumber(course.capacity, locale);
      case "deadline":
        return course.rsvpDeadline
          ? formatCourseInstant(course.rsvpDeadline, locale, timeZone)
          : t("course-no-deadline");
    }
  };
  const lines = [
    t("course-change-head", { title: after.title }),
    change.field === "content"
      ? t("course-change-content", { content: shown(after) })
      : t("course-change-line", {
          field: t(`course-field-${change.field}`),
          before: shown(before),
          after: shown(after),
        }),
  ];
  if (change.field !== "time") {
    lines.push(
      t("course-notice-time", {
        time: formatCourseTimeRange(after.startsAt, after.endsAt, locale, timeZone),
      }),
    );
  }
  if (change.field !== "venue" && after.venue) lines.push(t("course-notice-venue", { venue: after.venue }));
  lines.push("", t("course-change-foot"));
  return lines.join("\n");
}
