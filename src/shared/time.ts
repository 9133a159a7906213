/**
 * Formatting of dates and numbers the way Vietnamese users read them (vi-VN, local time zone).
 * Domain code stores instants in UTC; only presentation uses the zone.
 */
export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

export function formatDate(date: Date, locale: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(localeTag(locale), {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(date);
}

export function formatDateTime(date: Date, locale: string, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(localeTag(locale), {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(localeTag(locale)).format(value);
}

export function localeTag(locale: string): string {
  return locale === "en" ? "en-GB" : "vi-VN";
}
