import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../../src/simulator/telegram-html.js";

type Accepted = { name: string; html: string; text: string; entities: MessageEntity[] };
type Rejected = { name: string; html: string; error: string };

const accepted: Accepted[] = [
  { name: "plain text", html: "Xin chào", text: "Xin chào", entities: [] },
  {
    name: "whitespace and newlines as they are",
    html: "  a\n\n\tb \r\n",
    text: "  a\n\n\tb \r\n",
    entities: [],
  },
  { name: "b", html: "<b>x</b>", text: "x", entities: [{ type: "bold", offset: 0, length: 1 }] },
  {
    name: "strong",
    html: "<strong>x</strong>",
    text: "x",
    entities: [{ type: "bold", offset: 0, length: 1 }],
  },
  { name: "i", html: "<i>x</i>", text: "x", entities: [{ type: "italic", offset: 0, length: 1 }] },
  { name: "em", html: "<em>x</em>", text: "x", entities: [{ type: "italic", offset: 0, length: 1 }] },
  { name: "u", html: "<u>x</u>", text: "x", entities: [{ type: "underline", offset: 0, length: 1 }] },
  { name: "ins", html: "<ins>x</ins>", text: "x", entities: [{ type: "underline", offset: 0, length: 1 }] },
  { name: "s", html: "<s>x</s>", text: "x", entities: [{ type: "strikethrough", offset: 0, length: 1 }] },
  {
    name: "strike",
    html: "<strike>x</strike>",
    text: "x",
    entities: [{ type: "strikethrough", offset: 0, length: 1 }],
  },
  {
    name: "del",
    html: "<del>x</del>",
    text: "x",
    entities: [{ type: "strikethrough", offset: 0, length: 1 }],
  },
  {
    name: "tg-spoiler",
    html: "<tg-spoiler>x</tg-spoiler>",
    text: "x",
    entities: [{ type: "spoiler", offset: 0, length: 1 }],
  },
  {
    name: "span with class tg-spoiler",
    html: '<span class="tg-spoiler">x</span>',
    text: "x",
    entities: [{ type: "spoiler", offset: 0, length: 1 }],
  },
  {
    name: "single-quoted and unquoted attribute values",
    html: "<span class='tg-spoiler'>a</span><span class=TG-Spoiler>b</span>",
    text: "ab",
    entities: [
      { type: "spoiler", offset: 0, length: 1 },
      { type: "spoiler", offset: 1, length: 1 },
    ],
  },
  {
    name: "a with href, references decoded",
    html: '<a href="https://example.com/?a=1&amp;b=2">trang</a>',
    text: "trang",
    entities: [{ type: "text_link", offset: 0, length: 5, url: "https://example.com/?a=1&b=2" }],
  },
  {
    name: "a with a single-quoted href and spaces around the equals sign",
    html: "<a href = 'https://example.com' >x</a>",
    text: "x",
    entities: [{ type: "text_link", offset: 0, length: 1, url: "https://example.com" }],
  },
  {
    name: "a with an unquoted href",
    html: "<a href=example.com>x</a>",
    text: "x",
    entities: [{ type: "text_link", offset: 0, length: 1, url: "example.com" }],
  },
  {
    name: "a with a tg://user link",
    html: '<a href="tg://user?id=123">Lan</a>',
    text: "Lan",
    entities: [{ type: "text_link", offset: 0, length: 3, url: "tg://user?id=123" }],
  },
  { name: "a without href", html: "<a>no link</a>", text: "no link", entities: [] },
  {
    name: "code",
    html: "<code>x = 1</code>",
    text: "x = 1",
    entities: [{ type: "code", offset: 0, length: 5 }],
  },
  {
    name: "code with a language outside pre",
    html: '<code class="language-python">x</code>',
    text: "x",
    entities: [{ type: "code", offset: 0, length: 1 }],
  },
  {
    name: "pre",
    html: "<pre>line 1\nline 2</pre>",
    text: "line 1\nline 2",
    entities: [{ type: "pre", offset: 0, length: 13 }],
  },
  {
    name: "pre + code with a language",
    html: '<pre><code class="language-python">print(1)</code></pre>',
    text: "print(1)",
    entities: [{ type: "pre", offset: 0, length: 8, language: "python" }],
  },
  {
    name: "pre + code without a language",
    html: "<pre><code>print(1)</code></pre>",
    text: "print(1)",
    entities: [{ type: "pre", offset: 0, length: 8 }],
  },
  {
    name: "blockquote",
    html: "<blockquote>q</blockquote>",
    text: "q",
    entities: [{ type: "blockquote", offset: 0, length: 1 }],
  },
  {
    name: "expandable blockquote",
    html: "<blockquote expandable>q</blockquote>",
    text: "q",
    entities: [{ type: "expandable_blockquote", offset: 0, length: 1 }],
  },
  {
    name: "tg-emoji",
    html: '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    text: "👍",
    entities: [{ type: "custom_emoji", offset: 0, length: 2, custom_emoji_id: "5368324170671202286" }],
  },
  {
    name: "tag names in any case",
    html: "<B>a</b><StRoNg>b</STRONG>",
    text: "ab",
    entities: [
      { type: "bold", offset: 0, length: 1 },
      { type: "bold", offset: 1, length: 1 },
    ],
  },
  {
    name: "an end tag with spaces, and the nameless end tag",
    html: "<b>a</b ><i>b</>",
    text: "ab",
    entities: [
      { type: "bold", offset: 0, length: 1 },
      { type: "italic", offset: 1, length: 1 },
    ],
  },
  {
    name: "nesting",
    html: "<b>a<i>b</i></b>",
    text: "ab",
    entities: [
      { type: "bold", offset: 0, length: 2 },
      { type: "italic", offset: 1, length: 1 },
    ],
  },
  {
    name: "sorting by offset, longer first, then Telegram's type order",
    html: "<u>a</u><i><b>bc</b></i><s>d<a href='https://x.org'>e</a></s>",
    text: "abcde",
    entities: [
      { type: "underline", offset: 0, length: 1 },
      { type: "bold", offset: 1, length: 2 },
      { type: "italic", offset: 1, length: 2 },
      { type: "strikethrough", offset: 3, length: 2 },
      { type: "text_link", offset: 4, length: 1, url: "https://x.org" },
    ],
  },
  { name: "empty entities dropped", html: '<b></b>x<a href="https://x.org"></a>', text: "x", entities: [] },
  {
    name: "UTF-16 offsets after an emoji and Vietnamese text",
    html: "🎉 <b>Hộ cận nghèo</b>",
    text: "🎉 Hộ cận nghèo",
    entities: [{ type: "bold", offset: 3, length: 12 }],
  },
  {
    name: "an emoji inside an entity",
    html: "<b>😀</b>",
    text: "😀",
    entities: [{ type: "bold", offset: 0, length: 2 }],
  },
  { name: "escaped tags stay text", html: "&lt;b&gt;", text: "<b>", entities: [] },
  { name: "&amp; and &quot;", html: "&amp;lt; &quot;x&quot;", text: '&lt; "x"', entities: [] },
  { name: "named references without a semicolon", html: "&lt&gt", text: "<>", entities: [] },
  { name: "decimal references", html: "&#65;&#66 H&#7897;", text: "AB Hộ", entities: [] },
  {
    name: "hexadecimal references count as UTF-16",
    html: "<b>&#x1F600;</b>&#x41;",
    text: "😀A",
    entities: [{ type: "bold", offset: 0, length: 2 }],
  },
  { name: "a lone ampersand", html: "Tom & Jerry, AT&T", text: "Tom & Jerry, AT&T", entities: [] },
  {
    name: "references Telegram does not decode",
    html: "&copy &#; &#0; &#X41; &#1114111;",
    text: "&copy &#; &#0; &#X41; &#1114111;",
    entities: [],
  },
  { name: "a lone >", html: "a > b", text: "a > b", entities: [] },
];

