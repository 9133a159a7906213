import type { Db, Prisma } from "../../db/client.js";
import { transactionWithRetry } from "../../db/transaction-with-retry.js";
import { isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { escapeHtml, trustedHtml, wholeText } from "../../shared/html.js";
import { loadExcelJs } from "../../shared/lazy-modules.js";
import { formatDateTime } from "../../shared/time.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import { type Reach, reachOf, type Unreachable } from "../outbox/reach-of.js";
import { subtreeRange } from "../units/unit-path.js";
import type { FormDefinition, FormField } from "./form-definition.js";
import { formatAnswer } from "./form-engine.js";
import type { ReportPeriod } from "./periods.js";
import { parseReportStatus, ReportStatus, RevisionEvent, SENT_REPORT_STATUSES } from "./report-enums.js";
import { auditReport } from "./report-store.js";
import { parseStoredAnswers, parseStoredForm } from "./stored-report-json.js";

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "vi");

export interface UnitStatus {
  unitId: number;
  unitName: string;
  /** The parent's name, to tell "Thôn 1" of two communes apart. */
  parentName: string | null;
  reportId: number | null;
  reportStatus: ReportStatus | null;
  /** Active people of the form's audience in the unit (who should report). */
  reporters: Reporter[];
}

/** Someone who should report, and whether the bot can reach them (else: call them). */
export interface Reporter {
  id: number;
  fullName: string;
  phone: string | null;
  locale: string;
  reach: Reach;
}

export interface ReportingStatus {
  units: UnitStatus[];
  reported: number;
  total: number;
}

type StatusDb = Pick<Db | Prisma.TransactionClient, "unit" | "report" | "person">;

export type ReportingStatusResult =
  | { ok: true; status: ReportingStatus }
  | { ok: false; reason: "not_allowed" };

/**
 * Who has reported for a form and period in the actor's scope: every unit of the form's
 * audience levels, with its report (if any) and the people who should send it. The actor is
 * read as they stand now: someone who may not review reports (any more) is refused.
 */
export async function reportingStatus(
  db: StatusDb,
  actorId: number,
  form: FormDefinition,
  periodKey: string,
): Promise<ReportingStatusResult> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "report.review", { unitPath: actor.unitPath }).ok)
    return { ok: false, reason: "not_allowed" };
  return { ok: true, status: await statusInSubtree(db, actor.unitPath, form, periodKey) };
}

/** The reporting status of the units under `unitPath`, for whoever has been allowed to see it. */
async function statusInSubtree(
  db: StatusDb,
  unitPath: string,
  form: FormDefinition,
  periodKey: string,
): Promise<ReportingStatus> {
  const inScope = {
    path: subtreeRange(unitPath),
    active: true,
    level: { in: form.audience.unitLevels },
  };
  const [units, reports, people] = await Promise.all([
    db.unit.findMany({
      where: inScope,
      select: { id: true, name: true, parent: { select: { name: true } } },
      orderBy: [{ parentId: "asc" }, { name: "asc" }],
    }),
    db.report.findMany({
      where: {
        formKey: form.key,
        periodKey,
        status: { in: [...SENT_REPORT_STATUSES] },
        unit: inScope,
      },
      select: { id: true, unitId: true, status: true },
      orderBy: { submittedAt: "desc" },
    }),
    db.person.findMany({
      where: { status: "active", role: { in: form.audience.roles }, unit: inScope },
      select: {
        id: true,
        fullName: true,
        phone: true,
        locale: true,
        unitId: true,
        accounts: { select: { blockedAt: true } },
      },
      orderBy: { fullName: "asc" },
    }),
  ]);
  const reportByUnit = new Map<number, { id: number; status: ReportStatus }>();
  for (const report of reports)
    if (!reportByUnit.has(report.unitId))
      reportByUnit.set(report.unitId, { id: report.id, status: parseReportStatus(report.status) });
  const statuses = units.map((unit) => ({
    unitId: unit.id,
    unitName: unit.name,
    parentName: unit.parent?.name ?? null,
    reportId: reportByUnit.get(unit.id)?.id ?? null,
    reportStatus: reportByUnit.get(unit.id)?.status ?? null,
    reporters: people
      .filter((p) => p.unitId === unit.id)
      .map(({ id, fullName, phone, locale, accounts }) => ({
        id,
        fullName,
        phone,
        locale,
        reach: reachOf(accounts),
      })),
  }));
  return { units: statuses, reported: reportByUnit.size, total: units.length };
}

