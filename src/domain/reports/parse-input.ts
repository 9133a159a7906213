import { foldText, matchTypedChoice } from "../../shared/fold.js";
import { sanitizeText, visibleLength } from "../../shared/text.js";
import { formatNumber } from "../../shared/time.js";
import { DEFAULT_MAX_LENGTH, type FormField } from "./form-definition.js";
import { dayNumber, daysInMonth, fromDayNumber, type LocalDate, localDateParts } from "./periods.js";

/**
 * What people type or send in answer to one question of a report form, and what it means.
 * Errors are short, precise Vietnamese sentences the conversation sends as they are.
 */

export type AnswerValue =
  | number
  | string
  | boolean
  | string[]
  | { fileIds: string[] }
  | { latitude: number; longitude: number }
  | null;

export type UserInput =
  | { kind: "text"; text: string }
  | { kind: "choice"; value: string }
  | { kind: "photo"; fileId: string }
  | { kind: "location"; latitude: number; longitude: number }
  | { kind: "other" };

export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; error: string };

// ── Numbers ──────────────────────────────────────────────────────────────────────────────────

/** Multipliers, longest spelling first (after folding: "triệu" → "trieu", "tỷ" → "ty"). */
const MULTIPLIERS: [string, number][] = [
  ["trieu", 1e6],
  ["nghin", 1e3],
  ["ngan", 1e3],
  ["ty", 1e9],
  ["ti", 1e9],
  ["tr", 1e6],
  ["k", 1e3],
];
/** Money words: the number is an amount in đồng. */
const MONEY_UNITS = ["dong", "vnd", "d"];
/** Unit words that may follow a number and are ignored (folded, longest first). */
const UNIT_WORDS = [
  "ho can ngheo",
  "ho gia dinh",
  "ho ngheo",
  "nhan khau",
  "phan tram",
  "hoc sinh",
  "the bhyt",
  "can nha",
  "nguoi",
  "khau",
  "suat",
  "luot",
  "the",
  "nha",
  "can",
  "cai",
  "em",
  "hs",
  "ho",
  "%",
  ...MONEY_UNITS,
];
/** Words before a number that do not change it ("khoảng 20", "tầm 20", "có 15 hộ"). */
const APPROXIMATELY = /^(?:khoang chung|khoang|uoc tinh|uoc|tam|chung|co)\s+/;

const NUMBER_TOKEN = /\d(?:[\d.,]*\d)?/y;
const SPACES = /\s*/y;

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/−/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * "1.500" → 1500, "1,5" → 1.5, "1.500.000,5" → 1500000.5, "1.5" → 1.5; null when malformed.
 * A single dot followed by exactly three digits (and a non-zero whole part of 1–3 digits) is a
 * thousands dot; any other single dot is a decimal point. A single comma is always decimal.
 * Several dots (or several commas) are thousands separators and need groups of three digits.
 * With both, the last one is the decimal separator.
 */
