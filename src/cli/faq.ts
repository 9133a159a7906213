/**
 * Policy Q&A tools:
 *   npm run faq -- "<question>" [--date YYYY-MM-DD] [--json]   ranked entries for a question
 *   npm run eval:faq -- <file.tsv>… [--date YYYY-MM-DD]        top-1 / top-3 accuracy, one line per TSV
 *     (columns question, topics; optional entries — ids, periods separated by "|" — and today;
 *     rows without topics are off-topic: the line counts those answered with high confidence)
 *   npm run content:check                                       validates content/faq
 *   npm run content:import                                      loads content/faq into the database
 * Search and evaluation read the content files directly (no database needed).
 */
import { existsSync, readFileSync } from "node:fs";
import { formatConfigProblems, loadConfig } from "../config.js";
import { loadFaqContent } from "../domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR, indexContent, loadDictionary } from "../domain/faq/faq-search.js";
import { importFaqContent } from "../domain/faq/import-faq-content.js";
import {
  evaluateQuestions,
  formatEvaluationLine,
  parseEvaluationTsv,
} from "../domain/faq/search/evaluate-questions.js";
import { FaqIndex, type PeriodAnswer } from "../domain/faq/search/faq-index.js";
import { type TimeHeading, timeHeading } from "../domain/faq/search/question-date.js";
import { localDateParts } from "../domain/reports/periods.js";
import { systemClock } from "../shared/clock.js";
import { DEFAULT_TIME_ZONE } from "../shared/time.js";
import { openAdminDatabase } from "./open-admin-database.js";

const [command, ...rest] = process.argv.slice(2);

function option(name: string): string | undefined {
  const index = rest.indexOf(`--${name}`);
  return index >= 0 ? rest[index + 1] : undefined;
}
const positional = rest.filter((arg, i) => !arg.startsWith("--") && !rest[i - 1]?.startsWith("--date"));

/** "2027-01-01" → noon that day in Vietnam (unambiguous whichever way the day is counted). */
function dateOption(): Date {
  const value = option("date");
  if (!value) return systemClock.now();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) fail(`--date phải có dạng YYYY-MM-DD (nhận được "${value}")`, 2);
  return noonOf(value);
}

