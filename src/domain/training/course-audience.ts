import type { Db, Prisma } from "../../db/client.js";
import { subtreeRange } from "../units/unit-path.js";

/** An audience: people of these roles in these units' subtrees. */
export interface Audience {
  unitIds: readonly number[];
  roles: readonly string[];
}

/**
 * The Prisma filter selecting the active people of an audience — the roles given, anywhere in
 * the subtree of one of the units. Used to count, list and message an audience without loading
 * it whole.
 */
export async function audienceWhere(
  db: Pick<Db, "unit">,
  audience: Audience,
): Promise<Prisma.PersonWhereInput> {
  const units = await db.unit.findMany({
    where: { id: { in: [...audience.unitIds] } },
    select: { path: true },
  });
  if (units.length === 0 || audience.roles.length === 0) return { id: { in: [] } };
  return {
    status: "active",
    role: { in: [...audience.roles] },
    OR: units.map((unit) => ({ unit: { path: subtreeRange(unit.path) } })),
  };
}

/** The audience a course was published to (its `CourseAudience` rows). */
export async function courseAudience(db: Pick<Db, "courseAudience">, courseId: number): Promise<Audience> {
  const rows = await db.courseAudience.findMany({
    where: { courseId },
    select: { unitId: true, role: true },
  });
  return {
    unitIds: [...new Set(rows.map((row) => row.unitId))],
    roles: [...new Set(rows.map((row) => row.role))],
  };
}

/** The filter for the active people a course is for. */
export async function courseAudienceWhere(
  db: Pick<Db, "unit" | "courseAudience">,
  courseId: number,
): Promise<Prisma.PersonWhereInput> {
  return audienceWhere(db, await courseAudience(db, courseId));
}
