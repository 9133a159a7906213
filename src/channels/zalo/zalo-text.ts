/** Zalo's longest text (and caption), in UTF-16 code units. */
export const ZALO_MAX_TEXT = 2000;

/** A styled run for Zalo's `text_styles`: offsets in UTF-16 code units, like JS strings. */
export interface ZaloTextStyle {
  start: number;
  len: number;
  st: string[];
}

/** Text as Zalo takes it: plain, with its styles beside it. */
export interface ZaloText {
  text: string;
  styles: ZaloTextStyle[];
}

const STYLE_OF_TAG: Record<string, string> = {
  b: "b",
  strong: "b",
  i: "i",
  em: "i",
  u: "u",
  ins: "u",
  s: "s",
  strike: "s",
  del: "s",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function unescapeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Telegram HTML (what the bot sends) as Zalo text: bold, italic, underline and strike become
 * `text_styles` runs; a link keeps its words and shows its address after them ("text (url)"),
 * since Zalo has no links but makes bare URLs clickable; code, pre, blockquote and spoilers
 * become plain text; entities are unescaped.
 */
export function telegramHtmlToZalo(html: string): ZaloText {
  let text = "";
  const open: { tag: string; href?: string; start: number }[] = [];
  const styles: ZaloTextStyle[] = [];
  const tokens = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+)|(<)/g;
  for (let match = tokens.exec(html); match; match = tokens.exec(html)) {
    const [, closing, rawTag, attributes, words, stray] = match;
    if (words !== undefined || stray !== undefined) {
      text += unescapeEntities(words ?? stray ?? "");
      continue;
    }
    const tag = (rawTag ?? "").toLowerCase();
    if (!closing) {
      const href = tag === "a" ? /href\s*=\s*"([^"]*)"|href\s*=\s*'([^']*)'/i.exec(attributes ?? "") : null;
      const link = href ? unescapeEntities(href[1] ?? href[2] ?? "") : undefined;
      open.push({ tag, start: text.length, ...(link ? { href: link } : {}) });
      continue;
    }
    const index = open.map((entry) => entry.tag).lastIndexOf(tag);
    if (index < 0) continue;
    const [entry] = open.splice(index, 1);
    if (!entry) continue;
    const style = STYLE_OF_TAG[tag];
    if (style && text.length > entry.start) {
      styles.push({ start: entry.start, len: text.length - entry.start, st: [style] });
    }
    if (tag === "a" && entry.href && !entry.href.startsWith("tg://")) {
      const shown = text.slice(entry.start).trim();
      if (shown !== entry.href) text += ` (${entry.href})`;
    }
  }
  return { text, styles };
}

/** The styles that fall within `[start, end)` of the text, moved to start at 0. */
function stylesWithin(styles: readonly ZaloTextStyle[], start: number, end: number): ZaloTextStyle[] {
  const within: ZaloTextStyle[] = [];
  for (const style of styles) {
    const from = Math.max(style.start, start);
    const to = Math.min(style.start + style.len, end);
    if (to > from) within.push({ start: from - start, len: to - from, st: style.st });
  }
  return within;
}

/**
 * Where to cut `text` (from `start`) so that the part is at most `max` long: at the last
 * paragraph break, else the last line break, else the last space, else hard — never inside a
 * surrogate pair.
 */
function cutPoint(text: string, start: number, max: number): number {
  const end = start + max;
  if (text.length <= end) return text.length;
  const window = text.slice(start, end + 1);
  for (const separator of ["\n\n", "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at > max / 4) return start + at;
  }
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/**
 * Splits a text into Zalo messages of at most {@link ZALO_MAX_TEXT} characters at paragraph
 * boundaries (then lines, then words), each with its own styles; `tail` (the choices) goes
 * whole into the last part, after a blank line.
 */
export function splitZaloText(body: ZaloText, tail = "", max = ZALO_MAX_TEXT): ZaloText[] {
  const joiner = body.text && tail ? "\n\n" : "";
  if (body.text.length + joiner.length + tail.length <= max) {
    return [{ text: body.text + joiner + tail, styles: body.styles }];
  }
  const parts: ZaloText[] = [];
  let start = 0;
  const text = body.text;
  while (start < text.length) {
    // The last part of the body shares its message with the tail when both fit.
    const end = cutPoint(text, start, max);
    parts.push({ text: text.slice(start, end), styles: stylesWithin(body.styles, start, end) });
    start = end;
    while (start < text.length && /\s/.test(text[start] ?? "")) start++;
  }
  const trimmed = parts.map((part) => trimEnd(part)).filter((part) => part.text.length > 0);
  if (!tail) return trimmed;
  const last = trimmed.at(-1);
  if (last && last.text.length + 2 + tail.length <= max) {
    trimmed[trimmed.length - 1] = { text: `${last.text}\n\n${tail}`, styles: last.styles };
    return trimmed;
  }
  return [...trimmed, ...splitZaloText({ text: tail, styles: [] }, "", max)];
}

function trimEnd(part: ZaloText): ZaloText {
  const text = part.text.replace(/\s+$/u, "");
  return { text, styles: stylesWithin(part.styles, 0, text.length) };
}