function readDigits(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const dots = token.split(".").length - 1;
  const commas = token.split(",").length - 1;
  const grouped = (whole: string, separator: string) =>
    new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`).test(whole)
      ? Number(whole.split(separator).join(""))
      : null;
  if (dots > 0 && commas > 0) {
    const decimal = token.lastIndexOf(".") > token.lastIndexOf(",") ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const at = token.lastIndexOf(decimal);
    const whole = token.slice(0, at);
    const fraction = token.slice(at + 1);
    if (!/^\d+$/.test(fraction) || whole.includes(decimal)) return null;
    const wholeValue = /^\d+$/.test(whole) ? Number(whole) : grouped(whole, thousands);
    return wholeValue === null ? null : Number(`${wholeValue}.${fraction}`);
  }
  if (dots > 1) return grouped(token, ".");
  if (commas > 1) return grouped(token, ",");
  const separator = dots === 1 ? "." : ",";
  const [whole = "", fraction = ""] = token.split(separator);
  if (separator === "." && fraction.length === 3 && whole.length <= 3 && !whole.startsWith("0"))
    return Number(whole + fraction);
  return Number(`${whole}.${fraction}`);
}

/** Matches one of `words` at `at`, as a whole word (not followed by a letter). */
function wordAt(text: string, at: number, words: readonly string[]): string | undefined {
  return words.find(
    (word) => text.startsWith(word, at) && !/[a-z]/.test(text.charAt(at + word.length) || " "),
  );
}

/**
 * The number in a typed answer and whether it was written as an amount of money or with a
 * multiplier (then a field whose unit is "triệu đồng" converts it). See parseVietnameseNumber.
 */
function readNumber(text: string): { value: number; scaled: boolean } | null {
  let s = fold(text).replace(/[.!?]+$/, "");
  s = s.replace(APPROXIMATELY, "");
  let at = 0;
  let sign = 1;
  if (s[0] === "-" || s[0] === "+") {
    sign = s[0] === "-" ? -1 : 1;
    at = 1;
  }
  const skipSpaces = () => {
    SPACES.lastIndex = at;
    SPACES.exec(s);
    at = SPACES.lastIndex;
  };
  const number = (): string | null => {
    NUMBER_TOKEN.lastIndex = at;
    const match = NUMBER_TOKEN.exec(s);
    if (!match) return null;
    at = NUMBER_TOKEN.lastIndex;
    return match[0];
  };

  let total = 0;
  let scaled = false;
  let lastMultiplier = Number.POSITIVE_INFINITY;
  const first = number();
  if (first === null) return null;
  let token: string | null = first;
  // number [multiplier [number multiplier]… [remainder]]
  while (token !== null) {
    const value = readDigits(token);
    if (value === null) return null;
    const before = at;
    skipSpaces();
    const word = wordAt(
      s,
      at,
      MULTIPLIERS.map(([name]) => name),
    );
    const multiplier = MULTIPLIERS.find(([name]) => name === word)?.[1];
    if (word === undefined || multiplier === undefined) {
      // A bare number after a multiplier is its remainder: "2tr5" = 2,5 triệu, "5 nghìn 500".
      if (lastMultiplier === Number.POSITIVE_INFINITY) total += value;
      else if (/^\d$/.test(token)) total += (value / 10) * lastMultiplier;
      else if (/^\d{3}$/.test(token) && lastMultiplier >= 1000) total += (value / 1000) * lastMultiplier;
      else return null;
      at = before;
      break;
    }
    if (multiplier >= lastMultiplier) return null;
    total += value * multiplier;
    lastMultiplier = multiplier;
    scaled = true;
    at += word.length;
    skipSpaces();
    if (wordAt(s, at, ["ruoi"])) {
      total += 0.5 * multiplier;
      at += "ruoi".length;
      break;
    }
    token = number();
  }
  skipSpaces();
  const unit = wordAt(s, at, UNIT_WORDS) ?? (s.startsWith("%", at) ? "%" : undefined);
  if (unit) {
    if (MONEY_UNITS.includes(unit)) scaled = true;
    at += unit.length;
    skipSpaces();
  }
  if (at !== s.length) return null;
  return { value: sign * Number(total.toPrecision(12)), scaled };
}

/**
 * Reads a number the way Vietnamese people type it; null for anything else.
 *
 * - Digits: "15", "-3", "+5". A dot before exactly three digits is a thousands dot ("1.500" =
 *   1500, "1.500.000" = 1 500 000); a dot before 1, 2 or 4+ digits is a decimal point ("1.5" =
 *   1,5, "0.500" = 0,5). A single comma is always the decimal comma ("1,5" = 1,5; also "1,500" =
 *   1,5); several commas are thousands ("1,500,000"). With both, the last is the decimal
 *   ("1.500.000,5").
 * - Multipliers: "triệu"/"tr" × 1 000 000, "nghìn"/"ngàn"/"k" × 1 000, "tỷ"/"tỉ" × 10^9; spaced
 *   or attached ("2tr", "500k", "1,5 triệu"). Several in decreasing order add up ("2 triệu 500
 *   nghìn"). After the last multiplier a single digit is tenths of it and three digits are
 *   thousandths: "2tr5" = "2 tr 5" = 2 500 000, "2 triệu 500" = 2 500 000, "5k5" = 5 500;
 *   "rưỡi" is a half ("2 triệu rưỡi"). Two digits there ("2tr50") are ambiguous → null.
 * - Unit words after the number are ignored: hộ, người, thẻ, nhà, căn, học sinh, đồng, đ, vnd,
 *   %, phần trăm… ("15 hộ", "1.500.000đ", "20%"). Leading "khoảng", "tầm", "chừng", "ước", "có"
 *   are ignored ("khoảng 20"). Accents are optional.
 * - Rejected: words ("mười lăm"), two numbers ("15 20", "15-20"), ranges, empty text.
 */
export function parseVietnameseNumber(text: string): number | null {
  return readNumber(text)?.value ?? null;
}

/** 10^6 for a field whose unit is "triệu đồng", 10^3 for "nghìn đồng", 10^9 for "tỷ đồng", else 1. */
function unitScale(unit: string | undefined): number {
  const words = foldText(unit ?? "").split(" ");
  if (words.includes("ty") || words.includes("ti")) return 1e9;
  if (words.includes("trieu") || words.includes("tr")) return 1e6;
  if (words.includes("nghin") || words.includes("ngan")) return 1e3;
  return 1;
}

// ── Dates ────────────────────────────────────────────────────────────────────────────────────

const RELATIVE_DAYS: Record<string, number> = {
  "hom nay": 0,
  hnay: 0,
  "hom qua": -1,
  "hom kia": -2,
  "ngay mai": 1,
  mai: 1,
};

type DateReading = { iso: string } | { invalid: string } | { year: number } | null;

/** Dates a report can mean: nothing before 1/1/1900 (a typo such as 5/9/0026), nothing after 2100. */
export const MIN_DATE_YEAR = 1900;
export const MAX_DATE_YEAR = 2100;

function readDate(text: string, today: Date, timeZone: string): DateReading {
  const s = fold(text)
    .replace(/[.!?]+$/, "")
    .replace(/^(?:ngay|mung|mong)\s+/, "");
  const local = localDateParts(today, timeZone);
  const relative = RELATIVE_DAYS[s];
  if (relative !== undefined) return { iso: isoDate(fromDayNumber(dayNumber(local) + relative)) };

  let day: string | undefined;
  let month: string | undefined;
  let year: string | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/.exec(s);
  const words = /^(\d{1,2}) thang (\d{1,2})(?:(?: nam|,| ) ?(\d{4}|\d{2}))?$/.exec(s);
  if (iso) [, year, month, day] = iso;
  else if (numeric) [, day, , month, year] = numeric;
  else if (words) [, day, month, year] = words;
  else return null;

  const y = year === undefined ? local.year : year.length === 2 ? 2000 + Number(year) : Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < MIN_DATE_YEAR || y > MAX_DATE_YEAR) return { year: y };
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    return { invalid: `${d}/${m}${year === undefined ? "" : `/${y}`}` };
  return { iso: isoDate({ year: y, month: m, day: d }) };
}

/**
 * Reads a date as ISO "YYYY-MM-DD" (a local calendar date in `timeZone`); null when it is not a
 * date or does not exist (31/2).
 *
 * - "5/9", "05/09/2026", "5-9-2026", "5.9.2026", "5/9/26" (2-digit years are 20xx), "2026-09-05".
 * - "ngày 5 tháng 9", "mùng 5 tháng 9 năm 2026", "5 tháng 9, 2026".
 * - "hôm nay"/"hom nay", "hôm qua", "hôm kia", "ngày mai" — relative to `today` in `timeZone`.
 * - Without a year the date is in the current local year, even when that is in the future
 *   ("31/12" typed on 2 January 2027 is 31/12/2027); a field with `notFuture` then refuses it
 *   and asks for the year.
 */
export function parseVietnameseDate(text: string, today: Date, timeZone: string): string | null {
  const reading = readDate(text, today, timeZone);
  return reading && "iso" in reading ? reading.iso : null;
}

function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** "2026-09-05" → "05/09/2026". */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

// ── Answers ──────────────────────────────────────────────────────────────────────────────────

const YES = new Set(["co", "co roi", "da co", "roi", "da", "yes", "y", "c", "1", "ok", "dung", "dung roi"]);
const NO = new Set(["khong", "khong co", "ko", "k", "kh", "no", "n", "0", "chua", "chua co"]);

/** What each type needs, and how to give it. */
const NEEDS: Record<FormField["type"], { need: string; how: string }> = {
  integer: { need: "một con số", how: "Hãy gõ một số, ví dụ: 15." },
  number: { need: "một con số", how: "Hãy gõ một số, ví dụ: 15 hoặc 2,5." },
  text: { need: "câu trả lời bằng chữ", how: "Hãy gõ câu trả lời." },
  single_choice: { need: "một lựa chọn", how: "Hãy bấm một nút hoặc gõ số thứ tự." },
  multi_choice: {
    need: "chọn trong danh sách",
    how: "Hãy bấm các nút rồi bấm Xong, hoặc gõ số thứ tự, ví dụ: 1, 3.",
  },
  yes_no: { need: "câu trả lời Có hoặc Không", how: "Hãy bấm Có hoặc Không." },
  date: { need: "một ngày", how: "Hãy gõ ngày, ví dụ: 5/9, 05/09/2026 hoặc “hôm nay”." },
  photo: { need: "ảnh", how: "Hãy gửi ảnh (bấm 📎 rồi chọn ảnh)." },
  location: { need: "vị trí", how: "Hãy gửi vị trí (bấm 📎 → Vị trí)." },
};

function wrongKind(field: FormField, input: UserInput): ParseResult {
  const { need, how } = NEEDS[field.type];
  const got = input.kind === "photo" ? "ảnh" : input.kind === "location" ? "vị trí" : null;
  return {
    ok: false,
    error: got ? `Câu này cần ${need}, không phải ${got}.` : `Câu này cần ${need}. ${how}`,
  };
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}

/** Longest excerpt of what was typed that an error repeats. */
const QUOTE_LENGTH = 40;

/**
 * What the person typed, for repeating it in an error: on one line and cut short, so a pasted
 * page of text does not come back as a message longer than Telegram allows (4096 characters).
 */
function quote(text: string): string {
  const chars = [...text.trim().replace(/\s+/g, " ")];
  return chars.length <= QUOTE_LENGTH ? chars.join("") : `${chars.slice(0, QUOTE_LENGTH - 1).join("")}…`;
}

function numberWithUnit(value: number, unit: string | undefined): string {
  const shown = formatNumber(value, "vi");
  if (!unit) return shown;
  return unit === "%" ? `${shown}%` : `${shown} ${unit}`;
}

/** "từ 0 đến 500 hộ", "từ 0 hộ trở lên", "không quá 500 hộ", "". */
function rangeText(field: FormField): string {
  const { min, max, unit } = field;
  if (min !== undefined && max !== undefined)
    return `từ ${formatNumber(min, "vi")} đến ${numberWithUnit(max, unit)}`;
  if (min !== undefined) return `từ ${numberWithUnit(min, unit)} trở lên`;
  if (max !== undefined) return `không quá ${numberWithUnit(max, unit)}`;
  return "";
}

function exampleFor(field: FormField): string {
  const preferred = field.type === "integer" ? 15 : 2.5;
  const clamped = Math.min(Math.max(preferred, field.min ?? preferred), field.max ?? preferred);
  return formatNumber(field.type === "integer" ? Math.round(clamped) : clamped, "vi");
}

function parseNumeric(field: FormField, text: string): ParseResult {
  const integer = field.type === "integer";
  const kind = integer ? "một số nguyên" : "một số";
  const range = rangeText(field);
  const wanted = `${kind}${range ? ` ${range}` : ""}`;
  const read = readNumber(text);
  if (!read) return fail(`Cần ${wanted} (ví dụ: ${exampleFor(field)}).`);
  const scale = unitScale(field.unit);
  const value = read.scaled && scale !== 1 ? Number((read.value / scale).toPrecision(12)) : read.value;
  if (integer && !Number.isInteger(value))
    return fail(
      `Cần một số nguyên, không có phần lẻ (ví dụ: ${exampleFor(field)}); bạn gõ ${formatNumber(value, "vi")}.`,
    );
  if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
    return fail(`Cần ${wanted}; bạn gõ ${numberWithUnit(value, field.unit)}.`);
  return { ok: true, value };
}

function parseText(field: FormField, text: string): ParseResult {
  const value = sanitizeText(text).trim();
  const length = [...value].length;
  // Zero-width spaces and joiners take room in the database, none on screen: not an answer.
  const visible = visibleLength(value);
  const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if (visible === 0) return fail("Bạn chưa gõ gì. Hãy gõ câu trả lời.");
  if (length > maxLength) return fail(`Dài quá: ${length} ký tự, tối đa ${maxLength}. Hãy viết gọn lại.`);
  if (field.minLength !== undefined && visible < field.minLength)
    return fail(`Hãy viết rõ hơn: cần ít nhất ${field.minLength} ký tự (mới có ${visible}).`);
  if (field.pattern !== undefined && !new RegExp(field.pattern, "u").test(value))
    return fail(field.patternMessage ?? "Câu trả lời chưa đúng dạng yêu cầu.");
  return { ok: true, value };
}

function parseYesNo(input: UserInput): ParseResult | null {
  if (input.kind === "choice") {
    if (input.value === "yes") return { ok: true, value: true };
    if (input.value === "no") return { ok: true, value: false };
    return fail("Hãy bấm Có hoặc Không.");
  }
  if (input.kind !== "text") return null;
  const folded = foldText(input.text);
  if (YES.has(folded)) return { ok: true, value: true };
  if (NO.has(folded)) return { ok: true, value: false };
  return fail("Chưa rõ là có hay không. Hãy bấm Có hoặc Không (hoặc gõ “có”, “không”).");
}

function optionsOf(field: FormField) {
  return field.options ?? [];
}

function chooseHint(field: FormField): string {
  return `Hãy bấm một nút hoặc gõ số thứ tự (1–${optionsOf(field).length}).`;
}

function parseSingleChoice(field: FormField, input: UserInput): ParseResult | null {
  const options = optionsOf(field);
  if (input.kind === "choice") {
    return options.some((option) => option.value === input.value)
      ? { ok: true, value: input.value }
      : fail(`Lựa chọn này không có trong câu hỏi. ${chooseHint(field)}`);
  }
  if (input.kind !== "text") return null;
  const value = matchTypedChoice(input.text, options);
  if (value !== undefined) return { ok: true, value };
  const trimmed = input.text.trim();
  if (/^\d{1,3}$/.test(trimmed)) return fail(`Không có lựa chọn số ${trimmed}. ${chooseHint(field)}`);
  return fail(`Chưa rõ bạn chọn gì. ${chooseHint(field)}`);
}

/** Orders selected values like the options and drops unknown or repeated ones. */
function inOptionOrder(field: FormField, values: readonly string[]): string[] {
  const chosen = new Set(values);
  return optionsOf(field)
    .map((option) => option.value)
    .filter((value) => chosen.has(value));
}

function parseMultiChoice(
  field: FormField,
  input: UserInput,
  previous: AnswerValue | undefined,
): ParseResult | null {
  const options = optionsOf(field);
  const current = Array.isArray(previous) ? previous : [];
  if (input.kind === "choice") {
    if (!options.some((option) => option.value === input.value))
      return fail(`Lựa chọn này không có trong câu hỏi. ${chooseHint(field)}`);
    if (current.includes(input.value))
      return { ok: true, value: current.filter((value) => value !== input.value) };
    if (field.max !== undefined && current.length >= field.max)
      return fail(`Chỉ chọn tối đa ${field.max} mục. Bỏ chọn một mục trước khi chọn mục khác.`);
    return { ok: true, value: inOptionOrder(field, [...current, input.value]) };
  }
  if (input.kind !== "text") return null;
  const whole = /^\d/.test(input.text.trim()) ? undefined : matchTypedChoice(input.text, options);
  const selected: string[] = [];
  if (whole !== undefined) selected.push(whole);
  else {
    const parts = input.text
      .split(/[,;]+/)
      .map((part) => part.trim())
      .filter((part) => part !== "");
    if (parts.length === 0) return fail(`Bạn chưa chọn gì. ${NEEDS.multi_choice.how}`);
    for (const part of parts) {
      if (/^\d+(\s+\d+)*$/.test(part)) {
        for (const number of part.split(/\s+/)) {
          const option = options[Number(number) - 1];
          if (!option) return fail(`Không có lựa chọn số ${quote(number)} (chỉ có 1–${options.length}).`);
          selected.push(option.value);
        }
        continue;
      }
      const value = matchTypedChoice(part, options);
      if (value === undefined)
        return fail(`Không rõ “${quote(part)}” là lựa chọn nào. Gõ số thứ tự, ví dụ: 1, 3.`);
      selected.push(value);
    }
  }
  return finishMultiChoice(field, selected);
}

/**
 * Ends a multi-choice question (the "Xong" button): at least `min` selections (1 when required,
 * unless `min` says otherwise), at most `max`. Nothing selected on an optional question = skipped
 * (null).
 */
export function finishMultiChoice(field: FormField, value: string[] | null): ParseResult {
  const selected = inOptionOrder(field, value ?? []);
  if (selected.length === 0 && !field.required) return { ok: true, value: null };
  const min = field.min ?? (field.required ? 1 : 0);
  if (selected.length < min) return fail(`Hãy chọn ít nhất ${min} mục (đang chọn ${selected.length}).`);
  if (field.max !== undefined && selected.length > field.max)
    return fail(`Chỉ chọn tối đa ${field.max} mục (đang chọn ${selected.length}).`);
  return { ok: true, value: selected };
}

function parsePhoto(
  field: FormField,
  input: UserInput,
  previous: AnswerValue | undefined,
): ParseResult | null {
  if (input.kind !== "photo") return null;
  const fileIds = isPhotos(previous) ? previous.fileIds : [];
  if (fileIds.includes(input.fileId)) return { ok: true, value: { fileIds } };
  if (field.max !== undefined && fileIds.length >= field.max)
    return fail(`Đã đủ ${field.max} ảnh (tối đa). Bấm Xong để tiếp tục.`);
  return { ok: true, value: { fileIds: [...fileIds, input.fileId] } };
}

function isPhotos(value: AnswerValue | undefined): value is { fileIds: string[] } {
  return typeof value === "object" && value !== null && "fileIds" in value;
}

/**
 * Ends a photo question (the "Xong" button): at least `min` photos (1 when required, unless
 * `min` says otherwise), at most `max`. No photo on an optional question = skipped (null).
 */
export function finishPhotos(field: FormField, value: { fileIds: string[] } | null | undefined): ParseResult {
  const count = value?.fileIds.length ?? 0;
  if (count === 0 && !field.required) return { ok: true, value: null };
  const min = field.min ?? (field.required ? 1 : 0);
  if (count < min) return fail(`Cần ít nhất ${min} ảnh (đã nhận ${count}). Hãy gửi thêm ảnh.`);
  if (field.max !== undefined && count > field.max)
    return fail(`Chỉ được gửi tối đa ${field.max} ảnh (đã nhận ${count}).`);
  return { ok: true, value: { fileIds: value?.fileIds ?? [] } };
}

function parseLocation(input: UserInput): ParseResult | null {
  let latitude: number;
  let longitude: number;
  if (input.kind === "location") ({ latitude, longitude } = input);
  else if (input.kind === "text") {
    // Typed coordinates, as copied from a map: "18.3428, 105.9057".
    const match = /^(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(input.text.trim());
    if (!match) return null;
    latitude = Number(match[1]);
    longitude = Number(match[2]);
  } else return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    return fail("Vị trí không hợp lệ. Hãy gửi lại vị trí.");
  return { ok: true, value: { latitude, longitude } };
}

function parseDate(field: FormField, text: string, today: Date, timeZone: string): ParseResult {
  const reading = readDate(text, today, timeZone);
  if (reading === null)
    return fail(`Chưa hiểu ngày “${quote(text)}”. Hãy gõ ngày/tháng, ví dụ: 5/9, 05/09/2026 hoặc “hôm nay”.`);
  if ("invalid" in reading) return fail(`Không có ngày ${reading.invalid}. Hãy kiểm tra lại ngày và tháng.`);
  if ("year" in reading)
    return fail(
      `Năm ${reading.year} không hợp lệ: hãy gõ một ngày từ 01/01/${MIN_DATE_YEAR} đến 31/12/${MAX_DATE_YEAR}, ví dụ 05/09/2026.`,
    );
  if (field.notFuture) {
    const local = isoDate(localDateParts(today, timeZone));
    if (reading.iso > local) {
      const [year, month, day] = reading.iso.split("-");
      return fail(
        `Ngày ${displayDate(reading.iso)} chưa tới. Nếu là năm trước, hãy gõ đủ năm (ví dụ: ${day}/${month}/${Number(year) - 1}).`,
      );
    }
  }
  return { ok: true, value: reading.iso };
}

/**
 * The answer one input gives to one field, or why it does not.
 *
 * - integer/number: parseVietnameseNumber; integers refuse "1,5"; min/max with the unit in the
 *   message. A field whose unit is "triệu đồng" (or "nghìn đồng", "tỷ đồng") takes a bare number
 *   in that unit ("150") and converts an amount written with a multiplier or in đồng ("1,5 tỷ"
 *   → 1500, "1.500.000đ" → 1,5).
 * - yes_no: choice "yes"/"no", or typed có/không/co/khong/rồi/chưa/yes/no/c/k/1/0.
 * - single_choice: a choice value, the option's 1-based number, or its label typed loosely.
 * - multi_choice: a choice input toggles that value in `previous` (refused beyond `max`); typed
 *   text ("1, 3", "1 3", "lương thực, y tế") is a complete answer that replaces the taps and
 *   is checked like finishMultiChoice.
 * - text: trimmed; minLength, maxLength (default 1000), pattern.
 * - date: parseVietnameseDate; `notFuture` refuses dates after today (local).
 * - photo: a photo adds its file id to `previous` (refused beyond `max`); see finishPhotos.
 * - location: a shared location, or typed "lat, lon".
 * Anything else (a sticker, a photo for a number…) → "Câu này cần một con số, không phải ảnh."
 */
export function parseAnswer(
  field: FormField,
  input: UserInput,
  context: { today: Date; timeZone: string; previous?: AnswerValue },
): ParseResult {
  let result: ParseResult | null = null;
  switch (field.type) {
    case "integer":
    case "number":
      if (input.kind === "text") result = parseNumeric(field, input.text);
      break;
    case "text":
      if (input.kind === "text") result = parseText(field, input.text);
      break;
    case "yes_no":
      result = parseYesNo(input);
      break;
    case "single_choice":
      result = parseSingleChoice(field, input);
      break;
    case "multi_choice":
      result = parseMultiChoice(field, input, context.previous);
      break;
    case "date":
      if (input.kind === "text") result = parseDate(field, input.text, context.today, context.timeZone);
      break;
    case "photo":
      result = parsePhoto(field, input, context.previous);
      break;
    case "location":
      result = parseLocation(input);
      break;
  }
  return result ?? wrongKind(field, input);
}
