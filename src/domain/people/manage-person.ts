import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { type Action, authorize, type Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { isRole, type Role } from "../roles.js";
import {
  applyHeadChoice,
  checkHeadChoice,
  checkMoveTarget,
  type HeadChoice,
  type HeadConflict,
} from "./apply-head-choice.js";
import { findActiveHeads, HEAD_ROLE } from "./find-active-heads.js";

export type ManageResult =
  | { ok: true }
  | {
      ok: false;
      reason:
        | Denial
        | "not_found"
        | "phone_taken"
        | "self"
        | "unit_not_found"
        | "target_has_head"
        | "same_unit";
    }
  | HeadConflict;

type Tx = Prisma.TransactionClient;

/**
 * The actor as they stand now and the person, when the action is theirs to do on that person's
 * unit. Read inside the change's transaction: a manager deactivated, demoted or moved since
 * they opened the screen changes nothing.
 */
async function loadInScope(tx: Tx, actorId: number, personId: number, action: Action) {
  const actor = await loadActor(tx, actorId);
  if (!actor || !authorize(actor, action).ok) return { ok: false, reason: "not_allowed" } as const;
  const person = await tx.person.findUnique({ where: { id: personId }, include: { unit: true } });
  if (!person) return { ok: false, reason: "not_found" } as const;
  const allowed = authorize(actor, action, { unitPath: person.unit.path });
  if (!allowed.ok) return allowed;
  return { ok: true, actor, person } as const;
}

/**
 * Removes the link between a person and their messenger account (lost phone, new Telegram
 * account). The roster entry stays; the person links the new account by sharing their phone.
 */
export async function unlinkAccount(
  db: Db,
  clock: Clock,
  actorId: number,
  personId: number,
): Promise<ManageResult> {
  return inWriteTransaction(db, async (tx): Promise<ManageResult> => {
    const found = await loadInScope(tx, actorId, personId, "person.relink");
    if (!found.ok) return found;
    const accounts = await tx.channelAccount.findMany({ where: { personId } });
    await tx.channelAccount.updateMany({ where: { personId }, data: { personId: null, linkedAt: null } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: found.actor.id,
      action: "account.unlink",
      targetType: "Person",
      targetId: personId,
      unitId: found.person.unitId,
      details: {
        accounts: accounts.map((a) => ({ channel: a.channel, externalId: a.externalId })),
        at: clock.now().toISOString(),
      },
    });
    return { ok: true };
  });
}

/** Changes the roster phone (the key used to link accounts); numbers stay unique. */
export async function changePhone(
  db: Db,
  clock: Clock,
  actorId: number,
  personId: number,
  phone: string,
): Promise<ManageResult> {
  try {
    return await inWriteTransaction(db, async (tx): Promise<ManageResult> => {
      const found = await loadInScope(tx, actorId, personId, "person.relink");
      if (!found.ok) return found;
      await tx.person.update({ where: { id: personId }, data: { phone } });
      await recordAudit(tx, {
        at: clock.now(),
        actorId: found.actor.id,
        action: "person.phone_change",
        targetType: "Person",
        targetId: personId,
        unitId: found.person.unitId,
        details: { before: found.person.phone, after: phone },
      });
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "phone_taken" };
    }
    throw error;
  }
}

/**
 * Gives a person another role (admins; roles they may grant). A role that belongs at another
 * level of unit — a hamlet head promoted to commune officer — comes with its unit: role and
 * unit change together, in one transaction with one audit entry. Nobody changes their own role.
 * Making someone the head of a hamlet that has one needs a choice about the current head.
 */
export async function changeRole(
  db: Db,
  clock: Clock,
  actorId: number,
  personId: number,
  role: Role,
  options: { unitId?: number; heads?: HeadChoice } = {},
): Promise<ManageResult> {
  return inWriteTransaction(db, async (tx): Promise<ManageResult> => {
    const found = await loadInScope(tx, actorId, personId, "person.manage");
    if (!found.ok) return found;
    const { actor, person } = found;
    const unit =
      options.unitId === undefined || options.unitId === person.unitId
        ? person.unit
        : await tx.unit.findFirst({ where: { id: options.unitId, active: true } });
    if (!unit) return { ok: false, reason: "unit_not_found" };
    const allowed = authorize(actor, "person.manage", {
      unitPath: unit.path,
      grantRole: role,
      unitLevel: unit.level,
    });
    if (!allowed.ok) return allowed;
    if (actor.id === personId) return { ok: false, reason: "self" };
    const heads = await headsToDecide(tx, actor, person, { role, unitId: unit.id }, options.heads);
    if (!heads.ok) return heads;
    const unitChanged = unit.id !== person.unitId;
    await tx.person.update({ where: { id: personId }, data: { role, unitId: unit.id } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "person.role_change",
      targetType: "Person",
      targetId: personId,
      unitId: unit.id,
      details: {
        before: person.role,
        after: role,
        ...(unitChanged ? { unitBefore: person.unitId, unitAfter: unit.id } : {}),
        ...(heads.choice ? { heads: heads.choice } : {}),
      },
    });
    if (heads.choice)
      await applyHeadChoice(tx, clock, { actorId: actor.id, unitId: unit.id, choice: heads.choice });
    return { ok: true };
  });
}

/** Moves a person to another unit (in the actor's scope, fitting the person's role). */
export async function moveToUnit(
  db: Db,
  clock: Clock,
  actorId: number,
  personId: number,
  unitId: number,
  options: { heads?: HeadChoice } = {},
): Promise<ManageResult> {
  return inWriteTransaction(db, async (tx): Promise<ManageResult> => {
    const found = await loadInScope(tx, actorId, personId, "person.manage");
    if (!found.ok) return found;
    const { actor, person } = found;
    const unit = await tx.unit.findUnique({ where: { id: unitId } });
    if (!unit || !isRole(person.role)) return { ok: false, reason: "not_found" };
    const allowed = authorize(actor, "person.manage", {
      unitPath: unit.path,
      grantRole: person.role,
      unitLevel: unit.level,
    });
    if (!allowed.ok) return allowed;
    const heads = await headsToDecide(tx, actor, person, { role: person.role, unitId }, options.heads);
    if (!heads.ok) return heads;
    await tx.person.update({ where: { id: personId }, data: { unitId } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "person.unit_change",
      targetType: "Person",
      targetId: personId,
      unitId,
      details: {
        before: person.unitId,
        after: unitId,
        ...(heads.choice ? { heads: heads.choice } : {}),
      },
    });
    if (heads.choice) await applyHeadChoice(tx, clock, { actorId: actor.id, unitId, choice: heads.choice });
    return { ok: true };
  });
}

/**
 * Would this change make the person an additional head of a hamlet? Then the current heads
 * need a choice (returned to carry out); an active person already heading it changes nothing.
 */
async function headsToDecide(
  tx: Tx,
  actor: CurrentActor,
  person: { id: number; role: string; unitId: number; status: string },
  after: { role: string; unitId: number },
  choice: HeadChoice | undefined,
): Promise<{ ok: true; choice?: HeadChoice } | Exclude<ManageResult, { ok: true }>> {
  const alreadyHead = person.role === HEAD_ROLE && person.unitId === after.unitId;
  if (after.role !== HEAD_ROLE || alreadyHead || person.status !== "active") return { ok: true };
  const current = await findActiveHeads(tx, after.unitId, { except: [person.id] });
  const check = checkHeadChoice(after.unitId, current, choice);
  if (!check.ok) return check;
  if (current.length === 0 || !choice) return { ok: true };
  if (choice.kind === "move") {
    const target = await checkMoveTarget(tx, actor, "person.manage", {
      fromUnitId: after.unitId,
      unitId: choice.unitId,
    });
    if (!target.ok) return target;
  }
  return { ok: true, choice };
}

/**
 * Deactivates (treated as a stranger from the next message on, and whatever they had open is
 * ended) or reactivates a person. Reactivating is this deliberate step by someone who may
 * manage the person — never a side effect of an invite or an access request.
 */
export async function setPersonStatus(
  db: Db,
  clock: Clock,
  actorId: number,
  personId: number,
  status: "active" | "inactive",
): Promise<ManageResult> {
  return inWriteTransaction(db, async (tx): Promise<ManageResult> => {
    const found = await loadInScope(tx, actorId, personId, "person.manage");
    if (!found.ok) return found;
    if (found.actor.id === personId) return { ok: false, reason: "self" };
    await tx.person.update({ where: { id: personId }, data: { status } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: found.actor.id,
      action: status === "inactive" ? "person.deactivate" : "person.reactivate",
      targetType: "Person",
      targetId: personId,
      unitId: found.person.unitId,
    });
    return { ok: true };
  });
}
