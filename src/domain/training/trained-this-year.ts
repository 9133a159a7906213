import type { Db } from "../../db/client.js";
import { type Actor, canPerform } from "../access/permissions.js";
import { countTrainedThisYear } from "./count-trained-this-year.js";

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
  return { ok: true, ...(await countTrainedThisYear(db, actor.unitPath, year, timeZone)) };
}
