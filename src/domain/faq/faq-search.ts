import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { Db } from "../../db/client.js";
import { packagePath } from "../../shared/package-root.js";
import type { FaqContentEntry } from "./content/faq-file.js";
import type { LegalRegistry } from "./legal/legal-registry.js";
import { legalRegistryFromRows } from "./legal/legal-registry-from-rows.js";
import {
  type AskOptions,
  type FaqAnswer,
  FaqIndex,
  type FaqSearchResult,
  type IndexedEntry,
  type SearchOptions,
} from "./search/faq-index.js";
import { buildExpansions, type Expansions } from "./search/vietnamese-text.js";

/** The repository's FAQ content folder (Markdown entries and the abbreviation dictionary). */
export const FAQ_CONTENT_DIR = packagePath("content", "faq");
export const FAQ_DICTIONARY = `${FAQ_CONTENT_DIR}/dictionary.yaml`;

/** Reads the abbreviation/synonym dictionary (data, not code). */
export function loadDictionary(path = FAQ_DICTIONARY): Expansions {
  const data = parseYaml(readFileSync(path, "utf8")) as { expansions?: Record<string, string> } | null;
  return buildExpansions(data?.expansions ?? {});
}

/**
 * The search the bot uses: an in-memory index over the FAQ table. It loads on first use (calls
 * wait for it; the app asks for it at start-up, so the first question finds it built) and
 * reloads when the table changed — an import, a verified answer — so every instance picks up
 * new content within a minute. Nothing is read when it is created: a search made and never
 * used (a test's bot, a tool) queries nothing, not even after its database was closed.
 */
export interface FaqSearch {
  query(question: string, options: SearchOptions): Promise<FaqSearchResult>;
  /** Answers as of the time(s) the question asks about ({@link FaqIndex.ask}). */
  ask(question: string, options: AskOptions): Promise<FaqAnswer>;
  list(options: SearchOptions & { topicPrefix?: string; upcoming?: boolean }): Promise<IndexedEntry[]>;
  hasWords(question: string): Promise<boolean>;
  entry(id: number): Promise<IndexedEntry | undefined>;
  /** The entry with this content key (e.g. the one a history entry says replaced it). */
  entryByKey(key: string): Promise<IndexedEntry | undefined>;
  /** The legal registry, to describe an answer's legal basis. */
  legalDocuments(): Promise<LegalRegistry>;
  /** Rebuilds the index now. */
  reload(): Promise<void>;
  /** Rebuilds the index if the FAQ table changed since the last build; true when it did. */
  reloadIfChanged(): Promise<boolean>;
  size(): Promise<number>;
}

export function toIndexedEntry(row: {
  id: number;
  key: string;
  topics: unknown;
  title: string;
  phrasings: unknown;
  keywords: unknown;
  answer: string;
  details: string | null;
  source: string;
  validFrom: Date | null;
  validTo: Date | null;
  status: string;
  public: boolean;
  legalBasis?: unknown;
  endedOn?: Date | null;
  replacedBy?: unknown;
  areaCode?: string | null;
  audience?: unknown;
}): IndexedEntry {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const refs = Array.isArray(row.legalBasis)
    ? row.legalBasis.flatMap((ref: unknown) => {
        if (typeof ref !== "object" || ref === null || typeof (ref as { doc?: unknown }).doc !== "string")
          return [];
        const { doc, cite } = ref as { doc: string; cite?: unknown };
        return [typeof cite === "string" ? { doc, cite } : { doc }];
      })
    : [];
  return {
    id: row.id,
    key: row.key,
    topics: list(row.topics),
    title: row.title,
    phrasings: list(row.phrasings),
    keywords: list(row.keywords),
    answer: row.answer,
    details: row.details,
    source: row.source,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status: row.status,
    public: row.public,
    legalBasis: refs,
    endedOn: row.endedOn ?? null,
    replacedBy: list(row.replacedBy),
    areaCode: row.areaCode ?? null,
    audience: Array.isArray(row.audience) ? row.audience.map(Number).filter(Number.isInteger) : null,
  };
}

/** A content-file entry as the index sees it (for the CLI and tests, which search the files directly). */
export function indexedFromContent(entry: FaqContentEntry, id: number): IndexedEntry {
  const { file: _file, reviewBy: _reviewBy, unverified: _unverified, ...indexed } = entry;
  return { ...indexed, id, audience: null };
}

