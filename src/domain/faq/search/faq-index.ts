import MiniSearch, { type SearchResult } from "minisearch";
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
  /** Share of the question's words found in the entry (0–1). */
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
const BOOST = { title: 2, phrasings: 2.5, keywords: 2, answer: 0.5 } as const;
const PHRASING_SEPARATOR = "\u241e";
/** A confident answer covers at least this share of the question's words… */
const MIN_COVERAGE = 0.5;
/** …and clearly beats the runner-up. */
const MIN_LEAD = 1.12;

/**
 * The policy Q&A search: MiniSearch (BM25 with field weights and typo tolerance) over terms made
 * by {@link searchTerms}, filtered by validity date and audience. Built in memory from the
 * database at start and rebuilt when content changes.
 */
export class FaqIndex {
  private constructor(
    private readonly search: MiniSearch<IndexedEntry>,
    private readonly byId: Map<number, IndexedEntry>,
    private readonly expansions: Expansions | undefined,
  ) {}

  static build(entries: readonly IndexedEntry[], expansions?: Expansions): FaqIndex {
    const search = new MiniSearch<IndexedEntry>({
      fields: ["title", "phrasings", "keywords", "answer"],
      extractField: (entry, field) => {
        const value = entry[field as keyof IndexedEntry];
        if (field === "phrasings" || field === "keywords")
          return (value as string[]).join(PHRASING_SEPARATOR);
        if (field === "answer") return `${entry.answer} ${entry.details ?? ""}`;
        // Also called for the id field: keep the number.
        return value as string;
      },
      // Each phrasing is tokenized alone so that bigrams never span two phrasings.
      tokenize: (text) => text.split(PHRASING_SEPARATOR).flatMap((part) => searchTerms(part, expansions)),
      processTerm: (term) => term,
      searchOptions: {
        boost: BOOST,
        fuzzy: (term) => (term.length >= 5 && !term.includes("_") ? 0.2 : false),
        weights: { fuzzy: 0.3, prefix: 0.3 },
      },
    });
    search.addAll(entries);
    return new FaqIndex(search, new Map(entries.map((entry) => [entry.id, entry])), expansions);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The best entries for a question, and whether the best one is a confident answer. */
  query(question: string, options: SearchOptions): FaqSearchResult {
    const words = new Set(searchTerms(question, this.expansions).filter((term) => !term.includes("_")));
    if (words.size === 0) return { hits: [], confidence: "none" };
    const at = options.on.getTime();
    const results = this.search.search(question, {
      filter: (result) => {
        const entry = this.byId.get(result.id as number);
        return (
          entry !== undefined &&
          inForce(entry, at) &&
          entry.status === "verified" &&
          (!options.publicOnly || entry.public)
        );
      },
    });
    const hits = results.slice(0, options.limit ?? 3).map((result) => this.toHit(result, words));
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

  private toHit(result: SearchResult, words: Set<string>): SearchHit {
    const entry = this.byId.get(result.id as number) as IndexedEntry;
    const matched = result.queryTerms.filter((term) => words.has(term)).length;
    return { entry, score: result.score, coverage: matched / words.size };
  }
}

/** "T3.10" → 3.10 sorts after "T3.9"; general notes (G) first. */
function topicOrder(entry: IndexedEntry): number {
  const topic = entry.topics[0] ?? "";
  const match = /^([GT])(\d+)(?:\.(\d+))?/.exec(topic);
  if (!match) return 999;
  return (match[1] === "G" ? 0 : 10) + Number(match[2]) * 100 + Number(match[3] ?? 0);
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
