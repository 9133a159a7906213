import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormDefinition } from "../../../src/domain/reports/form-definition.js";
import { computeSummary } from "../../../src/domain/summaries/compute-summary.js";
import type { FormSummary } from "../../../src/domain/summaries/summary-data.js";
import { windowByKey } from "../../../src/domain/summaries/summary-period.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { addPerson, addReport, addUnit, storeForms, TZ } from "./summary-fixture.js";

/**
 * The summary adds the rows up into totals and takes the trend's last points from them, and
 * counts a unit's latest report of a period only: averages, minima and maxima must come out as
 * one aggregate over all the reports would (an average of the reports, not of the rows'
 * averages), and an older or same-time earlier report of a unit must not count.
 *
 *   Tỉnh (root) ├─ Xã A: A1, A2   └─ Xã B: B1      — the week 2026-W48, the review form with
 *   avg(households_surveyed) as its main figure, min(households_listed), max(proposed_poor).
 */
const clock = createFakeClock("2026-11-30T08:00:00+07:00");
const WEEK = windowByKey("weekly", "2026-W48", TZ);
if (!WEEK) throw new Error("no window");

let temp: TempDb;
let review: FormSummary;

beforeAll(async () => {
  temp = await createTempDb();
  const db = temp.db;
  const formIds = await storeForms(db);
  const rp = formIds.get("review-progress v1") as number;
  const stored = await db.reportForm.findUniqueOrThrow({ where: { id: rp } });
  const definition = stored.definition as unknown as FormDefinition;
  await db.reportForm.update({
    where: { id: rp },
    data: {
      definition: {
        ...definition,
        summary: {
          order: 1,
          main: "households_surveyed",
          figures: [
            { field: "households_surveyed", label: "Hộ đã rà soát (trung bình)", aggregate: "avg" },
            { field: "households_listed", label: "Hộ cần rà soát (ít nhất)", aggregate: "min" },
            { field: "proposed_poor", label: "Dự kiến hộ nghèo (nhiều nhất)", aggregate: "max" },
          ],
        },
      } as object,
    },
  });

  const root = await addUnit(db, "Tỉnh", "province", null);
  const a = await addUnit(db, "Xã A", "commune", root);
  const b = await addUnit(db, "Xã B", "commune", root);
  const a1 = await addUnit(db, "Thôn A1", "hamlet", a);
  const a2 = await addUnit(db, "Thôn A2", "hamlet", a);
  const b1 = await addUnit(db, "Thôn B1", "hamlet", b);
  const by = await addPerson(db, "Lãnh đạo tỉnh", "supervisor", root.id);
  const report = (unitId: number, periodKey: string, submittedAt: string, answers: Record<string, number>) =>
    addReport(db, { formId: rp, periodKey, unitId, personId: by, status: "submitted", submittedAt, answers });

  // A1: an earlier report of the week (never counts), then the one that counts.
  await report(a1.id, "2026-W48", "2026-11-24T09:00:00+07:00", {
    households_surveyed: 999,
    households_listed: 1,
    proposed_poor: 99,
  });
  await report(a1.id, "2026-W48", "2026-11-26T09:00:00+07:00", {
    households_surveyed: 100,
    households_listed: 200,
    proposed_poor: 5,
  });
  // A2: two reports sent at the same time: the later one (higher id) counts.
  await report(a2.id, "2026-W48", "2026-11-26T10:00:00+07:00", {
    households_surveyed: 7,
    households_listed: 2,
    proposed_poor: 70,
  });
  await report(a2.id, "2026-W48", "2026-11-26T10:00:00+07:00", {
    households_surveyed: 50,
    households_listed: 150,
    proposed_poor: 9,
  });
  await report(b1.id, "2026-W48", "2026-11-27T09:00:00+07:00", {
    households_surveyed: 30,
    households_listed: 300,
    proposed_poor: 2,
  });
  // The week before: A1 20, B1 40 and 60 (the later counts).
  await report(a1.id, "2026-W47", "2026-11-19T09:00:00+07:00", {
    households_surveyed: 20,
    households_listed: 100,
    proposed_poor: 1,
  });
  await report(b1.id, "2026-W47", "2026-11-18T09:00:00+07:00", {
    households_surveyed: 40,
    households_listed: 90,
    proposed_poor: 3,
  });
  await report(b1.id, "2026-W47", "2026-11-20T09:00:00+07:00", {
    households_surveyed: 60,
    households_listed: 80,
    proposed_poor: 4,
  });
  // Three weeks before: only A2.
  await report(a2.id, "2026-W45", "2026-11-05T09:00:00+07:00", {
    households_surveyed: 11,
    households_listed: 50,
    proposed_poor: 0,
  });

  const summary = await computeSummary(db, {
    rootUnitId: root.id,
    window: WEEK,
    now: clock.now(),
    timeZone: TZ,
  });
  const found = summary?.forms.find((f) => f.formKey === "review-progress");
  if (!found) throw new Error("no review form");
  review = found;
});
afterAll(() => temp.cleanup());

describe("Figures by child unit with SQL aggregates", () => {
  it("counts each unit's latest report of the period once: an earlier one, or one sent at the same time with a lower id, does not count", () => {
    const row = (name: string) => review.rows.find((r) => r.unit.name === name);
    expect(row("Xã A")).toMatchObject({ received: 2, expected: 2 });
    expect(row("Xã A")?.figures).toEqual({
      households_surveyed: 75,
      households_listed: 150,
      proposed_poor: 9,
    });
    expect(row("Xã B")?.figures).toEqual({
      households_surveyed: 30,
      households_listed: 300,
      proposed_poor: 2,
    });
    expect(row("Xã B")?.previous).toEqual({
      households_surveyed: 60,
      households_listed: 80,
      proposed_poor: 4,
    });
  });

  it("adds the rows up as one aggregate over all the reports: an average of the reports, the least and the greatest", () => {
    // (100 + 50 + 30) / 3 = 60, not the rows' averages' average (75 + 30) / 2 = 52.5.
    expect(review.totals).toMatchObject({ received: 3, expected: 3 });
    expect(review.totals.figures).toEqual({
      households_surveyed: 60,
      households_listed: 150,
      proposed_poor: 9,
    });
    // W47: (20 + 60) / 2 = 40; min(100, 80); max(1, 4).
    expect(review.totals.previous).toEqual({
      households_surveyed: 40,
      households_listed: 80,
      proposed_poor: 4,
    });
  });

  it("follows the average in the trend, its last two weeks the totals, the older ones counted alike", () => {
    expect(review.trend.map((p) => [p.periodKey, p.received, p.value])).toEqual([
      ["2026-W43", 0, null],
      ["2026-W44", 0, null],
      ["2026-W45", 1, 11],
      ["2026-W46", 0, null],
      ["2026-W47", 2, 40],
      ["2026-W48", 3, 60],
    ]);
  });
});
