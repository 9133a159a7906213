/**
 * `npm run bench:updates [-- --chats 200] [--rate 300] [--db sqlite|postgres]
 * [--form review-progress|policy-delivery] [--warmup 10] [--in-flight 16]` (or BENCH_CHATS,
 * BENCH_RATE, BENCH_DB, BENCH_FORM, BENCH_WARMUP, BENCH_IN_FLIGHT) — update throughput and
 * latency of the whole bot, in-process: N concurrent chats (default 200) each fill and send a
 * report form against a real database, set up as `npm start` does (migrated in a child process,
 * the demo data, the policy Q&A), through the same `createBot` as production with a fake Bot API
 * `fetch` (no network). Each chat's updates are handled one after another, all chats at once.
 *
 * Two runs, each with chats of its own: flat out — every chat sends its next update as soon as
 * the last one is handled, so updates/s is the bot's capacity (its latency is mostly waiting
 * behind the other chats, ≈ chats ÷ updates/s) — then paced at `--rate` updates/s offered by the
 * chats together (default 300; 0 skips it): the p50/p95/p99 latency of `bot.handleUpdate` at
 * that load. Each prints the CPU time per update and the RSS; a bare grammY bot that only echoes
 * gives the ceiling. Then the targets, met or missed, and a final JSON line.
 *
 * `--in-flight N` (BENCH_IN_FLIGHT) handles at most N updates at once, the others waiting their
 * turn (the wait counts in their latency), as the app does; the default is the app's
 * (UPDATE_CONCURRENCY, 16), and 0 bounds nothing.
 *
 * `--db postgres` runs on a new database on the server of BENCH_PG_URL, or on a throwaway
 * cluster (see bench-database.ts). `--cpu-profile run.cpuprofile` writes a V8 CPU profile of the
 * flat-out run (`node bench/summarize-profile.mjs run.cpuprofile` lists where the time went).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { Bot } from "grammy";
import type { InlineKeyboardButton, Update, User, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import type { BotDeps } from "../src/bot/context.js";
import { createBot } from "../src/bot/create-bot.js";
import { DEFAULT_UPDATE_CONCURRENCY } from "../src/config.js";
import { applyMigrationsInChildProcess } from "../src/db/apply-migrations-in-child-process.js";
import { createDb, type Db, tuneSqlite } from "../src/db/client.js";
import { createConversationStore } from "../src/db/conversation-store.js";
import { seedDemoData } from "../src/db/seed.js";
import { loadFaqContent } from "../src/domain/faq/content/faq-file.js";
import { createFaqSearch, FAQ_CONTENT_DIR } from "../src/domain/faq/faq-search.js";
import { importFaqContent } from "../src/domain/faq/import-faq-content.js";
import { loadLegalRegistry } from "../src/domain/faq/legal/legal-registry.js";
import { createFormCatalog } from "../src/domain/reports/form-catalog.js";
import type { FormField } from "../src/domain/reports/form-definition.js";
import { type Answers, nextField } from "../src/domain/reports/form-engine.js";
import type { AnswerValue } from "../src/domain/reports/parse-input.js";
import { childPath } from "../src/domain/units/unit-path.js";
import { createTranslator } from "../src/i18n/translator.js";
import type { Clock } from "../src/shared/clock.js";
import { systemClock } from "../src/shared/clock.js";
import { escapeHtml } from "../src/shared/html.js";
import { SIMULATED_BOT } from "../src/simulator/simulator-store.js";
// The same update factories as the tests (no vitest in them).
import { callback, command, textMessage } from "../test/helpers/updates.js";
import { openBenchDatabase, parseDatabaseKind } from "./bench-database.js";

const TOKEN = "7000000001:bench-token";
const BOT_INFO: UserFromGetMe = SIMULATED_BOT;
/** How Telegram shows the bot as the sender of its messages. */
const BOT_AS_SENDER = {
  id: BOT_INFO.id,
  is_bot: true,
  first_name: BOT_INFO.first_name,
  username: BOT_INFO.username,
};
const NOW = "2026-11-22T09:00:00+07:00"; // a Sunday inside the review season (01/9 – 14/12)
const TIME_ZONE = "Asia/Ho_Chi_Minh";
const FIRST_USER_ID = 720_000_001;
const TARGETS = { updatesPerSecond: 300, p99Ms: 100, peakRssMb: 250 };

