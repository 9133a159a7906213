import {
  dayNumber,
  daysInMonth,
  fromDayNumber,
  isoWeek,
  isoWeekday,
  type LocalDate,
  localDateParts,
  zonedInstant,
} from "../reports/periods.js";

/**
 * The windows a supervisor summary covers, and when a subscription's summaries are due, in the
 * local time of a zone (Asia/Ho_Chi_Minh in production).
 *
 * - daily: one local day, key "2026-11-29";
 * - weekly: an ISO week (Monday–Sunday), key "2026-W48";
 * - monthly: a calendar month, key "2026-11".
 *
 * A summary sent at a slot covers the window the slot falls in ("so far"), except when the slot
 * is at the very beginning of it — the morning of a day (before 12:00), the Monday of a week, the
 * 1st of a month — when it covers the window just ended: a Monday 07:30 summary is about last
 * week, a Friday 17:00 one about this week so far.
 */
export const SUMMARY_CADENCES = ["daily", "weekly", "monthly"] as const;
export type SummaryCadence = (typeof SUMMARY_CADENCES)[number];

export function isSummaryCadence(value: unknown): value is SummaryCadence {
  return typeof value === "string" && (SUMMARY_CADENCES as readonly string[]).includes(value);
}

export interface SummaryWindow {
  cadence: SummaryCadence;
  /** "2026-11-29" | "2026-W48" | "2026-11": the SummarySent period key. */
  key: string;
  /** First local day and last local day (the same for a daily window). */
  firstDay: LocalDate;
  lastDay: LocalDate;
  /** First instant of the first local day. */
  start: Date;
  /** Last millisecond of the last local day (inclusive). */
  end: Date;
}

/** When a subscription's summaries go out. */
export interface SummarySchedule {
  cadence: SummaryCadence;
  /** Local "HH:mm". */
  localTime: string;
  /** 1 = Monday … 7 = Sunday (weekly). */
  weekday?: number | null;
  /** 1–28 (monthly); default 1. */
  monthDay?: number | null;
}

/** The defaults a new subscription starts from: weekly, Monday 07:30. */
export const DEFAULT_SUMMARY_SCHEDULE: Required<SummarySchedule> = {
  cadence: "weekly",
  localTime: "07:30",
  weekday: 1,
  monthDay: 1,
};

const DAY_MS = 86_400_000;

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function windowOf(cadence: SummaryCadence, first: number, last: number, timeZone: string): SummaryWindow {
  const firstDay = fromDayNumber(first);
  const lastDay = fromDayNumber(last);
  let key: string;
  if (cadence === "daily") key = `${firstDay.year}-${pad(firstDay.month)}-${pad(firstDay.day)}`;
  else if (cadence === "weekly") {
    const { year, week } = isoWeek(first);
    key = `${year}-W${pad(week)}`;
  } else key = `${firstDay.year}-${pad(firstDay.month)}`;
  return {
    cadence,
    key,
    firstDay,
    lastDay,
    start: zonedInstant(firstDay, "00:00", timeZone),
    end: new Date(zonedInstant(fromDayNumber(last + 1), "00:00", timeZone).getTime() - 1),
  };
}

/** The window of a cadence that contains the local day of `at`. */
export function windowContaining(cadence: SummaryCadence, at: Date, timeZone: string): SummaryWindow {
  return windowContainingDay(cadence, dayNumber(localDateParts(at, timeZone)), timeZone);
}

function windowContainingDay(cadence: SummaryCadence, day: number, timeZone: string): SummaryWindow {
  switch (cadence) {
    case "daily":
      return windowOf(cadence, day, day, timeZone);
    case "weekly": {
      const monday = day - (isoWeekday(day) - 1);
      return windowOf(cadence, monday, monday + 6, timeZone);
    }
    case "monthly": {
      const { year, month } = fromDayNumber(day);
      const first = dayNumber({ year, month, day: 1 });
      return windowOf(cadence, first, first + daysInMonth(year, month) - 1, timeZone);
    }
  }
}

/** The window just before `window` (the day, week or month before). */
export function previousWindow(window: SummaryWindow, timeZone: string): SummaryWindow {
  return windowContainingDay(window.cadence, dayNumber(window.firstDay) - 1, timeZone);
}

/** The window a summary with this key covers, or null when the key is not one of the cadence. */
export function windowByKey(cadence: SummaryCadence, key: string, timeZone: string): SummaryWindow | null {
  let day: number | null = null;
  if (cadence === "daily") {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
    if (match) day = dayNumber({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  } else if (cadence === "weekly") {
    const match = /^(\d{4})-W(\d{2})$/.exec(key);
    if (match) {
      // The Monday of ISO week 1 is the Monday of the week holding 4 January.
      const jan4 = dayNumber({ year: Number(match[1]), month: 1, day: 4 });
      day = jan4 - (isoWeekday(jan4) - 1) + (Number(match[2]) - 1) * 7;
    }
  } else {
    const match = /^(\d{4})-(\d{2})$/.exec(key);
    if (match) day = dayNumber({ year: Number(match[1]), month: Number(match[2]), day: 1 });
  }
  if (day === null || Number.isNaN(day)) return null;
  const window = windowContainingDay(cadence, day, timeZone);
  return window.key === key ? window : null;
}

/** The window a summary sent at `slot` covers (see the module comment). */
export function windowForSlot(cadence: SummaryCadence, slot: Date, timeZone: string): SummaryWindow {
  const current = windowContaining(cadence, slot, timeZone);
  const today = dayNumber(localDateParts(slot, timeZone));
  const atStart =
    cadence === "daily"
      ? slot.getTime() < zonedInstant(fromDayNumber(today), "12:00", timeZone).getTime()
      : today === dayNumber(current.firstDay);
  return atStart ? previousWindow(current, timeZone) : current;
}

/** The slot of a schedule on a local day, or null when the schedule has none that day. */
function slotOnDay(schedule: SummarySchedule, day: number, timeZone: string): Date | null {
  const date = fromDayNumber(day);
  if (schedule.cadence === "weekly" && isoWeekday(day) !== (schedule.weekday ?? 1)) return null;
  if (schedule.cadence === "monthly" && date.day !== Math.min(schedule.monthDay ?? 1, 28)) return null;
  return zonedInstant(date, schedule.localTime, timeZone);
}

/** The latest slot at or before `now` (within the last 62 days), or null. */
export function latestSlot(schedule: SummarySchedule, now: Date, timeZone: string): Date | null {
  const today = dayNumber(localDateParts(now, timeZone));
  for (let day = today; day > today - 62; day--) {
    const slot = slotOnDay(schedule, day, timeZone);
    if (slot && slot.getTime() <= now.getTime()) return slot;
  }
  return null;
}

/** The first slot strictly after `now`. */
export function nextSlot(schedule: SummarySchedule, now: Date, timeZone: string): Date {
  const today = dayNumber(localDateParts(now, timeZone));
  for (let day = today; day < today + 62; day++) {
    const slot = slotOnDay(schedule, day, timeZone);
    if (slot && slot.getTime() > now.getTime()) return slot;
  }
  // Unreachable for valid schedules (a monthly slot comes within 31 days).
  return new Date(now.getTime() + 31 * DAY_MS);
}
