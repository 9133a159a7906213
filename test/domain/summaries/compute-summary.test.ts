import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeSummary } from "../../../src/domain/summaries/compute-summary.js";
import type { FormSummary, SummaryData } from "../../../src/domain/summaries/summary-data.js";
import { windowByKey, windowContaining } from "../../../src/domain/summaries/summary-period.js";
import { subtreeRange } from "../../../src/domain/units/unit-path.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { addPerson, addReport, addUnit, storeForms, TZ } from "./summary-fixture.js";

/**
 * A hand-built tree (no demo data, so every number below is counted by hand):
 *
 *   Tỉnh Thử (root)
 *   ├─ Xã An Phú:   Thôn 1 (A1), Thôn 2 (A2), Thôn 3 (A3)
 *   ├─ Xã Bình Minh: Thôn 1 (B1), Thôn 2 (B2), Thôn 3 (B3, inactive)
 *   ├─ Xã Cẩm Lộc:  Thôn 1 (C1)
 *   └─ Xã Đóng (inactive commune, with its Thôn 1 active)
 *   Tỉnh Khác: Xã Khác: Thôn Khác (another province: never counts)
 *
 * The summary is the week 23/11–29/11/2026 (2026-W48), made on Monday 30/11 at 08:00 local.
 */
const clock = createFakeClock("2026-11-30T08:00:00+07:00");
const WEEK = windowByKey("weekly", "2026-W48", TZ);
if (!WEEK) throw new Error("no window");

let temp: TempDb;
let data: SummaryData;
const ids: Record<string, number> = {};

function form(key: string): FormSummary {
  const found = data.forms.find((f) => f.formKey === key);
  if (!found) throw new Error(`no form ${key}`);
  return found;
}

