import {
  dayNumber,
  daysInMonth,
  type LocalDate,
  localDateParts,
  zonedInstant,
} from "../../reports/periods.js";
import { foldSyllables } from "./vietnamese-text.js";

/**
 * A time a question is about, as the asker named it:
 * - `now`: "hiện nay", "năm nay", "bây giờ" (matters only next to another time: "năm nay và năm sau");
 * - `year`: "2027", "năm 2027", "năm sau", "năm ngoái", each year of "2027–2030";
 * - `day`: "1/7/2027", "ngày 1 tháng 7 năm 2027", "tháng 7/2027" (its first day);
 * - `next_period`: "giai đoạn mới", "chuẩn (nghèo) mới", "sắp tới" — the next change in the
 *   answers themselves, which only the index knows.
 */
export type AskedTime =
  | { kind: "now" }
  | { kind: "year"; year: number }
  | { kind: "day"; date: LocalDate }
  | { kind: "next_period" };

/** An asked time the index can search at: `next_period` already resolved. */
export type ResolvedTime = Exclude<AskedTime, { kind: "next_period" }>;

/** Years further than this from today are amounts ("2000 đồng"), not years. */
const YEARS_BACK = 30;
const YEARS_AHEAD = 20;
/** A range names at most this many years ("1990–2030" is not 40 questions). */
const MAX_RANGE_YEARS = 20;

/** Legal citations carry years that are not the time asked about: "NĐ 351/2025", "QĐ 24 năm 2021". */
const CITATION = new RegExp(
  "(?<![a-z0-9])(?:nghi dinh|nd|thong tu|tt|quyet dinh|qd|nghi quyet|nq|cong van|cv|cong dien|chi thi|ke hoach|kh|vbhn|luat)" +
    String.raw`\s*(?:so\s*)?\d+(?:\s*\/\s*[a-z0-9-]+)*` +
    String.raw`(?:\s+(?:nam\s+\d{4}|ngay\s+\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{2,4}|ngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?))?`,
  "g",
);
/** "1/7/2027", "01-07-27", "ngày 1 tháng 7 năm 2027" (a leading "từ" makes a past day a range to today). */
const DAY = new RegExp(
  String.raw`(?:(?<from>tu)\s+)?(?:ngay\s+|mung\s+)?(?:` +
    String.raw`(?<d1>\d{1,2})\s*[/-]\s*(?<m1>\d{1,2})\s*[/-]\s*(?<y1>\d{4}|\d{2})` +
    String.raw`|(?<d2>\d{1,2})\s+thang\s+(?<m2>\d{1,2})\s*(?:nam\s+|,\s*|[/-]\s*)(?<y2>\d{4}))(?![\d/])`,
  "g",
);
/** "tháng 7/2027", "tháng 7 năm 2027" — its first day. */
const MONTH = /(?:(?<from>tu)\s+)?thang\s+(?<m>\d{1,2})\s*(?:nam\s+|[/-]\s*)(?<y>\d{4})(?![\d/])/g;
/** A number with a year after a slash is a document number ("07/2021"), not a time. */
const NUMBER_SLASH_YEAR = /(?<![\d/])\d{1,4}\s*\/\s*\d{4}(?:\/[a-z0-9-]+)*/g;
/** "2027–2030", "giai đoạn 2026 2030", "từ năm 2025 đến hết năm 2028". */
const YEAR_RANGE =
  /(?<![\d/.,])(?:tu\s+)?(?:nam\s+)?(?<a>\d{4})(?:\s*-\s*|\s+(?:den|toi)(?:\s+het)?\s+(?:nam\s+)?|\s+)(?<b>\d{4})(?![\d/.,])/g;
/** A year, with what is before it ("từ 2027", "sau năm 2026") and the word after it. */
const YEAR =
  /(?<![\d/.,])(?:(?<prefix>tu|sau|truoc|den|toi)\s+)?(?<nam>nam\s+)?(?<y>\d{4})(?![\d/.,])(?<next>\s*[a-z%]+)?/g;
