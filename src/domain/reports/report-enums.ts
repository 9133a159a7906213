import { z } from "zod";

/**
 * The typed values of the reports area's status columns (stored as text, so that one schema
 * serves SQLite and PostgreSQL) and the sets of them the rules speak of. Code compares against
 * these, never against loose string literals, and reads a stored status through
 * {@link parseReportStatus}, so that an unknown value is an error where it is read.
 */

/**
 * `Report.status`: a draft is being filled in; a sent report is `submitted`, `returned` (sent back
 * for correction: its author fixes the marked fields and sends it again) or `accepted`.
 */
export const reportStatusSchema = z.enum(["draft", "submitted", "returned", "accepted"]);
export type ReportStatus = z.infer<typeof reportStatusSchema>;
export const ReportStatus = reportStatusSchema.enum;

/** `ReportRevision.event`: what made the revision — a first send, a return, a corrected send. */
export const revisionEventSchema = z.enum(["submitted", "returned", "corrected"]);
export type RevisionEvent = z.infer<typeof revisionEventSchema>;
export const RevisionEvent = revisionEventSchema.enum;

/** Unfinished work of its author: a draft, or a report sent back for correction. */
export const OPEN_REPORT_STATUSES = [ReportStatus.draft, ReportStatus.returned] as const;
/**
 * Sent: the report holds its unit's slot for the form and period (`Report.sentSlotKey`) and
 * counts as received, also while it waits for a correction.
 */
export const SENT_REPORT_STATUSES = [
  ReportStatus.submitted,
  ReportStatus.returned,
  ReportStatus.accepted,
] as const;

export function isOpenReportStatus(status: ReportStatus): status is (typeof OPEN_REPORT_STATUSES)[number] {
  return (OPEN_REPORT_STATUSES as readonly ReportStatus[]).includes(status);
}

/** A stored `Report.status`, checked: anything else is a broken row, not a status. */
export function parseReportStatus(value: string): ReportStatus {
  return reportStatusSchema.parse(value);
}

/** `Report.openDraftKey` of a draft: one open draft per person and form. */
export function openDraftKey(personId: number, formKey: string): string {
  return `${personId}:${formKey}`;
}

/**
 * `Report.sentSlotKey` of a sent report: one per unit, form and period. Null for an ad hoc report
 * (an incident), each of which is its own period.
 */
export function sentSlotKey(report: { formKey: string; periodKey: string; unitId: number }): string | null {
  if (isAdhocPeriodKey(report.periodKey)) return null;
  return `${report.formKey}:${report.periodKey}:${report.unitId}`;
}

/** Ad hoc reports get the period key "adhoc-<ms>" when started: each is its own period. */
export function isAdhocPeriodKey(periodKey: string): boolean {
  return periodKey.startsWith("adhoc");
}
