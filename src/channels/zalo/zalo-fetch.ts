import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatDateTime } from "../../shared/time.js";
import { parseMultipart } from "../../simulator/request-params.js";
import { type ChatTexts, chatTexts } from "./chat-texts.js";
import { contentTypeOf, hostFile } from "./hosted-files.js";
import {
  findPeer,
  messageText,
  recordMessage,
  telegramIdOf,
  updateMessage,
  type ZaloPeerRow,
} from "./id-map.js";
import type { Inbound } from "./inbound.js";
import {
  type RenderedKeyboard,
  readKeyboard,
  readMenuState,
  renderMenu,
  type TypedMenu,
  withMenu,
  withoutMenu,
} from "./typed-menu.js";
import {
  OA_BLOCKED,
  OA_OUTSIDE_WINDOW,
  ZaloApiError,
  type ZaloBotInfo,
  type ZaloClient,
  type ZaloSent,
} from "./zalo-client.js";
import {
  splitZaloText,
  telegramHtmlToZalo,
  ZALO_MAX_TEXT,
  type ZaloText,
  type ZaloTextStyle,
} from "./zalo-text.js";

export interface ZaloFetchOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  client: ZaloClient;
  inbound: Inbound;
  translator: Translator;
  defaultLocale: Locale;
  timeZone: string;
  /** Where the app serves hosted files (`/files/…`), reachable by Zalo's servers. */
  publicBaseUrl: string;
  /** The bot's name shown as its `first_name` (Zalo's getMe has only an account name). */
  botName?: string;
  /**
   * The dialect shows buttons (an Official Account: up to `max`, whose tap comes back as the
   * label typed): a keyboard that fits goes to `sendMessage` as `buttons` instead of a numbered
   * list; the chat's menu is kept all the same, so the tap (or the number) maps to the button.
   */
  buttons?: { max: number };
  /**
   * The dialect has Zalo's own form for the person's phone (an Official Account's
   * `request_user_info`): a contact button sends it after the text, and the text says to tap it.
   */
  requestUserInfo?: boolean;
  /**
   * The dialect sends template messages to a phone number (an Official Account's ZNS): the
   * outbox's `sendTemplate({ phone, template_id, template_data, tracking_id })` is answered with
   * `{ message_id, date }` — no chat, so nothing is recorded in the id map.
   */
  templates?: boolean;
  /**
   * The dialect takes files up (an Official Account's upload endpoints): an uploaded photo goes
   * as `uploadImage` → `sendPhoto` with its `attachment_id`, a document as `uploadFile` →
   * `sendFile` with its token (the caption and choices as a text after it). What the dialect
   * refuses (a 400: type, size) goes as part 1's hosted link; a photo or document given as a
   * string that is no URL is an earlier upload's id (a sent message's `file_id`).
   */
  uploads?: boolean;
}

/** The bot user grammY gets from getMe on Zalo. */
export interface ZaloBotUser {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
  can_join_groups: false;
  can_read_all_group_messages: false;
  supports_inline_queries: false;
  can_connect_to_business: false;
  has_main_web_app: false;
  has_topics_enabled: false;
  allows_users_to_create_topics: false;
}

type Params = Record<string, unknown>;
type Files = Map<string, File>;
type Body = ConstructorParameters<typeof Response>[0];

/** A Bot API error as Telegram shapes it (grammY turns it into a `GrammyError`). */
function telegramError(code: number, description: string): Response {
  return Response.json({ ok: false, error_code: code, description }, { status: code });
}

function ok(result: unknown): Response {
  return Response.json({ ok: true, result });
}

const NOT_SUPPORTED = "Bad Request: method not supported on Zalo";

/**
 * Zalo's errors as the Bot API's: 401 stays 401; 404 on a send is an unknown chat; a rate limit
 * (an OA's -32) is Telegram's flood 429 with `retry_after`, so flood-wait and the outbox wait and
 * try again; any other 429 is the monthly quota — a 429 without `retry_after`, so nothing
 * (flood-wait, auto-retry, the outbox) retries it; 5xx and no answer are 502, which may be
 * retried.
 */
