import type { Db, Prisma } from "../../db/client.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { type AccessRequestStatus, accessRequestStatusSchema, parseEnum } from "../enums.js";
import { inWriteTransaction, lockRow } from "../imports/import-plan.js";
import {
  applyHeadChoice,
  checkHeadChoice,
  checkMoveTarget,
  type HeadChoice,
  type HeadConflict,
} from "../people/apply-head-choice.js";
import { attachAccountToPerson } from "../people/attach-account-to-person.js";
import { findActiveHeads, HEAD_ROLE } from "../people/find-active-heads.js";
import { isRole } from "../roles.js";
import { subtreeRange } from "../units/unit-path.js";
import { type CurrentActor, loadActor } from "./load-actor.js";
import { notifyRequester } from "./notify-access-request.js";
import { authorize, type Denial, isInScope } from "./permissions.js";

export type AccessDecision = "approve" | "reject";

/** The roster entry that already has the requester's phone, as the approver may see it. */
export interface PhoneHolder {
  id: number;
  fullName: string;
  role: string;
  unitName: string;
}

export type DecideResult =
  | {
      ok: true;
      requestId: number;
      decision: AccessDecision;
      personId: number | null;
      /** The requester's notice was queued (false: their account blocked the bot — call them). */
      told: boolean;
    }
  | {
      ok: false;
      reason:
        | Denial
        | "not_found"
        | "phone_taken"
        | "already_member"
        | "unit_not_found"
        | "target_has_head"
        | "same_unit";
    }
  | {
      ok: false;
      reason: "already_decided";
      status: AccessRequestStatus | "decided";
      decidedBy: string | null;
    }
  | {
      ok: false;
      /**
       * `person_inactive`: the verified phone is a deactivated roster entry, which an approval
       * never reactivates. `roster_mismatch`: it is an active entry with another role or unit,
       * which an approval does not change.
       */
      reason: "person_inactive" | "roster_mismatch";
      /** Who it is — only when within the approver's scope (else `null`). */
      holder: PhoneHolder | null;
      /** May the approver deliberately change that entry in people management? */
      mayManage: boolean;
    }
  | HeadConflict;

/**
 * Approves or rejects a pending access request. Approving grants exactly what was asked — the
 * requested role at the requested unit: a new roster entry, or the requester's account linked
 * to the active entry that already has this verified phone with that very role and unit. A
 * deactivated entry is never reactivated by an approval, and an entry with another role or unit
 * is not changed by one: the approval is refused (and audited), and the approver is told why
 * and whether they may change the entry themselves in people management.
 *
 * The approver is read as they stand now, inside the transaction: someone deactivated, demoted
 * or moved since they opened the request decides nothing. Role, scope and grant rules are
 * checked; a request decided meanwhile by someone else is reported, not decided twice.
 *
 * Approving a hamlet head for a hamlet that already has one answers `unit_has_head` (with the
 * current heads) until the officer chooses: replace them (deactivate or move) or keep both.
 *
 * One transaction holds the whole decision — the request's status, the roster entry and account
 * link, the replaced heads, the audit entry and the requester's notice (outbox): a crash in the
 * middle leaves the request pending as it was. Two officers deciding at once: one decides, the
 * other is told it was decided (a duplicate key — the requester's phone or account taken by the
 * first approval — is that answer too).
 */
