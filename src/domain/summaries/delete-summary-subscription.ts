import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { loadOwnSummarySubscription } from "./load-own-summary-subscription.js";

export type DeleteSummarySubscriptionResult = { ok: true } | { ok: false; reason: Denial | "not_found" };

/**
 * Removes one of the actor's subscriptions with its record of sent summaries (messages already
 * queued still go out). Audited with what it was.
 */
export async function deleteSummarySubscription(
  db: Db,
  clock: Clock,
  actorId: number,
  subscriptionId: number,
): Promise<DeleteSummarySubscriptionResult> {
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<DeleteSummarySubscriptionResult> => {
    const loaded = await loadOwnSummarySubscription(tx, actorId, subscriptionId);
    if (!loaded.ok) return loaded;
    const { actor, subscription } = loaded;
    await tx.summarySent.deleteMany({ where: { subscriptionId } });
    await tx.summarySubscription.delete({ where: { id: subscriptionId } });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "summary.delete",
      targetType: "SummarySubscription",
      targetId: subscriptionId,
      unitId: subscription.unitId,
      details: {
        cadence: subscription.cadence,
        localTime: subscription.localTime,
        weekday: subscription.weekday,
        monthDay: subscription.monthDay,
        active: subscription.active,
      },
    });
    return { ok: true };
  });
}