beforeAll(async () => {
  temp = await createTempDb();
  const db = temp.db;
  const formIds = await storeForms(db);
  const rp = formIds.get("review-progress v1") as number;
  const pd = formIds.get("policy-delivery v1") as number;
  const inc1 = formIds.get("incident v1") as number;
  const inc2 = formIds.get("incident v2") as number;

  const root = await addUnit(db, "Tỉnh Thử", "province", null);
  const a = await addUnit(db, "Xã An Phú", "commune", root);
  const b = await addUnit(db, "Xã Bình Minh", "commune", root);
  const c = await addUnit(db, "Xã Cẩm Lộc", "commune", root);
  const closed = await addUnit(db, "Xã Đóng", "commune", root, false);
  const a1 = await addUnit(db, "Thôn 1", "hamlet", a);
  const a2 = await addUnit(db, "Thôn 2", "hamlet", a);
  const a3 = await addUnit(db, "Thôn 3", "hamlet", a);
  const b1 = await addUnit(db, "Thôn 1", "hamlet", b);
  const b2 = await addUnit(db, "Thôn 2", "hamlet", b);
  const b3 = await addUnit(db, "Thôn 3", "hamlet", b, false);
  const c1 = await addUnit(db, "Thôn 1", "hamlet", c);
  await addUnit(db, "Thôn 1", "hamlet", closed);
  const other = await addUnit(db, "Tỉnh Khác", "province", null);
  const otherCommune = await addUnit(db, "Xã Khác", "commune", other);
  const q1 = await addUnit(db, "Thôn Khác", "hamlet", otherCommune);
  Object.assign(ids, {
    root: root.id,
    a: a.id,
    b: b.id,
    c: c.id,
    a1: a1.id,
    a3: a3.id,
    b2: b2.id,
    c1: c1.id,
  });

  // People: hamlet heads of A1, A2, B1 (active) and A3 (inactive), the supervisor, one in Tỉnh Khác.
  const headA1 = await addPerson(db, "Trưởng thôn A1", "hamlet_head", a1.id);
  const headA2 = await addPerson(db, "Trưởng thôn A2", "hamlet_head", a2.id);
  await addPerson(db, "Trưởng thôn A3", "hamlet_head", a3.id, "inactive");
  const headB1 = await addPerson(db, "Trưởng thôn B1", "hamlet_head", b1.id);
  const supervisor = await addPerson(db, "Lãnh đạo tỉnh", "supervisor", root.id);
  const outsider = await addPerson(db, "Trưởng thôn Khác", "hamlet_head", q1.id);
  const by = supervisor;

  // Review progress (weekly, key figures: households_surveyed sum = main, meeting_held count_true).
  const review = (unitId: number, periodKey: string, status: string, surveyed: number, meeting?: boolean) =>
    addReport(db, {
      formId: rp,
      periodKey,
      unitId,
      personId: by,
      status,
      submittedAt: status === "draft" ? null : "2026-11-26T09:00:00+07:00",
      answers: {
        households_listed: 200,
        households_surveyed: surveyed,
        proposed_poor: Math.round(surveyed / 10),
        ...(meeting === undefined ? {} : { meeting_held: meeting }),
      },
    });
  await review(a1.id, "2026-W48", "submitted", 100, true);
  await review(a2.id, "2026-W48", "accepted", 50, false);
  await review(a3.id, "2026-W48", "draft", 999, true); // a draft: never counts
  await review(b1.id, "2026-W48", "returned", 30, true); // waiting for correction: counts, and is "returned"
  await review(b3.id, "2026-W48", "submitted", 500, true); // inactive hamlet: not expected, not counted
  await review(q1.id, "2026-W48", "submitted", 700, true); // another province
  await review(a1.id, "2026-W47", "submitted", 60);
  await review(b1.id, "2026-W47", "accepted", 20);
  await review(b2.id, "2026-W47", "submitted", 10);
  await review(a1.id, "2026-W46", "submitted", 40);

  // Policy delivery (monthly: the window's month is 2026-11).
  const policy = (unitId: number, periodKey: string, bhyt: number) =>
    addReport(db, {
      formId: pd,
      periodKey,
      unitId,
      personId: by,
      status: "submitted",
      submittedAt: "2026-11-20T09:00:00+07:00",
      answers: { bhyt_poor: bhyt, bhyt_near_poor: 1, loan_households: 0, housing_households: 0 },
    });
  await policy(a1.id, "2026-11", 12);
  await policy(b2.id, "2026-11", 8);
  await policy(a1.id, "2026-10", 5);
  await policy(q1.id, "2026-11", 99);

  // Incidents (ad hoc, versions 1 and 2 add up), by when they were sent.
  const incident = (
    formId: number,
    unitId: number,
    at: string | null,
    households: number,
    urgent: boolean,
    status = "submitted",
  ) =>
    addReport(db, {
      formId,
      periodKey: `adhoc-${households}`,
      unitId,
      personId: by,
      status,
      submittedAt: at,
      urgent,
      answers: { households_affected: households, urgent_support: urgent },
    });
  // Sunday 29/11 23:59 local = 16:59 UTC: inside the week.
  await incident(inc1, a1.id, "2026-11-29T16:59:00Z", 4, false);
  // Monday 30/11 00:01 local = 29/11 17:01 UTC: the next week.
  await incident(inc2, a2.id, "2026-11-29T17:01:00Z", 7, true);
  await incident(inc2, b1.id, "2026-11-24T10:00:00+07:00", 3, true);
  await incident(inc2, c1.id, "2026-11-20T10:00:00+07:00", 2, false); // the week before
  await incident(inc2, a3.id, null, 50, true, "draft");
  await incident(inc2, q1.id, "2026-11-25T10:00:00+07:00", 9, true);

  // Questions: two open in the subtree (one escalated), one answered, one elsewhere.
  const ticket = (unitId: number, createdAt: string, status: string, escalationLevel: number) =>
    db.questionTicket.create({
      data: {
        text: `Câu hỏi ${createdAt}`,
        normalized: createdAt,
        unitId,
        status,
        escalationLevel,
        createdAt: new Date(createdAt),
      },
    });
  await ticket(a1.id, "2026-11-20T08:00:00+07:00", "open", 1); // 10 days before "now"
  await ticket(b.id, "2026-11-28T09:00:00+07:00", "open", 0); // 1 day and 23 hours: 1 day
  await ticket(a2.id, "2026-11-10T08:00:00+07:00", "answered", 0);
  await ticket(q1.id, "2026-11-01T08:00:00+07:00", "open", 2);

  // Training: a coming course for the hamlet heads of Xã An Phú (A1 said yes), one for Tỉnh Khác,
  // a cancelled one, and a past one of 2026 that A1's head attended.
  const course = async (title: string, startsAt: string, status: string, unitId: number) => {
    const created = await db.course.create({
      data: {
        title,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
        status,
        unitId: root.id,
        createdById: supervisor,
        audiences: { create: [{ unitId, role: "hamlet_head" }] },
      },
    });
    return created.id;
  };
  const coming = await course("Tập huấn rà soát", "2026-12-05T08:00:00+07:00", "published", a.id);
  await db.courseRsvp.create({ data: { courseId: coming, personId: headA1, answer: "yes" } });
  await course("Khóa tỉnh khác", "2026-12-06T08:00:00+07:00", "published", other.id);
  await course("Khóa đã hủy", "2026-12-07T08:00:00+07:00", "cancelled", a.id);
  const past = await course("Khóa đã học", "2026-11-10T08:00:00+07:00", "finished", a.id);
  await db.courseAttendance.create({ data: { courseId: past, personId: headA1, method: "code" } });
  await db.courseAttendance.create({ data: { courseId: past, personId: outsider, method: "code" } });
  void headA2;
  void headB1;

  const result = await computeSummary(db, {
    rootUnitId: root.id,
    window: WEEK,
    now: clock.now(),
    timeZone: TZ,
  });
  if (!result) throw new Error("no summary");
  data = result;
});
afterAll(() => temp.cleanup());

