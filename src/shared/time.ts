/**
 * Formatting of dates and numbers the way Vietnamese users read them (vi-VN, local time zone).
 * Domain code stores instants in UTC; only presentation uses the zone.
 */
export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

// Building an Intl formatter costs far more than formatting with it (conversations replay their
// steps on every update, formatting the same numbers again): one formatter per locale and zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const tag = localeTag(locale);
  const key = `${tag}|${timeZone}|${withTime ? "t" : "d"}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, {
      timeZone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
    });
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDate(date: Date, locale: string, timeZone = DEFAULT_TIME_ZONE): string {
  return dateFormat(locale, timeZone, false).format(date);
}

export function formatDateTime(date: Date, locale: string, timeZone = DEFAULT_TIME_ZONE): string {
  return dateFormat(locale, timeZone, true).format(date);
}

export function formatNumber(value: number, locale: string): string {
  const tag = localeTag(locale);
  let format = numberFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag);
    numberFormats.set(tag, format);
  }
  return format.format(value);
}

export function localeTag(locale: string): string {
  return locale === "en" ? "en-GB" : "vi-VN";
}
