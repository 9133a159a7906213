import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FormDefinition, parseFormDefinition } from "../../../src/domain/reports/form-definition.js";
import { FORMS_DIR, latestForms, loadForms, parseFormText } from "../../../src/domain/reports/load-forms.js";

type Data = Record<string, unknown>;
interface Fixture extends Data {
  audience: Data;
  period: Data;
  fields: Data[];
  checks: Data[];
}

/** A small valid form; each broken case changes one thing. */
function baseForm(): Fixture {
  return {
    key: "demo",
    version: 1,
    title: "Biểu mẫu thử",
    audience: { roles: ["hamlet_head"], unitLevels: ["hamlet"] },
    period: { type: "monthly", deadline: { day: 25, time: "17:00" }, reminders: [-3, 0, 3] },
    fields: [
      { key: "poor_start", type: "integer", label: "Hộ nghèo đầu kỳ?", min: 0, max: 500, unit: "hộ" },
      { key: "exits", type: "integer", label: "Hộ thoát nghèo?", min: 0, unit: "hộ" },
      { key: "held", type: "yes_no", label: "Đã họp dân chưa?" },
      {
        key: "kind",
        type: "single_choice",
        label: "Loại việc?",
        options: [
          { value: "a", label: "Việc A" },
          { value: "b", label: "Việc B" },
        ],
      },
      { key: "note", type: "text", label: "Ghi chú?", required: false },
    ],
    checks: [{ left: "exits", op: "<=", right: "poor_start", message: "Hộ thoát nghèo ≤ hộ nghèo đầu kỳ." }],
  };
}

type Mutation = (form: Fixture) => void;
function field(form: Fixture, i: number): Data {
  const found = form.fields[i];
  if (!found) throw new Error(`no fields[${i}]`);
  return found;
}
function options(form: Fixture, i: number): Data[] {
  return field(form, i).options as Data[];
}
function option(form: Fixture, i: number, j: number): Data {
  return options(form, i)[j] as Data;
}
const deadline = (form: Fixture) => form.period.deadline as Data;
const check = (form: Fixture) => form.checks[0] as Data;

