import type { FormDefinition } from "../domain/reports/form-definition.js";
import type { Answers } from "../domain/reports/form-engine.js";
import { FORMS_DIR, loadForms } from "../domain/reports/load-forms.js";
import {
  type LocalDate,
  localDateParts,
  periodAt,
  previousPeriod,
  type ReportPeriod,
  zonedInstant,
} from "../domain/reports/periods.js";
import { ReportStatus, RevisionEvent, sentSlotKey } from "../domain/reports/report-enums.js";
import { syncForms } from "../domain/reports/report-store.js";
import type { Clock } from "../shared/clock.js";
import type { Db } from "./client.js";

/**
 * Seeding writes hundreds of rows in one transaction. Prisma's default of 5 s for a whole
 * interactive transaction is short on a busy machine or a remote PostgreSQL, and a transaction
 * that expires is rolled back under the statements still running, not before them.
 */
export const SEED_TRANSACTION = { maxWait: 30_000, timeout: 120_000 } as const;

/**
 * Reports for the demo province, dated relative to the seeding clock, so that the reviewers'
 * screens and the supervisors' summaries have figures on a first start:
 *
 * - the weekly review progress (review-progress) for the last five weeks of the review season
 *   (of the last season when today is outside it): most hamlets every week, a few missing,
 *   cumulative figures growing week by week; this week Xã Đức Thọ has reported (Thôn Trung
 *   Lương's report is back for correction) while Xã Lâm Trung Thủy has not yet, so the walk
 *   through in the README (Nguyễn Văn An sends the first report of his commune) still holds;
 * - the monthly policy delivery (policy-delivery) for the last two months;
 * - three incident reports in the last week, one of them urgent, none in Xã Lâm Trung Thủy.
 *
 * Phường Thành Sen's two tổ dân phố have no head on the demo roster (the sample roster file
 * brings them), so they are the units that never report — which a summary shows as missing.
 * The reports are written by the hamlet heads of the roster (the ward's incident by its
 * officer), as if they had used the bot. Does nothing when any report exists.
 */
export async function seedDemoReports(db: Db, clock: Clock, timeZone: string): Promise<number> {
  if ((await db.report.count()) > 0) return 0;
  const { forms, errors } = loadForms(FORMS_DIR);
  if (errors.length > 0) throw new Error(`content/forms has errors:\n${errors.join("\n")}`);
  const { latest } = await syncForms(db, forms as FormDefinition[]);
  const formKeys = new Map([...latest.values()].map((form) => [form.id, form.definition.key]));
  const now = clock.now();

  const units = new Map(
    (await db.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]),
  );
  const people = new Map(
    (await db.person.findMany({ select: { id: true, phone: true } })).map((p) => [p.phone ?? "", p.id]),
  );
  const unitId = (code: string) => units.get(code);
  const personId = (phone: string) => people.get(phone);

  const rows: DemoReport[] = [];

  const review = latest.get("review-progress");
  if (review) rows.push(...reviewProgressReports(review.id, review.definition, now, timeZone));
  const policy = latest.get("policy-delivery");
  if (policy) rows.push(...policyDeliveryReports(policy.id, policy.definition, now, timeZone));
  const incident = latest.get("incident");
  if (incident) rows.push(...incidentReports(incident.id, now, timeZone));

  let created = 0;
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const unit = unitId(row.unitCode);
      const author = personId(row.phone);
      const formKey = formKeys.get(row.formId);
      if (unit === undefined || author === undefined || formKey === undefined) continue;
      const answers = row.answers;
      const report = await tx.report.create({
        data: {
          formId: row.formId,
          formKey,
          periodKey: row.periodKey,
          unitId: unit,
          personId: author,
          status: row.returned ? ReportStatus.returned : ReportStatus.submitted,
          sentSlotKey: sentSlotKey({ formKey, periodKey: row.periodKey, unitId: unit }),
          answers,
          submittedAt: row.submittedAt,
          urgent: row.urgent ?? false,
          submitKey: `demo:${row.formId}:${row.periodKey}:${row.unitCode}`,
          createdAt: new Date(row.submittedAt.getTime() - 20 * 60_000),
          // Set, not left to Prisma's wall clock: the demo's times all come from the seeding clock.
          updatedAt: row.returned?.at ?? row.submittedAt,
          ...(row.returned
            ? { returnedFields: row.returned.fields, returnComment: row.returned.comment }
            : {}),
        },
      });
      await tx.reportRevision.create({
        data: {
          reportId: report.id,
          answers,
          event: RevisionEvent.submitted,
          byId: author,
          createdAt: row.submittedAt,
        },
      });
      const reviewer = row.returned ? personId(row.returned.byPhone) : undefined;
      if (row.returned && reviewer !== undefined) {
        await tx.reportRevision.create({
          data: {
            reportId: report.id,
            answers,
            event: RevisionEvent.returned,
            comment: row.returned.comment,
            byId: reviewer,
            createdAt: row.returned.at,
          },
        });
      }
      created += 1;
    }
  }, SEED_TRANSACTION);
  return created;
}

