import type { Db } from "../../db/client.js";
import { byUnitName } from "./unit-name-order.js";

/** Active children of a unit (or the roots when `parentId` is null), in Vietnamese order. */
export async function listChildUnits(db: Db, parentId: number | null) {
  const rows = await db.unit.findMany({
    where: { parentId, active: true },
    select: { id: true, name: true, level: true, code: true, path: true },
  });
  return rows.sort(byUnitName);
}
