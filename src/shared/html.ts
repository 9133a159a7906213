import { sanitizeText, shortenLabel } from "./text.js";

/**
 * Messages are Telegram HTML (`parse_mode: "HTML"`): one unescaped `<` or `&` in a name makes the
 * whole message fail with 400. So text from outside — names, unit names, typed answers, file
 * names — is escaped at one depth: where it is put into a message, by the translator (every
 * variable of every message) or by the {@link html} template. Markup that is already safe
 * travels as an {@link Html} value, which both leave as it is.
 */

/**
 * Escapes text for Telegram's HTML: `<`, `>`, `&`, and `"` (safe inside an attribute too); and
 * drops what Telegram refuses in any text (NUL and other control characters, see
 * `sanitizeText`), so that text stored before it was cleaned still shows.
 */
export function escapeHtml(text: string): string {
  return sanitizeText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * A piece of message HTML that is safe as it is: made by {@link html}, by the translator, or
 * marked with {@link trustedHtml}. Interpolated anywhere in a template string it is its markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * The most characters (letters with their diacritics count once) one value from outside takes
 * in a message: a 4,000-character name must not push a message past Telegram's 4,096. Values
 * that may rightly be long — a typed answer, a question, a note — are passed as
 * {@link wholeText}.
 */
export const MAX_SHOWN_TEXT = 200;

/** Text from outside as message HTML: escaped, and cut to {@link MAX_SHOWN_TEXT} with "…". */
export function textToHtml(text: string): string {
  return escapeHtml(text.length > MAX_SHOWN_TEXT ? shortenLabel(text, MAX_SHOWN_TEXT) : text);
}

/** Long text from outside (an answer, a question, a note): escaped, never cut. */
export function wholeText(text: string): Html {
  return new Html(escapeHtml(text));
}

/**
 * Marks a string as message HTML that is already safe: the output of the translator, or of code
 * that escaped its parts. Never for text that came from outside.
 */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

export type HtmlValue = string | number | Html | null | undefined | readonly HtmlValue[];

function interpolate(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Html) return value.value;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return textToHtml(value);
  return value.map(interpolate).join("");
}

/**
 * Builds message HTML: every interpolated string is text (escaped, and cut when very long),
 * {@link Html} values stay markup, arrays are joined, `null`/`undefined` are left out.
 *
 * @example html`<b>${person.fullName}</b> — ${unitName}` // "<b>Lò &lt;Văn&gt; &amp; Tèo</b> — Thôn 3"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += interpolate(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Joins pieces of message HTML (text pieces escaped) with a separator. */
export function joinHtml(parts: readonly HtmlValue[], separator = "\n"): Html {
  return new Html(parts.map(interpolate).join(separator));
}
