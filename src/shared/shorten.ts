/**
 * Cuts a text to at most `max` characters, ending in "…" when it had to be cut (a button
 * label, a preview), so people can see something was left out. Counts code points, never
 * splitting an emoji or a Vietnamese letter written with a combining mark.
 *
 * @example shorten("Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay?", 24)
 * // => "Thôn có bao nhiêu hộ tr…"
 */
export function shorten(text: string, max: number): string {
  const chars = [...text.normalize("NFC")];
  if (chars.length <= max) return text.normalize("NFC");
  return `${chars
    .slice(0, Math.max(1, max - 1))
    .join("")
    .trimEnd()}…`;
}
