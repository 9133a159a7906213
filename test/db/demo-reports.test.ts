import { afterEach, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/db/seed.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const TZ = "Asia/Ho_Chi_Minh";
let temp: TempDb | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

async function seededAt(at: string) {
  temp = await createTempDb();
  const result = await seedDemoData(temp.db, createFakeClock(at), { timeZone: TZ });
  const reports = await temp.db.report.findMany({
    include: { form: true, unit: true, revisions: true },
    orderBy: { id: "asc" },
  });
  return { result, reports, db: temp.db };
}

type Seeded = Awaited<ReturnType<typeof seededAt>>["reports"];
const ofForm = (reports: Seeded, key: string) => reports.filter((report) => report.form.key === key);
const surveyed = (report: Seeded[number]) =>
  (report.answers as Record<string, number>).households_surveyed ?? 0;

describe("Demo reports", () => {
  it("fills the last five weeks of the review season, most hamlets each week, figures growing", async () => {
    // Sunday 22/11/2026: week 47 is this week, the season began on 01/09.
    const { result, reports } = await seededAt("2026-11-22T09:00:00+07:00");
    expect(result).toMatchObject({ seeded: true, units: 11 });
    const review = ofForm(reports, "review-progress");
    const weeks = [...new Set(review.map((report) => report.periodKey))].sort();
    expect(weeks).toEqual(["2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"]);
    // Five hamlets have a head; a few weeks miss one; this week only Xã Đức Thọ has reported.
    const perWeek = weeks.map((week) => review.filter((report) => report.periodKey === week).length);
    expect(perWeek).toEqual([4, 4, 5, 4, 2]);
    expect(
      review.filter((report) => report.periodKey === "2026-W47").map((report) => report.unit.code),
    ).toEqual(["42-DT-01", "42-DT-02"]);
    // Cumulative: each hamlet's surveyed households never go down from one week to the next.
    for (const code of ["42-LTT-01", "42-LTT-03", "42-DT-01"]) {
      const series = review
        .filter((report) => report.unit.code === code)
        .sort((a, b) => a.periodKey.localeCompare(b.periodKey))
        .map(surveyed);
      expect(series.length).toBeGreaterThanOrEqual(3);
      expect(series).toEqual([...series].sort((a, b) => a - b));
      expect(series.at(-1)).toBeGreaterThan(series[0] ?? 0);
    }
    // Every report was sent within its week and before the seeding clock, by the hamlet's head.
    for (const report of review) {
      expect(report.submittedAt?.getTime()).toBeLessThanOrEqual(Date.parse("2026-11-22T09:00:00+07:00"));
    }
    const returned = reports.filter((report) => report.status === "returned");
    expect(returned).toHaveLength(1);
    expect(returned[0]?.unit.code).toBe("42-DT-02");
    expect(returned[0]?.returnedFields).toEqual(["proposed_near_poor"]);
    expect(returned[0]?.revisions.map((revision) => revision.event)).toEqual(["submitted", "returned"]);
    // Every time comes from the seeding clock, none from the wall clock (which tests move to 2031).
    for (const report of reports) {
      for (const at of [report.createdAt, report.updatedAt, report.submittedAt]) {
        expect(at?.getTime()).toBeLessThanOrEqual(Date.parse("2026-11-22T09:00:00+07:00"));
      }
    }
  });

  it("adds monthly policy reports and three incidents of the last week, one urgent", async () => {
    const { reports } = await seededAt("2026-11-22T09:00:00+07:00");
    const policy = ofForm(reports, "policy-delivery");
    expect([...new Set(policy.map((report) => report.periodKey))].sort()).toEqual(["2026-09", "2026-10"]);
    const incidents = ofForm(reports, "incident");
    expect(incidents).toHaveLength(3);
    const now = Date.parse("2026-11-22T09:00:00+07:00");
    for (const incident of incidents) {
      expect(now - (incident.submittedAt?.getTime() ?? 0)).toBeLessThan(7 * 86_400_000);
      expect(incident.periodKey).toMatch(/^adhoc-\d+$/);
      expect(incident.unit.code.startsWith("42-LTT")).toBe(false);
    }
    expect(
      incidents.filter((incident) => (incident.answers as { urgent_support?: boolean }).urgent_support),
    ).toHaveLength(1);
    // Marked urgent as a report sent through the bot would be (the summary's urgent list).
    expect(incidents.filter((incident) => incident.urgent).map((incident) => incident.unit.code)).toEqual([
      "42-DT-01",
    ]);
  });

  it("takes the last season's weeks when today is out of season, and is added once", async () => {
    const { reports, db } = await seededAt("2027-03-10T10:00:00+07:00");
    const weeks = [...new Set(ofForm(reports, "review-progress").map((report) => report.periodKey))].sort();
    expect(weeks).toEqual(["2026-W47", "2026-W48", "2026-W49", "2026-W50", "2026-W51"]);
    // The last week of last season has full weeks only (no "this week" gap).
    expect(
      ofForm(reports, "review-progress").filter((report) => report.periodKey === "2026-W51"),
    ).toHaveLength(5);
    expect(await seedDemoData(db, createFakeClock("2027-03-17T10:00:00+07:00"))).toEqual({ seeded: false });
    expect(await db.report.count()).toBe(reports.length);
  });
});
