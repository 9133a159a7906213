import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, jsonValue } from "../../db/dialect.js";
import { transactionWithRetry } from "../../db/transaction-with-retry.js";
import { isUniqueViolation } from "../../db/unique-violation.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { sameJson } from "../../shared/same-json.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import type { FormDefinition } from "./form-definition.js";
import { type Answers, urgentFields } from "./form-engine.js";
import { notifyReportReviewers, type ReviewerNotice } from "./notify-report-reviewers.js";
import {
  OPEN_REPORT_STATUSES,
  openDraftKey,
  parseReportStatus,
  ReportStatus,
  RevisionEvent,
  sentSlotKey,
} from "./report-enums.js";
import { parseReturnedFields, parseStoredAnswers, parseStoredForm } from "./stored-report-json.js";

/** A form version as stored: drafts and reports pin the row they were started with. */
export interface StoredForm {
  id: number;
  definition: FormDefinition;
}

/**
 * Makes every form file version available in the database (new versions are added; a version
 * is never changed once stored, so drafts that pinned it keep working). Returns the ids.
 */
export async function syncForms(
  db: Db,
  forms: readonly FormDefinition[],
): Promise<{ latest: Map<string, StoredForm>; changedWithoutNewVersion: string[] }> {
  const latest = new Map<string, StoredForm>();
  const changedWithoutNewVersion: string[] = [];
  for (const form of forms) {
    const row = await storeFormVersion(db, form);
    // A stored version's questions never change (drafts rely on them): an edited file needs a new
    // version. Its `summary` block is no question, so a file that changes only that updates the
    // stored version in place (summaries read it from here).
    let definition = parseStoredForm(row.definition, `ReportForm ${row.id}`);
    if (!sameJson(definition, form)) {
      if (sameJson(withoutSummary(definition), withoutSummary(form))) {
        const updated = await db.reportForm.update({
          where: { id: row.id },
          data: { definition: toJson(form) },
        });
        definition = parseStoredForm(updated.definition, `ReportForm ${updated.id}`);
      } else changedWithoutNewVersion.push(`${form.key} v${form.version}`);
    }
    const current = latest.get(form.key);
    if (!current || current.definition.version < form.version) {
      latest.set(form.key, { id: row.id, definition });
    }
  }
  return { latest, changedWithoutNewVersion };
}

/**
 * The stored row of a form version, added when new. (key, version) is unique: when two
 * instances start together and both add it, the one refused reads the other's row.
 */
