import { hostname } from "node:os";
import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import { setDefaultCommands } from "./bot/commands.js";
import type { BotContext } from "./bot/context.js";
import { ALLOWED_UPDATES, createBot, createOutboxApi } from "./bot/create-bot.js";
import type { AppConfig } from "./config.js";
import { createDb, type Db, tuneSqlite } from "./db/client.js";
import { createConversationStore } from "./db/conversation-store.js";
import { DEMO_SIMULATOR_USERS } from "./db/demo-data.js";
import { applyMigrations } from "./db/schema-engine.js";
import { seedDemoData } from "./db/seed.js";
import { loadFaqContent } from "./domain/faq/content/faq-file.js";
import { createFaqSearch, FAQ_CONTENT_DIR } from "./domain/faq/faq-search.js";
import { importFaqContent } from "./domain/faq/import-faq-content.js";
import { escalateOpenTickets } from "./domain/faq/questions.js";
import { createFormCatalog } from "./domain/reports/form-catalog.js";
import { sendDueReminders } from "./domain/reports/send-due-reminders.js";
import { createTranslator } from "./i18n/translator.js";
import { housekeepingJob } from "./jobs/housekeeping.js";
import { createOutboxWorker } from "./jobs/outbox-worker.js";
import { type Scheduler, startScheduler } from "./jobs/scheduler.js";
import { type Clock, systemClock } from "./shared/clock.js";
import { type Simulator, startSimulator } from "./simulator/server.js";

export interface App {
  bot: Bot<BotContext>;
  db: Db;
  simulator: Simulator | undefined;
  /** Where to open the chat page (simulator mode). */
  chatUrl: string | undefined;
  stop(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  /** Run the scheduler (off in tests that do not need it). */
  scheduler?: boolean;
  /** Told what a slow start is busy with (the first start migrates, seeds and imports content). */
  progress?: (message: string) => void;
}

/**
 * The composition root: database (migrated, seeded when empty), translator, bot, scheduler and
 * — without a BOT_TOKEN — the local simulator the bot then talks to. Returns a handle that
 * stops everything in order.
 */
export async function startApp(
  config: AppConfig,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const progress = overrides.progress ?? (() => undefined);

  progress("Đang kiểm tra cơ sở dữ liệu…");
  const applied = await applyMigrations(config.databaseUrl);
  if (applied.length > 0) {
    logger.info({ migrations: applied }, "database migrated");
    progress(`Đã cập nhật cấu trúc cơ sở dữ liệu (${applied.length} bước).`);
  }
  const db = createDb(config.databaseUrl);
  await tuneSqlite(db);
  if (config.seedDemoData) {
    const seed = await seedDemoData(db, clock);
    if (seed.seeded) {
      logger.info(seed, "empty database: demo data added");
      progress(`Cơ sở dữ liệu trống: đã thêm dữ liệu mẫu (${seed.units} đơn vị, ${seed.people} người).`);
    }
  }

  if ((await db.faqEntry.count()) === 0) {
    progress("Đang nạp nội dung hỏi đáp chính sách…");
    const content = loadFaqContent(FAQ_CONTENT_DIR);
    if (content.errors.length > 0) throw new Error(`content/faq has errors:\n${content.errors.join("\n")}`);
    const imported = await importFaqContent(db, clock, content.entries, { personId: null, via: "start" });
    logger.info({ entries: imported.created.length }, "empty FAQ: content imported");
  }
  const translator = createTranslator(config.defaultLocale);
  const faq = createFaqSearch(db);
  const forms = createFormCatalog(db, undefined, (message) => logger.warn(message));
  await forms.latest(); // a broken form file stops start-up with its errors
  progress("Đang khởi động bot…");
  let simulator: Simulator | undefined;
  let token = config.botToken;
  let apiRoot = config.botApiRoot;
  if (!token) {
    simulator = await startSimulator({
      host: config.host,
      port: config.port,
      users: DEMO_SIMULATOR_USERS,
      ...(config.simulator.password ? { password: config.simulator.password } : {}),
      limits: { perChat: config.simulator.floodPerChat, global: config.simulator.floodGlobal },
      logger: logger.child({ component: "simulator" }),
    });
    // Random per run: only this bot can use the simulator's Bot API.
    token = simulator.token;
    apiRoot = simulator.url;
  }

  const bot = createBot(
    token,
    {
      db,
      clock,
      translator,
      logger: logger.child({ component: "bot" }),
      timeZone: config.timeZone,
      defaultLocale: config.defaultLocale,
      conversationStorage: createConversationStore(db, clock),
      faq,
      forms,
    },
    apiRoot ? { apiRoot } : {},
  );

  const instanceId = `${hostname()}-${process.pid}`;
  const outbox = createOutboxWorker({
    db,
    api: createOutboxApi(token, apiRoot ? { apiRoot } : {}),
    logger: logger.child({ component: "outbox" }),
    clock,
    instanceId,
  });
  let runner: RunnerHandle | undefined;
  let scheduler: Scheduler | undefined;
  // Content imported by the CLI (or answers approved on another instance) reach this one.
  const faqRefresh = setInterval(() => {
    faq.reloadIfChanged().catch((error: unknown) => logger.warn({ err: error }, "FAQ reload failed"));
  }, 60_000);
  faqRefresh.unref();
  const stop = async () => {
    clearInterval(faqRefresh);
    if (runner?.isRunning()) await runner.stop();
    await outbox.stop();
    await scheduler?.stop();
    await simulator?.close();
    await db.$disconnect();
  };

  try {
    await bot.init();
    await bot.api.deleteWebhook();
    await setDefaultCommands(bot.api, translator, config.defaultLocale).catch((error: unknown) =>
      logger.warn({ err: error }, "could not set the default command list"),
    );
    runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    outbox.start();
    if (overrides.scheduler !== false) {
      scheduler = startScheduler({
        db,
        clock,
        logger: logger.child({ component: "scheduler" }),
        timeZone: config.timeZone,
        instanceId,
        jobs: [
          housekeepingJob(db, clock, (result) => logger.info(result, "housekeeping done")),
          {
            name: "report-reminders",
            cron: "0 8 * * *",
            run: async () => {
              const queued = await sendDueReminders(db, clock, translator, forms, config.timeZone);
              if (queued > 0) logger.info({ queued }, "report reminders queued");
            },
          },
          {
            name: "faq-escalation",
            cron: "5 * * * *",
            run: async () => {
              const escalated = await escalateOpenTickets(db, clock, translator, config.faqEscalationDays);
              if (escalated > 0) logger.info({ escalated }, "open questions escalated");
            },
          },
        ],
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  logger.info(
    {
      bot: bot.botInfo.username,
      apiRoot: apiRoot ?? "https://api.telegram.org",
      simulator: Boolean(simulator),
    },
    "bot started",
  );
  return { bot, db, simulator, chatUrl: simulator?.url, stop };
}
