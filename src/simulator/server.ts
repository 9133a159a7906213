import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { z } from "zod";
import type { SimulatorUser } from "../db/demo-data.js";
import { isLoopbackHost } from "../shared/loopback.js";
import { packagePath } from "../shared/package-root.js";
import { normalizePhone } from "../shared/phone.js";
import { SimulatorAccess } from "./access.js";
import { type FloodLimits, SimulatedBotApi } from "./bot-api.js";
import { imageSize } from "./image-size.js";
import { MalformedRequest, parseBotApiParams, RequestTooLarge, readBody } from "./request-params.js";
import { type SimulatorEvent, SimulatorStore } from "./simulator-store.js";
import { SimulatedUsers, UserActionError } from "./user-actions.js";
import { stickerSvg, ZALO_BOT_DISPLAY_NAME, ZaloFake, type ZaloLimits } from "./zalo/zalo-api.js";
import { ZALO_STICKERS, type ZaloChat } from "./zalo/zalo-chats.js";
import { type OaPerson, ZaloOaFake, type ZaloOaOptions } from "./zalo-oa/oa-fake.js";

export interface SimulatorOptions {
  /** A loopback address unless opened to the network on purpose (then `password` is required). */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  users: SimulatorUser[];
  /** The only token the Bot API accepts; by default a random one, new every run (see `token`). */
  token?: string;
  /** HTTP Basic password for the chat page, its API and files; required for a non-loopback host. */
  password?: string;
  limits?: Partial<FloodLimits>;
  /** The only token the Zalo fake accepts (`/zalo/bot<token>/…`); by default random per run. */
  zaloToken?: string;
  /** The Zalo plan's limits and polling behaviour (defaults: Basic plan, a small queue). */
  zalo?: Partial<ZaloLimits>;
  /** The Zalo Official Account fake's app, OA, secrets, windows and quota (`/zalo-oa/…`). */
  zaloOa?: Partial<ZaloOaOptions>;
  /**
   * Several app instances behind a load balancer: the webhook's updates go to these origins in
   * turn (`http://127.0.0.1:8081`…), each to the webhook URL's path (see {@link Simulator.setWebhookBackends}).
   */
  webhookBackends?: string[];
  logger?: Logger;
}

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:8080 — the bot's `apiRoot` and the chat page. */
  url: string;
  port: number;
  /** The bot's token: `/bot<token>/…` and `/file/bot<token>/…` answer 401/404 to any other. */
  token: string;
  /** The chat page's token (in its HTML), required by every page-API request. */
  pageToken: string;
  /** Listening beyond this machine (behind the shared password). */
  remote: boolean;
  /** The Zalo fake's token: `/zalo/bot<token>/…` answers 401 to any other. */
  zaloToken: string;
  store: SimulatorStore;
  api: SimulatedBotApi;
  users: SimulatedUsers;
  /** The fake Zalo Bot Platform, under `/zalo` (`ZALO_API_ROOT = url + "/zalo"`). */
  zalo: ZaloFake;
  /** The fake Zalo Official Account API, under `/zalo-oa` (oauth, openapi, business). */
  zaloOa: ZaloOaFake;
  /**
   * Plays a load balancer in front of several app instances: while a webhook is set, each
   * delivery attempt goes to the next of these origins in turn (round-robin), at the webhook
   * URL's path, with its secret header; an empty list delivers to the webhook URL itself.
   */
  setWebhookBackends(origins: string[]): void;
  /** Webhook deliveries answered 2xx, per origin they went to. */
  webhookDeliveries: Map<string, number>;
  close(): Promise<void>;
}

const PAGE_DIR = `${packagePath("src", "simulator", "page")}/`;
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/index.html": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/app.css": { file: "app.css", type: "text/css; charset=utf-8" },
  "/zalo.js": { file: "zalo.js", type: "text/javascript; charset=utf-8" },
  "/zalo-oa.js": { file: "zalo-oa.js", type: "text/javascript; charset=utf-8" },
};
const TOKEN = "(\\d+:[A-Za-z0-9_-]+)";
/** The verbs Telegram takes for Bot API methods. */
const BOT_API_VERBS = new Set(["GET", "POST"]);
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const PAGE_TOKEN_PLACEHOLDER = "{{PAGE_TOKEN}}";
/** The page loads only its own script, styles, pictures and API, and is never framed. */
const PAGE_SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; " +
    "form-action 'self'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
