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
    "roi vang u " +
    // Particles of everyday and regional speech ("rứa", "hông", "dzậy", "hả", "nè", "j" for gì):
    // they say nothing about the policy asked about.
    "rua hong dzay zay ha ne nghen hen j z"
  ).split(" "),
);

export function foldSyllables(text: string): string {
  return text.normalize("NFC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

/** Numbers the way they are compared: "1.500.000" → "1500000", "1,5" → "1.5", "07" → "7". */
function normalizeNumbers(text: string): string {
  return spelledNumbers(text)
    .replace(/(\d{1,3})(?:\.(\d{3}))+(?!\d)/g, (match) => match.replace(/\./g, ""))
    .replace(/(\d),(\d)/g, "$1.$2")
    .replace(/\b0+(\d)/g, "$1");
}

const DIGITS: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  nhăm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
};
const MULTIPLIERS = new Set("mười mươi trăm nghìn ngàn triệu tỷ tỉ linh lẻ phẩy".split(" "));
const NUMBER_WORD = `(?:${[...Object.keys(DIGITS), ...MULTIPLIERS].join("|")})`;
const SPELLED_RUN = new RegExp(
  String.raw`(?<![\p{L}\d])${NUMBER_WORD}(?:\s+${NUMBER_WORD})*(?![\p{L}\d])`,
  "gu",
);
/**
 * Quick test before the full pattern: a number word followed by another ("ba mươi", "một
 * triệu"), "mười", or a word that numbers things followed by a number word ("dự án năm").
 * Most texts, the answers with their "1,5 triệu" included, have none.
 */
const MAY_HAVE_SPELLED = new RegExp(
  String.raw`(?<!\p{L})(?:(?:${Object.keys(DIGITS).join("|")})\s+(?:${[...Object.keys(DIGITS), ...MULTIPLIERS].join("|")})|mười|(?:án|mẫu|số|bước|điều|khoản|định|tư|lục|nđ|qđ|tt)\s+(?:${Object.keys(DIGITS).join("|")}))(?!\p{L})`,
  "u",
);
/** After these a lone number word is a number ("dự án năm", "mẫu số không một", "bước năm"). */
const NUMBERED = /(?:dự án|mẫu|số|bước|điều|khoản|nghị định|quyết định|thông tư|phụ lục|nđ|qđ|tt)\s+$/u;

/**
 * Numbers spoken into a phone come out as words: "ba trăm năm mươi mốt" → "351", "một trăm
 * năm mươi nghìn" → "150000", "một trăm triệu" → "100 triệu", "không phẩy sáu sáu" → "0.66",
 * "dự án năm" → "dự án 5", "mẫu số không một" → "mẫu số 01". A run of number words is read only
 * when it has a multiplier (mươi, trăm, nghìn…) or follows a word that numbers things (dự án,
 * mẫu, bước, nghị định…): "năm nay", "một người", "hai điều kiện" stay words.
 */
function spelledNumbers(text: string): string {
  const lower = text.normalize("NFC").toLowerCase();
  if (!MAY_HAVE_SPELLED.test(lower)) return text;
  let changed = false;
  const out = lower.replace(SPELLED_RUN, (run: string, offset: number) => {
    const numbered = NUMBERED.test(lower.slice(Math.max(0, offset - 16), offset));
    const read = numberSegments(run.split(/\s+/)).map((words, i) => {
      const isNumber =
        words.some((word) => DIGITS[word] !== undefined || word === "mười") &&
        ((numbered && i === 0) || words.some((word) => MULTIPLIERS.has(word)));
      return (isNumber && readSpelledNumber(words, numbered && i === 0)) || words.join(" ");
    });
    const joined = read.join(" ");
    if (joined !== run) changed = true;
    return joined;
  });
  return changed ? out : text;
}

/**
 * Splits a run of number words where one number ends and the next begins: a digit right after
 * a digit ("hai mươi tư | năm hai nghìn…"), except in a run of plain digits ("không một") and
 * after "phẩy" ("không phẩy sáu sáu"); and before a lone digit after nghìn or triệu ("một
 * trăm nghìn | một tháng").
 */
function numberSegments(words: string[]): string[][] {
  if (!words.some((word) => MULTIPLIERS.has(word))) return [words];
  const segments: string[][] = [[]];
  let previousDigit = false;
  let decimals = false;
  for (const word of words) {
    const digit = DIGITS[word] !== undefined;
    if (digit && previousDigit && !decimals) segments.push([]);
    if (word === "phẩy") decimals = true;
    else if (!digit) decimals = false;
    (segments.at(-1) as string[]).push(word);
    previousDigit = digit;
  }
  // "một trăm nghìn | một tháng": a lone digit after nghìn or triệu starts the next words.
  const last = segments.at(-1) as string[];
  if (
    last.length > 2 &&
    DIGITS[last.at(-1) as string] !== undefined &&
    /^(?:nghìn|ngàn|triệu|tỷ|tỉ)$/.test(last.at(-2) as string)
  )
    segments.push([last.pop() as string]);
  return segments;
}

/** Reads number words (see {@link spelledNumbers}); null when they do not make one number. */
function readSpelledNumber(words: string[], numbered: boolean): string | null {
  const comma = words.indexOf("phẩy");
  if (comma >= 0) {
    const whole = readSpelledNumber(words.slice(0, comma), true);
    const after = words.slice(comma + 1);
    const decimals: string[] = [];
    while (after.length > 0 && DIGITS[after[0] as string] !== undefined)
      decimals.push(String(DIGITS[after.shift() as string]));
    if (whole === null || decimals.length === 0) return null;
    return [`${whole}.${decimals.join("")}`, ...after].join(" ");
  }
  if (!words.some((word) => MULTIPLIERS.has(word))) {
    // Digits one by one: "không một" → "01"; only right after a word that numbers things.
    if (!numbered || words.length > 4) return null;
    return words.map((word) => String(DIGITS[word])).join("");
  }
  let total = 0;
  let group = 0;
  let pending: number | null = null;
  let unit = "";
  for (const word of words) {
    const digit = DIGITS[word];
    if (digit !== undefined) {
      if (pending !== null) return null;
      pending = digit;
      continue;
    }
    switch (word) {
      case "mười":
        group += 10;
        break;
      case "mươi":
        group += (pending ?? 1) * 10;
        break;
      case "trăm":
        group += (pending ?? 1) * 100;
        break;
      case "linh":
      case "lẻ":
        if (pending !== null) return null;
        break;
      case "nghìn":
      case "ngàn":
        total += (group + (pending ?? 0) || 1) * 1000;
        group = 0;
        break;
      default: {
        // triệu, tỷ: kept as words when nothing follows ("100 triệu", as the answers write it).
        const scale = word === "triệu" ? 1e6 : 1e9;
        const value = group + (pending ?? 0) || 1;
        if (word === words.at(-1) && total === 0) {
          unit = ` ${word}`;
          group = value;
          pending = null;
          continue;
        }
        total += value * scale;
        group = 0;
      }
    }
    pending = null;
  }
  return `${total + group + (pending ?? 0)}${unit}`;
}

/**
 * Leftovers of telex typing on a keyboard without Vietnamese input: a tone key after the
 * syllable ("laf", "hopj", "troj") and doubled vowels or đ ("tieeu", "ddi"). Only words that
 * are a Vietnamese syllable once cleaned (a vowel, no final that Vietnamese never ends on).
 */
function withoutTelex(word: string): string {
  if (!/^[a-z]{2,10}$/.test(word)) return word;
  let cleaned = word.replace(/([aeo])\1|dd/g, (pair) => pair[0] as string).replace(/([aou])w/g, "$1");
  if (/[aeiouy][a-z]*[fsrxj]$/.test(cleaned)) cleaned = cleaned.slice(0, -1);
  if (cleaned === word || !/[aeiouy]/.test(cleaned) || /[fjwz]|[sr]$/.test(cleaned)) return word;
  return cleaned;
}

interface Expansion {
  /** The key's syllables after the first. */
  rest: string[];
  value: string[];
}

export interface Expansions {
  /** By the key's first syllable; longest keys first. */
  byFirst: Map<string, Expansion[]>;
  /** The keys' and values' syllables as written ({@link accentedSyllables}): words people use. */
  known: Set<string>;
}

export function buildExpansions(raw: Record<string, string>): Expansions {
  const byFirst = new Map<string, Expansion[]>();
  const known = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    for (const syllable of accentedSyllables(`${key} ${value}`)) known.add(syllable);
    const [first, ...rest] = rawSyllables(key);
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ rest, value: rawSyllables(value) });
    list.sort((a, b) => b.rest.length - a.rest.length);
    byFirst.set(first, list);
  }
  return { byFirst, known };
}

