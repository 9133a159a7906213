import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentResource } from "@fluent/bundle";
import type { Update, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_UNITS } from "../../src/db/demo-data.js";
import type { FormDefinition, FormField } from "../../src/domain/reports/form-definition.js";
import {
  type Answers,
  crossCheckErrors,
  missingRequired,
  pruneHidden,
  summaryLabel,
} from "../../src/domain/reports/form-engine.js";
import { FORMS_DIR, loadForms } from "../../src/domain/reports/load-forms.js";
import { parseAnswer, type UserInput } from "../../src/domain/reports/parse-input.js";
import { loadStoredForm } from "../../src/domain/reports/report-store.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { escapeHtml } from "../../src/shared/html.js";
import { parseTelegramHtml } from "../../src/simulator/telegram-html.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, TEST_DIALECT, type TempDb } from "../helpers/temp-db.js";
import { type ApiCall, createTestBot, TEST_BOT_INFO, type TestBot } from "../helpers/test-bot.js";
import {
  callback,
  command,
  contact,
  document,
  location,
  photo,
  redelivered,
  sticker,
  textMessage,
  USERS,
} from "../helpers/updates.js";

/**
 * Fuzzing the report conversations: thousands of random updates — free text in every script
 * and length, numbers and dates in every spelling, stickers, photos, locations, files,
 * commands, stale and forged buttons, re-deliveries — mixed with the buttons the bot is
 * currently showing and plausible answers, so the walk goes deep into the forms, reaches the
 * summaries, submits, gets reports sent back by the commune and corrects them.
 *
 * Checked on every update: handling never rejects and never reaches the error boundary; every
 * text the bot sends is a message it knows (a Fluent message, a form question, a parse error…),
 * within Telegram's limits and valid for its parse mode; every button press is answered once.
 * At the end the stored reports are consistent with their forms.
 *
 * A failure lists, for the first few of each kind, the updates that led to it in that chat (the
 * label of each button pressed: the data of form buttons carries a time stamp). Run it again with
 * the seed it prints: FUZZ_SEED=<seed> npx vitest run test/bot/report-fuzz.test.ts
 * (FUZZ_STEPS=<n> changes the number of updates).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const STEPS = Number(process.env.FUZZ_STEPS ?? 10_000);
const TELEGRAM_TEXT_LIMIT = 4096;
const TELEGRAM_CAPTION_LIMIT = 1024;
const CALLBACK_ALERT_LIMIT = 200;
const CALLBACK_DATA_LIMIT = 64;

// ── Randomness ───────────────────────────────────────────────────────────────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (p: number) => random() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
function weighted<T>(entries: readonly (readonly [number, T])[]): T {
  const total = entries.reduce((sum, [weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [weight, value] of entries) {
    at -= weight;
    if (at < 0) return value;
  }
  const last = entries.at(-1);
  if (!last) throw new Error("weighted pick from an empty list");
  return last[1];
}

// ── What the bot may say ─────────────────────────────────────────────────────────────────────

const FORMS: FormDefinition[] = loadForms(FORMS_DIR).forms;
const ALL_FIELDS: FormField[] = FORMS.flatMap((form) => form.fields);
const LOCALES_DIR = fileURLToPath(new URL("../../src/i18n/locales/vi", import.meta.url));

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternatives = (texts: readonly string[]) => `(?:${texts.map(escapeRegex).join("|")})`;

/** What a Fluent variable of this name may hold in the messages of the report flow. */
const VARIABLE_PATTERNS: Record<string, string> = {
  form: alternatives(FORMS.map((form) => escapeHtml(form.title))),
  label: alternatives(ALL_FIELDS.map((field) => escapeHtml(field.label))),
  message: alternatives(FORMS.flatMap((form) => form.checks.map((check) => escapeHtml(check.message)))),
  index: "\\d+",
  total: "\\d+",
  left: "\\d+",
  count: "\\d+",
  reported: "\\d+",
  command: "/\\S*",
  period: "[^\\n]+",
  name: "[^\\n]+",
  role: "[^\\n]+",
  unit: "[^\\n]+",
  task: "[^\\n]+",
  value: "[\\s\\S]*?",
};
const ANYTHING = "[\\s\\S]+?";
/** A unit of the demo tree, and a list of them (a summary's units without a report). */
const UNIT_NAME = alternatives(DEMO_UNITS.map((unit) => escapeHtml(unit.name)));
VARIABLE_PATTERNS.parent = UNIT_NAME;
VARIABLE_PATTERNS.units = `${UNIT_NAME}(?:, ${UNIT_NAME})*`;

interface FluentLiteral {
  type: "str" | "num";
  value: string | number;
}
interface FluentExpression {
  type: string;
  name?: string;
  value?: string | number;
  variants?: { key: FluentLiteral; value: FluentPattern }[];
}
type FluentPattern = string | (string | FluentExpression)[];

/** A Fluent message as a regular expression: placeables match what they may hold. */
function patternRegex(pattern: FluentPattern, messages: Map<string, FluentPattern>, depth = 0): string {
  if (typeof pattern === "string") return escapeRegex(pattern);
  return pattern
    .map((element) => {
      if (typeof element === "string") return escapeRegex(element);
      switch (element.type) {
        case "var":
          return VARIABLE_PATTERNS[element.name ?? ""] ?? ANYTHING;
        case "str":
        case "num":
          return escapeRegex(String(element.value));
        case "select":
          return `(?:${(element.variants ?? []).map((variant) => patternRegex(variant.value, messages, depth + 1)).join("|")})`;
        case "mesg": {
          const referenced = messages.get(element.name ?? "");
          return referenced !== undefined && depth < 5
            ? patternRegex(referenced, messages, depth + 1)
            : ANYTHING;
        }
        default:
          return ANYTHING;
      }
    })
    .join("");
}

/** The fixed text of a message, including that of every variant of its selectors. */
function literalText(pattern: FluentPattern): string {
  if (typeof pattern === "string") return pattern;
  return pattern
    .map((element) => {
      if (typeof element === "string") return element;
      return (element.variants ?? []).map((variant) => literalText(variant.value)).join("");
    })
    .join("");
}

interface Template {
  source: string;
  /** Contains markup (<b>, &amp;…): only right in messages sent with parse_mode HTML. */
  html: boolean;
}

const ADMIN_ONLY = /^(imp|undo)-/;

