import type { Db } from "../../db/client.js";
import { authorizeCourseChange } from "./authorize-course-change.js";

export interface CourseForChange {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  /** People who said yes or wait for a place: those a change or a cancellation is sent to. */
  committed: number;
}

/**
 * A course as its ✏️/✖️ screens need it, if the actor may change it now: `not_allowed` for
 * anyone but its creator or an admin in scope, the course's status when it is not published.
 * Times as ISO strings (a conversation records this value).
 */
export async function loadCourseForChange(
  db: Db,
  actorId: number,
  courseId: number,
): Promise<
  | { ok: true; course: CourseForChange }
  | { ok: false; reason: "not_found" | "not_allowed" | "draft" | "cancelled" | "finished" }
> {
  const course = await db.course.findUnique({ where: { id: courseId } });
  if (!course) return { ok: false, reason: "not_found" };
  const allowed = await authorizeCourseChange(db, actorId, course);
  if (!allowed.ok) return allowed;
  if (course.status !== "published") {
    const status = course.status === "cancelled" || course.status === "finished" ? course.status : "draft";
    return { ok: false, reason: status };
  }
  const committed = await db.courseRsvp.count({ where: { courseId, answer: { in: ["yes", "waitlist"] } } });
  return {
    ok: true,
    course: {
      id: course.id,
      title: course.title,
      startsAt: course.startsAt.toISOString(),
      endsAt: course.endsAt.toISOString(),
      committed,
    },
  };
}