// ---------------------------------------------------------------------------------------------
// Options: `--chats N`, `--chats=N` or a bare number, else BENCH_CHATS; the same for form, warmup, rate.
// ---------------------------------------------------------------------------------------------
function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const bare: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === `--${name}`) return args[i + 1] ?? fallback;
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
    if (arg.startsWith("--")) {
      if (!arg.includes("=")) i += 1; // skip the flag's value
    } else bare.push(arg);
  }
  const number = bare.find((arg) => /^\d+$/.test(arg));
  if (name === "chats" && number) return number;
  return process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}

const CHATS = Number(option("chats", "200"));
const FORM_KEY = option("form", "review-progress");
const RATE = Number(option("rate", String(TARGETS.updatesPerSecond)));
const DB_KIND = parseDatabaseKind(option("db", "sqlite"));
/** Where to write a CPU profile of the flat-out run (Chrome DevTools / summarize-profile.mjs). */
const PROFILE = option("cpu-profile", "");
/** Updates handled at once, as the app bounds them (UPDATE_CONCURRENCY's default; 0: no bound). */
const IN_FLIGHT = Number(option("in-flight", String(DEFAULT_UPDATE_CONCURRENCY)));
const WARMUP_CHATS = Number(option("warmup", String(Math.min(10, Math.max(1, Math.floor(CHATS / 10))))));
if (
  !Number.isInteger(CHATS) ||
  CHATS < 1 ||
  !Number.isInteger(WARMUP_CHATS) ||
  WARMUP_CHATS < 0 ||
  !(RATE >= 0) ||
  !Number.isInteger(IN_FLIGHT) ||
  IN_FLIGHT < 0 ||
  !DB_KIND
) {
  console.error(
    "usage: npm run bench:updates -- [--chats N] [--rate UPDATES_PER_S] [--db sqlite|postgres] [--form KEY] [--warmup N] [--in-flight N]",
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// What each hamlet head answers: realistic, consistent numbers (the forms' cross checks hold).
// ---------------------------------------------------------------------------------------------
type Reply = { text: string; value: AnswerValue } | { choice: string; value: AnswerValue } | { skip: true };

function reviewProgressAnswers(i: number): Record<string, Reply> {
  const listed = 60 + ((i * 37) % 240);
  const poorAtStart = Math.floor(listed * (0.08 + (i % 7) / 100));
  const surveyed = listed - (i % 11);
  const proposedPoor = Math.floor(surveyed * 0.07);
  const num = (n: number): Reply => ({ text: String(n), value: n });
  return {
    households_listed: num(listed),
    poor_at_start: num(poorAtStart),
    households_surveyed: num(surveyed),
    proposed_poor: num(proposedPoor),
    proposed_near_poor: num(Math.floor(surveyed * 0.09)),
    proposed_exit_poor: num(Math.max(0, poorAtStart - proposedPoor)),
    meeting_held: { choice: "yes", value: true },
    meeting_date: { text: "hôm qua", value: "yesterday" },
    agreement_rate: { text: `${70 + (i % 30)},5`, value: 70.5 + (i % 30) },
    minutes_sent: { choice: "yes", value: true },
    list_posted: { choice: i % 3 === 0 ? "no" : "yes", value: i % 3 !== 0 },
    difficulties:
      i % 2 === 0
        ? { skip: true }
        : { text: "Một số hộ đi làm ăn xa, chưa gặp được để chấm điểm.", value: "text" },
  };
}

function policyDeliveryAnswers(i: number): Record<string, Reply> {
  const num = (n: number): Reply => ({ text: String(n), value: n });
  const housing = i % 4;
  return {
    bhyt_poor: num(10 + (i % 40)),
    bhyt_near_poor: num(5 + (i % 25)),
    loan_households: num(1 + (i % 6)),
    loan_amount: { text: `${100 + (i % 9) * 50}`, value: 100 + (i % 9) * 50 },
    housing_households: num(housing),
    houses_completed: num(Math.max(0, housing - 1)),
    students_supported: i % 2 === 0 ? { skip: true } : num(3 + (i % 10)),
    notes: { skip: true },
  };
}

const PLANS: Record<string, (i: number) => Record<string, Reply>> = {
  "review-progress": reviewProgressAnswers,
  "policy-delivery": policyDeliveryAnswers,
};
const plan = PLANS[FORM_KEY];
if (!plan) {
  console.error(`unknown form "${FORM_KEY}"; one of: ${Object.keys(PLANS).join(", ")}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// A fake Bot API: answers like Telegram would, remembers per chat what the bot showed last.
// ---------------------------------------------------------------------------------------------
interface ChatView {
  /** Texts sent or edited since the driver last looked. */
  texts: string[];
  /** The newest inline keyboard and the message carrying it. */
  keyboard: InlineKeyboardButton[][] | undefined;
  keyboardMessageId: number;
}

function createFakeApi() {
  const chats = new Map<number, ChatView>();
  const methods = new Map<string, number>();
  let nextMessageId = 1;
  const view = (chatId: number) => {
    let found = chats.get(chatId);
    if (!found) {
      found = { texts: [], keyboard: undefined, keyboardMessageId: 0 };
      chats.set(chatId, found);
    }
    return found;
  };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    methods.set(method, (methods.get(method) ?? 0) + 1);
    const body = init?.body;
    const payload = (typeof body === "string" ? JSON.parse(body) : {}) as Record<string, unknown>;
    const chatId = Number(payload.chat_id);
    const chat = { id: chatId, type: "private", first_name: "Bench" };
    const date = Math.floor(Date.now() / 1000);
    let result: unknown = true;
    if (method === "sendMessage" || method === "editMessageText" || method === "editMessageReplyMarkup") {
      const messageId = method === "sendMessage" ? nextMessageId++ : Number(payload.message_id);
      const shown = view(chatId);
      if (typeof payload.text === "string") shown.texts.push(payload.text);
      const markup = payload.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined;
      if (markup?.inline_keyboard) {
        shown.keyboard = markup.inline_keyboard;
        shown.keyboardMessageId = messageId;
      }
      result = { message_id: messageId, date, chat, from: BOT_AS_SENDER, text: payload.text };
    } else if (method === "sendDocument" || method === "sendPhoto") {
      result = { message_id: nextMessageId++, date, chat, from: BOT_AS_SENDER };
    } else if (method === "getMe") {
      result = BOT_INFO;
    }
    return Response.json({ ok: true, result });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    methods,
    view,
    /** What the bot sent to the chat since the last call, and its newest keyboard. */
    take(chatId: number) {
      const shown = view(chatId);
      const texts = shown.texts;
      shown.texts = [];
      return { texts, keyboard: shown.keyboard, messageId: shown.keyboardMessageId };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Updates as Telegram sends them.
// ---------------------------------------------------------------------------------------------
function userOf(index: number): User {
  return {
    id: FIRST_USER_ID + index,
    is_bot: false,
    first_name: `Trưởng thôn ${index + 1}`,
    language_code: "vi",
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring.
// ---------------------------------------------------------------------------------------------
/** Runs at most `limit` tasks at once (0: any number), the others in turn as slots free. */
function limiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A freed slot passes straight to the first waiter, so no newcomer can slip in before it.
    if (limit > 0 && running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface RunResult {
  chats: number;
  updates: number;
  seconds: number;
  updatesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Process CPU time per update (all threads): the cost on a busy machine, where wall time lies. */
  cpuMsPerUpdate: number;
  /** RSS when the run started (the process after setup and warm-up). */
  startRssMb: number;
  peakRssMb: number;
}

/**
 * Runs every chat's script concurrently; `timed(update)` handles one update and records its
 * latency. Unpaced (`rate` 0) each chat sends its next update as soon as the last one is handled;
 * paced, each chat sends on a schedule (evenly spread over the chats) so that all of them together
 * offer `rate` updates/s — later if the previous update is still being handled.
 */
async function measure(
  chats: number,
  script: (chat: number, timed: (update: Update) => Promise<void>) => Promise<void>,
  handle: (update: Update) => Promise<void>,
  rate = 0,
): Promise<RunResult> {
  const latencies: number[] = [];
  const slots = limiter(IN_FLIGHT);
  const periodMs = rate > 0 ? (chats * 1000) / rate : 0;
  const begin = performance.now();
  const timedFor = (chat: number) => {
    let sent = 0;
    return async (update: Update) => {
      if (periodMs > 0) {
        const due = begin + (chat / chats) * periodMs + sent * periodMs;
        sent += 1;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const start = performance.now();
      await slots(() => handle(update));
      latencies.push(performance.now() - start);
    };
  };
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    await Promise.all(Array.from({ length: chats }, (_, chat) => script(chat, timedFor(chat))));
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  latencies.sort((a, b) => a - b);
  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  return {
    chats,
    updates: latencies.length,
    seconds: round(seconds, 2),
    updatesPerSecond: round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50), 2),
    p95Ms: round(percentile(latencies, 95), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies.at(-1) ?? 0, 2),
    cpuMsPerUpdate: round((cpu.user + cpu.system) / 1000 / latencies.length, 3),
    startRssMb: round(startRss / 2 ** 20),
    peakRssMb: round(peakRss / 2 ** 20),
  };
}

function describe(label: string, r: RunResult): string {
  return (
    `${label.padEnd(20)} ${r.updates} updates from ${r.chats} chats in ${r.seconds} s: ` +
    `${r.updatesPerSecond} updates/s, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, ` +
    `CPU ${r.cpuMsPerUpdate} ms/update, ` +
    `RSS ${r.startRssMb} MB at the start, peak ${r.peakRssMb} MB`
  );
}

/** The V8 profiler of this process, for one run (`--cpu-profile`). */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Setup: a migrated temporary database with the demo data, one commune and one hamlet head with
// a linked Telegram account per chat (measured and warm-up chats).
// ---------------------------------------------------------------------------------------------
async function createHamletHeads(db: Db, count: number): Promise<number[]> {
  return db.$transaction(
    async (tx) => {
      const province = await tx.unit.findUniqueOrThrow({ where: { code: "42" } });
      const communeRow = await tx.unit.create({
        data: {
          code: "42-BENCH",
          name: "Xã Thử Tải",
          level: "commune",
          parentId: province.id,
          path: "",
          depth: 1,
        },
      });
      const communePath = childPath(province.path, communeRow.id);
      await tx.unit.update({ where: { id: communeRow.id }, data: { path: communePath } });
      const personIds: number[] = [];
      for (let i = 0; i < count; i++) {
        const number = String(i + 1).padStart(3, "0");
        const hamlet = await tx.unit.create({
          data: {
            code: `42-BENCH-${number}`,
            name: `Thôn ${number}`,
            level: "hamlet",
            parentId: communeRow.id,
            path: "",
            depth: 2,
          },
        });
        await tx.unit.update({ where: { id: hamlet.id }, data: { path: childPath(communePath, hamlet.id) } });
        const user = userOf(i);
        const person = await tx.person.create({
          data: {
            fullName: `Trưởng thôn ${number}`,
            phone: `+849130${String(i + 1).padStart(5, "0")}`,
            role: "hamlet_head",
            title: "Trưởng thôn",
            unitId: hamlet.id,
            accounts: {
              create: {
                channel: "telegram",
                externalId: String(user.id),
                chatId: String(user.id),
                displayName: user.first_name,
                linkedAt: new Date(NOW),
              },
            },
          },
        });
        personIds.push(person.id);
      }
      return personIds;
    },
    { timeout: 60_000 },
  );
}

const database = await openBenchDatabase(DB_KIND, "bench-updates");
/** Hamlet heads by index: the flat-out run's, the warm-up's, then the paced run's. */
const PACED_FROM = CHATS + WARMUP_CHATS;
let db: Db | undefined;
try {
  const setupStart = performance.now();
  // As `npm start` does: migrated in a child process (the schema engine's memory stays out of
  // this one), the demo data and the policy Q&A (the bot keeps its search index in memory).
  await applyMigrationsInChildProcess(database.url);
  db = createDb(database.url);
  await tuneSqlite(db);
  await seedDemoData(db, systemClock);
  const faqContent = loadFaqContent(FAQ_CONTENT_DIR);
  if (faqContent.errors.length > 0) throw new Error(faqContent.errors.join("\n"));
  await importFaqContent(db, systemClock, faqContent.entries, loadLegalRegistry().registry, {
    personId: null,
    via: "start",
  });
  const personIds = await createHamletHeads(db, PACED_FROM + (RATE > 0 ? CHATS : 0));

  const translator = createTranslator("vi");
  const clock: Clock = { now: () => new Date(NOW) };
  let logged = 0;
  const logger = pino(
    { level: "warn" },
    {
      write(line: string) {
        logged += 1;
        if (logged <= 3) process.stderr.write(line);
      },
    },
  );
  const deps: BotDeps = {
    channel: "telegram",
    db,
    clock,
    translator,
    logger,
    timeZone: TIME_ZONE,
    defaultLocale: "vi",
    conversationStorage: createConversationStore(db, clock),
    faq: createFaqSearch(db),
    forms: createFormCatalog(db),
  };
  const faqEntries = await deps.faq.size(); // the index is built before the run
  const form = (await deps.forms.byKey(FORM_KEY))?.definition;
  if (!form) throw new Error(`form ${FORM_KEY} not found in content/forms`);
  const api = createFakeApi();
  const bot = createBot(TOKEN, deps, { botInfo: BOT_INFO, fetch: api.fetch });
  await bot.init();
  const sendLabel = translator.t("vi", "rp-button-send");
  const setupRssMb = Number((process.memoryUsage().rss / 2 ** 20).toFixed(1));
  console.log(
    `setup: ${((performance.now() - setupStart) / 1000).toFixed(1)} s on ${database.label} — ` +
      `${CHATS} hamlet heads flat out` +
      (RATE > 0 ? ` and ${CHATS} paced at ${RATE} updates/s` : "") +
      ` (+${WARMUP_CHATS} for warm-up)` +
      (IN_FLIGHT > 0 ? `, at most ${IN_FLIGHT} updates in flight` : "") +
      `, ${faqEntries} FAQ entries, form "${form.title}"; ` +
      `RSS ${setupRssMb} MB (migrated in a child process)`,
  );

  /** Updates each chat sent, so that the echo bot gets the same number. */
  const sentBy = new Map<number, number>();

  /** One hamlet head: /baocao, pick the form, answer every question, send. */
  const fillReport = async (index: number, handle: (update: Update) => Promise<void>) => {
    const user = userOf(index);
    const timed = (update: Update) => {
      sentBy.set(index, (sentBy.get(index) ?? 0) + 1);
      return handle(update);
    };
    const answers = plan(index);
    const fail = (what: string, texts: string[]): never => {
      throw new Error(`chat ${index}: ${what}; the bot said: ${JSON.stringify(texts.slice(-3))}`);
    };
    const findButton = (keyboard: InlineKeyboardButton[][] | undefined, test: (data: string) => boolean) =>
      keyboard
        ?.flat()
        .map((button) => ("callback_data" in button ? button.callback_data : undefined))
        .find((data): data is string => data !== undefined && test(data));

    await timed(command(user, "baocao"));
    let shown = api.take(user.id);
    const pick = findButton(shown.keyboard, (data) => data === `rp:new:${FORM_KEY}`);
    if (!pick) fail(`no button for ${FORM_KEY}`, shown.texts);
    await timed(callback(user, pick as string, shown.messageId));
    shown = api.take(user.id);

    const given: Answers = {};
    for (let field = nextField(form, given); field; field = nextField(form, given)) {
      const question = shown.texts.at(-1) ?? "";
      if (!question.includes(escapeHtml(field.label)))
        fail(`expected the question "${field.key}"`, shown.texts);
      const reply = answers[field.key];
      if (!reply) throw new Error(`no planned answer for ${field.key}`);
      const promptData = findButton(shown.keyboard, (data) => data.startsWith("rpf:"));
      const promptId = promptData?.split(":")[1];
      if (!promptId) fail(`no buttons on the question "${field.key}"`, shown.texts);
      await timed(answerUpdate(user, field, reply, `rpf:${promptId}`, shown.messageId));
      given[field.key] = "skip" in reply ? null : reply.value;
      shown = api.take(user.id);
    }

    const summary = shown.texts.at(-1) ?? "";
    const send = shown.keyboard
      ?.flat()
      .find((button) => button.text.endsWith(sendLabel) && "callback_data" in button);
    if (!send || !("callback_data" in send) || !summary.includes(escapeHtml(form.title))) {
      fail("no summary with a send button", shown.texts);
    }
    await timed(callback(user, (send as { callback_data: string }).callback_data, shown.messageId));
    shown = api.take(user.id);
    if (!shown.texts.some((text) => text.startsWith("✅"))) fail("the report was not confirmed", shown.texts);
  };

  const answerUpdate = (user: User, field: FormField, reply: Reply, prefix: string, messageId: number) => {
    if ("skip" in reply) return callback(user, `${prefix}:nav:skip`, messageId);
    if ("choice" in reply) return callback(user, `${prefix}:c:${reply.choice}`, messageId);
    if (field.type === "yes_no" || field.type === "single_choice") {
      throw new Error(`${field.key} needs a button`);
    }
    return textMessage(user, reply.text);
  };

  // Warm-up (not measured): separate hamlet heads, so the JIT, Prisma and the form catalog are warm.
  if (WARMUP_CHATS > 0) {
    await measure(
      WARMUP_CHATS,
      (chat, timed) => fillReport(CHATS + chat, timed),
      (u) => bot.handleUpdate(u),
    );
  }
  const profiler = PROFILE ? await startProfiler() : undefined;
  const run = await measure(CHATS, fillReport, (update) => bot.handleUpdate(update));
  if (profiler) console.log(`CPU profile of the flat-out run: ${await profiler.stop(PROFILE)}`);
  console.log(describe("bot, flat out", run));
  const paced =
    RATE > 0
      ? await measure(
          CHATS,
          (chat, timed) => fillReport(PACED_FROM + chat, timed),
          (update) => bot.handleUpdate(update),
          RATE,
        )
      : undefined;
  if (paced) console.log(describe(`bot, ${RATE}/s offered`, paced));

  const measured = [...personIds.slice(0, CHATS), ...personIds.slice(PACED_FROM)];
  const submitted = await db.report.count({
    where: { personId: { in: measured }, status: "submitted", form: { key: FORM_KEY } },
  });
  console.log(`reports submitted by the measured chats: ${submitted}/${measured.length}`);
  console.log(`Bot API calls, warm-up included: ${JSON.stringify(Object.fromEntries(api.methods))}`);
  if (submitted !== measured.length) {
    throw new Error(`only ${submitted} of ${measured.length} reports were submitted`);
  }
  if (logged > 0) throw new Error(`the bot logged ${logged} warnings or errors (first ones above)`);

  // The ceiling: a bare grammY bot that echoes, same fake Bot API, same chats and updates.
  const echoApi = createFakeApi();
  const echo = new Bot(TOKEN, { botInfo: BOT_INFO, client: { fetch: echoApi.fetch } });
  echo.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  const echoScript = async (index: number, timed: (update: Update) => Promise<void>) => {
    const user = userOf(index);
    const count = sentBy.get(index) ?? 0;
    for (let i = 0; i < count; i++) await timed(textMessage(user, `Tin nhắn số ${i + 1}`));
  };
  await measure(
    WARMUP_CHATS,
    (chat, timed) => echoScript(CHATS + chat, timed),
    (u) => echo.handleUpdate(u),
  );
  const echoRun = await measure(CHATS, echoScript, (update) => echo.handleUpdate(update));
  console.log(describe("echo (ceiling)", echoRun));

  const peakRssMb = Math.max(run.peakRssMb, paced?.peakRssMb ?? 0);
  const targets = {
    updatesPerSecond: {
      target: TARGETS.updatesPerSecond,
      met: run.updatesPerSecond >= TARGETS.updatesPerSecond,
    },
    // The latency at the target load; flat out, it is mostly the queue behind the other chats.
    p99Ms: {
      target: TARGETS.p99Ms,
      met: paced !== undefined && RATE >= TARGETS.updatesPerSecond && paced.p99Ms < TARGETS.p99Ms,
    },
    peakRssMb: { target: TARGETS.peakRssMb, met: peakRssMb < TARGETS.peakRssMb },
  };
  const mark = (met: boolean) => (met ? "met" : "MISSED");
  console.log(
    `targets (${database.kind}, ${CHATS} chats): ` +
      `≥ ${TARGETS.updatesPerSecond} updates/s flat out ${mark(targets.updatesPerSecond.met)} (${run.updatesPerSecond}), ` +
      (paced
        ? `p99 < ${TARGETS.p99Ms} ms at ${RATE}/s ${mark(targets.p99Ms.met)} (${paced.p99Ms} ms), `
        : `p99 at ${TARGETS.updatesPerSecond}/s not measured (--rate 0), `) +
      `peak RSS < ${TARGETS.peakRssMb} MB ${mark(targets.peakRssMb.met)} (${peakRssMb} MB)`,
  );
  console.log(
    JSON.stringify({
      bench: "updates",
      db: database.kind,
      form: FORM_KEY,
      chats: CHATS,
      inFlight: IN_FLIGHT,
      setupRssMb,
      peakRssMb,
      flatOut: run,
      paced: paced ? { rate: RATE, ...paced } : null,
      submitted,
      echo: echoRun,
      targets,
    }),
  );
} finally {
  await db?.$disconnect();
  await database.drop();
}