function fluentTemplates(): Map<string, Template> {
  const messages = new Map<string, FluentPattern>();
  for (const file of readdirSync(LOCALES_DIR).filter((name) => name.endsWith(".ftl"))) {
    const resource = new FluentResource(readFileSync(join(LOCALES_DIR, file), "utf8"));
    for (const entry of resource.body) {
      if (entry.id.startsWith("-") || entry.value === null) continue;
      messages.set(entry.id, entry.value as unknown as FluentPattern);
    }
  }
  const templates = new Map<string, Template>();
  for (const [id, pattern] of messages) {
    // Roster imports and their undo are for administrators, whom the fuzzer never plays; their
    // list lines ("• { $name }: { $fields }") would pass for almost any garbled line.
    if (ADMIN_ONLY.test(id)) continue;
    const literal = literalText(pattern);
    // A message that is only a placeable would match anything.
    if (literal.trim() === "") continue;
    templates.set(id, { source: patternRegex(pattern, messages), html: /<\/?[a-z]|&[a-z#]/.test(literal) });
  }
  return templates;
}

/**
 * Parse errors of src/domain/reports/parse-input.ts: the fixed ones collected by asking
 * parseAnswer itself, the ones that repeat what was typed as patterns.
 */
function parseErrorTemplates(): Template[] {
  const today = new Date("2026-11-22T09:00:00+07:00");
  const inputs: UserInput[] = [
    { kind: "other" },
    { kind: "photo", fileId: "x" },
    { kind: "location", latitude: 1, longitude: 2 },
    { kind: "choice", value: "zzz" },
    { kind: "text", text: "zzz" },
    { kind: "text", text: "" },
    { kind: "text", text: "999, 999" },
  ];
  const fixed = new Set<string>();
  for (const field of ALL_FIELDS) {
    for (const input of inputs) {
      const result = parseAnswer(field, input, { today, timeZone: "Asia/Ho_Chi_Minh" });
      // Those repeating the input are matched by the patterns below.
      if (!result.ok && !/zzz|999/.test(result.error)) fixed.add(result.error);
    }
    if (field.patternMessage) fixed.add(field.patternMessage);
  }
  const NUMBER = "-?\\d{1,3}(?:\\.\\d{3})*(?:,\\d+)?";
  const echoing = [
    `Cần một số(?: nguyên)?[^\\n]*; bạn gõ ${NUMBER}(?:%| [^\\n]+)?\\.`,
    `Cần một số nguyên, không có phần lẻ \\(ví dụ: ${NUMBER}\\); bạn gõ ${NUMBER}\\.`,
    "Dài quá: \\d+ ký tự, tối đa \\d+\\. Hãy viết gọn lại\\.",
    "Hãy viết rõ hơn: cần ít nhất \\d+ ký tự \\(mới có \\d+\\)\\.",
    "Chưa hiểu ngày “[\\s\\S]*”\\. Hãy gõ ngày/tháng, ví dụ: 5/9, 05/09/2026 hoặc “hôm nay”\\.",
    "Không có ngày \\d+/\\d+(?:/\\d+)?\\. Hãy kiểm tra lại ngày và tháng\\.",
    "Năm \\d+ không hợp lệ: hãy gõ một ngày từ 01/01/\\d{4} đến 31/12/\\d{4}, ví dụ 05/09/2026\\.",
    "Ngày \\d\\d/\\d\\d/\\d{4} chưa tới\\. Nếu là năm trước, hãy gõ đủ năm \\(ví dụ: \\d\\d/\\d\\d/\\d{4}\\)\\.",
    "Không có lựa chọn số \\d+\\. Hãy bấm một nút hoặc gõ số thứ tự \\(1–\\d+\\)\\.",
    "Không có lựa chọn số [\\d…]+ \\(chỉ có 1–\\d+\\)\\.",
    "Không rõ “[\\s\\S]*” là lựa chọn nào\\. Gõ số thứ tự, ví dụ: 1, 3\\.",
    "Chỉ chọn tối đa \\d+ mục[^\\n]*",
    "Hãy chọn ít nhất \\d+ mục \\(đang chọn \\d+\\)\\.",
    "Đã đủ \\d+ ảnh \\(tối đa\\)\\. Bấm Xong để tiếp tục\\.",
    "Cần ít nhất \\d+ ảnh \\(đã nhận \\d+\\)\\. Hãy gửi thêm ảnh\\.",
    "Chỉ được gửi tối đa \\d+ ảnh \\(đã nhận \\d+\\)\\.",
  ];
  return [...[...fixed].map(escapeRegex), ...echoing].map((source) => ({
    // The conversation sends parse errors with a warning sign, the "Xong" checks without.
    source: `(?:⚠️ )?(?:${source})`,
    html: false,
  }));
}

/** Lines the report conversation builds itself around Fluent messages. */
function formTemplates(fluent: Map<string, Template>): Template[] {
  const labels = alternatives(ALL_FIELDS.map((field) => escapeHtml(summaryLabel(field.label))));
  const helps = ALL_FIELDS.flatMap((field) => (field.help ? [escapeHtml(field.help)] : []));
  const checks = FORMS.flatMap((form) => form.checks.map((check) => escapeHtml(check.message)));
  return [
    { source: `<i>${alternatives(helps)}</i>`, html: true },
    // Summary line: "• label? <b>answer</b>" (answers may span lines); in a notice about a
    // corrected report, followed by what the answer was.
    {
      source: `• ${labels} <b>[\\s\\S]*?</b>(?: ${fluent.get("rp-notice-was")?.source ?? "(?!)"})?`,
      html: true,
    },
    { source: `⚠️ ${alternatives(checks)}`, html: false },
    // Summary problems: "⚠️ Chưa trả lời: …".
    { source: `⚠️ (?:${fluent.get("rp-missing")?.source ?? "(?!)"})`, html: false },
    // "🗂 Báo cáo của tôi": "• title — period or date: status".
    {
      source: `• ${alternatives(FORMS.map((form) => escapeHtml(form.title)))} — [^\\n]+: [^\\n]+`,
      html: false,
    },
    { source: "", html: false },
  ];
}

const FLUENT = fluentTemplates();
const TEMPLATES: Template[] = [...FLUENT.values(), ...parseErrorTemplates(), ...formTemplates(FLUENT)];
const combined = (templates: Template[]) =>
  new RegExp(`^(?:${templates.map((template) => template.source).join("|")})$`, "u");
const ANY_TEMPLATE = combined(TEMPLATES);
const PLAIN_TEMPLATE = combined(TEMPLATES.filter((template) => !template.html));

const knownCache = new Map<string, boolean>();
/**
 * Whether the text is made of known messages, one after another on their own lines (the bot
 * joins several, e.g. a question, its help line and the previous answer).
 */
function isKnownText(text: string, html: boolean): boolean {
  const cacheKey = `${html ? "h" : "p"}${text}`;
  const cached = knownCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const regex = html ? ANY_TEMPLATE : PLAIN_TEMPLATE;
  let known = regex.test(text);
  if (!known) {
    const lines = text.split("\n");
    // reachable[i]: lines[0..i) can be split into known messages.
    const reachable = [true, ...lines.map(() => false)];
    for (let i = 0; i < lines.length; i++) {
      if (!reachable[i]) continue;
      for (let j = i + 1; j <= lines.length; j++) {
        if (!reachable[j] && regex.test(lines.slice(i, j).join("\n"))) reachable[j] = true;
      }
    }
    known = reachable[lines.length] === true;
  }
  knownCache.set(cacheKey, known);
  return known;
}

/** Why Telegram would refuse this HTML ("can't parse entities"), or null; and its visible length. */
function checkTelegramHtml(text: string): { error: string | null; visibleLength: number } {
  // The simulator's parser follows TDLib's, so it refuses what Telegram refuses.
  const parsed = parseTelegramHtml(text);
  return parsed.ok
    ? { error: null, visibleLength: parsed.text.length }
    : { error: parsed.description, visibleLength: 0 };
}

// ── The people ───────────────────────────────────────────────────────────────────────────────

/**
 * Who fills in reports: the demo hamlet head, the roster's hamlet heads and two commune officers
 * (who report incidents) without a Telegram account get one here, and a second hamlet head for
 * Thôn 3 (a deputy), so two people report for the same hamlet.
 */
const REPORTERS = [
  { phone: "+84912000011", id: 720000011, firstName: "Giang" },
  { phone: "+84912000012", id: 720000012, firstName: "Hoa" },
  { phone: "+84912000022", id: 720000022, firstName: "Lan" },
  { phone: "+84912000023", id: 720000023, firstName: "Minh" },
  { phone: "+84912000021", id: 720000021, firstName: "Khánh" },
  { phone: "+84912000031", id: 720000031, firstName: "Nga" },
  { phone: "+84912000041", id: 720000041, firstName: "Phó", newHamletHeadOf: "42-LTT-03" },
];

const THON_3 = [USERS.hamletHead.id, 720000041];

const telegramUser = (id: number, firstName: string): User => ({
  id,
  is_bot: false,
  first_name: firstName,
  language_code: "vi",
});

// ── Inputs ───────────────────────────────────────────────────────────────────────────────────

const PHRASES = [
  "Xin chào",
  "Thôn mình có 15 hộ nghèo",
  "tôi không biết",
  "chuẩn nghèo là bao nhiêu",
  "hộ cận nghèo được hỗ trợ bhyt bao nhiêu",
  "Bão số 3 làm sập 2 nhà ở xóm Đông, chưa có thiệt hại về người.",
  "không",
  "có",
  "ok",
  "rồi",
  "chưa",
  "Để sau",
  "gửi báo cáo",
  "Gửi",
  "Sửa",
  "📝 Gửi báo cáo",
  "hoi dap chinh sach",
  "menu",
  "hủy",
  "HUỶ",
  "quay lại",
  "bỏ qua",
  "xong",
  "Thôn 3",
  "Tiếng Việt không dấu: thon minh co 20 ho",
  "Tiếng Việt".normalize("NFD"),
  "<b>đậm</b> & <i>nghiêng</i>",
  "<script>alert(1)</script>",
  "a < b && c > d",
  "&lt;b&gt; &amp;",
  "Dòng 1\nDòng 2\n\nDòng 4",
  "🙂",
  "👍🏽👨‍👩‍👧‍👦🇻🇳",
  "‮ngược‬",
  "\u200b",
  " ",
  "   \n\t ",
  "\u00a0",
  "ㅤ",
  "中文 русский العربية",
  "{ $form }",
  "%s %d {0}",
  "' OR 1=1 --",
  "null",
  "1; DROP TABLE Report;",
];

const NUMBERS = [
  "0",
  "00",
  "15",
  "-3",
  "+5",
  "−7",
  "1.500",
  "1,5",
  "1.5",
  "1,500",
  "1.500.000",
  "1.500.000,5",
  "1e9",
  "15 hộ",
  "15 ho",
  "khoảng 20",
  "tầm 30 người",
  "20%",
  "2tr5",
  "1,5 tỷ",
  "500k",
  "2 triệu rưỡi",
  "mười lăm",
  "15 20",
  "15-20",
  "10001",
  "5000",
  "50001",
  "99999999999999999999",
  "0.0000001",
  "1.2.3",
  "3,14159",
  "٣",
  "１５",
];

const DATES = [
  "hôm nay",
  "hom nay",
  "hôm qua",
  "hôm kia",
  "ngày mai",
  "5/9",
  "05/09/2026",
  "5-9-2026",
  "5.9.2026",
  "31/2",
  "29/2/2027",
  "29/2/2028",
  "2026-13-01",
  "2026-11-01",
  "12/12/2099",
  "00/00",
  "ngày 5 tháng 11",
  "mùng 1 tháng 10 năm 2025",
  "1/1/1899",
  "32/1",
];

const LONG_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy áàảãạ 0123456789 😀🌾🏠 <&> \n";

function longText(length: number): string {
  const chars = [...LONG_ALPHABET];
  let text = "";
  while (text.length < length) text += pick(chars);
  return text.slice(0, length);
}

function randomUnicode(): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xc0, 0x24f],
    [0x1ea0, 0x1ef9],
    [0x300, 0x36f],
    [0x400, 0x4ff],
    [0x600, 0x6ff],
    [0x4e00, 0x4fff],
    [0x1f300, 0x1f6ff],
    [0x2000, 0x206f],
    [0xe000, 0xe0ff],
  ];
  let text = "";
  const length = int(1, 40);
  for (let i = 0; i < length; i++) {
    const [from, to] = pick(ranges);
    text += String.fromCodePoint(int(from, to));
  }
  return text;
}