const broken: [string, Mutation, string][] = [
  [
    "single_choice with one option",
    (f) => options(f, 3).pop(),
    "fields[3].options: single_choice cần 2–12 lựa chọn (đang có 1)",
  ],
  [
    "single_choice without options",
    (f) => delete field(f, 3).options,
    "fields[3].options: single_choice cần 2–12 lựa chọn (đang có 0)",
  ],
  [
    "13 options",
    (f) => {
      field(f, 3).options = Array.from({ length: 13 }, (_, i) => ({ value: `o${i}`, label: `Mục ${i}` }));
    },
    "fields[3].options: single_choice cần 2–12 lựa chọn (đang có 13)",
  ],
  [
    "options on a number",
    (f) =>
      (field(f, 0).options = [
        { value: "a", label: "A" },
        { value: "b", label: "B" },
      ]),
    "fields[0].options: chỉ dùng cho single_choice, multi_choice (không dùng cho integer)",
  ],
  [
    "options on a photo",
    (f) =>
      f.fields.push({
        key: "pics",
        type: "photo",
        label: "Ảnh?",
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      }),
    "fields[5].options: chỉ dùng cho single_choice, multi_choice (không dùng cho photo)",
  ],
  [
    "options on a location",
    (f) =>
      f.fields.push({
        key: "where",
        type: "location",
        label: "Ở đâu?",
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      }),
    "fields[5].options: chỉ dùng cho single_choice, multi_choice (không dùng cho location)",
  ],
  [
    "duplicate option values",
    (f) => (option(f, 3, 1).value = "a"),
    'fields[3].options: lựa chọn 2: giá trị "a" bị trùng',
  ],
  [
    "duplicate option labels (folded)",
    (f) => (option(f, 3, 1).label = "viec a"),
    'fields[3].options: lựa chọn 2: nhãn "viec a" bị trùng',
  ],
  [
    "option value with capitals",
    (f) => (option(f, 3, 0).value = "A"),
    "fields[3].options[0].value: giá trị chỉ gồm chữ thường không dấu, số và _",
  ],
  [
    "option value too long",
    (f) => (option(f, 3, 0).value = "a".repeat(21)),
    "fields[3].options[0].value: giá trị dài quá 20 ký tự",
  ],
  [
    "duplicate field keys",
    (f) => (field(f, 1).key = "poor_start"),
    'fields[1].key: khóa "poor_start" trùng với fields[0]',
  ],
  [
    "bad field key",
    (f) => (field(f, 0).key = "Poor-Start"),
    "fields[0].key: khóa chỉ gồm chữ thường không dấu, số và _, bắt đầu bằng chữ",
  ],
  ["field key too long", (f) => (field(f, 0).key = "a".repeat(25)), "fields[0].key: khóa dài quá 24 ký tự"],
  ["unknown field type", (f) => (field(f, 0).type = "money"), "fields[0].type: Invalid option"],
  [
    "unknown attribute (typo)",
    (f) => (field(f, 4).maxlength = 10),
    'fields[4]: Unrecognized key: "maxlength"',
  ],
  ["min > max", (f) => (field(f, 0).min = 600), "fields[0].max: min (600) lớn hơn max (500)"],
  [
    "min/max on a date",
    (f) => f.fields.push({ key: "day", type: "date", label: "Ngày nào?", min: 1 }),
    "fields[5].min: date không dùng min (chỉ integer, number, multi_choice, photo)",
  ],
  [
    "fractional min on an integer",
    (f) => (field(f, 0).min = 0.5),
    "fields[0].min: integer: min phải là số nguyên",
  ],
  [
    "pattern that does not compile",
    (f) => (field(f, 4).pattern = "([a-z"),
    "fields[4].pattern: biểu thức không hợp lệ",
  ],
  [
    "pattern on a number",
    (f) => (field(f, 0).pattern = "^\\d+$"),
    "fields[0].pattern: chỉ dùng cho text (không dùng cho integer)",
  ],
  [
    "patternMessage without pattern",
    (f) => (field(f, 4).patternMessage = "Sai dạng rồi"),
    "fields[4].patternMessage: có patternMessage nhưng thiếu pattern",
  ],
  [
    "minLength > maxLength",
    (f) => Object.assign(field(f, 4), { minLength: 50, maxLength: 20 }),
    "fields[4].minLength: minLength (50) lớn hơn maxLength (20)",
  ],
  [
    "unit on a text",
    (f) => (field(f, 4).unit = "hộ"),
    "fields[4].unit: chỉ dùng cho integer, number (không dùng cho text)",
  ],
  [
    "notFuture on a number",
    (f) => (field(f, 0).notFuture = true),
    "fields[0].notFuture: chỉ dùng cho date (không dùng cho integer)",
  ],
  [
    "photo max above 10",
    (f) => f.fields.push({ key: "pics", type: "photo", label: "Ảnh?", max: 11 }),
    "fields[5].max: photo: max phải từ 1 đến 10",
  ],
  [
    "multi_choice max above the options",
    (f) =>
      f.fields.push({
        key: "needs",
        type: "multi_choice",
        label: "Cần gì?",
        max: 3,
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      }),
    "fields[5].max: max (3) nhiều hơn số lựa chọn (2)",
  ],
  [
    "when on a later field",
    (f) => (field(f, 0).when = { field: "held", equals: true }),
    'fields[0].when.field: "held" phải là câu hỏi đứng trước (fields[2] không đứng trước fields[0])',
  ],
  [
    "when on itself",
    (f) => (field(f, 2).when = { field: "held", equals: true }),
    'fields[2].when.field: "held" phải là câu hỏi đứng trước',
  ],
  [
    "when on an unknown field",
    (f) => (field(f, 4).when = { field: "nope", equals: true }),
    'fields[4].when.field: không có câu hỏi "nope"',
  ],
  [
    "when with two operators",
    (f) => (field(f, 4).when = { field: "held", equals: true, answered: true }),
    "fields[4].when: cần đúng một điều kiện trong equals, in, gt, gte, answered (đang có 2)",
  ],
  [
    "when with no operator",
    (f) => (field(f, 4).when = { field: "held" }),
    "fields[4].when: cần đúng một điều kiện",
  ],
  [
    "when gt on a yes/no",
    (f) => (field(f, 4).when = { field: "held", gt: 0 }),
    'fields[4].when.gt: không dùng "gt" với câu yes_no',
  ],
  [
    "when equals a string on a yes/no",
    (f) => (field(f, 4).when = { field: "held", equals: "yes" }),
    'fields[4].when.equals: câu yes_no "held" cần true hoặc false',
  ],
  [
    "when on an unknown option",
    (f) => (field(f, 4).when = { field: "kind", in: ["a", "z"] }),
    'fields[4].when.in: "z" không phải giá trị lựa chọn của "kind" (a, b)',
  ],
  [
    "check on a missing field",
    (f) => (check(f).left = "exit"),
    'checks[0].left: "exit" không phải câu hỏi số (integer/number) của biểu mẫu',
  ],
  [
    "check on a non-numeric field",
    (f) => (check(f).right = "held"),
    'checks[0].right: "held" không phải câu hỏi số (integer/number) của biểu mẫu',
  ],
  ["check with an unknown operator", (f) => (check(f).op = "=<"), "checks[0].op: Invalid option"],
  [
    "weekly without a weekday",
    (f) => (f.period = { type: "weekly", deadline: { time: "17:00" } }),
    "period.deadline.weekday: weekly cần deadline.weekday",
  ],
  [
    "weekly with a day",
    (f) => (f.period = { type: "weekly", deadline: { weekday: 5, day: 3, time: "17:00" } }),
    "period.deadline.day: weekly không dùng deadline.day (dùng deadline.weekday)",
  ],
  [
    "monthly without a deadline",
    (f) => (f.period = { type: "monthly" }),
    "period.deadline: monthly cần hạn nộp (deadline.day và deadline.time)",
  ],
  ["monthly on day 31", (f) => (deadline(f).day = 31), "period.deadline.day: day: 1–28 (có trong mọi tháng)"],
  [
    "time not HH:mm",
    (f) => (deadline(f).time = "5pm"),
    'period.deadline.time: phải là giờ dạng "HH:mm", ví dụ "17:00"',
  ],
  [
    "time read by YAML as a number",
    (f) => (deadline(f).time = 1020),
    'period.deadline.time: phải là giờ dạng "HH:mm" (đặt trong dấu nháy)',
  ],
  [
    "review season with a bad date",
    (f) => (f.period = { type: "review_season", deadline: { date: "02-30", time: "17:00" } }),
    "period.deadline.date: ngày không có thật",
  ],
  [
    "season MM-DD malformed",
    (f) => (f.period.season = { from: "9-1", to: "12-14" }),
    'period.season.from: phải là ngày dạng "MM-DD", ví dụ "09-01"',
  ],
  [
    "adhoc with a deadline",
    (f) => (f.period = { type: "adhoc", deadline: { time: "17:00" } }),
    "period.deadline: adhoc không có hạn nộp",
  ],
  ["duplicate reminders", (f) => (f.period.reminders = [0, 0]), "period.reminders: có ngày nhắc bị trùng"],
  ["unknown role", (f) => (f.audience.roles = ["mayor"]), "audience.roles[0]: Invalid option"],
  ["no unit levels", (f) => (f.audience.unitLevels = []), "audience.unitLevels: cần ít nhất một cấp đơn vị"],
  ["no fields", (f) => (f.fields = []), "fields: biểu mẫu cần ít nhất một câu hỏi"],
  ["bad form key", (f) => (f.key = "Demo Form"), "key: key chỉ gồm chữ thường không dấu, số và dấu -"],
  ["version 0", (f) => (f.version = 0), "version: version từ 1 trở lên"],
];

