import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, orderedJoin } from "../../db/dialect.js";
import { zonedInstant } from "../reports/periods.js";
import type { Role } from "../roles.js";
import { subtreeRange } from "../units/unit-path.js";

/**
 * The officers the programme must train every year ("100% cán bộ được tập huấn"): poverty
 * officers at every level — hamlet heads, commune officers, the province's and districts'
 * supervisors and specialists. Trainers (who teach) and system admins are not counted.
 */
export const ROLES_TO_TRAIN: readonly Role[] = ["hamlet_head", "commune_officer", "supervisor"];

/**
 * How many active officers of the subtree at `unitPath` must be trained, and how many of them
 * attended at least one course that started in the local calendar `year` (cancelled courses do
 * not count). One SQL count over a range of unit paths, never the people loaded. No permission
 * check: `trainedThisYear` (an actor's scope) and the summaries (checked by their callers) use it.
 */
export async function countTrainedThisYear(
  db: Db,
  unitPath: string,
  year: number,
  timeZone: string,
): Promise<{ officers: number; trained: number }> {
  const from = zonedInstant({ year, month: 1, day: 1 }, "00:00", timeZone);
  const to = zonedInstant({ year: year + 1, month: 1, day: 1 }, "00:00", timeZone);
  const range = subtreeRange(unitPath);
  const [row] = await db.$queryRaw<{ officers: unknown; trained: unknown }[]>(Prisma.sql`
    SELECT COUNT(*) AS "officers",
      SUM(CASE WHEN p."id" IN (
        SELECT a."personId" FROM "Course" c ${orderedJoin(dialectOf(db))} "CourseAttendance" a ON a."courseId" = c."id"
        WHERE c."startsAt" >= ${from} AND c."startsAt" < ${to} AND c."status" <> 'cancelled'
      ) THEN 1 ELSE 0 END) AS "trained"
    FROM "Unit" u
    ${orderedJoin(dialectOf(db))} "Person" p ON p."unitId" = u."id"
    WHERE u."path" >= ${range.gte} AND u."path" < ${range.lt}
      AND p."status" = 'active' AND p."role" IN (${Prisma.join([...ROLES_TO_TRAIN])})`);
  return { officers: Number(row?.officers ?? 0), trained: Number(row?.trained ?? 0) };
}