function noonOf(day: string): Date {
  return new Date(`${day}T12:00:00+07:00`);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The period an answer is for, the way the bot says it ("Từ 01/01/2027"). */
function describe(heading: TimeHeading): string {
  switch (heading.kind) {
    case "now":
      return "Hiện nay";
    case "from":
      return `Từ ${pad(heading.date.day)}/${pad(heading.date.month)}/${heading.date.year}`;
    case "year":
      return `Năm ${heading.year}`;
    case "years":
      return `Năm ${heading.from}–${heading.to}`;
    case "day":
      return `Ngày ${pad(heading.date.day)}/${pad(heading.date.month)}/${heading.date.year}`;
  }
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function loadContent() {
  const { entries, errors } = loadFaqContent(FAQ_CONTENT_DIR);
  if (errors.length > 0) fail(`Nội dung hỏi đáp có lỗi:\n${errors.map((e) => `  • ${e}`).join("\n")}`);
  return entries;
}

function buildIndex() {
  const entries = loadContent();
  return indexContent(entries);
}

switch (command) {
  case "search": {
    const question = positional.join(" ").trim();
    if (!question) fail('Cách dùng: npm run faq -- "<câu hỏi>" [--date YYYY-MM-DD] [--json]', 2);
    const now = dateOption();
    const today = localDateParts(now, DEFAULT_TIME_ZONE);
    const answer = buildIndex().ask(question, {
      now,
      timeZone: DEFAULT_TIME_ZONE,
      publicOnly: false,
      limit: 10,
    });
    const rows = (period: PeriodAnswer) =>
      period.hits.map((hit) => ({
        id: hit.entry.key,
        topics: hit.entry.topics,
        score: Number(hit.score.toFixed(3)),
        coverage: Number(hit.coverage.toFixed(2)),
        title: hit.entry.title,
      }));
    const periods = answer.periods.map((period) => ({
      period: describe(timeHeading(period.time, period.through, today)),
      on: period.on.toISOString(),
      confidence: period.confidence,
      hits: rows(period),
    }));
    const first = periods[0];
    if (rest.includes("--json")) {
      console.log(
        JSON.stringify({
          question,
          confidence: first?.confidence,
          hits: first?.hits ?? [],
          dated: answer.dated,
          periods,
        }),
      );
      break;
    }
    for (const period of periods) {
      if (answer.dated || periods.length > 1) console.log(`── ${period.period}:`);
      console.log(`Độ tin cậy: ${period.confidence}`);
      for (const row of period.hits) {
        console.log(
          `${row.score.toFixed(2).padStart(7)}  ${row.id}  [${row.topics.join(",")}]  ${row.title}`,
        );
      }
      if (period.hits.length === 0) console.log("Không có kết quả.");
    }
    break;
  }
  case "eval": {
    const files = positional;
    const usage = "Cách dùng: npm run eval:faq -- <tệp.tsv> [<tệp.tsv> …] [--date YYYY-MM-DD]";
    if (files.length === 0) fail(usage, 2);
    for (const file of files) if (!existsSync(file)) fail(`Không thấy tệp ${file}\n${usage}`, 2);
    const index = buildIndex();
    const on = dateOption();
    const lines: string[] = [];
    for (const file of files) {
      const parsed = parseEvaluationTsv(readFileSync(file, "utf8"));
      if ("error" in parsed) fail(`${file}: ${parsed.error}`, 2);
      const result = evaluateQuestions(index, parsed.questions, {
        now: (today) => (today ? noonOf(today) : on),
        timeZone: DEFAULT_TIME_ZONE,
      });
      const wrong = [
        ...result.misses.map(
          (miss) =>
            `${miss.inTop3 ? "top3" : "MISS"}  ${miss.question}\n        cần ${miss.expected} — được ${miss.got}`,
        ),
        ...result.offTopic.confident.map(
          (item) => `HIGH  ${item.question}\n        ngoài nội dung, được trả lời chắc chắn bằng ${item.got}`,
        ),
      ];
      if (wrong.length > 0) console.log(`${file} — sai (${wrong.length}):\n${wrong.join("\n")}\n`);
      lines.push(formatEvaluationLine(file, result));
    }
    console.log(lines.join("\n"));
    break;
  }
  case "check": {
    const entries = loadContent();
    const topics = new Set(entries.map((entry) => entry.topics[0]));
    console.log(`Nội dung hợp lệ: ${entries.length} mục, ${topics.size} chủ đề chính.`);
    break;
  }
  case "import": {
    const entries = loadContent();
    if (existsSync(".env")) process.loadEnvFile(".env");
    const config = loadConfig(process.env);
    if (!config.ok) fail(formatConfigProblems(config.problems), 2);
    const opened = await openAdminDatabase(config.config.databaseUrl);
    if (!opened.ok) fail(opened.message, 2);
    const db = opened.db;
    try {
      const result = await importFaqContent(db, systemClock, entries, { personId: null, via: "cli" });
      console.log(
        `Đã nạp nội dung hỏi đáp: ${result.created.length} mới, ${result.updated.length} cập nhật, ` +
          `${result.unchanged} không đổi, ${result.retired.length} ngừng dùng.`,
      );
      for (const key of result.created) console.log(`  + ${key}`);
      for (const key of result.updated) console.log(`  ~ ${key}`);
      for (const key of result.retired) console.log(`  - ${key}`);
      console.log("Bot đang chạy sẽ dùng nội dung mới trong vòng một phút.");
    } finally {
      await db.$disconnect();
    }
    break;
  }
  default:
    fail("Lệnh: search | eval | check | import", 2);
}
