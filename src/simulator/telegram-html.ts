/**
 * Telegram's HTML parse mode, as the Bot API applies it to `parse_mode: "HTML"`: text in, plain text
 * and entities out, or the same `can't parse entities` error Telegram would answer with.
 *
 * The simulator must reject malformed HTML exactly where Telegram does (an unescaped `<`, an
 * unsupported tag, a missing end tag…), so that the bot's formatting bugs show up locally instead of
 * as 400s in production. The algorithm follows TDLib's `parse_html` (td/telegram/MessageEntity.cpp),
 * byte offsets in the messages included. Deliberate differences:
 * - an unknown named reference followed by `;` (`&nbsp;`) is an error here; Telegram would show it
 *   literally, which is just as much a bug in the bot's text;
 * - `<a>` without a usable `href` gives no entity, and `href` is not checked or normalised, so
 *   `tg://user?id=…` stays a `text_link` instead of becoming a `text_mention`;
 * - entities are not normalised afterwards (Telegram drops, for instance, bold inside `code`), except
 *   that a `<code>` exactly filling a `<pre>` merges into it.
 */
import type { MessageEntity } from "grammy/types";

export type ParseResult =
  | { ok: true; text: string; entities: MessageEntity[] }
  | { ok: false; description: string };

type Failure = Extract<ParseResult, { ok: false }>;

const ERROR_PREFIX = "Bad Request: can't parse entities: ";

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "tg-emoji",
  "code",
  "pre",
  "blockquote",
]);

/** Types whose entity needs nothing but offset and length. */
const SIMPLE_TYPES: Record<string, MessageEntity.CommonMessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler", // only with class="tg-spoiler", checked at the start tag
  "tg-spoiler": "spoiler",
};

/** Besides spaces, the characters that end an attribute name. */
const ATTRIBUTE_NAME_ENDS = new Set(["=", ">", "/", '"', "'"]);

const NAMED_REFERENCES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** TDLib's order for entities with the same offset and length (lower first). */
const TYPE_PRIORITY: Partial<Record<MessageEntity["type"], number>> = {
  blockquote: 0,
  expandable_blockquote: 0,
  pre: 11,
  code: 20,
  text_link: 49,
  bold: 90,
  italic: 91,
  underline: 92,
  strikethrough: 93,
  spoiler: 94,
  custom_emoji: 99,
};

/** A start tag waiting for its end tag. */
type OpenTag = { name: string; argument: string; offset: number };

/** An entity under construction; `argument` is the url, language or custom emoji id. */
type Draft = { type: MessageEntity["type"]; offset: number; length: number; argument: string };

/** TDLib's `is_space`; the end of the input (`""`) counts, as the C string's terminating NUL does. */
function isSpace(c: string): boolean {
  return c === "" || c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\v";
}

