/**
 * Splits a message (Telegram HTML) into parts of at most `max` characters (UTF-16 code units,
 * what `string.length` counts — never fewer than the messenger counts), in order:
 *
 * - between lines, preferring a blank line (the end of a section) when the part is at least
 *   half full, so a section stays together when it can;
 * - a single line longer than `max` alone is cut at a word (or, for one overlong word, between
 *   characters), never inside a tag or an entity; a tag open at the cut (`<b>…`) is closed at the
 *   end of the part and opened again at the start of the next, so each part is valid HTML.
 *
 * Tags are expected to close on the line they open (every bot text does).
 *
 * @example splitMessage("a\nb\n\nc", 3) // => ["a\nb", "c"]
 */
export function splitMessage(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < MIN_PART)
    throw new RangeError(`splitMessage: max ${max} < ${MIN_PART}`);
  if (text.length <= max) return text.trim() === "" ? [] : [text];
  const pieces: string[] = [];
  for (const line of text.split("\n")) {
    if (line.length <= max) pieces.push(line);
    else pieces.push(...cutLine(line, max));
  }
  const parts: string[] = [];
  let current: string[] = [];
  let length = -1; // the joined length of `current` ("\n" between lines)
  const flush = (lines: string[]) => {
    const part = trimBlankLines(lines).join("\n");
    if (part.trim() !== "") parts.push(part);
  };
  for (const piece of pieces) {
    if (length + 1 + piece.length <= max) {
      current.push(piece);
      length += 1 + piece.length;
      continue;
    }
    // Cut at the last blank line of the part when that leaves it at least half full.
    const blank = current.lastIndexOf("");
    const head = blank > 0 ? current.slice(0, blank) : [];
    const tail = blank > 0 ? current.slice(blank + 1) : [];
    const tailLength = tail.reduce((sum, line) => sum + line.length + 1, 0) + piece.length;
    if (head.join("\n").length >= max / 2 && tailLength <= max) {
      flush(head);
      current = [...tail, piece];
    } else {
      flush(current);
      current = [piece];
    }
    length = current.join("\n").length;
  }
  flush(current);
  return parts;
}

/** Below this a part could not hold an opened and closed tag around a character. */
const MIN_PART = 16;

/** A tag, an entity, a run of spaces, or one character with its combining marks. */
const TOKEN = /<[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);|\s+|\P{M}\p{M}*|\p{M}+/giu;

/** Cuts one overlong line into parts of at most `max`, each with its open tags balanced. */
function cutLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let reopen = ""; // tags open at the previous cut, opened again
  let rest = line;
  while (reopen.length + rest.length > max) {
    const text = reopen + rest;
    const stack: { name: string; open: string }[] = [];
    let position = 0;
    let atSpace = -1; // the last cut before a space that fits (closing tags included)
    let atSpaceStack: typeof stack = [];
    let anywhere = -1;
    let anywhereStack: typeof stack = [];
    for (const match of text.matchAll(TOKEN)) {
      const token = match[0];
      const closing = stack.reduce((sum, tag) => sum + tag.name.length + 3, 0);
      if (position > reopen.length && position + closing <= max) {
        if (/^\s/.test(token)) {
          atSpace = position;
          atSpaceStack = [...stack];
        }
        if (!token.startsWith("</")) {
          anywhere = position;
          anywhereStack = [...stack];
        }
      }
      if (position + closing > max) break;
      if (token.startsWith("</")) stack.pop();
      else if (token.startsWith("<")) {
        const name = /^<([a-z0-9-]+)/i.exec(token)?.[1];
        if (name && !token.endsWith("/>")) stack.push({ name, open: token });
      }
      position += token.length;
    }
    const cut = atSpace > reopen.length ? atSpace : anywhere;
    const open = cut === atSpace && atSpace > reopen.length ? atSpaceStack : anywhereStack;
    if (cut <= reopen.length) break; // nothing fits (a tag longer than a part): send the rest as it is
    parts.push(
      text.slice(0, cut).trimEnd() +
        open
          .map((tag) => `</${tag.name}>`)
          .reverse()
          .join(""),
    );
    reopen = open.map((tag) => tag.open).join("");
    rest = text.slice(cut).trimStart();
  }
  parts.push(reopen + rest);
  return parts;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === "") start++;
  while (end > start && lines[end - 1]?.trim() === "") end--;
  return lines.slice(start, end);
}
