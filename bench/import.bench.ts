/**
 * `npm run bench:import [-- --rows 14000] [--only cli,bot,xlsx-bomb,csv-bomb]` — roster imports
 * under live traffic. On a migrated SQLite database with the demo data and a province-sized unit
 * tree (200 communes × 60 hamlets), it
 *
 * - commits a generated roster of `--rows` people (default 14,000) from the command line
 *   (`npm run admin -- import-roster … --commit`, a separate process on the same database file)
 *   and through the bot (the admin sends the file, taps ✅ Nhập), while a hamlet head chats with
 *   the bot (a message every 50 ms, each answered before the next);
 * - sends two bomb files both ways: an .xlsx that inflates to 650,000 rows and a CSV of 1,000,000
 *   rows.
 *
 * For each case it prints how long the import (or the refusal) took, how it ended (exit code or the
 * bot's answer), the chat's slowest and median reply during it, and the peak RSS of the process
 * doing the import; then one JSON line. Each case runs in a fresh process on a fresh copy of the
 * database. Generated files are cached in the system's temp folder (`tlgn-bench-import-files`).
 */
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db, tuneSqlite } from "../src/db/client.js";
import { applyMigrations } from "../src/db/schema-engine.js";
import { seedDemoData } from "../src/db/seed.js";
import { loadFaqContent } from "../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR } from "../src/domain/faq/faq-search.js";
import { importFaqContent } from "../src/domain/faq/import-faq-content.js";
import { loadLegalRegistry } from "../src/domain/faq/legal/legal-registry.js";
import { childPath } from "../src/domain/units/unit-path.js";
import { createTickingClock } from "../test/helpers/fake-clock.js";
// The tests' bot harness and update factories (no vitest in them).
import { createTestBot, type TestBot } from "../test/helpers/test-bot.js";
import { callback, document, textMessage, USERS } from "../test/helpers/updates.js";
import { workbook } from "../test/helpers/zip.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const COMMUNES = 200;
const HAMLETS_PER_COMMUNE = 60;
const CHAT_GAP_MS = 50;
const XLSX_BOMB_ROWS = 650_000;
const CSV_BOMB_ROWS = 1_000_000;
const CASE_TIMEOUT_MS = 10 * 60_000;
const CACHE = join(tmpdir(), "tlgn-bench-import-files");

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1] ?? fallback;
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------
const HEADER = "Họ và tên,Số điện thoại,Vai trò,Đơn vị";
const communeCode = (c: number) => `42-B${String(c + 1).padStart(3, "0")}`;
const hamletCode = (c: number, h: number) => `${communeCode(c)}-${String(h + 1).padStart(2, "0")}`;
const phoneOf = (i: number) => `09${String(10_000_000 + i).padStart(8, "0")}`;