function randomText(): string {
  return weighted<() => string>([
    [5, () => pick(PHRASES)],
    [3, () => randomUnicode()],
    [3, () => pick(NUMBERS)],
    [2, () => pick(DATES)],
    [1, () => longText(5000)],
    [1, () => longText(int(990, 1100))],
    [1, () => longText(int(2, 120))],
    [1, () => `${pick(PHRASES)} ${pick(NUMBERS)} ${pick(DATES)}`],
  ])();
}

function plausibleNumber(field: FormField): string {
  const min = field.min ?? 0;
  const max = Math.min(field.max ?? 200, field.key === "households_listed" ? 400 : 60);
  const value = int(min, Math.max(min, max));
  return weighted<string>([
    [6, String(value)],
    [2, `${value} ${field.unit ?? ""}`.trim()],
    [1, `khoảng ${value}`],
    [1, value >= 1000 ? value.toLocaleString("vi-VN") : `${value}`],
    [1, field.type === "number" ? `${value},5` : String(value)],
  ]);
}

const SENTENCES = [
  "Nước lũ dâng cao làm ngập 12 hộ ở xóm Bãi, đã di dời người già và trẻ em.",
  "Cháy bếp nhà ông Nguyễn Văn B, thiệt hại khoảng 20 triệu đồng.",
  "Sạt lở taluy dương, đường vào thôn bị chia cắt.",
  "Chưa có danh sách hộ đề nghị rà soát từ 2 tổ.",
  "Cần thêm cán bộ hỗ trợ chấm điểm B1 <gấp> & sớm.",
];

