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

export interface Expansions {
  /** Folded key (one or more syllables, space-separated) → folded expansion. */
  entries: Map<string, string>;
  longestKey: number;
}

export function buildExpansions(raw: Record<string, string>): Expansions {
  const entries = new Map<string, string>();
  let longestKey = 1;
  for (const [key, value] of Object.entries(raw)) {
    const foldedKey = rawSyllables(key).join(" ");
    if (foldedKey === "") continue;
    entries.set(foldedKey, rawSyllables(value).join(" "));
    longestKey = Math.max(longestKey, foldedKey.split(" ").length);
  }
  return { entries, longestKey };
}

/** Folded syllables, numbers normalised, nothing removed or expanded. */
export function rawSyllables(text: string): string[] {
  return normalizeNumbers(foldSyllables(text))
    .replace(/[^a-z0-9.&]+/g, " ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .split(" ")
    .filter(Boolean);
}

/**
 * Search terms of a text: syllables (abbreviations expanded, stopwords dropped) and the
 * bigrams of consecutive syllables ("ho_ngheo").
 */
export function searchTerms(text: string, expansions?: Expansions): string[] {
  const syllables = rawSyllables(text);
  const expanded: string[] = [];
  for (let i = 0; i < syllables.length; ) {
    let matched = false;
    if (expansions) {
      for (let size = Math.min(expansions.longestKey, syllables.length - i); size >= 1; size--) {
        const key = syllables.slice(i, i + size).join(" ");
        const value = expansions.entries.get(key);
        if (value !== undefined) {
          expanded.push(...key.split(" "), ...value.split(" "));
          i += size;
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      expanded.push(syllables[i] ?? "");
      i += 1;
    }
  }
  const words = expanded.filter((word) => word !== "" && !STOPWORDS.has(word) && word !== "&");
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] !== words[i + 1]) bigrams.push(`${words[i]}_${words[i + 1]}`);
  }
  return [...words, ...bigrams];
}
