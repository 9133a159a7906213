import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { type Action, type Actor, authorize, type Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { isRole, type Role } from "../roles.js";

export type ManageResult =
  | { ok: true }
  | { ok: false; reason: Denial | "not_found" | "phone_taken" | "self" };

type Manager = Actor & { id: number };

async function loadInScope(db: Db, actor: Manager, personId: number, action: Action) {
  const person = await db.person.findUnique({ where: { id: personId }, include: { unit: true } });
  if (!person) return { ok: false, reason: "not_found" } as const;
  const allowed = authorize(actor, action, { unitPath: person.unit.path });
  if (!allowed.ok) return allowed;
  return { ok: true, person } as const;
}

/**
 * Removes the link between a person and their messenger account (lost phone, new Telegram
 * account). The roster entry stays; the person links the new account by sharing their phone.
 */
export async function unlinkAccount(
  db: Db,
  clock: Clock,
  actor: Manager,
  personId: number,
): Promise<ManageResult> {
  const found = await loadInScope(db, actor, personId, "person.relink");
  if (!found.ok) return found;
  await db.$transaction(async (tx) => {
    const accounts = await tx.channelAccount.findMany({ where: { personId } });
    await tx.channelAccount.updateMany({ where: { personId }, data: { personId: null, linkedAt: null } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "account.unlink",
      targetType: "Person",
      targetId: personId,
      unitId: found.person.unitId,
      details: {
        accounts: accounts.map((a) => ({ channel: a.channel, externalId: a.externalId })),
        at: clock.now().toISOString(),
      },
    });
  });
  return { ok: true };
}

/** Changes the roster phone (the key used to link accounts); numbers stay unique. */
export async function changePhone(
  db: Db,
  clock: Clock,
  actor: Manager,
  personId: number,
  phone: string,
): Promise<ManageResult> {
  const found = await loadInScope(db, actor, personId, "person.relink");
  if (!found.ok) return found;
  try {
    await db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: personId }, data: { phone } });
      await recordAudit(tx, {
        at: clock.now(),
        actorId: actor.id,
        action: "person.phone_change",
        targetType: "Person",
        targetId: personId,
        unitId: found.person.unitId,
        details: { before: found.person.phone, after: phone },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "phone_taken" };
    }
    throw error;
  }
  return { ok: true };
}

/** Gives a person another role that fits their unit (admins; roles they may grant). */
export async function changeRole(
  db: Db,
  clock: Clock,
  actor: Manager,
  personId: number,
  role: Role,
): Promise<ManageResult> {
  const found = await loadInScope(db, actor, personId, "person.manage");
  if (!found.ok) return found;
  const allowed = authorize(actor, "person.manage", {
    unitPath: found.person.unit.path,
    grantRole: role,
    unitLevel: found.person.unit.level,
  });
  if (!allowed.ok) return allowed;
  if (actor.id === personId) return { ok: false, reason: "self" };
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { role } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "person.role_change",
      targetType: "Person",
      targetId: personId,
      unitId: found.person.unitId,
      details: { before: found.person.role, after: role },
    });
  });
  return { ok: true };
}

/** Moves a person to another unit (in the actor's scope, fitting the person's role). */
export async function moveToUnit(
  db: Db,
  clock: Clock,
  actor: Manager,
  personId: number,
  unitId: number,
): Promise<ManageResult> {
  const found = await loadInScope(db, actor, personId, "person.manage");
  if (!found.ok) return found;
  const unit = await db.unit.findUnique({ where: { id: unitId } });
  if (!unit || !isRole(found.person.role)) return { ok: false, reason: "not_found" };
  const allowed = authorize(actor, "person.manage", {
    unitPath: unit.path,
    grantRole: found.person.role,
    unitLevel: unit.level,
  });
  if (!allowed.ok) return allowed;
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { unitId } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "person.unit_change",
      targetType: "Person",
      targetId: personId,
      unitId,
      details: { before: found.person.unitId, after: unitId },
    });
  });
  return { ok: true };
}

/** Deactivates (treated as a stranger from the next message on) or reactivates a person. */
export async function setPersonStatus(
  db: Db,
  clock: Clock,
  actor: Manager,
  personId: number,
  status: "active" | "inactive",
): Promise<ManageResult> {
  const found = await loadInScope(db, actor, personId, "person.manage");
  if (!found.ok) return found;
  if (actor.id === personId) return { ok: false, reason: "self" };
  await db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { status } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: status === "inactive" ? "person.deactivate" : "person.reactivate",
      targetType: "Person",
      targetId: personId,
      unitId: found.person.unitId,
    });
  });
  return { ok: true };
}
