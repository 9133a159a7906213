import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { htmlMessage } from "../outbox/enqueue-message.js";
import { queueBroadcast } from "../outbox/queue-broadcast.js";
import { authorizeCourseChange } from "./authorize-course-change.js";
import { findCommittedPeople } from "./find-committed-people.js";
import { skipCourseSends } from "./plan-course-sends.js";
import { formatCourseTimeRange } from "./render-course-notice.js";

export const CANCEL_REASON_MAX = 300;

export type CancelCourseResult =
  | { ok: true; told: number; broadcastId: number | null }
  | { ok: false; reason: "not_found" | "not_allowed" | "not_published" | "invalid_reason" };

/**
 * Cancels a published course in one transaction: status cancelled (with the reason, if any),
 * its planned sends skipped, a cancellation notice to the people who will come or wait for a
 * place (nobody else), and the audit entry. Only the creator or an admin in scope.
 */
export async function cancelCourse(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { actorId: number; courseId: number; reason: string | null; timeZone: string },
): Promise<CancelCourseResult> {
  const now = clock.now();
  const reason = input.reason?.trim() || null;
  if (reason !== null && [...reason].length > CANCEL_REASON_MAX)
    return { ok: false, reason: "invalid_reason" };
  return inWriteTransaction(db, async (tx): Promise<CancelCourseResult> => {
    const course = await tx.course.findUnique({ where: { id: input.courseId } });
    if (!course) return { ok: false, reason: "not_found" };
    const allowed = await authorizeCourseChange(tx, input.actorId, course);
    if (!allowed.ok) return allowed;
    // Only a course people were told about can be called off; a second cancel changes nothing.
    const claimed = await tx.course.updateMany({
      where: { id: course.id, status: "published" },
      data: { status: "cancelled", cancelledAt: now, cancelReason: reason },
    });
    if (claimed.count === 0) return { ok: false, reason: "not_published" };
    await skipCourseSends(tx, course.id, now);
    const people = await findCommittedPeople(tx, course.id);
    let broadcastId: number | null = null;
    if (people.length > 0) {
      const queued = await queueBroadcast(tx, {
        kind: "course_cancel",
        senderId: allowed.actor.id,
        unitId: course.unitId,
        courseId: course.id,
        text: course.title,
        audience: { units: [], roles: ["yes", "waitlist"] },
        recipients: people.map(({ personId, locale }) => {
          const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
          const lines = [
            t("course-cancel-notice", {
              title: course.title,
              time: formatCourseTimeRange(course.startsAt, course.endsAt, locale, input.timeZone),
            }),
          ];
          if (reason) lines.push(t("course-cancel-reason", { reason }));
          return { personId, payload: htmlMessage(lines.join("\n")) };
        }),
        now,
        ref: `course:${course.id}`,
      });
      broadcastId = queued.broadcastId;
    }
    await recordAudit(tx, {
      at: now,
      actorId: allowed.actor.id,
      action: "course.cancel",
      targetType: "course",
      targetId: course.id,
      unitId: course.unitId,
      details: { reason, told: people.length },
    });
    return { ok: true, told: people.length, broadcastId };
  });
}