describe("form definitions", () => {
  it("accepts the base form and fills defaults (required: true, checks: [])", () => {
    const { form, errors } = parseFormDefinition(baseForm(), "demo.yaml");
    expect(errors).toEqual([]);
    expect(form?.fields[0]?.required).toBe(true);
    expect(form?.fields[4]?.required).toBe(false);
    const { checks: _, ...withoutChecks } = baseForm();
    expect(parseFormDefinition(withoutChecks, "demo.yaml").form?.checks).toEqual([]);
  });

  it.each(broken)("rejects %s", (_name, mutate, expected) => {
    const data = baseForm();
    mutate(data);
    const { form, errors } = parseFormDefinition(data, "demo.yaml");
    expect(form).toBeUndefined();
    expect(
      errors.some((error) => error.startsWith(`demo.yaml: ${expected}`)),
      errors.join("\n"),
    ).toBe(true);
  });

  it("reports every problem at once, cross-field ones too while a field is broken", () => {
    const data = baseForm();
    options(data, 3).pop();
    field(data, 0).min = 600;
    field(data, 1).when = { field: "held", equals: true };
    data.checks.push({ left: "exits", op: ">", right: "note", message: "Không thể so với ghi chú." });
    const { errors } = parseFormDefinition(data, "demo.yaml");
    expect(errors).toEqual([
      "demo.yaml: fields[0].max: min (600) lớn hơn max (500)",
      "demo.yaml: fields[3].options: single_choice cần 2–12 lựa chọn (đang có 1)",
      'demo.yaml: fields[1].when.field: "held" phải là câu hỏi đứng trước (fields[2] không đứng trước fields[1])',
      'demo.yaml: checks[1].right: "note" không phải câu hỏi số (integer/number) của biểu mẫu',
    ]);
  });

  it("keeps a when condition as one operator", () => {
    const data = baseForm();
    field(data, 4).when = { field: "kind", in: ["a"] };
    expect(parseFormDefinition(data, "demo.yaml").form?.fields[4]?.when).toEqual({
      field: "kind",
      in: ["a"],
    });
  });

  it("reads YAML and JSON text, and says when the syntax is broken", () => {
    expect(parseFormText(JSON.stringify(baseForm()), "demo.json").errors).toEqual([]);
    expect(parseFormText("key: [unclosed", "demo.yaml").errors[0]).toMatch(/^demo\.yaml: YAML không hợp lệ/);
    expect(parseFormText("{", "demo.json").errors[0]).toMatch(/^demo\.json: JSON không hợp lệ/);
  });
});