describe("Figures by child unit with SQL aggregates", () => {
  it("has one row per active child commune, by name (the inactive commune is no row)", () => {
    expect(data.children.map((u) => u.name)).toEqual(["Xã An Phú", "Xã Bình Minh", "Xã Cẩm Lộc"]);
    expect(data.forms.map((f) => f.formKey)).toEqual(["review-progress", "policy-delivery", "incident"]);
  });

  it("counts a weekly form's reports, figures and corrections by commune", () => {
    const review = form("review-progress");
    expect(review.period.key).toBe("2026-W48");
    expect(review.previousPeriod?.key).toBe("2026-W47");
    const row = (name: string) => review.rows.find((r) => r.unit.name === name);
    // An Phú: 3 active hamlets; A1 sent (100, met), A2 accepted (50, not met), A3 only a draft.
    expect(row("Xã An Phú")).toMatchObject({ expected: 3, received: 2, returned: 0 });
    expect(row("Xã An Phú")?.figures).toMatchObject({
      households_surveyed: 150,
      meeting_held: 1,
      proposed_poor: 15,
    });
    // Bình Minh: B1 and B2 active (B3 inactive, its report ignored); B1 returned (30, met).
    expect(row("Xã Bình Minh")).toMatchObject({ expected: 2, received: 1, returned: 1 });
    expect(row("Xã Bình Minh")?.figures).toMatchObject({ households_surveyed: 30, meeting_held: 1 });
    // Cẩm Lộc: C1 expected, nothing sent: figures unknown (null), not 0.
    expect(row("Xã Cẩm Lộc")).toMatchObject({ expected: 1, received: 0, returned: 0 });
    expect(row("Xã Cẩm Lộc")?.figures.households_surveyed).toBeNull();
    // Whole province: 3 + 2 + 1 = 6 expected; 2 + 1 = 3 received; 150 + 30 = 180; met 1 + 1 = 2.
    // Tỉnh Khác's 700, B3's 500 and A3's draft 999 are nowhere.
    expect(review.totals).toMatchObject({ expected: 6, received: 3, returned: 1 });
    expect(review.totals.figures).toMatchObject({ households_surveyed: 180, meeting_held: 2 });
  });

  it("compares with the previous period, over the same units", () => {
    const review = form("review-progress");
    const row = (name: string) => review.rows.find((r) => r.unit.name === name);
    // W47: A1 60; B1 20 + B2 10 — but B2 has not reported in W48, so only B1's 20 compares;
    // nothing in Cẩm Lộc; 80 in all (the trend below still has W47's 90 from 3 hamlets).
    expect(row("Xã An Phú")?.previous?.households_surveyed).toBe(60);
    expect(row("Xã Bình Minh")?.previous?.households_surveyed).toBe(20);
    expect(row("Xã Cẩm Lộc")?.previous?.households_surveyed).toBeNull();
    expect(review.totals.previous?.households_surveyed).toBe(80);
  });

  it("follows the main figure over the last six weeks, oldest first", () => {
    const trend = form("review-progress").trend;
    expect(trend.map((p) => p.periodKey)).toEqual([
      "2026-W43",
      "2026-W44",
      "2026-W45",
      "2026-W46",
      "2026-W47",
      "2026-W48",
    ]);
    // W46: A1 40; W47: 60 + 20 + 10 = 90 (3 hamlets); W48: 180 (3 hamlets).
    expect(trend.map((p) => p.value)).toEqual([null, null, null, 40, 90, 180]);
    expect(trend.map((p) => p.received)).toEqual([0, 0, 0, 1, 3, 3]);
    expect(trend.at(-1)?.expected).toBe(6);
  });

  it("takes a weekly form's week and a monthly form's month in the same weekly window", () => {
    const policy = form("policy-delivery");
    expect(policy.period.key).toBe("2026-11");
    expect(policy.previousPeriod?.key).toBe("2026-10");
    // A1 12, B2 8 (Tỉnh Khác's 99 left out); October: A1 5.
    expect(policy.rows.map((r) => [r.unit.name, r.received, r.figures.bhyt_poor])).toEqual([
      ["Xã An Phú", 1, 12],
      ["Xã Bình Minh", 1, 8],
      ["Xã Cẩm Lộc", 0, null],
    ]);
    expect(policy.totals).toMatchObject({ expected: 6, received: 2, figures: { bhyt_poor: 20 } });
    expect(policy.totals.previous?.bhyt_poor).toBe(5);
  });

  it("counts ad hoc reports sent within the window, in local time, all versions of the form", async () => {
    const incident = form("incident");
    // Sunday 23:59 local (A1, version 1, 4 households) is in; Monday 00:01 (A2, 7) is not; B1 (3, urgent) is.
    expect(incident.rows.map((r) => [r.unit.name, r.received, r.figures.households_affected])).toEqual([
      ["Xã An Phú", 1, 4],
      ["Xã Bình Minh", 1, 3],
      ["Xã Cẩm Lộc", 0, null],
    ]);
    expect(incident.totals).toMatchObject({ expected: null, received: 2 });
    expect(incident.totals.figures).toMatchObject({ households_affected: 7, urgent_support: 1 });
    // The week before: C1's 2 households.
    expect(incident.totals.previous?.households_affected).toBe(2);
    expect(incident.missing).toBeNull();
    expect(incident.period.label).toBe("23/11–29/11/2026");

    // The next week holds the Monday 00:01 report.
    const next = windowContaining("weekly", new Date("2026-12-01T12:00:00+07:00"), TZ);
    const later = await computeSummary(temp.db, {
      rootUnitId: ids.root as number,
      window: next,
      now: clock.now(),
      timeZone: TZ,
    });
    const nextIncident = later?.forms.find((f) => f.formKey === "incident");
    expect(nextIncident?.totals).toMatchObject({ received: 1, figures: { households_affected: 7 } });
    // And the monthly form moves to December (the window ends on 6/12).
    expect(later?.forms.find((f) => f.formKey === "policy-delivery")?.period.key).toBe("2026-12");
  });

  it("lists the returned and the urgent reports of the window", () => {
    expect(data.returned.total).toBe(1);
    expect(data.returned.items[0]).toMatchObject({ unit: { name: "Thôn 1" }, parentName: "Xã Bình Minh" });
    // B1's urgent incident of 24/11; A2's of Monday 00:01 is the next week's; Tỉnh Khác's is elsewhere.
    expect(data.urgent.total).toBe(1);
    expect(data.urgent.items[0]).toMatchObject({
      parentName: "Xã Bình Minh",
      formTitle: "Báo cáo sự việc đột xuất",
    });
  });

  it("counts open questions with their age, escalated ones apart", () => {
    expect(data.questions).toMatchObject({ open: 2, escalated: 1, oldestAgeDays: 10 });
    expect(data.questions.items.map((q) => [q.ageDays, q.escalated])).toEqual([
      [10, true],
      [1, false],
    ]);
  });

  it("counts the coming courses' answers within the area and who was trained this year", () => {
    // Only the published course for Xã An Phú: its audience here is A1's and A2's heads (A3's is inactive).
    expect(data.training.upcoming).toHaveLength(1);
    expect(data.training.upcoming[0]).toMatchObject({
      title: "Tập huấn rà soát",
      audience: 2,
      yes: 1,
      no: 0,
      waitlist: 0,
      notAnswered: 1,
      answerRate: 0.5,
    });
    // Officers: heads of A1, A2, B1 and the supervisor = 4; A1's head attended a 2026 course.
    expect(data.training.trainedThisYear).toEqual({ officers: 4, trained: 1, share: 0.25 });
  });

  it("a hamlet has one row, itself; an unknown or inactive root has no summary", async () => {
    const hamlet = await computeSummary(temp.db, {
      rootUnitId: ids.a1 as number,
      window: WEEK,
      now: clock.now(),
      timeZone: TZ,
    });
    expect(hamlet?.children.map((u) => u.id)).toEqual([ids.a1]);
    const review = hamlet?.forms.find((f) => f.formKey === "review-progress");
    expect(review?.rows).toHaveLength(1);
    expect(review?.rows[0]).toMatchObject({
      expected: 1,
      received: 1,
      figures: { households_surveyed: 100 },
    });
    expect(
      await computeSummary(temp.db, { rootUnitId: 999_999, window: WEEK, now: clock.now(), timeZone: TZ }),
    ).toBeNull();
    const closed = await temp.db.unit.findFirstOrThrow({ where: { name: "Xã Đóng" } });
    expect(
      await computeSummary(temp.db, { rootUnitId: closed.id, window: WEEK, now: clock.now(), timeZone: TZ }),
    ).toBeNull();
  });

  it("leaves out a form out of its season", async () => {
    const january = windowByKey("weekly", "2027-W02", TZ);
    if (!january) throw new Error("no window");
    const summary = await computeSummary(temp.db, {
      rootUnitId: ids.root as number,
      window: january,
      now: january.end,
      timeZone: TZ,
    });
    expect(summary?.forms.map((f) => f.formKey)).toEqual(["policy-delivery", "incident"]);
  });
});

