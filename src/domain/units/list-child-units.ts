import type { Db } from "../../db/client.js";

/** Active children of a unit (or the roots when `parentId` is null), by name. */
export function listChildUnits(db: Db, parentId: number | null) {
  return db.unit.findMany({
    where: { parentId, active: true },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, level: true, code: true, path: true },
  });
}
