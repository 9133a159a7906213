/**
 * Turns Vietnamese text — typed on a phone with or without diacritics, NFC or NFD, with
 * abbreviations — into search terms: folded syllables plus syllable bigrams, so that
 * "ho can ngheo" finds "hộ cận nghèo" and the phrase ranks above scattered syllables.
 */

/** Words that carry no meaning for matching a question to an answer. */
// Folding merges words: "vay" is vậy and vay (vốn), "the" thế and thẻ, "lam" làm (nhà),
// "can" cần and cận, "ba" bà and ba (3) — those stay searchable.
const STOPWORDS = new Set(
  (
    "la gi nao co thi ma va cua cho voi o tai den tu trong ve em anh chi oi a nhe nha sao nhu nay day kia " +
    "khi duoc khong ko k kg hok dc dk bi se da dang phai muon hoi giup xin minh cac nhung hay hoac neu nen " +
    "roi vang u"
  ).split(" "),
);

export function foldSyllables(text: string): string {
  return text.normalize("NFC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

/** Numbers the way they are compared: "1.500.000" → "1500000", "1,5" → "1.5", "07" → "7". */
function normalizeNumbers(text: string): string {
  return text
    .replace(/(\d{1,3})(?:\.(\d{3}))+(?!\d)/g, (match) => match.replace(/\./g, ""))
    .replace(/(\d),(\d)/g, "$1.$2")
    .replace(/\b0+(\d)/g, "$1");
}

interface Expansion {
  /** The key's syllables after the first. */
  rest: string[];
  value: string[];
}

export interface Expansions {
  /** By the key's first syllable; longest keys first. */
  byFirst: Map<string, Expansion[]>;
}

export function buildExpansions(raw: Record<string, string>): Expansions {
  const byFirst = new Map<string, Expansion[]>();
  for (const [key, value] of Object.entries(raw)) {
    const [first, ...rest] = rawSyllables(key);
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ rest, value: rawSyllables(value) });
    list.sort((a, b) => b.rest.length - a.rest.length);
    byFirst.set(first, list);
  }
  return { byFirst };
}

/** Folded syllables, numbers normalised, nothing removed or expanded. */
export function rawSyllables(text: string): string[] {
  return normalizeNumbers(text)
    .split(/\s+/)
    .flatMap((word) => (word === "" ? [] : syllablesOfWord(word)));
}

/** Words repeat a lot (a province's questions use a few thousand): fold each one once. */
const wordCache = new Map<string, string[]>();
const WORD_CACHE_LIMIT = 50_000;

function syllablesOfWord(word: string): string[] {
  const cached = wordCache.get(word);
  if (cached) return cached;
  const syllables = foldSyllables(word)
    .replace(/[^a-z0-9.&]+/g, " ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .split(" ")
    .filter(Boolean);
  if (wordCache.size < WORD_CACHE_LIMIT) wordCache.set(word, syllables);
  return syllables;
}

/**
 * Search terms of a text: syllables (abbreviations expanded, stopwords dropped) and the
 * bigrams of consecutive syllables ("ho_ngheo").
 */
export function searchTerms(
  text: string,
  expansions?: Expansions,
  options: { bigrams?: boolean } = {},
): string[] {
  const syllables = rawSyllables(text);
  const expanded: string[] = [];
  for (let i = 0; i < syllables.length; ) {
    const syllable = syllables[i] as string;
    const candidates = expansions?.byFirst.get(syllable);
    const match = candidates?.find(({ rest }) => rest.every((part, j) => syllables[i + 1 + j] === part));
    if (match) {
      expanded.push(syllable, ...match.rest, ...match.value);
      i += 1 + match.rest.length;
    } else {
      expanded.push(syllable);
      i += 1;
    }
  }
  const words = expanded.filter((word) => word !== "" && !STOPWORDS.has(word) && word !== "&");
  if (options.bigrams === false) return words;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] !== words[i + 1]) bigrams.push(`${words[i]}_${words[i + 1]}`);
  }
  return [...words, ...bigrams];
}
