import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { isLoopbackHost } from "../../shared/loopback.js";
import { imageSize } from "../image-size.js";
import type { BotApiParams } from "../request-params.js";
import {
  newZaloMessageId,
  type UnsupportedKind,
  ZALO_STICKERS,
  type ZaloChat,
  type ZaloChats,
  type ZaloViewMessage,
} from "./zalo-chats.js";
import {
  applyTextStyles,
  parseZaloHtml,
  parseZaloMarkdown,
  type StyledText,
  ZaloFormatError,
} from "./zalo-format.js";

/**
 * A fake of the Zalo Bot Platform API (docs: /work/shared/docs/zalo-bot-platform.md, summarised
 * in the README), served by the simulator under `/zalo/bot<token>/<method>`. It reproduces what
 * is documented or measured; where the platform's behaviour is unknown the choice made here is
 * marked "GUESS" and should be checked against a real bot.
 */

/** Plan limits and polling behaviour; the defaults are the Basic plan's. */
export interface ZaloLimits {
  /** Distinct people one bot can talk to (Basic: 50). */
  maxUsers: number;
  /** Messages the bot may send per calendar month (Basic: 3,000). */
  monthlyQuota: number;
  /**
   * What happens to a person's message when no webhook is set and no getUpdates is waiting:
   * "queue" (default) keeps up to `queueSize` of them for the next poll; "strict" drops them,
   * as measured on the real platform ("messages are not queued").
   */
  polling: "queue" | "strict";
  queueSize: number;
}

export const DEFAULT_ZALO_LIMITS: ZaloLimits = {
  maxUsers: 50,
  monthlyQuota: 3000,
  // The app polls continuously while it runs, so in development a message is lost only in the
  // moment between two polls; losing it would make the page look broken for no lesson learnt.
  polling: "queue",
  queueSize: 100,
};

export type ZaloResponse = { status: number; body: Record<string, unknown> };

/** The bot as the fake presents it (`getMe`). */
export const ZALO_BOT = {
  id: "4207000000000000001",
  account_name: "bot.TroLyGiamNgheo",
  account_type: "BASIC",
  can_join_groups: false,
} as const;
/** The name people see at the top of the chat (a Zalo bot's name starts with "Bot"). */
export const ZALO_BOT_DISPLAY_NAME = "Bot Trợ lý Giảm nghèo";

export interface ZaloEvent {
  event_name: string;
  message: Record<string, unknown>;
}

export interface ZaloWebhook {
  url: string;
  secretToken: string;
  updatedAt: number;
}

class ZaloApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    /** The measured 404 of getWebhookInfo carries no error_code; every other error does. */
    readonly withCode = true,
  ) {
    super(description);
  }
}

const badRequest = (detail: string) => new ZaloApiError(400, `Bad request: ${detail}`);
const MAX_TEXT = 2000;
const ZALO_ID = /^[0-9a-f]{20}$/;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const PHOTO_DOWNLOAD_MS = 10_000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * A fetch that failed on its connection with no answer (reset or closed), as opposed to
 * a timeout: undici says "fetch failed" and names the socket's error as the cause.
 */
function connectionFailed(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" && /^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/.test(cause.code);
}
const DEFAULT_POLL_SECONDS = 30;

type Method = (params: BotApiParams, signal: AbortSignal) => Promise<unknown> | unknown;

interface Poll {
  deliver(event: ZaloEvent): void;
  fail(error: ZaloApiError): void;
}

export class ZaloFake {
  readonly limits: ZaloLimits;
  webhook: ZaloWebhook | undefined;
  /** Whether a webhook was ever set (getWebhookInfo answers 404 before that). */
  private webhookEverSet = false;
  /** The simulator's base URL, for the public links of pictures (set once it listens). */
  baseUrl = "";
  /**
   * Plays a load balancer in front of several instances: when set, each event goes to the next
   * of these origins in turn (`http://127.0.0.1:8081`…), to the webhook URL's path.
   */
  webhookBackends: string[] = [];
  /** Events delivered to each backend origin (with {@link webhookBackends}). */
  readonly webhookDeliveries = new Map<string, number>();
  private backendTurn = 0;
  private readonly queue: ZaloEvent[] = [];
  private readonly polls: Poll[] = [];
  private readonly webhookQueue: ZaloEvent[] = [];
  private delivering = false;
  private stopped = false;
  /** The people who have written to the bot: the only chats it may send to. */
  private readonly botUsers = new Set<string>();
  private quota = { month: "", used: 0 };
  private readonly methods: Record<string, Method>;

