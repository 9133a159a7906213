import type { Db } from "../../db/client.js";
import { loadActor } from "../access/load-actor.js";
import { authorize, type Denial } from "../access/permissions.js";
import { byUnitName } from "../units/unit-name-order.js";

export interface SummaryUnitChoice {
  id: number;
  name: string;
  level: string;
  /** Whether it has active units below (it can be narrowed further). */
  hasChildren: boolean;
}

/**
 * A unit whose summaries the actor may receive (their own unit by default) and its active child
 * units, for narrowing a subscription one level at a time. A unit outside their scope is refused.
 */
export async function listSummaryUnits(
  db: Db,
  actorId: number,
  unitId?: number,
): Promise<
  | { ok: true; unit: { id: number; name: string; level: string }; children: SummaryUnitChoice[] }
  | { ok: false; reason: Denial | "unknown_unit" }
> {
  const actor = await loadActor(db, actorId);
  if (!actor) return { ok: false, reason: "not_allowed" };
  const unit = await db.unit.findUnique({
    where: { id: unitId ?? actor.unitId },
    select: { id: true, name: true, level: true, path: true, active: true },
  });
  const allowed = authorize(actor, "summary.receive", unit ? { unitPath: unit.path } : {});
  if (!allowed.ok) return allowed;
  if (!unit?.active) return { ok: false, reason: "unknown_unit" };
  const children = await db.unit.findMany({
    where: { parentId: unit.id, active: true },
    select: {
      id: true,
      name: true,
      level: true,
      _count: { select: { children: { where: { active: true } } } },
    },
  });
  return {
    ok: true,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    children: children.sort(byUnitName).map((child) => ({
      id: child.id,
      name: child.name,
      level: child.level,
      hasChildren: child._count.children > 0,
    })),
  };
}
