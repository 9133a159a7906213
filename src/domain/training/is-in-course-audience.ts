import type { Db, Prisma } from "../../db/client.js";
import { pathIds } from "../units/unit-path.js";

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
