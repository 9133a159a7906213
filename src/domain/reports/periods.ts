import type { PeriodSpec } from "./form-definition.js";

/**
 * Reporting periods of a form, in the local time of a zone (Asia/Ho_Chi_Minh in production, but
 * computed generally through Intl, so a zone with daylight saving would work too).
 *
 * - weekly: the ISO week (Monday–Sunday), key "2026-W47"; the deadline is a weekday of that week.
 * - monthly: the calendar month, key "2026-11"; the deadline is a day (1–28) of that month.
 * - review_season: the season itself (default 01/09–14/12, the yearly review of QĐ 24/2021),
 *   key "review-2026" (the year the season starts); the deadline is a "MM-DD" of that season's
 *   year (the next year when it is earlier than the season's start).
 * - adhoc: key "adhoc"; start/end are the local day of `at`, no deadline (an incident report has
 *   no reporting window — every report stands alone).
 *
 * A weekly or monthly form with a `season` is active in the weeks/months that overlap the season:
 * the week of 31/08–06/09/2026 is in a 09-01..12-14 season, and so is the week of 14/12–20/12.
 *
 * `start` is the first instant of the first local day, `end` the last millisecond of the last
 * local day (inclusive: `start <= t && t <= end`).
 */
export interface ReportPeriod {
  key: string;
  label: string;
  start: Date;
  end: Date;
  deadline: Date | null;
}

/** The yearly review of poor and near-poor households runs from 1 September to 14 December. */
export const REVIEW_SEASON = { from: "09-01", to: "12-14" } as const;

/** A calendar date without a zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export function periodAt(spec: PeriodSpec, at: Date, timeZone: string): ReportPeriod | null {
  const today = localDateParts(at, timeZone);
  switch (spec.type) {
    case "weekly": {
      const period = weekContaining(spec, today, timeZone);
      return inSeason(spec, period, timeZone) ? period : null;
    }
    case "monthly": {
      const period = monthOf(spec, today.year, today.month, timeZone);
      return inSeason(spec, period, timeZone) ? period : null;
    }
    case "review_season": {
      const day = dayNumber(today);
      for (const year of [today.year, today.year - 1]) {
        const window = seasonWindow(spec.season ?? REVIEW_SEASON, year);
        if (day >= window.start && day <= window.end) return seasonOf(spec, year, timeZone);
      }
      return null;
    }
    case "adhoc":
      return {
        key: "adhoc",
        label: "Báo cáo đột xuất",
        start: zonedInstant(today, "00:00", timeZone),
        end: endOfDay(dayNumber(today), timeZone),
        deadline: null,
      };
  }
}

/**
 * The period before `period`: the week/month/season before it; null for ad hoc forms and for
 * the first week/month of a season (comparing with the end of last year's season is misleading).
 */
export function previousPeriod(
  spec: PeriodSpec,
  period: ReportPeriod,
  timeZone: string,
): ReportPeriod | null {
  const first = localDateParts(period.start, timeZone);
  switch (spec.type) {
    case "weekly": {
      const previous = weekContaining(spec, fromDayNumber(dayNumber(first) - 7), timeZone);
      return inSeason(spec, previous, timeZone) ? previous : null;
    }
    case "monthly": {
      const previous =
        first.month === 1
          ? monthOf(spec, first.year - 1, 12, timeZone)
          : monthOf(spec, first.year, first.month - 1, timeZone);
      return inSeason(spec, previous, timeZone) ? previous : null;
    }
    case "review_season":
      return seasonOf(spec, first.year - 1, timeZone);
    case "adhoc":
      return null;
  }
}

/**
 * The reminder offset (days relative to the deadline, negative = before) that falls on the local
 * day of `at`, or null. Only the day counts; the scheduler decides the hour.
 */
export function reminderDue(
  spec: PeriodSpec,
  period: ReportPeriod,
  at: Date,
  timeZone: string,
): number | null {
  if (!period.deadline || !spec.reminders || spec.reminders.length === 0) return null;
  const offset =
    dayNumber(localDateParts(at, timeZone)) - dayNumber(localDateParts(period.deadline, timeZone));
  return spec.reminders.includes(offset) ? offset : null;
}

// ── Periods ──────────────────────────────────────────────────────────────────────────────────

