import { formatDate, localeTag } from "../../shared/time.js";

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "08:00" in the zone (24 h), for the locale. */
export function formatClockTime(date: Date, locale: string, timeZone: string): string {
  const key = `${localeTag(locale)}|${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag(locale), {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    });
    timeFormats.set(key, format);
  }
  return format.format(date);
}

/**
 * A course's hours as people read them: "08:00–11:30 ngày 25/11/2026", or both dates when it
 * spans days ("08:00 25/11/2026 – 17:00 26/11/2026"). Short lines for reminders and check-in;
 * the full notice is rendered elsewhere.
 */
export function formatCourseTime(
  course: { startsAt: Date; endsAt: Date },
  locale: string,
  timeZone: string,
): string {
  const startDay = formatDate(course.startsAt, locale, timeZone);
  const endDay = formatDate(course.endsAt, locale, timeZone);
  const start = formatClockTime(course.startsAt, locale, timeZone);
  const end = formatClockTime(course.endsAt, locale, timeZone);
  if (startDay === endDay) return `${start}–${end} ${startDay}`;
  return `${start} ${startDay} – ${end} ${endDay}`;
}

/**
 * How long until `at`, in the largest whole unit people say: "còn 1 ngày", "còn 2 giờ", "còn 45
 * phút" (days and hours rounded down, at least one minute).
 */
export function timeLeft(now: Date, at: Date): { unit: "days" | "hours" | "minutes"; count: number } {
  // Rounded, not cut: a sweep runs a little after the planned minute, and "2 hours before"
  // sent 30 seconds late is still "còn 2 giờ", not "còn 1 giờ".
  const minutes = Math.max(1, Math.round((at.getTime() - now.getTime()) / 60_000));
  if (minutes >= 23 * 60) return { unit: "days", count: Math.max(1, Math.round(minutes / (24 * 60))) };
  if (minutes >= 55) return { unit: "hours", count: Math.max(1, Math.round(minutes / 60)) };
  return { unit: "minutes", count: minutes };
}