/** After a bare number these make it an amount ("2000 đồng", "2500 nghìn"), not a year. */
const UNITS = new Set("d dong nghin ngan k tr trieu m m2 kwh diem %".split(" "));
/** …and these a count, after a counting word ("có 2000 hộ", but "2027 hộ nghèo" is a year). */
const COUNTED = new Set("ho nguoi khau".split(" "));
const COUNTING = new Set("co gom tong khoang hon tren duoi gan voi la them".split(" "));

/** Times named relative to today, one group each (one pass over the question). */
const RELATIVE = new RegExp(
  [
    "(?<twoYears>nam sau nua)",
    "(?<nextYear>nam sau|sang nam|nam toi|nam ke tiep|nam ke)",
    "(?<lastYear>nam ngoai|nam truoc|nam roi|nam qua|nam vua roi)",
    "(?<now>nam nay|hien nay|hien tai|hien hanh|bay gio|hom nay|luc nay)",
    "(?<next>giai doan (?:moi|toi|sau|sap toi)|chuan (?:ho )?(?:can )?(?:ngheo )?moi|sap toi|sap ap dung|sap den)",
  ]
    .map((alternative) => String.raw`\b${alternative}\b`)
    .join("|"),
  "g",
);

/**
 * The time(s) a policy question asks about, relative to `today` (the asker's calendar date):
 * "chuẩn nghèo 2027 là bao nhiêu" → 2027; "năm sau" → next year; "giai đoạn 2027–2030" → each
 * of its years; "năm nay và năm sau" → now and next year; "từ 2025" (a past year) → each year
 * since then and now. Years inside legal citations ("NĐ 07/2021", "Nghị định 351 năm 2025") and
 * amounts ("2000 đồng") are not times. Empty when the question names no time: it is about today.
 * Sorted by time, without duplicates; `next_period` last.
 *
 * @example questionTimes("từ 1/1/2027 chuẩn cận nghèo là bao nhiêu", { year: 2026, month: 11, day: 22 })
 * // => [{ kind: "day", date: { year: 2027, month: 1, day: 1 } }]
 */
export function questionTimes(question: string, today: LocalDate): AskedTime[] {
  return readQuestionTimes(question, today).times;
}

/** The times a question names, and its text as searched for some of them. */
export interface QuestionTimes {
  /** Sorted by time, without duplicates; `next_period` last. */
  times: AskedTime[];
  /**
   * The question as searched for the given times: their words in place, those of the other
   * times left out, so that for "chuẩn nghèo năm nay và năm sau" today is searched without
   * "2027" and 2027 without "năm nay". Relative years become absolute ("năm sau" → "năm 2027").
   */
  textFor(times: readonly AskedTime[]): string;
}

