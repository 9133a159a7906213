import { createHash, randomBytes } from "node:crypto";
import type { PageUser, SimulatorStore, StoredFile } from "../simulator-store.js";
import type { StyleRun } from "./zalo-format.js";

/** What a person can send from Zalo that reaches a bot only as `message.unsupported.received`. */
export type UnsupportedKind = "file" | "location" | "contact";

/** One message of a person's Zalo chat with the bot, as the page shows it. */
export interface ZaloViewMessage {
  /** 20 lowercase hex digits, as Zalo's. */
  message_id: string;
  /** Epoch milliseconds, as Zalo's. */
  date: number;
  /** From the bot (true) or from the person. */
  outgoing: boolean;
  kind: "text" | "photo" | "sticker" | "unsupported";
  /** Text as Zalo shows it: markup stripped, its styles in `styles` (UTF-16 offsets). */
  text?: string;
  styles?: StyleRun[];
  /** The picture, for the page (a link of the simulator's own). */
  photoUrl?: string;
  caption?: string;
  sticker?: string;
  stickerUrl?: string;
  /** For an unsupported item: what the person sent (the bot never learns it). */
  unsupported?: UnsupportedKind;
  /**
   * Why the bot never received this message of the person's: the bot already has its
   * maximum of users, or (strict polling) no getUpdates was waiting and no webhook was set.
   */
  notDelivered?: "user_limit" | "no_poll";
}

export interface ZaloChat {
  person: PageUser;
  /** The person's Zalo user id for this bot (= the chat id of a private chat). */
  zaloId: string;
  displayName: string;
  messages: ZaloViewMessage[];
}

/** Stickers the page offers (the ids have Zalo's shape; the pictures are the simulator's). */
export const ZALO_STICKERS: readonly { id: string; emoji: string; label: string }[] = [
  { id: "0e078a2fb66a5f34067b", emoji: "👍", label: "Thích" },
  { id: "3c1e5d8a9b2f4e6d7a01", emoji: "❤️", label: "Yêu thích" },
  { id: "7a9c2e4f6b8d0a1c3e52", emoji: "😂", label: "Cười" },
  { id: "b4d6f8a0c2e4a6b8d0f3", emoji: "🙏", label: "Cảm ơn" },
];

/**
 * A person's Zalo user id: 20 lowercase hex digits derived from the person, so it is the same
 * for the whole run (and every run) and tests can name it.
 *
 * @example zaloUserId(710000001) // "…20 hex digits…", always the same for Nguyễn Văn An
 */
export function zaloUserId(personId: number): string {
  return createHash("sha256").update(`zalo-user:${personId}`).digest("hex").slice(0, 20);
}

/** A new message id in Zalo's shape: 20 lowercase hex digits. */
export function newZaloMessageId(): string {
  return randomBytes(10).toString("hex");
}

/**
 * The Zalo side of the simulator's memory: every person of the store can also be opened on
 * Zalo, and has a second chat there (with its own history) next to the Telegram one. Pictures
 * published to the bot get public, unguessable links under `/zalo/media/`, as Zalo's CDN links.
 */
export class ZaloChats {
  private readonly chats = new Map<number, ZaloChat>();
  private readonly media = new Map<string, StoredFile>();

  constructor(private readonly store: SimulatorStore) {}

  /** The person's Zalo chat (created on first use), or undefined for an unknown person. */
  chat(personId: number): ZaloChat | undefined {
    const existing = this.chats.get(personId);
    if (existing) return existing;
    const person = this.store.users().find((user) => user.id === personId);
    if (!person) return undefined;
    const chat: ZaloChat = {
      person,
      zaloId: zaloUserId(personId),
      displayName: person.lastName ? `${person.lastName} ${person.firstName}` : person.firstName,
      messages: [],
    };
    this.chats.set(personId, chat);
    return chat;
  }

  chatByZaloId(zaloId: string): ZaloChat | undefined {
    for (const chat of this.chats.values()) if (chat.zaloId === zaloId) return chat;
    const person = this.store.users().find((user) => zaloUserId(user.id) === zaloId);
    return person ? this.chat(person.id) : undefined;
  }

  /** Stores a message in a person's Zalo chat and tells the page. */
  addMessage(personId: number, message: ZaloViewMessage): ZaloViewMessage {
    const chat = this.chat(personId);
    if (!chat) throw new Error(`Unknown person ${personId}`);
    chat.messages.push(message);
    this.store.emitEvent({ type: "zalo_message", chatId: personId, message });
    return message;
  }

  /** Marks a message of the person's as not received by the bot (and tells the page). */
  markNotDelivered(personId: number, message: ZaloViewMessage, reason: "user_limit" | "no_poll"): void {
    message.notDelivered = reason;
    this.store.emitEvent({ type: "zalo_message", chatId: personId, message });
  }

  /** The bot is typing (sendChatAction). */
  typing(personId: number): void {
    this.store.emitEvent({ type: "zalo_typing", chatId: personId });
  }

  /** Keeps a picture and gives it a public path of its own (`/zalo/media/<path>`). */
  publish(data: Buffer, mimeType: string): { file: StoredFile; path: string } {
    const file = this.store.storeFile(data, mimeType, "photos");
    const extension = /\.[A-Za-z0-9]+$/.exec(file.filePath)?.[0] ?? "";
    const path = `${randomBytes(16).toString("hex")}${extension}`;
    this.media.set(path, file);
    return { file, path };
  }

  mediaByPath(path: string): StoredFile | undefined {
    return this.media.get(path);
  }
}
