import { createHash, randomBytes } from "node:crypto";
import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import {
  applyHeadChoice,
  checkHeadChoice,
  checkMoveTarget,
  type HeadChoice,
  type HeadConflict,
  headChoiceSchema,
} from "../people/apply-head-choice.js";
import { attachAccountToPerson } from "../people/attach-account-to-person.js";
import { findActiveHeads, HEAD_ROLE } from "../people/find-active-heads.js";
import { isRole, type Role } from "../roles.js";
import { type Actor, authorize, type Denial } from "./permissions.js";

const DAY_MS = 24 * 60 * 60_000;
/** Failed invite attempts allowed per account per hour before the bot stops checking. */
export const INVITE_ATTEMPTS_PER_HOUR = 5;
/** Telegram's deep-link payload: up to 64 of [A-Za-z0-9_-]. 24 random bytes → 32 characters. */
const TOKEN_BYTES = 24;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type CreateInviteResult =
  | { ok: true; token: string; inviteId: number; expiresAt: Date }
  | { ok: false; reason: Denial | "unit_not_found" | "target_has_head" | "same_unit" }
  | HeadConflict;

/**
 * Creates an invite link payload for a role at a unit. The token is random and only its hash is
 * stored; the link is shown once. Allowed for roles the actor may grant, in the actor's scope.
 *
 * A hamlet head's invite for a hamlet that already has one needs its creator's choice about
 * the current head (`unit_has_head` until given): whoever opens the link cannot decide that.
 * The choice is kept with the invite and carried out when it is accepted.
 */
export async function createInvite(
  db: Db,
  clock: Clock,
  actor: Actor & { id: number },
  input: { role: Role; unitId: number; maxUses: number; validDays: number; heads?: HeadChoice },
): Promise<CreateInviteResult> {
  const unit = await db.unit.findFirst({ where: { id: input.unitId, active: true } });
  if (!unit) return { ok: false, reason: "unit_not_found" };
  const allowed = authorize(actor, "invite.create", {
    unitPath: unit.path,
    grantRole: input.role,
    unitLevel: unit.level,
  });
  if (!allowed.ok) return allowed;
  let heads: HeadChoice | undefined;
  if (input.role === HEAD_ROLE) {
    const current = await findActiveHeads(db, unit.id);
    const check = checkHeadChoice(unit.id, current, input.heads);
    if (!check.ok) return check;
    if (current.length > 0) heads = input.heads;
    if (heads?.kind === "move") {
      const target = await checkMoveTarget(db, actor, "invite.create", {
        fromUnitId: unit.id,
        unitId: heads.unitId,
      });
      if (!target.ok) return target;
    }
  }
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(clock.now().getTime() + input.validDays * DAY_MS);
  const invite = await db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        tokenHash: hashToken(token),
        role: input.role,
        unitId: unit.id,
        createdById: actor.id,
        maxUses: input.maxUses,
        expiresAt,
        ...(heads ? { headChoice: heads } : {}),
      },
    });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: actor.id,
      action: "invite.create",
      targetType: "Invite",
      targetId: created.id,
      unitId: unit.id,
      details: {
        role: input.role,
        maxUses: input.maxUses,
        validDays: input.validDays,
        ...(heads ? { heads } : {}),
      },
    });
    return created;
  });
  return { ok: true, token, inviteId: invite.id, expiresAt };
}

export type CheckInviteResult =
  | { ok: true; inviteId: number; role: Role; unitId: number }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Looks up a token someone opened. Unknown, expired, revoked and used-up tokens all get the
 * same answer (nothing to learn by guessing), every failure is recorded, and after a few
 * failures in an hour the account is not answered any more until the hour has passed.
 */
