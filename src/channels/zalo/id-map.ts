import type { Db } from "../../db/client.js";
import { transactionWithRetry } from "../../db/transaction-with-retry.js";

/**
 * Mapped ids start above 2^52: Telegram user ids have at most 52 significant bits, so a Zalo
 * chat never gets the id of a Telegram chat (conversation state and handled marks are keyed
 * by chat and bot id in tables both channels share). 2^52 + n stays a safe integer.
 */
export const ZALO_ID_BASE = 2 ** 52;

export type PeerKind = "user" | "group" | "bot";

export interface ZaloPeerRow {
  id: number;
  zaloId: string;
  kind: string;
  menu: string | null;
}

/** The integer the bot knows a Zalo user, group or bot by (groups negative, as on Telegram). */
export function telegramIdOf(peer: { id: number; kind: string }): number {
  return peer.kind === "group" ? -(ZALO_ID_BASE + peer.id) : ZALO_ID_BASE + peer.id;
}

/** The Zalo peer (row id) behind an integer id from the bot; `undefined` when none can be. */
export function peerRowIdOf(telegramId: number | string): number | undefined {
  const value = Math.abs(Number(telegramId));
  if (!Number.isSafeInteger(value) || value <= ZALO_ID_BASE) return undefined;
  return value - ZALO_ID_BASE;
}

/** The peer for a Zalo id, created on first sight; the same integer for ever after. */
export async function ensurePeer(db: Db, zaloId: string, kind: PeerKind): Promise<ZaloPeerRow> {
  return db.zaloPeer.upsert({
    where: { zaloId },
    create: { zaloId, kind },
    update: {},
    select: { id: true, zaloId: true, kind: true, menu: true },
  });
}

/** The peer an integer chat id from the bot stands for. */
export async function findPeer(db: Db, telegramId: number | string): Promise<ZaloPeerRow | null> {
  const id = peerRowIdOf(telegramId);
  if (id === undefined) return null;
  const peer = await db.zaloPeer.findUnique({
    where: { id },
    select: { id: true, zaloId: true, kind: true, menu: true },
  });
  // A group id must come negative, a user's positive.
  if (!peer || (peer.kind === "group") !== Number(telegramId) < 0) return null;
  return peer;
}

/**
 * Gives a message in a chat its integer id (the next one in that chat) and records Zalo's id
 * and, for the bot's own, its text.
 */
export async function recordMessage(
  db: Db,
  peerId: number,
  message: { zaloMessageId?: string; text?: string },
): Promise<number> {
  // Several instances write a chat's messages: a transaction that met another's write is run again.
  return transactionWithRetry(db, async (tx) => {
    const peer = await tx.zaloPeer.update({
      where: { id: peerId },
      data: { lastMessageId: { increment: 1 } },
      select: { lastMessageId: true },
    });
    await tx.zaloMessage.create({
      data: {
        peerId,
        messageId: peer.lastMessageId,
        zaloMessageId: message.zaloMessageId ?? null,
        text: message.text ?? null,
      },
    });
    return peer.lastMessageId;
  });
}

/**
 * The integer id of a message the person sent: the one it was given before (a translation
 * begun again after a crash), else the next one in the chat ({@link recordMessage}).
 */
export async function inboundMessageId(db: Db, peerId: number, zaloMessageId: string): Promise<number> {
  const known = await db.zaloMessage.findFirst({
    where: { peerId, zaloMessageId },
    select: { messageId: true },
  });
  return known ? known.messageId : recordMessage(db, peerId, { zaloMessageId });
}

/** The bot's text of one of its messages (as it sent or last edited it), if known. */
export async function messageText(
  db: Db,
  peerId: number,
  messageId: number,
): Promise<string | null | undefined> {
  const row = await db.zaloMessage.findUnique({
    where: { peerId_messageId: { peerId, messageId } },
    select: { text: true },
  });
  return row === null ? undefined : row.text;
}

/** After an edit was sent as a new message: the message now reads so, and is that Zalo message. */
export async function updateMessage(
  db: Db,
  peerId: number,
  messageId: number,
  change: { text: string; zaloMessageId?: string },
): Promise<void> {
  await db.zaloMessage.upsert({
    where: { peerId_messageId: { peerId, messageId } },
    create: { peerId, messageId, text: change.text, zaloMessageId: change.zaloMessageId ?? null },
    update: { text: change.text, ...(change.zaloMessageId ? { zaloMessageId: change.zaloMessageId } : {}) },
  });
}
