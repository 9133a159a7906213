import { foldKeepingPunctuation } from "../../shared/fold.js";
/**
 * A local time typed for a summary ("7h30", "7h", "07:30", "17:00", "7 giờ 30", "5h chiều",
 * "7") as "HH:mm", or undefined. "chiều"/"tối" move 1–11 o'clock to the afternoon/evening.
 */
export function parseSummaryTime(text: string): string | undefined {
  const folded = foldKeepingPunctuation(text);
  const match =
    /^(\d{1,2})(?:\s*(?:h|g|gio|:|\.)\s*(\d{1,2})?)?\s*(?:p|phut)?\s*(sang|trua|chieu|toi)?$/.exec(folded);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (match[2] !== undefined && match[2].length !== 2) return undefined;
  if ((match[3] === "chieu" || match[3] === "toi") && hour >= 1 && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
