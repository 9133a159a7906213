import type {
  BotCommand,
  InlineKeyboardMarkup,
  MessageEntity,
  ReplyKeyboardMarkup,
  Update,
} from "grammy/types";
import { isLoopbackHost } from "../shared/loopback.js";
import { imageSize } from "./image-size.js";
import type { BotApiParams, UploadedFile } from "./request-params.js";
import type { SimulatorStore, ViewMessage } from "./simulator-store.js";
import { parseTelegramHtml } from "./telegram-html.js";

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

/** A Bot API failure with Telegram's status code and description. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

const badRequest = (description: string) => new BotApiError(400, `Bad Request: ${description}`);

/** Messages per second before 429; 0 disables a limit. Changeable while running. */
export interface FloodLimits {
  perChat: number;
  global: number;
}

export interface WebhookInfo {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: string[] | undefined;
  maxConnections: number;
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const INLINE_BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "callback_game",
  "pay",
  "web_app",
  "copy_text",
];

type Method = (params: BotApiParams, signal: AbortSignal) => Promise<unknown> | unknown;

/**
 * The Bot API methods the bot uses, implemented over the simulator's store, with Telegram's
 * checks where a bot can get things wrong: message and caption length, callback data size,
 * malformed HTML, keyboards, flood limits (429 with retry_after) and blocked users (403).
 */
export class SimulatedBotApi {
  webhook: WebhookInfo | undefined;
  /** Messages (and edits) accepted, refused with 429, and failed on purpose ({@link failSends}). */
  readonly stats = { accepted: 0, refused429: 0, injectedFailures: 0 };
  /**
   * When set (tests, benchmarks), every message and edit accepted — or refused with 429, then
   * with its `retryAfter` — is logged here with its chat and wall-clock time.
   */
  sendLog: { chatId: number; at: number; retryAfter?: number }[] | undefined;
  private readonly acceptedByChat = new Map<number, number>();
  private readonly faults: { chatId: number | undefined; remaining: number; errorCode: number }[] = [];
  private poll: AbortController | undefined;
  private readonly sent: number[] = [];
  private readonly sentByChat = new Map<number, number[]>();
  private readonly methods: Record<string, Method>;

  constructor(
    private readonly store: SimulatorStore,
    readonly limits: FloodLimits,
  ) {
    this.methods = {
      getme: () => this.store.bot,
      logout: () => true,
      close: () => true,
      getupdates: (p, signal) => this.getUpdates(p, signal),
      setwebhook: (p) => this.setWebhook(p),
      deletewebhook: (p) => this.deleteWebhook(p),
      getwebhookinfo: () => this.getWebhookInfo(),
      sendmessage: (p) => this.sendMessage(p),
      editmessagetext: (p) => this.editMessageText(p),
      editmessagereplymarkup: (p) => this.editMessageReplyMarkup(p),
      deletemessage: (p) => this.deleteMessage(p),
      answercallbackquery: (p) => this.answerCallbackQuery(p),
      sendphoto: (p) => this.sendFile(p, "photo"),
      senddocument: (p) => this.sendFile(p, "document"),
      sendlocation: (p) => this.sendLocation(p),
      sendchataction: (p) => this.sendChatAction(p),
      getfile: (p) => this.getFile(p),
      setmycommands: (p) => this.setMyCommands(p),
      getmycommands: (p) => this.store.commandsFor(this.commandScopeKey(p)),
      deletemycommands: (p) => {
        this.store.setCommands(this.commandScopeKey(p), []);
        return true;
      },
    };
  }

  /** Runs a method; unknown methods answer 404 like Telegram. */
  async call(method: string, params: BotApiParams, signal: AbortSignal): Promise<ApiResponse> {
    // Own methods only: "constructor" or "toString" are not Bot API methods.
    const name = method.toLowerCase();
    const handler = Object.hasOwn(this.methods, name) ? this.methods[name] : undefined;
    if (!handler) return { ok: false, error_code: 404, description: "Not Found: method not found" };
    try {
      return { ok: true, result: await handler(params, signal) };
    } catch (error) {
      if (error instanceof BotApiError) {
        return {
          ok: false,
          error_code: error.errorCode,
          description: error.description,
          ...(error.retryAfter !== undefined ? { parameters: { retry_after: error.retryAfter } } : {}),
        };
      }
      throw error;
    }
  }

  // ---- updates and webhooks -----------------------------------------------------------------