/** {@link questionTimes}, and the question's text for each of them. */
export function readQuestionTimes(question: string, today: LocalDate): QuestionTimes {
  let text = ` ${foldSyllables(question).replace(/[\u2010-\u2015]/g, "-")} `;
  // Each time phrase becomes a marker ⟦tN⟧ for mention N; citations and document numbers
  // become ⟦kN⟧ (not times, put back as they were).
  const mentions: { times: AskedTime[]; words: string }[] = [];
  const kept: string[] = [];
  const mention = (times: AskedTime[], words: string) => ` ⟦t${mentions.push({ times, words }) - 1}⟧ `;
  const keep = (pattern: RegExp) => {
    text = text.replace(pattern, (match) => ` ⟦k${kept.push(match) - 1}⟧ `);
  };
  /** Replaces each match by what `read` makes of it (its groups, and the text before it). */
  const replace = (
    pattern: RegExp,
    read: (match: string, groups: Record<string, string | undefined>, before: string) => string,
  ) => {
    text = text.replace(pattern, (match, ...args) => {
      const groups = args.at(-1) as Record<string, string | undefined> | undefined;
      const offset = args.at(-3) as number;
      return read(match, groups ?? {}, text.slice(Math.max(0, offset - 16), offset));
    });
  };
  const plausible = (year: number) => year >= today.year - YEARS_BACK && year <= today.year + YEARS_AHEAD;
  /** "từ <a past time>" asks about everything since then: that time and now. */
  const since = (time: AskedTime, from: boolean): AskedTime[] =>
    from && sortKey(time, today) < dayNumber(today) ? [time, { kind: "now" }] : [time];
  const pad = (n: number) => String(n).padStart(2, "0");

  // Everything but the relative times needs a number: most questions have none.
  if (/\d/.test(text)) {
    keep(CITATION);
    replace(DAY, (match, g) => {
      const date = calendarDate(Number(g.y1 ?? g.y2), Number(g.m1 ?? g.m2), Number(g.d1 ?? g.d2));
      if (!date || !plausible(date.year)) return match;
      const words = `${pad(date.day)}/${pad(date.month)}/${date.year}`;
      return mention(since({ kind: "day", date }, g.from !== undefined), words);
    });
    replace(MONTH, (match, g) => {
      const date = calendarDate(Number(g.y), Number(g.m), 1);
      if (!date || !plausible(date.year)) return match;
      return mention(since({ kind: "day", date }, g.from !== undefined), `thang ${date.month}/${date.year}`);
    });
    keep(NUMBER_SLASH_YEAR);
    replace(YEAR_RANGE, (match, g) => {
      const [a, b] = [Number(g.a), Number(g.b)];
      if (!(a < b && b - a < MAX_RANGE_YEARS && plausible(a) && plausible(b))) return match;
      const years: AskedTime[] = [];
      for (let year = a; year <= b; year++) years.push({ kind: "year", year });
      return mention(years, `${a}-${b}`);
    });
    replace(YEAR, (match, g, before) => {
      const year = Number(g.y);
      const named = g.prefix !== undefined || g.nam !== undefined;
      const unit = g.next?.trim() ?? "";
      const counting = COUNTING.has(/([a-z]+)\s*$/.exec(before)?.[1] ?? "");
      const amount = UNITS.has(unit) || (COUNTED.has(unit) && counting);
      if (!plausible(year) || (!named && amount)) return match;
      const next = g.next ?? "";
      if (g.prefix === "sau") return mention([{ kind: "year", year: year + 1 }], `nam ${year + 1}`) + next;
      if (g.prefix === "truoc") return mention([{ kind: "year", year: year - 1 }], `nam ${year - 1}`) + next;
      if (g.prefix === "tu" && year < today.year) {
        const years: AskedTime[] = [];
        for (let y = Math.max(year, today.year - MAX_RANGE_YEARS); y < today.year; y++)
          years.push({ kind: "year", year: y });
        return mention([...years, { kind: "now" }], `tu ${g.nam ?? ""}${year}`) + next;
      }
      return mention([{ kind: "year", year }], `${g.nam ?? ""}${year}`) + next;
    });
  }
  replace(RELATIVE, (match, g) => {
    const shift = g.twoYears ? 2 : g.nextYear ? 1 : g.lastYear ? -1 : null;
    if (shift !== null) return mention([{ kind: "year", year: today.year + shift }], `${today.year + shift}`);
    return mention([g.now ? { kind: "now" } : { kind: "next_period" }], match);
  });

  const unique = new Map(mentions.flatMap((m) => m.times).map((time) => [JSON.stringify(time), time]));
  const restore = (chosen: Set<string>) =>
    text
      .replace(/⟦k(\d+)⟧/g, (_, i: string) => kept[Number(i)] ?? " ")
      .replace(/⟦t(\d+)⟧/g, (_, i: string) => {
        const m = mentions[Number(i)];
        return m?.times.some((time) => chosen.has(JSON.stringify(time))) ? m.words : " ";
      })
      .replace(/\s+/g, " ")
      .trim();
  return {
    times: [...unique.values()].sort((a, b) => sortKey(a, today) - sortKey(b, today)),
    textFor: (times) => restore(new Set(times.map((time) => JSON.stringify(time)))),
  };
}

/** Words that compare periods ("khác nhau thế nào", "so với"): about the comparison, not the subject. */
const COMPARISON =
  /\b(?:co gi khac(?: nhau)?|co khac(?: nhau)?|khac nhau|khac gi(?: nhau)?|khac(?= (?:the nao|ra sao|cho nao|o dau|khong|ko))|so voi|thay doi|doi khac)(?: (?:the nao|ra sao|nhu the nao|cho nao|o dau|gi|khong|ko))?\b/g;

