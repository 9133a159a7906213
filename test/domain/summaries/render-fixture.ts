import type { FormSummary, SummaryData, UnitRef } from "../../../src/domain/summaries/summary-data.js";
import {
  type SummaryCadence,
  type SummaryWindow,
  windowByKey,
} from "../../../src/domain/summaries/summary-period.js";

const TZ = "Asia/Ho_Chi_Minh";

export const LTT: UnitRef = { id: 2, name: "Xã Lâm Trung Thủy", level: "commune" };
export const DT: UnitRef = { id: 3, name: "Xã Đức Thọ", level: "commune" };
export const TS: UnitRef = { id: 4, name: "Phường Thành Sen", level: "commune" };
const unit = (id: number, name: string): UnitRef => ({ id, name, level: "hamlet" });

/** The window of a key, in Hà Nội time. */
export function windowOf(cadence: SummaryCadence, key: string): SummaryWindow {
  const window = windowByKey(cadence, key, TZ);
  if (!window) throw new Error(`no ${cadence} window ${key}`);
  return window;
}

/** The first form of a summary (the weekly review in {@link provinceSummary}). */
export function firstForm(data: SummaryData): FormSummary {
  const form = data.forms[0];
  if (!form) throw new Error("no form");
  return form;
}

/** A summary of the demo province for week 48 of 2026, as hand-built data. */
export function provinceSummary(): SummaryData {
  const window = windowOf("weekly", "2026-W48");
  const review: FormSummary = {
    formKey: "review-progress",
    title: "Tiến độ rà soát hộ nghèo, cận nghèo",
    periodType: "weekly",
    period: {
      key: "2026-W48",
      label: "Tuần 48 (23/11–29/11/2026)",
      start: window.start,
      end: window.end,
      deadline: null,
    },
    previousPeriod: null,
    keyFigures: [
      { field: "households_reviewed", label: "Hộ đã rà soát", aggregate: "sum", unit: "hộ" },
      { field: "new_poor", label: "Hộ nghèo mới", aggregate: "sum", unit: "hộ" },
    ],
    mainFigure: "households_reviewed",
    rows: [
      {
        unit: LTT,
        expected: 3,
        received: 2,
        returned: 1,
        figures: { households_reviewed: 120, new_poor: 3 },
        previous: { households_reviewed: 105, new_poor: 1 },
      },
      {
        unit: DT,
        expected: 2,
        received: 2,
        returned: 0,
        figures: { households_reviewed: 1234, new_poor: 0 },
        previous: null,
      },
      {
        unit: TS,
        expected: 2,
        received: 1,
        returned: 0,
        figures: { households_reviewed: null, new_poor: null },
        previous: null,
      },
    ],
    totals: {
      expected: 7,
      received: 5,
      returned: 1,
      figures: { households_reviewed: 1354, new_poor: 3 },
      previous: { households_reviewed: 1300, new_poor: 4 },
    },
    missing: {
      total: 2,
      groups: [
        { parent: LTT, units: [unit(11, "Thôn 1")] },
        { parent: TS, units: [unit(32, "Tổ dân phố 2")] },
      ],
    },
    trend: [
      { periodKey: "2026-W46", label: "T46", value: 900, received: 4, expected: 7 },
      { periodKey: "2026-W47", label: "T47", value: 1300, received: 6, expected: 7 },
      { periodKey: "2026-W48", label: "T48", value: 1354, received: 5, expected: 7 },
    ],
  };
  const incident: FormSummary = {
    formKey: "incident",
    title: "Báo cáo sự cố",
    periodType: "adhoc",
    period: {
      key: "2026-W48",
      label: "23/11–29/11/2026",
      start: window.start,
      end: window.end,
      deadline: null,
    },
    previousPeriod: null,
    keyFigures: [],
    mainFigure: null,
    rows: [
      { unit: LTT, expected: null, received: 1, returned: 0, figures: {}, previous: null },
      { unit: DT, expected: null, received: 0, returned: 0, figures: {}, previous: null },
      { unit: TS, expected: null, received: 0, returned: 0, figures: {}, previous: null },
    ],
    totals: { expected: null, received: 1, returned: 0, figures: {}, previous: null },
    missing: null,
    trend: [],
  };
  return {
    root: { id: 1, name: "Tỉnh Hà Tĩnh", level: "province", path: "/1/" },
    children: [LTT, DT, TS],
    window,
    generatedAt: new Date("2026-11-30T00:30:00Z"),
    forms: [review, incident],
    returned: {
      total: 1,
      items: [
        {
          reportId: 7,
          formTitle: review.title,
          unit: unit(13, "Thôn 3"),
          parentName: LTT.name,
          at: new Date("2026-11-25T03:00:00Z"),
        },
      ],
    },
    urgent: {
      total: 1,
      items: [
        {
          reportId: 9,
          formTitle: incident.title,
          unit: unit(12, "Thôn 2"),
          parentName: LTT.name,
          at: new Date("2026-11-28T17:30:00Z"),
        },
      ],
    },
    questions: {
      open: 2,
      escalated: 1,
      oldestAgeDays: 6,
      items: [
        {
          ticketId: 1,
          unitName: "Thôn 3",
          askedAt: new Date("2026-11-24T02:00:00Z"),
          ageDays: 6,
          escalated: true,
          text: "Hộ cận nghèo được hỗ trợ BHYT bao nhiêu?",
        },
        {
          ticketId: 2,
          unitName: null,
          askedAt: new Date("2026-11-29T20:00:00Z"),
          ageDays: 0,
          escalated: false,
          text: "Khi nào <có> kết quả & danh sách?",
        },
      ],
    },
    training: {
      upcoming: [
        {
          courseId: 1,
          title: "Tập huấn rà soát hộ nghèo",
          startsAt: new Date("2026-12-15T01:00:00Z"),
          audience: 40,
          yes: 10,
          no: 2,
          waitlist: 0,
          notAnswered: 28,
          answerRate: 0.3,
        },
      ],
      trainedThisYear: { trained: 5, officers: 7, share: 5 / 7 },
    },
  };
}

/** The same summary with nothing in it: no forms, lists or courses. */
export function emptySummary(): SummaryData {
  const data = provinceSummary();
  return {
    ...data,
    forms: [],
    returned: { total: 0, items: [] },
    urgent: { total: 0, items: [] },
    questions: { open: 0, escalated: 0, oldestAgeDays: null, items: [] },
    training: { upcoming: [], trainedThisYear: { trained: 0, officers: 0, share: null } },
  };
}
