import { foldText } from "../../../shared/fold.js";
import { localDateParts } from "../../reports/periods.js";
import type { LegalRef } from "../content/faq-file.js";
import {
  type AskedTime,
  type ResolvedTime,
  readQuestionTimes,
  resolveTime,
  todayOf,
  withoutComparison,
} from "./question-date.js";
import { TermIndex } from "./term-index.js";
import { accentedSyllables, type Expansions, foreignSyllables, searchTerms } from "./vietnamese-text.js";

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
  /** Legal basis by registry key ({@link LegalRef}); shown before the source. */
  legalBasis: LegalRef[];
  /** The programme or period ended on this day: labelled and worded as history. */
  endedOn: Date | null;
  /** Keys of the entries that replaced it. */
  replacedBy: string[];
  /** null: national; otherwise the code of the unit whose people see it. */
  areaCode: string | null;
  /** A promoted answer waiting for approval: served only to these people. */
  audience: number[] | null;
  /**
   * Index only (not content): the path of the unit `areaCode` names, resolved when the index is
   * built. A local entry whose unit is unknown (absent or null) is served to nobody.
   */
  areaPath?: string | null;
  /** Index only: that unit's name ("Tỉnh Hà Tĩnh"), for "📍 Áp dụng tại: …". */
  areaName?: string | null;
}

/**
 * Who is asking: a person's id (answers waiting for approval are shown to those who asked them)
 * and their unit's path (local entries are shown within their area). Strangers have neither.
 */
export interface Viewer {
  personId: number | null;
  unitPath: string | null;
}

/** No person and no unit: national content only (the CLI without --unit, evaluation). */
export const NATIONAL_VIEWER: Viewer = { personId: null, unitPath: null };

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
  /** Who asks ({@link Viewer}); absent: national content only. */
  viewer?: Viewer;
  limit?: number;
}

export interface AskOptions {
  /** The asker's "now" (from the injected clock): "năm sau" and "hiện nay" are relative to it. */
  now: Date;
  /** Where the asker's calendar is ("năm sau" starts on 1 January there). */
  timeZone: string;
  publicOnly: boolean;
  /** Who asks ({@link Viewer}); absent: national content only. */
  viewer?: Viewer;
  limit?: number;
}

/** The answer for one period a question asks about. */
export interface PeriodAnswer extends FaqSearchResult {
  /** The time searched, as asked ("2027", "1/7/2027", or now). */
  time: ResolvedTime;
  /** The last asked time with the same answer ("2027–2030" answered once): null when only one. */
  through: ResolvedTime | null;
  /** The instant the entries had to be in force at. */
  on: Date;
}

export interface FaqAnswer {
  /**
   * One answer per period with a different best entry, in time order: one for a question about
   * today, two for "chuẩn nghèo năm nay và năm sau" (the standard changes on 1/1/2027).
   */
  periods: PeriodAnswer[];
  /** Whether the question named a time other than now (the answer should say so). */
  dated: boolean;
}

/** Where an entry stands on a date: in force, not yet in force, or no longer in force. */
export type Validity = "in_force" | "upcoming" | "expired";

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
/** How much a word counts towards coverage when found only outside the phrase the question uses it in. */
const OUT_OF_PHRASE = 0.3;
/** Score factor of an entry whose title is about other household groups than the question. */
const OTHER_GROUP = 0.85;
/** Score factor of a local entry whose area the question names, over national ones. */
const OWN_AREA = 1.2;
/** Level words in front of a unit's name: "Tỉnh Hà Tĩnh" is named by "hà tĩnh". */
const LEVEL_WORDS = /^(tinh|thanh pho|xa|phuong|thi tran|dac khu|huyen|thon|to dan pho|ban|ap|lang)\s+/;