const rejected: Rejected[] = [
  { name: "div", html: "<div>x</div>", error: 'Unsupported start tag "div" at byte offset 0' },
  { name: "br", html: "<br>", error: 'Unsupported start tag "br" at byte offset 0' },
  {
    name: "a self-closing br after Vietnamese text (UTF-8 offset)",
    html: "Dòng 1<br/>Dòng 2",
    error: 'Unsupported start tag "br/" at byte offset 7',
  },
  {
    name: "span without a class",
    html: "<span>x</span>",
    error: 'Tag "span" must have class "tg-spoiler" at byte offset 0',
  },
  {
    name: "span with another class",
    html: 'x <span class="tg-x">y</span>',
    error: 'Tag "span" must have class "tg-spoiler" at byte offset 2',
  },
  { name: "an end tag with nothing open", html: "x</b>", error: "Unexpected end tag at byte offset 1" },
  {
    name: "a mismatched end tag",
    html: "<b>x</i>",
    error: 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
  },
  {
    name: "crossed tags",
    html: "<b><i>x</b></i>",
    error: 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
  },
  { name: "an unclosed tag", html: "<b>x", error: `Can't find end tag corresponding to start tag "b"` },
  {
    name: "an unclosed outer tag",
    html: "<b><i>x</i>",
    error: `Can't find end tag corresponding to start tag "b"`,
  },
  { name: "a bare <", html: "a < b", error: 'Unsupported start tag "" at byte offset 2' },
  { name: "a < before a number", html: "1 <2 và 3", error: 'Unsupported start tag "2" at byte offset 2' },
  { name: "a start tag cut off", html: "x <b", error: "Unclosed start tag at byte offset 2" },
  { name: "a < at the end", html: "x <", error: "Unclosed start tag at byte offset 2" },
  { name: "an end tag cut off", html: "<b>x</b", error: "Unclosed end tag at byte offset 4" },
  { name: "an attribute cut off", html: "<a href", error: 'Unclosed start tag "a" at byte offset 0' },
  { name: "a quoted value cut off", html: '<a href="x', error: "Unclosed start tag at byte offset 0" },
  {
    name: "a tag cut off after its value",
    html: '<a href="x"',
    error: "Unclosed start tag at byte offset 0",
  },
  {
    name: "an attribute without a name",
    html: '<a ="x">y</a>',
    error: 'Empty attribute name in the tag "a" at byte offset 0',
  },
  {
    name: "an unquoted URL",
    html: "<a href=https://x.org>y</a>",
    error: "Unexpected end of name token at byte offset 8",
  },
  {
    name: "an unsupported named reference",
    html: "&nbsp;",
    error: 'Unsupported HTML entity "nbsp" at byte offset 0',
  },
  {
    name: "an unsupported named reference after Vietnamese text (UTF-8 offset)",
    html: "Hộ&nbsp;nghèo",
    error: 'Unsupported HTML entity "nbsp" at byte offset 4',
  },
  {
    name: "an unsupported named reference in an attribute",
    html: '<a href="x&copy;">y</a>',
    error: 'Unsupported HTML entity "copy" at byte offset 10',
  },
  {
    name: "a custom emoji id that is not a number",
    html: '<tg-emoji emoji-id="abc">👍</tg-emoji>',
    error: "Invalid custom emoji identifier specified",
  },
  {
    name: "a custom emoji without an id",
    html: "<tg-emoji>👍</tg-emoji>",
    error: "Invalid custom emoji identifier specified",
  },
  {
    name: "a reference to half a surrogate pair",
    html: "&#xD83D;&#xDE00;",
    error:
      "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
  },
  { name: "a null byte", html: "a\0b", error: "Text must not contain null bytes" },
];

describe("parseTelegramHtml", () => {
  it.each(accepted)("accepts $name", ({ html, text, entities }) => {
    expect(parseTelegramHtml(html)).toEqual({ ok: true, text, entities });
  });

  it.each(rejected)("rejects $name", ({ html, error }) => {
    expect(parseTelegramHtml(html)).toEqual({
      ok: false,
      description: `Bad Request: can't parse entities: ${error}`,
    });
  });
});
