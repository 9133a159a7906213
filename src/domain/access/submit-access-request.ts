import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Role } from "../roles.js";

export interface AccessRequestInput {
  accountId: number;
  fullName: string;
  phone: string | null;
  unitId: number;
  role: Role;
  note?: string | undefined;
}

export type SubmitAccessRequestResult =
  | { ok: true; requestId: number }
  | { ok: false; reason: "already_pending"; requestId: number }
  | { ok: false; reason: "unit_not_found" };

/**
 * Files a stranger's request for access. One pending request per account: asking again while
 * one is open returns the open one instead of creating a duplicate.
 */
export async function submitAccessRequest(
  db: Db,
  clock: Clock,
  input: AccessRequestInput,
): Promise<SubmitAccessRequestResult> {
  return db.$transaction(async (tx) => {
    const pending = await tx.accessRequest.findFirst({
      where: { accountId: input.accountId, status: "pending" },
      select: { id: true },
    });
    if (pending) return { ok: false, reason: "already_pending", requestId: pending.id };
    const unit = await tx.unit.findFirst({ where: { id: input.unitId, active: true } });
    if (!unit) return { ok: false, reason: "unit_not_found" };
    const request = await tx.accessRequest.create({
      data: {
        accountId: input.accountId,
        fullName: input.fullName,
        phone: input.phone,
        unitId: unit.id,
        role: input.role,
        note: input.note ?? null,
        createdAt: clock.now(),
      },
    });
    await recordAudit(tx, {
      at: clock.now(),
      actorId: null,
      action: "access.request",
      targetType: "AccessRequest",
      targetId: request.id,
      unitId: unit.id,
      details: { accountId: input.accountId, role: input.role },
    });
    return { ok: true, requestId: request.id };
  });
}

/**
 * The account's open request, if any (to tell a stranger their request is being reviewed),
 * with the unit named as people say it: "Thôn 2, Xã Lâm Trung Thủy".
 */
export async function findPendingAccessRequest(db: Db, accountId: number) {
  const request = await db.accessRequest.findFirst({
    where: { accountId, status: "pending" },
    include: { unit: { select: { name: true, parent: { select: { name: true } } } } },
  });
  if (!request) return null;
  const unitLabel = [request.unit.name, request.unit.parent?.name].filter(Boolean).join(", ");
  return { id: request.id, unitLabel };
}
