import type { Db } from "../../db/client.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import type { Answers } from "./form-engine.js";
import { parseReportStatus, ReportStatus } from "./report-enums.js";
import { parseStoredAnswers } from "./stored-report-json.js";

/** A sent report as a reviewer opens it. */
export interface ReportForReview {
  id: number;
  /** The form version it was filled in with (the catalog has its questions). */
  formId: number;
  status: ReportStatus;
  unitName: string;
  authorName: string;
  answers: Answers;
}

export type LoadReportForReviewResult =
  | { ok: true; report: ReportForReview }
  | { ok: false; reason: "not_found" | "not_allowed" | "out_of_scope" };

/**
 * A report for a reviewer to read (or send back): only someone who may review reports, as they
 * stand now, and only within their units. Someone else's draft is not for reviewers: it reads
 * as not found.
 */
export async function loadReportForReview(
  db: Db,
  actorId: number,
  reportId: number,
): Promise<LoadReportForReviewResult> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "report.review").ok) return { ok: false, reason: "not_allowed" };
  const row = await db.report.findUnique({
    where: { id: reportId },
    select: {
      id: true,
      formId: true,
      status: true,
      answers: true,
      unit: { select: { name: true, path: true } },
      person: { select: { fullName: true } },
    },
  });
  if (!row) return { ok: false, reason: "not_found" };
  const allowed = authorize(actor, "report.review", { unitPath: row.unit.path });
  if (!allowed.ok)
    return { ok: false, reason: allowed.reason === "out_of_scope" ? "out_of_scope" : "not_allowed" };
  const status = parseReportStatus(row.status);
  if (status === ReportStatus.draft) return { ok: false, reason: "not_found" };
  return {
    ok: true,
    report: {
      id: row.id,
      formId: row.formId,
      status,
      unitName: row.unit.name,
      authorName: row.person.fullName,
      answers: parseStoredAnswers(row.answers, `Report ${row.id}`),
    },
  };
}
