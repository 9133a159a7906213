import type { Db } from "../../db/client.js";
import { type Actor, canPerform } from "../access/permissions.js";
import { zonedInstant } from "../reports/periods.js";
import type { Role } from "../roles.js";

/**
 * The officers the programme must train every year ("100% cán bộ được tập huấn"): poverty
 * officers at every level — hamlet heads, commune officers, the province's and districts'
 * supervisors and specialists. Trainers (who teach) and system admins are not counted.
 */
export const ROLES_TO_TRAIN: readonly Role[] = ["hamlet_head", "commune_officer", "supervisor"];

export type TrainedThisYearResult =
  | {
      ok: true;
      /** Active officers of those roles in the actor's subtree. */
      officers: number;
      /** Of them, people who attended (checked in, or ticked by the trainer) a course of that year. */
      trained: number;
    }
  | { ok: false; reason: "not_allowed" };

/**
 * "Trained this year" for the actor's scope: how many officers must be trained, and how many
 * attended at least one course that started in the local calendar `year` (cancelled courses do
 * not count). Two SQL counts, never the people loaded. For those who see summaries, run
 * courses or oversee units.
 */
export async function trainedThisYear(
  db: Db,
  actor: Actor | null,
  year: number,
  timeZone: string,
): Promise<TrainedThisYearResult> {
  const allowed =
    canPerform(actor, "summary.receive") ||
    canPerform(actor, "course.manage") ||
    canPerform(actor, "units.overview");
  if (!actor || !allowed) return { ok: false, reason: "not_allowed" };
  const from = zonedInstant({ year, month: 1, day: 1 }, "00:00", timeZone);
  const to = zonedInstant({ year: year + 1, month: 1, day: 1 }, "00:00", timeZone);
  const officers = {
    status: "active",
    role: { in: [...ROLES_TO_TRAIN] },
    unit: { path: { startsWith: actor.unitPath } },
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
  return { ok: true, officers: total, trained };
}
