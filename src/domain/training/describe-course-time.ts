import { formatDateTime } from "../../shared/time.js";

/**
 * A course's time as people read it, in local time: "08:00 25/11/2026 – 11:30" on one day,
 * both dates when it spans several.
 */
export function describeCourseTime(
  course: { startsAt: Date; endsAt: Date },
  locale: string,
  timeZone: string,
): string {
  const start = formatDateTime(course.startsAt, locale, timeZone);
  const end = formatDateTime(course.endsAt, locale, timeZone);
  const [startDay] = dayAndTime(start);
  const [endDay, endTime] = dayAndTime(end);
  return `${start} – ${startDay === endDay ? endTime : end}`;
}

// vi-VN gives "08:00 25/11/2026", en-GB "25/11/2026, 08:00": split into the day and the time.
function dayAndTime(formatted: string): [string, string] {
  const time = /\d{2}:\d{2}/.exec(formatted)?.[0] ?? "";
  const day = formatted.replace(time, "").replace(/[ ,]+/g, " ").trim();
  return [day, time];
}