const BOT_METHOD = new RegExp(`^/bot${TOKEN}/([A-Za-z]+)$`);
const BOT_FILE = new RegExp(`^/file/bot${TOKEN}/(.+)$`);
const CHAT_ACTION = /^\/sim\/api\/chats\/(\d+)(?:\/([a-z]+))?$/;
const ZALO_CHAT_ACTION = /^\/sim\/api\/zalo\/chats\/(\d+)(?:\/([a-z]+))?$/;
const ZALO_METHOD = /^\/zalo\/bot([^/]*)\/([^/]*)$/;
const MAX_ZALO_USER_TEXT = 4096;
const ZALO_OA_CHAT_ACTION = /^\/sim\/api\/zalo-oa\/chats\/(\d+)(?:\/([a-z]+))?$/;

const newUserSchema = z.object({
  firstName: z.string().trim().min(1).max(64),
  lastName: z.string().trim().max(64).optional(),
  phoneNumber: z.string().trim().min(6).max(20),
});
/** A file the person picks in the page travels as base64 inside JSON, like everything else. */
const base64Data = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "data phải là base64" });
const mimeType = z.string().regex(MIME_TYPE, { error: "mimeType không hợp lệ" });
const photoSchema = z.object({
  data: base64Data,
  mimeType: mimeType.default("image/jpeg"),
  caption: z.string().max(1024).optional(),
});
const documentSchema = z.object({
  data: base64Data,
  mimeType: mimeType.default("application/octet-stream"),
  fileName: z.string().trim().min(1).max(255),
});

