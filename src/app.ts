import { randomBytes } from "node:crypto";
import { type Bot, GrammyError } from "grammy";
import type { Logger } from "pino";
import { setDefaultCommands } from "./bot/commands.js";
import type { BotContext, BotDeps } from "./bot/context.js";
import { ALLOWED_UPDATES, createBot, createOutboxApi } from "./bot/create-bot.js";
import { type Polling, type PollingFailure, replayUnfinishedUpdates, startPolling } from "./bot/polling.js";
import { startUpdateProcessor, type UpdateProcessor } from "./bot/update-processor.js";
import { createTelegramWebhookHandler, ensureTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from "./bot/webhook.js";
import { createZaloChannel, ZALO_API_ROOT, type ZaloChannel } from "./channels/zalo/channel.js";
import { oaCallbackPage } from "./channels/zalo/oa/oa-callback-page.js";
import { createZaloOaChannel } from "./channels/zalo/oa/oa-channel.js";
import { ZALO_OA_API_ROOT } from "./channels/zalo/oa/oa-client.js";
import { oaFormImageHandler } from "./channels/zalo/oa/oa-form-image.js";
import { authoriseSimulatedOa } from "./channels/zalo/oa/oa-simulator-consent.js";
import type { AppConfig, ZaloBotPlatformConfig, ZaloOaConfig } from "./config.js";
import { applyMigrationsInChildProcess } from "./db/apply-migrations-in-child-process.js";
import { createDb, type Db, isDatabaseBusy, tuneSqlite } from "./db/client.js";
import { createConversationStore } from "./db/conversation-store.js";
import { DEMO_SIMULATOR_USERS } from "./db/demo-data.js";
import { releaseLeasesOf } from "./db/leases.js";
import { checkReadiness } from "./db/readiness.js";
import { DatabaseBusyError, migrationsDirFor, readMigrations } from "./db/schema-engine.js";
import { seedDemoData } from "./db/seed.js";
import { isUniqueViolation } from "./db/unique-violation.js";
import { loadFaqContent } from "./domain/faq/content/faq-file.js";
import { createFaqSearch, FAQ_CONTENT_DIR } from "./domain/faq/faq-search.js";
import { importFaqContent } from "./domain/faq/import-faq-content.js";
import { loadLegalRegistry } from "./domain/faq/legal/legal-registry.js";
import { escalateOpenTickets } from "./domain/faq/questions.js";
import { createFormCatalog } from "./domain/reports/form-catalog.js";
import { sendDueReminders } from "./domain/reports/send-due-reminders.js";
import { type Channel, type ChannelTraits, ZALO_OA_TRAITS } from "./domain/roles.js";
import { sendDueSummaries } from "./domain/summaries/send-due-summaries.js";
import { sendDueCourseSends } from "./domain/training/send-due-course-sends.js";
import { EXIT_CODES } from "./exit-codes.js";
import { type HttpServer, readinessRoute, startHttpServer } from "./http-server.js";
import { createTranslator } from "./i18n/translator.js";
import { housekeepingJob } from "./jobs/housekeeping.js";
import { createInstanceRun } from "./jobs/instance-run.js";
import { createOutboxWorker, releaseClaimsOf } from "./jobs/outbox-worker.js";
import { type Scheduler, startScheduler, takeOverRunsOf } from "./jobs/scheduler.js";
import { type Clock, systemClock } from "./shared/clock.js";
import { type Simulator, startSimulator } from "./simulator/server.js";

/** Why the app stopped (or could not start): an exit code and the explanation, in both languages. */
export interface AppExit {
  exitCode: number;
  /** For the console. */
  vi: string;
  /** For the log. */
  en: string;
}

/** Start-up failed for a reason the operator can act on. */
export class StartupError extends Error {
  constructor(
    readonly exit: AppExit,
    options?: { cause?: unknown },
  ) {
    super(exit.en, options);
    this.name = "StartupError";
  }
}

export interface App {
  /** The first bot: Telegram's when it runs, else Zalo's. */
  bot: Bot<BotContext>;
  /** The bot of each messenger this instance serves. */
  telegram: Bot<BotContext> | undefined;
  zalo: Bot<BotContext> | undefined;
  /** Which Zalo API the Zalo bot speaks: the Bot Platform or an Official Account. */
  zaloDialect: "bot" | "oa" | undefined;
  /**
   * The app's own HTTP server (Telegram's webhook in webhook mode, Zalo's webhook, file links,
   * `/healthz`, `/readyz`), when Zalo is served or Telegram comes by webhook.
   */
  httpUrl: string | undefined;
  db: Db;
  simulator: Simulator | undefined;
  /** Where to open the chat page (simulator mode). */
  chatUrl: string | undefined;
  /** This run's id (`InstanceRun`): outbox claims and received updates carry it. */
  runId: string;
  stop(): Promise<void>;
  /**
   * Settles when the app has stopped by itself because it cannot go on (the token was
   * refused, another process polls with it); never for a `stop()` from outside.
   */
  stopped: Promise<AppExit>;
}

export interface AppOverrides {
  clock?: Clock;
  /** Run the scheduler (off in tests that do not need it). */
  scheduler?: boolean;
  /** Told what a slow start is busy with (the first start migrates, seeds and imports content). */
  progress?: (message: string) => void;
  /** Told, in Vietnamese, about trouble while running (the Bot API unreachable, a second poller). */
  notice?: (message: string) => void;
  /** Aborts a start that is waiting (for the Bot API, for a locked database). */
  signal?: AbortSignal;
  /** First pause between retries of the Bot API (tests shorten it). */
  retryDelayMs?: number;
  /** Webhook mode: how long a chat's lease lasts unless renewed (tests shorten it). */
  chatLeaseMs?: number;
}

type GrammySignal = Parameters<Bot["api"]["getMe"]>[0];

/** Where Zalo delivers events, on the app's own HTTP server. */
export const ZALO_WEBHOOK_PATH = "/zalo/webhook";
/** Where a Zalo Official Account delivers its signed events (set in the app's Zalo console). */
export const ZALO_OA_WEBHOOK_PATH = "/zalo-oa/webhook";
/** Where Zalo's consent sends the OA's admin back (`ZALO_OA_REDIRECT_URI`). */
export const ZALO_OA_CALLBACK_PATH = "/zalo-oa/callback";
/** The picture Zalo shows above the OA's phone form (fetched by Zalo's servers). */
export const ZALO_OA_FORM_IMAGE_PATH = "/zalo-oa/form.png";

/** The Zalo bot's settings: one dialect per instance, real or the simulator's fake. */
type ZaloSettings = ZaloBotPlatformConfig | ZaloOaConfig;

/** One attempt to reach the Bot API at start-up may take this long before we say so. */
const CONNECT_TIMEOUT_MS = 5_000;
const MAX_CONNECT_DELAY_MS = 60_000;

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
  // In a child process: the schema engine's memory must not stay in the serving process.
  const applied = await applyMigrationsInChildProcess(config.databaseUrl, {
    onWait: (message) => {
      logger.warn(message.en);
      progress(message.vi);
    },
  }).catch((error: unknown) => {
    if (!(error instanceof DatabaseBusyError)) throw error;
    throw new StartupError(
      { exitCode: EXIT_CODES.databaseBusy, vi: error.vi, en: error.message },
      { cause: error },
    );
  });
  if (applied.length > 0) {
    logger.info({ migrations: applied }, "database migrated");
    progress(`Đã cập nhật cấu trúc cơ sở dữ liệu (${applied.length} bước).`);
  }
  const db = createDb(config.databaseUrl);
  // Two instances starting on a new database at once: one adds the demo data and the Q&A, the
  // other waits for it (each step checks first whether it is still needed).
  const meanwhile = (work: () => Promise<void>) => whileAnotherProcessWrites(work, { logger, progress });
  await meanwhile(() => tuneSqlite(db));
  if (config.seedDemoData) {
    await meanwhile(async () => {
      const seed = await seedDemoData(db, clock, { timeZone: config.timeZone });
      if (seed.seeded) {
        logger.info(seed, "empty database: demo data added");
        progress(`Cơ sở dữ liệu trống: đã thêm dữ liệu mẫu (${seed.units} đơn vị, ${seed.people} người).`);
      }
    });
  }

  await meanwhile(async () => {
    if ((await db.faqEntry.count()) > 0) return;
    progress("Đang nạp nội dung hỏi đáp chính sách…");
    const content = loadFaqContent(FAQ_CONTENT_DIR);
    if (content.errors.length > 0) throw new Error(`content/faq has errors:\n${content.errors.join("\n")}`);
    const legal = loadLegalRegistry();
    if (legal.errors.length > 0) throw new Error(`content/legal has errors:\n${legal.errors.join("\n")}`);
    const imported = await importFaqContent(db, clock, content.entries, legal.registry, {
      personId: null,
      via: "start",
    });
    logger.info({ entries: imported.created.length }, "empty FAQ: content imported");
    if (imported.unknownAreas.length > 0)
      logger.warn({ entries: imported.unknownAreas }, "local FAQ entries name no unit: served to nobody");
  });
  const translator = createTranslator(config.defaultLocale);
  const faq = createFaqSearch(db);
  // Built now, in the background: the first question finds the index ready.
  faq.size().catch((error: unknown) => logger.warn({ err: error }, "FAQ index could not be loaded"));
  const forms = createFormCatalog(db, undefined, (message) => logger.warn(message));
  // A broken form file stops start-up with its errors; the first load writes the forms, so a
  // second process starting at the same moment waits for the first (SQLITE_BUSY otherwise).
  await meanwhile(async () => {
    await forms.latest();
  });
  progress("Đang khởi động bot…");
  // Without any token, both messengers run against the local simulator (Telegram's Bot API and
  // the fake Zalo Bot Platform under /zalo).
  let simulator: Simulator | undefined;
  if (!config.botToken && !config.zalo) {
    simulator = await startSimulator({
      host: config.host,
      port: config.port,
      users: DEMO_SIMULATOR_USERS,
      ...(config.simulator.password ? { password: config.simulator.password } : {}),
      limits: { perChat: config.simulator.floodPerChat, global: config.simulator.floodGlobal },
      // The OA fake's windows (48 h free, 7 days paid) and token lifetimes run on the app's clock.
      zaloOa: { now: () => clock.now().getTime() },
      logger: logger.child({ component: "simulator" }),
    });
  }
  // Random per run: only this bot can use the simulator's Bot API.
  const telegramToken = config.botToken ?? simulator?.token;
  const apiRoot = config.botToken ? config.botApiRoot : simulator?.url;
  const zaloSettings: ZaloSettings | undefined = config.zalo
    ? config.zalo
    : simulator
      ? config.sendPolicy.zaloDialect === "oa"
        ? simulatedOaSettings(simulator, config.zaloOaName)
        : {
            dialect: "bot",
            token: simulator.zaloToken,
            apiRoot: `${simulator.url}/zalo`,
            webhookSecret: randomBytes(24).toString("base64url"),
            polling: false,
          }
      : undefined;

  const botDeps = (channel: Channel, traits?: ChannelTraits): BotDeps => ({
    channel,
    ...(traits ? { traits } : {}),
    db,
    clock,
    translator,
    logger: logger.child({ component: channel === "telegram" ? "bot" : `bot-${channel}` }),
    timeZone: config.timeZone,
    defaultLocale: config.defaultLocale,
    conversationStorage: createConversationStore(db, clock),
    faq,
    forms,
  });
  const telegramBot = telegramToken
    ? createBot(telegramToken, botDeps("telegram"), apiRoot ? { apiRoot } : {})
    : undefined;

  // The app's own HTTP server, for what Zalo must reach: its webhook and the file links.
  let http: HttpServer | undefined;
  let zalo:
    | {
        channel: ZaloChannel;
        bot: Bot<BotContext>;
        /** What grammY and the outbox take as the bot's token: the Bot Platform's, or the OA id. */
        token: string;
        apiRoot: string;
        settings: ZaloSettings;
      }
    | undefined;
  if (zaloSettings) {
    const oa = zaloSettings.dialect === "oa";
    http = await startHttpServer({
      host: config.http.host,
      port: simulator ? 0 : config.http.port,
      logger: logger.child({ component: "http" }),
      routes: [
        {
          prefix: oa ? ZALO_OA_WEBHOOK_PATH : ZALO_WEBHOOK_PATH,
          handle: (request, response) => zalo?.channel.webhookHandler(request, response),
        },
        { prefix: "/files/", handle: (request, response) => zalo?.channel.filesHandler(request, response) },
        ...(zaloSettings.dialect === "oa"
          ? [
              { prefix: ZALO_OA_CALLBACK_PATH, handle: oaCallbackPage },
              { prefix: ZALO_OA_FORM_IMAGE_PATH, handle: oaFormImageHandler(zaloSettings.oaName) },
            ]
          : []),
      ],
    });
    const common = {
      db,
      clock,
      logger: logger.child({ component: oa ? "zalo-oa" : "zalo" }),
      publicBaseUrl: (simulator ? undefined : config.http.publicBaseUrl) ?? http.url,
      translator,
      defaultLocale: config.defaultLocale,
      timeZone: config.timeZone,
    };
    const channel =
      zaloSettings.dialect === "oa"
        ? createZaloOaChannel({
            ...common,
            oaId: zaloSettings.oaId,
            oaName: zaloSettings.oaName,
            appId: zaloSettings.appId,
            appSecret: zaloSettings.appSecret,
            webhookSecret: zaloSettings.webhookSecret,
            userInfoImageUrl: `${common.publicBaseUrl}${ZALO_OA_FORM_IMAGE_PATH}`,
            webhookMacFirstTerm:
              zaloSettings.webhookMacFirstTerm === "oa_id" ? zaloSettings.oaId : zaloSettings.appId,
            ...(zaloSettings.apiRoot ? { apiRoot: zaloSettings.apiRoot } : {}),
            ...(zaloSettings.oauthRoot ? { oauthRoot: zaloSettings.oauthRoot } : {}),
            ...(zaloSettings.businessApiRoot ? { businessApiRoot: zaloSettings.businessApiRoot } : {}),
          })
        : createZaloChannel({
            ...common,
            token: zaloSettings.token,
            apiRoot: zaloSettings.apiRoot ?? ZALO_API_ROOT,
            ...(zaloSettings.webhookSecret ? { webhookSecret: zaloSettings.webhookSecret } : {}),
          });
    // grammY needs a token string; an OA has none of that shape, its id serves.
    const token = zaloSettings.dialect === "oa" ? zaloSettings.oaId : zaloSettings.token;
    zalo = {
      channel,
      bot: createBot(token, botDeps("zalo", oa ? ZALO_OA_TRAITS : undefined), {
        apiRoot: "http://zalo.invalid",
        fetch: channel.fetch,
      }),
      token,
      apiRoot:
        zaloSettings.dialect === "oa"
          ? (zaloSettings.apiRoot ?? ZALO_OA_API_ROOT)
          : (zaloSettings.apiRoot ?? ZALO_API_ROOT),
      settings: zaloSettings,
    };
  }
  const bots = [telegramBot, zalo?.bot].filter((bot): bot is Bot<BotContext> => bot !== undefined);
  const bot = bots[0] as Bot<BotContext>;

  // ---- Telegram by webhook (BOT_MODE=webhook): any number of instances behind a load
  // balancer. The webhook stores each update and answers at once; the instance holding the
  // update's chat handles it (bot/webhook.ts, bot/update-processor.ts). ----
  const telegramWebhook =
    telegramBot && config.telegramUpdates.mode === "webhook"
      ? {
          secret: config.telegramUpdates.secret ?? randomBytes(24).toString("base64url"),
          url: config.telegramUpdates.url,
          handler: undefined as ReturnType<typeof createTelegramWebhookHandler> | undefined,
          processor: undefined as UpdateProcessor | undefined,
        }
      : undefined;
  if (telegramWebhook && !http) {
    http = await startHttpServer({
      host: config.http.host,
      port: simulator ? 0 : config.http.port,
      logger: logger.child({ component: "http" }),
      routes: [],
    });
  }
  if (telegramWebhook && http) {
    telegramWebhook.url ??= `${http.url}${TELEGRAM_WEBHOOK_PATH}`;
    http.addRoute({
      prefix: TELEGRAM_WEBHOOK_PATH,
      handle: (request, response) => {
        if (telegramWebhook.handler) return telegramWebhook.handler(request, response);
        request.resume();
        response.writeHead(503, { "content-type": "application/json" }).end('{"ok":false}');
      },
    });
  }
  // Ready (load balancers' /readyz): the database answers, this code's migrations are in, and
  // the instance is not stopping.
  const expectedMigrations = readMigrations(migrationsDirFor(config.databaseUrl)).migrationDirectories.map(
    (entry) => entry.path,
  );
  let acceptingWork = true;
  http?.addRoute(
    readinessRoute(
      async () =>
        acceptingWork ? checkReadiness(db, expectedMigrations) : { ok: false, reason: "stopping" },
      logger.child({ component: "http" }),
    ),
  );

  const instance = createInstanceRun({
    db,
    clock,
    logger: logger.child({ component: "instance" }),
    async onDeadRuns(runIds) {
      const released = await releaseClaimsOf(db, runIds);
      if (released > 0) logger.info({ released, runs: runIds }, "outbox claims of dead runs released");
      // Their chats, outbox senders and scheduled runs are taken over now, not when they expire.
      const leases = await releaseLeasesOf(db, runIds);
      if (leases > 0) logger.info({ leases, runs: runIds }, "leases of dead runs released");
      await takeOverRunsOf(db, clock, runIds);
      // Updates a dead run received but never finished: handled now, before new ones (by webhook
      // and on Zalo, the update processor finds them itself, chat by chat).
      for (const each of bots) {
        if ((each === telegramBot && telegramWebhook) || each === zalo?.bot) continue;
        if (each.isInited())
          await replayUnfinishedUpdates(each, { db, clock, logger, runId: instance.id }, runIds);
      }
    },
  });
  const outbox = createOutboxWorker({
    db,
    apis: {
      ...(telegramToken ? { telegram: createOutboxApi(telegramToken, apiRoot ? { apiRoot } : {}) } : {}),
      ...(zalo
        ? {
            zalo: createOutboxApi(zalo.token, {
              apiRoot: "http://zalo.invalid",
              fetch: zalo.channel.fetch,
            }),
          }
        : {}),
    },
    logger: logger.child({ component: "outbox" }),
    translator,
    clock,
    instanceId: instance.id,
    perSecond: config.outbox.perSecond,
    progressEveryMs: config.outbox.progressEveryMs,
    sendPolicy: config.sendPolicy,
  });
  const pollers: Polling[] = [];
  let zaloUpdates: UpdateProcessor | undefined;
  let scheduler: Scheduler | undefined;
  let instanceStarted = false;
  // Content imported by the CLI (or answers approved on another instance) reach this one.
  const faqRefresh = setInterval(() => {
    faq.reloadIfChanged().catch((error: unknown) => logger.warn({ err: error }, "FAQ reload failed"));
  }, 60_000);
  faqRefresh.unref();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      acceptingWork = false;
      clearInterval(faqRefresh);
      await telegramWebhook?.processor?.stop();
      await Promise.all(pollers.map((poller) => poller.stop()));
      // No more translating, then the Zalo chats in hand finish.
      await zalo?.channel.stop();
      await zaloUpdates?.stop();
      await outbox.stop();
      await scheduler?.stop();
      if (instanceStarted)
        await instance
          .stop()
          .catch((error: unknown) => logger.warn({ err: error }, "could not record the stop"));
      await http?.close();
      await simulator?.close();
      await db.$disconnect();
    })();
    return stopping;
  };
  let settleStopped: (exit: AppExit) => void = () => undefined;
  const stopped = new Promise<AppExit>((resolve) => {
    settleStopped = resolve;
  });
  const fail = (failure: PollingFailure) => {
    const exit = exitForPollingFailure(failure, apiRoot ?? "https://api.telegram.org");
    logger.fatal({ err: "error" in failure ? failure.error : undefined, exitCode: exit.exitCode }, exit.en);
    void stop()
      .catch((error: unknown) => logger.error({ err: error }, "stop failed"))
      .then(() => settleStopped(exit));
  };

  try {
    const retry = { logger, progress, signal: overrides.signal, delayMs: overrides.retryDelayMs ?? 2_000 };
    const pollingOptions = {
      db,
      clock,
      runId: instance.id,
      allowedUpdates: ALLOWED_UPDATES,
      concurrency: config.updateConcurrency,
      notice: overrides.notice ?? (() => undefined),
      onFatal: fail,
      ...(overrides.retryDelayMs === undefined ? {} : { retryDelayMs: overrides.retryDelayMs }),
    };
    if (telegramBot) {
      const root = apiRoot ?? "https://api.telegram.org";
      // grammY types signals with its own AbortSignal shim; at run time both are Node's.
      const me = await untilReachable(root, retry, (signal) => telegramBot.api.getMe(signal as GrammySignal));
      if (!telegramBot.isInited()) telegramBot.botInfo = me;
      if (telegramWebhook)
        await registerTelegramWebhook(telegramBot, telegramWebhook, {
          db,
          clock,
          logger,
          retry,
          apiRoot: root,
        });
      else
        await untilReachable(root, retry, (signal) =>
          telegramBot.api.deleteWebhook(undefined, signal as GrammySignal),
        );
      await setDefaultCommands(telegramBot.api, translator, config.defaultLocale).catch((error: unknown) =>
        logger.warn({ err: error }, "could not set the default command list"),
      );
    }
    if (zalo) {
      const { bot: zaloBot, channel, apiRoot: zaloRoot, settings } = zalo;
      const me = await untilReachable(zaloRoot, retry, (signal) => zaloBot.api.getMe(signal as GrammySignal));
      if (!zaloBot.isInited()) zaloBot.botInfo = me;
      const publicUrl = (simulator ? undefined : config.http.publicBaseUrl) ?? http?.url;
      if (settings.dialect === "oa") {
        // An OA's webhook is set in Zalo's console and its tokens by `npm run zalo:oa-auth`;
        // the simulator's fake gets both here, so that nothing has to be typed.
        if (simulator)
          await connectSimulatedOa(simulator, settings, {
            db,
            clock,
            httpUrl: http?.url ?? "",
            password: config.simulator.password,
          });
        else await warnIfOaNotAuthorised(db, settings.oaId, { logger, progress });
      } else if (settings.polling) channel.startPoller();
      else {
        const url = `${publicUrl}${ZALO_WEBHOOK_PATH}`;
        const changed = await untilReachable(zaloRoot, retry, () =>
          channel.ensureWebhook(url, settings.webhookSecret ?? ""),
        );
        if (changed) logger.info({ url }, "Zalo webhook set");
      }
    }
    await instance.start();
    instanceStarted = true;
    if (telegramBot && telegramWebhook)
      telegramWebhook.processor = startUpdateProcessor(telegramBot, {
        db,
        clock,
        logger: logger.child({ component: "updates" }),
        runId: instance.id,
        concurrency: config.updateConcurrency,
        ...(overrides.chatLeaseMs === undefined ? {} : { leaseMs: overrides.chatLeaseMs }),
      });
    else if (telegramBot)
      pollers.push(
        startPolling(telegramBot, { ...pollingOptions, logger: logger.child({ component: "polling" }) }),
      );
    // Zalo, with one instance or many: the webhook (or the development poller) stores each event
    // in ZaloInbound; one instance at a time translates them into updates stored with their chat
    // (lease `zalo-inbound:<bot>`); every instance's update processor handles each chat's updates
    // in order, one instance per chat at a time — as Telegram's in webhook mode.
    if (zalo) {
      const processor = startUpdateProcessor(zalo.bot, {
        db,
        clock,
        logger: logger.child({ component: "updates-zalo" }),
        runId: instance.id,
        concurrency: config.updateConcurrency,
        ...(overrides.chatLeaseMs === undefined ? {} : { leaseMs: overrides.chatLeaseMs }),
      });
      zaloUpdates = processor;
      zalo.channel.startTranslator({
        botId: String(zalo.bot.botInfo.id),
        runId: instance.id,
        onTranslated: () => processor.wake(),
      });
    }
    outbox.start();
    if (overrides.scheduler !== false) {
      scheduler = startScheduler({
        db,
        clock,
        logger: logger.child({ component: "scheduler" }),
        timeZone: config.timeZone,
        instanceId: instance.id,
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
            // Course reminders, answer nudges and quizzes, each at its planned minute.
            name: "course-sends",
            cron: config.courseSendsCron,
            run: async () => {
              const swept = await sendDueCourseSends(db, clock, translator, config.timeZone);
              if (swept.done + swept.skipped > 0) logger.info(swept, "course sends swept");
            },
          },
          {
            // Supervisor summaries whose slot has come (a missed one once, late, after a stop).
            name: "summaries",
            cron: config.summaryCron,
            run: async () => {
              const swept = await sendDueSummaries(db, clock, translator, { timeZone: config.timeZone });
              if (swept.failed.length > 0) logger.error({ failed: swept.failed }, "summaries not made");
              if (swept.sent + swept.skipped > 0) logger.info(swept, "summaries swept");
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
      bot: telegramBot?.botInfo.username,
      apiRoot: telegramBot ? (apiRoot ?? "https://api.telegram.org") : undefined,
      updates: telegramBot ? (telegramWebhook ? { webhook: telegramWebhook.url } : "polling") : undefined,
      zalo: zalo
        ? {
            bot: zalo.bot.botInfo.username,
            dialect: zalo.settings.dialect,
            apiRoot: zalo.apiRoot,
            polling: zalo.settings.dialect === "bot" && zalo.settings.polling,
          }
        : undefined,
      http: http?.url,
      simulator: Boolean(simulator),
    },
    "bot started",
  );
  return {
    bot,
    telegram: telegramBot,
    zalo: zalo?.bot,
    zaloDialect: zalo?.settings.dialect,
    db,
    simulator,
    chatUrl: simulator?.url,
    httpUrl: http?.url,
    runId: instance.id,
    stop,
    stopped,
  };
}

/**
 * The simulator's OA fake as the Official Account: its app, OA and secrets, its API under the
 * simulator's `/zalo-oa/…` roots, the webhook signed the way the fake signs it.
 */
function simulatedOaSettings(simulator: Simulator, oaName: string): ZaloOaConfig {
  const fake = simulator.zaloOa.options;
  return {
    dialect: "oa",
    appId: fake.appId,
    appSecret: fake.appSecret,
    oaId: fake.oaId,
    oaName,
    webhookSecret: fake.macSecret === "app" ? fake.appSecret : fake.oaSecretKey,
    webhookMacFirstTerm: fake.macId,
    apiRoot: `${simulator.url}/zalo-oa/openapi`,
    oauthRoot: `${simulator.url}/zalo-oa/oauth`,
    businessApiRoot: `${simulator.url}/zalo-oa/business`,
  };
}

/**
 * What an operator does once for a real OA, done for the simulator's fake at every start (it
 * forgets its tokens when it stops): the first authorisation through its consent page, as
 * `npm run zalo:oa-auth` would, and the webhook pointed at the app's `/zalo-oa/webhook`.
 */
async function connectSimulatedOa(
  simulator: Simulator,
  settings: ZaloOaConfig,
  context: { db: Db; clock: Clock; httpUrl: string; password: string | undefined },
): Promise<void> {
  const { password } = context;
  await authoriseSimulatedOa(context.db, context.clock, {
    oauthRoot: settings.oauthRoot ?? "",
    appId: settings.appId,
    appSecret: settings.appSecret,
    redirectUri: `${context.httpUrl}${ZALO_OA_CALLBACK_PATH}`,
    ...(password ? { authorization: `Basic ${Buffer.from(`operator:${password}`).toString("base64")}` } : {}),
  });
  simulator.zaloOa.webhookUrl = `${context.httpUrl}${ZALO_OA_WEBHOOK_PATH}`;
}

/**
 * A real OA without stored tokens receives events but cannot answer: said at start, loudly,
 * with what to do (starting anyway lets the console's webhook check reach the app).
 */
async function warnIfOaNotAuthorised(
  db: Db,
  oaId: string,
  context: { logger: Logger; progress: (message: string) => void },
): Promise<void> {
  const stored = await db.zaloOaCredential.findUnique({ where: { oaId }, select: { oaId: true } });
  if (stored) return;
  context.logger.error({ oaId }, 'Zalo OA has no tokens yet: run "npm run zalo:oa-auth"');
  context.progress(
    `⚠️ Chưa có token cho Zalo OA ${oaId}: bot nhận được tin nhưng chưa trả lời được. ` +
      'Chạy npm run zalo:oa-auth (README, "Kết nối Zalo Official Account"); không cần khởi động lại.',
  );
}

/**
 * Webhook mode at start: the webhook handler (which needs the bot's id) is mounted, then the
 * webhook is pointed at the public address with the secret — unless it already is.
 */
async function registerTelegramWebhook(
  bot: Bot<BotContext>,
  webhook: {
    url: string | undefined;
    secret: string;
    handler: ReturnType<typeof createTelegramWebhookHandler> | undefined;
    processor: UpdateProcessor | undefined;
  },
  options: {
    db: Db;
    clock: Clock;
    logger: Logger;
    retry: Parameters<typeof untilReachable>[1];
    apiRoot: string;
  },
): Promise<void> {
  const { db, clock, logger } = options;
  const botId = String(bot.botInfo.id);
  webhook.handler = createTelegramWebhookHandler({
    db,
    clock,
    logger: logger.child({ component: "webhook" }),
    botId,
    secret: webhook.secret,
    onStored: () => webhook.processor?.wake(),
  });
  const url = webhook.url ?? "";
  const changed = await untilReachable(options.apiRoot, options.retry, (signal) =>
    ensureTelegramWebhook(bot.api, {
      db,
      clock,
      botId,
      url,
      secret: webhook.secret,
      allowedUpdates: ALLOWED_UPDATES,
      signal,
    }).catch((error: unknown) => {
      // Telegram refuses the address (not https, a port it does not post to…): retrying won't help.
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
      throw new StartupError(
        {
          exitCode: EXIT_CODES.failed,
          vi: `Telegram không nhận địa chỉ webhook ${url} (${error.description}). Kiểm tra WEBHOOK_URL.`,
          en: `Telegram refused the webhook address ${url} (${error.description}); check WEBHOOK_URL`,
        },
        { cause: error },
      );
    }),
  );
  logger.info({ url, changed }, changed ? "Telegram webhook set" : "Telegram webhook already set");
}

function exitForPollingFailure(failure: PollingFailure, apiRoot: string): AppExit {
  switch (failure.reason) {
    case "token_refused":
      return tokenRefused(apiRoot, failure.description);
    case "conflict":
      return {
        exitCode: EXIT_CODES.conflict,
        vi:
          "Một tiến trình khác đang nhận tin của bot bằng cùng BOT_TOKEN (409 Conflict), nên bản này dừng lại. " +
          "Mỗi token chỉ dùng được cho một tiến trình: hãy dừng tiến trình kia nếu muốn chạy bản này.",
        en: `another process already receives this bot's updates (409 Conflict: ${failure.description}); stopping`,
      };
    case "failed":
      return {
        exitCode: EXIT_CODES.failed,
        vi: `Bot ngừng nhận tin vì một lỗi không lường trước: ${describe(failure.error)}`,
        en: `polling failed unexpectedly: ${describe(failure.error)}`,
      };
  }
}

function tokenRefused(apiRoot: string, description: string): AppExit {
  return {
    exitCode: EXIT_CODES.tokenRefused,
    vi:
      `Máy chủ Bot API (${apiRoot}) không chấp nhận BOT_TOKEN (${description}). ` +
      "Kiểm tra lại BOT_TOKEN và BOT_API_ROOT.",
    en: `the Bot API server at ${apiRoot} refused BOT_TOKEN (${description}); check BOT_TOKEN and BOT_API_ROOT`,
  };
}

/**
 * A start-up call to the Bot API, tried until it answers: each attempt may take
 * {@link CONNECT_TIMEOUT_MS}, and every failure is said on the console at once (a server that
 * cannot be reached must not look like a hang). A refused token stops start-up.
 */
async function untilReachable<T>(
  apiRoot: string,
  options: {
    logger: Logger;
    progress: (message: string) => void;
    signal: AbortSignal | undefined;
    delayMs: number;
  },
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(CONNECT_TIMEOUT_MS);
    try {
      return await call(options.signal ? AbortSignal.any([options.signal, timeout]) : timeout);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error instanceof StartupError) throw error;
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new StartupError(tokenRefused(apiRoot, error.description), { cause: error });
      }
      const cause = timeout.aborted ? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s` : describe(error);
      const delay = Math.min(options.delayMs * 2 ** (attempt - 1), MAX_CONNECT_DELAY_MS);
      options.logger.warn(
        { err: error, apiRoot, attempt, retryInMs: delay },
        `Bot API unreachable (${cause}); retrying`,
      );
      options.progress(
        `Không kết nối được tới máy chủ Bot API ${apiRoot} (${timeout.aborted ? `không trả lời sau ${CONNECT_TIMEOUT_MS / 1000} giây` : cause}). ` +
          `Thử lại sau ${Math.round(delay / 1000)} giây… (Ctrl+C để dừng)`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        options.signal?.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
      if (options.signal?.aborted) throw options.signal.reason;
    }
  }
}

/**
 * Runs a start-up write again while another process holds the database or wrote the same rows
 * first (two instances starting together on a new database): up to half a minute, saying so.
 */
async function whileAnotherProcessWrites(
  work: () => Promise<void>,
  options: { logger: Logger; progress: (message: string) => void },
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      // SQLite: the other process holds the write lock. PostgreSQL locks rows, not the database:
      // the other process's rows went in first and this one's hit their keys — the step, run
      // again, finds them there.
      if (!(isDatabaseBusy(error) || isUniqueViolation(error)) || attempt >= 15) throw error;
      options.logger.warn({ err: error, attempt }, "database busy with another process; retrying");
      options.progress("Một tiến trình khác đang ghi vào cơ sở dữ liệu; chờ 2 giây rồi thử lại…");
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

/** The innermost useful words of an error (fetch hides the network cause two levels down). */
function describe(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") text = `${code}${e.message.includes(code) ? "" : `: ${e.message}`}`;
    e = (e as { error?: unknown }).error ?? e.cause;
  }
  return text;
}
