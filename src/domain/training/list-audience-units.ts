import type { Db } from "../../db/client.js";
import { listChildUnits } from "../units/list-child-units.js";

/**
 * The units an audience is picked from: the actor's own unit (all of their scope) first, then
 * the active units just below it, by name.
 */
export async function listAudienceUnits(
  db: Db,
  rootId: number,
): Promise<{ id: number; name: string; whole: boolean }[]> {
  const own = await db.unit.findUnique({ where: { id: rootId }, select: { id: true, name: true } });
  const children = await listChildUnits(db, rootId);
  return [
    ...(own ? [{ id: own.id, name: own.name, whole: true }] : []),
    ...children.map((unit) => ({ id: unit.id, name: unit.name, whole: false })),
  ];
}
