import type { IncomingMessage, ServerResponse } from "node:http";
import type { Api } from "grammy";
import type { Logger } from "pino";
import { sameSecret } from "../channels/zalo/webhook.js";
import type { Db } from "../db/client.js";
import { storeWebhookUpdate } from "../db/update-log.js";
import {
  readWebhookFingerprint,
  saveWebhookFingerprint,
  webhookFingerprint,
} from "../db/webhook-registration.js";
import type { Clock } from "../shared/clock.js";

/** Where Telegram delivers updates, on the app's own HTTP server (behind the reverse proxy). */
export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";

/** Telegram's updates are a few kilobytes; a message replying to a long one stays far below this. */
export const MAX_UPDATE_BODY = 1024 * 1024;

export interface TelegramWebhookOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The bot whose updates these are (its id keys the update log). */
  botId: string;
  /** What `setWebhook` was given as `secret_token`; Telegram sends it back with every update. */
  secret: string;
  /** An update was stored: the processor may take it at once. */
  onStored(): void;
}

/**
 * The Telegram webhook (a plain node:http handler on the app's server): checks
 * `X-Telegram-Bot-Api-Secret-Token` in constant time (401 otherwise), reads at most
 * {@link MAX_UPDATE_BODY} bytes (413), stores the update in the database's inbound queue and
 * answers 200 — in milliseconds, so Telegram never times out and re-sends. Handling happens
 * afterwards, on whichever instance holds the update's chat (`update-processor.ts`). An update
 * Telegram delivers again (same `update_id`, to this or another instance) is stored once and
 * answered 200. When the database cannot take the update the answer is 500: Telegram keeps it
 * and delivers it again later.
 */
export function createTelegramWebhookHandler(options: TelegramWebhookOptions) {
  const { db, clock, logger, botId, secret } = options;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (request.method !== "POST") {
      request.resume();
      return answer(405, { ok: false, description: "Method Not Allowed" });
    }
    const header = request.headers["x-telegram-bot-api-secret-token"];
    const given = Array.isArray(header) ? (header[0] ?? "") : (header ?? "");
    if (!secret || !sameSecret(given, secret)) {
      request.resume();
      logger.warn(
        { remote: request.socket.remoteAddress },
        "telegram webhook: wrong or missing secret token",
      );
      return answer(401, { ok: false, description: "Unauthorized" });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_UPDATE_BODY) {
          answer(413, { ok: false, description: "Payload Too Large" });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      }
    } catch {
      return answer(400, { ok: false, description: "Bad Request" });
    }
    let update: { update_id: number } | undefined;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
      const id = (parsed as { update_id?: unknown } | null)?.update_id;
      if (typeof parsed === "object" && parsed !== null && Number.isSafeInteger(id) && (id as number) >= 0)
        update = parsed as { update_id: number };
    } catch {
      update = undefined;
    }
    if (!update) {
      logger.warn({ size }, "telegram webhook: a body that is no update");
      return answer(400, { ok: false, description: "Bad Request: not an update" });
    }
    try {
      const outcome = await storeWebhookUpdate(db, clock, { botId, update });
      if (outcome === "duplicate")
        logger.info({ updateId: update.update_id }, "telegram webhook: re-delivered update ignored");
      else options.onStored();
      answer(200, { ok: true });
    } catch (error) {
      logger.error({ err: error, updateId: update.update_id }, "telegram webhook: could not store an update");
      answer(500, { ok: false, description: "Internal Server Error" });
    }
  };
}

/**
 * Points the bot's webhook at `url` with `secret` and the update kinds it handles — unless it
 * already points there with the same secret and kinds (`getWebhookInfo`, and the fingerprint
 * of what was set last, since Telegram never shows the secret), so that instances starting
 * together or restarting do not set it again and again. Returns whether it was set now.
 */
export async function ensureTelegramWebhook(
  api: Api,
  input: {
    db: Db;
    clock: Clock;
    botId: string;
    url: string;
    secret: string;
    allowedUpdates: readonly string[];
    signal?: AbortSignal;
  },
): Promise<boolean> {
  const { db, clock, botId, url, secret, allowedUpdates } = input;
  const signal = input.signal as Parameters<Api["getWebhookInfo"]>[0];
  const fingerprint = webhookFingerprint({ url, secret, allowedUpdates });
  const info = await api.getWebhookInfo(signal);
  const sameKinds =
    JSON.stringify([...(info.allowed_updates ?? [])].sort()) === JSON.stringify([...allowedUpdates].sort());
  if (info.url === url && sameKinds && (await readWebhookFingerprint(db, botId)) === fingerprint)
    return false;
  await api.setWebhook(
    url,
    {
      secret_token: secret,
      allowed_updates: [...allowedUpdates] as NonNullable<
        Parameters<Api["setWebhook"]>[1]
      >["allowed_updates"],
    },
    signal,
  );
  await saveWebhookFingerprint(db, clock, botId, fingerprint);
  return true;
}
