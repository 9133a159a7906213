import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
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
import { type Actor, authorize, type Denial } from "./permissions.js";

export type AccessDecision = "approve" | "reject";

export type DecideResult =
  | { ok: true; requestId: number; decision: AccessDecision; personId: number | null }
  | {
      ok: false;
      reason: Denial | "not_found" | "phone_taken" | "unit_not_found" | "target_has_head" | "same_unit";
    }
  | { ok: false; reason: "already_decided"; status: string; decidedBy: string | null }
  | HeadConflict;

/**
 * Approves or rejects a pending access request. Approving creates the roster entry (or links
 * the roster entry that already has this phone) and links the requester's account to it.
 * Role, scope and grant rules are checked; a request decided meanwhile by someone else is
 * reported, not decided twice.
 *
 * Approving a hamlet head for a hamlet that already has one answers `unit_has_head` (with the
 * current heads) until the officer chooses: replace them (deactivate or move) or keep both.
 */
export async function decideAccessRequest(
  db: Db,
  clock: Clock,
  actor: Actor & { id: number },
  requestId: number,
  decision: AccessDecision,
  options: { heads?: HeadChoice } = {},
): Promise<DecideResult> {
  return db.$transaction(async (tx) => {
    const request = await tx.accessRequest.findUnique({
      where: { id: requestId },
      include: { unit: true, decidedBy: { select: { fullName: true } }, account: true },
    });
    if (!request || !isRole(request.role)) return { ok: false, reason: "not_found" } as const;
    const allowed = authorize(actor, "access.decide", {
      unitPath: request.unit.path,
      ...(decision === "approve" ? { grantRole: request.role, unitLevel: request.unit.level } : {}),
    });
    if (!allowed.ok) return allowed;
    if (request.status !== "pending") {
      return {
        ok: false,
        reason: "already_decided",
        status: request.status,
        decidedBy: request.decidedBy?.fullName ?? null,
      } as const;
    }

    let personId: number | null = null;
    let heads: HeadChoice | undefined;
    if (decision === "approve") {
      // Only a phone the messenger verified may attach the requester to an existing roster entry.
      const taken = request.phone ? await tx.person.findUnique({ where: { phone: request.phone } }) : null;
      if (taken && request.phone !== request.account.verifiedPhone)
        return { ok: false, reason: "phone_taken" } as const;
      // Whom the approval makes active, and where: the roster entry keeps its role and unit.
      const becomes = taken
        ? { role: taken.role, unitId: taken.unitId, newlyActive: taken.status !== "active" }
        : { role: request.role, unitId: request.unitId, newlyActive: true };
      if (becomes.role === HEAD_ROLE && becomes.newlyActive) {
        const current = await findActiveHeads(tx, becomes.unitId, { except: taken ? [taken.id] : [] });
        const check = checkHeadChoice(becomes.unitId, current, options.heads);
        if (!check.ok) return check;
        if (current.length > 0) heads = options.heads;
        if (heads?.kind === "move") {
          const target = await checkMoveTarget(tx, actor, "access.decide", {
            fromUnitId: becomes.unitId,
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
      if (!attached.ok) return { ok: false, reason: "phone_taken" } as const;
      personId = attached.personId;
      if (heads) {
        await applyHeadChoice(tx, clock, {
          actorId: actor.id,
          unitId: taken?.unitId ?? request.unitId,
          choice: heads,
          details: { accessRequestId: request.id, newHeadId: personId },
        });
      }
    }

    // Only a still-pending request is decided: two officers tapping at once decide it once.
    const updated = await tx.accessRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: {
        status: decision === "approve" ? "approved" : "rejected",
        decidedById: actor.id,
        decidedAt: clock.now(),
      },
    });
    if (updated.count === 0) {
      return { ok: false, reason: "already_decided", status: "decided", decidedBy: null } as const;
    }
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: decision === "approve" ? "access.approve" : "access.reject",
      targetType: "AccessRequest",
      targetId: request.id,
      unitId: request.unitId,
      details: {
        role: request.role,
        personId,
        accountId: request.accountId,
        ...(heads ? { heads } : {}),
      },
    });
    return { ok: true, requestId: request.id, decision, personId } as const;
  });
}

/** Pending requests for units in the actor's scope, oldest first. */
export function listPendingAccessRequests(db: Db, actor: Actor, options: { skip: number; take: number }) {
  const where = { status: "pending", unit: { path: { startsWith: actor.unitPath } } };
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
