import { type Db, Prisma } from "../../db/client.js";
import { withSavepoint } from "../../db/dialect.js";
import type { Clock } from "../../shared/clock.js";
import { authorize, type Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { checkSummarySchedule } from "./check-summary-schedule.js";
import { loadOwnSummarySubscription } from "./load-own-summary-subscription.js";
import { isSummaryCadence, type SummarySchedule } from "./summary-period.js";

export type UpdateSummarySubscriptionResult =
  | { ok: true }
  | { ok: false; reason: Denial | "not_found" | "unknown_unit" | "bad_schedule" | "duplicate" };

/**
 * Changes one of the actor's subscriptions: its schedule (cadence, weekday or day of the month,
 * local time) and/or its unit — narrowed to a unit within the actor's scope. The new schedule
 * starts now (no summary of a slot before the change). A change that would make it the same as
 * another of theirs (unit and cadence) is `duplicate`. Audited with before and after.
 */
export async function updateSummarySubscription(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { subscriptionId: number; unitId?: number; schedule?: Partial<SummarySchedule> },
): Promise<UpdateSummarySubscriptionResult> {
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<UpdateSummarySubscriptionResult> => {
    const loaded = await loadOwnSummarySubscription(tx, actorId, input.subscriptionId);
    if (!loaded.ok) return loaded;
    const { actor, subscription } = loaded;
    const cadence = input.schedule?.cadence ?? subscription.cadence;
    const checked = checkSummarySchedule({
      cadence: isSummaryCadence(cadence) ? cadence : "weekly",
      localTime: input.schedule?.localTime ?? subscription.localTime,
      weekday: input.schedule?.weekday ?? subscription.weekday,
      monthDay: input.schedule?.monthDay ?? subscription.monthDay,
    });
    if (!checked.ok || !isSummaryCadence(cadence)) return { ok: false, reason: "bad_schedule" };
    const unitId = input.unitId ?? subscription.unitId;
    if (unitId !== subscription.unitId) {
      const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { path: true, active: true } });
      const allowed = authorize(actor, "summary.receive", unit ? { unitPath: unit.path } : {});
      if (!allowed.ok) return allowed;
      if (!unit?.active) return { ok: false, reason: "unknown_unit" };
    } else if (!authorize(actor, "summary.receive", { unitPath: subscription.unit.path }).ok) {
      return { ok: false, reason: "out_of_scope" };
    }
    try {
      await withSavepoint(tx, () =>
        tx.summarySubscription.update({
          where: { id: subscription.id },
          data: { ...checked.schedule, unitId, sendFrom: now },
        }),
      );
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        return { ok: false, reason: "duplicate" };
      throw error;
    }
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "summary.update",
      targetType: "SummarySubscription",
      targetId: subscription.id,
      unitId,
      details: {
        from: {
          unitId: subscription.unitId,
          cadence: subscription.cadence,
          localTime: subscription.localTime,
          weekday: subscription.weekday,
          monthDay: subscription.monthDay,
        },
        to: { unitId, ...checked.schedule },
      },
    });
    return { ok: true };
  });
}
