import { createHash, randomBytes } from "node:crypto";
import { type Db, Prisma } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import {
  applyHeadChoice,
  checkHeadChoice,
  checkMoveTarget,
  type HeadChoice,
  type HeadConflict,
  headChoiceSchema,
} from "../people/apply-head-choice.js";
import { attachAccountToPerson, type RosterHolder } from "../people/attach-account-to-person.js";
import { findActiveHeads, HEAD_ROLE } from "../people/find-active-heads.js";
import { isRole, type Role } from "../roles.js";
import { describeUnit } from "../units/describe-unit.js";
import { recordFailedAttempt, tooManyFailedAttempts } from "./failed-attempts.js";
import { loadActor } from "./load-actor.js";
import { authorize, type Denial } from "./permissions.js";

const DAY_MS = 24 * 60 * 60_000;
/** Failed invite attempts allowed per account per hour before the bot stops checking. */
export const INVITE_ATTEMPTS_PER_HOUR = 5;
/** Telegram's deep-link payload: up to 64 of [A-Za-z0-9_-]. 24 random bytes → 32 characters. */
const TOKEN_BYTES = 24;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

type Tx = Prisma.TransactionClient;

export type CreateInviteResult =
  | { ok: true; token: string; inviteId: number; expiresAt: Date }
  | { ok: false; reason: Denial | "unit_not_found" | "target_has_head" | "same_unit" }
  | HeadConflict;

/**
 * Creates an invite link payload for a role at a unit. The token is random and only its hash is
 * stored; the link is shown once. Allowed for roles the actor may grant, in the actor's scope —
 * as the actor stands when the invite is made: their current row is read in the transaction
 * that creates it, so someone deactivated, demoted or moved meanwhile creates nothing.
 *
 * A hamlet head's invite for a hamlet that already has one needs its creator's choice about
 * the current head (`unit_has_head` until given): whoever opens the link cannot decide that.
 * The choice is kept with the invite and carried out when it is accepted.
 */
export async function createInvite(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { role: Role; unitId: number; maxUses: number; validDays: number; heads?: HeadChoice },
): Promise<CreateInviteResult> {
  return inWriteTransaction(db, async (tx): Promise<CreateInviteResult> => {
    const actor = await loadActor(tx, actorId);
    const may = authorize(actor, "invite.create");
    if (!may.ok || !actor) return { ok: false, reason: "not_allowed" };
    const unit = await tx.unit.findFirst({ where: { id: input.unitId, active: true } });
    if (!unit) return { ok: false, reason: "unit_not_found" };
    const allowed = authorize(actor, "invite.create", {
      unitPath: unit.path,
      grantRole: input.role,
      unitLevel: unit.level,
    });
    if (!allowed.ok) return allowed;
    let heads: HeadChoice | undefined;
    if (input.role === HEAD_ROLE) {
      const current = await findActiveHeads(tx, unit.id);
      const check = checkHeadChoice(unit.id, current, input.heads);
      if (!check.ok) return check;
      if (current.length > 0) heads = input.heads;
      if (heads?.kind === "move") {
        const target = await checkMoveTarget(tx, actor, "invite.create", {
          fromUnitId: unit.id,
          unitId: heads.unitId,
        });
        if (!target.ok) return target;
      }
    }
    const token = randomBytes(TOKEN_BYTES).toString("base64url");
    const expiresAt = new Date(clock.now().getTime() + input.validDays * DAY_MS);
    const invite = await tx.invite.create({
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
      targetId: invite.id,
      unitId: unit.id,
      details: {
        role: input.role,
        maxUses: input.maxUses,
        validDays: input.validDays,
        ...(heads ? { heads } : {}),
      },
    });
    return { ok: true, token, inviteId: invite.id, expiresAt };
  });
}

/** An invite row, as far as deciding whether it can still be used goes. */
interface InviteRow {
  id: number;
  role: string;
  unitId: number;
  createdById: number;
  maxUses: number;
  usedCount: number;
  expiresAt: Date;
  revokedAt: Date | null;
}

/**
 * Can this invite still admit someone? Not revoked, expired or used up — and its creator may
 * still grant its role at its unit: an invite never outlives its creator's rights (deactivated,
 * demoted or moved since, the link stops working).
 */
async function isUsable(
  db: Pick<Db | Tx, "person" | "unit">,
  invite: InviteRow,
  now: Date,
): Promise<boolean> {
  if (invite.revokedAt !== null || invite.expiresAt <= now || invite.usedCount >= invite.maxUses)
    return false;
  if (!isRole(invite.role)) return false;
  const [creator, unit] = await Promise.all([
    loadActor(db, invite.createdById),
    db.unit.findFirst({ where: { id: invite.unitId, active: true } }),
  ]);
  if (!unit) return false;
  return authorize(creator, "invite.create", {
    unitPath: unit.path,
    grantRole: invite.role,
    unitLevel: unit.level,
  }).ok;
}

export type CheckInviteResult =
  | { ok: true; inviteId: number; role: Role; unitId: number }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Looks up a token someone opened. Unknown, expired, revoked and used-up tokens — and those of
 * a creator who may no longer grant them — all get the same answer (nothing to learn by
 * guessing), every failure is recorded, and after a few failures in an hour the account is not
 * answered any more until the hour has passed.
 */
export async function checkInvite(
  db: Db,
  clock: Clock,
  input: { token: string; accountId: number },
): Promise<CheckInviteResult> {
  const now = clock.now();
  const limit = { action: "invite.invalid", accountId: input.accountId, now };
  if (await tooManyFailedAttempts(db, { ...limit, perHour: INVITE_ATTEMPTS_PER_HOUR })) {
    return { ok: false, reason: "rate_limited" };
  }
  const wellFormed = /^[A-Za-z0-9_-]{1,64}$/.test(input.token);
  const invite = wellFormed
    ? await db.invite.findUnique({ where: { tokenHash: hashToken(input.token) } })
    : null;
  if (!invite || !isRole(invite.role) || !(await isUsable(db, invite, now))) {
    await recordFailedAttempt(db, limit);
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, inviteId: invite.id, role: invite.role, unitId: invite.unitId };
}