describe("Missing units of a summary", () => {
  it("lists expected units without a report, by parent then name, with the total", () => {
    const missing = form("review-progress").missing;
    // A3 (only a draft), B2 (sent nothing in W48), C1.
    expect(missing?.total).toBe(3);
    expect(missing?.groups.map((g) => [g.parent?.name, g.units.map((u) => u.id)])).toEqual([
      ["Xã An Phú", [ids.a3]],
      ["Xã Bình Minh", [ids.b2]],
      ["Xã Cẩm Lộc", [ids.c1]],
    ]);
  });

  it("caps the list and keeps the full count", async () => {
    const db = temp.db;
    const root = await addUnit(db, "Tỉnh Lớn", "province", null);
    const communes = [
      await addUnit(db, "Xã Hai", "commune", root),
      await addUnit(db, "Xã Một", "commune", root),
    ];
    // 2 × 110 = 220 hamlets, none has reported: 200 listed, 220 in all.
    for (const commune of communes) {
      await db.unit.createMany({
        data: Array.from({ length: 110 }, (_, i) => ({
          code: `big-${commune.id}-${i}`,
          name: `Thôn ${String(i).padStart(3, "0")}`,
          level: "hamlet",
          parentId: commune.id,
          path: `${commune.path}x${i}/`,
          depth: 2,
        })),
      });
    }
    const range = subtreeRange(root.path);
    await db.$executeRaw`UPDATE "Unit" SET "path" = ${root.path} || "parentId" || '/' || "id" || '/' WHERE "path" >= ${range.gte} AND "path" < ${range.lt} AND "level" = 'hamlet'`;
    const summary = await computeSummary(db, {
      rootUnitId: root.id,
      window: WEEK,
      now: clock.now(),
      timeZone: TZ,
    });
    const missing = summary?.forms.find((f) => f.formKey === "review-progress")?.missing;
    expect(missing?.total).toBe(220);
    expect(missing?.groups.map((g) => [g.parent?.name, g.units.length])).toEqual([
      ["Xã Hai", 110],
      ["Xã Một", 90],
    ]);
    expect(missing?.groups[1]?.units[0]?.name).toBe("Thôn 000");
    expect(summary?.forms.find((f) => f.formKey === "review-progress")?.totals.expected).toBe(220);
  });
});
