/** Longest button label the bot shows (Telegram clients cut longer ones mid-word). */
export const MAX_BUTTON_LABEL = 48;

const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });

/**
 * Shortens a label to at most `max` characters (letters with their diacritics count once),
 * ending with "…" when something was cut — at a word boundary when one is near, never leaving
 * a dangling separator ("Thôn 3 ·…"). The one place labels are cut, so a cut label always shows
 * that it was.
 *
 * @example shortenLabel("Tiến độ rà soát hộ nghèo, cận nghèo năm 2026", 30) // => "Tiến độ rà soát hộ nghèo, cận…"
 */
export function shortenLabel(text: string, max = MAX_BUTTON_LABEL): string {
  const parts = [...graphemes.segment(text)].map((s) => s.segment);
  if (parts.length <= max) return text;
  const keep = Math.max(1, max - 1);
  let cut = parts.slice(0, keep).join("");
  // Mid-word: back up to the last space, unless that would lose too much.
  const space = cut.lastIndexOf(" ");
  if (!/\s/u.test(parts[keep] ?? " ") && space >= cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s·,;:–—-]+$/u, "")}…`;
}
