import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type {
  BotCommand,
  InlineKeyboardMarkup,
  Message,
  ReplyKeyboardMarkup,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import type { SimulatorUser } from "../db/demo-data.js";
import { ZaloChats, type ZaloViewMessage } from "./zalo/zalo-chats.js";
import type { OaChatItem } from "./zalo-oa/oa-fake.js";

/** A message as the page sees it: the Bot API object plus who sent it and where its file is. */
export type ViewMessage = Message & { outgoing: boolean; fileUrl?: string };

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  mimeType: string;
  fileName?: string;
  data: Buffer;
}

export interface PageUser extends SimulatorUser {
  blocked: boolean;
}

export type SimulatorEvent =
  | { type: "message"; chatId: number; message: ViewMessage }
  | { type: "edit"; chatId: number; message: ViewMessage }
  | { type: "delete"; chatId: number; messageId: number }
  | { type: "keyboard"; chatId: number; replyKeyboard: ReplyKeyboardMarkup | null }
  | { type: "callback_answer"; chatId: number; text: string | undefined; showAlert: boolean }
  | { type: "chat_action"; chatId: number; action: string }
  | { type: "commands"; chatId: number; commands: BotCommand[] }
  | { type: "user"; user: PageUser }
  // The same person's chat on Zalo (chatId is the person's id, as for Telegram).
  | { type: "zalo_message"; chatId: number; message: ZaloViewMessage }
  | { type: "zalo_typing"; chatId: number }
  | { type: "zalo_oa_message"; chatId: number; message: OaChatItem };

interface Chat {
  user: PageUser;
  messages: ViewMessage[];
  nextMessageId: number;
  replyKeyboard: ReplyKeyboardMarkup | null;
}

interface PendingCallback {
  chatId: number;
  createdAt: number;
  answered: boolean;
}

/** The bot as the simulator presents it (`getMe`); tests use the same identity. */
export const SIMULATED_BOT = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Trợ lý Giảm nghèo",
  username: "trolygiamngheo_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** How long a callback query can be answered, as on Telegram (roughly). */
const CALLBACK_ANSWER_WINDOW_MS = 15 * 60_000;

/**
 * The simulator's memory: users and their private chats with the bot (on Telegram, and in
 * `zalo` on Zalo), the queue of updates for
 * the bot, uploaded files, registered commands. Emits an event for everything the page shows.
 */
