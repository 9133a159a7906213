import type { Db, Prisma } from "../../db/client.js";
import { pathIds } from "./unit-path.js";

export interface UnitChain {
  id: number;
  name: string;
  level: string;
  path: string;
  /** Names from the unit up to the root: ["Thôn 3", "Xã Lâm Trung Thủy", "Tỉnh Hà Tĩnh"]. */
  names: string[];
}

/** A unit with the names of everything above it, for "Thôn 3, Xã …, Tỉnh …". */
export async function describeUnit(
  db: Pick<Db | Prisma.TransactionClient, "unit">,
  unitId: number,
): Promise<UnitChain | null> {
  const unit = await db.unit.findUnique({ where: { id: unitId } });
  if (!unit) return null;
  const ancestors = await db.unit.findMany({
    where: { id: { in: pathIds(unit.path) } },
    select: { id: true, name: true },
  });
  const byId = new Map(ancestors.map((a) => [a.id, a.name]));
  const names = pathIds(unit.path)
    .reverse()
    .map((id) => byId.get(id))
    .filter((name): name is string => Boolean(name));
  return { id: unit.id, name: unit.name, level: unit.level, path: unit.path, names };
}
