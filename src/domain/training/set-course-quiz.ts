import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { loadManagedCourse } from "./load-managed-course.js";
import { findQuiz, QUIZZES_DIR } from "./load-quizzes.js";
import { planCourseSends } from "./plan-course-sends.js";

export type SetCourseQuizResult =
  | { ok: true; quizKey: string | null }
  | { ok: false; reason: Denial | "not_found" | "unknown_quiz" | "closed" };

/**
 * Chooses the feedback/quiz sent when a course ends (or none, `quizKey: null`), until it ends:
 * the course's planned sends are replanned in the same transaction, audited.
 */
export async function setCourseQuiz(
  db: Db,
  clock: Clock,
  input: { actorId: number; courseId: number; quizKey: string | null; timeZone: string },
  quizzesDir: string = QUIZZES_DIR,
): Promise<SetCourseQuizResult> {
  if (input.quizKey !== null && !findQuiz(input.quizKey, quizzesDir))
    return { ok: false, reason: "unknown_quiz" };
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<SetCourseQuizResult> => {
    const loaded = await loadManagedCourse(tx, input.actorId, input.courseId);
    if (!loaded.ok) return loaded;
    const { course, actor } = loaded;
    if (course.status === "cancelled" || course.endsAt <= now) return { ok: false, reason: "closed" };
    const updated = await tx.course.update({
      where: { id: course.id },
      data: { quizKey: input.quizKey },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        rsvpDeadline: true,
        reminders: true,
        quizKey: true,
        status: true,
      },
    });
    if (updated.status === "published") await planCourseSends(tx, updated, now, input.timeZone);
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "course.quiz_set",
      targetType: "Course",
      targetId: course.id,
      unitId: course.unitId,
      details: { from: course.quizKey, to: input.quizKey },
    });
    return { ok: true, quizKey: input.quizKey };
  });
}
