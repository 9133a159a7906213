import type { Prisma } from "../../db/client.js";
import type { Role } from "../roles.js";

export type AttachResult =
  | { ok: true; personId: number; created: boolean }
  | { ok: false; reason: "linked_to_other_account" };

/**
 * Gives an account its roster entry inside a transaction (approvals, invites): the existing
 * person with this phone (reactivated if needed; the roster stays authoritative about role
 * and unit), or a new person with the given role and unit. A person already holding another
 * account on the same channel is not taken over.
 */
export async function attachAccountToPerson(
  tx: Prisma.TransactionClient,
  input: {
    account: { id: number; channel: string; locale: string | null };
    phone: string | null;
    fullName: string;
    role: Role;
    unitId: number;
    now: Date;
  },
): Promise<AttachResult> {
  const existing = input.phone ? await tx.person.findUnique({ where: { phone: input.phone } }) : null;
  let personId: number;
  let created = false;
  if (existing) {
    const other = await tx.channelAccount.findFirst({
      where: { personId: existing.id, channel: input.account.channel, NOT: { id: input.account.id } },
    });
    if (other) return { ok: false, reason: "linked_to_other_account" };
    personId = existing.id;
    if (existing.status !== "active") {
      await tx.person.update({ where: { id: existing.id }, data: { status: "active" } });
    }
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