/** What a reminder run did: only people the bot can reach count as reminded. */
export interface RemindResult {
  /** Outbox rows queued now. */
  queued: number;
  /** Reachable people reminded now. */
  reminded: number;
  /** Reachable people this key had reminded already (a second nudge the same day). */
  alreadyReminded: number;
  /** Who cannot be messaged: never connected to the bot, or blocked it. To be called. */
  unreachable: (Unreachable & { unitName: string })[];
}

/**
 * Who reminds: a reviewer nudging the units of their scope (named in the reminder, and told
 * when one cannot go), or the reminder schedule, for every unit.
 */
export type Reminder = { actorId: number } | "schedule";

/**
 * Reminds the people of units that have not reported (once per key: a reminder slot, or a
 * commune officer's nudge on a given day). People who never connected or blocked the bot are
 * not messaged but listed, so whoever reminds can call them. A reviewer is read as they stand
 * now and reminds only within their scope. Writes one outbox row per person reminded: run it in
 * the caller's transaction, so that a reminder run commits whole or not at all.
 */
export async function remindMissing(
  tx: StatusDb & Pick<Prisma.TransactionClient, "$executeRaw" | "outboxMessage" | "channelAccount">,
  clock: Clock,
  translator: Translator,
  input: { form: FormDefinition; period: ReportPeriod; key: string; by: Reminder },
): Promise<({ ok: true } & RemindResult) | { ok: false; reason: "not_allowed" }> {
  let scope = "/";
  let sender: { id: number; fullName: string } | null = null;
  if (input.by !== "schedule") {
    const actor = await loadActor(tx, input.by.actorId);
    if (!actor || !authorize(actor, "report.review", { unitPath: actor.unitPath }).ok)
      return { ok: false, reason: "not_allowed" };
    scope = actor.unitPath;
    sender = actor;
  }
  const status = await statusInSubtree(tx, scope, input.form, input.period.key);
  const result: RemindResult = { queued: 0, reminded: 0, alreadyReminded: 0, unreachable: [] };
  for (const unit of status.units) {
    if (unit.reportId !== null) continue;
    for (const reporter of unit.reporters) {
      if (reporter.reach !== "reachable") {
        result.unreachable.push({
          personId: reporter.id,
          fullName: reporter.fullName,
          phone: reporter.phone,
          reach: reporter.reach,
          unitName: unit.unitName,
        });
        continue;
      }
      const locale = localeOf(reporter.locale);
      const t = (k: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, k, args);
      const text = t(sender ? "rp-nudge" : "rp-reminder", {
        form: input.form.title,
        period: input.period.label,
        deadline: input.period.deadline ? formatDateTime(input.period.deadline, locale) : "—",
        by: sender?.fullName ?? "",
      });
      const queued = await enqueueForPerson(tx, {
        kind: "reminder",
        personId: reporter.id,
        idempotencyKey: `${input.key}:p${reporter.id}`,
        now: clock.now(),
        payload: htmlMessage(text, [[[t("rp-button-start"), `rp:new:${input.form.key}`]]]),
        ...(sender ? { senderId: sender.id } : {}),
      });
      result.queued += queued;
      if (queued > 0) result.reminded += 1;
      else result.alreadyReminded += 1;
    }
  }
  return { ok: true, ...result };
}

export type ReturnResult =
  | {
      ok: true;
      /** The author, when the bot cannot tell them (never connected, or blocked it): call them. */
      unreachable: Unreachable | null;
    }
  | {
      ok: false;
      reason:
        | "not_found"
        | "not_submitted"
        | "already_returned"
        | "not_allowed"
        | "out_of_scope"
        | "no_fields";
    };

