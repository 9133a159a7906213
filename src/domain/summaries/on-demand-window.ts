import { previousWindow, type SummaryWindow, windowContaining } from "./summary-period.js";

/** The periods an on-demand summary (/tonghop) offers, in the order they are offered. */
export const ON_DEMAND_PERIODS = ["tw", "lw", "tm", "lm", "td"] as const;
export type OnDemandPeriod = (typeof ON_DEMAND_PERIODS)[number];

export function isOnDemandPeriod(value: unknown): value is OnDemandPeriod {
  return typeof value === "string" && (ON_DEMAND_PERIODS as readonly string[]).includes(value);
}

/**
 * The summary window of an on-demand choice at `now`: this week or last week (Monday–Sunday),
 * this month or last month, or today, in local time.
 */
export function onDemandWindow(period: OnDemandPeriod, now: Date, timeZone: string): SummaryWindow {
  switch (period) {
    case "tw":
      return windowContaining("weekly", now, timeZone);
    case "lw":
      return previousWindow(windowContaining("weekly", now, timeZone), timeZone);
    case "tm":
      return windowContaining("monthly", now, timeZone);
    case "lm":
      return previousWindow(windowContaining("monthly", now, timeZone), timeZone);
    case "td":
      return windowContaining("daily", now, timeZone);
  }
}
