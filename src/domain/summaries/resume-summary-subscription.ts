import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { authorize, type Denial } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { loadOwnSummarySubscription } from "./load-own-summary-subscription.js";

export type ResumeSummarySubscriptionResult =
  | { ok: true }
  | { ok: false; reason: Denial | "not_found" | "unknown_unit" };

/**
 * Turns a paused subscription back on from now: the slots of the paused time are never sent
 * (`sendFrom = now`), so resuming mid-week brings no backlog. The unit must still be in the
 * actor's scope. Audited.
 */
export async function resumeSummarySubscription(
  db: Db,
  clock: Clock,
  actorId: number,
  subscriptionId: number,
): Promise<ResumeSummarySubscriptionResult> {
  const now = clock.now();
  return inWriteTransaction(db, async (tx): Promise<ResumeSummarySubscriptionResult> => {
    const loaded = await loadOwnSummarySubscription(tx, actorId, subscriptionId);
    if (!loaded.ok) return loaded;
    const { actor, subscription } = loaded;
    const allowed = authorize(actor, "summary.receive", { unitPath: subscription.unit.path });
    if (!allowed.ok) return allowed;
    if (!subscription.unit.active) return { ok: false, reason: "unknown_unit" };
    if (subscription.active) return { ok: true };
    await tx.summarySubscription.update({
      where: { id: subscriptionId },
      data: { active: true, sendFrom: now },
    });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "summary.resume",
      targetType: "SummarySubscription",
      targetId: subscriptionId,
      unitId: subscription.unitId,
    });
    return { ok: true };
  });
}