/** Whether a folded, space-padded question names the unit (its name without the level word). */
function namesArea(folded: string, areaName: string): boolean {
  const name = foldText(areaName)
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(LEVEL_WORDS, "");
  return name.length > 0 && folded.includes(` ${name} `);
}

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
    /** Every syllable of the content and the dictionary as written, diacritics kept. */
    private readonly vocabulary: ReadonlySet<string>,
    /** The household groups each entry's title is about ({@link householdGroups}), by document. */
    private readonly groups: readonly ReadonlySet<HouseholdGroup>[],
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
    const vocabulary = new Set(expansions?.known);
    for (const entry of entries)
      for (const text of [
        entry.title,
        ...entry.phrasings,
        ...entry.keywords,
        entry.answer,
        entry.details ?? "",
      ])
        for (const syllable of accentedSyllables(text)) vocabulary.add(syllable);
    return new FaqIndex(
      terms,
      [...entries],
      new Map(entries.map((entry) => [entry.id, entry])),
      expansions,
      vocabulary,
      entries.map((entry) => householdGroups(searchTerms(entry.title, expansions, { bigrams: false }))),
    );
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
    const limit = options.limit ?? 3;
    const folded = ` ${foldText(question).replace(/[^a-z0-9]+/g, " ")} `;
    const asked = householdGroups(queryTerms);
    // A question about one household group ("nhà cận nghèo mua thẻ BHYT…") ranks an entry whose
    // title is about other groups only ("Người thuộc hộ nghèo…") below one about that group:
    // their words are nearly the same, the group is what the officer is asking about.
    const group = asked.size === 1 ? ([...asked][0] as HouseholdGroup) : null;
    const found = this.terms.search(
      queryTerms,
      limit,
      (doc) => {
        const entry = this.docs[doc];
        return entry !== undefined && visible(entry, at, options.publicOnly, options.viewer);
      },
      (doc) => {
        // A question that names the asker's area ("Hà Tĩnh có chuẩn nghèo riêng không") is
        // answered by that area's entry before the general note on provincial standards; a
        // question that does not name it keeps the national answer first.
        const area = this.docs[doc]?.areaName;
        const local = area && namesArea(folded, area) ? OWN_AREA : 1;
        if (group === null) return local;
        const titled = this.groups[doc];
        return local * (titled === undefined || titled.size === 0 || titled.has(group) ? 1 : OTHER_GROUP);
      },
    );
    // Coverage weighs each word by how telling it is: matching "hộ" and "nghèo" says little,
    // missing "thời tiết" (which no entry mentions) says a lot. A word typed with diacritics
    // that the content never has ("bão", "chó") is missing too, even when its folded spelling
    // ("bao", "cho") is found: it counts as a word no entry mentions.
    const weight = new Map([...words].map((word) => [word, this.terms.idf(word)]));
    const foreign = foreignSyllables(question, this.vocabulary).length * this.terms.idf("");
    const total = [...weight.values()].reduce((sum, w) => sum + w, 0) + foreign;
    // A word the question uses in a phrase the content knows ("khai sinh", "sinh con") is
    // covered by an entry only with one of those phrases: "sinh" of "phát sinh" does not answer
    // "khai sinh". A word whose phrases the content never has counts wherever it is found.
    const phrases = new Map<string, string[]>();
    for (const term of queryTerms) {
      if (!term.includes("_") || !this.terms.has(term)) continue;
      for (const word of term.split("_")) phrases.set(word, [...(phrases.get(word) ?? []), term]);
    }
    const hits = found.map((hit) => {
      const matched = new Set(hit.matchedTerms);
      let covered = 0;
      for (const term of hit.matchedTerms) {
        const inPhrase = phrases.get(term)?.some((phrase) => matched.has(phrase)) ?? true;
        covered += (weight.get(term) ?? 0) * (inPhrase ? 1 : OUT_OF_PHRASE);
      }
      return {
        entry: this.docs[hit.doc] as IndexedEntry,
        score: hit.score,
        coverage: total === 0 ? 0 : covered / total,
      };
    });
    return { hits, confidence: judge(hits) };
  }

  /**
   * Answers a question as of the time(s) it asks about ({@link readQuestionTimes}): "chuẩn nghèo
   * 2027" is searched among entries in force on 1/1/2027, "năm sau" relative to `now`, "giai
   * đoạn mới" on the day the next of the matching entries comes into force; a question spanning
   * several periods gets one answer per period whose best entry differs. Entries not in force at
   * the time asked are never candidates, so they are never a confident answer.
   */
  ask(question: string, options: AskOptions): FaqAnswer {
    const today = todayOf(options.now, options.timeZone);
    const named = readQuestionTimes(question, today);
    const searches: { time: ResolvedTime; on: Date; asked: AskedTime[] }[] = [];
    for (const asked of named.times) {
      const resolved = resolveTime(
        asked.kind === "next_period" ? this.nextChange(question, options) : asked,
        options.now,
        options.timeZone,
      );
      const same = searches.find((search) => search.on.getTime() === resolved.on.getTime());
      if (same) same.asked.push(asked);
      else searches.push({ ...resolved, asked: [asked] });
    }
    searches.sort((a, b) => a.on.getTime() - b.on.getTime());
    // Each period is searched with its own words only: for "năm nay và năm sau", today without
    // "năm 2027" and 2027 without "năm nay"; comparing words are left out when there are several.
    const periodText = (text: string) => (searches.length > 1 ? withoutComparison(text) : text);
    const all = (
      searches.length > 0
        ? searches
        : [{ time: { kind: "now" } as ResolvedTime, on: options.now, asked: null }]
    ).map(({ time, on, asked }) => ({
      time,
      through: null as ResolvedTime | null,
      on,
      ...this.query(asked ? periodText(named.textFor(asked)) : question, {
        on,
        publicOnly: options.publicOnly,
        viewer: options.viewer,
        limit: options.limit,
      }),
    }));
    const answered = all.filter((period) => period.hits.length > 0);
    const periods: PeriodAnswer[] = [];
    for (const period of answered.length > 0 ? answered : all.slice(0, 1)) {
      const last = periods.at(-1);
      if (last && last.hits[0]?.entry.id === period.hits[0]?.entry.id) last.through = period.time;
      else periods.push(period);
    }
    const dated = periods.some(
      (period) => period.time.kind !== "now" || (period.through !== null && period.through.kind !== "now"),
    );
    return { periods, dated };
  }

  /**
   * Entries in force and visible, whose main topic starts with `topicPrefix` ("T4"), by topic and
   * title; with `upcoming`, also those not yet in force (the standard from 2027, browsed in 2026).
   */
  list(options: SearchOptions & { topicPrefix?: string; upcoming?: boolean }): IndexedEntry[] {
    const at = options.on.getTime();
    const prefix = options.topicPrefix;
    const shown = (entry: IndexedEntry) => {
      const validity = validityOn(entry, at);
      return validity === "in_force" || (options.upcoming === true && validity === "upcoming");
    };
    return (
      [...this.byId.values()]
        // Answers waiting for review answer those who asked; they are never browsed.
        .filter(
          (entry) =>
            shown(entry) &&
            entry.status === "verified" &&
            servedTo(entry, options.publicOnly, options.viewer),
        )
        .filter((entry) => !prefix || (entry.topics[0] ?? "").replace(/\..*/, "") === prefix)
        .sort((a, b) => topicOrder(a) - topicOrder(b) || a.title.localeCompare(b.title, "vi"))
    );
  }

  /** Whether a question has any searchable words at all (not just "alo", "ạ", "?"). */
  hasWords(question: string): boolean {
    return searchTerms(question, this.expansions).length > 0;
  }

  entry(id: number): IndexedEntry | undefined {
    return this.byId.get(id);
  }

  /**
   * "Giai đoạn mới", "chuẩn mới": the first day after `now` on which one of the entries matching
   * the question comes into force; now when none of them is still to come.
   */
  private nextChange(question: string, options: AskOptions): ResolvedTime {
    const at = options.now.getTime();
    const found = this.terms.search(searchTerms(question, this.expansions), 5, (doc) => {
      const entry = this.docs[doc];
      return entry !== undefined && servedTo(entry, options.publicOnly, options.viewer);
    });
    let next = Number.POSITIVE_INFINITY;
    for (const { doc } of found) {
      const from = (this.docs[doc] as IndexedEntry).validFrom?.getTime();
      if (from !== undefined && from > at) next = Math.min(next, from);
    }
    if (next === Number.POSITIVE_INFINITY) return { kind: "now" };
    return { kind: "day", date: localDateParts(new Date(next), options.timeZone) };
  }
}

