import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, jsonValue } from "../../db/dialect.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { sameJson } from "../../shared/same-json.js";
import { recordAudit } from "../audit/record-audit.js";
import type { FormDefinition } from "./form-definition.js";
import { type Answers, urgentFields } from "./form-engine.js";
import { notifyReportReviewers, type ReviewerNotice } from "./notify-report-reviewers.js";

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
    const where = { key_version: { key: form.key, version: form.version } };
    const row = await db.reportForm
      .upsert({
        where,
        create: {
          key: form.key,
          version: form.version,
          title: form.title,
          definition: form as unknown as Prisma.InputJsonValue,
        },
        update: {},
      })
      .catch(async (error: unknown) => {
        // Stored at the same moment by another catalog (the other messenger's bot, another
        // instance starting): Prisma's upsert is a read then an insert, and PostgreSQL lets both
        // read before either inserts. The version is there now.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
        return db.reportForm.findUniqueOrThrow({ where });
      });
    // A stored version's questions never change (drafts rely on them): an edited file needs a new
    // version. Its `summary` block is no question, so a file that changes only that updates the
    // stored version in place (summaries read it from here).
    let definition = row.definition as unknown as FormDefinition;
    if (!sameJson(definition, form)) {
      if (sameJson(withoutSummary(definition), withoutSummary(form))) {
        const updated = await db.reportForm.update({
          where: { id: row.id },
          data: { definition: form as unknown as Prisma.InputJsonValue },
        });
        definition = updated.definition as unknown as FormDefinition;
      } else changedWithoutNewVersion.push(`${form.key} v${form.version}`);
    }
    const current = latest.get(form.key);
    if (!current || current.definition.version < form.version) {
      latest.set(form.key, { id: row.id, definition });
    }
  }
  return { latest, changedWithoutNewVersion };
}

/** A definition without its `summary` block, the keys in the same order. */
function withoutSummary(form: FormDefinition): Omit<FormDefinition, "summary"> {
  const { summary: _summary, ...rest } = form;
  return rest;
}

export async function loadStoredForm(db: Db, formId: number): Promise<StoredForm | null> {
  const row = await db.reportForm.findUnique({ where: { id: formId } });
  return row ? { id: row.id, definition: row.definition as unknown as FormDefinition } : null;
}