/** An answer that fits the question (mostly), so the walk gets past it. */
function plausibleAnswer(field: FormField): string {
  switch (field.type) {
    case "integer":
    case "number":
      return plausibleNumber(field);
    case "text":
      return chance(0.1)
        ? `${pick(SENTENCES)}\n${pick(SENTENCES)}`
        : field.key === "kind_other"
          ? "Lốc xoáy"
          : pick(SENTENCES);
    case "date":
      return pick(["hôm nay", "hôm qua", "hom kia", "1/11/2025", "ngày 5 tháng 11 năm 2025", "05/10/2025"]);
    case "yes_no":
      return pick(["có", "không", "co", "k", "rồi", "chưa"]);
    case "single_choice":
      return chance(0.5) ? String(int(1, field.options?.length ?? 1)) : pick(field.options ?? []).label;
    case "multi_choice":
      return pick(["1, 3", "2", "1 2 3", "lương thực, y tế", "6"]);
    case "location":
      return "18.3428, 105.9057";
    case "photo":
      return "ảnh đây";
  }
}

const GARBAGE_CALLBACKS = [
  "x",
  "rpf:",
  "rpf:::",
  "rpf:abc",
  "rpf:zzzzz.1:c:yes",
  "rpf:1:n0",
  "rpf:99:0",
  "rp:res:999999",
  "rp:fix:999999",
  "rp:dis:999999",
  "rp:dis:1",
  "rp:res:1",
  "rp:new:unknown-form",
  "rp:new:REVIEW-PROGRESS",
  "rp:vw:1",
  "rp:rt:1",
  "rp:st:review-progress:0",
  "rp:xl:incident:0",
  "rp:ng:review-progress:0",
  "m:rps",
  "m:acc",
  "m:nothing",
  "rpr:1:0",
  "fbc:skip",
  "faq:e:999999",
  "q:a:999999",
  "🙂",
  "a".repeat(64),
];

// ── The fuzzer ───────────────────────────────────────────────────────────────────────────────

interface Button {
  text: string;
  data: string;
}

interface Chat {
  user: User;
  keyboard: Button[];
  /** The question whose buttons are showing, if the latest keyboard belongs to one. */
  field: FormField | null;
  seenData: string[];
  /**
   * Updates since this chat last left whatever it was doing: a conversation replays all its
   * updates on each new one, so long ones get slow (people do not send hundreds in one form).
   */
  sinceExit: number;
  updates: Update[];
  /** What was sent in this chat, for reproducing a failure. */
  trail: string[];
}

interface Problem {
  kind: string;
  detail: string;
  step: number;
  chat: number;
  trail: string[];
}

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const chats: Chat[] = [];
const problems: Problem[] = [];
const problemCounts = new Map<string, number>();

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // Thousands of updates: no need to wait for the disk on every write of a throwaway database
  // (the PostgreSQL test cluster runs without fsync already).
  if (TEST_DIALECT === "sqlite") {
    await temp.db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await temp.db.$queryRawUnsafe("PRAGMA synchronous = OFF");
  }
  t = createTestBot({ db: temp.db, clock });
  for (const reporter of REPORTERS) {
    const unitCode = reporter.newHamletHeadOf;
    const person = unitCode
      ? await temp.db.person.create({
          data: {
            fullName: `Trương Văn ${reporter.firstName}`,
            phone: reporter.phone,
            role: "hamlet_head",
            unitId: (await temp.db.unit.findUniqueOrThrow({ where: { code: unitCode } })).id,
          },
        })
      : await temp.db.person.findUniqueOrThrow({ where: { phone: reporter.phone } });
    // As the demo data links its people (src/db/seed.ts).
    await temp.db.channelAccount.create({
      data: {
        channel: "telegram",
        externalId: String(reporter.id),
        chatId: String(reporter.id),
        personId: person.id,
        displayName: person.fullName,
        linkedAt: new Date(),
      },
    });
  }
  const users = [USERS.hamletHead, ...REPORTERS.map((r) => telegramUser(r.id, r.firstName))];
  for (const user of users) {
    chats.push({ user, keyboard: [], field: null, seenData: [], sinceExit: 0, updates: [], trail: [] });
  }
});
afterAll(() => temp.cleanup());

function report(kind: string, detail: string, step: number, chat: Chat | null) {
  const count = (problemCounts.get(kind) ?? 0) + 1;
  problemCounts.set(kind, count);
  // The first few of each kind are enough to reproduce it.
  if (count > 3) return;
  problems.push({ kind, detail, step, chat: chat?.user.id ?? 0, trail: chat ? chat.trail.slice(-25) : [] });
}

function describeUpdate(update: Update, note?: string): string {
  const message = update.message;
  const q = (text: string) =>
    JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…(${text.length})` : text);
  let what: string;
  if (update.callback_query) what = `callback ${q(update.callback_query.data ?? "")}`;
  else if (message?.text !== undefined) what = `text ${q(message.text)}`;
  else if (message?.photo)
    what = `photo ${message.photo[0]?.file_id}${message.caption ? ` caption ${q(message.caption)}` : ""}`;
  else if (message?.sticker) what = "sticker";
  else if (message?.location) what = `location ${message.location.latitude}, ${message.location.longitude}`;
  else if (message?.document) what = `document ${message.document.file_name}`;
  else if (message?.contact) what = `contact ${message.contact.phone_number}`;
  else what = "other";
  return `#${update.update_id} ${what}${note ? ` (${note})` : ""}`;
}

