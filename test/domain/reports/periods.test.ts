import { describe, expect, it } from "vitest";
import type { PeriodSpec } from "../../../src/domain/reports/form-definition.js";
import {
  periodAt,
  previousPeriod,
  type ReportPeriod,
  reminderDue,
} from "../../../src/domain/reports/periods.js";

const TZ = "Asia/Ho_Chi_Minh";
const vn = (local: string) => new Date(`${local}+07:00`);
const iso = (period: ReportPeriod | null) =>
  period && {
    key: period.key,
    label: period.label,
    start: period.start.toISOString(),
    end: period.end.toISOString(),
    deadline: period.deadline?.toISOString() ?? null,
  };

const weekly: PeriodSpec = { type: "weekly", deadline: { weekday: 5, time: "17:00" }, reminders: [-1, 0, 2] };
const reviewWeekly: PeriodSpec = { ...weekly, season: { from: "09-01", to: "12-14" } };
const monthly: PeriodSpec = { type: "monthly", deadline: { day: 25, time: "17:00" }, reminders: [-3, 0, 3] };
const season: PeriodSpec = {
  type: "review_season",
  deadline: { date: "12-10", time: "17:00" },
  reminders: [-7, 0],
};

describe("weekly periods (ISO weeks)", () => {
  it("the week of Sunday 22/11/2026 is W47, due Friday 17:00 Vietnam time", () => {
    expect(iso(periodAt(weekly, vn("2026-11-22T09:00:00"), TZ))).toEqual({
      key: "2026-W47",
      label: "Tuần 47 (16/11–22/11/2026)",
      start: "2026-11-15T17:00:00.000Z",
      end: "2026-11-22T16:59:59.999Z",
      deadline: "2026-11-20T10:00:00.000Z",
    });
  });

  it("uses the local day: 23:30 on Sunday is still that week, 00:00 on Monday the next", () => {
    expect(periodAt(weekly, vn("2026-11-22T23:59:59"), TZ)?.key).toBe("2026-W47");
    expect(periodAt(weekly, vn("2026-11-23T00:00:00"), TZ)?.key).toBe("2026-W48");
  });

  it.each([
    ["2025-12-29T08:00:00", "2026-W01", "Tuần 1 (29/12/2025–04/01/2026)"],
    ["2026-01-01T08:00:00", "2026-W01", "Tuần 1 (29/12/2025–04/01/2026)"],
    ["2026-12-31T08:00:00", "2026-W53", "Tuần 53 (28/12/2026–03/01/2027)"],
    ["2027-01-03T08:00:00", "2026-W53", "Tuần 53 (28/12/2026–03/01/2027)"],
    ["2027-01-04T08:00:00", "2027-W01", "Tuần 1 (04/01–10/01/2027)"],
    ["2021-01-03T08:00:00", "2020-W53", "Tuần 53 (28/12/2020–03/01/2021)"],
    ["2024-12-30T08:00:00", "2025-W01", "Tuần 1 (30/12/2024–05/01/2025)"],
  ])("across year ends: %s → %s", (at, key, label) => {
    const period = periodAt(weekly, vn(at), TZ);
    expect(period?.key).toBe(key);
    expect(period?.label).toBe(label);
  });

  it("previousPeriod steps back one week, across the year end too", () => {
    const w1 = periodAt(weekly, vn("2027-01-05T08:00:00"), TZ);
    expect(w1 && previousPeriod(weekly, w1, TZ)?.key).toBe("2026-W53");
    const w47 = periodAt(weekly, vn("2026-11-22T08:00:00"), TZ);
    expect(w47 && iso(previousPeriod(weekly, w47, TZ))).toMatchObject({
      key: "2026-W46",
      deadline: "2026-11-13T10:00:00.000Z",
    });
  });
});

describe("weekly periods in the review season (09-01..12-14)", () => {
  it.each([
    ["2026-08-30T12:00:00", null],
    ["2026-08-31T08:00:00", "2026-W36"],
    ["2026-09-01T00:00:00", "2026-W36"],
    ["2026-11-22T09:00:00", "2026-W47"],
    ["2026-12-14T16:00:00", "2026-W51"],
    ["2026-12-18T16:00:00", "2026-W51"],
    ["2026-12-21T08:00:00", null],
    ["2027-03-01T08:00:00", null],
  ])("at %s → %s", (at, key) => {
    expect(periodAt(reviewWeekly, vn(at), TZ)?.key ?? null).toBe(key);
  });

  it("the first week of the season has no previous period; later weeks do", () => {
    const first = periodAt(reviewWeekly, vn("2026-09-02T08:00:00"), TZ);
    expect(first && previousPeriod(reviewWeekly, first, TZ)).toBeNull();
    const second = periodAt(reviewWeekly, vn("2026-09-08T08:00:00"), TZ);
    expect(second && previousPeriod(reviewWeekly, second, TZ)?.key).toBe("2026-W36");
  });
});

