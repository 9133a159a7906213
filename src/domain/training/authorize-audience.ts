import type { Db, Prisma } from "../../db/client.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { type Action, authorize } from "../access/permissions.js";
import { isRole, type Role } from "../roles.js";
import type { Audience } from "./course-audience.js";

/** Roles a trainer can address: everyone who carries out the programme. */
export const AUDIENCE_ROLES: readonly Role[] = ["hamlet_head", "commune_officer", "supervisor", "trainer"];

export type AudienceDenial = "not_allowed" | "out_of_scope" | "empty_audience";

/**
 * May the actor address this audience with `action`? Every unit must exist and lie in the
 * actor's scope (an id forged into a button is refused like any other), and there must be at
 * least one unit and one known role. Read inside the caller's transaction.
 */
export async function authorizeAudience(
  db: Pick<Db | Prisma.TransactionClient, "person" | "unit">,
  actorId: number,
  action: Action,
  audience: Audience,
): Promise<{ ok: true; actor: CurrentActor } | { ok: false; reason: AudienceDenial }> {
  const actor = await loadActor(db, actorId);
  const allowed = authorize(actor, action);
  if (!actor || !allowed.ok) return { ok: false, reason: "not_allowed" };
  const unitIds = [...new Set(audience.unitIds)];
  if (unitIds.length === 0 || audience.roles.length === 0 || !audience.roles.every(isRole)) {
    return { ok: false, reason: "empty_audience" };
  }
  const units = await db.unit.findMany({ where: { id: { in: unitIds } }, select: { path: true } });
  if (units.length !== unitIds.length) return { ok: false, reason: "out_of_scope" };
  for (const unit of units) {
    if (!authorize(actor, action, { unitPath: unit.path }).ok) return { ok: false, reason: "out_of_scope" };
  }
  return { ok: true, actor };
}
