import { z } from "zod";
import { foldText } from "../../shared/fold.js";
import { type Role, roleSchema, type UnitLevel, unitLevelSchema } from "../roles.js";

/**
 * Report forms are data (content/forms/*.yaml): this file says what a valid form is. The zod
 * schemas check the shape and each field on its own; `parseFormDefinition` then checks what
 * spans fields (unique keys, `when` on earlier fields, cross checks on numeric fields). Every
 * problem is reported as `<file>: <path>: <message>`, e.g.
 * `review-progress.yaml: fields[3].options: single_choice cần 2–12 lựa chọn`.
 */
export const FIELD_TYPES = [
  "integer",
  "number",
  "text",
  "single_choice",
  "multi_choice",
  "yes_no",
  "date",
  "photo",
  "location",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const PERIOD_TYPES = ["weekly", "monthly", "review_season", "adhoc"] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const CHECK_OPS = ["<=", "<", ">=", ">", "=="] as const;

/** Longest text answer unless the field says otherwise. */
export const DEFAULT_MAX_LENGTH = 1000;
/** Most photos one photo field may ask for (one Telegram album). */
export const MAX_PHOTOS = 10;

export interface ChoiceOption {
  /** [a-z0-9_]+, ≤ 20 characters: it goes into callback data. */
  value: string;
  label: string;
}

/**
 * A condition on an EARLIER field's answer. A hidden, unanswered or skipped field satisfies
 * none of them except `answered: false`. On a multi_choice answer `equals` means "includes"
 * and `in` means "includes any of".
 */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number)[] }
  | { field: string; gt: number }
  | { field: string; gte: number }
  | { field: string; answered: boolean };

export interface FormField {
  /** [a-z][a-z0-9_]*, ≤ 24 characters, unique in the form. */
  key: string;
  type: FieldType;
  /** The question, natural Vietnamese, ≤ 200 characters. */
  label: string;
  /** Shown under the question, ≤ 300 characters. */
  help?: string;
  /** Defaults to true in the files. */
  required: boolean;
  /** integer/number: value bounds; multi_choice: selections; photo: photos. Not for other types. */
  min?: number;
  max?: number;
  /** text only (default 1000). */
  maxLength?: number;
  /** text only: fewest characters after trimming. */
  minLength?: number;
  /** text only: a RegExp source (compiled with the "u" flag), and what to say when it fails. */
  pattern?: string;
  patternMessage?: string;
  /** integer/number only, shown after the number: "hộ", "người", "thẻ", "triệu đồng", "%". */
  unit?: string;
  /** single_choice / multi_choice: 2–12 options. */
  options?: ChoiceOption[];
  when?: Condition;
  /** date only: refuse dates after today (the question asks about something that happened). */
  notFuture?: boolean;
}

export type CrossCheck = {
  left: string;
  op: "<=" | "<" | ">=" | ">" | "==";
  right: string | number;
  message: string;
};

export interface PeriodSpec {
  type: PeriodType;
  /** weekly: weekday 1=Mon…7=Sun and "HH:mm"; monthly: day 1–28 and "HH:mm"; review_season: "MM-DD" and "HH:mm"; adhoc: none */
  deadline?: { weekday?: number; day?: number; date?: string; time: string };
  /** weekly/monthly forms active only in a season, e.g. the yearly review 09-01..12-14; review_season: the season (default 09-01..12-14) */
  season?: { from: string; to: string };
  /** reminders, in days relative to the deadline, e.g. [-2, 0, 2] (negative = before) */
  reminders?: number[];
}

export interface FormDefinition {
  key: string;
  version: number;
  title: string;
  description?: string;
  audience: { roles: Role[]; unitLevels: UnitLevel[] };
  period: PeriodSpec;
  fields: FormField[];
  checks: CrossCheck[];
  /**
   * A report is urgent when ANY of these holds on its answers (the `when` syntax, on any field
   * of the form): its commune's officers are told the moment it is sent.
   */
  urgentWhen?: Condition[];
  /**
   * The key figures a supervisor summary shows for this form, by child unit (data, not code).
   * Summaries add up every version of a form key with the latest version's declaration.
   */
  summary?: SummaryDeclaration;
}