export class SimulatorStore extends EventEmitter {
  readonly bot: UserFromGetMe;
  /** Every person's chat with the bot on Zalo, next to their Telegram chat. */
  readonly zalo: ZaloChats;
  private readonly chats = new Map<number, Chat>();
  private readonly updates: Update[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly callbacks = new Map<string, PendingCallback>();
  private readonly commands = new Map<string, BotCommand[]>();
  /** Update ids grow across simulator restarts, as the bot de-duplicates by id. */
  private nextUpdateId = Math.floor(Date.now() / 10);
  private readonly waiters = new Set<() => void>();

  constructor(users: SimulatorUser[], bot?: Partial<UserFromGetMe>) {
    super();
    this.setMaxListeners(0);
    this.bot = { ...SIMULATED_BOT, ...bot };
    this.zalo = new ZaloChats(this);
    for (const user of users) this.addUser(user);
  }

  // ---- users and chats ----------------------------------------------------------------------

  addUser(user: SimulatorUser): PageUser {
    const existing = this.chats.get(user.id);
    if (existing) return existing.user;
    const pageUser: PageUser = { ...user, blocked: false };
    this.chats.set(user.id, { user: pageUser, messages: [], nextMessageId: 1, replyKeyboard: null });
    this.emitEvent({ type: "user", user: pageUser });
    return pageUser;
  }

  users(): PageUser[] {
    return [...this.chats.values()].map((chat) => chat.user);
  }

  chat(chatId: number): Chat | undefined {
    return this.chats.get(chatId);
  }

  telegramUser(user: PageUser): User {
    return {
      id: user.id,
      is_bot: false,
      first_name: user.firstName,
      ...(user.lastName ? { last_name: user.lastName } : {}),
      ...(user.username ? { username: user.username } : {}),
      language_code: user.languageCode ?? "vi",
    };
  }

  setBlocked(chatId: number, blocked: boolean): PageUser | undefined {
    const chat = this.chats.get(chatId);
    if (!chat) return undefined;
    if (chat.user.blocked !== blocked) {
      chat.user.blocked = blocked;
      const now = Math.floor(Date.now() / 1000);
      const member = { user: this.bot, status: "member" as const };
      const kicked = { user: this.bot, status: "kicked" as const, until_date: 0 };
      this.pushUpdate({
        my_chat_member: {
          chat: { id: chatId, type: "private", first_name: chat.user.firstName },
          from: this.telegramUser(chat.user),
          date: now,
          old_chat_member: blocked ? member : kicked,
          new_chat_member: blocked ? kicked : member,
        },
      });
    }
    this.emitEvent({ type: "user", user: chat.user });
    return chat.user;
  }

  // ---- messages -----------------------------------------------------------------------------

  /** Stores a message in a chat (from the bot or the user) and tells the page. */
  addMessage(
    chatId: number,
    outgoing: boolean,
    content: Omit<Message, "message_id" | "date" | "chat" | "from">,
  ): ViewMessage {
    const chat = this.requireChat(chatId);
    const message = {
      message_id: chat.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: {
        id: chatId,
        type: "private",
        first_name: chat.user.firstName,
        ...(chat.user.lastName ? { last_name: chat.user.lastName } : {}),
      },
      from: outgoing ? this.bot : this.telegramUser(chat.user),
      ...content,
      outgoing,
    } as ViewMessage;
    const url = this.fileUrlOf(message);
    if (url) message.fileUrl = url;
    chat.messages.push(message);
    this.emitEvent({ type: "message", chatId, message });
    return message;
  }

  findMessage(chatId: number, messageId: number): ViewMessage | undefined {
    return this.chats.get(chatId)?.messages.find((m) => m.message_id === messageId);
  }

  replaceMessage(chatId: number, message: ViewMessage): void {
    const chat = this.requireChat(chatId);
    const index = chat.messages.findIndex((m) => m.message_id === message.message_id);
    if (index >= 0) chat.messages[index] = message;
    this.emitEvent({ type: "edit", chatId, message });
  }

  deleteMessage(chatId: number, messageId: number): boolean {
    const chat = this.chats.get(chatId);
    if (!chat) return false;
    const index = chat.messages.findIndex((m) => m.message_id === messageId);
    if (index < 0) return false;
    chat.messages.splice(index, 1);
    this.emitEvent({ type: "delete", chatId, messageId });
    return true;
  }

  setReplyKeyboard(chatId: number, keyboard: ReplyKeyboardMarkup | null): void {
    const chat = this.requireChat(chatId);
    chat.replyKeyboard = keyboard;
    this.emitEvent({ type: "keyboard", chatId, replyKeyboard: keyboard });
  }

  // ---- updates ------------------------------------------------------------------------------

  pushUpdate(content: Omit<Update, "update_id">): Update {
    const update = { update_id: this.nextUpdateId++, ...content } as Update;
    this.updates.push(update);
    for (const wake of [...this.waiters]) wake();
    this.emit("update", update);
    return update;
  }

  /** Forgets updates below `offset` (Telegram's confirmation) and returns the pending ones. */
  pendingUpdates(offset: number | undefined, limit: number, allowed?: string[]): Update[] {
    if (offset !== undefined) {
      while (this.updates.length > 0 && (this.updates[0]?.update_id ?? 0) < offset) this.updates.shift();
    }
    const allowedSet = allowed && allowed.length > 0 ? new Set(allowed) : undefined;
    return this.updates
      .filter((update) => !allowedSet || Object.keys(update).some((key) => allowedSet.has(key)))
      .slice(0, limit);
  }

  pendingCount(): number {
    return this.updates.length;
  }

  dropPendingUpdates(): void {
    this.updates.length = 0;
  }

  /** Resolves when a new update arrives (or the signal aborts). */
  waitForUpdate(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  takeUpdate(updateId: number): void {
    const index = this.updates.findIndex((u) => u.update_id === updateId);
    if (index >= 0) this.updates.splice(index, 1);
  }

  peekUpdates(): readonly Update[] {
    return this.updates;
  }

  // ---- callback queries ---------------------------------------------------------------------

  newCallbackQueryId(chatId: number): string {
    const id = `${Date.now()}${randomBytes(4).readUInt32BE(0)}`;
    this.callbacks.set(id, { chatId, createdAt: Date.now(), answered: false });
    return id;
  }

  /** Marks the query answered; `undefined` when unknown, too old or answered already. */
  answerCallback(id: string): PendingCallback | undefined {
    const pending = this.callbacks.get(id);
    if (!pending || pending.answered || Date.now() - pending.createdAt > CALLBACK_ANSWER_WINDOW_MS) {
      return undefined;
    }
    pending.answered = true;
    return pending;
  }

  // ---- files --------------------------------------------------------------------------------

  /**
   * Keeps a file. Its id (the page's link) and its path (the Bot API's download) carry 192 and
   * 128 random bits: nobody finds an uploaded roster by counting.
   */
  storeFile(data: Buffer, mimeType: string, kind: "photos" | "documents", fileName?: string): StoredFile {
    const unique = randomBytes(8).toString("hex");
    const fileId = `${kind === "photos" ? "AgAC" : "BQAC"}${randomBytes(24).toString("base64url")}`;
    const extension = extensionFor(mimeType, fileName);
    const file: StoredFile = {
      fileId,
      fileUniqueId: unique,
      filePath: `${kind}/${randomBytes(16).toString("hex")}${extension}`,
      mimeType,
      data,
      ...(fileName ? { fileName } : {}),
    };
    this.files.set(fileId, file);
    return file;
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  fileByPath(path: string): StoredFile | undefined {
    for (const file of this.files.values()) if (file.filePath === path) return file;
    return undefined;
  }

  private fileUrlOf(message: Message): string | undefined {
    const fileId = message.photo?.at(-1)?.file_id ?? message.document?.file_id;
    return fileId && this.files.has(fileId) ? `/sim/files/${encodeURIComponent(fileId)}` : undefined;
  }

  // ---- commands -----------------------------------------------------------------------------

  setCommands(scopeKey: string, commands: BotCommand[]): void {
    if (commands.length === 0) this.commands.delete(scopeKey);
    else this.commands.set(scopeKey, commands);
    for (const chat of this.chats.values()) {
      this.emitEvent({
        type: "commands",
        chatId: chat.user.id,
        commands: this.commandsForChat(chat.user.id),
      });
    }
  }

  commandsFor(scopeKey: string): BotCommand[] {
    return this.commands.get(scopeKey) ?? [];
  }

  /** Telegram's resolution order for a private chat: chat scope, then all private chats, then default. */
  commandsForChat(chatId: number): BotCommand[] {
    const chat = this.chats.get(chatId);
    const language = chat?.user.languageCode ?? "vi";
    const candidates = [
      `chat:${chatId}:${language}`,
      `chat:${chatId}:`,
      `all_private_chats::${language}`,
      "all_private_chats::",
      `default::${language}`,
      "default::",
    ];
    for (const key of candidates) {
      const commands = this.commands.get(key);
      if (commands) return commands;
    }
    return [];
  }

  // ---- events -------------------------------------------------------------------------------

  emitEvent(event: SimulatorEvent): void {
    this.emit("event", event);
  }

  private requireChat(chatId: number): Chat {
    const chat = this.chats.get(chatId);
    if (!chat) throw new Error(`Unknown chat ${chatId}`);
    return chat;
  }
}

function extensionFor(mimeType: string, fileName?: string): string {
  const fromName = fileName?.match(/\.[A-Za-z0-9]{1,8}$/)?.[0];
  if (fromName) return fromName.toLowerCase();
  const known: Record<string, string> = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
  };
  return known[mimeType] ?? "";
}

export type { InlineKeyboardMarkup };
