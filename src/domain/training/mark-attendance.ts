import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import type { Clock } from "../../shared/clock.js";
import type { Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { checkInWindow } from "./check-in-code.js";
import { loadManagedCourse } from "./load-managed-course.js";

export type MarkAttendanceResult =
  | { ok: true; present: boolean; fullName: string }
  | { ok: false; reason: Denial | "not_found" | "not_published" | "not_listed" }
  | { ok: false; reason: "too_early"; opens: Date };

/**
 * The trainer ticks (or unticks) a name on the list of those who said "Tham gia": attendance
 * with method "list" and who marked it. From check-in's opening on (a paper list can be
 * entered after the course too). Audited, in the same transaction as the change.
 */
export async function markAttendance(
  db: Db,
  clock: Clock,
  input: { actorId: number; courseId: number; personId: number },
): Promise<MarkAttendanceResult> {
  const now = clock.now();
  const attempt = () =>
    inWriteTransaction(db, async (tx): Promise<MarkAttendanceResult> => {
      const loaded = await loadManagedCourse(tx, input.actorId, input.courseId);
      if (!loaded.ok) return loaded;
      const { course, actor } = loaded;
      if (course.status !== "published" && course.status !== "finished") {
        return { ok: false, reason: "not_published" };
      }
      const opens = checkInWindow(course).opens;
      if (now < opens) return { ok: false, reason: "too_early", opens };
      const person = await tx.person.findFirst({
        where: {
          id: input.personId,
          OR: [
            { rsvps: { some: { courseId: course.id, answer: "yes" } } },
            { attendance: { some: { courseId: course.id } } },
          ],
        },
        select: { id: true, fullName: true, unitId: true },
      });
      if (!person) return { ok: false, reason: "not_listed" };
      const existing = await tx.courseAttendance.findUnique({
        where: { courseId_personId: { courseId: course.id, personId: person.id } },
        select: { id: true, method: true },
      });
      if (existing) {
        await tx.courseAttendance.delete({ where: { id: existing.id } });
      } else {
        await tx.courseAttendance.create({
          data: {
            courseId: course.id,
            personId: person.id,
            method: "list",
            markedById: actor.id,
            checkedInAt: now,
          },
        });
      }
      await recordAudit(tx, {
        at: now,
        actorId: actor.id,
        action: existing ? "course.attendance_unmark" : "course.attendance_mark",
        targetType: "Person",
        targetId: person.id,
        unitId: person.unitId,
        details: { courseId: course.id, ...(existing ? { method: existing.method } : {}) },
      });
      return { ok: true, present: !existing, fullName: person.fullName };
    });
  try {
    return await attempt();
  } catch (error) {
    // The same name ticked at the same moment elsewhere (one attendance per person and course,
    // a unique key): this tap comes second, as it would had it come a moment later.
    if (!isUniqueViolation(error, ["courseId", "personId"])) throw error;
    return attempt();
  }
}