/** Syllables as written, diacritics kept (lower case, NFC): "Bão số 3" → ["bão", "số", "3"]. */
export function accentedSyllables(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[\s.,;:!?()[\]{}<>"'“”‘’…–—\-/\\%+*=|#&@~^_`$•·]+/)
    .filter(Boolean);
}

/**
 * Particles and pronouns of everyday and regional speech, as written with diacritics: a
 * question may carry them even though no answer does ({@link foreignSyllables}).
 */
const SPOKEN = new Set(
  (
    "ạ à ả ơi nhé nhá nhỉ nhể ừ ờ ừm hả hử hở ấy đấy đó đây vậy dạ vâng giùm giúp chứ mà thế sao rồi " +
    "nữa luôn gì chị bà ông cô chú bác tôi tớ mình ổng bả chỗ rứa răng mô chừ ni nớ tê hông dzậy nhiêu " +
    "mần bữa má mạ tía ảnh chỉ nghen hén nè đó thì"
  ).split(" "),
);

/**
 * Syllables of a question typed with diacritics that no answer, phrasing or dictionary entry
 * has with those diacritics: "bão" (storm) folds to "bao" as in "bao nhiêu", "chó" (dog) to
 * "cho", "cước" to "cuoc" — the folded word matches, the word does not. A question without
 * diacritics has none.
 */
export function foreignSyllables(question: string, vocabulary: ReadonlySet<string>): string[] {
  const foreign: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
  if (!/[^\u0000-\u007f]/.test(question)) return foreign;
  for (const syllable of accentedSyllables(question)) {
    if (!/[^a-z0-9]/.test(syllable) || vocabulary.has(syllable) || SPOKEN.has(syllable)) continue;
    foreign.push(syllable);
  }
  return foreign;
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
    .filter(Boolean)
    .map(withoutTelex);
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