  private async getUpdates(p: BotApiParams, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) {
      throw new BotApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = p.number("offset");
    const limit = Math.min(Math.max(p.number("limit") ?? 100, 1), 100);
    const timeout = Math.min(Math.max(p.number("timeout") ?? 0, 0), 50);
    const allowed = p.object<string[]>("allowed_updates");
    const allowedList = Array.isArray(allowed) ? allowed : undefined;

    // A newer getUpdates ends the older one, as on Telegram (only one consumer per token).
    this.poll?.abort(
      new BotApiError(
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    const poll = new AbortController();
    this.poll = poll;
    const onClientGone = () => poll.abort();
    signal.addEventListener("abort", onClientGone, { once: true });
    try {
      const deadline = Date.now() + timeout * 1000;
      for (;;) {
        const updates = this.store.pendingUpdates(offset, limit, allowedList);
        if (updates.length > 0 || Date.now() >= deadline) return updates;
        const timer = new AbortController();
        const timeoutId = setTimeout(() => timer.abort(), deadline - Date.now());
        await this.store.waitForUpdate(AbortSignal.any([timer.signal, poll.signal]));
        clearTimeout(timeoutId);
        if (poll.signal.aborted) {
          const reason = poll.signal.reason;
          if (reason instanceof BotApiError) throw reason;
          return [];
        }
      }
    } finally {
      signal.removeEventListener("abort", onClientGone);
      if (this.poll === poll) this.poll = undefined;
    }
  }

  private setWebhook(p: BotApiParams): boolean {
    const url = p.string("url") ?? "";
    if (url === "") {
      this.webhook = undefined;
      return true;
    }
    const target = webhookTarget(url);
    const secret = p.string("secret_token");
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw badRequest("secret token contains unallowed characters");
    }
    if (p.boolean("drop_pending_updates")) this.store.dropPendingUpdates();
    const allowed = p.object<string[]>("allowed_updates");
    this.webhook = {
      url: target,
      secretToken: secret,
      allowedUpdates: Array.isArray(allowed) ? allowed : undefined,
      maxConnections: p.number("max_connections") ?? 40,
      lastErrorDate: undefined,
      lastErrorMessage: undefined,
    };
    this.poll?.abort();
    return true;
  }

  private deleteWebhook(p: BotApiParams): boolean {
    this.webhook = undefined;
    if (p.boolean("drop_pending_updates")) this.store.dropPendingUpdates();
    return true;
  }

  private getWebhookInfo() {
    const w = this.webhook;
    return {
      url: w?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.store.pendingCount(),
      ...(w?.lastErrorDate
        ? { last_error_date: w.lastErrorDate, last_error_message: w.lastErrorMessage }
        : {}),
      ...(w ? { max_connections: w.maxConnections } : {}),
      ...(w?.allowedUpdates ? { allowed_updates: w.allowedUpdates } : {}),
    };
  }

  // ---- sending ------------------------------------------------------------------------------

  private sendMessage(p: BotApiParams): ViewMessage {
    const chatId = this.requireReachableChat(p);
    const { text, entities } = this.formattedText(p, "text", "entities", MAX_TEXT, "message is too long");
    if (text.trim() === "") throw badRequest("message text is empty");
    const markup = this.replyMarkup(p);
    this.checkFlood(chatId);
    const message = this.store.addMessage(chatId, true, {
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(markup.inline ? { reply_markup: markup.inline } : {}),
    });
    this.applyReplyKeyboard(chatId, markup);
    return message;
  }

  private async sendFile(p: BotApiParams, kind: "photo" | "document"): Promise<ViewMessage> {
    const chatId = this.requireReachableChat(p);
    const input = p.file(kind);
    if (input === undefined) throw badRequest(`there is no ${kind} in the request`);
    const caption = this.formattedText(
      p,
      "caption",
      "caption_entities",
      MAX_CAPTION,
      "message caption is too long",
      true,
    );
    const markup = this.replyMarkup(p);
    const file = this.resolveInputFile(input, kind);
    this.checkFlood(chatId);
    const content =
      kind === "photo"
        ? {
            photo: [
              {
                file_id: file.fileId,
                file_unique_id: file.fileUniqueId,
                ...imageSize(file.data),
                file_size: file.data.length,
              },
            ],
          }
        : {
            document: {
              file_id: file.fileId,
              file_unique_id: file.fileUniqueId,
              file_name: file.fileName ?? file.filePath.split("/").pop(),
              mime_type: file.mimeType,
              file_size: file.data.length,
            },
          };
    const message = this.store.addMessage(chatId, true, {
      ...content,
      ...(caption.text ? { caption: caption.text } : {}),
      ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}),
      ...(markup.inline ? { reply_markup: markup.inline } : {}),
    } as never);
    this.applyReplyKeyboard(chatId, markup);
    return message;
  }

  private resolveInputFile(input: UploadedFile | string, kind: "photo" | "document") {
    if (typeof input === "string") {
      const known = this.store.file(input);
      if (known) return known;
      if (/^https?:\/\//.test(input)) throw badRequest("failed to get HTTP URL content");
      throw badRequest("wrong file identifier/HTTP URL specified");
    }
    if (kind === "photo") {
      const { width, height } = imageSize(input.data);
      if (width === 0 || height === 0) throw badRequest("IMAGE_PROCESS_FAILED");
    }
    return this.store.storeFile(
      input.data,
      input.mimeType,
      kind === "photo" ? "photos" : "documents",
      input.fileName,
    );
  }

  private sendLocation(p: BotApiParams): ViewMessage {
    const chatId = this.requireReachableChat(p);
    const latitude = p.number("latitude");
    const longitude = p.number("longitude");
    if (
      latitude === undefined ||
      longitude === undefined ||
      !(Math.abs(latitude) <= 90) ||
      !(Math.abs(longitude) <= 180)
    ) {
      throw badRequest("wrong latitude or longitude specified");
    }
    const markup = this.replyMarkup(p);
    this.checkFlood(chatId);
    const message = this.store.addMessage(chatId, true, {
      location: { latitude, longitude },
      ...(markup.inline ? { reply_markup: markup.inline } : {}),
    });
    this.applyReplyKeyboard(chatId, markup);
    return message;
  }

  private sendChatAction(p: BotApiParams): boolean {
    const chatId = this.requireReachableChat(p);
    const action = p.string("action") ?? "";
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    this.store.emitEvent({ type: "chat_action", chatId, action });
    return true;
  }

  // ---- editing ------------------------------------------------------------------------------

  private editMessageText(p: BotApiParams): ViewMessage {
    const { chatId, message } = this.editableMessage(p);
    if (message.text === undefined) throw badRequest("there is no text in the message to edit");
    const { text, entities } = this.formattedText(p, "text", "entities", MAX_TEXT, "message is too long");
    if (text.trim() === "") throw badRequest("message text is empty");
    const markup = this.replyMarkup(p);
    if (markup.other) throw badRequest("inline keyboard expected");
    this.checkFlood(chatId);
    const unchanged =
      message.text === text &&
      sameJson(message.entities ?? [], entities) &&
      sameJson(message.reply_markup ?? null, markup.inline ?? null);
    if (unchanged) throw notModified();
    const edited: ViewMessage = { ...message, text, edit_date: Math.floor(Date.now() / 1000) };
    if (entities.length > 0) edited.entities = entities;
    else delete edited.entities;
    if (markup.inline) edited.reply_markup = markup.inline;
    else delete edited.reply_markup;
    this.store.replaceMessage(chatId, edited);
    return edited;
  }

  private editMessageReplyMarkup(p: BotApiParams): ViewMessage {
    const { chatId, message } = this.editableMessage(p);
    const markup = this.replyMarkup(p);
    if (markup.other) throw badRequest("inline keyboard expected");
    this.checkFlood(chatId);
    if (sameJson(message.reply_markup ?? null, markup.inline ?? null)) throw notModified();
    const edited: ViewMessage = { ...message, edit_date: Math.floor(Date.now() / 1000) };
    if (markup.inline) edited.reply_markup = markup.inline;
    else delete edited.reply_markup;
    this.store.replaceMessage(chatId, edited);
    return edited;
  }

  private editableMessage(p: BotApiParams) {
    if (p.has("inline_message_id")) throw badRequest("inline messages are not supported by the simulator");
    const chatId = this.requireReachableChat(p);
    const messageId = p.number("message_id");
    const message = messageId === undefined ? undefined : this.store.findMessage(chatId, messageId);
    if (!message) throw badRequest("message to edit not found");
    if (!message.outgoing) throw badRequest("message can't be edited");
    return { chatId, message };
  }

  private deleteMessage(p: BotApiParams): boolean {
    const chatId = this.requireChat(p);
    const messageId = p.number("message_id");
    if (messageId === undefined || !this.store.deleteMessage(chatId, messageId)) {
      throw badRequest("message to delete not found");
    }
    return true;
  }

  private answerCallbackQuery(p: BotApiParams): boolean {
    const id = p.string("callback_query_id") ?? "";
    const text = p.string("text");
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    const pending = this.store.answerCallback(id);
    if (!pending) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    this.store.emitEvent({
      type: "callback_answer",
      chatId: pending.chatId,
      text: text || undefined,
      showAlert: p.boolean("show_alert"),
    });
    return true;
  }

  // ---- files and commands -------------------------------------------------------------------

  private getFile(p: BotApiParams) {
    const file = this.store.file(p.string("file_id") ?? "");
    if (!file) throw badRequest("invalid file_id");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.data.length,
      file_path: file.filePath,
    };
  }

  private setMyCommands(p: BotApiParams): boolean {
    const commands = p.object<BotCommand[]>("commands");
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > 100) throw badRequest("too many commands");
    for (const command of commands) {
      if (typeof command?.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      const description = command.description;
      if (typeof description !== "string" || description.length < 1 || description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    this.store.setCommands(
      this.commandScopeKey(p),
      commands.map(({ command, description }) => ({ command, description })),
    );
    return true;
  }

  private commandScopeKey(p: BotApiParams): string {
    const scope = p.object<{ type?: string; chat_id?: number | string }>("scope");
    if (scope === "invalid") throw badRequest("can't parse BotCommandScope JSON object");
    const type = scope?.type ?? "default";
    const language = p.string("language_code") ?? "";
    if (language !== "" && !/^[a-z]{2}$/.test(language)) throw badRequest("invalid language code specified");
    if (type === "chat" || type === "chat_administrators" || type === "chat_member") {
      const chatId = Number(scope?.chat_id);
      if (!this.store.chat(chatId)) throw badRequest("chat not found");
      return `chat:${chatId}:${language}`;
    }
    return `${type}::${language}`;
  }

  // ---- shared checks ------------------------------------------------------------------------

  private requireChat(p: BotApiParams): number {
    const raw = p.string("chat_id");
    if (raw === undefined || raw === "") throw badRequest("chat_id is empty");
    const chatId = Number(raw);
    if (!Number.isSafeInteger(chatId) || !this.store.chat(chatId)) throw badRequest("chat not found");
    return chatId;
  }

  private requireReachableChat(p: BotApiParams): number {
    const chatId = this.requireChat(p);
    if (this.store.chat(chatId)?.user.blocked) {
      throw new BotApiError(403, "Forbidden: bot was blocked by the user");
    }
    return chatId;
  }

  private formattedText(
    p: BotApiParams,
    textField: string,
    entitiesField: string,
    maxLength: number,
    tooLong: string,
    optional = false,
  ): { text: string; entities: MessageEntity[] } {
    const raw = p.string(textField);
    if (raw === undefined) {
      if (optional) return { text: "", entities: [] };
      throw badRequest("message text is empty");
    }
    const parseMode = p.string("parse_mode");
    let text = raw;
    let entities: MessageEntity[] = [];
    if (parseMode === "HTML") {
      const parsed = parseTelegramHtml(raw);
      if (!parsed.ok) throw new BotApiError(400, parsed.description);
      ({ text, entities } = parsed);
    } else if (
      parseMode !== undefined &&
      parseMode !== "" &&
      parseMode !== "MarkdownV2" &&
      parseMode !== "Markdown"
    ) {
      throw badRequest("unsupported parse_mode");
    } else {
      const given = p.object<MessageEntity[]>(entitiesField);
      if (given === "invalid") throw badRequest(`can't parse ${entitiesField} JSON object`);
      if (Array.isArray(given)) entities = given;
    }
    if (text.length > maxLength) throw badRequest(tooLong);
    return { text, entities };
  }

  private replyMarkup(p: BotApiParams): {
    inline?: InlineKeyboardMarkup;
    other?: ReplyKeyboardMarkup | { remove_keyboard: true } | { force_reply: true };
  } {
    const markup = p.object<Record<string, unknown>>("reply_markup");
    if (markup === undefined) return {};
    if (markup === "invalid" || typeof markup !== "object") {
      throw badRequest("can't parse reply keyboard markup JSON object");
    }
    if ("inline_keyboard" in markup) {
      const rows = markup.inline_keyboard;
      if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
        throw badRequest('can\'t parse inline keyboard button: field "inline_keyboard" must be an Array');
      }
      const buttons = rows.flat() as Record<string, unknown>[];
      if (buttons.length > 100) throw badRequest("REPLY_MARKUP_TOO_LONG");
      for (const button of buttons) {
        if (typeof button?.text !== "string" || button.text === "") throw badRequest("BUTTON_TEXT_INVALID");
        const actions = INLINE_BUTTON_ACTIONS.filter((field) => button[field] !== undefined);
        if (actions.length !== 1) {
          throw badRequest(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
          );
        }
        if (button.callback_data !== undefined) {
          const data = button.callback_data;
          const size = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
          if (size < 1 || size > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
        }
        if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/.test(String(button.url))) {
          throw badRequest("BUTTON_URL_INVALID");
        }
      }
      return { inline: markup as unknown as InlineKeyboardMarkup };
    }
    if ("keyboard" in markup) {
      const rows = markup.keyboard;
      if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
        throw badRequest('can\'t parse reply keyboard markup: field "keyboard" must be an Array');
      }
      const normalized = rows.map((row: unknown[]) =>
        row.map((button) => {
          const b = typeof button === "string" ? { text: button } : (button as Record<string, unknown>);
          if (typeof b?.text !== "string" || b.text === "") throw badRequest("BUTTON_TEXT_INVALID");
          return b;
        }),
      );
      return { other: { ...markup, keyboard: normalized } as unknown as ReplyKeyboardMarkup };
    }
    if (markup.remove_keyboard === true) return { other: { remove_keyboard: true } };
    if (markup.force_reply === true) return { other: { force_reply: true } };
    throw badRequest("can't parse reply keyboard markup JSON object");
  }

  private applyReplyKeyboard(chatId: number, markup: ReturnType<SimulatedBotApi["replyMarkup"]>): void {
    const other = markup.other;
    if (!other) return;
    if ("keyboard" in other) this.store.setReplyKeyboard(chatId, other);
    else if ("remove_keyboard" in other) this.store.setReplyKeyboard(chatId, null);
  }

  /** Messages (and edits) accepted for a chat since the simulator started. */
  acceptedFor(chatId: number): number {
    return this.acceptedByChat.get(chatId) ?? 0;
  }

  /**
   * The next `times` messages (to `chatId`, or to anyone) fail with `errorCode` (default 500,
   * Telegram's transient "Internal Server Error") without being delivered.
   */
  failSends(times: number, options: { chatId?: number; errorCode?: number } = {}): void {
    this.faults.push({ chatId: options.chatId, remaining: times, errorCode: options.errorCode ?? 500 });
  }

  private injectedFault(chatId: number): void {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.chatId === undefined || f.chatId === chatId));
    if (!fault) return;
    fault.remaining--;
    this.stats.injectedFailures++;
    throw new BotApiError(fault.errorCode, fault.errorCode >= 500 ? "Internal Server Error" : "Bad Request");
  }

  /** Sliding one-second windows per chat and overall; over the limit answers 429. */
  private checkFlood(chatId: number): void {
    this.injectedFault(chatId);
    const now = Date.now();
    const windowStart = now - 1000;
    const prune = (list: number[]) => {
      while (list.length > 0 && (list[0] ?? 0) <= windowStart) list.shift();
    };
    const chatList = this.sentByChat.get(chatId) ?? [];
    this.sentByChat.set(chatId, chatList);
    prune(chatList);
    prune(this.sent);
    const over = (list: number[], limit: number) => limit > 0 && list.length >= limit;
    if (over(chatList, this.limits.perChat) || over(this.sent, this.limits.global)) {
      const oldest = Math.min(chatList[0] ?? now, this.sent[0] ?? now);
      const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
      this.stats.refused429++;
      this.sendLog?.push({ chatId, at: now, retryAfter });
      throw new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
    }
    chatList.push(now);
    this.sent.push(now);
    this.stats.accepted++;
    this.acceptedByChat.set(chatId, (this.acceptedByChat.get(chatId) ?? 0) + 1);
    this.sendLog?.push({ chatId, at: now });
  }
}

/**
 * A webhook URL the simulator will deliver to. Telegram refuses what it cannot parse or reach;
 * the simulator also keeps the people's messages on this machine: loopback hosts only.
 */
function webhookTarget(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("bad webhook: invalid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badRequest("bad webhook: an HTTP or HTTPS URL must be provided for webhook");
  }
  if (url.username || url.password) throw badRequest("bad webhook: the URL must not contain credentials");
  if (!isLoopbackHost(url.hostname)) {
    throw badRequest(
      "bad webhook: the simulator delivers updates only to this machine (localhost, 127.0.0.1, ::1)",
    );
  }
  return raw;
}

function notModified() {
  return badRequest(
    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