  constructor(
    private readonly chats: ZaloChats,
    limits: Partial<ZaloLimits> = {},
    private readonly logger?: Logger,
  ) {
    this.limits = { ...DEFAULT_ZALO_LIMITS, ...limits };
    // Method names are case-sensitive on Zalo (Telegram's are not).
    this.methods = {
      getMe: () => ZALO_BOT,
      getUpdates: (p, signal) => this.getUpdates(p, signal),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: () => this.deleteWebhook(),
      getWebhookInfo: () => this.getWebhookInfo(),
      sendMessage: (p) => this.sendMessage(p),
      sendPhoto: (p) => this.sendPhoto(p),
      sendSticker: (p) => this.sendSticker(p),
      sendChatAction: (p) => this.sendChatAction(p),
    };
  }

  /** Runs a method; the HTTP status always equals the error code, as on Zalo. */
  async call(method: string, params: BotApiParams, signal: AbortSignal): Promise<ZaloResponse> {
    const handler = Object.hasOwn(this.methods, method) ? this.methods[method] : undefined;
    if (!handler) return errorResponse(new ZaloApiError(400, "Bad request"));
    try {
      const result = await handler(params, signal);
      // sendChatAction answers `{ok:true}` without a result.
      return { status: 200, body: result === undefined ? { ok: true } : { ok: true, result } };
    } catch (error) {
      if (error instanceof ZaloApiError) return errorResponse(error);
      throw error;
    }
  }

  /** Messages the bot has sent this calendar month (Vietnam time). */
  quotaUsed(): number {
    return this.quota.month === currentMonth() ? this.quota.used : 0;
  }

  /** How many people the bot has talked to (at most `limits.maxUsers`). */
  userCount(): number {
    return this.botUsers.size;
  }

  stop(): void {
    this.stopped = true;
    for (const poll of this.polls.splice(0)) poll.fail(new ZaloApiError(408, "Request timeout"));
  }

  // ---- what the person does ---------------------------------------------------------------

  receiveText(chat: ZaloChat, text: string): ZaloViewMessage {
    const message = this.personMessage(chat, { kind: "text", text });
    this.dispatch(chat, message, "message.text.received", { text });
    return message;
  }

  receivePhoto(chat: ZaloChat, data: Buffer, mimeType: string, caption?: string): ZaloViewMessage {
    const { file, path } = this.chats.publish(data, mimeType);
    const message = this.personMessage(chat, {
      kind: "photo",
      photoUrl: `/sim/files/${encodeURIComponent(file.fileId)}`,
      ...(caption ? { caption } : {}),
    });
    this.dispatch(chat, message, "message.image.received", {
      photo_url: `${this.baseUrl}/zalo/media/${path}`,
      caption: caption ?? "",
      message_type: "CHAT_PHOTO",
    });
    return message;
  }

  receiveSticker(chat: ZaloChat, stickerId: string): ZaloViewMessage {
    const url = `${this.baseUrl}/zalo/stickers/${stickerId}.svg`;
    const message = this.personMessage(chat, {
      kind: "sticker",
      sticker: stickerId,
      stickerUrl: `/zalo/stickers/${stickerId}.svg`,
    });
    this.dispatch(chat, message, "message.sticker.received", {
      sticker: stickerId,
      url,
      message_type: "CHAT_STICKER",
    });
    return message;
  }

  /** A file, a location or a contact card: the bot learns only that something came. */
  receiveUnsupported(chat: ZaloChat, kind: UnsupportedKind): ZaloViewMessage {
    const message = this.personMessage(chat, { kind: "unsupported", unsupported: kind });
    this.dispatch(chat, message, "message.unsupported.received", {});
    return message;
  }

  private personMessage(chat: ZaloChat, content: Partial<ZaloViewMessage>): ZaloViewMessage {
    return this.chats.addMessage(chat.person.id, {
      message_id: newZaloMessageId(),
      date: Date.now(),
      outgoing: false,
      kind: "text",
      ...content,
    });
  }