/** How a key figure adds up across units: sum/avg/min/max of a number, or how many said yes. */
export const SUMMARY_AGGREGATES = ["sum", "avg", "min", "max", "count_true"] as const;
export type SummaryAggregate = (typeof SUMMARY_AGGREGATES)[number];

export interface SummaryFigure {
  /** A field of the form: integer/number for sum/avg/min/max, yes_no for count_true. */
  field: string;
  /** A short name for tables and charts, ≤ 40 characters ("Hộ đã rà soát"). */
  label: string;
  aggregate: SummaryAggregate;
}

export interface SummaryDeclaration {
  /** Where the form comes in a summary (lower first; forms without it come last, by key). */
  order?: number;
  /** The figure charted over time: one of `figures`' fields. */
  main?: string;
  figures: SummaryFigure[];
}

const NUMERIC_TYPES: readonly FieldType[] = ["integer", "number"];
const CHOICE_TYPES: readonly FieldType[] = ["single_choice", "multi_choice"];

export function isNumericField(field: FormField): boolean {
  return NUMERIC_TYPES.includes(field.type);
}

export function isChoiceField(field: FormField): boolean {
  return CHOICE_TYPES.includes(field.type);
}

// ── Shape ────────────────────────────────────────────────────────────────────────────────────

const FIELD_KEY = /^[a-z][a-z0-9_]*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const fieldKey = z
  .string()
  .max(24, { error: "khóa dài quá 24 ký tự" })
  .regex(FIELD_KEY, { error: "khóa chỉ gồm chữ thường không dấu, số và _, bắt đầu bằng chữ" });

const monthDay = z
  .string({ error: 'phải là ngày dạng "MM-DD" (đặt trong dấu nháy)' })
  .regex(MONTH_DAY, { error: 'phải là ngày dạng "MM-DD", ví dụ "09-01"' })
  .refine(
    (text) => {
      const [month = 0, day = 0] = text.split("-").map(Number);
      return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
    },
    { error: "ngày không có thật (02-29 cũng không dùng được)" },
  );

const optionSchema = z.strictObject({
  value: z
    .string()
    .max(20, { error: "giá trị dài quá 20 ký tự (nằm trong dữ liệu nút bấm)" })
    .regex(/^[a-z0-9_]+$/, { error: "giá trị chỉ gồm chữ thường không dấu, số và _" }),
  label: z
    .string()
    .trim()
    .min(1, { error: "nhãn đang trống" })
    .max(40, { error: "nhãn nút dài quá 40 ký tự" }),
});

const OPERATORS = ["equals", "in", "gt", "gte", "answered"] as const;

const conditionSchema = z
  .strictObject({
    field: fieldKey,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1, { error: "in cần ít nhất một giá trị" })
      .optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    answered: z.boolean().optional(),
  })
  .superRefine((when, ctx) => {
    const used = OPERATORS.filter((op) => when[op] !== undefined);
    if (used.length !== 1)
      ctx.addIssue({
        code: "custom",
        message: `cần đúng một điều kiện trong ${OPERATORS.join(", ")} (đang có ${used.length})`,
      });
  })
  .transform((when): Condition => {
    const { field } = when;
    if (when.equals !== undefined) return { field, equals: when.equals };
    if (when.in !== undefined) return { field, in: when.in };
    if (when.gt !== undefined) return { field, gt: when.gt };
    if (when.gte !== undefined) return { field, gte: when.gte };
    return { field, answered: when.answered ?? true };
  });

