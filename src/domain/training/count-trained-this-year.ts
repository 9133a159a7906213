import type { Db } from "../../db/client.js";
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
 * not count). Two SQL counts over a range of unit paths, never the people loaded. No permission
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
  const officers = {
    status: "active",
    role: { in: [...ROLES_TO_TRAIN] },
    unit: { path: subtreeRange(unitPath) },
  };
  const [total, trained] = await Promise.all([
    db.person.count({ where: officers }),
    db.person.count({
      where: {
        ...officers,
        attendance: { some: { course: { startsAt: { gte: from, lt: to }, status: { not: "cancelled" } } } },
      },
    }),
  ]);
  return { officers: total, trained };
}
