import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../../../src/domain/reports/form-definition.js";
import {
  type Answers,
  crossCheckErrors,
  formatAnswer,
  isVisible,
  missingRequired,
  nextField,
  progressOf,
  pruneHidden,
  summaryLabel,
  summaryLines,
  urgentFields,
  visibleFields,
} from "../../../src/domain/reports/form-engine.js";
import { FORMS_DIR, latestForms, loadForms } from "../../../src/domain/reports/load-forms.js";

const { forms } = loadForms(FORMS_DIR);
const form = (key: string) => forms.find((candidate) => candidate.key === key) as FormDefinition;
const review = form("review-progress");
const incident = form("incident");
const delivery = form("policy-delivery");
const fieldOf = (definition: FormDefinition, key: string) => {
  const found = definition.fields.find((field) => field.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
};
const keys = (fields: { key: string }[]) => fields.map((field) => field.key);

const counts: Answers = {
  households_listed: 120,
  poor_at_start: 20,
  households_surveyed: 100,
  proposed_poor: 15,
  proposed_near_poor: 12,
  proposed_exit_poor: 6,
};

describe("visibility (when)", () => {
  it("hides the meeting details until the meeting was held", () => {
    const meetingDate = fieldOf(review, "meeting_date");
    expect(isVisible(meetingDate, {})).toBe(false);
    expect(isVisible(meetingDate, { meeting_held: false })).toBe(false);
    expect(isVisible(meetingDate, { meeting_held: true })).toBe(true);
    expect(keys(visibleFields(review, { ...counts, meeting_held: false }))).not.toContain("meeting_date");
    expect(keys(visibleFields(review, { ...counts, meeting_held: true }))).toEqual(
      expect.arrayContaining(["meeting_date", "agreement_rate", "minutes_sent", "list_posted"]),
    );
  });

  it("supports equals on a choice, gt on a number, and answered", () => {
    expect(isVisible(fieldOf(incident, "kind_other"), { kind: "khac" })).toBe(true);
    expect(isVisible(fieldOf(incident, "kind_other"), { kind: "chay_no" })).toBe(false);
    expect(isVisible(fieldOf(delivery, "loan_amount"), { loan_households: 0 })).toBe(false);
    expect(isVisible(fieldOf(delivery, "loan_amount"), { loan_households: 3 })).toBe(true);
    const base = { key: "x", type: "text", label: "X?", required: false } as const;
    expect(isVisible({ ...base, when: { field: "p", answered: true } }, { p: null })).toBe(false);
    expect(isVisible({ ...base, when: { field: "p", answered: false } }, { p: null })).toBe(true);
    expect(isVisible({ ...base, when: { field: "p", answered: true } }, { p: { fileIds: ["a"] } })).toBe(
      true,
    );
    expect(isVisible({ ...base, when: { field: "m", equals: "y_te" } }, { m: ["luong_thuc", "y_te"] })).toBe(
      true,
    );
    expect(
      isVisible({ ...base, when: { field: "m", in: ["nuoc_sach", "y_te"] } }, { m: ["luong_thuc"] }),
    ).toBe(false);
    expect(isVisible({ ...base, when: { field: "n", in: [1, 2] } }, { n: 2 })).toBe(true);
    expect(isVisible({ ...base, when: { field: "n", gte: 2 } }, { n: 2 })).toBe(true);
    expect(isVisible({ ...base, when: { field: "n", gt: 2 } }, { n: 2 })).toBe(false);
  });

  it("applies conditions transitively: a field depending on a hidden field is hidden", () => {
    const chain: FormDefinition = {
      ...review,
      fields: [
        { key: "a", type: "yes_no", label: "A?", required: true },
        { key: "b", type: "yes_no", label: "B?", required: true, when: { field: "a", equals: true } },
        { key: "c", type: "text", label: "C?", required: true, when: { field: "b", equals: true } },
      ],
      checks: [],
    };
    expect(keys(visibleFields(chain, { a: false, b: true }))).toEqual(["a"]);
    expect(keys(visibleFields(chain, { a: true, b: true }))).toEqual(["a", "b", "c"]);
  });
});

describe("walking a form", () => {
  it("nextField: the first visible unanswered field; skipped (null) counts as answered", () => {
    expect(nextField(review, {})?.key).toBe("households_listed");
    expect(nextField(review, { ...counts })?.key).toBe("meeting_held");
    expect(nextField(review, { ...counts, meeting_held: false })?.key).toBe("difficulties");
    expect(nextField(review, { ...counts, meeting_held: true })?.key).toBe("meeting_date");
    expect(nextField(review, { ...counts, meeting_held: false, difficulties: null })).toBeNull();
  });

  it("progressOf numbers among the fields visible now and counts what may still be asked", () => {
    // 12 fields, 4 of them only after a meeting: before "meeting_held" is answered they may come.
    expect(progressOf(review, {}, fieldOf(review, "households_listed"))).toEqual({
      index: 1,
      left: 11,
      certain: false,
    });
    expect(progressOf(review, { ...counts, meeting_held: false }, fieldOf(review, "difficulties"))).toEqual({
      index: 8,
      left: 0,
      certain: true,
    });
    expect(progressOf(review, { ...counts, meeting_held: true }, fieldOf(review, "meeting_date"))).toEqual({
      index: 8,
      left: 4,
      certain: true,
    });
    expect(progressOf(review, { ...counts, meeting_held: true }, fieldOf(review, "difficulties"))).toEqual({
      index: 12,
      left: 4,
      certain: true,
    });
  });

  it("pruneHidden drops answers hidden by a changed earlier answer (and unknown keys)", () => {
    const held: Answers = {
      ...counts,
      meeting_held: true,
      meeting_date: "2026-11-20",
      agreement_rate: 86,
      minutes_sent: true,
      list_posted: false,
      stray: 1,
    };
    const changed = pruneHidden(review, { ...held, meeting_held: false });
    expect(changed).toEqual({ ...counts, meeting_held: false });
    expect(pruneHidden(review, held)).not.toHaveProperty("stray");
    expect(pruneHidden(review, held)).toHaveProperty("agreement_rate", 86);
  });

  it("missingRequired lists visible required fields without an answer", () => {
    expect(
      keys(missingRequired(review, { ...counts, meeting_held: true, meeting_date: "2026-11-20" })),
    ).toEqual(["agreement_rate", "minutes_sent", "list_posted"]);
    expect(keys(missingRequired(review, { ...counts, meeting_held: false }))).toEqual([]);
    expect(
      keys(missingRequired(incident, { kind: "tai_nan", urgent_support: true, support_needed: [] })),
    ).toEqual(expect.arrayContaining(["support_needed", "description"]));
  });
});

describe("cross checks", () => {
  it("exits ≤ poor at the start of the period, surveyed ≤ listed", () => {
    expect(crossCheckErrors(review, counts)).toEqual([]);
    expect(crossCheckErrors(review, { ...counts, proposed_exit_poor: 25 })).toEqual([
      {
        fields: ["proposed_exit_poor", "poor_at_start"],
        message: "Số hộ thoát nghèo không thể nhiều hơn số hộ nghèo đầu đợt.",
      },
    ]);
    const errors = crossCheckErrors(review, { ...counts, households_surveyed: 130 });
    expect(errors.map((error) => error.fields)).toEqual([["households_surveyed", "households_listed"]]);
  });

  it("is not judged while a side is unanswered, skipped or hidden", () => {
    expect(crossCheckErrors(review, { proposed_exit_poor: 25 })).toEqual([]);
    expect(crossCheckErrors(incident, { households_affected: 5, people_affected: null })).toEqual([]);
    expect(crossCheckErrors(incident, { households_affected: 5, people_affected: 3 })).toHaveLength(1);
    expect(crossCheckErrors(delivery, { housing_households: 0, houses_completed: 2 })).toEqual([]);
    expect(crossCheckErrors(delivery, { housing_households: 1, houses_completed: 2 })).toHaveLength(1);
  });

  it("compares with a constant too", () => {
    const withConstant: FormDefinition = {
      ...review,
      checks: [
        { left: "agreement_rate", op: ">=", right: 50, message: "Dưới 50% phải rà soát lại và họp lại." },
      ],
    };
    expect(crossCheckErrors(withConstant, { meeting_held: true, agreement_rate: 40 })).toEqual([
      { fields: ["agreement_rate"], message: "Dưới 50% phải rà soát lại và họp lại." },
    ]);
    expect(crossCheckErrors(withConstant, { meeting_held: true, agreement_rate: 50 })).toEqual([]);
  });
});

describe("formatting answers", () => {
  it.each<[string, FormDefinition, string, unknown, string, string]>([
    ["integer with unit", review, "households_listed", 1500, "1.500 hộ", "1,500 hộ"],
    ["percentage", review, "agreement_rate", 87.5, "87,5%", "87.5%"],
    ["money in millions", delivery, "loan_amount", 1500, "1.500 triệu đồng", "1,500 triệu đồng"],
    ["yes", review, "meeting_held", true, "Có", "Yes"],
    ["no", review, "meeting_held", false, "Không", "No"],
    ["date", review, "meeting_date", "2026-09-05", "05/09/2026", "05/09/2026"],
    ["single choice", incident, "kind", "chay_no", "Cháy, nổ", "Cháy, nổ"],
    [
      "multi choice",
      incident,
      "support_needed",
      ["luong_thuc", "y_te"],
      "Lương thực, Y tế",
      "Lương thực, Y tế",
    ],
    ["photos", incident, "photos", { fileIds: ["a", "b"] }, "2 ảnh", "2 photos"],
    [
      "location",
      incident,
      "location",
      { latitude: 18.34281, longitude: 105.90566 },
      "📍 18.3428, 105.9057",
      "📍 18.3428, 105.9057",
    ],
    ["text", review, "difficulties", "Thiếu rà soát viên", "Thiếu rà soát viên", "Thiếu rà soát viên"],
    ["skipped", review, "difficulties", null, "(bỏ qua)", "(skipped)"],
    ["not answered", review, "difficulties", undefined, "—", "—"],
  ])("%s", (_name, definition, key, value, vi, en) => {
    const field = fieldOf(definition, key);
    expect(formatAnswer(field, value as never, "vi")).toBe(vi);
    expect(formatAnswer(field, value as never, "en")).toBe(en);
  });

  it("summaryLines: the visible fields in order with their answers", () => {
    const lines = summaryLines(review, { ...counts, meeting_held: false, difficulties: null }, "vi");
    expect(lines.map((line) => `${line.field.key}=${line.text}`)).toEqual([
      "households_listed=120 hộ",
      "poor_at_start=20 hộ",
      "households_surveyed=100 hộ",
      "proposed_poor=15 hộ",
      "proposed_near_poor=12 hộ",
      "proposed_exit_poor=6 hộ",
      "meeting_held=Không",
      "difficulties=(bỏ qua)",
    ]);
  });
});

describe("Multi-step screens stay tidy", () => {
  /** Walks a form answering with `pick`, recording the progress shown for each question. */
  function walk(
    definition: FormDefinition,
    pick: (field: FormDefinition["fields"][number]) => Answers[string],
  ) {
    const shown: { index: number; left: number }[] = [];
    let answers: Answers = {};
    for (let field = nextField(definition, answers); field; field = nextField(definition, answers)) {
      const { index, left } = progressOf(definition, answers, field);
      shown.push({ index, left });
      answers = pruneHidden(definition, { ...answers, [field.key]: pick(field) });
    }
    return shown;
  }
  const answer = (yes: boolean) => (field: FormDefinition["fields"][number]) => {
    if (field.type === "yes_no") return yes;
    if (field.type === "integer" || field.type === "number") return 1;
    if (field.type === "single_choice" || field.type === "multi_choice")
      return field.type === "multi_choice"
        ? [field.options?.[0]?.value ?? ""]
        : (field.options?.[0]?.value ?? "");
    return null;
  };

  it.each([
    ["review-progress, no meeting", review, false],
    ["review-progress, a meeting (four more questions)", review, true],
    ["incident, urgent support (one more question)", incident, true],
    ["policy-delivery", delivery, true],
  ])("the progress counter never jumps up: %s", (_name, definition, yes) => {
    const shown = walk(definition, answer(yes));
    for (const [i, step] of shown.entries()) {
      expect(step.index).toBe(i + 1);
      const before = shown[i - 1];
      if (before) expect(step.left).toBeLessThan(before.left);
    }
    expect(shown.at(-1)?.left).toBe(0);
  });

  it("a summary line never reads “…?: answer”", () => {
    expect(summaryLabel("Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay?")).toBe(
      "Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay?",
    );
    expect(summaryLabel("Mô tả ngắn sự việc và thiệt hại.")).toBe("Mô tả ngắn sự việc và thiệt hại:");
    expect(summaryLabel("Gửi ảnh hiện trường (nếu có).")).toBe("Gửi ảnh hiện trường (nếu có):");
    expect(summaryLabel("Ghi chú")).toBe("Ghi chú:");
    expect(summaryLabel("Ghi chú:")).toBe("Ghi chú:");
    for (const field of [...review.fields, ...incident.fields, ...delivery.fields]) {
      expect(`${summaryLabel(field.label)} 1`).not.toMatch(/[?.]:|::/);
    }
  });
});

describe("Urgent and corrected reports reach a person", () => {
  const incidentV2 = latestForms(forms).find((candidate) => candidate.key === "incident") as FormDefinition;
  const base: Answers = {
    kind: "chay_no",
    happened_on: "2026-11-20",
    description: "Cháy bếp, thiệt hại nhẹ.",
    households_affected: 1,
  };

  it("a report is urgent when one of the form's urgentWhen conditions holds on a visible answer", () => {
    expect(urgentFields(incidentV2, { ...base, urgent_support: true }).map((f) => f.key)).toEqual([
      "urgent_support",
    ]);
    expect(urgentFields(incidentV2, { ...base, urgent_support: false })).toEqual([]);
    expect(urgentFields(incidentV2, base)).toEqual([]);
    // A form without urgentWhen (the incident's first version) is never urgent.
    expect(urgentFields(incident, { ...base, urgent_support: true })).toEqual([]);
    // Any condition will do; a hidden field's stale answer does not count.
    const twoWays: FormDefinition = {
      ...review,
      urgentWhen: [
        { field: "households_listed", gte: 1000 },
        { field: "agreement_rate", gt: 90 },
      ],
    };
    expect(urgentFields(twoWays, { ...counts, households_listed: 1200 }).map((f) => f.key)).toEqual([
      "households_listed",
    ]);
    expect(
      urgentFields(twoWays, { ...counts, meeting_held: true, agreement_rate: 95 }).map((f) => f.key),
    ).toEqual(["agreement_rate"]);
    expect(urgentFields(twoWays, { ...counts, meeting_held: false, agreement_rate: 95 })).toEqual([]);
  });
});
