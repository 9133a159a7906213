import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFormCatalog } from "../../../src/domain/reports/form-catalog.js";
import { startDraft, submitReport } from "../../../src/domain/reports/report-store.js";
import { returnForCorrection } from "../../../src/domain/reports/review.js";
import { computeSummary } from "../../../src/domain/summaries/compute-summary.js";
import { windowContaining } from "../../../src/domain/summaries/summary-period.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { TZ } from "./summary-fixture.js";

let temp: TempDb;
beforeEach(async () => {
  temp = await createTempDb({ seed: true });
});
afterEach(() => temp.cleanup());

describe("Urgent reports of the window", () => {
  it("a report sent with an urgentWhen condition holding is stored as urgent and listed in the summary", async () => {
    const clock = createFakeClock("2026-11-25T10:00:00+07:00");
    const incident = await createFormCatalog(temp.db).byKey("incident");
    if (!incident) throw new Error("no incident form");
    const an = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const send = async (urgentSupport: boolean, key: string) => {
      const draft = await startDraft(temp.db, clock, {
        personId: an.id,
        form: incident,
        periodKey: `adhoc-${key}`,
      });
      if (!draft.ok) throw new Error(draft.reason);
      const answers = {
        kind: "chay_no",
        happened_on: "2026-11-25",
        description: "Cháy kho rơm, không ai bị thương.",
        households_affected: 1,
        urgent_support: urgentSupport,
        ...(urgentSupport ? { support_needed: ["luong_thuc"] } : {}),
      };
      const sent = await submitReport(temp.db, clock, createTranslator("vi"), {
        reportId: draft.draft.id,
        personId: an.id,
        answers,
        submitKey: key,
      });
      if (!sent.ok) throw new Error(sent.reason);
      return sent.reportId;
    };
    const calm = await send(false, "calm");
    const urgent = await send(true, "urgent");
    const stored = await temp.db.report.findMany({
      where: { id: { in: [calm, urgent] } },
      orderBy: { id: "asc" },
    });
    expect(stored.map((r) => r.urgent)).toEqual([false, true]);

    const province = await temp.db.unit.findFirstOrThrow({ where: { level: "province" } });
    const summary = await computeSummary(temp.db, {
      rootUnitId: province.id,
      window: windowContaining("weekly", clock.now(), TZ),
      now: clock.now(),
      timeZone: TZ,
    });
    expect(summary?.urgent.items.map((item) => item.reportId)).toEqual([urgent]);
    expect(summary?.urgent.items[0]).toMatchObject({
      unit: { name: "Thôn 3" },
      parentName: "Xã Lâm Trung Thủy",
    });
  });

  it("a report returned for correction is listed with the time it was returned, by the clock", async () => {
    const clock = createFakeClock("2026-11-25T10:00:00+07:00");
    const incident = await createFormCatalog(temp.db).byKey("incident");
    if (!incident) throw new Error("no incident form");
    const an = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const binh = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    const draft = await startDraft(temp.db, clock, {
      personId: an.id,
      form: incident,
      periodKey: "adhoc-returned",
    });
    if (!draft.ok) throw new Error(draft.reason);
    const sent = await submitReport(temp.db, clock, createTranslator("vi"), {
      reportId: draft.draft.id,
      personId: an.id,
      answers: {
        kind: "chay_no",
        happened_on: "2026-11-25",
        description: "Cháy kho rơm, không ai bị thương.",
        households_affected: 1,
        urgent_support: false,
      },
      submitKey: "returned",
    });
    if (!sent.ok) throw new Error(sent.reason);
    clock.advance(3 * 3_600_000);
    const returned = await returnForCorrection(temp.db, clock, createTranslator("vi"), binh.id, {
      reportId: sent.reportId,
      fields: ["households_affected"],
      comment: "Ghi rõ số hộ.",
    });
    expect(returned.ok).toBe(true);
    const province = await temp.db.unit.findFirstOrThrow({ where: { level: "province" } });
    const summary = await computeSummary(temp.db, {
      rootUnitId: province.id,
      window: windowContaining("weekly", clock.now(), TZ),
      now: clock.now(),
      timeZone: TZ,
    });
    expect(summary?.returned.items.map((item) => [item.reportId, item.at.toISOString()])).toEqual([
      [sent.reportId, "2026-11-25T06:00:00.000Z"],
    ]);
  });
});
