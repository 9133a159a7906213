import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deleteSummarySubscription } from "../../../src/domain/summaries/delete-summary-subscription.js";
import { listSummarySubscriptions } from "../../../src/domain/summaries/list-summary-subscriptions.js";
import { pauseSummarySubscription } from "../../../src/domain/summaries/pause-summary-subscription.js";
import { resumeSummarySubscription } from "../../../src/domain/summaries/resume-summary-subscription.js";
import { subscribeSummary } from "../../../src/domain/summaries/subscribe-summary.js";
import { updateSummarySubscription } from "../../../src/domain/summaries/update-summary-subscription.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const TZ = "Asia/Ho_Chi_Minh";
let temp: TempDb;
const clock = createFakeClock("2026-12-02T10:00:00+07:00"); // a Wednesday

async function personId(name: string): Promise<number> {
  return (await temp.db.person.findFirstOrThrow({ where: { fullName: name } })).id;
}
async function unitId(name: string): Promise<number> {
  return (await temp.db.unit.findFirstOrThrow({ where: { name } })).id;
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  clock.set("2026-12-02T10:00:00+07:00");
  await temp.db.summarySent.deleteMany({});
  await temp.db.summarySubscription.deleteMany({});
  await temp.db.auditLog.deleteMany({ where: { action: { startsWith: "summary." } } });
});

