import type { UnitLevel } from "../roles.js";
import type { SummaryWindow } from "./summary-period.js";

/**
 * What a supervisor summary says, as plain data: computed by `computeSummary` with SQL
 * aggregates over a unit subtree, then rendered as text (`renderSummaryText`), a chart
 * (`renderSummaryChart`) and a workbook (`buildSummaryWorkbook`). Every list that can grow
 * with the size of the area is capped here, with its full count beside it.
 */
export interface UnitRef {
  id: number;
  name: string;
  level: UnitLevel | string;
}

/** A report period of one form ("Tuần 48 (23/11–29/11/2026)"). */
export interface FormPeriodRef {
  key: string;
  label: string;
  start: Date;
  end: Date;
  deadline: Date | null;
}

/** How a key figure of a form adds up across units (declared in the form file). */
export type FigureAggregate = "sum" | "avg" | "min" | "max" | "count_true";

export interface KeyFigure {
  /** The form field's key. */
  field: string;
  /** A short name for tables and charts ("Hộ đã rà soát"). */
  label: string;
  aggregate: FigureAggregate;
  /** "hộ", "người", "%"… from the field, if any. */
  unit: string | null;
}

/** Values of the key figures, by field key; null when no report answered the field. */
export type FigureValues = Record<string, number | null>;

export interface ChildRow {
  unit: UnitRef;
  /** Units of the form's audience levels in this child's subtree (null for ad hoc forms). */
  expected: number | null;
  /** Units (periodic forms) or reports (ad hoc forms) received: sent, returned or accepted. */
  received: number;
  /** Reports of this child waiting for correction (returned). */
  returned: number;
  figures: FigureValues;
  /** The same figures for the previous period (null when there is none). */
  previous: FigureValues | null;
}

export interface MissingUnits {
  /** Every expected unit without a report for the period. */
  total: number;
  /** The first of them grouped by parent (capped; `total` minus what is listed is "và N đơn vị khác"). */
  groups: { parent: UnitRef | null; units: UnitRef[] }[];
}

export interface TrendPoint {
  periodKey: string;
  label: string;
  /** The main figure over the whole subtree for that period (null when nothing answered it). */
  value: number | null;
  received: number;
  expected: number | null;
}

export interface FormSummary {
  formKey: string;
  title: string;
  periodType: "weekly" | "monthly" | "review_season" | "adhoc";
  /** The form's period the summary covers (for ad hoc forms: the summary window). */
  period: FormPeriodRef;
  previousPeriod: FormPeriodRef | null;
  keyFigures: KeyFigure[];
  /** The figure charted over time (a key figure's field), if the form declares one. */
  mainFigure: string | null;
  /** One row per child unit of the summary's root, in the children's order. */
  rows: ChildRow[];
  totals: Omit<ChildRow, "unit">;
  /** Periodic forms only (ad hoc forms expect nothing). */
  missing: MissingUnits | null;
  /** Oldest first, ending with `period` (periodic forms with a main figure; else empty). */
  trend: TrendPoint[];
}

export interface ReportItem {
  reportId: number;
  formTitle: string;
  unit: UnitRef;
  /** The unit's parent, e.g. the commune of a hamlet. */
  parentName: string | null;
  at: Date;
}

export interface QuestionItem {
  ticketId: number;
  unitName: string | null;
  askedAt: Date;
  ageDays: number;
  escalated: boolean;
  /** The question, shortened. */
  text: string;
}

export interface CourseItem {
  courseId: number;
  title: string;
  startsAt: Date;
  audience: number;
  yes: number;
  no: number;
  waitlist: number;
  notAnswered: number;
  /** Answered (yes, no or waitlist) / audience, 0–1; null for an empty audience. */
  answerRate: number | null;
}

export interface SummaryData {
  root: UnitRef & { path: string };
  /** The breakdown's rows: the root's active child units (the root itself when it has none). */
  children: UnitRef[];
  window: SummaryWindow;
  generatedAt: Date;
  /** Forms that declare key figures or expect reports, in the forms' `summary.order`. */
  forms: FormSummary[];
  returned: { total: number; items: ReportItem[] };
  /** Urgent reports (the form's `urgentWhen`) sent within the window. */
  urgent: { total: number; items: ReportItem[] };
  questions: { open: number; escalated: number; oldestAgeDays: number | null; items: QuestionItem[] };
  training: {
    /** Published courses starting after `generatedAt` whose audience reaches into the subtree. */
    upcoming: CourseItem[];
    /** Officers of the subtree trained this (local) year: attended at least one course. */
    trainedThisYear: { trained: number; officers: number; share: number | null };
  };
}

/** Caps for the lists a summary carries (text shows fewer; the workbook shows these). */
export const SUMMARY_LIMITS = {
  missingUnits: 200,
  reportItems: 50,
  questionItems: 30,
  courses: 10,
  trendPeriods: 6,
} as const;