  /**
   * Hands a person's message to the bot: to the webhook, to a waiting getUpdates, or to the
   * queue (dropped instead under strict polling).
   *
   * GUESS (unknown on the real platform, zalo-bot-platform.md §3.1, §8.7): a person beyond the
   * bot's user limit can write, but the bot never receives their messages (so it can never
   * answer them either); the page marks such a message as not delivered.
   */
  private dispatch(
    chat: ZaloChat,
    message: ZaloViewMessage,
    eventName: string,
    content: Record<string, unknown>,
  ): void {
    if (!this.botUsers.has(chat.zaloId)) {
      if (this.botUsers.size >= this.limits.maxUsers) {
        this.chats.markNotDelivered(chat.person.id, message, "user_limit");
        return;
      }
      this.botUsers.add(chat.zaloId);
    }
    const event: ZaloEvent = {
      event_name: eventName,
      message: {
        from: { id: chat.zaloId, display_name: chat.displayName, is_bot: false },
        chat: { id: chat.zaloId, chat_type: "PRIVATE" },
        message_id: message.message_id,
        date: message.date,
        ...content,
      },
    };
    if (this.webhook) {
      this.webhookQueue.push(event);
      this.pumpWebhook();
      return;
    }
    const poll = this.polls.shift();
    if (poll) {
      poll.deliver(event);
      return;
    }
    if (this.limits.polling === "strict") {
      this.chats.markNotDelivered(chat.person.id, message, "no_poll");
      return;
    }
    this.queue.push(event);
    if (this.queue.length > this.limits.queueSize) this.queue.shift();
  }

  // ---- updates and webhooks -----------------------------------------------------------------

