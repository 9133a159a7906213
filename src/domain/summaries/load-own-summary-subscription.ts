import type { Prisma } from "../../db/client.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { authorize, type Denial } from "../access/permissions.js";

export type OwnSubscription = Prisma.SummarySubscriptionGetPayload<{
  include: { unit: { select: { id: true; name: true; path: true; active: true } } };
}>;

/**
 * The actor (read afresh) and one of their own subscriptions, when they may still receive
 * summaries of its unit. Someone else's subscription is `not_found`, as if it did not exist.
 */
export async function loadOwnSummarySubscription(
  tx: Prisma.TransactionClient,
  actorId: number,
  subscriptionId: number,
): Promise<
  | { ok: true; actor: CurrentActor; subscription: OwnSubscription }
  | { ok: false; reason: Denial | "not_found" }
> {
  const actor = await loadActor(tx, actorId);
  const allowed = authorize(actor, "summary.receive");
  if (!actor || !allowed.ok) return { ok: false, reason: allowed.ok ? "not_allowed" : allowed.reason };
  const subscription = await tx.summarySubscription.findUnique({
    where: { id: subscriptionId },
    include: { unit: { select: { id: true, name: true, path: true, active: true } } },
  });
  if (!subscription || subscription.personId !== actor.id) return { ok: false, reason: "not_found" };
  return { ok: true, actor, subscription };
}
