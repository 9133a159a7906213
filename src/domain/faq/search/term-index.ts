/**
 * A small BM25F inverted index over pre-tokenized fields, tuned for what the policy Q&A needs:
 * a few thousand short documents, questions of ~20 terms, and only the top few results.
 *
 * Why not a general library: MiniSearch (measured first) builds a result object with match
 * details for every document sharing any term with the question — with common syllables such
 * as "ho" and "ngheo" that is nearly all of them, and a query on 2,000 entries took 14–40 ms.
 * Here scores accumulate in one typed array and only the best are materialised.
 */
export interface FieldSpec {
  name: string;
  boost: number;
}

export interface TermIndexOptions {
  fields: readonly FieldSpec[];
  /** BM25 term-frequency saturation and length normalisation. */
  k1?: number;
  b?: number;
  /** Unknown query words at least this long are matched to words one edit away. */
  fuzzyMinLength?: number;
  /** How much a typo-corrected word counts, relative to an exact one. */
  fuzzyWeight?: number;
}

export interface TermHit {
  doc: number;
  score: number;
  /** Query terms found in the document (after typo correction, the query's own spelling). */
  matchedTerms: string[];
}

interface Posting {
  doc: number;
  /** Boost-weighted term frequency over the fields. */
  weight: number;
}

/** A term's postings once sealed: documents in order and each one's precomputed BM25 share. */
interface SealedPostings {
  docs: Int32Array;
  scores: Float64Array;
}

export class TermIndex {
  private readonly postings = new Map<string, Posting[]>();
  private sealed = new Map<string, SealedPostings>();
  private readonly lengths: number[] = [];
  /** Deletion neighbourhood: a word with one letter removed → the words it came from. */
  private readonly deletions = new Map<string, string[]>();
  private averageLength = 1;
  private readonly k1: number;
  private readonly b: number;
  private readonly fuzzyMinLength: number;
  private readonly fuzzyWeight: number;

  constructor(private readonly options: TermIndexOptions) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.7;
    this.fuzzyMinLength = options.fuzzyMinLength ?? 5;
    this.fuzzyWeight = options.fuzzyWeight ?? 0.6;
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Adds a document (its terms per field); returns its number. Call {@link seal} when done. */
  add(fields: Record<string, readonly string[]>): number {
    const doc = this.lengths.length;
    const weights = new Map<string, number>();
    let length = 0;
    for (const field of this.options.fields) {
      for (const term of fields[field.name] ?? []) {
        weights.set(term, (weights.get(term) ?? 0) + field.boost);
        length += field.boost;
      }
    }
    for (const [term, weight] of weights) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        if (!term.includes("_")) this.addDeletions(term);
      }
      list.push({ doc, weight });
    }
    this.lengths.push(length);
    return doc;
  }

  /** Fixes the statistics and precomputes every posting's score share (queries only add). */
  seal(): void {
    const n = this.lengths.length;
    const total = this.lengths.reduce((sum, length) => sum + length, 0);
    this.averageLength = n > 0 ? total / n : 1;
    this.sealed = new Map();
    for (const [term, list] of this.postings) {
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      const docs = new Int32Array(list.length);
      const scores = new Float64Array(list.length);
      list.forEach(({ doc, weight }, i) => {
        const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[doc] ?? 0)) / this.averageLength);
        docs[i] = doc;
        scores[i] = idf * ((weight * (this.k1 + 1)) / (weight + norm));
      });
      this.sealed.set(term, { docs, scores });
    }
  }

  has(term: string): boolean {
    return this.sealed.has(term);
  }

  /**
   * How telling a term is: rare terms count more. A term the index does not have counts as the
   * rarest of all (a question about something the content never mentions).
   */
  idf(term: string): number {
    const n = this.lengths.length;
    const df = this.sealed.get(term)?.docs.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The best documents for the query terms. `accept` filters documents (validity, audience)
   * before ranking, so a filtered-out document never hides a valid one; `factor` scales a
   * document's score before ranking.
   */
  search(
    terms: readonly string[],
    limit: number,
    accept: (doc: number) => boolean,
    factor?: (doc: number) => number,
  ): TermHit[] {
    const n = this.lengths.length;
    if (n === 0) return [];
    const scores = new Float64Array(n);
    const touched: number[] = [];
    const used: [queryTerm: string, postings: SealedPostings][] = [];
    for (const queryTerm of new Set(terms)) {
      const exact = this.sealed.get(queryTerm);
      const variants: [SealedPostings, number][] = exact
        ? [[exact, 1]]
        : this.typoVariants(queryTerm).flatMap((variant) => {
            const postings = this.sealed.get(variant);
            return postings ? [[postings, this.fuzzyWeight] as [SealedPostings, number]] : [];
          });
      for (const [postings, factor] of variants) {
        used.push([queryTerm, postings]);
        const { docs, scores: shares } = postings;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i] as number;
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] = (scores[doc] as number) + factor * (shares[i] as number);
        }
      }
    }
    if (factor) for (const doc of touched) scores[doc] = (scores[doc] as number) * factor(doc);
    touched.sort((a, b) => (scores[b] as number) - (scores[a] as number));
    const best: TermHit[] = [];
    for (const doc of touched) {
      if (best.length === limit) break;
      if (!accept(doc)) continue;
      const matched = new Set<string>();
      for (const [queryTerm, postings] of used) if (contains(postings.docs, doc)) matched.add(queryTerm);
      best.push({ doc, score: scores[doc] as number, matchedTerms: [...matched] });
    }
    return best;
  }

  private addDeletions(term: string): void {
    if (term.length < this.fuzzyMinLength - 1) return;
    for (const key of deletionsOf(term)) {
      const list = this.deletions.get(key);
      if (list) list.push(term);
      else this.deletions.set(key, [term]);
    }
  }

  /** Indexed words one edit (deletion, insertion, substitution, transposition-ish) away. */
  private typoVariants(term: string): string[] {
    if (term.includes("_") || /^\d/.test(term)) return [];
    // One letter shorter than the limit: only a missing letter ("thah" → "thanh", "nhiu" →
    // "nhieu"); a wrong letter in so short a word is too often another word.
    if (term.length === this.fuzzyMinLength - 1)
      return (this.deletions.get(term) ?? []).filter((word) => word.length === term.length + 1);
    if (term.length < this.fuzzyMinLength) return [];
    const found = new Set<string>();
    // An inserted letter in the query: the query minus one letter is a word.
    for (const key of deletionsOf(term)) if (this.postings.has(key)) found.add(key);
    // A missing letter, or a wrong one: words whose deletions meet the query or its deletions.
    for (const key of [term, ...deletionsOf(term)])
      for (const word of this.deletions.get(key) ?? []) found.add(word);
    found.delete(term);
    return [...found].filter((word) => Math.abs(word.length - term.length) <= 1);
  }
}

/** Binary search: postings are in document order. */
function contains(docs: Int32Array, doc: number): boolean {
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = docs[mid] as number;
    if (value === doc) return true;
    if (value < doc) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function deletionsOf(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}