describe("loading a forms folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "forms-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, changes: Record<string, unknown>) =>
    writeFileSync(join(dir, name), JSON.stringify({ ...baseForm(), ...changes }));

  it("loads several versions, checks names and uniqueness, and picks the latest", () => {
    write("demo.v1.json", { version: 1 });
    write("demo.v2.json", { version: 2 });
    write("other.json", { key: "other", version: 3 });
    write("other.v3.json", { key: "other", version: 3 });
    write("wrong-name.json", { key: "demo", version: 4 });
    write("demo.v5.json", { version: 6 });
    writeFileSync(join(dir, "notes.txt"), "not a form");
    const { forms, errors } = loadForms(dir);
    expect(forms.map((form) => `${form.key} v${form.version}`)).toEqual(["demo v1", "demo v2", "other v3"]);
    expect(errors).toEqual([
      "demo.v5.json: version 6 không khớp tên tệp (.v5)",
      "other.v3.json: other v3 trùng với other.json",
      'wrong-name.json: key "demo" phải trùng tên tệp (demo.yaml hoặc demo.v4.yaml)',
    ]);
    expect(latestForms(forms).map((form) => `${form.key} v${form.version}`)).toEqual(["demo v2", "other v3"]);
  });
});

describe("the shipped forms (content/forms)", () => {
  const { forms, errors } = loadForms(FORMS_DIR);
  const byKey = (key: string) => latestForms(forms).find((form) => form.key === key) as FormDefinition;

  it("load without errors", () => {
    expect(errors).toEqual([]);
    expect(forms.map((form) => `${form.key} v${form.version}`)).toEqual([
      "incident v1",
      "incident v2",
      "policy-delivery v1",
      "review-progress v1",
    ]);
  });

  it("review-progress: weekly in the review season, Friday 17:00, with the exits ≤ poor-at-start check", () => {
    const form = byKey("review-progress");
    expect(form.period).toEqual({
      type: "weekly",
      deadline: { weekday: 5, time: "17:00" },
      season: { from: "09-01", to: "12-14" },
      reminders: [-1, 0, 2],
    });
    expect(form.audience).toEqual({ roles: ["hamlet_head"], unitLevels: ["hamlet"] });
    expect(form.checks).toContainEqual(
      expect.objectContaining({ left: "proposed_exit_poor", op: "<=", right: "poor_at_start" }),
    );
    const date = form.fields.find((f) => f.key === "meeting_date");
    expect(date).toMatchObject({
      type: "date",
      notFuture: true,
      when: { field: "meeting_held", equals: true },
    });
  });

  it("incident: ad hoc, photos up to 5, optional location", () => {
    const form = byKey("incident");
    expect(form.period).toEqual({ type: "adhoc" });
    expect(form.fields.find((f) => f.key === "photos")).toMatchObject({
      type: "photo",
      required: false,
      max: 5,
    });
    expect(form.fields.find((f) => f.key === "location")).toMatchObject({
      type: "location",
      required: false,
    });
  });

  it("policy-delivery: monthly, day 25 17:00; the loan amount is in millions and only asked after a loan", () => {
    const form = byKey("policy-delivery");
    expect(form.period.deadline).toEqual({ day: 25, time: "17:00" });
    expect(form.fields.find((f) => f.key === "loan_amount")).toMatchObject({
      unit: "triệu đồng",
      when: { field: "loan_households", gt: 0 },
    });
  });
});