export async function decideAccessRequest(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  requestId: number,
  decision: AccessDecision,
  options: { heads?: HeadChoice } = {},
): Promise<DecideResult> {
  try {
    return await inWriteTransaction(db, (tx) =>
      decideInTransaction(tx, clock, translator, actorId, requestId, decision, options),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone else decided meanwhile (or took the phone): what the request says now.
    const request = await db.accessRequest.findUnique({
      where: { id: requestId },
      include: { decidedBy: { select: { fullName: true } } },
    });
    if (!request || request.status === "pending") return { ok: false, reason: "phone_taken" };
    return {
      ok: false,
      reason: "already_decided",
      status: parseEnum(accessRequestStatusSchema, request.status, "decided"),
      decidedBy: request.decidedBy?.fullName ?? null,
    };
  }
}

async function decideInTransaction(
  tx: Prisma.TransactionClient,
  clock: Clock,
  translator: Translator,
  actorId: number,
  requestId: number,
  decision: AccessDecision,
  options: { heads?: HeadChoice },
): Promise<DecideResult> {
  const actor = await loadActor(tx, actorId);
  if (!actor || !authorize(actor, "access.decide").ok) return { ok: false, reason: "not_allowed" };
  // Two officers deciding at once: on PostgreSQL the second waits here for the first to commit
  // and then reads the request as decided (SQLite's write lock has the same effect), so nothing
  // the approval writes is done twice.
  await lockRow(tx, "AccessRequest", requestId);
  const request = await tx.accessRequest.findUnique({
    where: { id: requestId },
    include: { unit: true, decidedBy: { select: { fullName: true } }, account: true },
  });
  if (!request || !isRole(request.role)) return { ok: false, reason: "not_found" };
  const allowed = authorize(actor, "access.decide", {
    unitPath: request.unit.path,
    ...(decision === "approve" ? { grantRole: request.role, unitLevel: request.unit.level } : {}),
  });
  if (!allowed.ok) return allowed;
  if (request.status !== ("pending" satisfies AccessRequestStatus)) {
    return {
      ok: false,
      reason: "already_decided",
      status: parseEnum(accessRequestStatusSchema, request.status, "decided"),
      decidedBy: request.decidedBy?.fullName ?? null,
    };
  }

  let personId: number | null = null;
  let created = false;
  let heads: HeadChoice | undefined;
  if (decision === "approve") {
    // Only a phone the messenger verified may attach the requester to an existing roster entry.
    const taken = request.phone
      ? await tx.person.findUnique({ where: { phone: request.phone }, include: { unit: true } })
      : null;
    if (taken && request.phone !== request.account.verifiedPhone) return { ok: false, reason: "phone_taken" };
    if (
      taken &&
      (taken.status !== "active" || taken.role !== request.role || taken.unitId !== request.unitId)
    ) {
      const reason = taken.status !== "active" ? "person_inactive" : "roster_mismatch";
      return refuse(tx, clock, actor, request, reason, {
        ...taken,
        unitName: taken.unit.name,
        unitPath: taken.unit.path,
      });
    }
    // A new head of the hamlet (someone already heading it stays as they are).
    if (request.role === HEAD_ROLE && !taken) {
      const current = await findActiveHeads(tx, request.unitId);
      const check = checkHeadChoice(request.unitId, current, options.heads);
      if (!check.ok) return check;
      if (current.length > 0) heads = options.heads;
      if (heads?.kind === "move") {
        const target = await checkMoveTarget(tx, actor, "access.decide", {
          fromUnitId: request.unitId,
          unitId: heads.unitId,
        });
        if (!target.ok) return target;
      }
    }
    const attached = await attachAccountToPerson(tx, {
      account: request.account,
      phone: request.phone,
      fullName: request.fullName,
      role: request.role,
      unitId: request.unitId,
      now: clock.now(),
    });
    if (!attached.ok) {
      if (attached.reason === "already_member") return { ok: false, reason: "already_member" };
      if (attached.reason === "linked_to_other_account") return { ok: false, reason: "phone_taken" };
      // The requester's own account is linked to a deactivated roster entry.
      const reason = attached.reason === "inactive" ? "person_inactive" : "roster_mismatch";
      return refuse(tx, clock, actor, request, reason, attached.holder);
    }
    personId = attached.personId;
    created = attached.created;
    if (heads) {
      await applyHeadChoice(tx, clock, {
        actorId: actor.id,
        unitId: request.unitId,
        choice: heads,
        details: { accessRequestId: request.id, newHeadId: personId },
      });
    }
  }

  // Only a still-pending request is decided: two officers tapping at once decide it once.
  // Decided, it no longer holds the account's one pending place (`pendingKey`).
  const status: AccessRequestStatus = decision === "approve" ? "approved" : "rejected";
  const updated = await tx.accessRequest.updateMany({
    where: { id: request.id, status: "pending" satisfies AccessRequestStatus },
    data: { status, pendingKey: null, decidedById: actor.id, decidedAt: clock.now() },
  });
  if (updated.count === 0) {
    return { ok: false, reason: "already_decided", status: "decided", decidedBy: null };
  }
  await recordAudit(tx, {
    at: clock.now(),
    actorId: actor.id,
    action: decision === "approve" ? "access.approve" : "access.reject",
    targetType: "AccessRequest",
    targetId: request.id,
    unitId: request.unitId,
    details: {
      // What the approval gave: the requested role at the requested unit, nothing else.
      role: request.role,
      ...(decision === "approve" ? { unitId: request.unitId, created } : {}),
      personId,
      accountId: request.accountId,
      ...(heads ? { heads } : {}),
    },
  });
  const told = await notifyRequester(tx, translator, clock, request.id);
  return { ok: true, requestId: request.id, decision, personId, told };
}

/**
 * An approval the roster does not allow: audited as refused (nothing else changes, the request
 * stays pending), with the holder of the phone named only to an approver whose scope covers them.
 */
async function refuse(
  tx: Prisma.TransactionClient,
  clock: Clock,
  actor: CurrentActor,
  request: { id: number; unitId: number },
  reason: "person_inactive" | "roster_mismatch",
  holder: { id: number; fullName: string; role: string; unitId: number; unitName: string; unitPath: string },
): Promise<DecideResult> {
  await recordAudit(tx, {
    at: clock.now(),
    actorId: actor.id,
    action: "access.approve_refused",
    targetType: "AccessRequest",
    targetId: request.id,
    unitId: request.unitId,
    details: { reason, personId: holder.id, role: holder.role, unitId: holder.unitId },
  });
  return {
    ok: false,
    reason,
    holder: isInScope(actor, holder.unitPath)
      ? { id: holder.id, fullName: holder.fullName, role: holder.role, unitName: holder.unitName }
      : null,
    mayManage: authorize(actor, "person.manage", { unitPath: holder.unitPath }).ok,
  };
}

/**
 * Pending requests for units in the actor's scope, oldest first: the actor is read as they
 * stand now, and someone who may not decide requests sees none.
 */
export async function listPendingAccessRequests(
  db: Db,
  actorId: number,
  options: { skip: number; take: number },
) {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "access.decide").ok) return [0, []] as const;
  const where = {
    status: "pending" satisfies AccessRequestStatus,
    unit: { path: subtreeRange(actor.unitPath) },
  };
  return Promise.all([
    db.accessRequest.count({ where }),
    db.accessRequest.findMany({
      where,
      orderBy: { createdAt: "asc" },
      skip: options.skip,
      take: options.take,
      include: { unit: { select: { name: true, parent: { select: { name: true } } } } },
    }),
  ]);
}