/** "T3.10" → 3.10 sorts after "T3.9"; general notes (G) first. */
function topicOrder(entry: IndexedEntry): number {
  const topic = entry.topics[0] ?? "";
  const match = /^([GT])(\d+)(?:\.(\d+))?/.exec(topic);
  if (!match) return 999;
  return (match[1] === "G" ? 0 : 10) + Number(match[2]) * 100 + Number(match[3] ?? 0);
}

/** Served at all: {@link servedTo} the viewer and in force on the date. */
function visible(entry: IndexedEntry, at: number, publicOnly: boolean, viewer?: Viewer): boolean {
  return servedTo(entry, publicOnly, viewer) && inForce(entry, at);
}

/**
 * Whether this viewer may be served the entry at all, whatever the date: verified — or a
 * promoted answer waiting for approval and the viewer one of those who asked it; public unless
 * the viewer is registered; national, or local to the viewer's unit or a unit above it (an
 * entry whose area unit is unknown is served to nobody).
 */
export function servedTo(
  entry: IndexedEntry,
  publicOnly: boolean,
  viewer: Viewer = NATIONAL_VIEWER,
): boolean {
  const status =
    entry.status === "verified" ||
    (entry.status === "needs_review" &&
      viewer.personId !== null &&
      (entry.audience ?? []).includes(viewer.personId));
  if (!status || (publicOnly && !entry.public)) return false;
  if (entry.areaCode === null) return true;
  const area = entry.areaPath ?? null;
  return area !== null && viewer.unitPath?.startsWith(area) === true;
}