/**
 * Builds an index over content-file entries, numbered from 1 in file order. Local entries are
 * served only with their area units (`areas`, by code; see {@link resolveAreas}).
 */
export function indexContent(
  entries: readonly FaqContentEntry[],
  expansions = loadDictionary(),
  areas: ReadonlyMap<string, AreaUnit> = new Map(),
): FaqIndex {
  return FaqIndex.build(
    entries.map((entry, i) => withArea(indexedFromContent(entry, i + 1), areas)),
    expansions,
  );
}

/** The unit a local entry's `areaCode` names. */
export interface AreaUnit {
  path: string;
  name: string;
}

/** The units named by these area codes, by code (one query); codes of no unit are left out. */
export async function resolveAreas(
  db: Pick<Db, "unit">,
  codes: Iterable<string | null>,
): Promise<Map<string, AreaUnit>> {
  const wanted = [...new Set([...codes].filter((code): code is string => code !== null))];
  if (wanted.length === 0) return new Map();
  const units = await db.unit.findMany({
    where: { code: { in: wanted } },
    select: { code: true, path: true, name: true },
  });
  return new Map(units.map((unit) => [unit.code, { path: unit.path, name: unit.name }]));
}

function withArea(entry: IndexedEntry, areas: ReadonlyMap<string, AreaUnit>): IndexedEntry {
  if (entry.areaCode === null) return entry;
  const area = areas.get(entry.areaCode);
  return { ...entry, areaPath: area?.path ?? null, areaName: area?.name ?? null };
}

export function createFaqSearch(db: Db, expansions: Expansions = loadDictionary()): FaqSearch {
  let index = FaqIndex.build([], expansions);
  let version = "";
  // The legal registry and entries by key, loaded with the index.
  let legal: LegalRegistry = new Map();
  let byKey = new Map<string, IndexedEntry>();
  const currentVersion = async () => {
    const [stats, legalStats, phrasings] = await Promise.all([
      db.faqEntry.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      db.legalDocument.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      db.faqPhrasing.count(),
    ]);
    return [
      stats._count._all,
      stats._max.updatedAt?.toISOString() ?? "",
      legalStats._count._all,
      legalStats._max.updatedAt?.toISOString() ?? "",
      phrasings,
    ].join(":");
  };
  const reload = async () => {
    const [rows, stamp, documents] = await Promise.all([
      db.faqEntry.findMany({
        where: { status: { not: "retired" } },
        include: { extraPhrasings: { select: { text: true }, orderBy: { id: "asc" } } },
      }),
      currentVersion(),
      db.legalDocument.findMany(),
    ]);
    const areas = await resolveAreas(
      db,
      rows.map((row) => row.areaCode),
    );
    // Phrasings editors added in the bot ("➕ Thêm làm cách hỏi") count as the entry's own.
    const entries = rows.map(({ extraPhrasings, ...row }) => {
      const entry = withArea(toIndexedEntry(row), areas);
      return { ...entry, phrasings: [...entry.phrasings, ...extraPhrasings.map((p) => p.text)] };
    });
    index = FaqIndex.build(entries, expansions);
    legal = legalRegistryFromRows(documents);
    byKey = new Map(entries.map((entry) => [entry.key, entry]));
    version = stamp;
  };
  let loading: Promise<void> | undefined;
  const load = () => {
    loading = reload();
    // A failure is reported to whoever waits for the index, not as an unhandled rejection.
    loading.catch(() => undefined);
    return loading;
  };
  const ready = async () => {
    await (loading ?? load());
    return index;
  };
  return {
    query: async (question, options) => (await ready()).query(question, options),
    ask: async (question, options) => (await ready()).ask(question, options),
    list: async (options) => (await ready()).list(options),
    hasWords: async (question) => (await ready()).hasWords(question),
    entry: async (id) => (await ready()).entry(id),
    entryByKey: async (key) => {
      await ready();
      return byKey.get(key);
    },
    legalDocuments: async () => {
      await ready();
      return legal;
    },
    reload: async () => {
      await load();
    },
    reloadIfChanged: async () => {
      // Never loaded: loading it is the change.
      if (!loading) {
        await load();
        return true;
      }
      await loading;
      if ((await currentVersion()) === version) return false;
      await load();
      return true;
    },
    size: async () => (await ready()).size,
  };
}