function isAsciiLetter(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isHexDigit(c: string): boolean {
  return isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
}

/** Letters, digits, `.` and `-`: what an unquoted attribute value may contain. */
function isNameTokenChar(c: string): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === "." || c === "-";
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function fail(message: string): Failure {
  return { ok: false, description: ERROR_PREFIX + message };
}

/**
 * Reads the character reference starting at `html[pos]` (an `&`). Gives the decoded text and the index
 * after the reference (the `;` is optional, as in TDLib), `undefined` if the `&` is to be kept
 * literally, or the name of an unsupported named reference such as `nbsp`.
 */
function readReference(
  html: string,
  pos: number,
): { text: string; end: number } | { unsupported: string } | undefined {
  const at = (i: number): string => html[i] ?? "";
  let end = pos + 1;
  let text: string;
  if (at(end) === "#") {
    end++;
    const hex = at(end) === "x";
    if (hex) end++;
    const digitsBegin = end;
    while (hex ? isHexDigit(at(end)) : isDigit(at(end))) end++;
    const digits = html.slice(digitsBegin, end);
    const code = digits === "" ? 0 : Number.parseInt(digits, hex ? 16 : 10);
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
    text = String.fromCodePoint(code);
  } else {
    while (isAsciiLetter(at(end))) end++;
    const name = html.slice(pos + 1, end);
    const known = NAMED_REFERENCES[name];
    if (known === undefined) {
      return name !== "" && at(end) === ";" ? { unsupported: name } : undefined;
    }
    text = known;
  }
  if (at(end) === ";") end++;
  return { text, end };
}

/** Builds the Bot API entity for a draft. */
function toEntity(draft: Draft): MessageEntity {
  const { type, offset, length, argument } = draft;
  switch (type) {
    case "text_link":
      return { type, offset, length, url: argument };
    case "custom_emoji":
      return { type, offset, length, custom_emoji_id: argument };
    case "pre":
      return argument === "" ? { type, offset, length } : { type, offset, length, language: argument };
    default:
      return { type, offset, length } as MessageEntity;
  }
}

/** A custom emoji id must be a non-zero 64-bit integer written the canonical way. */
function isValidCustomEmojiId(id: string): boolean {
  if (!/^-?[1-9][0-9]*$/.test(id)) return false;
  const value = BigInt(id);
  return value >= -(2n ** 63n) && value < 2n ** 63n;
}

/** Parses text in Telegram's HTML parse mode into plain text + entities, as the Bot API does. */
export function parseTelegramHtml(html: string): ParseResult {
  if (html.includes("\0")) return fail("Text must not contain null bytes");

  const at = (i: number): string => html[i] ?? "";
  const byteOffset = (i: number): number => Buffer.byteLength(html.slice(0, i), "utf8");
  const size = html.length;

  const output: string[] = [];
  let offset = 0; // UTF-16 length of the output so far
  const open: OpenTag[] = [];
  const drafts: Draft[] = [];
  let hasSurrogate = false;

  /** Decodes a reference in text or in a quoted attribute value; `undefined` keeps the `&` literally. */
  const decode = (pos: number): { text: string; end: number } | Failure | undefined => {
    const reference = readReference(html, pos);
    if (reference === undefined) return undefined;
    if ("unsupported" in reference) {
      return fail(`Unsupported HTML entity "${reference.unsupported}" at byte offset ${byteOffset(pos)}`);
    }
    // TDLib encodes each reference on its own, so even two halves of a pair make invalid UTF-8.
    const code = reference.text.charCodeAt(0);
    if (reference.text.length === 1 && code >= 0xd800 && code <= 0xdfff) hasSurrogate = true;
    return reference;
  };

  let i = 0;
  while (i < size) {
    const c = at(i);
    if (c === "&") {
      const decoded = decode(i);
      if (decoded !== undefined && "ok" in decoded) return decoded;
      if (decoded !== undefined) {
        output.push(decoded.text);
        offset += decoded.text.length;
        i = decoded.end;
        continue;
      }
    }
    if (c !== "<") {
      // Copy the run of plain text up to the next tag or reference.
      let end = i + 1;
      while (end < size && html[end] !== "<" && html[end] !== "&") end++;
      output.push(html.slice(i, end));
      offset += end - i;
      i = end;
      continue;
    }

    const beginPos = i++;
    if (at(i) !== "/") {
      // A start tag: its name runs up to a space or `>`.
      while (!isSpace(at(i)) && at(i) !== ">") i++;
      if (i >= size) return fail(`Unclosed start tag at byte offset ${byteOffset(beginPos)}`);
      const name = asciiLower(html.slice(beginPos + 1, i));
      if (!SUPPORTED_TAGS.has(name)) {
        return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(beginPos)}`);
      }

      let argument = "";
      while (at(i) !== ">") {
        while (i < size && isSpace(at(i))) i++;
        if (at(i) === ">") break;
        const attributeBegin = i;
        while (!isSpace(at(i)) && !ATTRIBUTE_NAME_ENDS.has(at(i))) i++;
        const attribute = html.slice(attributeBegin, i);
        if (attribute === "") {
          return fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(beginPos)}`);
        }
        while (i < size && isSpace(at(i))) i++;
        if (at(i) !== "=") {
          if (i >= size) return fail(`Unclosed start tag "${name}" at byte offset ${byteOffset(beginPos)}`);
          if (name === "blockquote" && attribute === "expandable") argument = "1";
          continue;
        }
        i++;
        while (i < size && isSpace(at(i))) i++;
        if (i >= size) return fail(`Unclosed start tag "${name}" at byte offset ${byteOffset(beginPos)}`);

        let value = "";
        const quote = at(i);
        if (quote !== '"' && quote !== "'") {
          // An unquoted value is a name token, which is case-insensitive.
          const tokenBegin = i;
          while (isNameTokenChar(at(i))) i++;
          value = asciiLower(html.slice(tokenBegin, i));
          if (!isSpace(at(i)) && at(i) !== ">") {
            return fail(`Unexpected end of name token at byte offset ${byteOffset(tokenBegin)}`);
          }
        } else {
          i++;
          while (i < size && at(i) !== quote) {
            if (at(i) === "&") {
              const decoded = decode(i);
              if (decoded !== undefined && "ok" in decoded) return decoded;
              if (decoded !== undefined) {
                value += decoded.text;
                i = decoded.end;
                continue;
              }
            }
            value += at(i);
            i++;
          }
          if (at(i) === quote) i++;
        }
        if (i >= size) return fail(`Unclosed start tag at byte offset ${byteOffset(beginPos)}`);

        if (name === "a" && attribute === "href") {
          argument = value;
        } else if (name === "code" && attribute === "class" && value.startsWith("language-")) {
          argument = value.slice("language-".length);
        } else if (name === "span" && attribute === "class" && value.startsWith("tg-")) {
          argument = value.slice("tg-".length);
        } else if (name === "tg-emoji" && attribute === "emoji-id") {
          argument = value;
        } else if (name === "blockquote" && attribute === "expandable") {
          argument = "1";
        }
      }
      i++; // past the `>`

      if (name === "span" && argument !== "spoiler") {
        return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(beginPos)}`);
      }
      open.push({ name, argument, offset });
      continue;
    }

    // An end tag.
    const top = open.at(-1);
    if (top === undefined) return fail(`Unexpected end tag at byte offset ${byteOffset(beginPos)}`);
    while (!isSpace(at(i)) && at(i) !== ">") i++;
    const endName = asciiLower(html.slice(beginPos + 2, i));
    while (i < size && isSpace(at(i))) i++;
    if (at(i) !== ">") return fail(`Unclosed end tag at byte offset ${byteOffset(beginPos)}`);
    i++;
    if (endName !== "" && endName !== top.name) {
      return fail(
        `Unmatched end tag at byte offset ${byteOffset(beginPos)}, expected "</${top.name}>", found "</${endName}>"`,
      );
    }
    open.pop();

    const length = offset - top.offset;
    if (length === 0) continue;
    const span = { offset: top.offset, length };
    const last = drafts.at(-1);
    const sameSpan = last !== undefined && last.offset === span.offset && last.length === span.length;
    const simpleType = SIMPLE_TYPES[top.name];
    if (simpleType !== undefined) {
      drafts.push({ type: simpleType, ...span, argument: "" });
    } else if (top.name === "tg-emoji") {
      if (!isValidCustomEmojiId(top.argument)) return fail("Invalid custom emoji identifier specified");
      drafts.push({ type: "custom_emoji", ...span, argument: top.argument });
    } else if (top.name === "a") {
      if (top.argument !== "") drafts.push({ type: "text_link", ...span, argument: top.argument });
    } else if (top.name === "blockquote") {
      const type = top.argument === "" ? "blockquote" : "expandable_blockquote";
      drafts.push({ type, ...span, argument: "" });
    } else if (top.name === "pre") {
      // `<pre><code class="language-x">…</code></pre>` is one pre entity with that language.
      if (last !== undefined && sameSpan && last.type === "code") {
        last.type = "pre";
      } else {
        drafts.push({ type: "pre", ...span, argument: "" });
      }
    } else if (top.name === "code") {
      if (last !== undefined && sameSpan && last.type === "pre") {
        last.argument = top.argument;
      } else {
        drafts.push({ type: "code", ...span, argument: top.argument });
      }
    }
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined) return fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);

  const text = output.join("");
  if (hasSurrogate) {
    return fail(
      "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
    );
  }

  const entities = drafts
    .map((draft) => (draft.type === "code" ? { ...draft, argument: "" } : draft))
    .sort(
      (a, b) =>
        a.offset - b.offset ||
        b.length - a.length ||
        (TYPE_PRIORITY[a.type] ?? 50) - (TYPE_PRIORITY[b.type] ?? 50),
    )
    .map(toEntity);
  return { ok: true, text, entities };
}