describe("monthly periods", () => {
  it("November 2026, due on the 25th at 17:00", () => {
    expect(iso(periodAt(monthly, vn("2026-11-22T09:00:00"), TZ))).toEqual({
      key: "2026-11",
      label: "Tháng 11/2026",
      start: "2026-10-31T17:00:00.000Z",
      end: "2026-11-30T16:59:59.999Z",
      deadline: "2026-11-25T10:00:00.000Z",
    });
  });

  it("switches month at local midnight, and steps back across the year", () => {
    expect(periodAt(monthly, new Date("2026-11-30T17:00:00Z"), TZ)?.key).toBe("2026-12");
    expect(periodAt(monthly, new Date("2026-11-30T16:59:59Z"), TZ)?.key).toBe("2026-11");
    const january = periodAt(monthly, vn("2027-01-10T08:00:00"), TZ);
    expect(january && iso(previousPeriod(monthly, january, TZ))).toMatchObject({
      key: "2026-12",
      label: "Tháng 12/2026",
      deadline: "2026-12-25T10:00:00.000Z",
    });
    const february = periodAt(monthly, vn("2028-02-10T08:00:00"), TZ);
    expect(february?.end.toISOString()).toBe("2028-02-29T16:59:59.999Z");
  });

  it("is computed through Intl for any zone, daylight saving included", () => {
    const berlin = "Europe/Berlin";
    expect(periodAt(monthly, new Date("2026-03-20T12:00:00Z"), berlin)?.deadline?.toISOString()).toBe(
      "2026-03-25T16:00:00.000Z",
    );
    const april = periodAt(monthly, new Date("2026-04-10T12:00:00Z"), berlin);
    expect(april?.start.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect(april?.deadline?.toISOString()).toBe("2026-04-25T15:00:00.000Z");
  });
});

describe("review-season periods", () => {
  it("the whole season is one period: review-2026, 01/09–14/12", () => {
    expect(iso(periodAt(season, vn("2026-11-22T09:00:00"), TZ))).toEqual({
      key: "review-2026",
      label: "Rà soát năm 2026 (01/09–14/12)",
      start: "2026-08-31T17:00:00.000Z",
      end: "2026-12-14T16:59:59.999Z",
      deadline: "2026-12-10T10:00:00.000Z",
    });
  });

  it.each([
    ["2026-08-31T23:59:59", null],
    ["2026-09-01T00:00:00", "review-2026"],
    ["2026-12-14T23:59:59", "review-2026"],
    ["2026-12-15T00:00:00", null],
    ["2027-06-01T08:00:00", null],
  ])("in or out of season: %s → %s", (at, key) => {
    expect(periodAt(season, vn(at), TZ)?.key ?? null).toBe(key);
  });

  it("the previous period is last year's season; a season may cross the year end", () => {
    const current = periodAt(season, vn("2026-10-01T08:00:00"), TZ);
    expect(current && previousPeriod(season, current, TZ)?.label).toBe("Rà soát năm 2025 (01/09–14/12)");
    const winter: PeriodSpec = {
      type: "review_season",
      deadline: { date: "01-31", time: "17:00" },
      season: { from: "11-01", to: "02-28" },
    };
    expect(iso(periodAt(winter, vn("2027-01-15T08:00:00"), TZ))).toMatchObject({
      key: "review-2026",
      label: "Rà soát năm 2026 (01/11/2026–28/02/2027)",
      deadline: "2027-01-31T10:00:00.000Z",
    });
  });
});

describe("ad hoc", () => {
  it("one key, no deadline, no previous period, no reminders", () => {
    const adhoc: PeriodSpec = { type: "adhoc" };
    const period = periodAt(adhoc, vn("2026-11-22T09:00:00"), TZ);
    expect(period).toMatchObject({ key: "adhoc", deadline: null });
    expect(period && previousPeriod(adhoc, period, TZ)).toBeNull();
    expect(period && reminderDue(adhoc, period, vn("2026-11-22T09:00:00"), TZ)).toBeNull();
  });
});

describe("reminderDue", () => {
  const november = periodAt(monthly, vn("2026-11-10T08:00:00"), TZ) as ReportPeriod;
  it.each([
    ["2026-11-21T20:00:00", null],
    ["2026-11-22T00:30:00", -3],
    ["2026-11-22T20:00:00", -3],
    ["2026-11-25T07:00:00", 0],
    ["2026-11-25T20:00:00", 0],
    ["2026-11-26T07:00:00", null],
    ["2026-11-28T08:00:00", 3],
    ["2026-12-25T08:00:00", null],
  ])("monthly, reminders [-3, 0, 3], deadline 25/11: at %s → %s", (at, offset) => {
    expect(reminderDue(monthly, november, vn(at), TZ)).toBe(offset);
  });

  it("weekly review progress [-1, 0, 2] around Friday 20/11", () => {
    const week = periodAt(reviewWeekly, vn("2026-11-18T08:00:00"), TZ) as ReportPeriod;
    const due = ["19", "20", "21", "22"].map((day) =>
      reminderDue(reviewWeekly, week, vn(`2026-11-${day}T08:00:00`), TZ),
    );
    expect(due).toEqual([-1, 0, null, 2]);
  });

  it("counts the local day, not the UTC day", () => {
    // 18:00 UTC on 21/11 is 01:00 on 22/11 in Vietnam: three days before the deadline.
    expect(reminderDue(monthly, november, new Date("2026-11-21T18:00:00Z"), TZ)).toBe(-3);
    expect(reminderDue(monthly, november, new Date("2026-11-21T16:00:00Z"), TZ)).toBeNull();
  });

  it("none without reminders", () => {
    const { reminders: _, ...silent } = monthly;
    expect(reminderDue(silent, november, vn("2026-11-25T08:00:00"), TZ)).toBeNull();
  });
});
