import type { Db } from "../../db/client.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { isRole, ROLES, type Role } from "../roles.js";
import { subtreeRange } from "./unit-path.js";

export interface ScopeSummary {
  /** Units strictly below the root, by level. */
  unitsByLevel: Record<string, number>;
  peopleByRole: Record<Role, number>;
  /** Active people who have linked at least one messenger account. */
  linkedPeople: number;
  activePeople: number;
}

/**
 * Counts for "Đơn vị của tôi": units and active people in the subtree of the actor's unit, with
 * SQL aggregates (the subtree can hold thousands of people). The actor is read as they stand
 * now; `null` when they may not see an overview of units (`units.overview`).
 */
export async function summarizeScope(db: Db, actorId: number): Promise<ScopeSummary | null> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "units.overview").ok) return null;
  const unitPath = actor.unitPath;
  const inSubtree = { path: subtreeRange(unitPath) };
  const [units, people, linkedPeople] = await Promise.all([
    // Units below the root (the root itself is not "trực thuộc").
    db.unit.groupBy({
      by: ["level"],
      where: { ...inSubtree, NOT: { path: unitPath }, active: true },
      _count: { _all: true },
    }),
    db.person.groupBy({
      by: ["role"],
      where: { status: "active", unit: inSubtree },
      _count: { _all: true },
    }),
    db.person.count({
      where: { status: "active", unit: inSubtree, accounts: { some: {} } },
    }),
  ]);
  const peopleByRole = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
  let activePeople = 0;
  for (const row of people) {
    if (isRole(row.role)) peopleByRole[row.role] = row._count._all;
    activePeople += row._count._all;
  }
  return {
    unitsByLevel: Object.fromEntries(units.map((row) => [row.level, row._count._all])),
    peopleByRole,
    linkedPeople,
    activePeople,
  };
}
