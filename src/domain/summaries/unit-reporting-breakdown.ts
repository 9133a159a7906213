import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { computeSummary } from "./compute-summary.js";
import type { FormPeriodRef, UnitRef } from "./summary-data.js";
import { windowContaining } from "./summary-period.js";

export interface FormBreakdown {
  formKey: string;
  title: string;
  period: FormPeriodRef;
  received: number;
  expected: number;
  /** Child units of the actor's unit, in the summary's order, capped at `limit`. */
  rows: { unit: UnitRef; received: number; expected: number }[];
  /** Child units left out by the cap. */
  more: number;
}

export type UnitReportingBreakdownResult =
  | { ok: true; unitId: number; forms: FormBreakdown[] }
  | { ok: false; reason: "not_allowed" };

/**
 * "🏘 Đơn vị của tôi": for each periodic form in its current period, how many units reported
 * out of those expected, by child unit of the actor's own unit — the summary's breakdown
 * (computeSummary for this week), short. Ad hoc forms (incidents) expect nothing and are left
 * out; so are forms out of season.
 */
export async function unitReportingBreakdown(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { timeZone: string; limit: number },
): Promise<UnitReportingBreakdownResult> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "units.overview").ok) return { ok: false, reason: "not_allowed" };
  const now = clock.now();
  const data = await computeSummary(db, {
    rootUnitId: actor.unitId,
    window: windowContaining("weekly", now, input.timeZone),
    now,
    timeZone: input.timeZone,
  });
  if (!data) return { ok: true, unitId: actor.unitId, forms: [] };
  const forms = data.forms
    .filter((form) => form.periodType !== "adhoc" && (form.totals.expected ?? 0) > 0)
    .map((form) => {
      const rows = form.rows
        .filter((row) => (row.expected ?? 0) > 0)
        .map((row) => ({ unit: row.unit, received: row.received, expected: row.expected ?? 0 }));
      return {
        formKey: form.formKey,
        title: form.title,
        period: form.period,
        received: form.totals.received,
        expected: form.totals.expected ?? 0,
        rows: rows.slice(0, input.limit),
        more: Math.max(0, rows.length - input.limit),
      };
    });
  return { ok: true, unitId: actor.unitId, forms };
}
