import type { Db, Prisma } from "../../db/client.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import type { AccessRequestStatus } from "../enums.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import type { Role } from "../roles.js";
import { notifyApprovers } from "./notify-access-request.js";

export interface AccessRequestInput {
  accountId: number;
  fullName: string;
  phone: string | null;
  unitId: number;
  role: Role;
  note?: string | undefined;
}

export type SubmitAccessRequestResult =
  | {
      ok: true;
      requestId: number;
      /** Approvers the request was sent to (those the bot can reach). */
      notified: number;
    }
  | { ok: false; reason: "already_pending"; requestId: number }
  /** `inactive`: the account belongs to a deactivated roster entry, which a request never reopens. */
  | { ok: false; reason: "unit_not_found" | "already_member" | "inactive" };

/** The `pendingKey` of an account's pending request: one per account, by a unique column. */
export function pendingKeyOf(accountId: number): string {
  return String(accountId);
}

/**
 * Files a stranger's request for access and sends it to everyone who may decide it (through the
 * outbox), in one transaction with its audit entry: a request is never left that nobody was
 * told about. An account already on the roster asks for nothing (`already_member`; `inactive`
 * when its roster entry was deactivated).
 *
 * One pending request per account, kept by the database: the request carries the account's
 * `pendingKey` (unique) while pending. Asking again while one is open returns the open one;
 * two requests sent at once — a double tap, a second instance — create one, and the other is
 * told it is pending (the duplicate key is that answer).
 */
export async function submitAccessRequest(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: AccessRequestInput,
): Promise<SubmitAccessRequestResult> {
  const pendingKey = pendingKeyOf(input.accountId);
  try {
    return await inWriteTransaction(db, async (tx): Promise<SubmitAccessRequestResult> => {
      const account = await tx.channelAccount.findUniqueOrThrow({
        where: { id: input.accountId },
        select: { person: { select: { status: true } } },
      });
      if (account.person) {
        return { ok: false, reason: account.person.status === "active" ? "already_member" : "inactive" };
      }
      const pending = await tx.accessRequest.findUnique({ where: { pendingKey }, select: { id: true } });
      if (pending) return { ok: false, reason: "already_pending", requestId: pending.id };
      const unit = await tx.unit.findFirst({ where: { id: input.unitId, active: true } });
      if (!unit) return { ok: false, reason: "unit_not_found" };
      const now = clock.now();
      const request = await tx.accessRequest.create({
        data: {
          accountId: input.accountId,
          fullName: input.fullName,
          phone: input.phone,
          unitId: unit.id,
          role: input.role,
          note: input.note ?? null,
          status: "pending" satisfies AccessRequestStatus,
          pendingKey,
          createdAt: now,
        },
      });
      await recordAudit(tx, {
        at: now,
        actorId: null,
        action: "access.request",
        targetType: "AccessRequest",
        targetId: request.id,
        unitId: unit.id,
        details: { accountId: input.accountId, role: input.role },
      });
      const notified = await notifyApprovers(tx, translator, clock, request.id);
      return { ok: true, requestId: request.id, notified };
    });
  } catch (error) {
    if (!isUniqueViolation(error, ["pendingKey"])) throw error;
    const pending = await db.accessRequest.findUnique({ where: { pendingKey }, select: { id: true } });
    if (!pending) throw error;
    return { ok: false, reason: "already_pending", requestId: pending.id };
  }
}

/**
 * The account's open request, if any (to tell a stranger their request is being reviewed),
 * with the unit named as people say it: "Thôn 2, Xã Lâm Trung Thủy".
 */
export async function findPendingAccessRequest(
  db: Pick<Db | Prisma.TransactionClient, "accessRequest">,
  accountId: number,
) {
  const request = await db.accessRequest.findUnique({
    where: { pendingKey: pendingKeyOf(accountId) },
    include: { unit: { select: { name: true, parent: { select: { name: true } } } } },
  });
  if (!request) return null;
  const unitLabel = [request.unit.name, request.unit.parent?.name].filter(Boolean).join(", ");
  return { id: request.id, unitLabel };
}
