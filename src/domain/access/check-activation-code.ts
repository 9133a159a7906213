import type { Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { AccessContact } from "../people/find-access-contacts.js";
import { isRole, type Role } from "../roles.js";
import { describeUnit } from "../units/describe-unit.js";
import { CODE_ATTEMPTS_PER_HOUR, hashActivationCode } from "./activation-code.js";
import { recordFailedAttempt, tooManyFailedAttempts } from "./failed-attempts.js";
import { findApprovers } from "./find-approvers.js";
import { loadActor } from "./load-actor.js";
import { authorize } from "./permissions.js";

/** Whom a code is for, as the person is asked to confirm: "Nguyễn Văn An, Trưởng thôn — Thôn 3, …". */
export interface CodeHolder {
  id: number;
  fullName: string;
  role: Role;
  unitId: number;
  /** "Thôn 3, Xã Lâm Trung Thủy". */
  unitLabel: string;
}

/** Failures that count as a wrong guess (audited on the account, rate-limited). */
export type CodeFailure = "wrong" | "expired" | "used" | "revoked";

export type ActivationCheck =
  | { ok: true; codeId: number; holder: CodeHolder }
  | { ok: false; reason: CodeFailure | "rate_limited" | "already_member" }
  | {
      ok: false;
      /**
       * `inactive`: the code's person (or the person the account is linked to) is deactivated —
       * a code never turns access back on. `linked_elsewhere`: the person already has another
       * account on this messenger, which only an officer or admin can unlink.
       */
      reason: "inactive" | "linked_elsewhere";
      contacts: AccessContact[];
    };

type Reader = Pick<Db | Prisma.TransactionClient, "activationCode" | "channelAccount" | "person" | "unit">;

/**
 * Judges a code (canonical form) sent from an account, without recording anything: the
 * outcome {@link checkActivationCode} reports and {@link redeemActivationCode} acts on.
 * A code stops working when its issuer may no longer hand it out (deactivated, moved or
 * demoted since), as invite links do; a person's own link code only with the person.
 */
export async function judgeActivationCode(
  db: Reader,
  input: { codeHash: string | null; accountId: number; now: Date },
): Promise<ActivationCheck> {
  const account = await db.channelAccount.findUniqueOrThrow({
    where: { id: input.accountId },
    select: { id: true, channel: true, person: { select: { id: true, status: true, unit: true } } },
  });
  if (account.person?.status === "active") return { ok: false, reason: "already_member" };
  if (account.person) {
    return { ok: false, reason: "inactive", contacts: await contactsFor(db, account.person) };
  }
  const row = input.codeHash
    ? await db.activationCode.findUnique({
        where: { codeHash: input.codeHash },
        include: { person: { include: { unit: true } } },
      })
    : null;
  if (!row) return { ok: false, reason: "wrong" };
  if (row.usedAt !== null) return { ok: false, reason: "used" };
  if (row.revokedAt !== null) return { ok: false, reason: "revoked" };
  if (row.expiresAt <= input.now) return { ok: false, reason: "expired" };
  const person = row.person;
  if (!isRole(person.role)) return { ok: false, reason: "wrong" };
  if (row.createdById !== person.id) {
    const issuer = await loadActor(db, row.createdById);
    const still = authorize(issuer, "activation.generate", {
      unitPath: person.unit.path,
      grantRole: person.role,
    });
    if (!still.ok) return { ok: false, reason: "revoked" };
  }
  if (person.status !== "active") {
    return { ok: false, reason: "inactive", contacts: await contactsFor(db, person) };
  }
  const other = await db.channelAccount.findFirst({
    where: { personId: person.id, channel: account.channel, NOT: { id: account.id } },
  });
  if (other) return { ok: false, reason: "linked_elsewhere", contacts: await contactsFor(db, person) };
  const chain = await describeUnit(db, person.unitId);
  return {
    ok: true,
    codeId: row.id,
    holder: {
      id: person.id,
      fullName: person.fullName,
      role: person.role,
      unitId: person.unitId,
      unitLabel: chain?.names.slice(0, 2).join(", ") ?? person.unit.name,
    },
  };
}

/**
 * Looks at a code someone typed (any case, dash or not; `null` when what they typed is not
 * shaped like a code) before they confirm who they are. Wrong, expired, used and withdrawn
 * codes are each said as such — a code is unguessable, so the reason teaches a guesser
 * nothing — and recorded against the account; after 5 in an hour the account is refused
 * until the hour has passed.
 */
export async function checkActivationCode(
  db: Db,
  clock: Clock,
  input: { code: string | null; accountId: number },
): Promise<ActivationCheck> {
  const now = clock.now();
  const limit = { action: "activation.invalid", accountId: input.accountId, now };
  if (await tooManyFailedAttempts(db, { ...limit, perHour: CODE_ATTEMPTS_PER_HOUR })) {
    return { ok: false, reason: "rate_limited" };
  }
  const codeHash = input.code === null ? null : hashActivationCode(input.code);
  const judged = await judgeActivationCode(db, { codeHash, accountId: input.accountId, now });
  if (!judged.ok && isCodeFailure(judged.reason)) {
    await recordFailedAttempt(db, { ...limit, details: { reason: judged.reason } });
  }
  return judged;
}

export function isCodeFailure(reason: string): reason is CodeFailure {
  return reason === "wrong" || reason === "expired" || reason === "used" || reason === "revoked";
}

/** The commune officers (else the administrators) who look after this person's access. */
async function contactsFor(
  db: Pick<Db | Prisma.TransactionClient, "person" | "unit">,
  person: { id: number; unit: { path: string } },
): Promise<AccessContact[]> {
  const approvers = await findApprovers(db, person.unit.path, { excludePersonId: person.id });
  return approvers.flatMap((p) => (isRole(p.role) ? [{ fullName: p.fullName, role: p.role }] : []));
}