  /**
   * ONE event per call, or HTTP 408 when none came within `timeout` seconds (default 30). As
   * measured, `timeout: 0` waits until an event comes (not Telegram's short poll). There is no
   * offset: an event returned is consumed.
   */
  private getUpdates(p: BotApiParams, signal: AbortSignal): Promise<ZaloEvent> {
    if (this.webhook) throw badRequest("webhook is set; call deleteWebhook before getUpdates");
    const timeout = p.number("timeout") ?? DEFAULT_POLL_SECONDS;
    if (!Number.isFinite(timeout) || timeout < 0) throw badRequest("timeout must be a number of seconds");
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.stopped) throw new ZaloApiError(408, "Request timeout");
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onGone);
        const index = this.polls.indexOf(poll);
        if (index >= 0) this.polls.splice(index, 1);
      };
      const poll: Poll = {
        deliver: (event) => {
          finish();
          resolve(event);
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const onGone = () => poll.fail(new ZaloApiError(408, "Request timeout"));
      if (timeout > 0) {
        timer = setTimeout(() => poll.fail(new ZaloApiError(408, "Request timeout")), timeout * 1000);
      }
      signal.addEventListener("abort", onGone, { once: true });
      this.polls.push(poll);
    });
  }

  /**
   * `url` and `secret_token` (8–256 characters, required on Zalo). The real platform wants a
   * public HTTPS URL; the fake delivers only to this machine (http allowed).
   */
  private setWebhook(p: BotApiParams) {
    const url = p.string("url") ?? "";
    const secret = p.string("secret_token") ?? "";
    if (url === "") throw badRequest("url is required");
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("url is not a valid URL");
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw badRequest("url must be HTTPS");
    if (parsed.username || parsed.password) throw badRequest("url must not contain credentials");
    if (!isLoopbackHost(parsed.hostname)) {
      throw badRequest("the simulator delivers webhooks only to this machine (localhost, 127.0.0.1, ::1)");
    }
    if (secret.length < 8 || secret.length > 256) {
      throw badRequest("secret_token is required, 8 to 256 characters");
    }
    this.webhook = { url, secretToken: secret, updatedAt: Date.now() };
    this.webhookEverSet = true;
    for (const poll of this.polls.splice(0)) poll.fail(badRequest("webhook is set"));
    // What waited for a poll goes to the webhook now.
    this.webhookQueue.push(...this.queue.splice(0));
    this.pumpWebhook();
    return { url, updated_at: this.webhook.updatedAt };
  }

  private deleteWebhook() {
    this.webhook = undefined;
    return { url: "", updated_at: Date.now() };
  }

  private getWebhookInfo() {
    // Measured on a bot that never had a webhook: HTTP 404 {"ok":false,"description":"Not Found"}.
    if (!this.webhookEverSet) throw new ZaloApiError(404, "Not Found", false);
    return { url: this.webhook?.url ?? "", updated_at: this.webhook?.updatedAt ?? Date.now() };
  }

  /**
   * One event per POST, in order, with the secret header and the bare `{event_name, message}`
   * body seen in production. GUESS: no retries are documented; an event the bot's endpoint does
   * not take (an answer other than 2xx, or none within 10 s) is logged and lost. A connection
   * that fails before any answer (a kept-alive socket the endpoint had just closed) is tried
   * once more on a new one, as Java's HttpURLConnection (Zalo's user agent) retries a POST.
   */
  private pumpWebhook(): void {
    if (this.delivering || this.stopped) return;
    this.delivering = true;
    void (async () => {
      try {
        for (;;) {
          const hook = this.webhook;
          const event = this.webhookQueue.shift();
          if (!hook || !event || this.stopped) return;
          const backend = this.webhookBackends[this.backendTurn++ % Math.max(this.webhookBackends.length, 1)];
          const target = backend ? `${backend}${new URL(hook.url).pathname}` : hook.url;
          if (backend) this.webhookDeliveries.set(backend, (this.webhookDeliveries.get(backend) ?? 0) + 1);
          const post = () =>
            fetch(target, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "user-agent": "Java/17.0.2",
                "x-bot-api-secret-token": hook.secretToken,
              },
              body: JSON.stringify(event),
              signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
            });
          try {
            const response = await post().catch((error: unknown) => {
              if (!connectionFailed(error)) throw error;
              this.logger?.info({ err: error }, "zalo webhook: the connection failed; posting once more");
              return post();
            });
            await response.arrayBuffer().catch(() => undefined);
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
          } catch (error) {
            this.logger?.warn(
              { err: error, event: event.event_name },
              "zalo webhook delivery failed; the event is lost",
            );
          }
        }
      } finally {
        this.delivering = false;
        if (this.webhook && this.webhookQueue.length > 0 && !this.stopped) this.pumpWebhook();
      }
    })();
  }

  // ---- sending ------------------------------------------------------------------------------

  private sendMessage(p: BotApiParams) {
    const chat = this.recipient(p);
    const raw = this.textParam(p, "text", true) ?? "";
    const styled = this.styledText(p, raw);
    if (styled.text.trim() === "") throw badRequest("text is empty");
    this.spendQuota();
    return this.botMessage(chat, { kind: "text", text: styled.text, styles: styled.styles });
  }

  /** `photo` is a URL the platform downloads itself before answering. */
  private async sendPhoto(p: BotApiParams) {
    const chat = this.recipient(p);
    const photo = p.string("photo") ?? "";
    const caption = this.textParam(p, "caption", false);
    if (photo === "") throw badRequest("photo is required");
    const { data, mimeType } = await downloadPhoto(photo);
    this.spendQuota();
    const file = this.chats.publish(data, mimeType).file;
    return this.botMessage(chat, {
      kind: "photo",
      photoUrl: `/sim/files/${encodeURIComponent(file.fileId)}`,
      ...(caption ? { caption } : {}),
    });
  }

  private sendSticker(p: BotApiParams) {
    const chat = this.recipient(p);
    const sticker = p.string("sticker") ?? "";
    if (!/^[A-Za-z0-9]{1,64}$/.test(sticker)) throw badRequest("sticker must be a Zalo sticker id");
    this.spendQuota();
    const known = ZALO_STICKERS.some((candidate) => candidate.id === sticker);
    return this.botMessage(chat, {
      kind: "sticker",
      sticker,
      ...(known ? { stickerUrl: `/zalo/stickers/${sticker}.svg` } : {}),
    });
  }

  /** Only `typing` is available ("upload_photo" is announced as coming soon). */
  private sendChatAction(p: BotApiParams): undefined {
    const chat = this.recipient(p);
    if (p.string("action") !== "typing") throw badRequest("action must be typing");
    this.chats.typing(chat.person.id);
    return undefined;
  }

  private botMessage(chat: ZaloChat, content: Partial<ZaloViewMessage>) {
    const message = this.chats.addMessage(chat.person.id, {
      message_id: newZaloMessageId(),
      date: Date.now(),
      outgoing: true,
      kind: "text",
      ...content,
    });
    return { message_id: message.message_id, date: message.date };
  }

  /**
   * The chat a send goes to: someone who has written to the bot. GUESS: sending to an id the
   * bot has never heard from (a bot cannot start a chat on Zalo) answers 404 "Not found".
   */
  private recipient(p: BotApiParams): ZaloChat {
    const chatId = p.string("chat_id") ?? "";
    if (chatId === "") throw badRequest("chat_id is required");
    if (!ZALO_ID.test(chatId)) throw badRequest("chat_id is invalid");
    const chat = this.botUsers.has(chatId) ? this.chats.chatByZaloId(chatId) : undefined;
    if (!chat) throw new ZaloApiError(404, "Not found");
    return chat;
  }

  /** A text parameter of 1–2,000 characters (UTF-16 units, as the platform's Java counts). */
  private textParam(p: BotApiParams, name: string, required: boolean): string | undefined {
    const value = p.string(name);
    if (value === undefined || value === "") {
      if (required) throw badRequest(`${name} is required`);
      return undefined;
    }
    if (value.length > MAX_TEXT) throw badRequest(`${name} must be 1 to ${MAX_TEXT} characters`);
    return value;
  }

  /** Markup stripped and turned into styles; `text_styles` only without a `parse_mode`. */
  private styledText(p: BotApiParams, raw: string): StyledText {
    const parseMode = p.string("parse_mode");
    if (parseMode === "html") return parseZaloHtml(raw);
    if (parseMode === "markdown") return parseZaloMarkdown(raw);
    if (parseMode !== undefined && parseMode !== "") {
      throw badRequest('parse_mode must be "html" or "markdown"');
    }
    const styles = p.object<unknown>("text_styles");
    if (styles === undefined) return { text: raw, styles: [] };
    if (styles === "invalid") throw badRequest("text_styles is not valid JSON");
    try {
      return applyTextStyles(raw, styles);
    } catch (error) {
      if (error instanceof ZaloFormatError) throw badRequest(error.message);
      throw error;
    }
  }

  /** Each message sent counts against the month's quota; past it, 429 "Quota exceeded". */
  private spendQuota(): void {
    const month = currentMonth();
    if (this.quota.month !== month) this.quota = { month, used: 0 };
    if (this.quota.used >= this.limits.monthlyQuota) throw new ZaloApiError(429, "Quota exceeded");
    this.quota.used += 1;
  }
}