function inForce(entry: IndexedEntry, at: number): boolean {
  return validityOn(entry, at) === "in_force";
}

/** Household groups policies are told apart by. */
type HouseholdGroup = "poor" | "near_poor" | "exited" | "average";

const HOUSEHOLD_GROUPS: [HouseholdGroup, RegExp][] = [
  ["near_poor", /(?<!thoat )\bcan ngheo\b/],
  ["exited", /\bthoat (?:can )?ngheo\b/],
  ["average", /\bmuc song trung binh\b/],
  ["poor", /\b(?:ho|nguoi|gia dinh|hn) ngheo\b/],
];

/** The household groups words (search terms without bigrams) name: "hộ cận nghèo" → near_poor. */
function householdGroups(terms: readonly string[]): Set<HouseholdGroup> {
  const text = terms.filter((term) => !term.includes("_")).join(" ");
  const groups = new Set<HouseholdGroup>();
  if (!text.includes("ngheo") && !text.includes("trung binh")) return groups;
  for (const [group, pattern] of HOUSEHOLD_GROUPS) if (pattern.test(text)) groups.add(group);
  return groups;
}

/** Where an entry stands at an instant (epoch milliseconds or a date). */
export function validityOn(entry: Pick<IndexedEntry, "validFrom" | "validTo">, at: Date | number): Validity {
  const time = typeof at === "number" ? at : at.getTime();
  if (entry.validFrom !== null && entry.validFrom.getTime() > time) return "upcoming";
  if (entry.validTo !== null && entry.validTo.getTime() < time) return "expired";
  return "in_force";
}

function judge(hits: SearchHit[]): Confidence {
  const [top, second] = hits;
  if (!top) return "none";
  if (top.coverage < MIN_COVERAGE) return "low";
  if (second && top.score < second.score * MIN_LEAD && top.coverage <= second.coverage) return "low";
  return "high";
}
