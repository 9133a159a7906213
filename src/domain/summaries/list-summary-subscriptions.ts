import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { authorize, type Denial } from "../access/permissions.js";
import { isSummaryCadence, nextSlot, type SummaryCadence } from "./summary-period.js";

export interface SummarySubscriptionItem {
  id: number;
  unit: { id: number; name: string };
  cadence: SummaryCadence;
  localTime: string;
  weekday: number | null;
  monthDay: number | null;
  active: boolean;
  /** When the next summary goes out (null while paused). */
  nextAt: Date | null;
}

/** The actor's subscriptions (active first, then by unit), each with its next send time. */
export async function listSummarySubscriptions(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { timeZone: string },
): Promise<{ ok: true; items: SummarySubscriptionItem[] } | { ok: false; reason: Denial }> {
  const actor = await loadActor(db, actorId);
  const allowed = authorize(actor, "summary.receive");
  if (!actor || !allowed.ok) return { ok: false, reason: allowed.ok ? "not_allowed" : allowed.reason };
  const now = clock.now();
  const rows = await db.summarySubscription.findMany({
    where: { personId: actor.id },
    orderBy: [{ active: "desc" }, { unit: { path: "asc" } }, { id: "asc" }],
    include: { unit: { select: { id: true, name: true } } },
  });
  const items: SummarySubscriptionItem[] = [];
  for (const row of rows) {
    if (!isSummaryCadence(row.cadence)) continue;
    const schedule = {
      cadence: row.cadence,
      localTime: row.localTime,
      weekday: row.weekday,
      monthDay: row.monthDay,
    };
    const from = row.sendFrom.getTime() > now.getTime() ? row.sendFrom : now;
    items.push({
      id: row.id,
      unit: row.unit,
      cadence: row.cadence,
      localTime: row.localTime,
      weekday: row.weekday,
      monthDay: row.monthDay,
      active: row.active,
      nextAt: row.active ? nextSlot(schedule, from, input.timeZone) : null,
    });
  }
  return { ok: true, items };
}
