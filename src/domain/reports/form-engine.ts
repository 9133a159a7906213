import { formatNumber } from "../../shared/time.js";
import {
  type Condition,
  type CrossCheck,
  type FormDefinition,
  type FormField,
  isNumericField,
} from "./form-definition.js";
import { type AnswerValue, displayDate } from "./parse-input.js";

/**
 * Walking a form: which questions are shown given the answers so far, what comes next, what is
 * missing, which cross checks fail, and how answers read in a summary.
 */

/** Absent key = not answered yet; null = skipped (optional question). */
export type Answers = Record<string, AnswerValue>;

/**
 * Whether the field's `when` holds on these answers (true without `when`). Unanswered and
 * skipped fields satisfy nothing but `answered: false`; on a multi_choice answer `equals` means
 * "includes" and `in` "includes any of". Expects answers of hidden fields to be pruned
 * (visibleFields applies conditions transitively either way).
 */
export function isVisible(field: FormField, answers: Answers): boolean {
  return field.when ? holds(field.when, answers[field.when.field]) : true;
}

function holds(condition: Condition, value: AnswerValue | undefined): boolean {
  const present = value !== undefined && value !== null;
  if ("answered" in condition) return present === condition.answered;
  if (!present) return false;
  if ("equals" in condition)
    return Array.isArray(value) ? value.includes(String(condition.equals)) : value === condition.equals;
  if ("in" in condition) {
    const wanted = condition.in;
    return Array.isArray(value)
      ? value.some((item) => wanted.includes(item))
      : (typeof value === "string" || typeof value === "number") && wanted.includes(value);
  }
  if (typeof value !== "number") return false;
  if ("gt" in condition) return value > condition.gt;
  return value >= condition.gte;
}

/**
 * The fields shown for these answers, in form order. A field that depends on a hidden field is
 * hidden too (the hidden field's stale answer does not count).
 */
export function visibleFields(form: FormDefinition, answers: Answers): FormField[] {
  const effective: Answers = {};
  const visible: FormField[] = [];
  for (const field of form.fields) {
    if (!isVisible(field, effective)) continue;
    visible.push(field);
    const value = answers[field.key];
    if (value !== undefined) effective[field.key] = value;
  }
  return visible;
}

/** The first visible field not answered yet (skipped counts as answered); null when done. */
export function nextField(form: FormDefinition, answers: Answers): FormField | null {
  return visibleFields(form, answers).find((field) => answers[field.key] === undefined) ?? null;
}

/**
 * Where a question stands, for "Câu 7 (còn 5 câu)": its 1-based position among the fields
 * visible now, and how many questions other than it may still be asked. A question that an
 * unanswered one may still reveal counts too (`certain: false` then), so the number only goes
 * down as the person answers: a "Có" that reveals four more questions never makes it jump up.
 */
export function progressOf(
  form: FormDefinition,
  answers: Answers,
  field: FormField,
): { index: number; left: number; certain: boolean } {
  const visible = visibleFields(form, answers);
  const at = visible.findIndex((candidate) => candidate.key === field.key);
  let index: number;
  if (at >= 0) index = at + 1;
  else {
    // Not visible (yet): count it where it stands in the form.
    const position = form.fields.findIndex((candidate) => candidate.key === field.key);
    index = visible.filter((candidate) => form.fields.indexOf(candidate) < position).length + 1;
  }
  let left = 0;
  let certain = true;
  for (const [key, shown] of visibilityOutlook(form, answers)) {
    if (key === field.key || shown === "hidden" || answers[key] !== undefined) continue;
    left += 1;
    if (shown === "maybe") certain = false;
  }
  return { index, left, certain };
}

/**
 * Each field's visibility as far as the answers so far decide it: "maybe" when it hangs on a
 * question not answered yet (or on one that may itself still appear).
 */
function visibilityOutlook(
  form: FormDefinition,
  answers: Answers,
): Map<string, "shown" | "hidden" | "maybe"> {
  const outlook = new Map<string, "shown" | "hidden" | "maybe">();
  for (const field of form.fields) {
    const when = field.when;
    if (!when) {
      outlook.set(field.key, "shown");
      continue;
    }
    const target = outlook.get(when.field);
    const value = answers[when.field];
    if (target === "hidden") outlook.set(field.key, holds(when, undefined) ? "shown" : "hidden");
    else if (target === "maybe" || target === undefined || value === undefined)
      outlook.set(field.key, "maybe");
    else outlook.set(field.key, holds(when, value) ? "shown" : "hidden");
  }
  return outlook;
}

/**
 * Keeps only the answers of visible fields: after an earlier answer changes ("Có" → "Không"),
 * the answers of the questions it hid are dropped (and keys the form does not have).
 */