/**
 * "Cần bổ sung": sends a submitted report back to its author with a comment on specific
 * fields; the author is told and can reopen just those fields. The reviewer is read as they
 * stand now; the change, its revision, the audit entry and the notice are one transaction.
 * Two reviewers returning it at once: the status changes once, the other is told it is back
 * with its author already.
 */
export async function returnForCorrection(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  input: { reportId: number; fields: string[]; comment: string },
): Promise<ReturnResult> {
  return transactionWithRetry(db, async (tx): Promise<ReturnResult> => {
    const actor = await loadActor(tx, actorId);
    if (!actor || !authorize(actor, "report.review").ok) return { ok: false, reason: "not_allowed" };
    const report = await tx.report.findUnique({
      where: { id: input.reportId },
      include: { unit: true, form: true, person: { include: { accounts: { select: { blockedAt: true } } } } },
    });
    if (!report) return { ok: false, reason: "not_found" };
    const allowed = authorize(actor, "report.review", { unitPath: report.unit.path });
    if (!allowed.ok)
      return { ok: false, reason: allowed.reason === "out_of_scope" ? "out_of_scope" : "not_allowed" };
    const form = parseStoredForm(report.form.definition, `ReportForm ${report.formId}`);
    const fields = form.fields.filter((field) => input.fields.includes(field.key));
    if (fields.length === 0) return { ok: false, reason: "no_fields" };
    const comment = input.comment.slice(0, 1000);
    const now = clock.now();
    const updated = await tx.report.updateMany({
      where: { id: report.id, status: ReportStatus.submitted },
      data: {
        status: ReportStatus.returned,
        returnedFields: fields.map((field) => field.key),
        returnComment: comment,
        // When it was returned, by the clock (summaries list "waiting for correction since").
        updatedAt: now,
      },
    });
    if (updated.count === 0) {
      // Read again: another reviewer's return may have committed since the report was read.
      const current = await tx.report.findUnique({ where: { id: report.id }, select: { status: true } });
      const returned = current !== null && parseReportStatus(current.status) === ReportStatus.returned;
      return { ok: false, reason: returned ? "already_returned" : "not_submitted" };
    }
    await tx.reportRevision.create({
      data: {
        reportId: report.id,
        answers: parseStoredAnswers(report.answers, `Report ${report.id}`),
        event: RevisionEvent.returned,
        comment,
        byId: actor.id,
        createdAt: now,
      },
    });
    await auditReport(tx, now, actor.id, "report.return", report.id, report.unitId, {
      fields: fields.map((field) => field.key),
    });
    const locale = localeOf(report.person.locale);
    const labels = fields.map((field) => `• ${escapeHtml(field.label)}`).join("\n");
    const reach = reachOf(report.person.accounts);
    if (reach !== "reachable") {
      const { fullName, phone } = report.person;
      return { ok: true, unreachable: { personId: report.personId, fullName, phone, reach } };
    }
    await enqueueForPerson(tx, {
      kind: "notification",
      personId: report.personId,
      idempotencyKey: `report:${report.id}:returned:${now.getTime()}`,
      now,
      senderId: actor.id,
      payload: htmlMessage(
        translator.t(locale, "rp-returned-notice", {
          form: report.form.title,
          by: actor.fullName,
          comment: wholeText(input.comment),
          fields: trustedHtml(labels),
        }),
        [[[translator.t(locale, "rp-button-fix"), `rp:fix:${report.id}`]]],
      ),
    });
    return { ok: true, unreachable: null };
  });
}

/**
 * The reports of a form and period in the actor's scope as an Excel workbook: one row per
 * report, one column per field (with its label), the unit and the status. Audited.
 */
export async function exportReports(
  db: Db,
  clock: Clock,
  actorId: number,
  input: { form: FormDefinition; periodKey: string; periodLabel: string; timeZone: string },
): Promise<
  { ok: true; data: Buffer; fileName: string; rows: number } | { ok: false; reason: "not_allowed" }
> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "report.review", { unitPath: actor.unitPath }).ok)
    return { ok: false, reason: "not_allowed" };
  const rows = await db.report.findMany({
    where: {
      formKey: input.form.key,
      periodKey: input.periodKey,
      status: { in: [...SENT_REPORT_STATUSES] },
      unit: { path: subtreeRange(actor.unitPath) },
    },
    include: { unit: { include: { parent: true } }, person: true, form: true },
    orderBy: [{ unitId: "asc" }],
  });
  const reports = rows.map((report) => ({
    ...report,
    status: parseReportStatus(report.status),
    answers: parseStoredAnswers(report.answers, `Report ${report.id}`),
    definition: parseStoredForm(report.form.definition, `ReportForm ${report.formId}`),
  }));
  // Columns: every field of every version used, in the latest version's order first.
  const fields: FormField[] = [...input.form.fields];
  for (const report of reports) {
    for (const field of report.definition.fields) {
      if (!fields.some((f) => f.key === field.key)) fields.push(field);
    }
  }
  const workbook = new (loadExcelJs().Workbook)();
  const sheet = workbook.addWorksheet("Báo cáo");
  const STATUS: Record<ReportStatus, string> = {
    draft: "Nháp",
    submitted: "Đã gửi",
    returned: "Cần bổ sung",
    accepted: "Đã duyệt",
  };
  sheet.columns = [
    { header: "Đơn vị", key: "unit", width: 22 },
    { header: "Thuộc", key: "parent", width: 22 },
    { header: "Người báo cáo", key: "person", width: 22 },
    { header: "Trạng thái", key: "status", width: 14 },
    { header: "Gửi lúc", key: "submitted", width: 18 },
    ...fields.map((field) => ({ header: field.label, key: `f_${field.key}`, width: 20 })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const report of reports) {
    const answers = report.answers;
    const row: Record<string, unknown> = {
      unit: report.unit.name,
      parent: report.unit.parent?.name ?? "",
      person: report.person.fullName,
      status: STATUS[report.status],
      submitted: report.submittedAt ? formatDateTime(report.submittedAt, "vi", input.timeZone) : "",
    };
    for (const field of fields) {
      const value = answers[field.key];
      // Numbers stay numbers in Excel so that sums work.
      row[`f_${field.key}`] =
        typeof value === "number" ? value : value === undefined ? "" : formatAnswer(field, value, "vi");
    }
    sheet.addRow(row);
  }
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  await recordAudit(db, {
    at: clock.now(),
    actorId: actor.id,
    action: "report.export",
    targetType: "ReportForm",
    targetId: input.form.key,
    details: { period: input.periodKey, rows: reports.length, scope: actor.unitPath },
  });
  const fileName = `bao-cao-${input.form.key}-${input.periodKey}.xlsx`;
  return { ok: true, data, fileName, rows: reports.length };
}

/** One sent report in a reviewer's list. */
export interface ReportListItem {
  id: number;
  status: ReportStatus;
  unitName: string;
  authorName: string;
}

/**
 * Sent reports of the actor's units for one period, newest first; for an ad hoc form (period
 * "adhoc", each report its own period) the latest 50. The actor is read as they stand now.
 */
export async function listReportsInScope(
  db: Db,
  actorId: number,
  formKey: string,
  periodKey: string,
): Promise<{ ok: true; reports: ReportListItem[] } | { ok: false; reason: "not_allowed" }> {
  const actor = await loadActor(db, actorId);
  if (!actor || !authorize(actor, "report.review", { unitPath: actor.unitPath }).ok)
    return { ok: false, reason: "not_allowed" };
  const adhoc = periodKey === "adhoc";
  const rows = await db.report.findMany({
    where: {
      formKey,
      ...(adhoc ? {} : { periodKey }),
      status: { in: [...SENT_REPORT_STATUSES] },
      unit: { path: subtreeRange(actor.unitPath) },
    },
    select: {
      id: true,
      status: true,
      unit: { select: { name: true } },
      person: { select: { fullName: true } },
    },
    orderBy: { submittedAt: "desc" },
    ...(adhoc ? { take: 50 } : {}),
  });
  const reports = rows.map((row) => ({
    id: row.id,
    status: parseReportStatus(row.status),
    unitName: row.unit.name,
    authorName: row.person.fullName,
  }));
  return { ok: true, reports };
}
