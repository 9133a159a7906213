/**
 * Policy Q&A tools:
 *   npm run faq -- "<question>" [--date YYYY-MM-DD] [--unit CODE] [--json]
 *     ranked entries for a question: national content, and with --unit also the local content
 *     a person of that unit sees (the unit is looked up in the database)
 *   npm run eval:faq -- <file.tsv>… [--date YYYY-MM-DD]        top-1 / top-3 accuracy, one line per TSV
 *     (columns question, topics; optional entries — ids, periods separated by "|" — and today;
 *     rows without topics are off-topic: the line counts those answered with high confidence)
 *   npm run content:check [--date YYYY-MM-DD]                   validates content/faq and content/legal
 *     (--content DIR and --legal FILE check other files, e.g. a test's)
 *   npm run content:import                                      loads content/faq into the database
 *   npm run faq -- report [--since YYYY-MM-DD] [--xlsx <file>]  the editors' report (default: last 30 days)
 *   npm run faq -- phrasings                                    phrasings added in the bot, by entry and file
 * Search and evaluation read the content files directly (no database needed).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { formatConfigProblems, loadConfig } from "../config.js";
import { checkFaqContent } from "../domain/faq/content/check-faq-content.js";
import { type FaqContentEntry, loadFaqContent } from "../domain/faq/content/faq-file.js";
import { buildContentReport } from "../domain/faq/editors-report/build-content-report.js";
import { buildContentReportWorkbook } from "../domain/faq/editors-report/build-content-report-workbook.js";
import { describeContentReport } from "../domain/faq/editors-report/describe-content-report.js";
import { FAQ_CONTENT_DIR, indexContent, loadDictionary, resolveAreas } from "../domain/faq/faq-search.js";
import { importFaqContent } from "../domain/faq/import-faq-content.js";
import { describeLegalRef } from "../domain/faq/legal/describe-legal-ref.js";
import { LEGAL_REGISTRY_FILE, loadLegalRegistry } from "../domain/faq/legal/legal-registry.js";
import { listFaqPhrasings } from "../domain/faq/list-faq-phrasings.js";
import {
  evaluateQuestions,
  formatEvaluationLine,
  parseEvaluationTsv,
} from "../domain/faq/search/evaluate-questions.js";
import {
  type FaqIndex,
  NATIONAL_VIEWER,
  type PeriodAnswer,
  type Viewer,
} from "../domain/faq/search/faq-index.js";
import { type TimeHeading, timeHeading } from "../domain/faq/search/question-date.js";
import { localDateParts } from "../domain/reports/periods.js";
import { createTranslator } from "../i18n/translator.js";
import { systemClock } from "../shared/clock.js";
import { DEFAULT_TIME_ZONE, formatDate } from "../shared/time.js";
import { openAdminDatabase } from "./open-admin-database.js";

const args = process.argv.slice(2);
// `npm run faq -- report` arrives as "search report" (the script runs the search by default).
if (args[0] === "search" && (args[1] === "report" || args[1] === "phrasings")) args.shift();
const [command, ...rest] = args;

function option(name: string): string | undefined {
  const index = rest.indexOf(`--${name}`);
  return index >= 0 ? rest[index + 1] : undefined;
}
const VALUED = new Set(["--date", "--content", "--legal", "--unit"]);
const positional = rest.filter((arg, i) => !arg.startsWith("--") && !VALUED.has(rest[i - 1] ?? ""));

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
  const { entries, errors } = loadFaqContent(option("content") ?? FAQ_CONTENT_DIR);
  if (errors.length > 0) fail(`Nội dung hỏi đáp có lỗi:\n${errors.map((e) => `  • ${e}`).join("\n")}`);
  return entries;
}

function loadRegistry() {
  const { registry, errors } = loadLegalRegistry(option("legal") ?? LEGAL_REGISTRY_FILE);
  if (errors.length > 0)
    fail(`Danh mục văn bản pháp luật có lỗi:\n${errors.map((e) => `  • ${e}`).join("\n")}`);
  return registry;
}

function buildIndex(entries: readonly FaqContentEntry[] = loadContent()) {
  return indexContent(entries);
}

/** An answer's Telegram HTML (<b>, <i> and four entities) as plain text for the terminal. */
function plainText(html: string): string {
  return html
    .replace(/<\/?[bi]>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

async function openDatabase() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env);
  if (!config.ok) fail(formatConfigProblems(config.problems), 2);
  const opened = await openAdminDatabase(config.config.databaseUrl);
  if (!opened.ok) fail(opened.message, 2);
  return opened.db;
}

/**
 * The index and viewer for a search: national content only, or with `--unit CODE` what a person
 * of that unit sees (local entries of the unit and the units above it).
 */
async function searchScope(): Promise<{ index: FaqIndex; viewer: Viewer }> {
  const code = option("unit");
  if (code === undefined) return { index: buildIndex(), viewer: NATIONAL_VIEWER };
  const entries = loadContent();
  const db = await openDatabase();
  try {
    const unit = await db.unit.findUnique({ where: { code } });
    if (!unit) fail(`Không có đơn vị mã "${code}" trong cơ sở dữ liệu.`, 2);
    const areas = await resolveAreas(
      db,
      entries.map((entry) => entry.areaCode),
    );
    return {
      index: indexContent(entries, loadDictionary(), areas),
      viewer: { personId: null, unitPath: unit.path },
    };
  } finally {
    await db.$disconnect();
  }
}