const fieldSchema = z
  .strictObject({
    key: fieldKey,
    type: z.enum(FIELD_TYPES),
    label: z
      .string()
      .trim()
      .min(3, { error: "câu hỏi quá ngắn (ít nhất 3 ký tự)" })
      .max(200, { error: "câu hỏi dài quá 200 ký tự" }),
    help: z.string().trim().min(1).max(300, { error: "lời giải thích dài quá 300 ký tự" }).optional(),
    required: z.boolean().default(true),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.int().min(1).max(4000).optional(),
    minLength: z.int().min(1).max(4000).optional(),
    pattern: z.string().min(1).optional(),
    patternMessage: z.string().trim().min(3).max(200).optional(),
    unit: z.string().trim().min(1).max(20).optional(),
    options: z.array(optionSchema).optional(),
    when: conditionSchema.optional(),
    notFuture: z.boolean().optional(),
  })
  .superRefine((field, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    const { type } = field;
    const choice = CHOICE_TYPES.includes(type);
    const numeric = NUMERIC_TYPES.includes(type);

    if (choice) {
      const count = field.options?.length ?? 0;
      if (count < 2 || count > 12) problem("options", `${type} cần 2–12 lựa chọn (đang có ${count})`);
      const values = new Set<string>();
      const labels = new Set<string>();
      field.options?.forEach((option, i) => {
        if (values.has(option.value))
          problem("options", `lựa chọn ${i + 1}: giá trị "${option.value}" bị trùng`);
        const folded = foldText(option.label);
        if (labels.has(folded)) problem("options", `lựa chọn ${i + 1}: nhãn "${option.label}" bị trùng`);
        values.add(option.value);
        labels.add(folded);
      });
    } else if (field.options !== undefined) {
      problem("options", `chỉ dùng cho single_choice, multi_choice (không dùng cho ${type})`);
    }

    const bounded = numeric || type === "multi_choice" || type === "photo";
    for (const name of ["min", "max"] as const) {
      const value = field[name];
      if (value === undefined) continue;
      if (!bounded) problem(name, `${type} không dùng ${name} (chỉ integer, number, multi_choice, photo)`);
      else if (type !== "number" && !Number.isInteger(value))
        problem(name, `${type}: ${name} phải là số nguyên`);
      else if ((type === "multi_choice" || type === "photo") && value < 0)
        problem(name, `${name} không được âm`);
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      problem("max", `min (${field.min}) lớn hơn max (${field.max})`);
    if (type === "multi_choice" && field.options) {
      if (field.max !== undefined && field.max > field.options.length)
        problem("max", `max (${field.max}) nhiều hơn số lựa chọn (${field.options.length})`);
      if (field.max === 0) problem("max", "max phải từ 1 trở lên");
    }
    if (type === "photo") {
      if (field.max !== undefined && (field.max < 1 || field.max > MAX_PHOTOS))
        problem("max", `photo: max phải từ 1 đến ${MAX_PHOTOS}`);
      if (field.min !== undefined && field.min > MAX_PHOTOS)
        problem("min", `photo: min tối đa ${MAX_PHOTOS}`);
    }

    if (type !== "text") {
      for (const name of ["maxLength", "minLength", "pattern", "patternMessage"] as const)
        if (field[name] !== undefined) problem(name, `chỉ dùng cho text (không dùng cho ${type})`);
    } else {
      const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH;
      if (field.minLength !== undefined && field.minLength > maxLength)
        problem("minLength", `minLength (${field.minLength}) lớn hơn maxLength (${maxLength})`);
      if (field.pattern !== undefined) {
        try {
          new RegExp(field.pattern, "u");
        } catch (error) {
          problem(
            "pattern",
            `biểu thức không hợp lệ: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      if (field.patternMessage !== undefined && field.pattern === undefined)
        problem("patternMessage", "có patternMessage nhưng thiếu pattern");
    }
    if (field.unit !== undefined && !numeric)
      problem("unit", `chỉ dùng cho integer, number (không dùng cho ${type})`);
    if (field.notFuture !== undefined && type !== "date")
      problem("notFuture", `chỉ dùng cho date (không dùng cho ${type})`);
  });

const timeSchema = z.string({ error: 'phải là giờ dạng "HH:mm" (đặt trong dấu nháy)' }).regex(TIME, {
  error: 'phải là giờ dạng "HH:mm", ví dụ "17:00"',
});

const periodSchema = z
  .strictObject({
    type: z.enum(PERIOD_TYPES),
    deadline: z
      .strictObject({
        weekday: z.int().min(1).max(7, { error: "weekday: 1 = thứ Hai … 7 = Chủ nhật" }).optional(),
        day: z.int().min(1).max(28, { error: "day: 1–28 (có trong mọi tháng)" }).optional(),
        date: monthDay.optional(),
        time: timeSchema,
      })
      .optional(),
    season: z.strictObject({ from: monthDay, to: monthDay }).optional(),
    reminders: z
      .array(z.int().min(-31).max(31, { error: "nhắc hẹn trong khoảng -31…31 ngày" }))
      .max(6)
      .optional(),
  })
  .superRefine((period, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const { type, deadline } = period;
    const needs = { weekly: "weekday", monthly: "day", review_season: "date" } as const;
    if (type === "adhoc") {
      if (deadline) problem(["deadline"], "adhoc không có hạn nộp");
      if (period.season) problem(["season"], "adhoc không có mùa");
      if (period.reminders) problem(["reminders"], "adhoc không có nhắc hẹn (không có hạn nộp)");
    } else {
      const wanted = needs[type];
      if (!deadline) problem(["deadline"], `${type} cần hạn nộp (deadline.${wanted} và deadline.time)`);
      else {
        for (const name of ["weekday", "day", "date"] as const) {
          if (name === wanted && deadline[name] === undefined)
            problem(["deadline", name], `${type} cần deadline.${name}`);
          if (name !== wanted && deadline[name] !== undefined)
            problem(["deadline", name], `${type} không dùng deadline.${name} (dùng deadline.${wanted})`);
        }
      }
    }
    if (period.season && period.season.from === period.season.to)
      problem(["season"], "from và to trùng nhau");
    if (period.reminders && new Set(period.reminders).size !== period.reminders.length)
      problem(["reminders"], "có ngày nhắc bị trùng");
  });

const summarySchema = z.strictObject({
  order: z.int({ error: "order phải là số nguyên" }).min(0).max(1000).optional(),
  main: fieldKey.optional(),
  figures: z
    .array(
      z.strictObject({
        field: fieldKey,
        label: z
          .string()
          .trim()
          .min(2, { error: "tên số liệu quá ngắn" })
          .max(40, { error: "tên số liệu dài quá 40 ký tự (nằm trong bảng và biểu đồ)" }),
        aggregate: z.enum(SUMMARY_AGGREGATES, {
          error: `aggregate là một trong ${SUMMARY_AGGREGATES.join(", ")}`,
        }),
      }),
    )
    .min(1, { error: "summary cần ít nhất một số liệu" })
    .max(12, { error: "summary có tối đa 12 số liệu" }),
});

const checkSchema = z.strictObject({
  left: fieldKey,
  op: z.enum(CHECK_OPS),
  right: z.union([fieldKey, z.number()]),
  message: z.string().trim().min(5).max(200),
});

export const formDefinitionSchema = z.strictObject({
  key: z
    .string()
    .max(40)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "key chỉ gồm chữ thường không dấu, số và dấu -" }),
  version: z.int({ error: "version phải là số nguyên" }).min(1, { error: "version từ 1 trở lên" }),
  title: z.string().trim().min(3).max(120),
  description: z.string().trim().min(1).max(1000).optional(),
  audience: z.strictObject({
    roles: z
      .array(roleSchema)
      .min(1, { error: "cần ít nhất một vai trò" })
      .refine((roles) => new Set(roles).size === roles.length, { error: "vai trò bị trùng" }),
    unitLevels: z
      .array(unitLevelSchema)
      .min(1, { error: "cần ít nhất một cấp đơn vị" })
      .refine((levels) => new Set(levels).size === levels.length, { error: "cấp đơn vị bị trùng" }),
  }),
  period: periodSchema,
  fields: z.array(fieldSchema).min(1, { error: "biểu mẫu cần ít nhất một câu hỏi" }).max(60),
  checks: z.array(checkSchema).default([]),
  // One condition or a list of them (any one makes the report urgent); one is read as a list of one.
  urgentWhen: z
    .preprocess(
      (value) => (value === undefined || Array.isArray(value) ? value : [value]),
      z.array(conditionSchema).min(1, { error: "cần ít nhất một điều kiện" }),
    )
    .optional(),
  summary: summarySchema.optional(),
});

// ── Rules across fields ──────────────────────────────────────────────────────────────────────

/** Which `when` operators make sense on which type of field. */
const CONDITION_OPERATORS: Record<FieldType, readonly (typeof OPERATORS)[number][]> = {
  integer: ["equals", "in", "gt", "gte", "answered"],
  number: ["equals", "in", "gt", "gte", "answered"],
  text: ["equals", "in", "answered"],
  single_choice: ["equals", "in", "answered"],
  multi_choice: ["equals", "in", "answered"],
  yes_no: ["equals", "answered"],
  date: ["answered"],
  photo: ["answered"],
  location: ["answered"],
};

/**
 * The parts of a form the cross-field rules look at, aligned with the file's indexes. A field or
 * check that is itself invalid is null (its own problems are already reported), so the rules
 * run even when some other part of the file is broken.
 */
interface FormParts {
  keys: (string | undefined)[];
  fields: (FormField | null)[];
  checks: (CrossCheck | null)[];
  /** `urgentWhen`, one condition read as a list of one. */
  urgent: (Condition | null)[];
  summary: SummaryDeclaration | null;
}

function partsOf(data: unknown): FormParts {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const rawFields = Array.isArray(record(data).fields) ? (record(data).fields as unknown[]) : [];
  const rawChecks = Array.isArray(record(data).checks) ? (record(data).checks as unknown[]) : [];
  const rawUrgent = record(data).urgentWhen;
  const urgentList = rawUrgent === undefined ? [] : Array.isArray(rawUrgent) ? rawUrgent : [rawUrgent];
  return {
    keys: rawFields.map((raw) => {
      const key = record(raw).key;
      return typeof key === "string" ? key : undefined;
    }),
    fields: rawFields.map((raw) => {
      const parsed = fieldSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    }),
    checks: rawChecks.map((raw) => {
      const parsed = checkSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    }),
    urgent: urgentList.map((raw) => {
      const parsed = conditionSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    }),
    summary: (() => {
      const parsed = summarySchema.safeParse(record(data).summary);
      return parsed.success ? parsed.data : null;
    })(),
  };
}

type Problem = { path: (string | number)[]; message: string };

function crossFieldProblems({ keys, fields, checks, urgent, summary }: FormParts): Problem[] {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key === undefined) return;
    const first = index.get(key);
    if (first !== undefined)
      problems.push({ path: ["fields", i, "key"], message: `khóa "${key}" trùng với fields[${first}]` });
    else index.set(key, i);
  });

  fields.forEach((field, i) => {
    const when = field?.when;
    if (when) problems.push(...conditionProblems(when, ["fields", i, "when"], index, fields, i));
  });
  urgent.forEach((when, i) => {
    if (when) problems.push(...conditionProblems(when, ["urgentWhen", i], index, fields, null));
  });

  checks.forEach((check, i) => {
    if (!check) return;
    const numeric = (key: string) => {
      const at = index.get(key);
      if (at === undefined) return false;
      const field = fields[at];
      return field === null || field === undefined || isNumericField(field);
    };
    if (!numeric(check.left))
      problems.push({
        path: ["checks", i, "left"],
        message: `"${check.left}" không phải câu hỏi số (integer/number) của biểu mẫu`,
      });
    if (typeof check.right === "string" && !numeric(check.right))
      problems.push({
        path: ["checks", i, "right"],
        message: `"${check.right}" không phải câu hỏi số (integer/number) của biểu mẫu`,
      });
    if (check.right === check.left)
      problems.push({ path: ["checks", i, "right"], message: "so một câu với chính nó" });
  });
  if (summary) problems.push(...summaryProblems(summary, index, fields));
  return problems;
}

/** A key figure must name a field whose type suits its aggregate; `main` must be one of them. */
function summaryProblems(
  summary: SummaryDeclaration,
  index: Map<string, number>,
  fields: (FormField | null)[],
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  summary.figures.forEach((figure, i) => {
    const path = ["summary", "figures", i];
    if (seen.has(figure.field))
      problems.push({ path: [...path, "field"], message: `"${figure.field}" đã có trong summary` });
    seen.add(figure.field);
    const at = index.get(figure.field);
    if (at === undefined) {
      problems.push({ path: [...path, "field"], message: `không có câu hỏi "${figure.field}"` });
      return;
    }
    const field = fields[at];
    if (!field) return;
    if (figure.aggregate === "count_true" && field.type !== "yes_no")
      problems.push({
        path: [...path, "aggregate"],
        message: `count_true chỉ dùng cho câu yes_no ("${field.key}" là ${field.type})`,
      });
    if (figure.aggregate !== "count_true" && !isNumericField(field))
      problems.push({
        path: [...path, "aggregate"],
        message: `${figure.aggregate} chỉ dùng cho câu số integer/number ("${field.key}" là ${field.type})`,
      });
  });
  if (summary.main !== undefined && !seen.has(summary.main))
    problems.push({
      path: ["summary", "main"],
      message: `main phải là một trong các số liệu của summary (${[...seen].join(", ")})`,
    });
  return problems;
}

/**
 * What is wrong with one condition: an unknown field, an operator or value that does not suit
 * the field's type, and — for a `when` (`at` = the field it belongs to) — a field that does not
 * come before it. `urgentWhen` (`at` null) is judged on the sent report: any field will do.
 */
function conditionProblems(
  when: Condition,
  path: (string | number)[],
  index: Map<string, number>,
  fields: (FormField | null)[],
  at: number | null,
): Problem[] {
  const target = index.get(when.field);
  if (target === undefined)
    return [{ path: [...path, "field"], message: `không có câu hỏi "${when.field}"` }];
  if (at !== null && target >= at) {
    return [
      {
        path: [...path, "field"],
        message: `"${when.field}" phải là câu hỏi đứng trước (fields[${target}] không đứng trước fields[${at}])`,
      },
    ];
  }
  const field = fields[target];
  if (!field) return [];
  const operator = OPERATORS.find((op) => op in when) ?? "answered";
  if (!CONDITION_OPERATORS[field.type].includes(operator)) {
    return [
      {
        path: [...path, operator],
        message: `không dùng "${operator}" với câu ${field.type} (dùng: ${CONDITION_OPERATORS[field.type].join(", ")})`,
      },
    ];
  }
  const values = "equals" in when ? [when.equals] : "in" in when ? when.in : [];
  return values.flatMap((value) => {
    const bad = conditionValueProblem(field, value);
    return bad ? [{ path: [...path, operator], message: bad }] : [];
  });
}

function conditionValueProblem(
  target: FormField,
  value: string | number | boolean | undefined,
): string | null {
  switch (target.type) {
    case "yes_no":
      return typeof value === "boolean" ? null : `câu yes_no "${target.key}" cần true hoặc false`;
    case "integer":
    case "number":
      return typeof value === "number" ? null : `câu ${target.type} "${target.key}" cần một số`;
    case "single_choice":
    case "multi_choice":
      return typeof value === "string" && target.options?.some((option) => option.value === value)
        ? null
        : `"${String(value)}" không phải giá trị lựa chọn của "${target.key}" (${target.options?.map((o) => o.value).join(", ")})`;
    default:
      return typeof value === "string" ? null : `câu ${target.type} "${target.key}" cần một chuỗi`;
  }
}

/** `fields[3].options` from ["fields", 3, "options"]. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text || "(đầu tệp)";
}

/**
 * Validates a parsed form (from YAML or JSON). Returns the form with defaults filled in
 * (`required: true`, `checks: []`), or every problem found as `<file>: <path>: <message>`.
 */
export function parseFormDefinition(
  data: unknown,
  file: string,
): { form?: FormDefinition; errors: string[] } {
  const parsed = formDefinitionSchema.safeParse(data);
  const problems: { path: readonly PropertyKey[]; message: string }[] = parsed.success
    ? []
    : [...parsed.error.issues];
  problems.push(...crossFieldProblems(partsOf(data)));
  const errors = problems.map((problem) => `${file}: ${formatIssuePath(problem.path)}: ${problem.message}`);
  if (!parsed.success || errors.length > 0) return { errors };
  const form: FormDefinition = parsed.data;
  return { form, errors };
}
