import type { Locale, Translator } from "../../i18n/translator.js";
import { formatDate, formatNumber } from "../../shared/time.js";
import { localDateParts } from "../reports/periods.js";

/** What a course notice shows. */
export interface CourseNoticeFields {
  title: string;
  content: string | null;
  venue: string | null;
  venueLatitude: number | null;
  venueLongitude: number | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  rsvpDeadline: Date | null;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "08:00" in the zone. */
export function formatClockTime(at: Date, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    clockFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** "08:00 15/12/2026" — one instant, local time. */
export function formatCourseInstant(at: Date, locale: Locale, timeZone: string): string {
  return `${formatClockTime(at, timeZone)} ${formatDate(at, locale, timeZone)}`;
}

/** "08:00–11:30 15/12/2026", or both ends in full when the course spans days. */
export function formatCourseTimeRange(
  startsAt: Date,
  endsAt: Date,
  locale: Locale,
  timeZone: string,
): string {
  const a = localDateParts(startsAt, timeZone);
  const b = localDateParts(endsAt, timeZone);
  if (a.year === b.year && a.month === b.month && a.day === b.day) {
    return `${formatClockTime(startsAt, timeZone)}–${formatClockTime(endsAt, timeZone)} ${formatDate(startsAt, locale, timeZone)}`;
  }
  return `${formatCourseInstant(startsAt, locale, timeZone)} – ${formatCourseInstant(endsAt, locale, timeZone)}`;
}

/** A map link for a venue shared as a location (opens on any phone, no app needed). */
export function venueMapLink(latitude: number, longitude: number): string {
  return `https://maps.google.com/?q=${latitude.toFixed(6)},${longitude.toFixed(6)}`;
}

/**
 * The course notice as its recipients see it (Telegram HTML; the Zalo channel turns it into
 * its own text): title, time range in local time, venue, content, answer deadline, places. The
 * one rendering of a notice: the trainer's preview and what is sent are this text.
 */
export function renderCourseNotice(
  translator: Translator,
  locale: Locale,
  course: CourseNoticeFields,
  timeZone: string,
): string {
  const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
  const lines = [
    t("course-notice-title", { title: course.title }),
    t("course-notice-time", {
      time: formatCourseTimeRange(course.startsAt, course.endsAt, locale, timeZone),
    }),
  ];
  if (course.venue) lines.push(t("course-notice-venue", { venue: course.venue }));
  if (course.venueLatitude !== null && course.venueLongitude !== null) {
    lines.push(t("course-notice-map", { link: venueMapLink(course.venueLatitude, course.venueLongitude) }));
  }
  if (course.capacity !== null) {
    lines.push(t("course-notice-capacity", { capacity: formatNumber(course.capacity, locale) }));
  }
  if (course.content) lines.push("", t("course-notice-content", { content: course.content }));
  lines.push(
    "",
    course.rsvpDeadline
      ? t("course-notice-deadline", { deadline: formatCourseInstant(course.rsvpDeadline, locale, timeZone) })
      : t("course-notice-answer"),
  );
  return lines.join("\n");
}

/** The answer buttons under a notice (their callbacks are handled by the answers feature). */
export function courseNoticeButtons(
  translator: Translator,
  locale: Locale,
  courseId: number,
): [label: string, data: string][][] {
  const label = (key: string) => translator.plain(locale, key);
  return [
    [
      [label("course-answer-yes"), `cra:y:${courseId}`],
      [label("course-answer-no"), `cra:n:${courseId}`],
    ],
    [[label("course-answer-question"), `cra:q:${courseId}`]],
  ];
}