describe("Urgent and corrected reports reach a person", () => {
  it("a form says which answers make a report urgent, in the `when` syntax, on any of its fields", () => {
    const one = baseForm();
    one.urgentWhen = { field: "held", equals: true };
    expect(parseFormDefinition(one, "demo.yaml").form?.urgentWhen).toEqual([{ field: "held", equals: true }]);

    const several = baseForm();
    // "note" comes last: unlike `when`, an urgency condition may name any field.
    several.urgentWhen = [
      { field: "exits", gte: 10 },
      { field: "note", answered: true },
    ];
    const parsed = parseFormDefinition(several, "demo.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.form?.urgentWhen).toEqual([
      { field: "exits", gte: 10 },
      { field: "note", answered: true },
    ]);
    expect(parseFormDefinition(baseForm(), "demo.yaml").form?.urgentWhen).toBeUndefined();
  });

  it.each([
    ["an unknown field", { field: "fire", equals: true }, 'urgentWhen[0].field: không có câu hỏi "fire"'],
    [
      "a list entry with an unknown field",
      [
        { field: "held", equals: true },
        { field: "fire", equals: true },
      ],
      'urgentWhen[1].field: không có câu hỏi "fire"',
    ],
    [
      "an operator the field's type has no use for",
      { field: "held", gt: 1 },
      'urgentWhen[0].gt: không dùng "gt"',
    ],
    ["a value of the wrong type", { field: "held", equals: "yes" }, "urgentWhen[0].equals: câu yes_no"],
    ["an option the field does not have", { field: "kind", in: ["c"] }, 'urgentWhen[0].in: "c" không phải'],
    [
      "two operators",
      { field: "held", equals: true, answered: true },
      "urgentWhen[0]: cần đúng một điều kiện",
    ],
    ["an empty list", [], "urgentWhen: cần ít nhất một điều kiện"],
  ])("rejects urgentWhen with %s", (_name, urgentWhen, expected) => {
    const data = baseForm();
    data.urgentWhen = urgentWhen;
    const { form, errors } = parseFormDefinition(data, "demo.yaml");
    expect(form).toBeUndefined();
    expect(
      errors.some((error) => error.startsWith(`demo.yaml: ${expected}`)),
      errors.join("\n"),
    ).toBe(true);
  });

  it("the incident form (v2) is urgent when emergency support is needed", () => {
    const incident = latestForms(loadForms(FORMS_DIR).forms).find((form) => form.key === "incident");
    expect(incident?.version).toBe(2);
    expect(incident?.urgentWhen).toEqual([{ field: "urgent_support", equals: true }]);
  });
});