export interface DraftSummary {
  id: number;
  formId: number;
  formKey: string;
  title: string;
  periodKey: string;
  answers: Answers;
  status: string;
  returnedFields: string[] | null;
  returnComment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toSummary(row: {
  id: number;
  formId: number;
  periodKey: string;
  answers: unknown;
  status: string;
  returnedFields: unknown;
  returnComment: string | null;
  createdAt: Date;
  updatedAt: Date;
  form: { key: string; title: string };
}): DraftSummary {
  return {
    id: row.id,
    formId: row.formId,
    formKey: row.form.key,
    title: row.form.title,
    periodKey: row.periodKey,
    answers: (row.answers ?? {}) as Answers,
    status: row.status,
    returnedFields: Array.isArray(row.returnedFields) ? (row.returnedFields as string[]) : null,
    returnComment: row.returnComment,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The person's unfinished work: drafts, and reports sent back for correction. */
export async function findOpenDrafts(db: Db, personId: number): Promise<DraftSummary[]> {
  const rows = await db.report.findMany({
    where: { personId, status: { in: ["draft", "returned"] } },
    include: { form: { select: { key: true, title: true } } },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map(toSummary);
}

export async function getReport(db: Db, reportId: number): Promise<DraftSummary | null> {
  const row = await db.report.findUnique({
    where: { id: reportId },
    include: { form: { select: { key: true, title: true } } },
  });
  return row ? toSummary(row) : null;
}

export type StartDraftResult =
  | { ok: true; draft: DraftSummary; resumed: boolean }
  | { ok: false; reason: "already_submitted"; reportId: number };

/**
 * The draft a person works on for a form and period: the existing one (resumed), or a new
 * one pinned to the current form version. For periodic forms one report per unit and period:
 * a unit that already reported is told so (the report can be corrected instead).
 */
export async function startDraft(
  db: Db,
  clock: Clock,
  input: { personId: number; unitId: number; form: StoredForm; periodKey: string },
): Promise<StartDraftResult> {
  const include = { form: { select: { key: true, title: true } } } as const;
  const existing = await db.report.findFirst({
    where: {
      personId: input.personId,
      form: { key: input.form.definition.key },
      status: { in: ["draft", "returned"] },
    },
    include,
    orderBy: { updatedAt: "desc" },
  });
  if (existing) return { ok: true, draft: toSummary(existing), resumed: true };
  if (input.form.definition.period.type !== "adhoc") {
    const done = await db.report.findFirst({
      where: {
        form: { key: input.form.definition.key },
        periodKey: input.periodKey,
        unitId: input.unitId,
        status: { in: ["submitted", "accepted"] },
      },
    });
    if (done) return { ok: false, reason: "already_submitted", reportId: done.id };
  }
  const created = await db.report.create({
    data: {
      formId: input.form.id,
      periodKey: input.periodKey,
      unitId: input.unitId,
      personId: input.personId,
      answers: {},
      createdAt: clock.now(),
    },
    include,
  });
  return { ok: true, draft: toSummary(created), resumed: false };
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

export async function discardDraft(db: Db, reportId: number, personId: number): Promise<boolean> {
  const deleted = await db.report.deleteMany({ where: { id: reportId, personId, status: "draft" } });
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
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "already_submitted"; reportId: number };

/**
 * Sends a draft (or a corrected report). Idempotent: the same submission key — a double tap,
 * a re-delivered update — returns the first result instead of submitting twice. Every
 * submission is kept as a revision, so a corrected report keeps its history. An urgent report
 * (the form's `urgentWhen`) or a corrected one is announced to the commune's officers through
 * the outbox, in the same transaction.
 */
export async function submitReport(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { reportId: number; personId: number; answers: Answers; submitKey: string },
): Promise<SubmitResult> {
  return db.$transaction(async (tx) => {
    const already = await tx.report.findFirst({ where: { submitKey: input.submitKey } });
    if (already)
      return { ok: true, reportId: already.id, corrected: false, duplicate: true, notice: null } as const;
    const report = await tx.report.findFirst({
      where: { id: input.reportId, personId: input.personId, status: { in: ["draft", "returned"] } },
      include: {
        form: { select: { key: true, definition: true } },
        unit: { select: { name: true, path: true } },
        person: { select: { id: true, fullName: true } },
      },
    });
    if (!report) return { ok: false, reason: "not_found" } as const;
    if (!report.periodKey.startsWith("adhoc")) {
      const other = await tx.report.findFirst({
        where: {
          id: { not: report.id },
          form: { key: report.form.key },
          periodKey: report.periodKey,
          unitId: report.unitId,
          status: { in: ["submitted", "accepted", "returned"] },
        },
      });
      if (other) return { ok: false, reason: "already_submitted", reportId: other.id } as const;
    }
    const corrected = report.status === "returned";
    const now = clock.now();
    // What the reviewer saw when returning it: the latest revision.
    const previous = corrected
      ? await tx.reportRevision.findFirst({ where: { reportId: report.id }, orderBy: { id: "desc" } })
      : null;
    await tx.report.update({
      where: { id: report.id },
      data: {
        status: "submitted",
        answers: input.answers as unknown as Prisma.InputJsonValue,
        submittedAt: now,
        submitKey: input.submitKey,
        urgent: urgentFields(report.form.definition as unknown as FormDefinition, input.answers).length > 0,
        returnedFields: Prisma.DbNull,
        updatedAt: now,
      },
    });
    const revision = await tx.reportRevision.create({
      data: {
        reportId: report.id,
        answers: input.answers as unknown as Prisma.InputJsonValue,
        event: corrected ? "corrected" : "submitted",
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
      form: report.form.definition as unknown as FormDefinition,
      answers: input.answers,
      previous: corrected ? ((previous?.answers ?? report.answers ?? {}) as Answers) : null,
      unit: report.unit,
      author: report.person,
    });
    return { ok: true, reportId: report.id, corrected, duplicate: false, notice } as const;
  });
}

/** The person's recent reports, newest first. */
/** The report of this unit for this form and period that was already sent, if any. */
export async function findSubmitted(db: Db, formKey: string, periodKey: string, unitId: number) {
  return db.report.findFirst({
    where: { form: { key: formKey }, periodKey, unitId, status: { in: ["submitted", "accepted"] } },
  });
}

export async function listMyReports(db: Db, personId: number, take = 10) {
  const rows = await db.report.findMany({
    where: { personId },
    include: { form: { select: { key: true, title: true } } },
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
