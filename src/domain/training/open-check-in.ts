import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { checkInWindow, newCheckInCode } from "./check-in-code.js";
import { loadManagedCourse } from "./load-managed-course.js";

export type OpenCheckInResult =
  | {
      ok: true;
      code: string;
      course: { id: number; title: string; startsAt: Date; endsAt: Date };
      /** It was open already: the same code is shown again. */
      alreadyOpen: boolean;
      /** Attendance so far, and how many said "Tham gia". */
      present: number;
      expected: number;
    }
  | { ok: false; reason: Denial | "not_found" | "not_published" }
  | { ok: false; reason: "too_early"; opens: Date }
  | { ok: false; reason: "ended"; endedAt: Date };

/**
 * The trainer opens check-in: the course gets a short code (unique among the check-ins open
 * now) that participants type in the chat. Only during the course's hours — from a little
 * before the start to the end; asked again, it shows the same code. Audited.
 */
export async function openCheckIn(
  db: Db,
  clock: Clock,
  input: { actorId: number; courseId: number },
): Promise<OpenCheckInResult> {
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<OpenCheckInResult> => {
    const loaded = await loadManagedCourse(tx, input.actorId, input.courseId);
    if (!loaded.ok) return loaded;
    const { course, actor } = loaded;
    if (course.status !== "published") return { ok: false, reason: "not_published" };
    const window = checkInWindow(course);
    if (now < window.opens) return { ok: false, reason: "too_early", opens: window.opens };
    if (now >= window.closes) return { ok: false, reason: "ended", endedAt: window.closes };
    let code = course.checkInOpenedAt ? course.checkInCode : null;
    const alreadyOpen = code !== null;
    if (code === null) {
      for (let attempt = 0; code === null; attempt++) {
        const candidate = newCheckInCode();
        // Unique among the check-ins that can still be used (or told "đã hết giờ" about).
        const taken = await tx.course.count({
          where: {
            checkInCode: candidate,
            checkInOpenedAt: { not: null },
            endsAt: { gt: lateWindowStart(now) },
          },
        });
        if (taken === 0 || attempt > 20) code = candidate;
      }
      await tx.course.update({ where: { id: course.id }, data: { checkInCode: code, checkInOpenedAt: now } });
      await recordAudit(tx, {
        at: now,
        actorId: actor.id,
        action: "course.check_in_open",
        targetType: "Course",
        targetId: course.id,
        unitId: course.unitId,
      });
    }
    const [present, expected] = await Promise.all([
      tx.courseAttendance.count({ where: { courseId: course.id } }),
      tx.courseRsvp.count({ where: { courseId: course.id, answer: "yes" } }),
    ]);
    return {
      ok: true,
      code,
      alreadyOpen,
      present,
      expected,
      course: { id: course.id, title: course.title, startsAt: course.startsAt, endsAt: course.endsAt },
    };
  });
}

/** A code typed this long after its course ended is still recognised, to say "đã hết giờ". */
export const LATE_CODE_RECOGNISED_MS = 12 * 60 * 60_000;

export function lateWindowStart(now: Date): Date {
  return new Date(now.getTime() - LATE_CODE_RECOGNISED_MS);
}
