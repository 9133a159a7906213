import { localeTag } from "../../shared/time.js";
import { type LocalDate, wallClock } from "../reports/periods.js";
import type { FigureValues, KeyFigure } from "./summary-data.js";
import type { SummaryWindow } from "./summary-period.js";

/**
 * Number formats the summary's text, chart and workbook share, so a figure reads the same in
 * each: vi-VN ("1.234", "71,4%"), en-GB for English.
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(
  locale: string,
  kind: "percent" | "number" | "change",
  digits: number,
): Intl.NumberFormat {
  const key = `${localeTag(locale)}|${kind}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeTag(locale), {
      style: kind === "percent" ? "percent" : "decimal",
      maximumFractionDigits: digits,
      ...(kind === "change" ? { signDisplay: "exceptZero" } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/** A share 0–1 as a percentage: "71,4%" (digits: fraction digits at most). */
export function formatShare(share: number, locale: string, digits = 1): string {
  return numberFormat(locale, "percent", digits).format(share);
}

/** received/expected as a percentage, "–" when nothing is expected. */
export function formatRate(received: number, expected: number | null, locale: string, digits = 1): string {
  return expected ? formatShare(received / expected, locale, digits) : "–";
}

/** A figure: "1.234", "12,5" (at most one decimal). */
export function formatFigure(value: number, locale: string): string {
  return numberFormat(locale, "number", 1).format(value);
}

/** A change with its sign: "+15", "-3", "0". */
export function formatChange(value: number, locale: string): string {
  return numberFormat(locale, "change", 1).format(value);
}

/** The change of a key figure from the previous period, or null when either is unknown. */
export function figureChange(
  figure: KeyFigure,
  current: FigureValues,
  previous: FigureValues | null,
): number | null {
  const now = current[figure.field];
  const before = previous?.[figure.field];
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return Math.round((now - before) * 10) / 10;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** "23/11/2026"; "23/11" without the year. */
export function formatLocalDate(date: LocalDate, withYear = true): string {
  return withYear
    ? `${pad(date.day)}/${pad(date.month)}/${date.year}`
    : `${pad(date.day)}/${pad(date.month)}`;
}

/** The window as a short label: "29/11/2026", "23/11–29/11/2026", "11/2026". */
export function windowLabel(window: SummaryWindow): string {
  switch (window.cadence) {
    case "daily":
      return formatLocalDate(window.firstDay);
    case "weekly":
      return `${formatLocalDate(window.firstDay, window.firstDay.year !== window.lastDay.year)}–${formatLocalDate(window.lastDay)}`;
    case "monthly":
      return `${pad(window.firstDay.month)}/${window.firstDay.year}`;
  }
}

/**
 * The instant as the zone's wall clock, written as a UTC date: what a spreadsheet cell needs
 * (cells have no zone), so 07:30 in Hà Nội shows as 07:30, not 00:30.
 */
export function wallClockDate(at: Date, timeZone: string): Date {
  const wall = wallClock(at, timeZone);
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
}
