/**
 * `npm run bench:faq` — policy Q&A search speed: index build time and per-question latency of
 * what the bot runs (`ask`: the times a question names, then a search as of each) on the real
 * content and on a synthetic 2,000-entry knowledge base. Questions: the evaluation sets and a
 * third of the content's phrasings. Prints a final JSON line.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadFaqContent } from "../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR, indexedFromContent, loadDictionary } from "../src/domain/faq/faq-search.js";
import { FaqIndex, type IndexedEntry } from "../src/domain/faq/search/faq-index.js";

const QUESTION_SETS =
  process.argv.length > 2 ? process.argv.slice(2) : ["eval/faq-dev.tsv", "eval/faq-temporal.tsv"];
const QUERY_ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function measure(label: string, entries: IndexedEntry[], queries: string[]) {
  const expansions = loadDictionary();
  const t0 = performance.now();
  const index = FaqIndex.build(entries, expansions);
  const buildMs = performance.now() - t0;
  const options = {
    now: new Date("2026-11-22T12:00:00+07:00"),
    timeZone: "Asia/Ho_Chi_Minh",
    publicOnly: false,
  };
  for (const q of queries.slice(0, 50)) index.ask(q, options); // warm-up
  const times: number[] = [];
  for (let round = 0; round < QUERY_ROUNDS; round++) {
    for (const q of queries) {
      const start = performance.now();
      index.ask(q, options);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const result = {
    entries: entries.length,
    buildMs: Number(buildMs.toFixed(1)),
    queries: times.length,
    p50Ms: Number(percentile(times, 50).toFixed(3)),
    p99Ms: Number(percentile(times, 99).toFixed(3)),
  };
  console.log(`${label.padEnd(22)} ${JSON.stringify(result)}`);
  return result;
}

const { entries: content, errors } = loadFaqContent(FAQ_CONTENT_DIR);
if (errors.length > 0) {
  console.error(errors.join("\n"));
  process.exit(1);
}
const real: IndexedEntry[] = content.map((entry, i) => indexedFromContent(entry, i + 1));
const devQuestions = QUESTION_SETS.filter((file) => existsSync(file)).flatMap((file) =>
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split("\t")[0] ?? "")
    .filter(Boolean),
);
const phrasings = real.flatMap((entry) => entry.phrasings);
const queries = [...devQuestions, ...phrasings.filter((_, i) => i % 3 === 0)];

// A synthetic knowledge base of 2,000 entries: real entries with their words recombined, so
// the vocabulary and the lengths stay realistic.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const words = [...new Set(phrasings.join(" ").split(/\s+/))];
const sentence = (n: number) =>
  Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(" ");
const synthetic: IndexedEntry[] = Array.from({ length: 2000 }, (_, i) => {
  const base = real[i % real.length] as IndexedEntry;
  return {
    ...base,
    id: i + 1,
    key: `synthetic-${i}`,
    title: `${base.title} ${sentence(3)}`,
    phrasings: base.phrasings.map((p) => `${p} ${sentence(2)}`),
    keywords: [...base.keywords, sentence(2)],
    answer: `${base.answer} ${sentence(20)}`,
  };
});

const realResult = measure("real content", real, queries);
const syntheticResult = measure("synthetic 2,000", synthetic, queries);
console.log(JSON.stringify({ bench: "faq", real: realResult, synthetic2000: syntheticResult }));
