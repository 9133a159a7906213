import { loadImage } from "@napi-rs/canvas";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMS_DIR, loadForms } from "../../../src/domain/reports/load-forms.js";
import { syncForms } from "../../../src/domain/reports/report-store.js";
import { composeSummary } from "../../../src/domain/summaries/compose-summary.js";
import { windowByKey } from "../../../src/domain/summaries/summary-period.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const TZ = "Asia/Ho_Chi_Minh";
const translator = createTranslator();
const clock = createFakeClock("2026-11-30T07:30:00+07:00");

describe("One entry point", () => {
  let temp: TempDb;
  let provinceId: number;
  const week = windowByKey("weekly", "2026-W48", TZ);
  if (!week) throw new Error("no week");

  beforeAll(async () => {
    temp = await createTempDb({ seed: true });
    const db = temp.db;
    const province = await db.unit.findFirstOrThrow({ where: { name: "Tỉnh Hà Tĩnh" } });
    provinceId = province.id;
    const forms = loadForms(FORMS_DIR);
    if (forms.errors.length > 0) throw new Error(forms.errors.join("\n"));
    const form = (await syncForms(db, forms.forms)).latest.get("review-progress");
    if (!form) throw new Error("no review-progress form");
    const head = await db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const hamlets = await db.unit.findMany({
      where: { parent: { name: "Xã Lâm Trung Thủy" } },
      orderBy: { name: "asc" },
    });
    // Two of the three hamlets of Xã Lâm Trung Thủy report for week 48 (and one for week 47).
    const rows = [
      { unit: hamlets[0], periodKey: "2026-W48", surveyed: 40 },
      { unit: hamlets[1], periodKey: "2026-W48", surveyed: 80 },
      { unit: hamlets[0], periodKey: "2026-W47", surveyed: 25 },
    ];
    for (const [i, row] of rows.entries()) {
      if (!row.unit) throw new Error("demo hamlets missing");
      await db.report.create({
        data: {
          formId: form.id,
          formKey: "review-progress",
          periodKey: row.periodKey,
          unitId: row.unit.id,
          personId: head.id,
          status: "submitted",
          answers: { households_listed: 150, households_surveyed: row.surveyed, meeting_held: true },
          submittedAt: new Date(week.start.getTime() + i * 3_600_000),
        },
      });
    }
  });
  afterAll(() => temp.cleanup());

  const input = () => ({
    rootUnitId: provinceId,
    window: week,
    now: clock.now(),
    timeZone: TZ,
    locale: "vi",
    maxTextLength: 4096,
  });

  it("composes the text, the chart and the workbook of a unit's summary, with its file names", async () => {
    const composed = await composeSummary(temp.db, translator, input());
    expect(composed).not.toBeNull();
    if (!composed) return;
    expect(composed.texts).toHaveLength(1);
    const lines = composed.texts[0]?.split("\n") ?? [];
    if (process.env.SHOW_TEXT) console.log(composed.texts[0]);
    expect(lines[0]).toBe("📊 <b>Tổng hợp tuần 23/11–29/11/2026 · Tỉnh Hà Tĩnh</b>");
    expect(lines).toContain("• Xã Lâm Trung Thủy: 2/3 (67%) · Hộ đã rà soát 120 (+95)");
    expect(composed.chart?.fileName).toBe("tong-hop-2026-W48-tinh-ha-tinh.png");
    expect((await loadImage(composed.chart?.bytes as Buffer)).width).toBeGreaterThan(0);
    expect(composed.workbook.fileName).toBe("tong-hop-2026-W48-tinh-ha-tinh.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(composed.workbook.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.name).toBe("Báo cáo theo đơn vị");
  });

  it("splits the text for a channel's limit and says first when it is sent late", async () => {
    const composed = await composeSummary(temp.db, translator, {
      ...input(),
      maxTextLength: 300,
      late: true,
    });
    const texts = composed?.texts ?? [];
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(300);
    expect(texts[0]?.split("\n").slice(0, 2)).toEqual([
      "⏰ Gửi muộn: bot tạm ngừng lúc đến hạn",
      "📊 <b>Tổng hợp tuần 23/11–29/11/2026 · Tỉnh Hà Tĩnh</b>",
    ]);
  });

  it("is null for a unit that does not exist", async () => {
    expect(await composeSummary(temp.db, translator, { ...input(), rootUnitId: 999_999 })).toBeNull();
  });
});
