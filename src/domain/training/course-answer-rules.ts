import type { Db, Prisma } from "../../db/client.js";
import { pathIds } from "../units/unit-path.js";

/** The answers a person can give to a course notice; "waitlist" is what a full course makes of "yes". */
export type CourseAnswer = "yes" | "no" | "waitlist";

/** Until when answers can be given or changed: the RSVP deadline, else the start. */
export function answerDeadline(course: { rsvpDeadline: Date | null; startsAt: Date }): Date {
  return course.rsvpDeadline ?? course.startsAt;
}

/**
 * Is the person in the course's audience — active, of one of its roles, in the subtree of one
 * of its units? Read from the audience rows and the person's unit path (a few rows), never by
 * listing the audience.
 */
export async function isInCourseAudience(
  db: Pick<Db | Prisma.TransactionClient, "person" | "courseAudience">,
  personId: number,
  courseId: number,
): Promise<boolean> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { status: true, role: true, unit: { select: { path: true } } },
  });
  if (person?.status !== "active") return false;
  const rows = await db.courseAudience.count({
    where: { courseId, role: person.role, unitId: { in: pathIds(person.unit.path) } },
  });
  return rows > 0;
}
