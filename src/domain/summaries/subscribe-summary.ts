import { type Db, Prisma } from "../../db/client.js";
import { withSavepoint } from "../../db/dialect.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { authorize, type Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { checkSummarySchedule } from "./check-summary-schedule.js";
import { DEFAULT_SUMMARY_SCHEDULE, type SummarySchedule } from "./summary-period.js";

export type SubscribeSummaryResult =
  | { ok: true; subscriptionId: number; created: boolean }
  | { ok: false; reason: Denial | "unknown_unit" | "bad_schedule" };

/**
 * Subscribes the actor to the summaries of a unit in their scope (their own unit by default),
 * weekly on Monday at 07:30 unless told otherwise. Choosing the same unit and cadence again
 * changes that subscription (and turns it back on): the unique (person, unit, cadence) decides,
 * not a lookup first. Summaries of slots before now are never sent (`sendFrom`). Audited.
 */
export async function subscribeSummary(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { unitId?: number; schedule?: Partial<SummarySchedule> } = {},
): Promise<SubscribeSummaryResult> {
  const checked = checkSummarySchedule({ ...DEFAULT_SUMMARY_SCHEDULE, ...input.schedule });
  if (!checked.ok) return checked;
  const schedule = checked.schedule;
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<SubscribeSummaryResult> => {
    const actor = await loadActor(tx, actorId);
    if (!actor) return { ok: false, reason: "not_allowed" };
    const unitId = input.unitId ?? actor.unitId;
    const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { path: true, active: true } });
    const allowed = authorize(actor, "summary.receive", unit ? { unitPath: unit.path } : {});
    if (!allowed.ok) return allowed;
    if (!unit?.active) return { ok: false, reason: "unknown_unit" };
    let subscriptionId: number;
    let created = true;
    try {
      const row = await withSavepoint(tx, () =>
        tx.summarySubscription.create({
          data: { personId: actor.id, unitId, ...schedule, active: true, sendFrom: now, createdAt: now },
          select: { id: true },
        }),
      );
      subscriptionId = row.id;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      created = false;
      const existing = await tx.summarySubscription.findUniqueOrThrow({
        where: { personId_unitId_cadence: { personId: actor.id, unitId, cadence: schedule.cadence } },
        select: { id: true },
      });
      subscriptionId = existing.id;
      // A changed or resumed schedule starts now: no summary of an earlier slot.
      await tx.summarySubscription.update({
        where: { id: subscriptionId },
        data: { ...schedule, active: true, sendFrom: now },
      });
    }
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: created ? "summary.subscribe" : "summary.update",
      targetType: "SummarySubscription",
      targetId: subscriptionId,
      unitId,
      details: { ...schedule },
    });
    return { ok: true, subscriptionId, created };
  });
}