export function telegramErrorOf(error: unknown): Response {
  if (error instanceof ZaloApiError) {
    if (error.errorCode === 401) return telegramError(401, "Unauthorized");
    if (error.errorCode === 404) return telegramError(400, "Bad Request: chat not found");
    if (error.errorCode === 429 && error.retryAfter !== undefined)
      return Response.json(
        {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${error.retryAfter} (${error.description})`,
          parameters: { retry_after: error.retryAfter },
        },
        { status: 429 },
      );
    if (error.errorCode === 429)
      return telegramError(429, `Too Many Requests: Zalo quota exceeded (${error.description})`);
    if (error.errorCode === 400) return telegramError(400, `Bad Request: ${error.description}`);
    // An Official Account says who blocked it, or is outside its messaging window
    // (oa/oa-bot-client.ts): unreachable, not retried.
    if (
      error.errorCode === 403 &&
      (error.description.startsWith(OA_BLOCKED) || error.description.startsWith(OA_OUTSIDE_WINDOW))
    )
      return telegramError(403, error.description);
    if (error.errorCode >= 500 || error.errorCode === 403)
      return telegramError(502, `Bad Gateway: Zalo error ${error.errorCode} ${error.description}`);
    return telegramError(400, `Bad Request: Zalo error ${error.errorCode} ${error.description}`);
  }
  return telegramError(502, "Bad Gateway: Zalo could not be reached");
}

/** Telegram's formatting entities as Zalo styles (same UTF-16 offsets); the rest dropped. */
function entitiesToStyles(entities: unknown): ZaloTextStyle[] {
  if (!Array.isArray(entities)) return [];
  const style: Record<string, string> = { bold: "b", italic: "i", underline: "u", strikethrough: "s" };
  return entities.flatMap((entity: { type?: string; offset?: number; length?: number }) => {
    const st = style[entity.type ?? ""];
    return st && typeof entity.offset === "number" && typeof entity.length === "number"
      ? [{ start: entity.offset, len: entity.length, st: [st] }]
      : [];
  });
}

function zaloTextOf(text: string, params: Params): ZaloText {
  const mode = typeof params.parse_mode === "string" ? params.parse_mode.toLowerCase() : "";
  if (mode === "html") return telegramHtmlToZalo(text);
  return { text, styles: entitiesToStyles(params.entities ?? params.caption_entities) };
}

/** Reads a request's parameters: JSON, or multipart with files (`attach://` parts resolved). */
async function readRequest(init?: RequestInit): Promise<{ params: Params; files: Files }> {
  const files: Files = new Map();
  const body = init?.body;
  if (body === undefined || body === null) return { params: {}, files };
  if (typeof body === "string") return { params: body ? (JSON.parse(body) as Params) : {}, files };
  const contentType = new Headers(init?.headers).get("content-type") ?? "";
  if (!contentType.includes("multipart/form-data")) {
    const text = await new Response(body as Body).text();
    return { params: text ? (JSON.parse(text) as Params) : {}, files };
  }
  // grammY spells its multipart parts in a way undici's formData() refuses; the simulator's
  // parser takes it as Telegram does.
  const bytes = Buffer.from(await new Response(body as Body).arrayBuffer());
  const params: Params = {};
  const parts = new Map<string, string | File>();
  for (const part of parseMultipart(bytes, contentType)) {
    parts.set(
      part.name,
      part.fileName === undefined
        ? part.data.toString("utf8")
        : new File([new Uint8Array(part.data)], part.fileName, { type: part.contentType ?? "" }),
    );
  }
  for (const [key, value] of parts) {
    if (typeof value !== "string") continue;
    if (value.startsWith("attach://")) {
      const file = parts.get(value.slice("attach://".length));
      if (file && typeof file !== "string") files.set(key, file);
      continue;
    }
    params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  for (const [key, value] of parts) if (typeof value !== "string" && !files.has(key)) files.set(key, value);
  return { params, files };
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const isUrl = (value: unknown): value is string =>
  typeof value === "string" && /^https?:\/\/\S+$/i.test(value);

/**
 * The `fetch` to give grammY (`new Bot(token, { client: { fetch } })`) so the bot runs on Zalo
 * unchanged: every Bot API method is answered here — by calling the Zalo Bot Platform, from the
 * inbound queue (`getUpdates`), or locally (webhook methods, commands) — with Telegram-shaped
 * results and errors. The bot sees only integer ids (id-map.ts).
 */
export function createZaloFetch(options: ZaloFetchOptions): typeof fetch {
  const { db, clock, logger, client } = options;
  let me: Promise<ZaloBotUser> | undefined;

  const getMe = (): Promise<ZaloBotUser> => {
    me ??= (async () => {
      const info = await client.call<ZaloBotInfo>("getMe");
      const peer = await db.zaloPeer.upsert({
        where: { zaloId: `bot:${info.id}` },
        create: { zaloId: `bot:${info.id}`, kind: "bot" },
        update: {},
      });
      return {
        id: telegramIdOf(peer),
        is_bot: true,
        first_name: options.botName ?? info.account_name,
        username: info.account_name,
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
      } as ZaloBotUser;
    })();
    me.catch(() => {
      me = undefined;
    });
    return me;
  };

  const textsFor = (peer: ZaloPeerRow): Promise<ChatTexts> =>
    chatTexts(db, options.translator, options.defaultLocale, telegramIdOf(peer));

  /** A Telegram Message for what was sent. */
  const messageOf = async (peer: ZaloPeerRow, messageId: number, dateMs: number, extra: Params = {}) => ({
    message_id: messageId,
    date: Math.floor(dateMs / 1000),
    chat: { id: telegramIdOf(peer), type: "private" },
    from: await getMe(),
    ...extra,
  });

  /** Sends text parts (the buttons, if any, with the last); returns the Zalo answer of each. */
  const sendParts = async (
    peer: ZaloPeerRow,
    parts: ZaloText[],
    buttons?: { title: string; payload: string }[],
  ): Promise<ZaloSent[]> => {
    const sent: ZaloSent[] = [];
    for (const [index, part] of parts.entries()) {
      sent.push(
        await client.call<ZaloSent>("sendMessage", {
          chat_id: peer.zaloId,
          text: part.text,
          ...(part.styles.length > 0 ? { text_styles: part.styles } : {}),
          ...(buttons && index === parts.length - 1 ? { buttons } : {}),
        }),
      );
    }
    return sent;
  };

  /** A keyboard as the dialect's buttons, when it has them and the keyboard fits (all choices, no links). */
  const buttonsOf = (keyboard: RenderedKeyboard | "remove" | undefined) => {
    if (!options.buttons || !keyboard || keyboard === "remove") return undefined;
    if (keyboard.notes.length > 0 || keyboard.options.length === 0) return undefined;
    if (keyboard.options.length > options.buttons.max) return undefined;
    return keyboard.options.map((option) => ({ title: option.label, payload: option.label }));
  };

  /** The menu lines a keyboard adds, and the menu it leaves the chat with. */
  const keyboardTail = async (peer: ZaloPeerRow, keyboard: RenderedKeyboard | "remove" | undefined) => {
    if (!keyboard || keyboard === "remove") return "";
    const texts = await textsFor(peer);
    const menu = options.requestUserInfo
      ? { ...texts.menu, contact: texts.say("zalo-oa-choice-contact") }
      : texts.menu;
    return renderMenu(keyboard, menu);
  };

  /** Zalo's phone form after a text with a contact button (an OA); the answer is the contact. */
  const sendUserInfoForm = async (peer: ZaloPeerRow, keyboard: RenderedKeyboard | "remove" | undefined) => {
    if (!options.requestUserInfo || !keyboard || keyboard === "remove" || !keyboard.notes.includes("contact"))
      return;
    const texts = await textsFor(peer);
    const sent = await client.call<ZaloSent>("requestUserInfo", {
      chat_id: peer.zaloId,
      title: texts.say("zalo-oa-user-info-title"),
      subtitle: texts.say("zalo-oa-user-info-subtitle"),
    });
    await recordMessage(db, peer.id, { zaloMessageId: sent.message_id });
  };

  /**
   * Sends a file up to the dialect (`uploadImage` → attachment_id, `uploadFile` → token); undefined
   * when the dialect takes no uploads or refused this one (then the file goes as a hosted link).
   */
  const uploadToZalo = async (
    method: "uploadImage" | "uploadFile",
    file: { data: Uint8Array; fileName: string; contentType: string },
  ): Promise<string | undefined> => {
    if (!options.uploads) return undefined;
    const field = method === "uploadImage" ? "attachment_id" : "token";
    try {
      const result = await client.call<Record<string, unknown>>(
        method,
        { data: file.data, file_name: file.fileName, content_type: file.contentType },
        { timeoutMs: 60_000 },
      );
      const id = result[field];
      return typeof id === "string" && id !== "" ? id : undefined;
    } catch (error) {
      if (!(error instanceof ZaloApiError) || error.errorCode !== 400) throw error;
      logger.info(
        { method, fileName: file.fileName, bytes: file.data.length, reason: error.description },
        "zalo: upload refused, the file goes as a link",
      );
      return undefined;
    }
  };

  /** Keeps the chat's menus as Telegram would show them after this message. */
  const setMenu = async (
    peer: ZaloPeerRow,
    keyboard: RenderedKeyboard | "remove" | undefined,
    message: { messageId: number; date: number; text: string },
  ) => {
    if (keyboard === undefined) return;
    const state = readMenuState(peer.menu);
    let next = state;
    if (keyboard === "remove") next = withoutMenu(state, "reply");
    else if (keyboard.options.length > 0) {
      const menu: TypedMenu = {
        messageId: message.messageId,
        date: message.date,
        text: message.text.slice(0, 1000),
        kind: keyboard.kind,
        options: keyboard.options,
        ...(keyboard.oneTime ? { oneTime: true } : {}),
      };
      next = withMenu(state, menu);
    } else if (keyboard.kind === "inline") next = withoutMenu(state, [message.messageId]);
    if (next === state) return;
    peer.menu = JSON.stringify(next);
    await db.zaloPeer.update({ where: { id: peer.id }, data: { menu: peer.menu } });
  };

  /** The inline menu of these messages is gone (edited without buttons, deleted). */
  const clearMenuOf = async (peer: ZaloPeerRow, messageIds: number[]) => {
    const state = readMenuState(peer.menu);
    const next = withoutMenu(state, messageIds);
    if (next === state) return;
    peer.menu = JSON.stringify(next);
    await db.zaloPeer.update({ where: { id: peer.id }, data: { menu: peer.menu } });
  };

  /** sendMessage: text (split at paragraphs), choices as a numbered list in the last part. */
  const sendText = async (peer: ZaloPeerRow, text: string, params: Params, original: string) => {
    const body = zaloTextOf(text, params);
    const keyboard = readKeyboard(params.reply_markup);
    const buttons = buttonsOf(keyboard);
    const parts = splitZaloText(body, buttons ? "" : await keyboardTail(peer, keyboard));
    const sent = await sendParts(peer, parts, buttons);
    let messageId = 0;
    for (const [index, part] of sent.entries()) {
      messageId = await recordMessage(db, peer.id, {
        zaloMessageId: part.message_id,
        ...(index === sent.length - 1 ? { text: original } : {}),
      });
    }
    await sendUserInfoForm(peer, keyboard);
    const date = sent.at(-1)?.date ?? clock.now().getTime();
    await setMenu(peer, keyboard, { messageId, date: Math.floor(date / 1000), text: body.text });
    return messageOf(peer, messageId, date, { text: body.text });
  };

  /**
   * A file message by an upload's token; a file message has no caption, so the caption and the
   * choices follow it as a text (the choices in the last message, where a typed number refers).
   */
  const sendFileMessage = async (peer: ZaloPeerRow, token: string, name: string, params: Params) => {
    const sentFile = await client.call<ZaloSent>("sendFile", { chat_id: peer.zaloId, token });
    let messageId = await recordMessage(db, peer.id, { zaloMessageId: sentFile.message_id });
    let date = sentFile.date;
    const caption = typeof params.caption === "string" ? zaloTextOf(params.caption, params) : undefined;
    const keyboard = readKeyboard(params.reply_markup);
    const body: ZaloText = caption?.text ? caption : { text: "", styles: [] };
    // Buttons need a text to go with; choices without a caption are the numbered list.
    const buttons = body.text ? buttonsOf(keyboard) : undefined;
    const tail = buttons ? "" : await keyboardTail(peer, keyboard);
    if (body.text || tail) {
      const sent = await sendParts(peer, splitZaloText(body, tail), buttons);
      for (const part of sent)
        messageId = await recordMessage(db, peer.id, { zaloMessageId: part.message_id });
      date = sent.at(-1)?.date ?? date;
    }
    await setMenu(peer, keyboard, { messageId, date: Math.floor(date / 1000), text: body.text });
    return messageOf(peer, messageId, date, {
      document: { file_id: token, file_unique_id: sentFile.message_id, ...(name ? { file_name: name } : {}) },
      ...(caption?.text ? { caption: caption.text } : {}),
    });
  };

  const handlers: Record<
    string,
    (params: Params, files: Files, signal?: AbortSignal | null) => Promise<Response>
  > = {
    getMe: async () => ok(await getMe()),
    getUpdates: async (params, _files, signal) =>
      ok(
        await options.inbound.getUpdates(
          {
            ...(typeof params.offset === "number" ? { offset: params.offset } : {}),
            ...(typeof params.limit === "number" ? { limit: params.limit } : {}),
            ...(typeof params.timeout === "number" ? { timeout: params.timeout } : {}),
          },
          signal,
        ),
      ),
    // The bot's own webhook calls stay here: forwarded, grammY's deleteWebhook at start would
    // unregister the production Zalo webhook (and Zalo limits setWebhook per day).
    setWebhook: async () => ok(true),
    deleteWebhook: async () => ok(true),
    getWebhookInfo: async () => ok({ url: "", has_custom_certificate: false, pending_update_count: 0 }),
    close: async () => ok(true),
    logOut: async () => ok(true),
    // No command menu on Zalo: typed /commands still work (bot_command entities).
    setMyCommands: async () => ok(true),
    deleteMyCommands: async () => ok(true),
    getMyCommands: async () => ok([]),
    setChatMenuButton: async () => ok(true),
    setMyDescription: async () => ok(true),
    setMyShortDescription: async () => ok(true),
    setMyName: async () => ok(true),

    sendMessage: async (params) => {
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      const text = String(params.text ?? "");
      if (text.trim() === "") return telegramError(400, "Bad Request: message text is empty");
      return ok(await sendText(peer, text, params, text));
    },

    editMessageText: async (params) => {
      if (params.inline_message_id !== undefined) return telegramError(400, NOT_SUPPORTED);
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      const messageId = Number(params.message_id);
      const text = String(params.text ?? "");
      const before = await messageText(db, peer.id, messageId);
      const keyboard = readKeyboard(params.reply_markup);
      const body = zaloTextOf(text, params);
      // An edit without a keyboard removes the message's buttons (as on Telegram).
      const menuChange: RenderedKeyboard | "remove" | undefined = keyboard ?? undefined;
      const now = clock.now().getTime();
      const sameText = before === text;
      // "…\n→ 2. Có": the answer added under an answered question. The person just typed it.
      const answerNoted =
        typeof before === "string" &&
        keyboard === undefined &&
        text.startsWith(`${before}\n`) &&
        !text.slice(before.length + 1).includes("\n");
      if (sameText || answerNoted) {
        if (menuChange)
          await setMenu(peer, menuChange, { messageId, date: Math.floor(now / 1000), text: body.text });
        else await clearMenuOf(peer, [messageId]);
        if (answerNoted) await updateMessage(db, peer.id, messageId, { text });
        return ok(
          await messageOf(peer, messageId, now, { text: body.text, edit_date: Math.floor(now / 1000) }),
        );
      }
      // The edit is a new message on Zalo: its choices go as the dialect's buttons when they fit.
      const buttons = buttonsOf(keyboard);
      const parts = splitZaloText(body, buttons ? "" : await keyboardTail(peer, keyboard));
      const sent = await sendParts(peer, parts, buttons);
      for (const part of sent.slice(0, -1))
        await recordMessage(db, peer.id, { zaloMessageId: part.message_id });
      const last = sent.at(-1);
      await updateMessage(db, peer.id, messageId, {
        text,
        ...(last ? { zaloMessageId: last.message_id } : {}),
      });
      const date = last?.date ?? now;
      if (menuChange)
        await setMenu(peer, menuChange, { messageId, date: Math.floor(date / 1000), text: body.text });
      else await clearMenuOf(peer, [messageId]);
      return ok(
        await messageOf(peer, messageId, date, { text: body.text, edit_date: Math.floor(date / 1000) }),
      );
    },

    editMessageReplyMarkup: async (params) => {
      if (params.inline_message_id !== undefined) return telegramError(400, NOT_SUPPORTED);
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      const messageId = Number(params.message_id);
      const keyboard = readKeyboard(params.reply_markup);
      const now = clock.now().getTime();
      if (keyboard && keyboard !== "remove" && keyboard.options.length > 0) {
        const current = readMenuState(peer.menu).inline;
        const labels = (options: { label: string }[]) => options.map((option) => option.label).join("\n");
        // Nothing is sent when the person already sees these choices; new choices they could
        // not see are shown (a number must mean what is on their screen).
        if (
          !current ||
          current.messageId !== messageId ||
          labels(current.options) !== labels(keyboard.options)
        ) {
          const tail = renderMenu(keyboard, (await textsFor(peer)).menu);
          const sent = await sendParts(peer, splitZaloText({ text: tail, styles: [] }));
          const last = sent.at(-1);
          if (last)
            await updateMessage(db, peer.id, messageId, {
              text: (await messageText(db, peer.id, messageId)) ?? "",
              zaloMessageId: last.message_id,
            });
        }
        const before = (await messageText(db, peer.id, messageId)) ?? "";
        await setMenu(peer, keyboard, {
          messageId,
          date: Math.floor(now / 1000),
          text: telegramHtmlToZalo(before).text,
        });
      } else {
        await clearMenuOf(peer, [messageId]);
      }
      return ok(await messageOf(peer, messageId, now, { edit_date: Math.floor(now / 1000) }));
    },

    deleteMessage: async (params) => {
      const peer = await findPeer(db, String(params.chat_id));
      if (peer) await clearMenuOf(peer, [Number(params.message_id)]);
      return ok(true);
    },
    deleteMessages: async (params) => {
      const peer = await findPeer(db, String(params.chat_id));
      const ids = Array.isArray(params.message_ids) ? params.message_ids.map(Number) : [];
      if (peer) await clearMenuOf(peer, ids);
      return ok(true);
    },

    answerCallbackQuery: async (params) => {
      // Only an alert matters enough to cost a message; a toast is left out.
      const text = typeof params.text === "string" ? params.text.trim() : "";
      const peerId = /^(\d+):/.exec(String(params.callback_query_id ?? ""))?.[1];
      if (text && params.show_alert === true && peerId) {
        const peer = await db.zaloPeer.findUnique({ where: { id: Number(peerId) } });
        if (peer) await sendParts(peer, splitZaloText({ text, styles: [] }));
      }
      return ok(true);
    },

    sendChatAction: async (params) => {
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      const action = String(params.action ?? "");
      if (action === "typing" || action.startsWith("upload_")) {
        await client.call("sendChatAction", { chat_id: peer.zaloId, action: "typing" });
      }
      return ok(true);
    },

    sendPhoto: async (params, files) => {
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      // By URL (a hosted link or Zalo's), or by the attachment_id of an upload.
      let url: string | undefined;
      let attachmentId: string | undefined;
      const upload = files.get("photo");
      if (upload) {
        const file = {
          data: new Uint8Array(await upload.arrayBuffer()),
          fileName: upload.name || "anh.png",
          contentType: upload.type,
        };
        attachmentId = await uploadToZalo("uploadImage", file);
        if (!attachmentId) url = (await hostFile(db, clock, file, options.publicBaseUrl)).url;
      } else if (isUrl(params.photo)) {
        url = params.photo;
      } else if (options.uploads && typeof params.photo === "string" && params.photo !== "") {
        attachmentId = params.photo;
      } else {
        return telegramError(400, "Bad Request: wrong file identifier on Zalo (photos go by URL)");
      }
      const caption = typeof params.caption === "string" ? zaloTextOf(params.caption, params).text : "";
      const keyboard = readKeyboard(params.reply_markup);
      const tail = await keyboardTail(peer, keyboard);
      const fullCaption = [caption, tail].filter(Boolean).join("\n\n").slice(0, ZALO_MAX_TEXT);
      const sent = await client.call<ZaloSent>(
        "sendPhoto",
        {
          chat_id: peer.zaloId,
          ...(attachmentId ? { attachment_id: attachmentId } : { photo: url }),
          ...(fullCaption ? { caption: fullCaption } : {}),
        },
        { timeoutMs: 60_000 },
      );
      const messageId = await recordMessage(db, peer.id, { zaloMessageId: sent.message_id, text: "" });
      await setMenu(peer, keyboard, { messageId, date: Math.floor(sent.date / 1000), text: caption });
      return ok(
        await messageOf(peer, messageId, sent.date, {
          photo: [{ file_id: attachmentId ?? url, file_unique_id: sent.message_id, width: 0, height: 0 }],
          ...(caption ? { caption } : {}),
        }),
      );
    },

    sendDocument: async (params, files) => {
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      const upload = files.get("document");
      if (options.uploads) {
        // The dialect's own file message (an OA), by an upload's token.
        let token: string | undefined;
        let name = "";
        if (upload) {
          name = upload.name || "tep";
          token = await uploadToZalo("uploadFile", {
            data: new Uint8Array(await upload.arrayBuffer()),
            fileName: name,
            contentType: contentTypeOf(name, upload.type),
          });
        } else if (typeof params.document === "string" && params.document !== "" && !isUrl(params.document)) {
          token = params.document;
        }
        if (token) return ok(await sendFileMessage(peer, token, name, params));
      }
      const texts = await textsFor(peer);
      let link: string;
      let name: string;
      let expires: string | undefined;
      if (upload) {
        name = upload.name || "tep";
        const hosted = await hostFile(
          db,
          clock,
          { data: new Uint8Array(await upload.arrayBuffer()), fileName: name, contentType: upload.type },
          options.publicBaseUrl,
        );
        link = hosted.url;
        expires = formatDateTime(hosted.expiresAt, texts.locale, options.timeZone);
      } else if (isUrl(params.document)) {
        link = params.document;
        name = decodeURIComponent(link.split("/").pop() ?? link);
      } else {
        return telegramError(400, "Bad Request: wrong file identifier on Zalo (documents go by URL)");
      }
      const line = expires
        ? texts.say("zalo-document-link", { name, link, expires })
        : texts.say("zalo-document-link-lasting", { name, link });
      const caption = typeof params.caption === "string" ? zaloTextOf(params.caption, params) : undefined;
      const body: ZaloText = caption?.text
        ? { text: `${caption.text}\n\n${line}`, styles: caption.styles }
        : { text: line, styles: [] };
      const keyboard = readKeyboard(params.reply_markup);
      const parts = splitZaloText(body, await keyboardTail(peer, keyboard));
      const sent = await sendParts(peer, parts);
      let messageId = 0;
      for (const part of sent)
        messageId = await recordMessage(db, peer.id, { zaloMessageId: part.message_id });
      const date = sent.at(-1)?.date ?? clock.now().getTime();
      await setMenu(peer, keyboard, { messageId, date: Math.floor(date / 1000), text: body.text });
      return ok(
        await messageOf(peer, messageId, date, {
          document: { file_id: link, file_unique_id: String(messageId), file_name: name },
          ...(caption?.text ? { caption: caption.text } : {}),
        }),
      );
    },

    sendTemplate: async (params) => {
      if (!options.templates) return telegramError(400, NOT_SUPPORTED);
      const phone = typeof params.phone === "string" ? params.phone : "";
      const templateId = params.template_id;
      const data = params.template_data;
      if (!phone || (typeof templateId !== "string" && typeof templateId !== "number"))
        return telegramError(400, "Bad Request: phone and template_id are required");
      if (typeof data !== "object" || data === null || Array.isArray(data))
        return telegramError(400, "Bad Request: template_data must be an object");
      const sent = await client.call<ZaloSent>("sendTemplate", {
        phone,
        template_id: String(templateId),
        template_data: data,
        ...(typeof params.tracking_id === "string" ? { tracking_id: params.tracking_id } : {}),
      });
      return ok({ message_id: sent.message_id, date: Math.floor(sent.date / 1000) });
    },

    sendSticker: async (params) => {
      const peer = await findPeer(db, String(params.chat_id));
      if (!peer) return telegramError(400, "Bad Request: chat not found");
      if (typeof params.sticker !== "string" || isUrl(params.sticker))
        return telegramError(400, "Bad Request: only Zalo sticker ids are supported");
      const sent = await client.call<ZaloSent>("sendSticker", {
        chat_id: peer.zaloId,
        sticker: params.sticker,
      });
      const messageId = await recordMessage(db, peer.id, { zaloMessageId: sent.message_id });
      return ok(await messageOf(peer, messageId, sent.date, {}));
    },
  };

  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const handler = handlers[method];
    if (!handler) {
      logger.info({ method }, "zalo: Bot API method not supported on Zalo");
      return telegramError(400, NOT_SUPPORTED);
    }
    let request: { params: Params; files: Files };
    try {
      request = await readRequest(init);
    } catch {
      return telegramError(400, "Bad Request: can't parse request");
    }
    try {
      return await handler(request.params, request.files, init?.signal);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      if (!(error instanceof ZaloApiError)) logger.warn({ err: error, method }, "zalo: call failed");
      return telegramErrorOf(error);
    }
  }) as typeof fetch;
}
