import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { isLoopbackHost } from "../../shared/loopback.js";
import { MalformedRequest, parseMultipart, RequestTooLarge, readBody } from "../request-params.js";

/**
 * A fake of the Zalo Official Account API (docs: /work/shared/docs/zalo.md), served by the
 * simulator under `/zalo-oa/`. Zalo's three hosts become three prefixes:
 * - `https://oauth.zaloapp.com`          → `/zalo-oa/oauth`    (consent, tokens)
 * - `https://openapi.zalo.me`            → `/zalo-oa/openapi`  (messages, uploads, user detail)
 * - `https://business.openapi.zalo.me`   → `/zalo-oa/business` (ZNS template messages)
 * and the events of the OA's people are posted, signed, to the webhook set with `setWebhook`
 * (in real life: the app's page on developers.zalo.me).
 *
 * Where the doc marks a point UNCONFIRMED, or names no error code, the choice made here is
 * marked "UNCONFIRMED" and listed in the README's points to confirm on a live OA.
 */

export interface ZaloOaOptions {
  appId: string;
  appSecret: string;
  /** The OA's secret key, which signs webhook events (see `macSecret`). */
  oaSecretKey: string;
  oaId: string;
  /** The console's "Official Account Callback Url"; the consent redirects only there. */
  callbackUrl: string | undefined;
  /**
   * Which secret ends the webhook's mac: the OA secret key (B1, C1) or the app secret (T2).
   * UNCONFIRMED: the default follows the two working sources.
   */
  macSecret: "oa" | "app";
  /** The mac's first term: `app_id` (S2, C1, B1) or `oa_id` (T2, UNCONFIRMED). */
  macId: "app_id" | "oa_id";
  /** Whether consultation messages 48 h–7 days after the last interaction may be sent (billed). */
  paidAllowed: boolean;
  /** Free consultation messages per calendar month (Growth package: 2,000). */
  monthlyFreeQuota: number;
  /** Each event delivered twice (Zalo re-delivers; the bot must drop the second). */
  duplicateDeliveries: boolean;
  /** API requests per minute per app (4,000 per T1); past it `-32` until the minute is over. */
  rateLimitPerMinute: number;
  /** ZNS templates the OA has had approved: id → the data fields it takes and its tag. */
  znsTemplates: Record<string, { fields: string[]; tag: 1 | 2 | 3 }>;
  /** ZNS messages a day (Vietnam's calendar day), as `quota.dailyQuota` says; past it refused. */
  znsDailyQuota: number;
  /** The fake's clock in ms; tests move it with {@link ZaloOaFake.advance}. */
  now: () => number;
}

