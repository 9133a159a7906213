import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { type ComposedSummary, composeSummary } from "./compose-summary.js";
import type { SummaryWindow } from "./summary-period.js";

export type RequestSummaryResult =
  | { ok: true; summary: ComposedSummary }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "unknown_unit" };

/**
 * A summary asked for now (/tonghop, "📊 Tổng hợp đầy đủ"): the same text, chart and workbook
 * a subscription sends, for a unit within the actor's scope and a window they chose. The actor
 * is read as they are now (a forged or old button naming a unit outside their subtree is
 * refused), and the request is audited (`summary.request`), since the workbook is an export.
 */
export async function requestSummary(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  input: { unitId: number; window: SummaryWindow; timeZone: string; locale: string; maxTextLength: number },
): Promise<RequestSummaryResult> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "summary.receive").ok) return { ok: false, reason: "not_allowed" };
  const unit = await db.unit.findUnique({
    where: { id: input.unitId },
    select: { path: true, active: true },
  });
  if (!unit?.active) return { ok: false, reason: "unknown_unit" };
  if (!authorize(actor, "summary.receive", { unitPath: unit.path }).ok)
    return { ok: false, reason: "out_of_scope" };
  const now = clock.now();
  const summary = await composeSummary(db, translator, {
    rootUnitId: input.unitId,
    window: input.window,
    now,
    timeZone: input.timeZone,
    locale: input.locale,
    maxTextLength: input.maxTextLength,
  });
  if (!summary) return { ok: false, reason: "unknown_unit" };
  await recordAudit(db, {
    at: now,
    actorId: actor.id,
    action: "summary.request",
    targetType: "unit",
    targetId: input.unitId,
    unitId: input.unitId,
    details: { period: input.window.key, cadence: input.window.cadence },
  });
  return { ok: true, summary };
}