function weekContaining(spec: PeriodSpec, date: LocalDate, timeZone: string): ReportPeriod {
  const day = dayNumber(date);
  const monday = day - (isoWeekday(day) - 1);
  const sunday = monday + 6;
  const { year, week } = isoWeek(day);
  const mon = fromDayNumber(monday);
  const sun = fromDayNumber(sunday);
  const from = mon.year === sun.year ? dm(mon) : dmy(mon);
  const deadline = spec.deadline?.weekday
    ? zonedInstant(fromDayNumber(monday + spec.deadline.weekday - 1), spec.deadline.time, timeZone)
    : null;
  return {
    key: `${year}-W${pad(week)}`,
    label: `Tuần ${week} (${from}–${dmy(sun)})`,
    start: zonedInstant(mon, "00:00", timeZone),
    end: endOfDay(sunday, timeZone),
    deadline,
  };
}

function monthOf(spec: PeriodSpec, year: number, month: number, timeZone: string): ReportPeriod {
  const first = { year, month, day: 1 };
  const last = { year, month, day: daysInMonth(year, month) };
  const deadline = spec.deadline?.day
    ? zonedInstant({ year, month, day: spec.deadline.day }, spec.deadline.time, timeZone)
    : null;
  return {
    key: `${year}-${pad(month)}`,
    label: `Tháng ${month}/${year}`,
    start: zonedInstant(first, "00:00", timeZone),
    end: endOfDay(dayNumber(last), timeZone),
    deadline,
  };
}

function seasonOf(spec: PeriodSpec, year: number, timeZone: string): ReportPeriod {
  const season = spec.season ?? REVIEW_SEASON;
  const window = seasonWindow(season, year);
  const first = fromDayNumber(window.start);
  const last = fromDayNumber(window.end);
  let deadline: Date | null = null;
  if (spec.deadline?.date) {
    const [month, day] = monthDay(spec.deadline.date);
    const deadlineYear = spec.deadline.date < season.from ? year + 1 : year;
    deadline = zonedInstant({ year: deadlineYear, month, day }, spec.deadline.time, timeZone);
  }
  const range = first.year === last.year ? `${dm(first)}–${dm(last)}` : `${dmy(first)}–${dmy(last)}`;
  return {
    key: `review-${year}`,
    label: `Rà soát năm ${year} (${range})`,
    start: zonedInstant(first, "00:00", timeZone),
    end: endOfDay(window.end, timeZone),
    deadline,
  };
}

/** Without a season a weekly/monthly period is always active; with one, it must overlap it. */
function inSeason(spec: PeriodSpec, period: ReportPeriod, timeZone: string): boolean {
  if (!spec.season) return true;
  const start = localDateParts(period.start, timeZone);
  const end = localDateParts(period.end, timeZone);
  const from = dayNumber(start);
  const to = dayNumber(end);
  for (const year of [start.year - 1, start.year, end.year]) {
    const window = seasonWindow(spec.season, year);
    if (from <= window.end && to >= window.start) return true;
  }
  return false;
}

/** The season that starts in `year`, as day numbers (a season "11-01".."02-28" ends next year). */
function seasonWindow(season: { from: string; to: string }, year: number): { start: number; end: number } {
  const [fromMonth, fromDay] = monthDay(season.from);
  const [toMonth, toDay] = monthDay(season.to);
  const endYear = season.to < season.from ? year + 1 : year;
  return {
    start: dayNumber({ year, month: fromMonth, day: fromDay }),
    end: dayNumber({ year: endYear, month: toMonth, day: toDay }),
  };
}

function endOfDay(day: number, timeZone: string): Date {
  return new Date(zonedInstant(fromDayNumber(day + 1), "00:00", timeZone).getTime() - 1);
}

// ── Calendar arithmetic (zone-free) ──────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
export function dayNumber(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

export function fromDayNumber(day: number): LocalDate {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** ISO 8601 week: the week belongs to the year of its Thursday. */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = day + 4 - isoWeekday(day);
  const year = fromDayNumber(thursday).year;
  const week = Math.floor((thursday - dayNumber({ year, month: 1, day: 1 })) / 7) + 1;
  return { year, week };
}

function monthDay(text: string): [number, number] {
  const [month = "1", day = "1"] = text.split("-");
  return [Number(month), Number(day)];
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function dm(date: LocalDate): string {
  return `${pad(date.day)}/${pad(date.month)}`;
}

function dmy(date: LocalDate): string {
  return `${dm(date)}/${date.year}`;
}

// ── Time zones (Intl, no dependency) ─────────────────────────────────────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClock(
  at: Date,
  timeZone: string,
): LocalDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The calendar date of an instant in a zone. */
export function localDateParts(at: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(at, timeZone);
  return { year, month, day };
}

/** Milliseconds to add to UTC to get the zone's wall clock at that instant. */
function zoneOffset(at: number, timeZone: string): number {
  const clock = wallClock(new Date(at), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant at which the zone's wall clock shows `date` at `time` ("HH:mm"). */
export function zonedInstant(date: LocalDate, time: string, timeZone: string): Date {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  return new Date(second);
}