interface DemoReport {
  formId: number;
  periodKey: string;
  unitCode: string;
  /** The author, by roster phone. */
  phone: string;
  answers: Answers;
  submittedAt: Date;
  /** The form's `urgentWhen` held (the incident needing emergency support). */
  urgent?: boolean;
  returned?: { fields: string[]; comment: string; byPhone: string; at: Date };
}

/** The hamlets with a head on the demo roster, with the size of their review. */
const HAMLETS = [
  { code: "42-LTT-01", phone: "+84912000011", listed: 212, poor: 18 },
  { code: "42-LTT-02", phone: "+84912000012", listed: 185, poor: 15 },
  { code: "42-LTT-03", phone: "+84912000001", listed: 240, poor: 22 },
  { code: "42-DT-01", phone: "+84912000022", listed: 198, poor: 16 },
  { code: "42-DT-02", phone: "+84912000023", listed: 164, poor: 12 },
] as const;

const OFFICER_DT = "+84912000021";
const OFFICER_TS = "+84912000031";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Missing reports: (weeks before the latest, hamlet code). */
const REVIEW_GAPS = new Set(["1:42-LTT-02", "3:42-DT-02", "4:42-LTT-01"]);

function reviewProgressReports(
  formId: number,
  form: FormDefinition,
  now: Date,
  timeZone: string,
): DemoReport[] {
  const spec = form.period;
  // The latest week of the season: this week, or the last week of the last season.
  let latest = periodAt(spec, now, timeZone);
  const current = latest !== null;
  if (!latest) {
    const today = localDateParts(now, timeZone);
    const [month, day] = (spec.season?.to ?? "12-14").split("-").map(Number) as [number, number];
    const endThisYear: LocalDate = { year: today.year, month, day };
    const seasonEnd = zonedInstant(endThisYear, "12:00", timeZone);
    const lastEnd =
      seasonEnd.getTime() <= now.getTime() ? endThisYear : { ...endThisYear, year: today.year - 1 };
    latest = periodAt(spec, zonedInstant(lastEnd, "12:00", timeZone), timeZone);
  }
  const weeks: ReportPeriod[] = [];
  for (let week = latest; week && weeks.length < 5; week = previousPeriod(spec, week, timeZone))
    weeks.unshift(week);

  const rows: DemoReport[] = [];
  weeks.forEach((week, index) => {
    const ago = weeks.length - 1 - index;
    const progress = (index + 1) / (weeks.length + 1);
    const isThisWeek = current && ago === 0;
    HAMLETS.forEach((hamlet, h) => {
      if (REVIEW_GAPS.has(`${ago}:${hamlet.code}`)) return;
      // This week, only Xã Đức Thọ has reported so far, and not before the week began.
      if (isThisWeek && !hamlet.code.startsWith("42-DT")) return;
      const due = week.deadline ?? week.end;
      const submittedAt = isThisWeek
        ? new Date(now.getTime() - (h + 1) * 2 * HOUR)
        : new Date(due.getTime() - (h + 2) * 3 * HOUR);
      if (submittedAt.getTime() < week.start.getTime() || submittedAt.getTime() > now.getTime()) return;
      const surveyed = Math.round(hamlet.listed * Math.min(1, progress + h * 0.03));
      const poor = Math.round(surveyed * (hamlet.poor / hamlet.listed) * 0.85);
      const lastWeek = !current && ago === 0;
      const answers: Answers = {
        households_listed: hamlet.listed,
        poor_at_start: hamlet.poor,
        households_surveyed: surveyed,
        proposed_poor: poor,
        proposed_near_poor: Math.round(surveyed * 0.09),
        proposed_exit_poor: Math.min(hamlet.poor, Math.round(surveyed * 0.015)),
        meeting_held: lastWeek,
        ...(lastWeek
          ? {
              meeting_date: isoDate(localDateParts(new Date(due.getTime() - 2 * DAY), timeZone)),
              agreement_rate: 80 + h * 3,
              minutes_sent: true,
              list_posted: h % 2 === 0,
            }
          : {}),
        ...(ago === 1 && h === 2
          ? { difficulties: "Một số hộ đi làm ăn xa, chưa gặp được để chấm điểm." }
          : {}),
      };
      const returned =
        isThisWeek && hamlet.code === "42-DT-02"
          ? {
              fields: ["proposed_near_poor"],
              comment: "Số hộ cận nghèo chưa khớp biên bản họp, đề nghị kiểm tra lại.",
              byPhone: OFFICER_DT,
              at: new Date(Math.min(now.getTime(), submittedAt.getTime() + HOUR)),
            }
          : undefined;
      rows.push({
        formId,
        periodKey: week.key,
        unitCode: hamlet.code,
        phone: hamlet.phone,
        answers,
        submittedAt,
        ...(returned ? { returned } : {}),
      });
    });
  });
  return rows;
}