switch (command) {
  case "search": {
    const question = positional.join(" ").trim();
    if (!question)
      fail('Cách dùng: npm run faq -- "<câu hỏi>" [--date YYYY-MM-DD] [--unit MÃ_ĐƠN_VỊ] [--json]', 2);
    const now = dateOption();
    const today = localDateParts(now, DEFAULT_TIME_ZONE);
    const registry = loadRegistry();
    const { index, viewer } = await searchScope();
    const answer = index.ask(question, {
      now,
      timeZone: DEFAULT_TIME_ZONE,
      publicOnly: false,
      viewer,
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
    // The top answer as the bot would give it: the text, its legal basis, where it was read.
    const top = answer.periods[0]?.hits[0]?.entry;
    const translator = createTranslator("vi");
    const legalBasis =
      top?.legalBasis.map((ref) => describeLegalRef(ref, registry, translator, "vi", DEFAULT_TIME_ZONE)) ??
      [];
    if (rest.includes("--json")) {
      console.log(
        JSON.stringify({
          question,
          confidence: first?.confidence,
          hits: first?.hits ?? [],
          dated: answer.dated,
          periods,
          answer: top ? plainText(top.answer) : null,
          legalBasis,
          source: top?.source ?? null,
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
    if (top) {
      console.log(`\n── Câu trả lời (${top.key}): ${top.title}\n${plainText(top.answer)}`);
      if (legalBasis.length > 0)
        console.log(`⚖️ Căn cứ pháp lý:\n${legalBasis.map((line) => `  • ${line}`).join("\n")}`);
      console.log(`📄 Nguồn: ${top.source}`);
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
    const registry = loadRegistry();
    const check = checkFaqContent(entries, registry, { today: dateOption() });
    const list = (lines: readonly string[]) => lines.map((line) => `  • ${line}`).join("\n");
    if (check.errors.length > 0)
      fail(`Nội dung hỏi đáp có lỗi (${check.errors.length}):\n${list(check.errors)}`);
    const topics = new Set(entries.map((entry) => entry.topics[0]));
    console.log(
      `Nội dung hợp lệ: ${entries.length} mục, ${topics.size} chủ đề chính, ${registry.size} văn bản pháp luật.`,
    );
    if (check.warnings.length > 0)
      console.log(`Cần xem lại (${check.warnings.length}):\n${list(check.warnings)}`);
    console.log(`Mục còn ghi 'chưa xác nhận': ${check.unverified.length}`);
    for (const entry of check.unverified) console.log(`  • ${entry.key}: ${entry.reasons.join(" | ")}`);
    break;
  }
  case "import": {
    const entries = loadContent();
    const registry = loadRegistry();
    const db = await openDatabase();
    try {
      const result = await importFaqContent(db, systemClock, entries, registry, {
        personId: null,
        via: "cli",
      });
      console.log(
        `Đã nạp nội dung hỏi đáp: ${result.created.length} mới, ${result.updated.length} cập nhật, ` +
          `${result.unchanged} không đổi, ${result.retired.length} ngừng dùng; văn bản pháp luật: ` +
          `${result.legal.created.length} mới, ${result.legal.updated.length} cập nhật.`,
      );
      for (const key of result.created) console.log(`  + ${key}`);
      for (const key of result.updated) console.log(`  ~ ${key}`);
      for (const key of result.retired) console.log(`  - ${key}`);
      for (const { key, areaCode } of result.unknownAreas)
        console.log(`  ! ${key}: không có đơn vị mã "${areaCode}" — mục này sẽ không được trả lời cho ai`);
      console.log("Bot đang chạy sẽ dùng nội dung mới trong vòng một phút.");
    } finally {
      await db.$disconnect();
    }
    break;
  }
  case "report": {
    const day = option("since");
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day))
      fail(`--since phải có dạng YYYY-MM-DD (nhận được "${day}")`, 2);
    const xlsx = option("xlsx");
    if (rest.includes("--xlsx") && !xlsx) fail("--xlsx cần tên tệp, ví dụ --xlsx bao-cao.xlsx", 2);
    // From the start of that day in Vietnam; by default the last 30 days.
    const since = day
      ? new Date(`${day}T00:00:00+07:00`)
      : new Date(systemClock.now().getTime() - 30 * 24 * 60 * 60_000);
    if (Number.isNaN(since.getTime())) fail(`--since: ngày không có thật "${day}"`, 2);
    const db = await openDatabase();
    try {
      const result = await buildContentReport(db, systemClock, null, { since });
      if (!result.ok) fail("Không lập được báo cáo.");
      console.log(describeContentReport(result.report, DEFAULT_TIME_ZONE));
      if (xlsx) {
        writeFileSync(xlsx, await buildContentReportWorkbook(result.report, DEFAULT_TIME_ZONE));
        console.log(`\nĐã ghi ${xlsx}.`);
      }
    } finally {
      await db.$disconnect();
    }
    break;
  }
  case "phrasings": {
    const db = await openDatabase();
    try {
      const entries = await listFaqPhrasings(db);
      if (entries.length === 0) console.log("Chưa có cách hỏi nào được thêm trong bot.");
      for (const entry of entries) {
        console.log(`${entry.file ?? `${entry.key} (câu trả lời đề xuất, không có tệp)`} — ${entry.title}`);
        console.log("  phrasings:");
        for (const phrasing of entry.phrasings) {
          const by = phrasing.addedBy ? `, ${phrasing.addedBy}` : "";
          const when = formatDate(phrasing.addedAt, "vi", DEFAULT_TIME_ZONE);
          console.log(`    - ${JSON.stringify(phrasing.text)}  # ${when}${by}`);
        }
      }
    } finally {
      await db.$disconnect();
    }
    break;
  }
  default:
    fail("Lệnh: search | eval | check | import | report | phrasings", 2);
}
