/** Longest button label the bot shows (Telegram clients cut longer ones mid-word). */
export const MAX_BUTTON_LABEL = 48;

const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });

/**
 * Characters text from outside never keeps: C0/C1 control characters other than tab and line
 * breaks (a NUL makes every Telegram message that shows the text fail), bidirectional
 * embeddings, overrides and isolates (they reorder what follows them — a name could pose as
 * another), the byte order mark and the noncharacters U+FFFE/U+FFFF.
 */
const UNWANTED = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/gu;

/** Half of a surrogate pair without its other half: not a character, and invalid UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text that came from outside — a typed message, a cell of an imported file, a file name —
 * made fit to store and show: Unicode NFC (phones and Excel send Vietnamese decomposed, too),
 * line breaks as "\n", tabs as spaces, no control characters, no direction overrides, no lone
 * surrogate halves. Spaces are otherwise kept (trimming is each reader's business).
 *
 * @example sanitizeText("Nguyen\u0000 Văn\r\nAn") // => "Nguyen Văn\nAn"
 */
export function sanitizeText(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(UNWANTED, (char) => (char === "\n" ? char : ""))
    .normalize("NFC");
}

/** Characters that take no room on screen: zero-width spaces and joiners, soft hyphens, marks. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\s]/gu;

/**
 * How many characters a person sees: letters with their diacritics count once, spaces and
 * invisible characters (zero-width spaces, joiners) not at all — what a minimum length means.
 *
 * @example visibleLength("a\u200B\u200B\u200B b") // => 2
 */
export function visibleLength(text: string): number {
  let count = 0;
  for (const { segment } of graphemes.segment(text)) if (segment.replace(INVISIBLE, "") !== "") count += 1;
  return count;
}

/**
 * Shortens a label to at most `max` characters (letters with their diacritics count once),
 * ending with "…" when something was cut — at a word boundary when one is near, never leaving
 * a dangling separator ("Thôn 3 ·…"). The one place labels are cut, so a cut label always shows
 * that it was.
 *
 * @example shortenLabel("Tiến độ rà soát hộ nghèo, cận nghèo năm 2026", 30) // => "Tiến độ rà soát hộ nghèo, cận…"
 */
export function shortenLabel(text: string, max = MAX_BUTTON_LABEL): string {
  const parts = [...graphemes.segment(sanitizeText(text))].map((s) => s.segment);
  if (parts.length <= max) return parts.join("");
  const keep = Math.max(1, max - 1);
  let cut = parts.slice(0, keep).join("");
  // Mid-word: back up to the last space, unless that would lose too much.
  const space = cut.lastIndexOf(" ");
  if (!/\s/u.test(parts[keep] ?? " ") && space >= cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s·,;:–—-]+$/u, "")}…`;
}

/** A piece of formatting in a text, as Telegram gives it: where it starts and how long it is. */
interface TextSpan {
  offset: number;
  length: number;
}

/**
 * {@link sanitizeText} for a message with formatting: the entities (a command at offset 0, a
 * link, bold) are moved to where their text is after cleaning. Each stretch between entity
 * boundaries is cleaned on its own, so no boundary moves into another stretch.
 */
export function sanitizeTextWithEntities<E extends TextSpan>(
  text: string,
  entities: readonly E[] | undefined,
): { text: string; entities: E[] | undefined } {
  const clean = sanitizeText(text);
  if (clean === text || !entities || entities.length === 0)
    return { text: clean, entities: entities?.slice() };
  const cuts = [...new Set([0, text.length, ...entities.flatMap((e) => [e.offset, e.offset + e.length])])]
    .filter((at) => at >= 0 && at <= text.length)
    .sort((a, b) => a - b);
  const moved = new Map<number, number>();
  let out = "";
  cuts.forEach((at, i) => {
    moved.set(at, out.length);
    const end = cuts[i + 1];
    if (end !== undefined) out += sanitizeText(text.slice(at, end));
  });
  const place = (at: number) => moved.get(Math.max(0, Math.min(at, text.length))) ?? out.length;
  return {
    text: out,
    entities: entities
      .map((e) => ({ ...e, offset: place(e.offset), length: place(e.offset + e.length) - place(e.offset) }))
      .filter((e) => e.length > 0),
  };
}