async function storeFormVersion(db: Db, form: FormDefinition) {
  const where = { key_version: { key: form.key, version: form.version } };
  try {
    return await db.reportForm.upsert({
      where,
      create: { key: form.key, version: form.version, title: form.title, definition: toJson(form) },
      update: {},
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.reportForm.findUniqueOrThrow({ where });
  }
}

/** A form definition as a JSON column value (an interface of plain JSON data, written as is). */
function toJson(form: FormDefinition): Prisma.InputJsonValue {
  return form as unknown as Prisma.InputJsonValue;
}

/** A definition without its `summary` block, the keys in the same order. */
function withoutSummary(form: FormDefinition): Omit<FormDefinition, "summary"> {
  const { summary: _summary, ...rest } = form;
  return rest;
}

export async function loadStoredForm(db: Db, formId: number): Promise<StoredForm | null> {
  const row = await db.reportForm.findUnique({ where: { id: formId } });
  return row ? { id: row.id, definition: parseStoredForm(row.definition, `ReportForm ${row.id}`) } : null;
}

export interface DraftSummary {
  id: number;
  formId: number;
  formKey: string;
  title: string;
  periodKey: string;
  answers: Answers;
  status: ReportStatus;
  returnedFields: string[] | null;
  returnComment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What {@link toSummary} reads of a report row. */
export const SUMMARY_INCLUDE = { form: { select: { title: true } } } as const;

/** A report row as the screens use it, its stored status and JSON parsed. */
export function toSummary(row: {
  id: number;
  formId: number;
  formKey: string;
  periodKey: string;
  answers: unknown;
  status: string;
  returnedFields: unknown;
  returnComment: string | null;
  createdAt: Date;
  updatedAt: Date;
  form: { title: string };
}): DraftSummary {
  const where = `Report ${row.id}`;
  return {
    id: row.id,
    formId: row.formId,
    formKey: row.formKey,
    title: row.form.title,
    periodKey: row.periodKey,
    answers: parseStoredAnswers(row.answers, where),
    status: parseReportStatus(row.status),
    returnedFields: parseReturnedFields(row.returnedFields, where),
    returnComment: row.returnComment,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The person's unfinished work: drafts, and reports sent back for correction. */
export async function findOpenDrafts(db: Db, personId: number): Promise<DraftSummary[]> {
  const rows = await db.report.findMany({
    where: { personId, status: { in: [...OPEN_REPORT_STATUSES] } },
    include: SUMMARY_INCLUDE,
    orderBy: { updatedAt: "desc" },
  });
  return rows.map(toSummary);
}

export type StartDraftResult =
  | { ok: true; draft: DraftSummary; resumed: boolean }
  | { ok: false; reason: "already_submitted"; reportId: number }
  | { ok: false; reason: "not_allowed" };

/**
 * The draft a person works on for a form and period: the existing one (resumed), or a new
 * one pinned to the current form version, for the person's unit. For periodic forms one report
 * per unit and period: a unit that already reported is told so (the report can be corrected
 * instead). The person is read as they stand now: only someone who reports on this form (its
 * audience's roles and unit levels) may start one.
 *
 * One open draft per person and form is the database's rule (`Report.openDraftKey`): when two
 * starts race (a double tap, two instances), the one refused resumes the draft the other made.
 */
export async function startDraft(
  db: Db,
  clock: Clock,
  input: { personId: number; form: StoredForm; periodKey: string },
): Promise<StartDraftResult> {
  const formKey = input.form.definition.key;
  try {
    return await transactionWithRetry(db, async (tx): Promise<StartDraftResult> => {
      const person = await loadActor(tx, input.personId);
      const { roles, unitLevels } = input.form.definition.audience;
      if (
        !person ||
        !authorize(person, "report.submit").ok ||
        !roles.includes(person.role) ||
        !(unitLevels as readonly string[]).includes(person.unitLevel)
      )
        return { ok: false, reason: "not_allowed" };
      const existing = await findOpenOfForm(tx, input.personId, formKey);
      if (existing) return { ok: true, draft: existing, resumed: true };
      const slot = sentSlotKey({ formKey, periodKey: input.periodKey, unitId: person.unitId });
      if (slot !== null) {
        const done = await tx.report.findUnique({ where: { sentSlotKey: slot }, select: { id: true } });
        if (done) return { ok: false, reason: "already_submitted", reportId: done.id };
      }
      const created = await tx.report.create({
        data: {
          formId: input.form.id,
          formKey,
          periodKey: input.periodKey,
          unitId: person.unitId,
          personId: input.personId,
          openDraftKey: openDraftKey(input.personId, formKey),
          answers: {},
          createdAt: clock.now(),
        },
        include: SUMMARY_INCLUDE,
      });
      return { ok: true, draft: toSummary(created), resumed: false };
    });
  } catch (error) {
    if (!isUniqueViolation(error, ["openDraftKey"])) throw error;
    const other = await findOpenOfForm(db, input.personId, formKey);
    if (!other) throw error;
    return { ok: true, draft: other, resumed: true };
  }
}

/** The person's open report of a form (a draft, or one back for correction), newest first. */
async function findOpenOfForm(
  db: Pick<Db | Prisma.TransactionClient, "report">,
  personId: number,
  formKey: string,
): Promise<DraftSummary | null> {
  const row = await db.report.findFirst({
    where: { personId, formKey, status: { in: [...OPEN_REPORT_STATUSES] } },
    include: SUMMARY_INCLUDE,
    orderBy: { updatedAt: "desc" },
  });
  return row ? toSummary(row) : null;
}

/** Saves the answers so far; a draft or a returned report only. */
export async function saveAnswers(db: Db, clock: Clock, reportId: number, answers: Answers): Promise<void> {
  // Runs after every answer, hence one plain statement (the model's updateMany reads first).
  const value = jsonValue(JSON.stringify(answers), dialectOf(db));
  const updatedAt = clock.now();
  await db.$executeRaw`
    UPDATE "Report" SET "answers" = ${value}, "updatedAt" = ${updatedAt}
    WHERE "id" = ${reportId} AND "status" IN ('draft', 'returned')`;
}

/**
 * "🗑 Bỏ nháp": deletes the person's own unsent draft — one statement, which frees the form's
 * open-draft key with it. `false` when there is no such draft (sent meanwhile, or discarded).
 */
export async function discardDraft(db: Db, reportId: number, personId: number): Promise<boolean> {
  const deleted = await db.report.deleteMany({
    where: { id: reportId, personId, status: ReportStatus.draft },
  });
  return deleted.count > 0;
}

export type SubmitResult =
  | {
      ok: true;
      reportId: number;
      corrected: boolean;
      duplicate: boolean;
      /** Urgent or corrected: whom the commune was told through (null: nobody needed telling). */
      notice: ReviewerNotice | null;
    }
  | { ok: false; reason: "not_found" | "not_allowed" }
  | { ok: false; reason: "already_submitted"; reportId: number };

/**
 * Sends a draft (or a corrected report). Idempotent: the same submission key — a double tap,
 * a re-delivered update — returns the first result instead of submitting twice. Every
 * submission is kept as a revision, so a corrected report keeps its history. An urgent report
 * (the form's `urgentWhen`) or a corrected one is announced to the commune's officers through
 * the outbox. The report's change, its revision, the audit entry and the notices are one
 * transaction.
 *
 * The author is read as they stand now: someone deactivated, or moved away from the report's
 * unit, can no longer send it. One sent report per unit, form and period is the database's rule
 * (`Report.sentSlotKey`): when two people of one hamlet send at once, the second is refused by
 * it and told the unit has reported; two sends of one press (`submitKey`) end as one.
 */
export async function submitReport(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { reportId: number; personId: number; answers: Answers; submitKey: string },
): Promise<SubmitResult> {
  try {
    return await transactionWithRetry(db, (tx) => submitInTransaction(tx, clock, translator, input));
  } catch (error) {
    // The constraint refused this send (the transaction is rolled back): someone was first.
    if (isUniqueViolation(error, ["submitKey"])) {
      const first = await db.report.findUnique({
        where: { submitKey: input.submitKey },
        select: { id: true },
      });
      if (first) return { ok: true, reportId: first.id, corrected: false, duplicate: true, notice: null };
    }
    if (isUniqueViolation(error, ["sentSlotKey"])) {
      const report = await db.report.findUnique({ where: { id: input.reportId } });
      const slot = report ? sentSlotKey(report) : null;
      const holder = slot
        ? await db.report.findUnique({ where: { sentSlotKey: slot }, select: { id: true } })
        : null;
      if (holder) return { ok: false, reason: "already_submitted", reportId: holder.id };
    }
    throw error;
  }
}

async function submitInTransaction(
  tx: Prisma.TransactionClient,
  clock: Clock,
  translator: Translator,
  input: { reportId: number; personId: number; answers: Answers; submitKey: string },
): Promise<SubmitResult> {
  // Fast paths; the constraints decide when two sends race.
  const already = await tx.report.findUnique({ where: { submitKey: input.submitKey }, select: { id: true } });
  if (already) return { ok: true, reportId: already.id, corrected: false, duplicate: true, notice: null };
  const report = await tx.report.findFirst({
    where: { id: input.reportId, personId: input.personId, status: { in: [...OPEN_REPORT_STATUSES] } },
    include: {
      form: { select: { definition: true } },
      unit: { select: { name: true, path: true } },
      person: { select: { id: true, fullName: true } },
    },
  });
  if (!report) return { ok: false, reason: "not_found" };
  const author = await loadActor(tx, input.personId);
  if (!author || !authorize(author, "report.submit", { unitPath: report.unit.path }).ok)
    return { ok: false, reason: "not_allowed" };
  const slot = sentSlotKey(report);
  if (slot !== null) {
    const other = await tx.report.findUnique({ where: { sentSlotKey: slot }, select: { id: true } });
    if (other && other.id !== report.id)
      return { ok: false, reason: "already_submitted", reportId: other.id };
  }
  const form = parseStoredForm(report.form.definition, `ReportForm ${report.formId}`);
  const corrected = parseReportStatus(report.status) === ReportStatus.returned;
  const now = clock.now();
  // What the reviewer saw when returning it: the latest revision.
  const previous = corrected
    ? await tx.reportRevision.findFirst({ where: { reportId: report.id }, orderBy: { id: "desc" } })
    : null;
  // Only from the status read above: a send that raced this one and won leaves nothing to change.
  const sent = await tx.report.updateMany({
    where: { id: report.id, status: report.status },
    data: {
      status: ReportStatus.submitted,
      answers: input.answers,
      submittedAt: now,
      submitKey: input.submitKey,
      openDraftKey: null,
      sentSlotKey: slot,
      urgent: urgentFields(form, input.answers).length > 0,
      returnedFields: Prisma.DbNull,
      updatedAt: now,
    },
  });
  if (sent.count === 0) {
    const winner = await tx.report.findUnique({ where: { id: report.id }, select: { submitKey: true } });
    return winner?.submitKey === input.submitKey
      ? { ok: true, reportId: report.id, corrected: false, duplicate: true, notice: null }
      : { ok: false, reason: "not_found" };
  }
  const revision = await tx.reportRevision.create({
    data: {
      reportId: report.id,
      answers: input.answers,
      event: corrected ? RevisionEvent.corrected : RevisionEvent.submitted,
      byId: input.personId,
      createdAt: now,
    },
  });
  await auditReport(
    tx,
    now,
    input.personId,
    corrected ? "report.correct" : "report.submit",
    report.id,
    report.unitId,
  );
  const notice = await notifyReportReviewers(tx, clock, translator, {
    reportId: report.id,
    revisionId: revision.id,
    form,
    answers: input.answers,
    previous: corrected
      ? parseStoredAnswers(previous?.answers ?? report.answers, `ReportRevision of report ${report.id}`)
      : null,
    unit: report.unit,
    author: report.person,
  });
  return { ok: true, reportId: report.id, corrected, duplicate: false, notice };
}

/** The report of this unit for this form and period that was already sent, if any. */
export async function findSubmitted(db: Db, formKey: string, periodKey: string, unitId: number) {
  const slot = sentSlotKey({ formKey, periodKey, unitId });
  return slot === null ? null : db.report.findUnique({ where: { sentSlotKey: slot } });
}

/** The person's recent reports, newest first. */
export async function listMyReports(db: Db, personId: number, take = 10): Promise<DraftSummary[]> {
  const rows = await db.report.findMany({
    where: { personId },
    include: SUMMARY_INCLUDE,
    orderBy: { updatedAt: "desc" },
    take,
  });
  return rows.map(toSummary);
}

/** Audited helper for actions that change someone else's report. */
export async function auditReport(
  db: Pick<Db, "auditLog">,
  at: Date,
  actorId: number,
  action: string,
  reportId: number,
  unitId: number,
  details?: Prisma.InputJsonValue,
) {
  await recordAudit(db, {
    at,
    actorId,
    action,
    targetType: "Report",
    targetId: reportId,
    unitId,
    ...(details ? { details } : {}),
  });
}