describe("Subscriptions", () => {
  it("subscribes to the person's own unit, weekly on Monday 07:30, and lists the next send", async () => {
    const dung = await personId("Phạm Thị Dung");
    const result = await subscribeSummary(temp.db, clock, dung);
    expect(result).toMatchObject({ ok: true, created: true });
    const row = await temp.db.summarySubscription.findFirstOrThrow({ where: { personId: dung } });
    expect(row).toMatchObject({
      unitId: await unitId("Tỉnh Hà Tĩnh"),
      cadence: "weekly",
      localTime: "07:30",
      weekday: 1,
      monthDay: null,
      active: true,
    });
    expect(row.sendFrom.toISOString()).toBe(clock.now().toISOString());
    const listed = await listSummarySubscriptions(temp.db, clock, dung, { timeZone: TZ });
    expect(listed.ok && listed.items.map((item) => item.nextAt?.toISOString())).toEqual([
      new Date("2026-12-07T07:30:00+07:00").toISOString(),
    ]);
    const audit = await temp.db.auditLog.findMany({ where: { action: "summary.subscribe", actorId: dung } });
    expect(audit).toHaveLength(1);
  });

  it("the same unit and cadence again changes the one subscription instead of adding another", async () => {
    const dung = await personId("Phạm Thị Dung");
    const first = await subscribeSummary(temp.db, clock, dung);
    const second = await subscribeSummary(temp.db, clock, dung, {
      schedule: { cadence: "weekly", weekday: 5, localTime: "17:00" },
    });
    expect(second).toMatchObject({ ok: true, created: false });
    expect(first.ok && second.ok && first.subscriptionId === second.subscriptionId).toBe(true);
    const rows = await temp.db.summarySubscription.findMany({ where: { personId: dung } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ weekday: 5, localTime: "17:00" });
    // Two at once: still one row (the unique key decides, not a lookup first).
    const both = await Promise.all([
      subscribeSummary(temp.db, clock, dung, { schedule: { cadence: "daily" } }),
      subscribeSummary(temp.db, clock, dung, { schedule: { cadence: "daily" } }),
    ]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect(await temp.db.summarySubscription.count({ where: { personId: dung, cadence: "daily" } })).toBe(1);
  });

  it("refuses a unit outside the person's scope, a hamlet head, and a bad schedule", async () => {
    const binh = await personId("Trần Thị Bình");
    const an = await personId("Nguyễn Văn An");
    expect(await subscribeSummary(temp.db, clock, binh, { unitId: await unitId("Xã Đức Thọ") })).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await subscribeSummary(temp.db, clock, binh, { unitId: 987654 })).toEqual({
      ok: false,
      reason: "unknown_unit",
    });
    expect(await subscribeSummary(temp.db, clock, an)).toEqual({ ok: false, reason: "not_allowed" });
    expect(
      await subscribeSummary(temp.db, clock, binh, { schedule: { cadence: "monthly", monthDay: 31 } }),
    ).toEqual({ ok: false, reason: "bad_schedule" });
    expect(await subscribeSummary(temp.db, clock, binh, { schedule: { localTime: "25:00" } })).toEqual({
      ok: false,
      reason: "bad_schedule",
    });
    expect(await temp.db.summarySubscription.count()).toBe(0);
    const ok = await subscribeSummary(temp.db, clock, binh, { unitId: await unitId("Thôn 2") });
    expect(ok.ok).toBe(true);
  });

  it("updates the schedule and narrows the unit within scope; someone else's is not found", async () => {
    const dung = await personId("Phạm Thị Dung");
    const binh = await personId("Trần Thị Bình");
    const sub = await subscribeSummary(temp.db, clock, dung);
    if (!sub.ok) throw new Error("not subscribed");
    clock.set("2026-12-03T08:00:00+07:00");
    const changed = await updateSummarySubscription(temp.db, clock, dung, {
      subscriptionId: sub.subscriptionId,
      unitId: await unitId("Xã Đức Thọ"),
      schedule: { cadence: "monthly", monthDay: 5, localTime: "08:15" },
    });
    expect(changed).toEqual({ ok: true });
    const row = await temp.db.summarySubscription.findUniqueOrThrow({ where: { id: sub.subscriptionId } });
    expect(row).toMatchObject({ cadence: "monthly", monthDay: 5, weekday: null, localTime: "08:15" });
    expect(row.unitId).toBe(await unitId("Xã Đức Thọ"));
    expect(row.sendFrom.toISOString()).toBe(clock.now().toISOString());
    expect(
      await updateSummarySubscription(temp.db, clock, binh, {
        subscriptionId: sub.subscriptionId,
        schedule: {},
      }),
    ).toEqual({ ok: false, reason: "not_found" });
    const binhSub = await subscribeSummary(temp.db, clock, binh);
    if (!binhSub.ok) throw new Error("not subscribed");
    expect(
      await updateSummarySubscription(temp.db, clock, binh, {
        subscriptionId: binhSub.subscriptionId,
        unitId: await unitId("Tỉnh Hà Tĩnh"),
      }),
    ).toEqual({ ok: false, reason: "out_of_scope" });
    // The same unit and cadence as another of one's own subscriptions: refused, nothing changed.
    const other = await subscribeSummary(temp.db, clock, dung);
    if (!other.ok) throw new Error("not subscribed");
    expect(
      await updateSummarySubscription(temp.db, clock, dung, {
        subscriptionId: other.subscriptionId,
        unitId: await unitId("Xã Đức Thọ"),
        schedule: { cadence: "monthly" },
      }),
    ).toEqual({ ok: false, reason: "duplicate" });
  });

  it("pause, resume from now, delete — each audited, each only on one's own", async () => {
    const dung = await personId("Phạm Thị Dung");
    const binh = await personId("Trần Thị Bình");
    const sub = await subscribeSummary(temp.db, clock, dung);
    if (!sub.ok) throw new Error("not subscribed");
    const id = sub.subscriptionId;
    expect(await pauseSummarySubscription(temp.db, clock, binh, id)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await pauseSummarySubscription(temp.db, clock, dung, id)).toEqual({ ok: true });
    let listed = await listSummarySubscriptions(temp.db, clock, dung, { timeZone: TZ });
    expect(listed.ok && listed.items[0]).toMatchObject({ active: false, nextAt: null });
    clock.set("2026-12-09T12:00:00+07:00");
    expect(await resumeSummarySubscription(temp.db, clock, dung, id)).toEqual({ ok: true });
    const row = await temp.db.summarySubscription.findUniqueOrThrow({ where: { id } });
    expect(row.active).toBe(true);
    expect(row.sendFrom.toISOString()).toBe(clock.now().toISOString());
    listed = await listSummarySubscriptions(temp.db, clock, dung, { timeZone: TZ });
    expect(listed.ok && listed.items[0]?.nextAt?.toISOString()).toBe(
      new Date("2026-12-14T07:30:00+07:00").toISOString(),
    );
    expect(await deleteSummarySubscription(temp.db, clock, binh, id)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await deleteSummarySubscription(temp.db, clock, dung, id)).toEqual({ ok: true });
    expect(await temp.db.summarySubscription.count()).toBe(0);
    const actions = await temp.db.auditLog.findMany({
      where: { action: { startsWith: "summary." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "summary.subscribe",
      "summary.pause",
      "summary.resume",
      "summary.delete",
    ]);
  });

  it("a deactivated person can no longer subscribe or list", async () => {
    const dung = await personId("Phạm Thị Dung");
    await temp.db.person.update({ where: { id: dung }, data: { status: "inactive" } });
    try {
      expect(await subscribeSummary(temp.db, clock, dung)).toEqual({ ok: false, reason: "not_allowed" });
      expect(await listSummarySubscriptions(temp.db, clock, dung, { timeZone: TZ })).toEqual({
        ok: false,
        reason: "not_allowed",
      });
    } finally {
      await temp.db.person.update({ where: { id: dung }, data: { status: "active" } });
    }
  });
});
