import type { Db } from "../../db/client.js";
import { loadActor } from "../access/load-actor.js";
import { authorize, type Denial } from "../access/permissions.js";
import { isRole, type Role } from "../roles.js";
import { describeUnit } from "../units/describe-unit.js";

/** What a manager sees of a person before changing anything. */
export interface PersonCard {
  id: number;
  fullName: string;
  role: Role;
  status: string;
  phone: string | null;
  unitId: number;
  unitLevel: string;
  /** "Thôn 3, Xã Lâm Trung Thủy, Tỉnh Hà Tĩnh". */
  unitLabel: string;
  linked: boolean;
  blocked: boolean;
  /** The person's messenger accounts, one per channel at most. */
  accounts: { channel: string; blocked: boolean }[];
}

/**
 * A person's card for someone managing people (phone, role, unit, messenger link): only for a
 * manager who, as they stand now, may look after that person's unit. Asked again on every
 * screen, so a manager deactivated or moved meanwhile sees nothing more.
 */
export async function loadPersonCard(
  db: Db,
  actorId: number,
  personId: number,
): Promise<{ ok: true; card: PersonCard } | { ok: false; reason: Denial | "not_found" }> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "person.relink").ok) return { ok: false, reason: "not_allowed" };
  const person = await db.person.findUnique({
    where: { id: personId },
    include: {
      accounts: { select: { blockedAt: true, channel: true }, orderBy: { channel: "asc" } },
      unit: true,
    },
  });
  if (!person || !isRole(person.role)) return { ok: false, reason: "not_found" };
  const allowed = authorize(actor, "person.relink", { unitPath: person.unit.path });
  if (!allowed.ok) return allowed;
  const chain = await describeUnit(db, person.unitId);
  return {
    ok: true,
    card: {
      id: person.id,
      fullName: person.fullName,
      role: person.role,
      status: person.status,
      phone: person.phone,
      unitId: person.unitId,
      unitLevel: person.unit.level,
      unitLabel: chain?.names.slice(0, 3).join(", ") ?? person.unit.name,
      linked: person.accounts.length > 0,
      blocked: person.accounts.some((account) => account.blockedAt !== null),
      accounts: person.accounts.map((account) => ({
        channel: account.channel,
        blocked: account.blockedAt !== null,
      })),
    },
  };
}