export const ZALO_OA_DEFAULTS: ZaloOaOptions = {
  appId: "3011000000000000001",
  appSecret: "sim-app-secret",
  oaSecretKey: "sim-oa-secret-key",
  oaId: "4011000000000000001",
  callbackUrl: undefined,
  macSecret: "oa",
  macId: "app_id",
  paidAllowed: false,
  monthlyFreeQuota: 2000,
  duplicateDeliveries: false,
  rateLimitPerMinute: 4000,
  znsTemplates: {
    "300001": { fields: ["ten", "khoa_hoc", "thoi_gian", "dia_diem"], tag: 2 },
    "300002": { fields: ["ten", "noi_dung", "han"], tag: 1 },
  },
  znsDailyQuota: 500,
  now: () => Date.now(),
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Lifetimes per the doc (T1): access 25 h, refresh 3 months, authorization code 10 min. */
export const ACCESS_TOKEN_MS = 25 * HOUR;
export const REFRESH_TOKEN_MS = 90 * DAY;
const CODE_MS = 10 * 60_000;
const FREE_WINDOW_MS = 48 * HOUR;
const PAID_WINDOW_MS = 7 * DAY;
const ASSET_MS = 7 * DAY;
const MAX_TEXT = 2000;
const MAX_BUTTONS = 5;
const MAX_IMAGE_BYTES = 1024 * 1024;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 10_000;
const BUTTON_TYPES = new Set([
  "oa.open.url",
  "oa.query.show",
  "oa.query.hide",
  "oa.open.phone",
  "oa.open.sms",
]);

/** Error codes of the OA API (HTTP 200 with `error ≠ 0`). */
export const OA_ERROR = {
  /** Rate limit (retryable). */
  rateLimited: -32,
  /** Asset expired (7 days after upload; retryable per C1). */
  assetExpired: -100,
  /** UNCONFIRMED: the doc names no code for a malformed request; -201 "invalid parameter". */
  invalidParameter: -201,
  /** UNCONFIRMED: the doc names no code for a used-up quota; -211 "out of quota". */
  outOfQuota: -211,
  notFollower: -213,
  invalidToken: -216,
  blocked: -217,
  expiredToken: -220,
  /** No interaction within 7 days. */
  noInteraction7Days: -230,
  /** Interaction expired: used here for 48 h–7 d when paid messages are not allowed (UNCONFIRMED). */
  interactionExpired: -232,
  /** ZNS night ban (22:00–06:00) for promotional templates. */
  nightBan: -133,
  /** ZNS codes from Zalo's table (zalo.cloud/zns/guidelines/handle-error-code). */
  znsPhoneInvalid: -108,
  znsTemplateInvalid: -109,
  znsDataEmpty: -111,
  znsDataInvalid: -112,
  /** UNCONFIRMED: the code ZNS answers when the OA's daily quota is used up. */
  znsDailyQuota: -144,
} as const;

/**
 * OAuth errors. UNCONFIRMED: the doc quotes none; these follow the -14xxx family of -14003
 * (redirect_uri mismatch, T2).
 */
export const OAUTH_ERROR = {
  redirectUriMismatch: -14003,
  invalidAppId: -14001,
  invalidSecretKey: -14002,
  invalidCode: -14019,
  invalidRefreshToken: -14020,
  invalidCodeVerifier: -14022,
} as const;

export interface OaPerson {
  /** The simulator's person. */
  personId: number;
  userId: string;
  displayName: string;
  phone: string;
  follower: boolean;
  blocked: boolean;
  /** ms of the person's last interaction (message, follow, button tap, form); 0 = never. */
  lastInteraction: number;
  sharedPhone: string | undefined;
}

/** A message the OA sent, as the person sees it. */
export interface OaSentMessage {
  msgId: string;
  userId: string;
  at: number;
  kind: "text" | "image" | "file" | "request_user_info";
  text: string;
  buttons: { title: string; type: string; payload: unknown }[];
  attachment?: { url?: string; attachmentId?: string; fileName?: string };
  requestInfo?: { title: string; subtitle: string; imageUrl: string };
  quoteMessageId?: string;
  /** "free" within 48 h; "paid" 48 h–7 d. */
  billing: "free" | "paid";
}

/** One line of a person's OA chat as the chat page shows it (both directions). */
export interface OaChatItem {
  msgId: string;
  outgoing: boolean;
  at: number;
  kind: "text" | "image" | "file" | "location" | "sticker" | "request_user_info" | "follow" | "submit_info";
  text: string;
  buttons?: OaSentMessage["buttons"];
  url?: string;
  fileName?: string;
  requestInfo?: OaSentMessage["requestInfo"];
}

export interface OaZnsMessage {
  msgId: string;
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string | undefined;
  mode: string | undefined;
  at: number;
}

export interface OaDelivery {
  body: string;
  signature: string;
  status: number | "failed";
  eventName: string;
}

interface Upload {
  kind: "image" | "file";
  id: string;
  data: Buffer;
  mimeType: string;
  fileName: string;
  at: number;
}

type Json = Record<string, unknown>;

class OaError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class ZaloOaFake {
  readonly options: ZaloOaOptions;
  /** The webhook the events go to (the app's `/zalo-oa/webhook`, say); loopback hosts only. */
  webhookUrl: string | undefined;
  /** The simulator's base URL, for the links of uploaded files (set once it listens). */
  baseUrl = "";
  /** Every ZNS template message accepted. */
  readonly zns: OaZnsMessage[] = [];
  /** Every webhook delivery attempt, in order. */
  readonly deliveries: OaDelivery[] = [];
  private offset = 0;
  private readonly codes = new Map<string, { expiresAt: number; challenge: string | undefined }>();
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Map<string, { expiresAt: number; used: boolean }>();
  private readonly people = new Map<string, OaPerson>();
  private readonly sent: OaSentMessage[] = [];
  private readonly chatLog = new Map<string, OaChatItem[]>();
  /** Called with each new line of a chat (the simulator turns it into a page event). */
  onChatItem: ((person: OaPerson, item: OaChatItem) => void) | undefined;
  private readonly uploads = new Map<string, Upload>();
  private readonly quota = { month: "", used: 0 };
  private readonly rate = { minute: 0, used: 0 };
  private webhookQueue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    options: Partial<ZaloOaOptions> = {},
    private readonly logger?: Logger,
  ) {
    this.options = { ...ZALO_OA_DEFAULTS, ...options };
  }

  /** The fake's time: its clock plus however far tests have moved it. */
  now(): number {
    return this.options.now() + this.offset;
  }

  /** Moves the fake's clock forward (token expiry, message windows). */
  advance(ms: number): void {
    this.offset += ms;
  }

  stop(): void {
    this.stopped = true;
  }

  // ---- people --------------------------------------------------------------------------------

  /** A person of the simulator on the OA; `user_id` is a per-OA numeric string above 2^53. */
  person(personId: number, displayName: string, phone: string): OaPerson {
    const userId = oaUserId(personId);
    let person = this.people.get(userId);
    if (!person) {
      person = {
        personId,
        userId,
        displayName,
        phone,
        follower: false,
        blocked: false,
        lastInteraction: 0,
        sharedPhone: undefined,
      };
      this.people.set(userId, person);
    }
    return person;
  }

  personById(userId: string): OaPerson | undefined {
    return this.people.get(userId);
  }

  /** What the OA sent to a person, oldest first. */
  messagesTo(userId: string): OaSentMessage[] {
    return this.sent.filter((message) => message.userId === userId);
  }

  /** A person's OA chat, oldest first. */
  chat(userId: string): OaChatItem[] {
    return this.chatLog.get(userId) ?? [];
  }

  private log(person: OaPerson, item: Omit<OaChatItem, "at">): void {
    const full = { ...item, at: this.now() };
    const log = this.chatLog.get(person.userId) ?? [];
    log.push(full);
    this.chatLog.set(person.userId, log);
    this.onChatItem?.(person, full);
  }

  /** A file the person sends (the page's upload): served at a public link, like Zalo's CDN. */
  publish(data: Buffer, mimeType: string, fileName: string): string {
    const id = randomToken(24);
    this.uploads.set(id, {
      kind: mimeType.startsWith("image/") ? "image" : "file",
      id,
      data,
      mimeType,
      fileName,
      at: this.now(),
    });
    return `${this.baseUrl}/zalo-oa/media/${id}`;
  }

  /** Consultation messages counted against this month's free quota. */
  quotaUsed(): number {
    return this.quota.month === this.month() ? this.quota.used : 0;
  }

  // ---- what the person does (each one an event for the webhook) --------------------------------

  follow(person: OaPerson): Promise<void> {
    person.follower = true;
    this.interacted(person);
    this.log(person, { msgId: newMsgId(), outgoing: false, kind: "follow", text: "" });
    return this.emit({
      app_id: this.options.appId,
      oa_id: this.options.oaId,
      event_name: "follow",
      timestamp: String(this.now()),
      user_id_by_app: userIdByApp(person.userId),
      follower: { id: person.userId },
      source: "oa_profile",
    });
  }

  unfollow(person: OaPerson): Promise<void> {
    person.follower = false;
    return this.emit({
      app_id: this.options.appId,
      oa_id: this.options.oaId,
      event_name: "unfollow",
      timestamp: String(this.now()),
      user_id_by_app: userIdByApp(person.userId),
      follower: { id: person.userId },
      source: "oa_profile",
    });
  }

  sendText(person: OaPerson, text: string, quoteMsgId?: string): Promise<string> {
    return this.userMessage(
      person,
      "user_send_text",
      { text, ...(quoteMsgId ? { quote_msg_id: quoteMsgId } : {}) },
      { kind: "text", text },
    );
  }

  /**
   * A tap on an `oa.query.show`/`oa.query.hide` button: a `user_send_text` whose text is the
   * button's payload (the event does not say which message the button belonged to).
   */
  tapButton(person: OaPerson, msgId: string, title: string): Promise<string> {
    const message = this.sent.find((sent) => sent.msgId === msgId && sent.userId === person.userId);
    const button = message?.buttons.find((candidate) => candidate.title === title);
    if (!button || (button.type !== "oa.query.show" && button.type !== "oa.query.hide")) {
      throw new Error(`no query button "${title}" on message ${msgId}`);
    }
    return this.sendText(person, String(button.payload));
  }

  sendImage(person: OaPerson, url: string, caption = ""): Promise<string> {
    return this.userMessage(
      person,
      "user_send_image",
      {
        text: caption,
        attachments: [{ type: "image", payload: { url, thumbnail: url } }],
      },
      { kind: "image", text: caption, url },
    );
  }

  sendFile(
    person: OaPerson,
    file: { url: string; name: string; size: number; data?: Buffer },
  ): Promise<string> {
    const checksum = file.data ? createHash("md5").update(file.data).digest("hex") : "";
    const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
    return this.userMessage(
      person,
      "user_send_file",
      {
        attachments: [
          {
            type: "file",
            payload: { url: file.url, size: String(file.size), name: file.name, checksum, type: extension },
          },
        ],
      },
      { kind: "file", text: "", url: file.url, fileName: file.name },
    );
  }

  /** Coordinates are strings and `message.text` holds the place's name (C1's logged payload). */
  sendLocation(person: OaPerson, latitude: number, longitude: number, placeName = ""): Promise<string> {
    return this.userMessage(
      person,
      "user_send_location",
      {
        text: placeName,
        attachments: [
          {
            type: "location",
            payload: { coordinates: { latitude: String(latitude), longitude: String(longitude) } },
          },
        ],
      },
      { kind: "location", text: placeName || `${latitude}, ${longitude}` },
    );
  }

  sendSticker(person: OaPerson, stickerId: string, url: string): Promise<string> {
    return this.userMessage(
      person,
      "user_send_sticker",
      {
        attachments: [{ type: "sticker", payload: { id: stickerId, url } }],
      },
      { kind: "sticker", text: "", url },
    );
  }

  /** The person submits the `request_user_info` form; the phone as Zalo gives it, `84…`. */
  submitInfo(
    person: OaPerson,
    info: { name?: string; phone?: string; address?: string } = {},
  ): Promise<void> {
    const phone = toZaloPhone(info.phone ?? person.phone);
    person.sharedPhone = phone;
    this.interacted(person);
    this.log(person, { msgId: newMsgId(), outgoing: false, kind: "submit_info", text: phone });
    return this.emit({
      app_id: this.options.appId,
      event_name: "user_submit_info",
      timestamp: String(this.now()),
      user_id_by_app: userIdByApp(person.userId),
      sender: { id: person.userId },
      recipient: { id: this.options.oaId },
      info: {
        name: info.name ?? person.displayName,
        phone,
        address: info.address ?? "",
        city: "",
        district: "",
        ward: "",
      },
    });
  }

  private async userMessage(
    person: OaPerson,
    eventName: string,
    message: Json,
    view: Omit<OaChatItem, "msgId" | "outgoing" | "at">,
  ): Promise<string> {
    const msgId = newMsgId();
    this.interacted(person);
    this.log(person, { msgId, outgoing: false, ...view });
    await this.emit({
      app_id: this.options.appId,
      user_id_by_app: userIdByApp(person.userId),
      event_name: eventName,
      timestamp: String(this.now()),
      sender: { id: person.userId },
      recipient: { id: this.options.oaId },
      message: { msg_id: msgId, ...message },
    });
    return msgId;
  }

  private interacted(person: OaPerson): void {
    person.lastInteraction = this.now();
  }

  // ---- webhook ---------------------------------------------------------------------------------

  /** `mac=<hex>`: plain SHA-256 of `id + rawBody + timestamp + secret` (S2 MacUtils, C1, B1). */
  signature(rawBody: string, timestamp: string): string {
    const id = this.options.macId === "oa_id" ? this.options.oaId : this.options.appId;
    const secret = this.options.macSecret === "app" ? this.options.appSecret : this.options.oaSecretKey;
    return `mac=${createHash("sha256").update(`${id}${rawBody}${timestamp}${secret}`, "utf8").digest("hex")}`;
  }

  /** Queues an event for the webhook (in order); resolves once it has been delivered or failed. */
  private emit(event: Json): Promise<void> {
    const rawBody = JSON.stringify(event);
    const times = this.options.duplicateDeliveries ? 2 : 1;
    const eventName = String(event.event_name);
    const next = this.webhookQueue.then(async () => {
      for (let i = 0; i < times; i++) await this.deliver(rawBody, String(event.timestamp), eventName);
    });
    this.webhookQueue = next;
    return next;
  }

  private async deliver(rawBody: string, timestamp: string, eventName: string): Promise<void> {
    const url = this.webhookUrl;
    if (!url || this.stopped) return;
    const signature = this.signature(rawBody, timestamp);
    const record: OaDelivery = { body: rawBody, signature, status: "failed", eventName };
    this.deliveries.push(record);
    if (!isLoopbackHost(new URL(url).hostname)) {
      this.logger?.warn({ url }, "Zalo OA fake: webhook refused (not this machine)");
      return;
    }
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-zevent-signature": signature },
        body: rawBody,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      record.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      this.logger?.warn({ err: error, url }, "Zalo OA fake: webhook delivery failed");
    }
  }

  /** Resolves when every event emitted so far has been delivered. */
  settled(): Promise<void> {
    return this.webhookQueue;
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  /** Serves `/zalo-oa/…`; answers every request itself. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice("/zalo-oa".length);
    const verb = request.method ?? "GET";
    try {
      if (verb === "GET" && path === "/oauth/v4/oa/permission") return this.consentPage(response, url);
      if (verb === "GET" && path === "/oauth/v4/oa/permission/grant") return this.grant(response, url);
      if (verb === "POST" && path === "/oauth/v4/oa/access_token") {
        return json(response, await this.accessToken(request));
      }
      if (verb === "GET" && path.startsWith("/media/"))
        return this.media(response, path.slice("/media/".length));
      const routes: Record<string, (body: Buffer) => Json> = {
        "POST /openapi/v3.0/oa/message/cs": (body) => this.sendCs(parseJson(body)),
        "POST /openapi/v2.0/oa/upload/image": (body) => this.upload("image", request, body),
        "POST /openapi/v2.0/oa/upload/file": (body) => this.upload("file", request, body),
        "GET /openapi/v3.0/oa/user/detail": () => this.userDetail(url),
        "POST /openapi/v3.0/oa/quota/message": (body) => this.quotaMessage(parseJson(body)),
        "POST /business/message/template": (body) => this.sendZns(parseJson(body)),
      };
      const route = routes[`${verb} ${path}`];
      if (!route) return json(response, { error: 404, message: "Not found" }, 404);
      const body = verb === "POST" ? await readBody(request) : Buffer.alloc(0);
      const remain = this.countRequest();
      response.setHeader("X-RateLimit-Limit", String(this.options.rateLimitPerMinute));
      response.setHeader("X-RateLimit-Remain", String(Math.max(0, remain)));
      try {
        if (remain < 0) throw new OaError(OA_ERROR.rateLimited, "Request exceeded the rate limit");
        this.checkAccessToken(request);
        return json(response, { error: 0, message: "Success", data: route(body) });
      } catch (error) {
        if (error instanceof OaError) return json(response, { error: error.code, message: error.message });
        throw error;
      }
    } catch (error) {
      if (error instanceof RequestTooLarge)
        return json(response, { error: -201, message: error.message }, 413);
      if (error instanceof MalformedRequest) {
        return json(response, { error: OA_ERROR.invalidParameter, message: error.message });
      }
      throw error;
    }
  }

  /** Counts an API request in the current minute; what is left of it (negative: over the limit). */
  private countRequest(): number {
    const minute = Math.floor(this.now() / 60_000);
    if (this.rate.minute !== minute) Object.assign(this.rate, { minute, used: 0 });
    this.rate.used += 1;
    return this.options.rateLimitPerMinute - this.rate.used;
  }

  // ---- OAuth v4 --------------------------------------------------------------------------------

  /** The consent page the OA's admin opens; "Cho phép" leads to the grant. */
  private consentPage(response: ServerResponse, url: URL): void {
    const problem = this.consentProblem(url);
    if (problem) {
      json(response, problem);
      return;
    }
    const grant = `/zalo-oa/oauth/v4/oa/permission/grant?${url.searchParams.toString()}`;
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cấp quyền cho ứng dụng</title>` +
        `<p>Ứng dụng ${escapeHtml(this.options.appId)} xin quyền quản lý Official Account ${escapeHtml(this.options.oaId)}.</p>` +
        `<p><a id="grant" href="${escapeHtml(grant)}">Cho phép</a></p></html>`,
    );
  }

  private grant(response: ServerResponse, url: URL): void {
    const problem = this.consentProblem(url);
    if (problem) {
      json(response, problem);
      return;
    }
    const code = randomToken(48);
    this.codes.set(code, {
      expiresAt: this.now() + CODE_MS,
      challenge: url.searchParams.get("code_challenge") || undefined,
    });
    const target = new URL(url.searchParams.get("redirect_uri") ?? "");
    target.searchParams.set("code", code);
    target.searchParams.set("oa_id", this.options.oaId);
    const state = url.searchParams.get("state");
    if (state !== null) target.searchParams.set("state", state);
    response.writeHead(302, { location: target.toString(), "cache-control": "no-store" });
    response.end();
  }

  private consentProblem(url: URL): Json | undefined {
    if (url.searchParams.get("app_id") !== this.options.appId) {
      return { error: OAUTH_ERROR.invalidAppId, error_name: "Invalid app_id" };
    }
    const redirect = url.searchParams.get("redirect_uri") ?? "";
    const configured = this.options.callbackUrl;
    if (!URL.canParse(redirect) || (configured !== undefined && redirect !== configured)) {
      return { error: OAUTH_ERROR.redirectUriMismatch, error_name: "Invalid redirect_uri" };
    }
    return undefined;
  }

  /** Exchange and refresh: a form body and the app secret in a `secret_key` header. */
  private async accessToken(request: IncomingMessage): Promise<Json> {
    const body = new URLSearchParams((await readBody(request)).toString("utf8"));
    if (request.headers.secret_key !== this.options.appSecret) {
      return { error: OAUTH_ERROR.invalidSecretKey, error_name: "Invalid secret_key" };
    }
    if (body.get("app_id") !== this.options.appId) {
      return { error: OAUTH_ERROR.invalidAppId, error_name: "Invalid app_id" };
    }
    const now = this.now();
    const grantType = body.get("grant_type");
    if (grantType === "authorization_code") {
      const code = body.get("code") ?? "";
      const entry = this.codes.get(code);
      // A code is single-use: gone on the first exchange, valid or not.
      this.codes.delete(code);
      if (!entry || entry.expiresAt <= now) {
        return { error: OAUTH_ERROR.invalidCode, error_name: "Invalid authorization code" };
      }
      if (entry.challenge !== undefined && s256(body.get("code_verifier") ?? "") !== entry.challenge) {
        return { error: OAUTH_ERROR.invalidCodeVerifier, error_name: "Invalid code_verifier" };
      }
      return this.issuePair();
    }
    if (grantType === "refresh_token") {
      const token = body.get("refresh_token") ?? "";
      const entry = this.refreshTokens.get(token);
      if (!entry || entry.used || entry.expiresAt <= now) {
        return { error: OAUTH_ERROR.invalidRefreshToken, error_name: "Invalid refresh_token" };
      }
      // Single-use and rotating: this one is spent, a new one comes with the new access token.
      entry.used = true;
      return this.issuePair();
    }
    return { error: OAUTH_ERROR.invalidCode, error_name: "Invalid grant_type" };
  }

  private issuePair(): Json {
    const accessToken = randomToken(96);
    const refreshToken = randomToken(96);
    this.accessTokens.set(accessToken, this.now() + ACCESS_TOKEN_MS);
    this.refreshTokens.set(refreshToken, { expiresAt: this.now() + REFRESH_TOKEN_MS, used: false });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: String(ACCESS_TOKEN_MS / 1000),
    };
  }

  /** A bare `access_token` header (not Bearer). */
  private checkAccessToken(request: IncomingMessage): void {
    const token = request.headers.access_token;
    const expiresAt = typeof token === "string" ? this.accessTokens.get(token) : undefined;
    if (expiresAt === undefined) throw new OaError(OA_ERROR.invalidToken, "Access token is invalid");
    if (expiresAt <= this.now()) throw new OaError(OA_ERROR.expiredToken, "Access token has expired");
  }

  // ---- sending ---------------------------------------------------------------------------------

  private sendCs(body: Json): Json {
    const recipient = asObject(body.recipient);
    const message = asObject(body.message);
    if (!recipient || !message) throw invalid("recipient and message are required");
    const person = this.recipient(recipient);
    const text = typeof message.text === "string" ? message.text : "";
    if (text.length > MAX_TEXT) throw invalid(`text is longer than ${MAX_TEXT} characters`);
    const attachment = asObject(message.attachment);
    const quote = typeof message.quote_message_id === "string" ? message.quote_message_id : undefined;
    const draft = this.buildMessage(text, attachment);
    if (!draft.text && draft.kind === "text") throw invalid("message.text is empty");

    if (!person.follower && person.lastInteraction === 0)
      throw new OaError(OA_ERROR.notFollower, "User is not a follower");
    if (person.blocked) throw new OaError(OA_ERROR.blocked, "User has blocked the OA");
    const age = this.now() - person.lastInteraction;
    if (age > PAID_WINDOW_MS) {
      throw new OaError(
        OA_ERROR.noInteraction7Days,
        "User has not interacted with the OA in the last 7 days",
      );
    }
    const billing = age <= FREE_WINDOW_MS ? "free" : "paid";
    if (billing === "paid" && !this.options.paidAllowed) {
      throw new OaError(OA_ERROR.interactionExpired, "Free interaction window (48 hours) has expired");
    }
    if (billing === "free") {
      if (this.quotaUsed() >= this.options.monthlyFreeQuota) {
        throw new OaError(OA_ERROR.outOfQuota, "Out of quota");
      }
      const month = this.month();
      if (this.quota.month !== month) Object.assign(this.quota, { month, used: 0 });
      this.quota.used += 1;
    }
    const msgId = newMsgId();
    const sent: OaSentMessage = {
      ...draft,
      msgId,
      userId: person.userId,
      at: this.now(),
      billing,
      ...(quote ? { quoteMessageId: quote } : {}),
    };
    this.sent.push(sent);
    this.log(person, {
      msgId,
      outgoing: true,
      kind: sent.kind,
      text: sent.text,
      buttons: sent.buttons,
      ...(sent.attachment?.url ? { url: sent.attachment.url } : {}),
      ...(sent.attachment?.fileName ? { fileName: sent.attachment.fileName } : {}),
      ...(sent.requestInfo ? { requestInfo: sent.requestInfo } : {}),
    });
    void this.echo(sent);
    const total = this.options.monthlyFreeQuota;
    return {
      message_id: msgId,
      user_id: person.userId,
      sent_time: String(sent.at),
      quota:
        billing === "free"
          ? { quota_type: "sub_quota", remain: String(total - this.quotaUsed()), total: String(total) }
          : { quota_type: "purchase_quota", remain: "", total: "" },
    };
  }

  /** `recipient.user_id` (addressing by `recipient.message_id`, S1, is not modelled). */
  private recipient(recipient: Json): OaPerson {
    const userId = typeof recipient.user_id === "string" ? recipient.user_id : undefined;
    if (userId === undefined) throw invalid("recipient.user_id is required");
    const person = this.people.get(userId);
    if (!person) throw new OaError(OA_ERROR.notFollower, "User is not a follower");
    return person;
  }

  private buildMessage(
    text: string,
    attachment: Json | undefined,
  ): Omit<OaSentMessage, "msgId" | "userId" | "at" | "billing"> {
    if (!attachment) return { kind: "text", text, buttons: [] };
    const payload = asObject(attachment.payload);
    if (!payload) throw invalid("attachment.payload is required");
    if (attachment.type === "file") {
      const upload = this.asset("file", payload.token);
      return {
        kind: "file",
        text: "",
        buttons: [],
        attachment: { url: this.mediaUrl(upload), fileName: upload.fileName },
      };
    }
    if (attachment.type !== "template")
      throw invalid(`attachment.type ${String(attachment.type)} is not supported`);
    const buttons = this.buttons(payload.buttons);
    if (payload.template_type === undefined) {
      if (buttons.length === 0) throw invalid("template without template_type needs buttons");
      if (!text) throw invalid("message.text is empty");
      return { kind: "text", text, buttons };
    }
    const elements = Array.isArray(payload.elements) ? payload.elements.map(asObject) : [];
    if (payload.template_type === "media") {
      const element = elements[0];
      if (elements.length !== 1 || !element || element.media_type !== "image") {
        throw invalid("a media template takes one image element");
      }
      if (typeof element.attachment_id === "string") {
        const upload = this.asset("image", element.attachment_id);
        return {
          kind: "image",
          text,
          buttons,
          attachment: { url: this.mediaUrl(upload), attachmentId: upload.id },
        };
      }
      if (typeof element.url !== "string" || !URL.canParse(element.url)) {
        throw invalid("an image element needs url or attachment_id");
      }
      return { kind: "image", text, buttons, attachment: { url: element.url } };
    }
    if (payload.template_type === "request_user_info") {
      const element = elements[0];
      if (elements.length !== 1 || !element) throw invalid("request_user_info takes exactly 1 element");
      const title = typeof element.title === "string" ? element.title : "";
      const subtitle = typeof element.subtitle === "string" ? element.subtitle : "";
      const imageUrl = typeof element.image_url === "string" ? element.image_url : "";
      if (!title || !subtitle || !imageUrl)
        throw invalid("request_user_info needs title, subtitle and image_url");
      return {
        kind: "request_user_info",
        text: title,
        buttons: [],
        requestInfo: { title, subtitle, imageUrl },
      };
    }
    throw invalid(`template_type ${String(payload.template_type)} is not supported`);
  }

  /** ≤ 5 buttons; titles ≤ 100, query payloads ≤ 1,000 characters (T3; UNCONFIRMED limits). */
  private buttons(value: unknown): OaSentMessage["buttons"] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw invalid("buttons must be an array");
    if (value.length > MAX_BUTTONS) throw invalid(`at most ${MAX_BUTTONS} buttons`);
    return value.map((raw) => {
      const button = asObject(raw);
      const title = typeof button?.title === "string" ? button.title : "";
      const type = typeof button?.type === "string" ? button.type : "";
      if (!title || title.length > 100) throw invalid("a button needs a title of at most 100 characters");
      if (!BUTTON_TYPES.has(type)) throw invalid(`button type ${type} is not supported`);
      const payload = button?.payload;
      if (type === "oa.query.show" || type === "oa.query.hide") {
        if (typeof payload !== "string" || payload.length === 0 || payload.length > 1000) {
          throw invalid("a query button's payload is a string of 1–1,000 characters");
        }
      } else if (type === "oa.open.url") {
        const link = asObject(payload)?.url;
        if (typeof link !== "string" || !URL.canParse(link)) throw invalid("oa.open.url needs payload.url");
      }
      return { title, type, payload };
    });
  }

  /** The OA's own messages come back as `oa_send_*` events (sender and recipient swapped). */
  private echo(sent: OaSentMessage): Promise<void> {
    const eventName =
      sent.kind === "image"
        ? "oa_send_image"
        : sent.kind === "file"
          ? "oa_send_file"
          : // UNCONFIRMED: the form's echo is taken to be a template's, a text with buttons a text's.
            sent.kind === "request_user_info"
            ? "oa_send_template"
            : "oa_send_text";
    const attachments =
      sent.kind === "image"
        ? [{ type: "image", payload: { url: sent.attachment?.url, thumbnail: sent.attachment?.url } }]
        : sent.kind === "file"
          ? [{ type: "file", payload: { url: sent.attachment?.url, name: sent.attachment?.fileName } }]
          : undefined;
    return this.emit({
      app_id: this.options.appId,
      event_name: eventName,
      timestamp: String(sent.at),
      sender: { id: this.options.oaId },
      recipient: { id: sent.userId },
      user_id_by_app: userIdByApp(sent.userId),
      message: { msg_id: sent.msgId, text: sent.text, ...(attachments ? { attachments } : {}) },
    });
  }

  // ---- uploads ---------------------------------------------------------------------------------

  /** Multipart field `file`: images jpg/png ≤ 1 MB → attachment_id; files ≤ 5 MB → token. */
  private upload(kind: "image" | "file", request: IncomingMessage, body: Buffer): Json {
    const type = request.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data"))
      throw invalid("multipart/form-data with a file field is required");
    const part = parseMultipart(body, type).find((candidate) => candidate.name === "file");
    if (!part || part.fileName === undefined) throw invalid("the file field is missing");
    const fileName = part.fileName || "file";
    const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
    if (kind === "image") {
      if (!["jpg", "jpeg", "png"].includes(extension)) throw invalid("images must be jpg or png");
      if (part.data.length > MAX_IMAGE_BYTES) throw invalid("images must be at most 1 MB");
    } else {
      // CSV per T3 (UNCONFIRMED).
      if (!["pdf", "doc", "docx", "csv"].includes(extension))
        throw invalid("files must be PDF, DOC, DOCX or CSV");
      if (part.data.length > MAX_FILE_BYTES) throw invalid("files must be at most 5 MB");
    }
    const id = kind === "image" ? randomToken(24) : randomToken(48);
    this.uploads.set(id, {
      kind,
      id,
      data: part.data,
      mimeType: part.contentType || "application/octet-stream",
      fileName,
      at: this.now(),
    });
    return kind === "image" ? { attachment_id: id } : { token: id };
  }

  private asset(kind: "image" | "file", id: unknown): Upload {
    const upload = typeof id === "string" ? this.uploads.get(id) : undefined;
    if (!upload || upload.kind !== kind)
      throw invalid(`unknown ${kind === "image" ? "attachment_id" : "token"}`);
    if (this.now() - upload.at > ASSET_MS) throw new OaError(OA_ERROR.assetExpired, "Attachment has expired");
    return upload;
  }

  private mediaUrl(upload: Upload): string {
    return `${this.baseUrl}/zalo-oa/media/${upload.id}`;
  }

  private media(response: ServerResponse, id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": upload.kind === "image" ? upload.mimeType : "application/octet-stream",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`,
      "x-content-type-options": "nosniff",
    });
    response.end(upload.data);
  }

  // ---- profile, quota, ZNS ---------------------------------------------------------------------

  private userDetail(url: URL): Json {
    const data = asObject(parseJson(Buffer.from(url.searchParams.get("data") ?? "")));
    const userId = typeof data?.user_id === "string" ? data.user_id : "";
    const person = this.people.get(userId);
    if (!person) throw new OaError(OA_ERROR.notFollower, "User is not a follower");
    return {
      user_id: person.userId,
      user_id_by_app: userIdByApp(person.userId),
      display_name: person.displayName,
      user_alias: "",
      avatar: "",
      avatars: { "120": "", "240": "" },
      user_is_follower: person.follower,
      user_last_interaction_date: person.lastInteraction ? vietnamDate(person.lastInteraction) : "",
      is_sensitive: false,
      tags_and_notes_info: { tag_names: [], notes: [] },
      ...(person.sharedPhone
        ? {
            shared_info: {
              address: "",
              city: "",
              district: "",
              phone: person.sharedPhone,
              name: person.displayName,
            },
          }
        : {}),
    };
  }

  private quotaMessage(body: Json): Json {
    const person = this.recipient({ user_id: body.user_id });
    const total = this.options.monthlyFreeQuota;
    return {
      last_interaction: person.lastInteraction ? String(person.lastInteraction) : "",
      cs_reply: { remain: String(Math.max(0, total - this.quotaUsed())), total: String(total) },
      promotion: { remain: "0", total: "0" },
    };
  }

  /**
   * ZNS: `{phone, template_id, template_data, tracking_id, mode}` with the OA's access token.
   * The phone may be `84…`, `0…` or the number without its 0 (Zalo's table, -108); an unknown
   * template is -109, no data -111, a missing field -112; each Vietnamese day allows
   * `znsDailyQuota` messages (UNCONFIRMED code -144).
   */
  private sendZns(body: Json): Json {
    const phone = typeof body.phone === "string" ? body.phone : "";
    if (!/^(84|0)?[35789]\d{8}$/.test(phone))
      throw new OaError(OA_ERROR.znsPhoneInvalid, "Phone number invalid");
    const templateId =
      typeof body.template_id === "string" ? body.template_id : String(body.template_id ?? "");
    const template = Object.hasOwn(this.options.znsTemplates, templateId)
      ? this.options.znsTemplates[templateId]
      : undefined;
    if (!template) throw new OaError(OA_ERROR.znsTemplateInvalid, "Template ID invalid");
    const data = asObject(body.template_data) ?? {};
    if (Object.keys(data).length === 0) throw new OaError(OA_ERROR.znsDataEmpty, "Template data empty");
    const missing = template.fields.filter((field) => typeof data[field] !== "string" || data[field] === "");
    if (missing.length > 0)
      throw new OaError(OA_ERROR.znsDataInvalid, `Template data invalid: ${missing.join(", ")}`);
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Asia/Ho_Chi_Minh",
        hour: "2-digit",
        hourCycle: "h23",
      }).format(this.now()),
    );
    if (template.tag === 3 && (hour >= 22 || hour < 6)) {
      throw new OaError(OA_ERROR.nightBan, "Promotional messages are not sent between 22:00 and 06:00");
    }
    const today = vietnamDate(this.now());
    const sentToday = this.zns.filter((message) => vietnamDate(message.at) === today).length;
    if (sentToday >= this.options.znsDailyQuota)
      throw new OaError(OA_ERROR.znsDailyQuota, "OA has reached its daily ZNS quota");
    const msgId = newMsgId();
    this.zns.push({
      msgId,
      phone,
      templateId,
      templateData: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, String(value)])),
      trackingId: typeof body.tracking_id === "string" ? body.tracking_id : undefined,
      mode: typeof body.mode === "string" ? body.mode : undefined,
      at: this.now(),
    });
    return {
      msg_id: msgId,
      sent_time: String(this.now()),
      quota: {
        dailyQuota: String(this.options.znsDailyQuota),
        remainingQuota: String(this.options.znsDailyQuota - sentToday - 1),
      },
    };
  }

  private month(): string {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
    }).format(this.now());
  }
}

