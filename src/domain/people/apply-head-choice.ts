import { z } from "zod";
import type { Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { type Action, type Actor, authorize, type Denial } from "../access/permissions.js";
import { recordAudits } from "../audit/record-audit.js";
import { type ActiveHead, findActiveHeads, HEAD_ROLE } from "./find-active-heads.js";

/**
 * What the deciding officer chose when a change would give a hamlet a second head: replace the
 * current head(s) — deactivate them, or move them to another hamlet — or keep both (a deputy).
 * `personIds` are the heads the officer saw: a head who appeared since is asked about again.
 */
export const headChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("keep_both"), personIds: z.array(z.number().int()) }),
  z.object({ kind: z.literal("deactivate"), personIds: z.array(z.number().int()) }),
  z.object({ kind: z.literal("move"), personIds: z.array(z.number().int()), unitId: z.number().int() }),
]);
export type HeadChoice = z.infer<typeof headChoiceSchema>;

/** The answer when a unit already has a head and nobody has decided about them yet. */
export interface HeadConflict {
  ok: false;
  reason: "unit_has_head";
  /** The hamlet, and who heads it now. */
  unitId: number;
  heads: ActiveHead[];
}

/** Does the choice cover every current head of the unit? A unit without a head needs none. */
export function checkHeadChoice(
  unitId: number,
  heads: readonly ActiveHead[],
  choice: HeadChoice | undefined,
): { ok: true } | HeadConflict {
  if (heads.length === 0) return { ok: true };
  if (choice && heads.every((head) => choice.personIds.includes(head.id))) return { ok: true };
  return { ok: false, reason: "unit_has_head", unitId, heads: [...heads] };
}

export type MoveTargetCheck =
  | { ok: true }
  | { ok: false; reason: Denial | "unit_not_found" | "target_has_head" | "same_unit" };

type Tx = Pick<Db | Prisma.TransactionClient, "person" | "unit">;

/**
 * May the current head be moved to this unit? A hamlet in the actor's scope where they may
 * install a head, other than the one being replaced, without a head of its own (a move must
 * not create the very situation it resolves).
 */
export async function checkMoveTarget(
  db: Tx,
  actor: Actor,
  action: Action,
  input: { fromUnitId: number; unitId: number },
): Promise<MoveTargetCheck> {
  if (input.unitId === input.fromUnitId) return { ok: false, reason: "same_unit" };
  const unit = await db.unit.findFirst({ where: { id: input.unitId, active: true } });
  if (!unit) return { ok: false, reason: "unit_not_found" };
  const allowed = authorize(actor, action, {
    unitPath: unit.path,
    grantRole: HEAD_ROLE,
    unitLevel: unit.level,
  });
  if (!allowed.ok) return allowed;
  if ((await findActiveHeads(db, unit.id)).length > 0) return { ok: false, reason: "target_has_head" };
  return { ok: true };
}

/**
 * Carries out a choice inside the caller's transaction: the heads it names who still head the
 * unit are deactivated or moved, each change audited. Keeping both changes nothing here; the
 * caller's own audit entry records the choice.
 */
export async function applyHeadChoice(
  tx: Pick<Prisma.TransactionClient, "person" | "auditLog">,
  clock: Clock,
  input: {
    actorId: number | null;
    unitId: number;
    choice: HeadChoice;
    batchId?: number;
    /** Added to each audit entry (what the change was part of: a request, an invite, a row). */
    details?: Record<string, Prisma.InputJsonValue>;
  },
): Promise<ActiveHead[]> {
  const { choice } = input;
  if (choice.kind === "keep_both") return [];
  const heads = (await findActiveHeads(tx, input.unitId)).filter((head) =>
    choice.personIds.includes(head.id),
  );
  if (heads.length === 0) return [];
  const ids = heads.map((head) => head.id);
  const at = clock.now();
  const common = { reason: "replaced_as_head", ...input.details };
  if (choice.kind === "deactivate") {
    await tx.person.updateMany({ where: { id: { in: ids } }, data: { status: "inactive" } });
    await recordAudits(
      tx,
      heads.map((head) => ({
        at,
        actorId: input.actorId,
        action: "person.deactivate",
        targetType: "Person",
        targetId: head.id,
        unitId: input.unitId,
        ...(input.batchId ? { batchId: input.batchId } : {}),
        details: {
          fullName: head.fullName,
          before: { status: "active" },
          after: { status: "inactive" },
          ...common,
        },
      })),
    );
  } else {
    await tx.person.updateMany({ where: { id: { in: ids } }, data: { unitId: choice.unitId } });
    await recordAudits(
      tx,
      heads.map((head) => ({
        at,
        actorId: input.actorId,
        action: "person.unit_change",
        targetType: "Person",
        targetId: head.id,
        unitId: choice.unitId,
        ...(input.batchId ? { batchId: input.batchId } : {}),
        details: { before: input.unitId, after: choice.unitId, fullName: head.fullName, ...common },
      })),
    );
  }
  return heads;
}