export function pruneHidden(form: FormDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const field of visibleFields(form, answers)) {
    const value = answers[field.key];
    if (value !== undefined) kept[field.key] = value;
  }
  return kept;
}

/**
 * The cross checks that fail. A check is only judged when both sides are visible numeric
 * answers (a skipped or hidden side makes it moot).
 */
export function crossCheckErrors(
  form: FormDefinition,
  answers: Answers,
): { fields: string[]; message: string }[] {
  const visible = new Map(visibleFields(form, answers).map((field) => [field.key, field]));
  const numberOf = (key: string): number | undefined => {
    const field = visible.get(key);
    const value = answers[key];
    return field && isNumericField(field) && typeof value === "number" ? value : undefined;
  };
  const errors: { fields: string[]; message: string }[] = [];
  for (const check of form.checks) {
    const left = numberOf(check.left);
    const right = typeof check.right === "number" ? check.right : numberOf(check.right);
    if (left === undefined || right === undefined) continue;
    if (!compare(left, check.op, right)) {
      errors.push({
        fields: typeof check.right === "string" ? [check.left, check.right] : [check.left],
        message: check.message,
      });
    }
  }
  return errors;
}

function compare(left: number, op: CrossCheck["op"], right: number): boolean {
  switch (op) {
    case "<=":
      return left <= right;
    case "<":
      return left < right;
    case ">=":
      return left >= right;
    case ">":
      return left > right;
    case "==":
      return left === right;
  }
}

/** Visible required fields without an answer (absent, skipped or empty). */
export function missingRequired(form: FormDefinition, answers: Answers): FormField[] {
  return visibleFields(form, answers).filter((field) => {
    if (!field.required) return false;
    const value = answers[field.key];
    if (value === undefined || value === null) return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object" && "fileIds" in value) return value.fileIds.length === 0;
    return typeof value === "string" && value.trim() === "";
  });
}

/**
 * One answer as people read it: "1.500 hộ", "20%", "Có", "05/09/2026", "Lương thực, Y tế",
 * "2 ảnh", "📍 18.3428, 105.9057", "(bỏ qua)" when skipped, "—" when not answered.
 */
export function formatAnswer(field: FormField, value: AnswerValue | undefined, locale: "vi" | "en"): string {
  const en = locale === "en";
  if (value === undefined) return "—";
  if (value === null) return en ? "(skipped)" : "(bỏ qua)";
  if (typeof value === "number") {
    const shown = formatNumber(value, locale);
    if (!field.unit) return shown;
    return field.unit === "%" ? `${shown}%` : `${shown} ${field.unit}`;
  }
  if (typeof value === "boolean") return value ? (en ? "Yes" : "Có") : en ? "No" : "Không";
  const label = (choice: string) => field.options?.find((option) => option.value === choice)?.label ?? choice;
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(label).join(", ");
  if (typeof value === "object") {
    if ("fileIds" in value) {
      const count = value.fileIds.length;
      return en ? `${count} photo${count === 1 ? "" : "s"}` : `${count} ảnh`;
    }
    return `📍 ${value.latitude.toFixed(4)}, ${value.longitude.toFixed(4)}`;
  }
  if (field.type === "single_choice") return label(value);
  if (field.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return displayDate(value);
  return value;
}

/**
 * A question as it leads its answer in a summary: "Đã xảy ra việc gì?" stays a question
 * (followed by the answer), anything else ends in a colon — never "…?: 120 hộ".
 */
export function summaryLabel(label: string): string {
  const trimmed = label.trim();
  if (/[?？]$/.test(trimmed)) return trimmed;
  return `${trimmed.replace(/[.:：;,…]+$/, "")}:`;
}

/**
 * Whether a report is urgent: one of the form's `urgentWhen` conditions holds on its visible
 * answers. Returns the fields that make it so (empty: not urgent).
 */
export function urgentFields(form: FormDefinition, answers: Answers): FormField[] {
  const visible = visibleFields(form, answers);
  const shown = new Map(visible.map((field) => [field.key, field]));
  const found: FormField[] = [];
  for (const condition of form.urgentWhen ?? []) {
    const field = shown.get(condition.field);
    if (!field || !holds(condition, answers[condition.field])) continue;
    if (!found.includes(field)) found.push(field);
  }
  return found;
}

/** The visible fields in order, each with its answer formatted (for the summary before submit). */
export function summaryLines(
  form: FormDefinition,
  answers: Answers,
  locale: "vi" | "en",
): { field: FormField; text: string }[] {
  return visibleFields(form, answers).map((field) => ({
    field,
    text: formatAnswer(field, answers[field.key], locale),
  }));
}