/**
 * A local stand-in for Telegram: the Bot API over HTTP for the bot (long polling or webhook),
 * and a web chat page through which a person plays any simulated user. Everything is in
 * memory; nothing leaves the machine. Whoever reaches the page can act as anyone, so it is
 * guarded as {@link SimulatorAccess} describes.
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const store = new SimulatorStore(options.users);
  const access = new SimulatorAccess({
    host: options.host,
    botId: store.bot.id,
    ...(options.token ? { token: options.token } : {}),
    ...(options.zaloToken ? { zaloToken: options.zaloToken } : {}),
    ...(options.password ? { password: options.password } : {}),
  });
  const api = new SimulatedBotApi(store, {
    perChat: options.limits?.perChat ?? 0,
    global: options.limits?.global ?? 0,
  });
  const users = new SimulatedUsers(store);
  const zalo = new ZaloFake(store.zalo, options.zalo, options.logger);
  const zaloOa = new ZaloOaFake(options.zaloOa, options.logger);
  zaloOa.onChatItem = (person, message) =>
    store.emitEvent({ type: "zalo_oa_message", chatId: person.personId, message });
  const webhook = new WebhookDeliverer(store, api, options.logger);
  const sseClients = new Set<ServerResponse>();
  let nextUserId = 720_000_001;

  const onEvent = (event: SimulatorEvent) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(line);
  };
  store.on("event", onEvent);
  store.on("update", () => webhook.pump());

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger?.error({ err: error, url: request.url }, "simulator request failed");
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://simulator.local");
    const path = url.pathname;
    const method = request.method ?? "GET";
    if (!access.hostAllowed(request)) {
      // A page of another site that made its name point here (DNS rebinding).
      return sendJson(response, 403, {
        ok: false,
        error_code: 403,
        description: "Forbidden: the simulator answers only as localhost or 127.0.0.1",
      });
    }

    const botMethod = BOT_METHOD.exec(path);
    if (botMethod) {
      if (!access.isBotToken(botMethod[1] ?? "")) {
        return sendJson(response, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      }
      if (!BOT_API_VERBS.has(method)) {
        return sendJson(response, 405, { ok: false, error_code: 405, description: "Method Not Allowed" });
      }
      return handleBotApi(request, response, url, botMethod[2] ?? "");
    }
    if (path.startsWith("/zalo/")) return handleZalo(request, response, url);
    // The OA API authenticates by its own tokens (OAuth v4), like Zalo's servers; only the
    // consent page, where an OA admin would log in, is the page's (behind the password).
    if (path.startsWith("/zalo-oa/") && !path.startsWith("/zalo-oa/oauth/v4/oa/permission")) {
      return zaloOa.handle(request, response, url);
    }
    const botFile = BOT_FILE.exec(path);
    if (botFile) {
      const filePath =
        access.isBotToken(botFile[1] ?? "") && method === "GET" ? decode(botFile[2]) : undefined;
      return sendFile(response, filePath === undefined ? undefined : store.fileByPath(filePath));
    }
    if (path === "/healthz") return sendJson(response, 200, { ok: true });

    // Everything below is the chat page's: behind the shared password when there is one.
    if (!access.passwordAccepted(request)) {
      response.writeHead(401, {
        "www-authenticate": 'Basic realm="Tro ly Giam ngheo - trinh gia lap", charset="UTF-8"',
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
      });
      response.end("Trình giả lập cần mật khẩu dùng chung (SIMULATOR_PASSWORD).\n");
      return;
    }
    if (path.startsWith("/zalo-oa/")) return zaloOa.handle(request, response, url);
    if (path.startsWith("/sim/files/")) {
      const fileId = method === "GET" ? decode(path.slice("/sim/files/".length)) : undefined;
      return sendFile(response, fileId === undefined ? undefined : store.file(fileId));
    }
    if (path.startsWith("/sim/api/")) {
      const refusal = access.pageApiRefusal(request, url);
      if (refusal) return sendJson(response, refusal.status, { ok: false, description: refusal.description });
      if (path === "/sim/api/events") return openEventStream(request, response);
      return handlePageApi(request, response, url);
    }

    const asset = STATIC_FILES[path];
    if (asset && method === "GET") {
      let body = await readFile(`${PAGE_DIR}${asset.file}`);
      const headers: Record<string, string> = { "content-type": asset.type, "cache-control": "no-cache" };
      if (asset.file === "index.html") {
        // The page's token travels only inside the page, which another site cannot read.
        body = Buffer.from(body.toString("utf8").replace(PAGE_TOKEN_PLACEHOLDER, access.pageToken));
        Object.assign(headers, PAGE_SECURITY_HEADERS, { "cache-control": "no-store" });
      } else headers["x-content-type-options"] = "nosniff";
      response.writeHead(200, headers);
      response.end(body);
      return;
    }
    sendJson(response, 404, { ok: false, error_code: 404, description: "Not Found" });
  }

  async function handleBotApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    method: string,
  ): Promise<void> {
    let params: Awaited<ReturnType<typeof parseBotApiParams>>;
    try {
      params = await parseBotApiParams(request, url);
    } catch (error) {
      if (error instanceof RequestTooLarge) {
        return sendJson(response, 413, {
          ok: false,
          error_code: 413,
          description: "Request Entity Too Large",
        });
      }
      if (error instanceof MalformedRequest) {
        return sendJson(response, 400, {
          ok: false,
          error_code: 400,
          description: `Bad Request: ${error.message}`,
        });
      }
      throw error;
    }
    const clientGone = new AbortController();
    response.on("close", () => clientGone.abort());
    const result = await api.call(method, params, clientGone.signal);
    // Updates that were waiting when the webhook was set go out now, not with the next update.
    if (result.ok && method.toLowerCase() === "setwebhook") webhook.pump(true);
    if (response.destroyed) return;
    sendJson(response, result.ok ? 200 : result.error_code, result);
  }

  /**
   * The Zalo fake: `/zalo/bot<token>/<method>` (GET or POST, any of Zalo's body encodings), the
   * public picture links it gives the bot (`/zalo/media/…`), and the stickers' pictures.
   */
  async function handleZalo(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = request.method ?? "GET";
    if (path.startsWith("/zalo/media/")) {
      const file = method === "GET" ? store.zalo.mediaByPath(path.slice("/zalo/media/".length)) : undefined;
      return sendFile(response, file);
    }
    const sticker = /^\/zalo\/stickers\/([A-Za-z0-9]+)\.svg$/.exec(path);
    if (sticker) {
      const svg = method === "GET" ? stickerSvg(sticker[1] ?? "") : undefined;
      if (!svg) return sendJson(response, 404, { ok: false, error_code: 404, description: "Not found" });
      response.writeHead(200, {
        "content-type": "image/svg+xml; charset=utf-8",
        "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
        "x-content-type-options": "nosniff",
        "cache-control": "public, max-age=3600",
      });
      response.end(svg);
      return;
    }
    const zaloMethod = ZALO_METHOD.exec(path);
    if (zaloMethod && !access.isZaloToken(zaloMethod[1] ?? "")) {
      return sendJson(response, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    if (!zaloMethod || !BOT_API_VERBS.has(method)) {
      // Zalo's table: 400 is a wrong path or an invalid API name.
      return sendJson(response, 400, { ok: false, error_code: 400, description: "Bad request" });
    }
    let params: Awaited<ReturnType<typeof parseBotApiParams>>;
    try {
      params = await parseBotApiParams(request, url);
    } catch (error) {
      if (error instanceof RequestTooLarge || error instanceof MalformedRequest) {
        return sendJson(response, 400, { ok: false, error_code: 400, description: "Bad request" });
      }
      throw error;
    }
    const clientGone = new AbortController();
    response.on("close", () => clientGone.abort());
    const result = await zalo.call(zaloMethod[2] ?? "", params, clientGone.signal);
    if (response.destroyed) return;
    sendJson(response, result.status, result.body);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    response.write("retry: 1000\n\n");
    sseClients.add(response);
    const heartbeat = setInterval(() => response.write(": ping\n\n"), 15_000);
    request.on("close", () => {
      clearInterval(heartbeat);
      sseClients.delete(response);
    });
  }

  async function handlePageApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    try {
      if (path === "/sim/api/state" && request.method === "GET") {
        return sendJson(response, 200, {
          bot: { id: store.bot.id, first_name: store.bot.first_name, username: store.bot.username },
          users: store.users(),
          limits: api.limits,
          zalo: { botName: ZALO_BOT_DISPLAY_NAME, stickers: ZALO_STICKERS, limits: zalo.limits },
          access: { remote: access.remote, password: Boolean(options.password) },
        });
      }
      if (path === "/sim/api/limits" && request.method === "PUT") {
        const body = z
          .object({ perChat: z.number().min(0).optional(), global: z.number().min(0).optional() })
          .parse(await readJson(request));
        Object.assign(api.limits, body);
        return sendJson(response, 200, { ok: true, limits: api.limits });
      }
      if (path === "/sim/api/users" && request.method === "POST") {
        const body = newUserSchema.parse(await readJson(request));
        const phone = normalizePhone(body.phoneNumber);
        if (!phone) throw new UserActionError(400, "Số điện thoại không hợp lệ");
        const user = store.addUser({
          id: nextUserId++,
          firstName: body.firstName,
          ...(body.lastName ? { lastName: body.lastName } : {}),
          phoneNumber: phone,
          description: "Người dùng mới",
        });
        return sendJson(response, 200, { ok: true, user });
      }
      const zaloRoute = ZALO_CHAT_ACTION.exec(path);
      if (zaloRoute) {
        const chat = store.zalo.chat(Number(zaloRoute[1]));
        if (!chat) throw new UserActionError(404, "Không có người dùng này");
        const action = zaloRoute[2];
        if (!action && request.method === "GET") {
          return sendJson(response, 200, {
            zaloId: chat.zaloId,
            displayName: chat.displayName,
            messages: chat.messages,
          });
        }
        if (action && request.method === "POST") {
          const message = await zaloAction(request, chat, action);
          return sendJson(response, 200, { ok: true, delivered: !message.notDelivered, message });
        }
      }
      const oaRoute = ZALO_OA_CHAT_ACTION.exec(path);
      if (oaRoute) {
        const user = store.users().find((candidate) => candidate.id === Number(oaRoute[1]));
        if (!user) throw new UserActionError(404, "Không có người dùng này");
        const name = user.lastName ? `${user.lastName} ${user.firstName}` : user.firstName;
        const person = zaloOa.person(user.id, name, user.phoneNumber);
        const action = oaRoute[2];
        if (!action && request.method === "GET") {
          return sendJson(response, 200, {
            userId: person.userId,
            follower: person.follower,
            webhook: Boolean(zaloOa.webhookUrl),
            messages: zaloOa.chat(person.userId),
          });
        }
        if (action && request.method === "POST") {
          await zaloOaAction(request, person, action);
          return sendJson(response, 200, { ok: true, delivered: Boolean(zaloOa.webhookUrl) });
        }
      }
      const chatRoute = CHAT_ACTION.exec(path);
      if (chatRoute) {
        const chatId = Number(chatRoute[1]);
        const action = chatRoute[2];
        const chat = store.chat(chatId);
        if (!chat) throw new UserActionError(404, "Không có người dùng này");
        if (!action && request.method === "GET") {
          return sendJson(response, 200, {
            messages: chat.messages,
            replyKeyboard: chat.replyKeyboard,
            commands: store.commandsForChat(chatId),
            user: chat.user,
          });
        }
        if (request.method === "POST")
          return sendJson(response, 200, await chatAction(request, chatId, action));
      }
      sendJson(response, 404, { ok: false, description: "Not Found" });
    } catch (error) {
      if (error instanceof UserActionError) {
        return sendJson(response, error.status, { ok: false, description: error.message });
      }
      if (error instanceof z.ZodError) {
        return sendJson(response, 400, { ok: false, description: z.prettifyError(error) });
      }
      if (error instanceof RequestTooLarge)
        return sendJson(response, 413, { ok: false, description: "Tệp quá lớn" });
      throw error;
    }
  }

  async function chatAction(request: IncomingMessage, chatId: number, action: string | undefined) {
    switch (action) {
      case "messages": {
        const body = z
          .object({ text: z.string(), replyTo: z.number().int().optional() })
          .parse(await readJson(request));
        return { ok: true, message: users.sendText(chatId, body.text, body.replyTo) };
      }
      case "callback": {
        const body = z
          .object({ messageId: z.number().int(), data: z.string() })
          .parse(await readJson(request));
        users.pressButton(chatId, body.messageId, body.data);
        return { ok: true };
      }
      case "contact":
        return { ok: true, message: users.shareContact(chatId) };
      case "location": {
        const body = z.object({ latitude: z.number(), longitude: z.number() }).parse(await readJson(request));
        return { ok: true, message: users.sendLocation(chatId, body.latitude, body.longitude) };
      }
      case "photo": {
        const body = photoSchema.parse(await readJson(request));
        const data = Buffer.from(body.data, "base64");
        return { ok: true, message: users.sendPhoto(chatId, data, body.mimeType, body.caption || undefined) };
      }
      case "document": {
        const body = documentSchema.parse(await readJson(request));
        const data = Buffer.from(body.data, "base64");
        return { ok: true, message: users.sendDocument(chatId, data, body.mimeType, body.fileName) };
      }
      case "blocked": {
        const { blocked } = z.object({ blocked: z.boolean() }).parse(await readJson(request));
        return { ok: true, user: store.setBlocked(chatId, blocked) };
      }
      default:
        throw new UserActionError(404, "Not Found");
    }
  }

  /** What a person does in their chat with the Zalo OA; each becomes a signed webhook event. */
  async function zaloOaAction(request: IncomingMessage, person: OaPerson, action: string): Promise<void> {
    switch (action) {
      case "messages": {
        const { text } = z.object({ text: z.string() }).parse(await readJson(request));
        if (text.trim() === "") throw new UserActionError(400, "Tin nhắn trống");
        if (text.length > MAX_ZALO_USER_TEXT) throw new UserActionError(400, "Tin nhắn dài quá 4.096 ký tự");
        await zaloOa.sendText(person, text);
        return;
      }
      case "tap": {
        const { msgId, title } = z
          .object({ msgId: z.string(), title: z.string() })
          .parse(await readJson(request));
        try {
          await zaloOa.tapButton(person, msgId, title);
        } catch {
          throw new UserActionError(400, "Không có nút này");
        }
        return;
      }
      case "submit": {
        const { phone } = z.object({ phone: z.string().optional() }).parse(await readJson(request));
        await zaloOa.submitInfo(person, phone ? { phone } : {});
        return;
      }
      case "follow":
        await zaloOa.follow(person);
        return;
      case "location": {
        const body = z
          .object({
            latitude: z.number().min(-90).max(90),
            longitude: z.number().min(-180).max(180),
            name: z.string().max(200).default(""),
          })
          .parse(await readJson(request));
        await zaloOa.sendLocation(person, body.latitude, body.longitude, body.name);
        return;
      }
      case "photo": {
        const body = photoSchema.parse(await readJson(request));
        const data = Buffer.from(body.data, "base64");
        if (imageSize(data).width === 0)
          throw new UserActionError(400, "Không đọc được ảnh (chỉ nhận PNG hoặc JPEG)");
        await zaloOa.sendImage(person, zaloOa.publish(data, body.mimeType, "anh.jpg"), body.caption ?? "");
        return;
      }
      case "document": {
        const body = documentSchema.parse(await readJson(request));
        const data = Buffer.from(body.data, "base64");
        const url = zaloOa.publish(data, body.mimeType, body.fileName);
        await zaloOa.sendFile(person, { url, name: body.fileName, size: data.length, data });
        return;
      }
      default:
        throw new UserActionError(404, "Not Found");
    }
  }

  /** What a person does in their Zalo chat; each becomes an event for the bot. */
  async function zaloAction(request: IncomingMessage, chat: ZaloChat, action: string) {
    switch (action) {
      case "messages": {
        const { text } = z.object({ text: z.string() }).parse(await readJson(request));
        if (text.trim() === "") throw new UserActionError(400, "Tin nhắn trống");
        if (text.length > MAX_ZALO_USER_TEXT) throw new UserActionError(400, "Tin nhắn dài quá 4.096 ký tự");
        return zalo.receiveText(chat, text);
      }
      case "photo": {
        const body = photoSchema.parse(await readJson(request));
        const data = Buffer.from(body.data, "base64");
        if (imageSize(data).width === 0) {
          throw new UserActionError(400, "Không đọc được ảnh (chỉ nhận PNG hoặc JPEG)");
        }
        return zalo.receivePhoto(chat, data, body.mimeType, body.caption || undefined);
      }
      case "sticker": {
        const { sticker } = z.object({ sticker: z.string() }).parse(await readJson(request));
        if (!ZALO_STICKERS.some((known) => known.id === sticker)) {
          throw new UserActionError(400, "Không có nhãn dán này");
        }
        return zalo.receiveSticker(chat, sticker);
      }
      case "unsupported": {
        const { kind } = z
          .object({ kind: z.enum(["file", "location", "contact"]).default("file") })
          .parse(await readJson(request));
        return zalo.receiveUnsupported(chat, kind);
      }
      default:
        throw new UserActionError(404, "Not Found");
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  access.listeningOn(port);
  // Bound to every interface: this machine reaches it at its loopback address.
  const ownHost = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const baseUrl = `http://${ownHost.includes(":") ? `[${ownHost}]` : ownHost}:${port}`;
  zalo.baseUrl = baseUrl;
  zaloOa.baseUrl = baseUrl;

  const simulator: Simulator = {
    url: baseUrl,
    port,
    token: access.botToken,
    zaloToken: access.zaloToken,
    pageToken: access.pageToken,
    remote: access.remote,
    store,
    api,
    users,
    zalo,
    zaloOa,
    setWebhookBackends(origins) {
      for (const origin of origins) {
        // As for the webhook itself: the simulator delivers only on this machine.
        if (!isLoopbackHost(new URL(origin).hostname)) throw new Error(`not on this machine: ${origin}`);
      }
      webhook.backends = [...origins];
      webhook.pump(true);
    },
    webhookDeliveries: webhook.deliveries,
    async close() {
      store.off("event", onEvent);
      webhook.stop();
      zalo.stop();
      zaloOa.stop();
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  if (options.webhookBackends) simulator.setWebhookBackends(options.webhookBackends);
  return simulator;
}

/**
 * With a webhook set, pending updates are POSTed to it one at a time, in order, retried with
 * backoff until the bot answers 2xx — as Telegram does. With `backends`, each attempt goes to
 * the next of them (a load balancer before several instances).
 */
class WebhookDeliverer {
  backends: string[] = [];
  readonly deliveries = new Map<string, number>();
  private turn = 0;
  private busy = false;
  /** Asked to deliver while busy: look again when done (the update came after the last look). */
  private again = false;
  /** Waiting out the backoff after a failure: new updates do not cut it short. */
  private retrying = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly store: SimulatorStore,
    private readonly api: SimulatedBotApi,
    private readonly logger: Logger | undefined,
  ) {}

  /** Delivers what is pending; `now` cuts a backoff short (the webhook or its backends changed). */
  pump(now = false): void {
    if (this.stopped || !this.api.webhook) return;
    if (this.retrying && !now) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.retrying = false;
    this.busy = true;
    this.again = false;
    this.deliver()
      .catch((error: unknown) => this.logger?.error({ err: error }, "webhook delivery crashed"))
      .finally(() => {
        this.busy = false;
        if (this.again && !this.retrying) this.pump();
      });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private async deliver(): Promise<void> {
    for (;;) {
      const hook = this.api.webhook;
      const update = this.store.peekUpdates()[0];
      if (!hook || !update || this.stopped) return;
      const allowed = hook.allowedUpdates;
      if (allowed && allowed.length > 0 && !Object.keys(update).some((key) => allowed.includes(key))) {
        this.store.takeUpdate(update.update_id);
        continue;
      }
      const target = this.target(hook.url);
      try {
        const response = await fetch(target, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(hook.secretToken ? { "x-telegram-bot-api-secret-token": hook.secretToken } : {}),
          },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(60_000),
        });
        await response.body?.cancel();
        if (!response.ok)
          throw new Error(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        const origin = new URL(target).origin;
        this.deliveries.set(origin, (this.deliveries.get(origin) ?? 0) + 1);
        this.store.takeUpdate(update.update_id);
        this.failures = 0;
      } catch (error) {
        hook.lastErrorDate = Math.floor(Date.now() / 1000);
        hook.lastErrorMessage = error instanceof Error ? error.message : String(error);
        this.failures += 1;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6));
        clearTimeout(this.retryTimer);
        this.retrying = true;
        this.retryTimer = setTimeout(() => this.pump(true), delay);
        return;
      }
    }
  }

  /** The webhook URL, or its path on the next backend in turn. */
  private target(url: string): string {
    if (this.backends.length === 0) return url;
    const origin = this.backends[this.turn++ % this.backends.length] as string;
    const parsed = new URL(url);
    return `${origin.replace(/\/+$/, "")}${parsed.pathname}${parsed.search}`;
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new UserActionError(400, "Dữ liệu gửi lên không phải JSON hợp lệ");
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.end(JSON.stringify(body));
}

/** A path segment decoded, or `undefined` when its %-escapes are broken. */
function decode(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * An uploaded or sent file. Pictures show inline; anything else is a download, and nothing is
 * ever run as a page of the simulator's origin (an uploaded .html could read the page token).
 */
function sendFile(
  response: ServerResponse,
  file: { data: Buffer; mimeType: string; fileName?: string } | undefined,
): void {
  if (!file) {
    sendJson(response, 404, { ok: false, error_code: 404, description: "Not Found: file not found" });
    return;
  }
  const type = MIME_TYPE.test(file.mimeType) ? file.mimeType.toLowerCase() : "application/octet-stream";
  const disposition = INLINE_IMAGE_TYPES.has(type) ? "inline" : "attachment";
  response.writeHead(200, {
    "content-type": type,
    "content-length": file.data.length,
    "content-disposition": `${disposition}${file.fileName ? `; filename*=UTF-8''${encodeURIComponent(file.fileName)}` : ""}`,
    "content-security-policy": "sandbox; default-src 'none'",
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  });
  response.end(file.data);
}
