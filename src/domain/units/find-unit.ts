import type { Db } from "../../db/client.js";

/** A unit's id, name, level and materialised path, or `null` when there is none with this id. */
export function findUnit(
  db: Db,
  unitId: number,
): Promise<{ id: number; name: string; level: string; path: string } | null> {
  return db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, name: true, level: true, path: true },
  });
}
