import type { FaqIndex, PeriodAnswer } from "./faq-index.js";

/**
 * One evaluation question (a TSV row): what a good first answer is, by topic or — where the
 * topic cannot tell two periods apart — by entry id.
 */
export interface EvaluationQuestion {
  question: string;
  /** Fact-sheet topics any of which the first answer should carry ("T2", "T1.3"). */
  topics: string[];
  /**
   * Entry ids the answer must come from, one group per period the question spans, in time
   * order ("chuan-ngheo-2022-2026 | chuan-ngheo-2027-2030"); empty: judge by topics only.
   */
  entries: string[][];
  /** The day the question is asked (YYYY-MM-DD); undefined: the evaluation's date. */
  today?: string;
}

export interface EvaluationResult {
  /** Questions with an expected answer (topics or entries); top-1 and top-3 are shares of them. */
  n: number;
  top1: number;
  top3: number;
  /** Questions whose first answer is wrong, with what was expected and what came. */
  misses: { question: string; inTop3: boolean; expected: string; got: string }[];
  /**
   * Off-topic questions (no topics, no entries: nothing in the content answers them) and those
   * of them answered with high confidence — each one a confident answer to a question the bot
   * cannot answer, which must not happen.
   */
  offTopic: { n: number; confident: { question: string; got: string }[] };
}

/**
 * Reads an evaluation TSV: a header with `question` and `topics` (comma-separated), optionally
 * `entries` (comma-separated ids, periods separated by "|") and `today` (YYYY-MM-DD). A row
 * with neither topics nor entries is an off-topic question: no answer may be confident.
 */
export function parseEvaluationTsv(text: string): { questions: EvaluationQuestion[] } | { error: string } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "" && !line.startsWith("#"));
  const header = (lines.shift() ?? "").split("\t").map((cell) => cell.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  if (column("question") < 0 || column("topics") < 0)
    return { error: "Tệp TSV cần hai cột: question và topics" };
  const list = (value: string | undefined, separator: string) =>
    (value ?? "")
      .split(separator)
      .map((item) => item.trim())
      .filter(Boolean);
  const questions = lines.map((line) => {
    const cells = line.split("\t");
    const today = cells[column("today")]?.trim();
    return {
      question: cells[column("question")] ?? "",
      topics: list(cells[column("topics")], ","),
      entries: list(cells[column("entries")], "|").map((group) => list(group, ",")),
      ...(today ? { today } : {}),
    };
  });
  const wrongDate = questions.find((q) => q.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(q.today));
  if (wrongDate) return { error: `Cột today phải có dạng YYYY-MM-DD (nhận được "${wrongDate.today}")` };
  return { questions };
}

/**
 * Top-1 and top-3 accuracy of {@link FaqIndex.ask} on a question set. A question spanning
 * several periods counts as right only when every period gets its expected entry.
 */
export function evaluateQuestions(
  index: FaqIndex,
  questions: readonly EvaluationQuestion[],
  options: { now: (today: string | undefined) => Date; timeZone: string },
): EvaluationResult {
  let top1 = 0;
  let top3 = 0;
  const misses: EvaluationResult["misses"] = [];
  const offTopic: EvaluationResult["offTopic"] = { n: 0, confident: [] };
  const onTopic = new Set(questions.filter((item) => item.topics.length > 0 || item.entries.length > 0));
  for (const item of questions) {
    const { periods } = index.ask(item.question, {
      now: options.now(item.today),
      timeZone: options.timeZone,
      publicOnly: false,
      limit: 3,
    });
    if (!onTopic.has(item)) {
      offTopic.n += 1;
      const confident = periods.find((period) => period.confidence === "high");
      const first = confident?.hits[0]?.entry.key;
      if (first) offTopic.confident.push({ question: item.question, got: first });
      continue;
    }
    const expected = new Set(item.topics);
    const matches = (period: PeriodAnswer | undefined, group: string[] | undefined) =>
      (period?.hits ?? []).map((hit) =>
        group && group.length > 0
          ? group.includes(hit.entry.key)
          : hit.entry.topics.some((topic) => expected.has(topic)),
      );
    const groups = item.entries.length > 0 ? item.entries : [undefined];
    const perPeriod =
      groups.length === periods.length || groups[0] === undefined
        ? groups.map((group, i) => matches(periods[i], group))
        : [[false]];
    const first = perPeriod.every((m) => m[0] === true);
    const any = perPeriod.every((m) => m.some(Boolean));
    if (first) top1 += 1;
    if (any) top3 += 1;
    if (!first) {
      misses.push({
        question: item.question,
        inTop3: any,
        expected:
          item.entries.length > 0 ? item.entries.map((g) => g.join(",")).join(" | ") : item.topics.join(","),
        got:
          periods
            .map((period) =>
              period.hits.map((hit) => `${hit.entry.key}[${hit.entry.topics.join(",")}]`).join(" "),
            )
            .join(" | ") || "(không có)",
      });
    }
  }
  const n = onTopic.size;
  return { n, top1: n === 0 ? 0 : top1 / n, top3: n === 0 ? 0 : top3 / n, misses, offTopic };
}

/**
 * One line per evaluated file, as `npm run eval:faq` prints it: top-1, top-3 and the number of
 * questions, and for off-topic questions how many got a high-confidence answer.
 *
 * @example formatEvaluationLine("eval/heldout-offtopic.tsv", result)
 * // => "eval/heldout-offtopic.tsv  off-topic n=32 high=0"
 */
export function formatEvaluationLine(file: string, result: EvaluationResult): string {
  const parts: string[] = [];
  if (result.n > 0) parts.push(`top1=${result.top1.toFixed(2)} top3=${result.top3.toFixed(2)} n=${result.n}`);
  if (result.offTopic.n > 0)
    parts.push(`off-topic n=${result.offTopic.n} high=${result.offTopic.confident.length}`);
  if (parts.length === 0) parts.push("n=0");
  return `${file}  ${parts.join("  ")}`;
}
