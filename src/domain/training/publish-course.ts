import type { Db, Prisma } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { htmlMessage } from "../outbox/enqueue-message.js";
import { queueBroadcast } from "../outbox/queue-broadcast.js";
import { type AudienceDenial, authorizeAudience } from "./authorize-audience.js";
import { type Audience, audienceWhere } from "./course-audience.js";
import { type CourseTimeError, checkCourseTimes } from "./parse-course-time.js";
import { planCourseSends, type ReminderPlan, reminderPlanSchema } from "./plan-course-sends.js";
import { courseNoticeButtons, renderCourseNotice } from "./render-course-notice.js";

export const COURSE_TITLE_MAX = 150;
export const COURSE_CONTENT_MAX = 1500;
export const COURSE_VENUE_MAX = 200;
export const COURSE_CAPACITY_MAX = 100_000;

export interface CourseDraft {
  title: string;
  content: string | null;
  venue: string | null;
  venueLatitude: number | null;
  venueLongitude: number | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  rsvpDeadline: Date | null;
  reminders: ReminderPlan;
}

export type CourseDraftError = CourseTimeError | "deadline_after_start" | "deadline_past" | "invalid_field";

export type PublishCourseResult =
  | { ok: true; courseId: number; broadcastId: number; queued: number; unreachable: number }
  | { ok: false; reason: AudienceDenial | CourseDraftError };

/** The checks a course's fields pass, at creation and after each edit. */
export function checkCourseDraft(
  draft: CourseDraft,
  now: Date,
): { ok: true } | { ok: false; reason: CourseDraftError } {
  const times = checkCourseTimes({ startsAt: draft.startsAt, endsAt: draft.endsAt }, now);
  if (!times.ok) return times;
  if (draft.rsvpDeadline) {
    if (draft.rsvpDeadline > draft.startsAt) return { ok: false, reason: "deadline_after_start" };
    if (draft.rsvpDeadline <= now) return { ok: false, reason: "deadline_past" };
  }
  const title = draft.title.trim();
  if (title === "" || [...title].length > COURSE_TITLE_MAX) return { ok: false, reason: "invalid_field" };
  if (draft.content !== null && [...draft.content].length > COURSE_CONTENT_MAX)
    return { ok: false, reason: "invalid_field" };
  if (draft.venue !== null && [...draft.venue].length > COURSE_VENUE_MAX)
    return { ok: false, reason: "invalid_field" };
  if (
    draft.capacity !== null &&
    (!Number.isInteger(draft.capacity) || draft.capacity < 1 || draft.capacity > COURSE_CAPACITY_MAX)
  ) {
    return { ok: false, reason: "invalid_field" };
  }
  if (!reminderPlanSchema.safeParse(draft.reminders).success) return { ok: false, reason: "invalid_field" };
  return { ok: true };
}

/**
 * Publishes a new course in one transaction: the course (published, organised by the actor's
 * unit), its audience (units × roles, each unit in the actor's scope — checked here, whatever
 * the caller offered), its planned sends (reminders, the answer nudge), one notice per person
 * of the audience through the outbox (a `course_notice` broadcast with the answer buttons, in
 * each person's language) and the audit entry. The sender is not sent their own notice.
 */
export async function publishCourse(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { actorId: number; draft: CourseDraft; audience: Audience; timeZone: string },
): Promise<PublishCourseResult> {
  const now = clock.now();
  const checked = checkCourseDraft(input.draft, now);
  if (!checked.ok) return checked;
  return inWriteTransaction(db, async (tx): Promise<PublishCourseResult> => {
    const allowed = await authorizeAudience(tx, input.actorId, "course.manage", input.audience);
    if (!allowed.ok) return allowed;
    const { actor } = allowed;
    const { draft } = input;
    const course = await tx.course.create({
      data: {
        title: draft.title.trim(),
        content: draft.content,
        venue: draft.venue,
        venueLatitude: draft.venueLatitude,
        venueLongitude: draft.venueLongitude,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        capacity: draft.capacity,
        rsvpDeadline: draft.rsvpDeadline,
        reminders: draft.reminders as unknown as Prisma.InputJsonValue,
        status: "published",
        unitId: actor.unitId,
        createdById: actor.id,
        publishedAt: now,
        createdAt: now,
      },
    });
    const unitIds = [...new Set(input.audience.unitIds)];
    const roles = [...new Set(input.audience.roles)];
    await tx.courseAudience.createMany({
      data: unitIds.flatMap((unitId) => roles.map((role) => ({ courseId: course.id, unitId, role }))),
    });
    await planCourseSends(tx, course, now, input.timeZone);
    const people = await tx.person.findMany({
      where: { AND: [await audienceWhere(tx, { unitIds, roles }), { id: { not: actor.id } }] },
      select: { id: true, locale: true },
      orderBy: { id: "asc" },
    });
    const recipients = people.map((person) => {
      const locale = isLocale(person.locale) ? person.locale : "vi";
      return {
        personId: person.id,
        payload: htmlMessage(
          renderCourseNotice(translator, locale, course, input.timeZone),
          courseNoticeButtons(translator, locale, course.id),
        ),
      };
    });
    const queued = await queueBroadcast(tx, {
      kind: "course_notice",
      senderId: actor.id,
      unitId: actor.unitId,
      courseId: course.id,
      text: course.title,
      audience: { units: unitIds, roles },
      recipients,
      now,
      ref: `course:${course.id}`,
    });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "course.publish",
      targetType: "course",
      targetId: course.id,
      unitId: actor.unitId,
      details: { units: unitIds, roles, recipients: recipients.length, broadcastId: queued.broadcastId },
    });
    return {
      ok: true,
      courseId: course.id,
      broadcastId: queued.broadcastId,
      queued: queued.queued,
      unreachable: queued.unreachable.length,
    };
  });
}