export async function checkInvite(
  db: Db,
  clock: Clock,
  input: { token: string; accountId: number },
): Promise<CheckInviteResult> {
  const now = clock.now();
  const recentFailures = await db.auditLog.count({
    where: {
      action: "invite.invalid",
      targetType: "ChannelAccount",
      targetId: String(input.accountId),
      createdAt: { gte: new Date(now.getTime() - 60 * 60_000) },
    },
  });
  if (recentFailures >= INVITE_ATTEMPTS_PER_HOUR) return { ok: false, reason: "rate_limited" };
  const wellFormed = /^[A-Za-z0-9_-]{1,64}$/.test(input.token);
  const invite = wellFormed
    ? await db.invite.findUnique({ where: { tokenHash: hashToken(input.token) } })
    : null;
  const usable =
    invite !== null &&
    invite.revokedAt === null &&
    invite.expiresAt > now &&
    invite.usedCount < invite.maxUses &&
    isRole(invite.role);
  if (!usable || !invite || !isRole(invite.role)) {
    await db.auditLog.create({
      data: {
        action: "invite.invalid",
        targetType: "ChannelAccount",
        targetId: String(input.accountId),
        createdAt: now,
      },
    });
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, inviteId: invite.id, role: invite.role, unitId: invite.unitId };
}

export type RedeemInviteResult =
  | { ok: true; personId: number; created: boolean }
  | { ok: false; reason: "invalid" | "already_member" | "linked_to_other_account" };

/**
 * Binds an account through an invite: the roster entry with this phone if there is one (the
 * roster stays authoritative about role and unit), otherwise a new person with the invite's
 * role and unit. One use is counted atomically, so an N-use link admits at most N people.
 */
export async function redeemInvite(
  db: Db,
  clock: Clock,
  input: { inviteId: number; accountId: number; fullName: string; phone: string | null },
): Promise<RedeemInviteResult> {
  try {
    return await db.$transaction(async (tx) => {
      const now = clock.now();
      const account = await tx.channelAccount.findUniqueOrThrow({
        where: { id: input.accountId },
        include: { person: true },
      });
      if (account.person?.status === "active") return { ok: false, reason: "already_member" } as const;
      const claimed = await tx.invite.updateMany({
        where: {
          id: input.inviteId,
          revokedAt: null,
          expiresAt: { gt: now },
          usedCount: { lt: tx.invite.fields.maxUses },
        },
        data: { usedCount: { increment: 1 } },
      });
      if (claimed.count === 0) return { ok: false, reason: "invalid" } as const;
      const invite = await tx.invite.findUniqueOrThrow({ where: { id: input.inviteId } });
      if (!isRole(invite.role)) return { ok: false, reason: "invalid" } as const;
      const attached = await attachAccountToPerson(tx, {
        account,
        phone: input.phone,
        fullName: input.fullName,
        role: invite.role,
        unitId: invite.unitId,
        now,
      });
      // Thrown so the use counted above is rolled back with the rest.
      if (!attached.ok) throw new LinkedElsewhere();
      const { personId, created } = attached;
      await tx.inviteUse.create({ data: { inviteId: invite.id, accountId: account.id, personId } });
      // The creator's choice about the hamlet's current head, made when the link was created —
      // carried out if the person joins as that hamlet's head (a roster entry keeps its own).
      const stored = headChoiceSchema.safeParse(invite.headChoice);
      const joined = await tx.person.findUniqueOrThrow({ where: { id: personId } });
      const replaced =
        stored.success && joined.role === HEAD_ROLE && joined.unitId === invite.unitId
          ? await applyHeadChoice(tx, clock, {
              actorId: invite.createdById,
              unitId: invite.unitId,
              choice: { ...stored.data, personIds: stored.data.personIds.filter((id) => id !== personId) },
              details: { inviteId: invite.id, newHeadId: personId },
            })
          : [];
      await recordAudit(tx, {
        at: clock.now(),
        actorId: personId,
        action: "invite.redeem",
        targetType: "Invite",
        targetId: invite.id,
        unitId: invite.unitId,
        details: {
          accountId: account.id,
          created,
          ...(stored.success ? { heads: stored.data.kind, replaced: replaced.map((head) => head.id) } : {}),
        },
      });
      return { ok: true, personId, created } as const;
    });
  } catch (error) {
    if (error instanceof LinkedElsewhere) return { ok: false, reason: "linked_to_other_account" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "invalid" };
    }
    throw error;
  }
}

/** Thrown inside the transaction so the use counted for this redemption is rolled back. */
class LinkedElsewhere extends Error {}
