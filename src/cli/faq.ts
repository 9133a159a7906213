/**
 * Policy Q&A tools:
 *   npm run faq -- "<question>" [--date YYYY-MM-DD] [--json]   ranked entries for a question
 *   npm run eval:faq -- <file.tsv> [--date YYYY-MM-DD]         top-1 / top-3 accuracy on a TSV
 *   npm run content:check                                       validates content/faq
 *   npm run content:import                                      loads content/faq into the database
 * Search and evaluation read the content files directly (no database needed).
 */
import { existsSync, readFileSync } from "node:fs";
import { formatConfigProblems, loadConfig } from "../config.js";
import { loadFaqContent } from "../domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR, loadDictionary } from "../domain/faq/faq-search.js";
import { importFaqContent } from "../domain/faq/import-faq-content.js";
import { FaqIndex } from "../domain/faq/search/faq-index.js";
import { systemClock } from "../shared/clock.js";
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
  return new Date(`${value}T12:00:00+07:00`);
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
  return FaqIndex.build(
    entries.map((entry, i) => ({ ...entry, id: i + 1 })),
    loadDictionary(),
  );
}

switch (command) {
  case "search": {
    const question = positional.join(" ").trim();
    if (!question) fail('Cách dùng: npm run faq -- "<câu hỏi>" [--date YYYY-MM-DD] [--json]', 2);
    const result = buildIndex().query(question, { on: dateOption(), publicOnly: false, limit: 10 });
    const rows = result.hits.map((hit) => ({
      id: hit.entry.key,
      topics: hit.entry.topics,
      score: Number(hit.score.toFixed(3)),
      coverage: Number(hit.coverage.toFixed(2)),
      title: hit.entry.title,
    }));
    if (rest.includes("--json"))
      console.log(JSON.stringify({ question, confidence: result.confidence, hits: rows }));
    else {
      console.log(`Độ tin cậy: ${result.confidence}`);
      for (const row of rows) {
        console.log(
          `${row.score.toFixed(2).padStart(7)}  ${row.id}  [${row.topics.join(",")}]  ${row.title}`,
        );
      }
      if (rows.length === 0) console.log("Không có kết quả.");
    }
    break;
  }
  case "eval": {
    const file = positional[0];
    if (!file || !existsSync(file)) fail("Cách dùng: npm run eval:faq -- <tệp.tsv> [--date YYYY-MM-DD]", 2);
    const index = buildIndex();
    const on = dateOption();
    const lines = readFileSync(file, "utf8")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "");
    const header = (lines.shift() ?? "").split("\t").map((h) => h.trim().toLowerCase());
    const qCol = header.indexOf("question");
    const tCol = header.indexOf("topics");
    if (qCol < 0 || tCol < 0) fail("Tệp TSV cần hai cột: question và topics", 2);
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const line of lines) {
      const cells = line.split("\t");
      const question = cells[qCol] ?? "";
      const expected = new Set(
        (cells[tCol] ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      );
      const { hits } = index.query(question, { on, publicOnly: false, limit: 3 });
      const matches = hits.map((hit) => hit.entry.topics.some((topic) => expected.has(topic)));
      if (matches[0]) top1 += 1;
      if (matches.some(Boolean)) top3 += 1;
      if (!matches[0]) {
        const got =
          hits.map((hit) => `${hit.entry.key}[${hit.entry.topics.join(",")}]`).join(" | ") || "(không có)";
        misses.push(
          `${matches.some(Boolean) ? "top3" : "MISS"}  ${question}\n        cần ${[...expected].join(",")} — được ${got}`,
        );
      }
    }
    const n = lines.length;
    if (misses.length > 0) console.log(`Sai ở hạng 1 (${misses.length}):\n${misses.join("\n")}\n`);
    console.log(`top1=${(top1 / n).toFixed(2)} top3=${(top3 / n).toFixed(2)} n=${n}`);
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
