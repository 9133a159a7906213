import type { Db } from "../../db/client.js";
import { answerDeadline } from "./answer-deadline.js";
import { isInCourseAudience } from "./is-in-course-audience.js";

export interface AudienceCourse {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  deadline: Date;
  createdById: number;
  unitId: number;
}

/**
 * A published course as one of its audience sees it ("Hỏi thêm", the reason after "Không tham
 * gia"); anyone else gets the reason they may not.
 */
export async function findAudienceCourse(
  db: Pick<Db, "course" | "person" | "courseAudience">,
  personId: number,
  courseId: number,
): Promise<
  | { ok: true; course: AudienceCourse }
  | { ok: false; reason: "not_found" | "not_in_audience" | "not_published" }
> {
  const course = await db.course.findUnique({ where: { id: courseId } });
  if (!course) return { ok: false, reason: "not_found" };
  if (!(await isInCourseAudience(db, personId, course.id))) return { ok: false, reason: "not_in_audience" };
  if (course.status !== "published") return { ok: false, reason: "not_published" };
  return {
    ok: true,
    course: {
      id: course.id,
      title: course.title,
      startsAt: course.startsAt,
      endsAt: course.endsAt,
      deadline: answerDeadline(course),
      createdById: course.createdById,
      unitId: course.unitId,
    },
  };
}
