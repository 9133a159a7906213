import { TermIndex } from "./term-index.js";
import { type Expansions, searchTerms } from "./vietnamese-text.js";

/** What the index knows of an entry (everything needed to answer without another query). */
export interface IndexedEntry {
  id: number;
  key: string;
  topics: string[];
  title: string;
  phrasings: string[];
  keywords: string[];
  answer: string;
  details: string | null;
  source: string;
  validFrom: Date | null;
  validTo: Date | null;
  status: string;
  public: boolean;
}

export interface SearchHit {
  entry: IndexedEntry;
  score: number;
  /** Share of the question's words found in the entry, weighted by how telling each word is (0–1). */
  coverage: number;
}

export type Confidence = "high" | "low" | "none";

export interface FaqSearchResult {
  hits: SearchHit[];
  confidence: Confidence;
}

export interface SearchOptions {
  /** Only entries in force on this date are considered (the standard changes on 1/1/2027). */
  on: Date;
  /** Strangers see public entries only. */
  publicOnly: boolean;
  limit?: number;
}

/** Field weights: how people ask (phrasings, title) matters more than the answer's wording. */
const FIELDS = [
  { name: "title", boost: 2 },
  { name: "phrasings", boost: 2.5 },
  { name: "keywords", boost: 2 },
  { name: "answer", boost: 0.5 },
] as const;
/** A confident answer covers at least this share of the question's words… */
const MIN_COVERAGE = 0.65;
/** …and clearly beats the runner-up. */
const MIN_LEAD = 1.12;

/**
 * The policy Q&A search: BM25F over terms made by {@link searchTerms} (folded syllables,
 * abbreviations expanded, syllable bigrams; typos corrected against the index's own words),
 * filtered by validity date and audience. Built in memory from the database at start and
 * rebuilt when content changes.
 */
export class FaqIndex {
  private constructor(
    private readonly terms: TermIndex,
    private readonly docs: IndexedEntry[],
    private readonly byId: Map<number, IndexedEntry>,
    private readonly expansions: Expansions | undefined,
  ) {}

  static build(entries: readonly IndexedEntry[], expansions?: Expansions): FaqIndex {
    const terms = new TermIndex({ fields: FIELDS });
    const tokens = (texts: readonly string[]) => texts.flatMap((text) => searchTerms(text, expansions));
    for (const entry of entries) {
      terms.add({
        title: tokens([entry.title]),
        // Each phrasing is tokenized alone so that bigrams never span two phrasings.
        phrasings: tokens(entry.phrasings),
        keywords: tokens(entry.keywords),
        // Answers are long and phrase matches there mean little: words only (half the terms).
        answer: [entry.answer, entry.details ?? ""].flatMap((text) =>
          searchTerms(text, expansions, { bigrams: false }),
        ),
      });
    }
    terms.seal();
    return new FaqIndex(terms, [...entries], new Map(entries.map((entry) => [entry.id, entry])), expansions);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The best entries for a question, and whether the best one is a confident answer. */
  query(question: string, options: SearchOptions): FaqSearchResult {
    const queryTerms = searchTerms(question, this.expansions);
    const words = new Set(queryTerms.filter((term) => !term.includes("_")));
    if (words.size === 0) return { hits: [], confidence: "none" };
    const at = options.on.getTime();
    const found = this.terms.search(queryTerms, options.limit ?? 3, (doc) => {
      const entry = this.docs[doc];
      return entry !== undefined && visible(entry, at, options.publicOnly);
    });
    // Coverage weighs each word by how telling it is: matching "hộ" and "nghèo" says little,
    // missing "thời tiết" (which no entry mentions) says a lot.
    const weight = new Map([...words].map((word) => [word, this.terms.idf(word)]));
    const total = [...weight.values()].reduce((sum, w) => sum + w, 0);
    const hits = found.map((hit) => ({
      entry: this.docs[hit.doc] as IndexedEntry,
      score: hit.score,
      coverage:
        total === 0 ? 0 : hit.matchedTerms.reduce((sum, term) => sum + (weight.get(term) ?? 0), 0) / total,
    }));
    return { hits, confidence: judge(hits) };
  }

  /** Entries in force and visible, whose main topic starts with `topicPrefix` ("T4"), by topic and title. */
  list(options: SearchOptions & { topicPrefix?: string }): IndexedEntry[] {
    const at = options.on.getTime();
    const prefix = options.topicPrefix;
    return [...this.byId.values()]
      .filter(
        (entry) => inForce(entry, at) && entry.status === "verified" && (!options.publicOnly || entry.public),
      )
      .filter((entry) => !prefix || (entry.topics[0] ?? "").replace(/\..*/, "") === prefix)
      .sort((a, b) => topicOrder(a) - topicOrder(b) || a.title.localeCompare(b.title, "vi"));
  }

  /** Whether a question has any searchable words at all (not just "alo", "ạ", "?"). */
  hasWords(question: string): boolean {
    return searchTerms(question, this.expansions).length > 0;
  }

  entry(id: number): IndexedEntry | undefined {
    return this.byId.get(id);
  }
}

/** "T3.10" → 3.10 sorts after "T3.9"; general notes (G) first. */
function topicOrder(entry: IndexedEntry): number {
  const topic = entry.topics[0] ?? "";
  const match = /^([GT])(\d+)(?:\.(\d+))?/.exec(topic);
  if (!match) return 999;
  return (match[1] === "G" ? 0 : 10) + Number(match[2]) * 100 + Number(match[3] ?? 0);
}

/** Served at all: verified, in force on the date, and public unless the asker is registered. */
function visible(entry: IndexedEntry, at: number, publicOnly: boolean): boolean {
  return entry.status === "verified" && inForce(entry, at) && (!publicOnly || entry.public);
}

function inForce(entry: IndexedEntry, at: number): boolean {
  return (
    (entry.validFrom === null || entry.validFrom.getTime() <= at) &&
    (entry.validTo === null || entry.validTo.getTime() >= at)
  );
}

function judge(hits: SearchHit[]): Confidence {
  const [top, second] = hits;
  if (!top) return "none";
  if (top.coverage < MIN_COVERAGE) return "low";
  if (second && top.score < second.score * MIN_LEAD && top.coverage <= second.coverage) return "low";
  return "high";
}
