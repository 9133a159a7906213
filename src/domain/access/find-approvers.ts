import type { Db, Prisma } from "../../db/client.js";
import { pathIds } from "../units/unit-path.js";

/**
 * Who decides an access request for a unit: the active commune officers of the unit's commune
 * (any officer whose unit is the unit or one of its ancestors below the province); when there
 * are none, the province's administrators. `excludePersonId` leaves someone out (a person is
 * never their own contact).
 */
export async function findApprovers(
  db: Pick<Db | Prisma.TransactionClient, "person">,
  unitPath: string,
  options: { excludePersonId?: number } = {},
) {
  const ancestorIds = pathIds(unitPath);
  const notExcluded = options.excludePersonId === undefined ? {} : { id: { not: options.excludePersonId } };
  const officers = await db.person.findMany({
    where: { role: "commune_officer", status: "active", unitId: { in: ancestorIds }, ...notExcluded },
    select: { id: true, fullName: true, locale: true, role: true },
  });
  if (officers.length > 0) return officers;
  return db.person.findMany({
    where: { role: "admin", status: "active", ...notExcluded },
    select: { id: true, fullName: true, locale: true, role: true },
  });
}
