import { foldKeepingPunctuation } from "../../shared/fold.js";
import { parseVietnameseDate } from "../reports/parse-input.js";
import { type LocalDate, localDateParts, zonedInstant } from "../reports/periods.js";

/** Why a typed course time was refused; each has its own message. */
export type CourseTimeError = "unreadable" | "no_time" | "past" | "too_far" | "end_before_start" | "too_long";

/** The longest a course may last, and how far ahead it may be planned. */
export const MAX_COURSE_LENGTH_MS = 7 * 24 * 60 * 60_000;
export const MAX_COURSE_AHEAD_MS = 366 * 24 * 60 * 60_000;

/**
 * "8h", "8h30", "8 giờ 30", "08:00", "14g", "2h chiều" → "HH:MM"; the rest of the text is the date.
 * Afternoon words (chiều, tối) move 1–11 o'clock by twelve hours.
 */
const TIME =
  /(?:^|\s)(?:luc\s+)?(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})?(?:\s*(?:phut|p))?(?:\s+(sang|trua|chieu|toi))?(?=\s|$|,)/;

const fold = foldKeepingPunctuation;

function readTime(folded: string): { time: string; rest: string } | null {
  const match = TIME.exec(folded);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  const part = match[3];
  if ((part === "chieu" || part === "toi") && hour >= 1 && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) return null;
  const rest = (folded.slice(0, match.index) + folded.slice(match.index + match[0].length))
    .replace(/\b(?:ngay|luc)\b/g, " ")
    .replace(/[,;]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`, rest };
}

/**
 * A course's start or end typed in local time: a time of day and a date in either order
 * ("8h 15/12", "15/12/2026 08:00", "14:00 ngày 16/12", "2h chiều mai"). Without a date the
 * time is on `defaultDay` (the start's day, for an end), or today. A date without a year that
 * has passed means next year. Nothing is said about the past here (see `checkCourseTimes`).
 */
export function parseCourseTime(
  text: string,
  input: { now: Date; timeZone: string; defaultDay?: Date },
): { ok: true; at: Date } | { ok: false; reason: "unreadable" | "no_time" } {
  const folded = fold(text).replace(/[.!?]+$/, "");
  const reading = readTime(folded);
  if (!reading) {
    // A date alone is a date without its hour: say so rather than "unreadable".
    return parseVietnameseDate(folded, input.now, input.timeZone) === null
      ? { ok: false, reason: "unreadable" }
      : { ok: false, reason: "no_time" };
  }
  let day: LocalDate;
  if (reading.rest === "") {
    day = localDateParts(input.defaultDay ?? input.now, input.timeZone);
  } else {
    const iso = parseVietnameseDate(reading.rest, input.now, input.timeZone);
    if (iso === null) return { ok: false, reason: "unreadable" };
    const [year = 0, month = 1, date = 1] = iso.split("-").map(Number);
    day = { year, month, day: date };
  }
  let at = zonedInstant(day, reading.time, input.timeZone);
  const yearTyped = /\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b|nam\s+\d/.test(reading.rest);
  if (!yearTyped && reading.rest !== "" && at < input.now && !/^(hom|ngay mai|mai)/.test(reading.rest)) {
    at = zonedInstant({ ...day, year: day.year + 1 }, reading.time, input.timeZone);
  }
  return { ok: true, at };
}

/** Start and end checked together: ahead of now, not too far, the end after the start, not too long. */
export function checkCourseTimes(
  times: { startsAt: Date; endsAt?: Date },
  now: Date,
): { ok: true } | { ok: false; reason: CourseTimeError } {
  if (times.startsAt <= now) return { ok: false, reason: "past" };
  if (times.startsAt.getTime() - now.getTime() > MAX_COURSE_AHEAD_MS) return { ok: false, reason: "too_far" };
  if (times.endsAt === undefined) return { ok: true };
  if (times.endsAt <= times.startsAt) return { ok: false, reason: "end_before_start" };
  if (times.endsAt.getTime() - times.startsAt.getTime() > MAX_COURSE_LENGTH_MS)
    return { ok: false, reason: "too_long" };
  return { ok: true };
}
