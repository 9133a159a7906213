/**
 * How the Zalo app shows a bot's text: plain text with style runs. The server strips the markup
 * of `parse_mode` "html" or "markdown" and applies the styles, or takes `text_styles` as given
 * (ignored when a `parse_mode` is sent). Offsets are UTF-16 code units, as in `text_styles`.
 *
 * Zalo's dialects are only partly documented (zalo-bot-platform.md §1.7): tags and syntax
 * outside the documented lists (`<a>`, `<code>`, `<pre>`, `<blockquote>`, `<tg-spoiler>`) are
 * dropped and their text kept — a guess; links show as text, and plain URLs become links in
 * the client.
 */
export interface StyleRun {
  start: number;
  len: number;
  st: string[];
}

export interface StyledText {
  text: string;
  styles: StyleRun[];
}

/** The style codes of `text_styles` the fake knows (type, size, colour, list, indent). */
const STYLE_CODE = /^(?:[bius]|f_(?:13|15|18|20)|c_[0-9a-f]{6}|lst_[12]|ind_[1-5])$/;

export class ZaloFormatError extends Error {}

/** Checks a `text_styles` array and keeps its runs inside the text. */
export function applyTextStyles(text: string, raw: unknown): StyledText {
  if (!Array.isArray(raw)) throw new ZaloFormatError("text_styles must be an array");
  const styles: StyleRun[] = [];
  for (const item of raw) {
    const run = item as Partial<StyleRun> | null;
    const valid =
      run !== null &&
      typeof run === "object" &&
      Number.isInteger(run.start) &&
      Number.isInteger(run.len) &&
      (run.start ?? -1) >= 0 &&
      (run.len ?? 0) > 0 &&
      Array.isArray(run.st) &&
      run.st.every((code) => typeof code === "string" && STYLE_CODE.test(code));
    if (!valid) throw new ZaloFormatError("text_styles: each item needs start, len and st codes");
    const start = Math.min(run.start as number, text.length);
    const len = Math.min(run.len as number, text.length - start);
    if (len > 0) styles.push({ start, len, st: [...(run.st as string[])] });
  }
  return { text, styles };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const TAG_STYLES: Record<string, string[]> = {
  b: ["b"],
  strong: ["b"],
  i: ["i"],
  em: ["i"],
  u: ["u"],
  s: ["s"],
  del: ["s"],
  strike: ["s"],
  h1: ["b", "f_20"],
  h2: ["b", "f_18"],
  h3: ["b"],
  h4: ["b"],
  h5: ["b"],
  h6: ["b"],
};
const BLOCK_TAGS = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol"]);
const COLOURS: Record<string, string> = {
  red: "c_db342e",
  orange: "c_f27806",
  yellow: "c_f7b503",
  green: "c_15a85f",
};

/** Styles named by a `style="…"` attribute of the allow-list. */
function inlineStyles(attributes: string): string[] {
  const style = /\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes);
  const css = (style?.[1] ?? style?.[2] ?? "").toLowerCase();
  const codes: string[] = [];
  if (/font-weight\s*:\s*(bold|[6-9]00)/.test(css)) codes.push("b");
  if (/font-style\s*:\s*italic/.test(css)) codes.push("i");
  if (/text-decoration\s*:[^;]*underline/.test(css)) codes.push("u");
  if (/text-decoration\s*:[^;]*line-through/.test(css)) codes.push("s");
  const colour = /(?:^|;)\s*color\s*:\s*#([0-9a-f]{6})/.exec(css);
  if (colour?.[1]) codes.push(`c_${colour[1]}`);
  return codes;
}

