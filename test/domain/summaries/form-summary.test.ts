import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FormDefinition, parseFormDefinition } from "../../../src/domain/reports/form-definition.js";
import { FORMS_DIR, latestForms, loadForms } from "../../../src/domain/reports/load-forms.js";
import { syncForms } from "../../../src/domain/reports/report-store.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

function form(summary: unknown): Record<string, unknown> {
  return {
    key: "demo",
    version: 1,
    title: "Biểu mẫu thử",
    audience: { roles: ["hamlet_head"], unitLevels: ["hamlet"] },
    period: { type: "monthly", deadline: { day: 25, time: "17:00" } },
    fields: [
      { key: "surveyed", type: "integer", label: "Hộ đã rà soát?", min: 0, unit: "hộ" },
      { key: "rate", type: "number", label: "Tỷ lệ đồng ý?", min: 0, max: 100, unit: "%" },
      { key: "held", type: "yes_no", label: "Đã họp dân chưa?" },
      { key: "note", type: "text", label: "Ghi chú?", required: false },
    ],
    ...(summary === undefined ? {} : { summary }),
  };
}

const errorsOf = (summary: unknown) => parseFormDefinition(form(summary), "demo.yaml").errors;

let temp: TempDb;
beforeEach(async () => {
  temp = await createTempDb();
});
afterEach(() => temp.cleanup());

describe("Key figures declared in the form file", () => {
  it("accepts sums of numbers and counts of yes, and keeps the block on the form", () => {
    const parsed = parseFormDefinition(
      form({
        order: 2,
        main: "surveyed",
        figures: [
          { field: "surveyed", label: "Hộ đã rà soát", aggregate: "sum" },
          { field: "rate", label: "Tỷ lệ đồng ý", aggregate: "avg" },
          { field: "held", label: "Thôn đã họp dân", aggregate: "count_true" },
        ],
      }),
      "demo.yaml",
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.form?.summary?.main).toBe("surveyed");
    expect(parsed.form?.summary?.figures.map((f) => f.aggregate)).toEqual(["sum", "avg", "count_true"]);
    expect(parseFormDefinition(form(undefined), "demo.yaml").errors).toEqual([]);
  });

  it("refuses figures that do not fit their field, with the path and a Vietnamese reason", () => {
    expect(errorsOf({ figures: [{ field: "nope", label: "Không có", aggregate: "sum" }] })).toEqual([
      'demo.yaml: summary.figures[0].field: không có câu hỏi "nope"',
    ]);
    expect(errorsOf({ figures: [{ field: "held", label: "Họp dân", aggregate: "sum" }] })).toEqual([
      'demo.yaml: summary.figures[0].aggregate: sum chỉ dùng cho câu số integer/number ("held" là yes_no)',
    ]);
    expect(errorsOf({ figures: [{ field: "surveyed", label: "Hộ", aggregate: "count_true" }] })).toEqual([
      'demo.yaml: summary.figures[0].aggregate: count_true chỉ dùng cho câu yes_no ("surveyed" là integer)',
    ]);
    expect(errorsOf({ figures: [{ field: "note", label: "Ghi chú", aggregate: "max" }] })[0]).toContain(
      "max chỉ dùng cho câu số",
    );
    expect(
      errorsOf({ main: "rate", figures: [{ field: "surveyed", label: "Hộ đã rà soát", aggregate: "sum" }] }),
    ).toEqual(["demo.yaml: summary.main: main phải là một trong các số liệu của summary (surveyed)"]);
    expect(errorsOf({ figures: [{ field: "surveyed", label: "x".repeat(41), aggregate: "sum" }] })).toEqual([
      "demo.yaml: summary.figures[0].label: tên số liệu dài quá 40 ký tự (nằm trong bảng và biểu đồ)",
    ]);
    expect(errorsOf({ figures: [{ field: "surveyed", label: "Hộ", aggregate: "median" }] })[0]).toMatch(
      /summary\.figures\[0\]\.aggregate: aggregate là một trong sum, avg, min, max, count_true/,
    );
    expect(errorsOf({ figures: [] })).toEqual([
      "demo.yaml: summary.figures: summary cần ít nhất một số liệu",
    ]);
    expect(
      errorsOf({
        figures: [
          { field: "surveyed", label: "Hộ", aggregate: "sum" },
          { field: "surveyed", label: "Hộ nữa", aggregate: "max" },
        ],
      }),
    ).toEqual(['demo.yaml: summary.figures[1].field: "surveyed" đã có trong summary']);
  });

  it("the repository's forms declare their key figures", () => {
    const { forms, errors } = loadForms(FORMS_DIR);
    expect(errors).toEqual([]);
    const byKey = new Map(latestForms(forms).map((f) => [f.key, f.summary]));
    expect(byKey.get("review-progress")?.main).toBe("households_surveyed");
    expect(byKey.get("review-progress")?.figures.map((f) => f.field)).toEqual(
      expect.arrayContaining(["proposed_poor", "proposed_near_poor", "proposed_exit_poor", "meeting_held"]),
    );
    expect(byKey.get("policy-delivery")?.figures.length).toBeGreaterThan(2);
    expect(byKey.get("incident")?.figures.some((f) => f.aggregate === "count_true")).toBe(true);
  });

  it("a stored version takes a changed summary block in place; a changed question still needs a new version", async () => {
    const first = parseFormDefinition(form(undefined), "demo.yaml").form as FormDefinition;
    await syncForms(temp.db, [first]);
    const withSummary = parseFormDefinition(
      form({ figures: [{ field: "surveyed", label: "Hộ đã rà soát", aggregate: "sum" }] }),
      "demo.yaml",
    ).form as FormDefinition;
    const synced = await syncForms(temp.db, [withSummary]);
    expect(synced.changedWithoutNewVersion).toEqual([]);
    expect(synced.latest.get("demo")?.definition.summary?.figures[0]?.field).toBe("surveyed");
    expect(await temp.db.reportForm.count({ where: { key: "demo" } })).toBe(1);
    const stored = await temp.db.reportForm.findFirstOrThrow({ where: { key: "demo" } });
    expect((stored.definition as unknown as FormDefinition).summary?.figures).toHaveLength(1);

    const changedQuestion = structuredClone(withSummary);
    (changedQuestion.fields[0] as { label: string }).label = "Đã rà soát bao nhiêu hộ?";
    const again = await syncForms(temp.db, [changedQuestion]);
    expect(again.changedWithoutNewVersion).toEqual(["demo v1"]);
    const kept = await temp.db.reportForm.findFirstOrThrow({ where: { key: "demo" } });
    expect((kept.definition as unknown as FormDefinition).fields[0]?.label).toBe("Hộ đã rà soát?");
  });
});