/** One head per new hamlet, then commune officers spread over the communes. */
function rosterCsv(rows: number): string {
  const lines = [HEADER];
  const hamlets = COMMUNES * HAMLETS_PER_COMMUNE;
  for (let i = 0; i < rows; i++) {
    if (i < hamlets) {
      const c = Math.floor(i / HAMLETS_PER_COMMUNE);
      lines.push(
        `Trưởng thôn Số ${i + 1},${phoneOf(i)},Trưởng thôn,${hamletCode(c, i % HAMLETS_PER_COMMUNE)}`,
      );
    } else {
      lines.push(`Cán bộ Số ${i + 1},${phoneOf(i)},Cán bộ xã,${communeCode(i % COMMUNES)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A CSV of a million short rows (~12 MB): every row is a (bad) data row. */
function csvBomb(path: string): void {
  if (existsSync(path)) return;
  const lines = [HEADER];
  for (let i = 0; i < CSV_BOMB_ROWS; i++) lines.push(`A${i % 10},${i % 10},x,y`);
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/**
 * An .xlsx of 8.5 MB — under the bot's 10 MB limit — that inflates to 650,000 rows (about
 * 100 MB of XML): name, phone, role in each row, as a valid workbook every reader opens.
 */
function xlsxBomb(path: string): void {
  if (existsSync(path)) return;
  const strings = ["Họ và tên", "Số điện thoại", "Vai trò", "Đơn vị", "Trưởng thôn"];
  for (let i = 0; i < 50; i++) strings.push(`Nguyễn Văn ${i}`);
  const cell = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
  const rows = [`<row r="1">${cell("A1", 0)}${cell("B1", 1)}${cell("C1", 2)}${cell("D1", 3)}</row>`];
  for (let i = 0; i < XLSX_BOMB_ROWS; i++) {
    const r = i + 2;
    rows.push(
      `<row r="${r}">${cell(`A${r}`, 5 + (i % 50))}<c r="B${r}"><v>${910_000_000 + i}</v></c>${cell(`C${r}`, 4)}</row>`,
    );
  }
  writeFileSync(path, workbook(rows.join(""), strings));
}

// ---------------------------------------------------------------------------------------------
// The database: demo data, the policy Q&A (the chat asks a question), a province of hamlets.
// ---------------------------------------------------------------------------------------------
async function createTemplate(file: string): Promise<void> {
  const url = `file:${file}`;
  await applyMigrations(url);
  const db = createDb(url);
  await tuneSqlite(db);
  const clock = createTickingClock();
  await seedDemoData(db, clock);
  const content = loadFaqContent(FAQ_CONTENT_DIR);
  await importFaqContent(db, clock, content.entries, loadLegalRegistry().registry, {
    personId: null,
    via: "start",
  });
  const province = await db.unit.findUniqueOrThrow({ where: { code: "42" } });
  await db.$transaction(
    async (tx) => {
      for (let c = 0; c < COMMUNES; c++) {
        const commune = await tx.unit.create({
          data: {
            code: communeCode(c),
            name: `Xã Thử ${c + 1}`,
            level: "commune",
            parentId: province.id,
            path: "",
            depth: 1,
          },
        });
        const path = childPath(province.path, commune.id);
        await tx.unit.update({ where: { id: commune.id }, data: { path } });
        const hamlets = await tx.unit.createManyAndReturn({
          data: Array.from({ length: HAMLETS_PER_COMMUNE }, (_, h) => ({
            code: hamletCode(c, h),
            name: `Thôn ${h + 1}`,
            level: "hamlet",
            parentId: commune.id,
            path: "",
            depth: 2,
          })),
          select: { id: true },
        });
        for (const hamlet of hamlets) {
          await tx.unit.update({ where: { id: hamlet.id }, data: { path: childPath(path, hamlet.id) } });
        }
      }
    },
    { timeout: 600_000 },
  );
  await db.$disconnect();
}

// ---------------------------------------------------------------------------------------------
// A case, in its own process
// ---------------------------------------------------------------------------------------------
interface CaseResult {
  case: string;
  /** How the import or refusal ended: "exit 0", or the bot's first line. */
  outcome: string;
  importMs: number;
  chatMaxMs: number;
  chatP50Ms: number;
  chatMessages: number;
  peakRssMb: number;
  note?: string;
}

/**
 * A hamlet head sends a message every 50 ms (the next one when the previous was answered, if
 * that took longer). Latency is counted from when the message was due — time the process spent
 * blocked before it could even start on it counts, as it would for the person.
 */
function startChat(bot: TestBot) {
  const samples: { at: number; ms: number }[] = [];
  let running = true;
  const loop = (async () => {
    let i = 0;
    let due = performance.now();
    while (running) {
      const text = i++ % 2 === 0 ? "menu" : "hộ cận nghèo được hỗ trợ bảo hiểm y tế bao nhiêu";
      await bot.handle(textMessage(USERS.hamletHead, text));
      const done = performance.now();
      samples.push({ at: due, ms: done - due });
      due = Math.max(due + CHAT_GAP_MS, done);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  })();
  return {
    async stop(from: number, to: number) {
      running = false;
      await loop;
      const during = samples
        .filter((sample) => sample.at + sample.ms >= from && sample.at <= to)
        .map((sample) => sample.ms)
        .sort((a, b) => a - b);
      return {
        chatMaxMs: Math.round(during.at(-1) ?? 0),
        chatP50Ms: Math.round(during[Math.floor(during.length / 2)] ?? 0),
        chatMessages: during.length,
      };
    },
  };
}

/** The admin CLI as a separate process; its peak RSS read from /proc while it runs. */
function runCli(args: string[], databaseUrl: string) {
  return new Promise<{ code: number | null; ms: number; peakRssMb: number; out: string; err: string }>(
    (resolve) => {
      const start = performance.now();
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/admin.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => {
        if (out.length < 20_000) out += String(chunk);
      });
      child.stderr.on("data", (chunk) => {
        if (err.length < 20_000) err += String(chunk);
      });
      let peakKb = 0;
      const sample = setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
          peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        } catch {
          // gone
        }
      }, 25);
      child.on("exit", (code) => {
        clearInterval(sample);
        resolve({ code, ms: performance.now() - start, peakRssMb: Math.round(peakKb / 1024), out, err });
      });
    },
  );
}

/** Waits until the bot has said something to the admin matching `pattern` since `from` calls. */
async function waitForText(bot: TestBot, from: number, pattern: RegExp, timeoutMs = CASE_TIMEOUT_MS) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = bot.calls
      .slice(from)
      .filter((call) => call.method === "sendMessage" || call.method === "editMessageText")
      .filter((call) => String(call.payload.chat_id) === String(USERS.admin.id))
      .map((call) => String(call.payload.text))
      .find((text) => pattern.test(text));
    if (found !== undefined) return found;
    if (performance.now() > deadline) return "(no answer)";
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function newestButton(bot: TestBot, label: string): string | undefined {
  for (const call of [...bot.calls].reverse()) {
    const markup = call.payload.reply_markup as
      | { inline_keyboard?: { text: string; callback_data?: string }[][] }
      | undefined;
    const found = markup?.inline_keyboard?.flat().find((button) => button.text.includes(label));
    if (found?.callback_data) return found.callback_data;
  }
  return undefined;
}

const firstLine = (text: string) =>
  text
    .replace(/<[^>]+>/g, "")
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.slice(0, 140) ?? "";

/** What the command printed first (its message), and whether a stack trace came with it. */
const firstLines = (text: string) => {
  const lines = text.trim().split("\n");
  const stack = lines.some((line) => /^\s+at /.test(line)) ? " [raw stack trace printed]" : "";
  return `${lines.slice(0, 2).join(" ⏎ ").slice(0, 240)}${stack}`;
};

async function runCase(name: string, dbFile: string, file: string): Promise<CaseResult> {
  const url = `file:${dbFile}`;
  const db: Db = createDb(url);
  await tuneSqlite(db);
  const bot = createTestBot({ db, clock: createTickingClock() });
  // Warm up: the bot's first answers load the Q&A index and forms.
  await bot.handle(textMessage(USERS.hamletHead, "menu"));
  await bot.handle(textMessage(USERS.hamletHead, "hộ cận nghèo được hỗ trợ bảo hiểm y tế bao nhiêu"));
  const chat = startChat(bot);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const fileName = file.slice(file.lastIndexOf("/") + 1);
  let result: CaseResult;
  try {
    if (name.startsWith("cli")) {
      const commit = name === "cli-commit";
      const args = ["import-roster", file, ...(commit ? ["--commit", "--keep-both-heads"] : [])];
      const from = performance.now();
      const run = await runCli(args, url);
      const stats = await chat.stop(from, performance.now());
      result = {
        case: name,
        outcome: `exit ${run.code}`,
        importMs: Math.round(run.ms),
        ...stats,
        peakRssMb: run.peakRssMb,
        note: firstLines(run.err.trim() !== "" ? run.err : run.out),
      };
    } else {
      const data = readFileSync(file);
      bot.putFile("import", data);
      let mark = bot.calls.length;
      const from = performance.now();
      await bot.handle(document(USERS.admin, "import", fileName, data.length));
      let answer = await waitForText(bot, mark, /./);
      let importMs = performance.now() - from;
      let note = `answered in ${Math.round(importMs)} ms: ${firstLine(answer)}`;
      const confirm = name === "bot-commit" ? newestButton(bot, "Nhập") : undefined;
      if (confirm) {
        mark = bot.calls.length;
        const start = performance.now();
        await bot.handle(callback(USERS.admin, confirm));
        answer = await waitForText(bot, mark, /Đã nhập xong|Không nhập|Chưa nhập|không thành|lỗi|Lỗi/);
        importMs = performance.now() - start;
        note = `dry run ${note.replace("answered in ", "")}`;
      }
      const stats = await chat.stop(from, performance.now());
      result = {
        case: name,
        outcome: firstLine(answer),
        importMs: Math.round(importMs),
        ...stats,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        note,
      };
    }
  } finally {
    await chat.stop(0, 0).catch(() => undefined);
  }
  if (name.endsWith("commit")) {
    const people = await db.person.count();
    result.note = `${result.note ?? ""} · people in the database afterwards: ${people}`;
  }
  await db.$disconnect();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
const scenario = option("scenario", "");
if (scenario !== "") {
  const result = await runCase(scenario, option("db", ""), option("file", ""));
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

const rows = Number(option("rows", "14000"));
const only = option("only", "cli,bot,xlsx-bomb,csv-bomb").split(",");
mkdirSync(CACHE, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "tlgn-bench-import-"));
try {
  const started = performance.now();
  const template = join(work, "template.db");
  await createTemplate(template);
  const roster = join(work, `danh-sach-${rows}.csv`);
  writeFileSync(roster, rosterCsv(rows));
  const xlsx = join(CACHE, `bomb-${XLSX_BOMB_ROWS}-rows.xlsx`);
  const csv = join(CACHE, `bomb-${CSV_BOMB_ROWS}.csv`);
  if (only.includes("xlsx-bomb")) xlsxBomb(xlsx);
  if (only.includes("csv-bomb")) csvBomb(csv);
  const size = (path: string) => `${(readFileSync(path).length / 2 ** 20).toFixed(1)} MB`;
  console.error(
    `setup ${Math.round((performance.now() - started) / 1000)} s: ${COMMUNES * HAMLETS_PER_COMMUNE} hamlets; ` +
      `roster ${rows} rows (${size(roster)})` +
      (only.includes("xlsx-bomb") ? `; xlsx bomb ${size(xlsx)}` : "") +
      (only.includes("csv-bomb") ? `; csv bomb ${size(csv)}` : ""),
  );

  const cases: [string, string][] = [];
  if (only.includes("cli")) cases.push(["cli-commit", roster]);
  if (only.includes("bot")) cases.push(["bot-commit", roster]);
  if (only.includes("xlsx-bomb")) cases.push(["cli-xlsx-bomb", xlsx], ["bot-xlsx-bomb", xlsx]);
  if (only.includes("csv-bomb")) cases.push(["cli-csv-bomb", csv], ["bot-csv-bomb", csv]);
  const results: CaseResult[] = [];
  for (const [name, file] of cases) {
    const copy = join(work, `${name}.db`);
    copyFileSync(template, copy);
    const output = await new Promise<string>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", fileURLToPath(import.meta.url), "--scenario", name, "--db", copy, "--file", file],
        { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
      );
      let text = "";
      child.stdout.on("data", (chunk) => {
        text += String(chunk);
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), CASE_TIMEOUT_MS);
      child.on("exit", () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    const line = output.split("\n").find((l) => l.startsWith("RESULT "));
    const result: CaseResult = line
      ? (JSON.parse(line.slice(7)) as CaseResult)
      : {
          case: name,
          outcome: "crashed",
          importMs: 0,
          chatMaxMs: 0,
          chatP50Ms: 0,
          chatMessages: 0,
          peakRssMb: 0,
          note: output.slice(-300),
        };
    results.push(result);
    console.log(
      `${result.case.padEnd(14)} ${String(result.importMs).padStart(6)} ms  ${result.outcome.slice(0, 70).padEnd(70)} ` +
        `chat max ${result.chatMaxMs} ms, p50 ${result.chatP50Ms} ms (${result.chatMessages} msgs)  peak RSS ${result.peakRssMb} MB` +
        (result.note ? `\n${" ".repeat(16)}${result.note}` : ""),
    );
  }
  console.log(JSON.stringify({ rows, results }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