const fieldByLabel = new Map(ALL_FIELDS.map((field) => [escapeHtml(field.label), field]));

/** Keeps track of the buttons on screen and the question they belong to. */
function observe(chat: Chat, calls: ApiCall[]) {
  for (const call of calls) {
    if (Number(call.payload.chat_id) !== chat.user.id) continue;
    const text = typeof call.payload.text === "string" ? call.payload.text : "";
    if (/^(?:✅ Đã gửi|💾 Đã lưu nháp|✖️ Đã dừng báo cáo|Đã hủy việc đang làm)/.test(text)) chat.sinceExit = 0;
    const markup = call.payload.reply_markup as
      | { inline_keyboard?: { text: string; callback_data?: string }[][] }
      | undefined;
    if (!markup?.inline_keyboard) continue;
    chat.keyboard = markup.inline_keyboard
      .flat()
      .flatMap((b) => (b.callback_data ? [{ text: b.text, data: b.callback_data }] : []));
    for (const button of chat.keyboard) {
      // Remembered for pressing later, when it is stale (not those the fuzzer leaves alone).
      if (buttonWeight(button) > 0 && !chat.seenData.includes(button.data)) chat.seenData.push(button.data);
    }
    if (chat.seenData.length > 300) chat.seenData.splice(0, 100);
    const question = /^<b>(?:Câu|Sửa câu) \d+[^<]*<\/b> (.*)$/m.exec(text);
    if (question) chat.field = fieldByLabel.get(question[1] ?? "") ?? null;
    else if (call.method === "sendMessage" && !/^Đã nhận \d+ ảnh/.test(text)) chat.field = null;
  }
}

let photoCounter = 0;

function buttonWeight(button: Button): number {
  const data = button.data;
  // Not the subject here (and their conversations would take over the chat): language, people, invites.
  if (data.startsWith("lang:") || ["m:lang", "m:ppl", "m:inv", "m:acc", "m:req"].includes(data)) return 0;
  if (/:nav:(later|cancel)$/.test(data)) return 0.25;
  if (/:nav:back$/.test(data)) return 0.5;
  if (data.startsWith("rpf:")) return 4;
  if (data.startsWith("rp:dis:")) return 0.3;
  if (data.startsWith("rp:")) return 3;
  if (data === "m:rp") return 2;
  if (data.startsWith("m:")) return 0.4;
  return 0.2;
}

/** The next update from one of the reporters, and how to describe it. */
function nextUpdate(chat: Chat): { update: Update; note?: string; redelivery?: boolean } {
  const user = chat.user;
  const inQuestion = chat.field !== null;
  const buttons = chat.keyboard.filter((b) => buttonWeight(b) > 0);
  chat.sinceExit += 1;
  if (chat.sinceExit > 30 && chance(0.25)) {
    // Enough of this for now: leave it the way people do.
    chat.sinceExit = 0;
    const leave = chat.keyboard.find((b) => /:nav:(later|cancel)$/.test(b.data) && chance(0.7));
    if (leave) return { update: callback(user, leave.data), note: `button “${leave.text}”` };
    return { update: pick([command(user, "cancel"), command(user, "start"), textMessage(user, "hủy")]) };
  }
  const kind = weighted<string>([
    [buttons.length > 0 ? 40 : 0, "button"],
    [inQuestion ? 25 : 2, "answer"],
    [14, "text"],
    [2, "photo"],
    [1, "sticker"],
    [1.5, "location"],
    [0.5, "document"],
    [0.5, "contact"],
    [4, "command"],
    [buttons.length > 0 ? 6 : 10, "start-report"],
    [4, "stale"],
    [inQuestion ? 2 : 0, "forged"],
    [chat.updates.length > 0 ? 2 : 0, "redelivered"],
  ]);
  switch (kind) {
    case "button": {
      const button = weighted(buttons.map((b) => [buttonWeight(b), b] as const));
      return { update: callback(user, button.data), note: `button “${button.text}”` };
    }
    case "answer": {
      const field = chat.field;
      if (field?.type === "photo" || (field?.type !== undefined && chance(0.05))) return photoUpdate(user);
      if (field?.type === "location" && chance(0.6))
        return { update: location(user, 18 + random(), 105 + random()) };
      return { update: textMessage(user, field ? plausibleAnswer(field) : randomText()) };
    }
    case "text":
      return { update: textMessage(user, randomText()) };
    case "photo":
      return photoUpdate(user);
    case "sticker":
      return { update: sticker(user) };
    case "location":
      return {
        update: chance(0.8)
          ? location(user, int(-90, 90) + random(), int(-180, 180) + random())
          : location(user, 95, 200),
      };
    case "document":
      return { update: document(user, `doc-${int(1, 9)}`, pick(["ds.xlsx", "anh.jpg", "bao-cao.pdf"])) };
    case "contact":
      return { update: contact(user, "+84912000001", chance(0.5) ? user.id : null) };
    case "command": {
      const name = pick(["start", "help", "cancel", "baocao", "baocao", "unknown", "faq", "me"]);
      if (chance(0.1)) return { update: textMessage(user, `/${name}@${TEST_BOT_INFO.username}`) };
      return { update: command(user, name, chance(0.05) ? "abc" : undefined) };
    }
    case "start-report":
      return chance(0.4)
        ? { update: command(user, "baocao") }
        : {
            update: callback(
              user,
              `rp:new:${weighted([
                [3, "incident"],
                // Thôn 3 has two hamlet heads: both report its weekly progress.
                [THON_3.includes(user.id) ? 5 : 2, "review-progress"],
                [2, "policy-delivery"],
              ] as const)}`,
            ),
          };
    case "stale":
      return {
        update: callback(
          user,
          chat.seenData.length > 0 && chance(0.7) ? pick(chat.seenData) : pick(GARBAGE_CALLBACKS),
        ),
        note: "stale",
      };
    case "forged": {
      // Data the bot never sent, on the prompt that is showing (a modified client can do that).
      const current = chat.keyboard.find((b) => b.data.startsWith("rpf:") && b.data.includes(":nav:"));
      const promptId = current?.data.split(":")[1] ?? "zzzzz.1";
      const data = pick([
        `rpf:${promptId}:c:nope`,
        `rpf:${promptId}:c:`,
        `rpf:${promptId}:nav:bogus`,
        `rpf:${promptId}:nav:done`,
        `rpf:${promptId}:nav:skip`,
        `rpf:${promptId}:nav`,
        `rpf:${promptId}:zz:yes`,
      ]);
      return { update: callback(user, data), note: "forged" };
    }
    default: {
      const earlier = pick(chat.updates.slice(-30));
      return { update: redelivered(earlier), note: "re-delivered", redelivery: true };
    }
  }
}