function policyDeliveryReports(
  formId: number,
  form: FormDefinition,
  now: Date,
  timeZone: string,
): DemoReport[] {
  const spec = form.period;
  const thisMonth = periodAt(spec, now, timeZone);
  if (!thisMonth) return [];
  const months: ReportPeriod[] = [];
  for (let month = previousPeriod(spec, thisMonth, timeZone); month && months.length < 2; ) {
    months.unshift(month);
    month = previousPeriod(spec, month, timeZone);
  }
  const rows: DemoReport[] = [];
  months.forEach((month, index) => {
    HAMLETS.forEach((hamlet, h) => {
      // One hamlet forgot the older month.
      if (index === 0 && hamlet.code === "42-DT-02") return;
      const due = month.deadline ?? month.end;
      const housing = (h + index) % 3;
      const loans = 2 + ((h + 2 * index) % 4);
      const answers: Answers = {
        bhyt_poor: 8 + h * 3 + index * 2,
        bhyt_near_poor: 5 + h * 2 + index,
        loan_households: loans,
        loan_amount: loans * 50,
        housing_households: housing,
        ...(housing > 0 ? { houses_completed: housing - 1 } : {}),
        ...(h % 2 === 0 ? { students_supported: 4 + h } : {}),
      };
      rows.push({
        formId,
        periodKey: month.key,
        unitCode: hamlet.code,
        phone: hamlet.phone,
        answers,
        submittedAt: new Date(due.getTime() - (h + 1) * DAY),
      });
    });
  });
  return rows;
}

function incidentReports(formId: number, now: Date, timeZone: string): DemoReport[] {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - 3 * HOUR);
  const day = (date: Date) => isoDate(localDateParts(date, timeZone));
  const flood = at(1);
  const fire = at(3);
  const hardship = at(5);
  const reports: Omit<DemoReport, "periodKey">[] = [
    {
      formId,
      unitCode: "42-DT-01",
      phone: "+84912000022",
      submittedAt: flood,
      urgent: true,
      answers: {
        kind: "thien_tai",
        happened_on: day(flood),
        description: "Mưa lớn gây sạt lở taluy sau nhà, 3 hộ phải di dời tạm sang nhà văn hóa thôn.",
        households_affected: 3,
        people_affected: 11,
        urgent_support: true,
        support_needed: ["luong_thuc", "cho_o_tam"],
      },
    },
    {
      formId,
      unitCode: "42-TS",
      phone: OFFICER_TS,
      submittedAt: fire,
      answers: {
        kind: "chay_no",
        happened_on: day(fire),
        description: "Cháy gian bếp nhà một hộ cận nghèo ở tổ dân phố 2, không có thương vong.",
        households_affected: 1,
        people_affected: 4,
        urgent_support: false,
      },
    },
    {
      formId,
      unitCode: "42-DT-02",
      phone: "+84912000023",
      submittedAt: hardship,
      answers: {
        kind: "kho_khan",
        happened_on: day(hardship),
        description:
          "Chủ hộ nghèo bị tai biến phải nằm viện dài ngày, gia đình không còn người lao động chính.",
        households_affected: 1,
        people_affected: 5,
        urgent_support: false,
      },
    },
  ];
  return reports.map((report) => ({ ...report, periodKey: `adhoc-${report.submittedAt.getTime()}` }));
}

function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}