export type RedeemInviteResult =
  | { ok: true; personId: number; created: boolean }
  | { ok: false; reason: "invalid" | "already_member" | "linked_to_other_account" }
  | {
      ok: false;
      /** The phone is a deactivated roster entry, or one with another role or unit. */
      reason: "inactive" | "roster_mismatch";
      holder: RosterHolder;
      /** Who made the invite (told through the outbox). */
      inviter: string;
    };

/**
 * Binds an account through an invite: exactly the invite's role at the invite's unit. A new
 * person if nobody on the roster has the phone; the roster entry with the phone only if it is
 * active with that very role and unit. A deactivated roster entry is never reactivated by a
 * link, and an entry with another role or unit is not changed by one: such a redemption is
 * refused, audited (`invite.refused`) and its creator told through the outbox, and the link
 * keeps its use. One use is counted atomically, so an N-use link admits at most N people.
 */
export async function redeemInvite(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { inviteId: number; accountId: number; fullName: string; phone: string | null },
): Promise<RedeemInviteResult> {
  try {
    return await inWriteTransaction(db, async (tx): Promise<RedeemInviteResult> => {
      const now = clock.now();
      const account = await tx.channelAccount.findUniqueOrThrow({
        where: { id: input.accountId },
        include: { person: true },
      });
      if (account.person?.status === "active") return { ok: false, reason: "already_member" };
      const invite = await tx.invite.findUnique({ where: { id: input.inviteId } });
      if (!invite || !isRole(invite.role) || !(await isUsable(tx, invite, now))) {
        return { ok: false, reason: "invalid" };
      }
      const attached = await attachAccountToPerson(tx, {
        account,
        phone: input.phone,
        fullName: input.fullName,
        role: invite.role,
        unitId: invite.unitId,
        now,
      });
      if (!attached.ok) {
        if (attached.reason === "already_member") return { ok: false, reason: "already_member" };
        if (attached.reason === "linked_to_other_account") {
          return { ok: false, reason: "linked_to_other_account" };
        }
        const inviter = await refuseRedemption(tx, clock, translator, {
          invite: { ...invite, role: invite.role },
          accountId: account.id,
          fullName: input.fullName,
          phone: input.phone,
          reason: attached.reason,
          holder: attached.holder,
        });
        return { ok: false, reason: attached.reason, holder: attached.holder, inviter };
      }
      const claimed = await tx.invite.updateMany({
        where: {
          id: invite.id,
          revokedAt: null,
          expiresAt: { gt: now },
          usedCount: { lt: tx.invite.fields.maxUses },
        },
        data: { usedCount: { increment: 1 } },
      });
      // Used up by someone else meanwhile: thrown, so the person created above is rolled back.
      if (claimed.count === 0) throw new UsedUp();
      const { personId, created } = attached;
      await tx.inviteUse.create({ data: { inviteId: invite.id, accountId: account.id, personId } });
      // The creator's choice about the hamlet's current head, made when the link was created —
      // carried out now that the person joins as that hamlet's head.
      const stored = headChoiceSchema.safeParse(invite.headChoice);
      const replaced =
        stored.success && invite.role === HEAD_ROLE
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
          // What the redemption gave: this role at this unit, to a new or an existing entry.
          role: invite.role,
          unitId: invite.unitId,
          personId,
          created,
          ...(stored.success ? { heads: stored.data.kind, replaced: replaced.map((head) => head.id) } : {}),
        },
      });
      return { ok: true, personId, created };
    });
  } catch (error) {
    if (error instanceof UsedUp) return { ok: false, reason: "invalid" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "invalid" };
    }
    throw error;
  }
}

/** Thrown inside the transaction so that what the redemption wrote is rolled back. */
class UsedUp extends Error {}

/**
 * A redemption the roster does not allow: audited, and the invite's creator told (one notice
 * per invite and account) why their link did not work. Returns the creator's name.
 */
async function refuseRedemption(
  tx: Tx,
  clock: Clock,
  translator: Translator,
  input: {
    invite: { id: number; role: Role; unitId: number; createdById: number };
    accountId: number;
    fullName: string;
    phone: string | null;
    reason: "inactive" | "roster_mismatch";
    holder: RosterHolder;
  },
): Promise<string> {
  const now = clock.now();
  const { invite } = input;
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: "invite.refused",
    targetType: "Invite",
    targetId: invite.id,
    unitId: invite.unitId,
    details: {
      accountId: input.accountId,
      reason: input.reason,
      personId: input.holder.id,
      role: input.holder.role,
      unitId: input.holder.unitId,
    },
  });
  const [creator, chain] = await Promise.all([
    tx.person.findUniqueOrThrow({ where: { id: invite.createdById } }),
    describeUnit(tx, invite.unitId),
  ]);
  const locale = isLocale(creator.locale) ? creator.locale : "vi";
  const text = translator.t(locale, `inv-refused-${input.reason}-notice`, {
    role: translator.t(locale, `role-${invite.role}`),
    unit: chain?.names.slice(0, 2).join(", ") ?? "",
    phone: input.phone ? formatPhoneForDisplay(input.phone) : "",
    name: input.fullName,
  });
  await enqueueForPerson(tx, {
    kind: "notification",
    personId: creator.id,
    idempotencyKey: `invite:${invite.id}:refused:account${input.accountId}`,
    now,
    payload: htmlMessage(text),
  });
  return creator.fullName;
}