/** A per-OA user id: a numeric string of 19 digits, beyond 2^53 (keep it a string). */
export function oaUserId(personId: number): string {
  return (2_468_000_000_000_000_000n + BigInt(personId)).toString();
}

function userIdByApp(userId: string): string {
  return (BigInt(userId) + 1_000_000_000_000n).toString();
}

/** `0912…` or `+84912…` → `84912…`, as `user_submit_info` gives it. */
export function toZaloPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("84") ? digits : digits.startsWith("0") ? `84${digits.slice(1)}` : digits;
}

function newMsgId(): string {
  return randomBytes(10).toString("hex");
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** PKCE S256: base64url without padding (S1 PKCEUtil). */
function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

function vietnamDate(ms: number): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(ms);
}

function invalid(detail: string): OaError {
  return new OaError(OA_ERROR.invalidParameter, `Invalid parameter: ${detail}`);
}

function parseJson(body: Buffer): Json {
  try {
    const value = JSON.parse(body.toString("utf8")) as unknown;
    const object = asObject(value);
    if (!object) throw new MalformedRequest("the body must be a JSON object");
    return object;
  } catch (error) {
    if (error instanceof MalformedRequest) throw error;
    throw new MalformedRequest("can't parse JSON object");
  }
}

function asObject(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function json(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.end(JSON.stringify(body));
}
