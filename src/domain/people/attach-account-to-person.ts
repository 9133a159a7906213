import type { Prisma } from "../../db/client.js";
import type { Role } from "../roles.js";

/** The roster entry that stood in the way of a grant: who holds the phone, and where. */
export interface RosterHolder {
  id: number;
  fullName: string;
  role: string;
  status: string;
  unitId: number;
  unitName: string;
  unitPath: string;
}

export type AttachResult =
  | { ok: true; personId: number; created: boolean }
  | { ok: false; reason: "linked_to_other_account" }
  | { ok: false; reason: "already_member" }
  | {
      ok: false;
      /**
       * `inactive`: the roster entry is deactivated — only a deliberate reactivation in people
       * management turns it back on. `roster_mismatch`: it is active with another role or unit,
       * which an invite or a request does not change.
       */
      reason: "inactive" | "roster_mismatch";
      holder: RosterHolder;
    };

/**
 * Gives an account the roster entry an invite or an approved access request grants, inside the
 * caller's transaction — exactly that role at that unit, never more:
 * - nobody on the roster has the phone: a new person with the granted role and unit;
 * - the active roster entry with the phone already has that role and unit: the account is
 *   linked to it (nothing is granted that the roster did not already say);
 * - the entry is deactivated, or the account is linked to a deactivated entry: refused
 *   (`inactive`) — a link or a request never turns access back on;
 * - the entry has another role or unit: refused (`roster_mismatch`).
 * A roster entry already holding another account on the same channel is not taken over, and an
 * account linked to an active person is not moved to another one. A refusal writes nothing.
 */
export async function attachAccountToPerson(
  tx: Prisma.TransactionClient,
  input: {
    account: { id: number; channel: string; locale: string | null; personId: number | null };
    phone: string | null;
    fullName: string;
    role: Role;
    unitId: number;
    now: Date;
  },
): Promise<AttachResult> {
  const withUnit = { unit: { select: { name: true, path: true } } } as const;
  const existing = input.phone
    ? await tx.person.findUnique({ where: { phone: input.phone }, include: withUnit })
    : null;
  const current =
    input.account.personId !== null && input.account.personId !== existing?.id
      ? await tx.person.findUnique({ where: { id: input.account.personId }, include: withUnit })
      : null;
  if (current) {
    if (current.status !== "active") return { ok: false, reason: "inactive", holder: holderOf(current) };
    return { ok: false, reason: "already_member" };
  }
  let personId: number;
  let created = false;
  if (existing) {
    if (existing.status !== "active") return { ok: false, reason: "inactive", holder: holderOf(existing) };
    if (existing.role !== input.role || existing.unitId !== input.unitId) {
      return { ok: false, reason: "roster_mismatch", holder: holderOf(existing) };
    }
    const other = await tx.channelAccount.findFirst({
      where: { personId: existing.id, channel: input.account.channel, NOT: { id: input.account.id } },
    });
    if (other) return { ok: false, reason: "linked_to_other_account" };
    personId = existing.id;
  } else {
    const person = await tx.person.create({
      data: {
        fullName: input.fullName,
        phone: input.phone,
        role: input.role,
        unitId: input.unitId,
        locale: input.account.locale ?? "vi",
      },
    });
    personId = person.id;
    created = true;
  }
  await tx.channelAccount.update({
    where: { id: input.account.id },
    data: { personId, linkedAt: input.now },
  });
  return { ok: true, personId, created };
}

function holderOf(person: {
  id: number;
  fullName: string;
  role: string;
  status: string;
  unitId: number;
  unit: { name: string; path: string };
}): RosterHolder {
  return {
    id: person.id,
    fullName: person.fullName,
    role: person.role,
    status: person.status,
    unitId: person.unitId,
    unitName: person.unit.name,
    unitPath: person.unit.path,
  };
}
