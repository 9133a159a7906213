import type { Db } from "../../db/client.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";

export interface SummaryUnitChoice {
  id: number;
  name: string;
  level: string;
  /** Has active child units (a summary of it can be narrowed further). */
  hasChildren: boolean;
}

export type ListSummaryUnitsResult =
  | {
      ok: true;
      /** The unit whose children are listed (the actor's own unit when none was asked for). */
      parent: SummaryUnitChoice;
      /** Whether `parent` is the actor's own unit (the top of what they may summarise). */
      isOwnUnit: boolean;
      /** One page of its active children, by name. */
      children: SummaryUnitChoice[];
      total: number;
    }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "unknown_unit" };

/**
 * The units a summary can be asked for, one level at a time: a unit within the actor's scope
 * (their own unit by default) and a page of its active children. For the on-demand summary's
 * unit picker; a unit id from an old or forged button outside the actor's subtree is refused.
 */
export async function listSummaryUnits(
  db: Db,
  actorId: number,
  input: { parentId?: number; offset: number; limit: number },
): Promise<ListSummaryUnitsResult> {
  const actor = await loadActor(db, actorId);
  const allowed = authorize(actor, "summary.receive");
  if (!actor || !allowed.ok) return { ok: false, reason: "not_allowed" };
  const parentId = input.parentId ?? actor.unitId;
  const parent = await db.unit.findUnique({
    where: { id: parentId },
    select: { id: true, name: true, level: true, path: true, active: true },
  });
  if (!parent?.active) return { ok: false, reason: "unknown_unit" };
  if (!authorize(actor, "summary.receive", { unitPath: parent.path }).ok)
    return { ok: false, reason: "out_of_scope" };
  const where = { parentId: parent.id, active: true };
  const [total, rows] = await Promise.all([
    db.unit.count({ where }),
    db.unit.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: Math.max(0, input.offset),
      take: input.limit,
      select: {
        id: true,
        name: true,
        level: true,
        _count: { select: { children: { where: { active: true } } } },
      },
    }),
  ]);
  const parentChildren = total > 0;
  return {
    ok: true,
    parent: { id: parent.id, name: parent.name, level: parent.level, hasChildren: parentChildren },
    isOwnUnit: parent.id === actor.unitId,
    children: rows.map((row) => ({
      id: row.id,
      name: row.name,
      level: row.level,
      hasChildren: row._count.children > 0,
    })),
    total,
  };
}