function errorResponse(error: ZaloApiError): ZaloResponse {
  const body: Record<string, unknown> = error.withCode
    ? { ok: false, error_code: error.status, description: error.description }
    : { ok: false, description: error.description };
  return { status: error.status, body };
}

/** Year and month in Vietnam, when the monthly quota starts again (GUESS: calendar month). */
function currentMonth(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
  }).format(Date.now());
}

/**
 * Downloads a picture as Zalo does before it answers sendPhoto. The fake fetches only from this
 * machine (the real platform only from the public internet), PNG or JPEG up to 10 MB.
 */
async function downloadPhoto(raw: string): Promise<{ data: Buffer; mimeType: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("photo must be a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badRequest("photo must be a URL");
  if (!isLoopbackHost(url.hostname)) {
    throw badRequest("the simulator downloads photos only from this machine (localhost, 127.0.0.1, ::1)");
  }
  let data: Buffer;
  try {
    const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(PHOTO_DOWNLOAD_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_PHOTO_BYTES) throw new Error("too large");
    data = Buffer.from(await response.arrayBuffer());
  } catch {
    throw badRequest("cannot download photo from url");
  }
  if (data.length > MAX_PHOTO_BYTES) throw badRequest("photo is too large");
  const { width } = imageSize(data);
  if (width === 0) throw badRequest("photo is not an image");
  return { data, mimeType: data[0] === 0xff ? "image/jpeg" : "image/png" };
}

/** A sticker's picture for the page and for `url` in sticker events: the emoji, as SVG. */
export function stickerSvg(stickerId: string): string | undefined {
  const sticker = ZALO_STICKERS.find((candidate) => candidate.id === stickerId);
  if (!sticker) return undefined;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">` +
    `<text x="60" y="84" font-size="72" text-anchor="middle">${sticker.emoji}</text></svg>`
  );
}

/** A random Zalo-shaped token for this run: `<bot id>:<secret>`. */
export function newZaloToken(): string {
  return `${ZALO_BOT.id.slice(0, 10)}:${randomBytes(24).toString("base64url")}`;
}
