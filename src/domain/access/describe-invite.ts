import type { Db } from "../../db/client.js";
import { isRole, type Role } from "../roles.js";
import { describeUnit } from "../units/describe-unit.js";

/**
 * What an invite offers, as the person who opened it is told before giving their name: the role
 * and "Thôn 3, Xã Lâm Trung Thủy". `null` when it is gone. Whether it can still be used is
 * decided when it is redeemed (`redeemInvite`).
 */
export async function describeInvite(
  db: Db,
  inviteId: number,
): Promise<{ role: Role; unitLabel: string } | null> {
  const invite = await db.invite.findUnique({
    where: { id: inviteId },
    select: { role: true, unitId: true },
  });
  if (!invite || !isRole(invite.role)) return null;
  const chain = await describeUnit(db, invite.unitId);
  return { role: invite.role, unitLabel: chain?.names.slice(0, 2).join(", ") ?? "" };
}
