import type { Db } from "../../db/client.js";
import { findApprovers } from "../access/find-approvers.js";
import { isRole, type Role } from "../roles.js";

export interface AccessContact {
  fullName: string;
  role: Role;
}

/**
 * Whom someone should contact about their access — it was turned off, or their roster entry is
 * held by another account: the active commune officers of their commune, or else the
 * administrators (the people who decide access requests), never themselves. The roster entry
 * is the one linked to the account or, when none is, the one with `phone` (a number the person
 * has just shared, which a refusal does not store) or the account's verified phone. Empty when
 * there is none.
 */
export async function findAccessContacts(
  db: Db,
  accountId: number,
  options: { phone?: string } = {},
): Promise<AccessContact[]> {
  const account = await db.channelAccount.findUnique({
    where: { id: accountId },
    select: { verifiedPhone: true, person: { select: { id: true, unit: { select: { path: true } } } } },
  });
  if (!account) return [];
  const phone = options.phone ?? account.verifiedPhone;
  const person =
    account.person ??
    (phone === null
      ? null
      : await db.person.findUnique({
          where: { phone },
          select: { id: true, unit: { select: { path: true } } },
        }));
  if (!person) return [];
  const approvers = await findApprovers(db, person.unit.path, { excludePersonId: person.id });
  return approvers.flatMap((p) => (isRole(p.role) ? [{ fullName: p.fullName, role: p.role }] : []));
}