function photoUpdate(user: User): { update: Update } {
  photoCounter += 1;
  const update = photo(user, chance(0.2) ? pick(PHRASES) : undefined);
  const sizes = update.message?.photo;
  // Most photos are new; now and then the same photo again.
  const fileId = chance(0.85) ? `AgACphoto-${photoCounter}` : "AgACphoto-1";
  if (sizes?.[0]) sizes[0] = { ...sizes[0], file_id: fileId, file_unique_id: fileId };
  return { update };
}

/** Whether a Bot API call was made for this chat's update. */
function belongsTo(call: ApiCall, chatId: number, update: Update): boolean {
  const payload = call.payload;
  if (call.method === "answerCallbackQuery") return payload.callback_query_id === update.callback_query?.id;
  const scope = payload.scope as { chat_id?: unknown } | undefined;
  return Number(payload.chat_id ?? scope?.chat_id) === chatId;
}

/** Checks what the bot did for one update. */
function checkCalls(update: Update, calls: ApiCall[], step: number, chat: Chat | null, redelivery: boolean) {
  const problem = (kind: string, detail: string) => report(kind, detail, step, chat);
  if (redelivery) {
    const visible = calls.filter((call) => call.method !== "getMe");
    if (visible.length > 0)
      problem("re-delivered update handled again", visible.map((c) => c.method).join(", "));
    return;
  }
  const callbackId = update.callback_query?.id;
  if (callbackId !== undefined) {
    const answers = calls.filter(
      (call) => call.method === "answerCallbackQuery" && call.payload.callback_query_id === callbackId,
    );
    if (answers.length !== 1)
      problem(
        "button press not answered exactly once",
        `${answers.length} answers to ${JSON.stringify(update.callback_query?.data)}`,
      );
  }
  for (const call of calls) {
    const payload = call.payload;
    if (call.method === "answerCallbackQuery" && typeof payload.text === "string") {
      const text = payload.text;
      if (text.length > CALLBACK_ALERT_LIMIT)
        problem("callback answer too long", `${text.length} characters`);
      if (!isKnownText(text, false)) problem("unknown callback answer (or markup in an alert)", text);
      checkGarbage(text, problem);
    }
    const text =
      typeof payload.text === "string" && call.method !== "answerCallbackQuery"
        ? payload.text
        : typeof payload.caption === "string"
          ? payload.caption
          : undefined;
    if (text !== undefined) {
      const html = payload.parse_mode === "HTML";
      if (text.trim() === "") problem("empty message", JSON.stringify(text));
      let length = text.length;
      if (html) {
        const checked = checkTelegramHtml(text);
        if (checked.error)
          problem("invalid HTML", `${checked.error} in ${JSON.stringify(text.slice(0, 300))}`);
        length = checked.visibleLength;
      }
      const caption = typeof payload.text !== "string";
      if (length > (caption ? TELEGRAM_CAPTION_LIMIT : TELEGRAM_TEXT_LIMIT))
        problem(
          "message too long",
          `${call.method}: ${length} characters: ${JSON.stringify(text.slice(0, 200))}…`,
        );
      // A report's photos and place are shown to reviewers with the question as caption.
      const fieldCaption = caption && ALL_FIELDS.some((field) => field.label === text);
      if (!fieldCaption && !isKnownText(text, html))
        problem(
          html ? "unknown message" : "unknown message (or HTML markup sent as plain text)",
          `${call.method}: ${JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…` : text)}`,
        );
      checkGarbage(text, problem);
    }
    const markup = payload.reply_markup as
      | { inline_keyboard?: { text: string; callback_data?: string }[][] }
      | undefined;
    for (const button of markup?.inline_keyboard?.flat() ?? []) {
      const data = button.callback_data ?? "";
      if (Buffer.byteLength(data, "utf8") > CALLBACK_DATA_LIMIT || data === "")
        problem("bad callback data", `${JSON.stringify(data)} (${Buffer.byteLength(data, "utf8")} bytes)`);
      if (button.text.trim() === "") problem("button without a label", JSON.stringify(button));
      checkGarbage(button.text, problem);
    }
  }
}

/** The error boundary (and the conversation guard) log at level "error": neither may be reached. */
function checkLogs(logs: Record<string, unknown>[], update: Update, step: number, chat: Chat | null) {
  for (const log of logs) {
    if (Number(log.level) < 50) continue;
    if (log.updateId !== undefined && log.updateId !== update.update_id) continue;
    const err = log.err as { stack?: string } | undefined;
    report(
      `error logged: ${String(log.msg)}`,
      String(err?.stack ?? JSON.stringify(log)).slice(0, 1500),
      step,
      chat,
    );
  }
}

function checkGarbage(text: string, problem: (kind: string, detail: string) => void) {
  if (/undefined|\[object |NaN/.test(text)) problem("garbled text", text.slice(0, 300));
  // A Fluent id shown instead of its message (a missing translation).
  const raw =
    /(?:^|\s)((?:rp|faq|ar|tk|inv|pm|acc|rv|onboard|menu|button|task|help|error)-[a-z0-9-]+)(?=$|\s)/m.exec(
      text,
    );
  if (raw) problem("raw message id", `${raw[1]} in ${JSON.stringify(text.slice(0, 200))}`);
}

// ── The commune officer sends reports back now and then ─────────────────────────────────────

interface OfficerState {
  keyboard: Button[];
  lastText: string;
}

async function officerTurn(officer: OfficerState, step: number) {
  const user = USERS.communeOfficer;
  let update: Update;
  const fieldButton = officer.keyboard.find((b) => b.text.startsWith("1. ☐") || b.text.startsWith("2. ☐"));
  const done = officer.keyboard.find((b) => b.text.includes("Xong"));
  if (officer.lastText.startsWith("Gõ nhận xét")) {
    update = textMessage(user, chance(0.2) ? "ok" : "Số liệu chưa khớp, đề nghị kiểm tra lại.");
  } else if (done && chance(0.7)) update = callback(user, done.data);
  else if (fieldButton) update = callback(user, fieldButton.data);
  else {
    const commune = await temp.db.unit.findFirstOrThrow({ where: { code: "42-LTT" } });
    const candidates = await temp.db.report.findMany({
      where: { status: "submitted", unit: { path: { startsWith: commune.path } } },
      select: { id: true },
    });
    if (candidates.length === 0) return;
    update = callback(user, `rp:rt:${pick(candidates).id}`);
  }
  const before = t.calls.length;
  const logsBefore = t.logs.length;
  try {
    await t.handle(update);
  } catch (error) {
    report("handle() rejected", String((error as Error)?.stack ?? error), step, null);
  }
  const calls = t.calls.slice(before);
  checkCalls(update, calls, step, null, false);
  checkLogs(t.logs.slice(logsBefore), update, step, null);
  for (const call of calls) {
    if (Number(call.payload.chat_id) !== user.id) continue;
    if (typeof call.payload.text === "string") officer.lastText = call.payload.text;
    const markup = call.payload.reply_markup as
      | { inline_keyboard?: { text: string; callback_data?: string }[][] }
      | undefined;
    if (markup?.inline_keyboard)
      officer.keyboard = markup.inline_keyboard
        .flat()
        .flatMap((b) => (b.callback_data ? [{ text: b.text, data: b.callback_data }] : []));
  }
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────

function advanceWeek() {
  clock.advance(7 * 24 * 60 * 60_000);
  const now = clock.now();
  // Stay in the review season (1/9–14/12) most of the time; a week outside it now and then.
  const month = now.getUTCMonth() + 1;
  if (month === 12 && now.getUTCDate() > 14) {
    clock.set(
      chance(0.3)
        ? `${now.getUTCFullYear() + 1}-01-12T09:00:00+07:00`
        : `${now.getUTCFullYear() + 1}-09-07T09:00:00+07:00`,
    );
  } else if (month < 9) clock.set(`${now.getUTCFullYear()}-09-07T09:00:00+07:00`);
}

function formatProblems(): string {
  const lines = [`Fuzz seed ${SEED}, ${STEPS} updates (FUZZ_SEED=${SEED} to reproduce):`];
  for (const [kind, count] of problemCounts) lines.push(`  ${count}× ${kind}`);
  for (const p of problems) {
    lines.push("", `✗ ${p.kind} at step ${p.step}, chat ${p.chat}: ${p.detail}`);
    if (p.trail.length > 0)
      lines.push("  updates in that chat, oldest first:", ...p.trail.map((s) => `    ${s}`));
  }
  return lines.join("\n");
}

describe("the fuzzer's idea of a known message", () => {
  const translator = createTranslator("vi");
  const review = FORMS.find((form) => form.key === "review-progress");
  const title = escapeHtml(review?.title ?? "");
  const field = review?.fields[0];

  it("accepts what the bot says, alone or put together", () => {
    const today = new Date("2026-11-22T09:00:00+07:00");
    const parsed =
      field && parseAnswer(field, { kind: "text", text: "99999" }, { today, timeZone: "Asia/Ho_Chi_Minh" });
    const known = [
      translator.t("vi", "rp-sent", { form: title, period: "Tuần 47 (16/11–22/11/2026)" }),
      `${translator.t("vi", "rp-question", { index: 1, left: 11, certain: "no", label: escapeHtml(field?.label ?? "") })}\n<i>${escapeHtml(field?.help ?? "")}</i>`,
      `${translator.t("vi", "rp-question-correct", { index: 1, total: 1, label: escapeHtml(field?.label ?? "") })}\n${translator.t("vi", "rp-answered", { value: "15 hộ" })}`,
      `⚠️ ${parsed && !parsed.ok ? parsed.error : ""}`,
      [
        translator.t("vi", "rp-summary", { form: title }),
        `• ${escapeHtml(summaryLabel(field?.label ?? ""))} <b>15 hộ</b>`,
      ].join("\n"),
      translator.t("vi", "unknown-command", { command: "/xyz" }),
    ];
    for (const text of known) expect(isKnownText(text, true), text).toBe(true);
  });

  it("refuses garbled, untranslated and English text, and markup in plain text", () => {
    const unknown: [string, boolean][] = [
      ["undefined", false],
      ["Hello world", false],
      ["rp-sent", true],
      [translator.t("en", "rp-sent", { form: title, period: "Week 47" }), true],
      [translator.t("vi", "rp-summary", { form: "[object Object]" }), true],
      [translator.t("vi", "rp-question", { index: 1, left: 7, certain: "yes", label: "undefined" }), true],
      [`• ${escapeHtml(field?.label ?? "")}: <b>15 hộ</b>`, true], // "…?: 15 hộ"
      ["⚠️ undefined", false],
      // Markup in a message sent without parse_mode shows as typed.
      [translator.t("vi", "rp-choose-form"), false],
    ];
    for (const [text, html] of unknown) expect(isKnownText(text, html), text).toBe(false);
  });

  it("checks Telegram's HTML", () => {
    expect(checkTelegramHtml("<b>a</b> &amp; <i>b</i>").error).toBeNull();
    expect(checkTelegramHtml("<b>a").error).not.toBeNull();
    expect(checkTelegramHtml("a < b").error).not.toBeNull();
    expect(checkTelegramHtml("<b>a</i>").error).not.toBeNull();
    expect(checkTelegramHtml("<script>x</script>").error).not.toBeNull();
  });
});

describe("report forms under random input", () => {
  it(`survives ${STEPS} random updates and says only what it knows (seed ${SEED})`, {
    // About 80–100 s on two busy cores: the form edits answered questions and deletes stale
    // warnings as it goes (a few more Bot API calls per answer). On PostgreSQL each of the
    // ~30 statements an update makes is a round trip to the server, not a call into SQLite.
    timeout: TEST_DIALECT === "postgresql" ? 360_000 : 180_000,
  }, async () => {
    const officer: OfficerState = { keyboard: [], lastText: "" };
    const started = Date.now();
    let step = 0;
    let nextWeekAt = 400;
    for (let round = 0; step < STEPS; round++) {
      if (step >= nextWeekAt) {
        advanceWeek();
        nextWeekAt += 400;
      }
      if (round % 10 === 9) {
        await officerTurn(officer, step);
        step += 1;
        continue;
      }
      // Different chats are handled concurrently, as in production; one chat's updates in order.
      const planned = chats
        .filter(() => chance(0.8))
        .slice(0, STEPS - step)
        .map((chat) => ({ chat, step: step++, ...nextUpdate(chat) }));
      for (const { chat, update, note, redelivery } of planned) {
        chat.trail.push(describeUpdate(update, note));
        if (chat.trail.length > 60) chat.trail.splice(0, 20);
        if (!redelivery) {
          chat.updates.push(update);
          if (chat.updates.length > 60) chat.updates.splice(0, 20);
        }
      }
      const before = t.calls.length;
      const logsBefore = t.logs.length;
      const outcomes = await Promise.allSettled(planned.map(({ update }) => t.handle(update)));
      const calls = t.calls.slice(before);
      const logs = t.logs.slice(logsBefore);
      planned.forEach(({ chat, update, step: at, redelivery = false }, i) => {
        const outcome = outcomes[i];
        if (outcome?.status === "rejected")
          report("handle() rejected", String((outcome.reason as Error)?.stack ?? outcome.reason), at, chat);
        const own = calls.filter((call) => belongsTo(call, chat.user.id, update));
        checkCalls(update, own, at, chat, redelivery);
        checkLogs(logs, update, at, chat);
        observe(chat, own);
      });
    }
    // Notifications queued for other people (reminders, "sent back for correction").
    const beforeOutbox = t.calls.length;
    await t.flushOutbox();
    for (const call of t.calls.slice(beforeOutbox)) {
      const text = call.payload.text;
      if (typeof text === "string" && !isKnownText(text, call.payload.parse_mode === "HTML"))
        report("unknown notification", text.slice(0, 400), STEPS, null);
    }
    const elapsed = Date.now() - started;
    const reports = await temp.db.report.groupBy({ by: ["status"], _count: true });
    console.info(
      `report fuzz: seed ${SEED}, ${STEPS} updates in ${(elapsed / 1000).toFixed(1)} s; reports by status: ${JSON.stringify(
        Object.fromEntries(reports.map((r) => [r.status, r._count])),
      )}`,
    );
    expect(problems.length, formatProblems()).toBe(0);
  });

  it("leaves the stored reports consistent with their forms", async () => {
    const reports = await temp.db.report.findMany({ include: { form: true, revisions: true } });
    const issues: string[] = [];
    const submittedPerPeriod = new Map<string, number>();
    const draftsPerForm = new Map<string, number>();
    for (const row of reports) {
      const where = `report ${row.id} (${row.form.key}, ${row.status})`;
      if (!["draft", "submitted", "returned", "accepted"].includes(row.status))
        issues.push(`${where}: unknown status`);
      const stored = await loadStoredForm(temp.db, row.formId);
      if (!stored) {
        issues.push(`${where}: form ${row.formId} missing`);
        continue;
      }
      const form = stored.definition;
      const answers = (row.answers ?? {}) as Answers;
      for (const [key, value] of Object.entries(answers)) {
        const field = form.fields.find((f) => f.key === key);
        if (!field) issues.push(`${where}: answer to unknown field ${key}`);
        else {
          const wrong = answerProblem(field, value);
          if (wrong) issues.push(`${where}: ${key} = ${JSON.stringify(value)}: ${wrong}`);
        }
      }
      if (row.status === "draft") {
        const key = `${row.personId}/${row.form.key}`;
        draftsPerForm.set(key, (draftsPerForm.get(key) ?? 0) + 1);
      }
      if (row.status !== "submitted" && row.status !== "accepted") continue;
      const missing = missingRequired(form, answers);
      if (missing.length > 0) issues.push(`${where}: missing ${missing.map((f) => f.key).join(", ")}`);
      for (const error of crossCheckErrors(form, answers))
        issues.push(`${where}: ${error.fields.join("/")}: ${error.message}`);
      const pruned = pruneHidden(form, answers);
      if (Object.keys(pruned).length !== Object.keys(answers).length)
        issues.push(`${where}: answers to hidden questions kept`);
      if (row.submittedAt === null || row.submitKey === null)
        issues.push(`${where}: no submission time or key`);
      if (row.revisions.length === 0) issues.push(`${where}: no revision`);
      if (form.period.type !== "adhoc") {
        const key = `${form.key}/${row.periodKey}/${row.unitId}`;
        submittedPerPeriod.set(key, (submittedPerPeriod.get(key) ?? 0) + 1);
      }
    }
    for (const [key, count] of submittedPerPeriod)
      if (count > 1) issues.push(`${count} submitted reports for one unit and period: ${key}`);
    // A person continues their draft of a form instead of starting another.
    for (const [key, count] of draftsPerForm)
      if (count > 1) issues.push(`${count} drafts of one form for one person: ${key}`);
    expect(reports.filter((r) => r.status === "submitted").length).toBeGreaterThan(0);
    expect(issues, `seed ${SEED}`).toEqual([]);
  });
});

/** Why a stored answer cannot be an answer to this field, or null. */
function answerProblem(field: FormField, value: unknown): string | null {
  if (value === null) return field.required ? "a required question skipped" : null;
  const inRange = (n: number) =>
    (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
  const optionValues = (field.options ?? []).map((option) => option.value);
  switch (field.type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value) && inRange(value)
        ? null
        : "not an integer in range";
    case "number":
      return typeof value === "number" && Number.isFinite(value) && inRange(value)
        ? null
        : "not a number in range";
    case "text":
      return typeof value === "string" &&
        value.trim() !== "" &&
        [...value].length <= (field.maxLength ?? 1000)
        ? null
        : "not a text of the right length";
    case "yes_no":
      return typeof value === "boolean" ? null : "not yes or no";
    case "single_choice":
      return typeof value === "string" && optionValues.includes(value) ? null : "not one of the options";
    case "multi_choice":
      return Array.isArray(value) && value.every((v) => optionValues.includes(String(v)))
        ? null
        : "not options";
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : "not a date";
    case "photo":
      return typeof value === "object" &&
        value !== null &&
        Array.isArray((value as { fileIds?: unknown }).fileIds)
        ? null
        : "not photos";
    case "location": {
      const point = value as { latitude?: unknown; longitude?: unknown };
      return typeof point.latitude === "number" && typeof point.longitude === "number"
        ? null
        : "not a location";
    }
  }
}
