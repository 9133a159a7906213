import { isSummaryCadence, type SummaryCadence, type SummarySchedule } from "./summary-period.js";

/** A schedule as stored on a subscription: the fields the cadence does not use are null. */
export interface StoredSummarySchedule {
  cadence: SummaryCadence;
  localTime: string;
  weekday: number | null;
  monthDay: number | null;
}

/**
 * Checks a schedule a person chose (cadence, "HH:mm", weekday 1–7 for weekly, day 1–28 for
 * monthly — the 29th–31st do not exist every month) and returns it as stored, or the reason.
 */
export function checkSummarySchedule(
  schedule: SummarySchedule,
): { ok: true; schedule: StoredSummarySchedule } | { ok: false; reason: "bad_schedule" } {
  if (!isSummaryCadence(schedule.cadence)) return { ok: false, reason: "bad_schedule" };
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.localTime)) return { ok: false, reason: "bad_schedule" };
  const weekday = schedule.cadence === "weekly" ? (schedule.weekday ?? 1) : null;
  const monthDay = schedule.cadence === "monthly" ? (schedule.monthDay ?? 1) : null;
  if (weekday !== null && !(Number.isInteger(weekday) && weekday >= 1 && weekday <= 7))
    return { ok: false, reason: "bad_schedule" };
  if (monthDay !== null && !(Number.isInteger(monthDay) && monthDay >= 1 && monthDay <= 28))
    return { ok: false, reason: "bad_schedule" };
  return {
    ok: true,
    schedule: { cadence: schedule.cadence, localTime: schedule.localTime, weekday, monthDay },
  };
}