/**
 * A question spanning periods without its comparing words, so that each period is searched for
 * its subject: "chuẩn nghèo năm nay và năm sau khác nhau thế nào" → today's and next year's
 * standard, not an entry about how two other things differ.
 */
export function withoutComparison(text: string): string {
  return text.replace(COMPARISON, " ").replace(/\s+/g, " ").trim();
}

let lastToday: { key: string; date: LocalDate } | null = null;

/**
 * The calendar date of `now` in `timeZone`: "năm sau" and "hiện nay" count from it. Reading a
 * zone's calendar is slow next to a search; questions come in bursts, so the last minute's
 * answer is kept (a zone's date changes only on a whole minute).
 */
export function todayOf(now: Date, timeZone: string): LocalDate {
  const key = `${timeZone}|${Math.floor(now.getTime() / 60_000)}`;
  if (lastToday?.key !== key) lastToday = { key, date: localDateParts(now, timeZone) };
  return lastToday.date;
}

/**
 * Where an asked time is searched: this year and today are now; another year at its first day,
 * a day at noon in `timeZone` (after any start-of-day and before any end-of-day boundary).
 */
export function resolveTime(
  time: ResolvedTime,
  now: Date,
  timeZone: string,
): { time: ResolvedTime; on: Date } {
  const today = todayOf(now, timeZone);
  if (
    time.kind === "now" ||
    (time.kind === "year" && time.year === today.year) ||
    (time.kind === "day" && dayNumber(time.date) === dayNumber(today))
  )
    return { time: { kind: "now" }, on: now };
  return { time, on: instantOf(time, now, timeZone) };
}

/** The instant an asked time stands for: now, a year's first day or a day, at noon in `timeZone`. */
export function instantOf(time: ResolvedTime, now: Date, timeZone: string): Date {
  if (time.kind === "now") return now;
  const date = time.kind === "year" ? { year: time.year, month: 1, day: 1 } : time.date;
  return zonedInstant(date, "12:00", timeZone);
}

/** Whether a resolved time lies before, on or after today (a year named outright: before). */
function tense(time: ResolvedTime, today: LocalDate): "past" | "now" | "future" {
  if (time.kind === "now") return "now";
  if (time.kind === "year") return time.year > today.year ? "future" : "past";
  const day = dayNumber(time.date);
  return day < dayNumber(today) ? "past" : day > dayNumber(today) ? "future" : "now";
}

function sortKey(time: AskedTime, today: LocalDate): number {
  switch (time.kind) {
    case "now":
      return dayNumber(today);
    case "year":
      return time.year === today.year ? dayNumber(today) : dayNumber({ year: time.year, month: 1, day: 1 });
    case "day":
      return dayNumber(time.date);
    case "next_period":
      return Number.POSITIVE_INFINITY;
  }
}

function calendarDate(year: number, month: number, day: number): LocalDate | null {
  const fullYear = year < 100 ? 2000 + year : year;
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(fullYear, month)) return null;
  return { year: fullYear, month, day };
}

/** How an answer names the period it is for, whichever language renders it. */
export type TimeHeading =
  | { kind: "now" }
  | { kind: "from"; date: LocalDate }
  | { kind: "year"; year: number }
  | { kind: "years"; from: number; to: number }
  | { kind: "day"; date: LocalDate };

/**
 * The heading of an answer for an asked time (and the last asked time with the same answer):
 * the future "from its first day" ("Từ 01/01/2027"), a past year "Năm 2025" or years
 * "Năm 2022–2025", a past day "Ngày 01/07/2025", today "Hiện nay".
 */
export function timeHeading(time: ResolvedTime, through: ResolvedTime | null, today: LocalDate): TimeHeading {
  const when = tense(time, today);
  if (time.kind === "now" || when === "now") return { kind: "now" };
  const start = time.kind === "year" ? { year: time.year, month: 1, day: 1 } : time.date;
  if (when === "future") return { kind: "from", date: start };
  if (time.kind === "day") return { kind: "day", date: start };
  const last =
    through === null
      ? time.year
      : through.kind === "now"
        ? today.year
        : through.kind === "year"
          ? through.year
          : through.date.year;
  return last > time.year ? { kind: "years", from: time.year, to: last } : { kind: "year", year: time.year };
}
