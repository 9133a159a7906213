import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { createTranslator, type Locale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { DEFAULT_TIME_ZONE } from "../../shared/time.js";
import { ensureWebhook } from "./ensure-webhook.js";
import { createFilesHandler, removeExpiredFiles } from "./hosted-files.js";
import { createInbound, type Inbound, type TranslatorOptions } from "./inbound.js";
import { startZaloPoller, type ZaloPoller } from "./poller.js";
import { createWebhookHandler } from "./webhook.js";
import { createZaloClient } from "./zalo-client.js";
import type { ZaloEvent } from "./zalo-events.js";
import { createZaloFetch } from "./zalo-fetch.js";

/** Zalo's Bot Platform. */
export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";

export interface ZaloChannelOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The Zalo bot's token (`<bot_id>:<secret>`). */
  token: string;
  /** {@link ZALO_API_ROOT}, or the simulator's `<url>/zalo`. */
  apiRoot?: string;
  /** The secret set with Zalo's setWebhook (8–256 characters); the webhook refuses all without it. */
  webhookSecret?: string;
  /** The app's address as Zalo's servers reach it: hosted files are linked under `<it>/files/`. */
  publicBaseUrl: string;
  /** The bot's name for `getMe.first_name` (default: Zalo's account name). */
  botName?: string;
  translator?: Translator;
  defaultLocale?: Locale;
  timeZone?: string;
  /** Replaces `fetch` for the calls to Zalo (tests). */
  fetch?: typeof fetch;
}

export interface ZaloChannel {
  /** Give it to grammY: `new Bot(token, { client: { apiRoot: "http://zalo.invalid", fetch } })`. */
  fetch: typeof fetch;
  /** Mount on the app's server at the webhook path given to Zalo's setWebhook. */
  webhookHandler(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Mount at `/files/`: the photos and documents the bot sent, while their links last. */
  filesHandler(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Stores an event as the webhook would (tests, tools). */
  ingest(event: ZaloEvent): Promise<"stored" | "duplicate">;
  /**
   * Hands Zalo's events to the app's update processor (`ProcessedUpdate`) instead of the bot's
   * `getUpdates`: one instance at a time translates, under the lease `zalo-inbound:<botId>`
   * (see `Inbound.startTranslator`). The app always does this; `getUpdates` is then refused.
   */
  startTranslator(options: TranslatorOptions): void;
  /** Polls Zalo's getUpdates instead of a webhook (development; messages can be lost). */
  startPoller(options?: { retryDelayMs?: number }): void;
  /**
   * Points Zalo's webhook at `url` (with `secret`) unless it already points there; true when it
   * was set now. Never called through grammY: its deleteWebhook/setWebhook stay local.
   */
  ensureWebhook(url: string, secret: string): Promise<boolean>;
  /** Removes hosted files whose links expired (a housekeeping job can call it). */
  removeExpiredFiles(): Promise<number>;
  /** Stops the poller and the translator and wakes the bot's waiting getUpdates. */
  stop(): Promise<void>;
}

/**
 * The Zalo Bot Platform as a transport for the unchanged grammY bot (see ARCHITECTURE.md,
 * "Zalo transport"): the `fetch` grammY talks to, the webhook that fills the inbound queue,
 * the development poller, and the file server for what Zalo can only take as a link.
 *
 * @example
 * const zalo = createZaloChannel({ db, clock, logger, token, webhookSecret, publicBaseUrl });
 * const bot = createBot(token, { ...deps, channel: "zalo" }, { apiRoot: "http://zalo.invalid", fetch: zalo.fetch });
 * server.on("request", (req, res) => req.url?.startsWith("/files/") ? zalo.filesHandler(req, res) : …);
 */
export function createZaloChannel(options: ZaloChannelOptions): ZaloChannel {
  const { db, clock, logger } = options;
  const translator = options.translator ?? createTranslator(options.defaultLocale ?? "vi");
  const defaultLocale = options.defaultLocale ?? "vi";
  const client = createZaloClient({
    token: options.token,
    apiRoot: options.apiRoot ?? ZALO_API_ROOT,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let zaloFetch: typeof fetch | undefined;
  const botUser = async () => {
    const response = await (zaloFetch as typeof fetch)("http://zalo.invalid/bot/getMe", { method: "POST" });
    const body = (await response.json()) as {
      ok: boolean;
      result: { id: number; is_bot: true; first_name: string };
    };
    if (!body.ok) throw new Error("zalo: getMe failed");
    return body.result;
  };
  const inbound: Inbound = createInbound({ db, clock, logger, client, translator, defaultLocale, botUser });
  zaloFetch = createZaloFetch({
    db,
    clock,
    logger,
    client,
    inbound,
    translator,
    defaultLocale,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    publicBaseUrl: options.publicBaseUrl,
    ...(options.botName ? { botName: options.botName } : {}),
  });
  let poller: ZaloPoller | undefined;
  return {
    fetch: zaloFetch,
    webhookHandler: createWebhookHandler({ inbound, secret: options.webhookSecret ?? "", logger }),
    filesHandler: createFilesHandler(db, clock),
    ingest: (event) => inbound.ingest(event),
    startTranslator: (translatorOptions) => inbound.startTranslator(translatorOptions),
    startPoller(pollerOptions = {}) {
      poller ??= startZaloPoller({ client, inbound, logger, ...pollerOptions });
    },
    ensureWebhook: (url, secret) => ensureWebhook(client, url, secret),
    removeExpiredFiles: () => removeExpiredFiles(db, clock),
    async stop() {
      // The poller first: what it stores meanwhile is still translated, or waits in the table.
      await poller?.stop();
      poller = undefined;
      await inbound.close();
    },
  };
}
