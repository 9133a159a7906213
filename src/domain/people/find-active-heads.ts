import type { Db, Prisma } from "../../db/client.js";

/** The role that heads a hamlet (thôn, tổ dân phố). */
export const HEAD_ROLE = "hamlet_head";

export interface ActiveHead {
  id: number;
  fullName: string;
  phone: string | null;
}

type PersonReader = Pick<Db | Prisma.TransactionClient, "person">;

/** Is this roster entry an active head (of whatever unit it belongs to)? */
export function isActiveHead(person: { role: string; status: string }): boolean {
  return person.role === HEAD_ROLE && person.status === "active";
}

/**
 * The active heads of a unit, oldest roster entry first. A hamlet has one head unless someone
 * decided to keep a second one (a deputy): approvals, invites, role changes and imports that
 * would add a head ask this first, leaving out the people the change is about (`except`).
 */
export async function findActiveHeads(
  db: PersonReader,
  unitId: number,
  options: { except?: readonly number[] } = {},
): Promise<ActiveHead[]> {
  return db.person.findMany({
    where: {
      unitId,
      role: HEAD_ROLE,
      status: "active",
      ...(options.except && options.except.length > 0 ? { id: { notIn: [...options.except] } } : {}),
    },
    select: { id: true, fullName: true, phone: true },
    orderBy: { id: "asc" },
  });
}