/** `parse_mode: "html"`: the documented allow-list becomes styles; other tags are dropped. */
export function parseZaloHtml(raw: string): StyledText {
  const builder = new StyleBuilder();
  const open: { tag: string; start: number; st: string[] }[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
  let last = 0;
  for (const match of raw.matchAll(tagPattern)) {
    builder.append(decodeEntities(raw.slice(last, match.index)));
    last = match.index + match[0].length;
    const closing = match[1] === "/";
    const tag = (match[2] ?? "").toLowerCase();
    if (tag === "br") {
      builder.append("\n");
      continue;
    }
    if (BLOCK_TAGS.has(tag)) builder.lineBreak();
    if (!closing) {
      if (tag === "ul" || tag === "ol") lists.push({ ordered: tag === "ol", next: 1 });
      if (tag === "li") {
        const list = lists.at(-1);
        builder.append(list?.ordered ? `${list.next++}. ` : "• ");
      }
      const st = [...(TAG_STYLES[tag] ?? []), ...inlineStyles(match[3] ?? "")];
      open.push({ tag, start: builder.length, st });
    } else {
      if (tag === "ul" || tag === "ol") lists.pop();
      const index = open.findLastIndex((entry) => entry.tag === tag);
      if (index < 0) continue;
      for (const entry of open.splice(index)) builder.style(entry.start, entry.st);
    }
  }
  builder.append(decodeEntities(raw.slice(last)));
  for (const entry of open.reverse()) builder.style(entry.start, entry.st);
  return builder.done();
}

const MARKDOWN_SPANS: { pattern: RegExp; st: string[] }[] = [
  { pattern: /\*\*\*([\s\S]+?)\*\*\*/, st: ["b", "i"] },
  { pattern: /\*\*([\s\S]+?)\*\*/, st: ["b"] },
  { pattern: /(?<![\p{L}\p{N}_])__([\s\S]+?)__(?![\p{L}\p{N}_])/u, st: ["b"] },
  { pattern: /~~([\s\S]+?)~~/, st: ["s"] },
  { pattern: /(?<![\p{L}\p{N}*])\*(?!\s)([^*\n]+?)\*(?![\p{L}\p{N}*])/u, st: ["i"] },
  { pattern: /(?<![\p{L}\p{N}_])_(?!\s)([^_\n]+?)_(?![\p{L}\p{N}_])/u, st: ["i"] },
  { pattern: /`([^`\n]+)`/, st: [] },
  { pattern: /\{underline\}([\s\S]*?)\{\/underline\}/, st: ["u"] },
  { pattern: /\{big\}([\s\S]*?)\{\/big\}/, st: ["f_18"] },
  ...Object.entries(COLOURS).map(([name, code]) => ({
    pattern: new RegExp(`\\{${name}\\}([\\s\\S]*?)\\{\\/${name}\\}`),
    st: [code],
  })),
];

/** `parse_mode: "markdown"`: Zalo's documented syntax (§1.7) becomes styles. */
export function parseZaloMarkdown(raw: string): StyledText {
  const builder = new StyleBuilder();
  raw.split("\n").forEach((line, index) => {
    if (index > 0) builder.append("\n");
    const heading = /^#{1,4}\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    const start = builder.length;
    markdownSpans(heading?.[1] ?? quote?.[1] ?? line, builder);
    if (heading) builder.style(start, ["b"]);
  });
  return builder.done();
}

function markdownSpans(source: string, builder: StyleBuilder): void {
  let rest = source;
  while (rest.length > 0) {
    let best: { index: number; length: number; inner: string; st: string[] } | undefined;
    for (const { pattern, st } of MARKDOWN_SPANS) {
      const match = pattern.exec(rest);
      if (match && (best === undefined || match.index < best.index)) {
        best = { index: match.index, length: match[0].length, inner: match[1] ?? "", st };
      }
    }
    if (!best) {
      builder.append(rest);
      return;
    }
    builder.append(rest.slice(0, best.index));
    const start = builder.length;
    markdownSpans(best.inner, builder);
    builder.style(start, best.st);
    rest = rest.slice(best.index + best.length);
  }
}

/** Collects text and style runs (UTF-16 offsets), without empty runs or trailing blank lines. */
class StyleBuilder {
  private text = "";
  private readonly runs: StyleRun[] = [];

  get length(): number {
    return this.text.length;
  }

  append(chunk: string): void {
    this.text += chunk;
  }

  /** Block elements start on a line of their own. */
  lineBreak(): void {
    if (this.text !== "" && !this.text.endsWith("\n")) this.text += "\n";
  }

  style(start: number, st: string[]): void {
    if (st.length > 0 && this.text.length > start) {
      this.runs.push({ start, len: this.text.length - start, st });
    }
  }

  done(): StyledText {
    const text = this.text.replace(/\n+$/, "");
    const styles = this.runs
      .map((run) => ({ ...run, len: Math.min(run.len, text.length - run.start) }))
      .filter((run) => run.len > 0)
      .sort((a, b) => a.start - b.start);
    return { text, styles };
  }
}
