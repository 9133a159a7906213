import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { loadOwnSummarySubscription } from "./load-own-summary-subscription.js";

export type PauseSummarySubscriptionResult = { ok: true } | { ok: false; reason: Denial | "not_found" };

/** Stops one of the actor's subscriptions for now (nothing is sent until it is resumed). Audited. */
export async function pauseSummarySubscription(
  db: Db,
  clock: Clock,
  actorId: number,
  subscriptionId: number,
): Promise<PauseSummarySubscriptionResult> {
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<PauseSummarySubscriptionResult> => {
    const loaded = await loadOwnSummarySubscription(tx, actorId, subscriptionId);
    if (!loaded.ok) return loaded;
    if (!loaded.subscription.active) return { ok: true };
    await tx.summarySubscription.update({ where: { id: subscriptionId }, data: { active: false } });
    await recordAudit(tx, {
      at: now,
      actorId: loaded.actor.id,
      action: "summary.pause",
      targetType: "SummarySubscription",
      targetId: subscriptionId,
      unitId: loaded.subscription.unitId,
    });
    return { ok: true };
  });
}
