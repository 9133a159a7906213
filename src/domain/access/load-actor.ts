import type { Db, Prisma } from "../../db/client.js";
import { isRole } from "../roles.js";
import type { Actor } from "./permissions.js";

/** Someone acting, as the database says they are now: the part the access rules look at. */
export interface CurrentActor extends Actor {
  id: number;
  fullName: string;
  unitId: number;
  unitLevel: string;
}

/**
 * The actor's current row — status, role and unit path — read where the action happens
 * (inside its transaction), so that a caller holding an older picture of them (a conversation
 * begun before they were deactivated, demoted or moved) can never act on it. `null` when the
 * person no longer exists; a deactivated person is returned with their status, which every
 * non-public action refuses (`authorize` answers `not_allowed`).
 */
export async function loadActor(
  db: Pick<Db | Prisma.TransactionClient, "person">,
  actorId: number,
): Promise<CurrentActor | null> {
  const person = await db.person.findUnique({
    where: { id: actorId },
    select: {
      id: true,
      fullName: true,
      role: true,
      status: true,
      unitId: true,
      unit: { select: { path: true, level: true } },
    },
  });
  if (!person || !isRole(person.role)) return null;
  return {
    id: person.id,
    fullName: person.fullName,
    role: person.role,
    status: person.status,
    unitId: person.unitId,
    unitPath: person.unit.path,
    unitLevel: person.unit.level,
  };
}
