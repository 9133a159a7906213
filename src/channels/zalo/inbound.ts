import { randomBytes } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { chatTexts } from "./chat-texts.js";
import { ensurePeer, recordMessage, telegramIdOf } from "./id-map.js";
import {
  type MenuOption,
  matchMenus,
  readMenuState,
  renderMenu,
  type TypedMenu,
  withoutMenu,
} from "./typed-menu.js";
import type { ZaloClient } from "./zalo-client.js";
import { UNSUPPORTED_ON_ZALO, type ZaloEvent } from "./zalo-events.js";

export interface InboundOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  client: ZaloClient;
  translator: Translator;
  defaultLocale: Locale;
  /** The bot as the bot knows itself (`getMe`), for the `from` of its synthetic messages. */
  botUser(): Promise<{ id: number; is_bot: true; first_name: string; username?: string }>;
}

export interface Inbound {
  /**
   * Stores one Zalo event (its id becomes the `update_id`); a re-delivered one (same Zalo
   * message id) is dropped. Then translates what is waiting, in order.
   */
  ingest(event: ZaloEvent): Promise<"stored" | "duplicate">;
  /** `getUpdates` for the bot: confirms what is below `offset`, waits up to `timeout` s. */
  getUpdates(
    params: { offset?: number; limit?: number; timeout?: number },
    signal?: AbortSignal | null,
  ): Promise<Update[]>;
  /** Wakes every waiting `getUpdates` (stopping). */
  close(): void;
}

/** Acknowledged events are kept this long (a re-delivery within it is still recognised). */
const KEEP_ACKED_MS = 7 * 24 * 3600_000;

/**
 * The inbound side of the Zalo transport: a durable queue in `ZaloInbound` between Zalo (webhook
 * or poller) and the bot's `getUpdates`, and the translation of each event into the Telegram
 * update the bot expects — typed choices included (a number or label of the chat's current
 * menu becomes the button's `callback_query`, or the reply-keyboard label as text).
 */
export function createInbound(options: InboundOptions): Inbound {
  const { db, clock, logger } = options;
  const waiters = new Set<() => void>();
  let translating: Promise<void> = Promise.resolve();
  let lastPrune = 0;
  let closed = false;

  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };

  /** Translates stored events not yet translated, one at a time, in order. */
  const translatePending = (): Promise<void> => {
    translating = translating.then(async () => {
      const pending = await db.zaloInbound.findMany({
        where: { update: null, skipped: false },
        orderBy: { id: "asc" },
        take: 100,
      });
      for (const row of pending) {
        let update: Update | null = null;
        try {
          update = await translate(JSON.parse(row.event) as ZaloEvent, row.id);
        } catch (error) {
          logger.error({ err: error, inboundId: row.id }, "zalo: could not translate an event");
        }
        await db.zaloInbound.update({
          where: { id: row.id },
          data: update ? { update: JSON.stringify(update) } : { skipped: true },
        });
      }
      if (pending.length > 0) wake();
    });
    return translating.catch(() => undefined);
  };

  const translate = async (event: ZaloEvent, updateId: number): Promise<Update | null> => {
    const zaloMessage = event.message;
    if (zaloMessage.chat.chat_type && zaloMessage.chat.chat_type !== "PRIVATE") {
      // Only private chats are served; a group's messages are left unanswered.
      logger.info({ event: event.event_name }, "zalo: group message ignored");
      return null;
    }
    const sender = zaloMessage.from ?? { id: zaloMessage.chat.id };
    const peer = await ensurePeer(db, zaloMessage.chat.id, "user");
    const chatId = telegramIdOf(peer);
    const name = sender.display_name?.trim() || "Zalo";
    const from = { id: chatId, is_bot: false, first_name: name, language_code: "vi" } as const;
    const chat = { id: chatId, type: "private", first_name: name } as const;
    const date = Math.floor((zaloMessage.date ?? clock.now().getTime()) / 1000);
    const messageId = await recordMessage(db, peer.id, { zaloMessageId: zaloMessage.message_id });
    const base = { message_id: messageId, date, chat, from };

    switch (event.event_name) {
      case "message.text.received": {
        const text = zaloMessage.text ?? "";
        const reply = matchMenus(text, readMenuState(peer.menu));
        if (reply.kind === "option") return chosen(updateId, peer, reply.menu, reply.option, base);
        if (reply.kind === "unknown_number") {
          await sayUnknownNumber(peer.zaloId, chatId, reply.number, reply.menu);
          return null;
        }
        const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_.]+)?/.exec(text);
        return {
          update_id: updateId,
          message: {
            ...base,
            text,
            ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
          },
        } as Update;
      }
      case "message.image.received": {
        const url = zaloMessage.photo_url ?? zaloMessage.photo ?? "";
        const caption = zaloMessage.caption?.trim();
        return {
          update_id: updateId,
          message: {
            ...base,
            photo: [{ file_id: url, file_unique_id: zaloMessage.message_id, width: 0, height: 0 }],
            ...(caption ? { caption } : {}),
          },
        } as Update;
      }
      case "message.sticker.received":
        return {
          update_id: updateId,
          message: {
            ...base,
            sticker: {
              file_id: zaloMessage.sticker ?? "",
              file_unique_id: zaloMessage.sticker ?? zaloMessage.message_id,
              type: "regular",
              width: 0,
              height: 0,
              is_animated: false,
              is_video: false,
            },
          },
        } as Update;
      // The OA dialect's kinds (oa/oa-events.ts); the Bot Platform sends none of them.
      case "message.file.received":
        if (!zaloMessage.file) break;
        return {
          update_id: updateId,
          message: {
            ...base,
            document: {
              file_id: zaloMessage.file.url,
              file_unique_id: zaloMessage.message_id,
              ...(zaloMessage.file.name ? { file_name: zaloMessage.file.name } : {}),
              ...(zaloMessage.file.size ? { file_size: zaloMessage.file.size } : {}),
            },
          },
        } as Update;
      case "message.location.received":
        if (!zaloMessage.location) break;
        return { update_id: updateId, message: { ...base, location: zaloMessage.location } } as Update;
      case "message.contact.received":
        if (!zaloMessage.contact) break;
        // Zalo's own form answered by the person: their own number, as Telegram's contact button.
        return {
          update_id: updateId,
          message: {
            ...base,
            contact: {
              phone_number: zaloMessage.contact.phone_number,
              first_name: zaloMessage.contact.first_name?.trim() || name,
              user_id: chatId,
            },
          },
        } as Update;
    }
    // Files and locations on the Bot Platform, contact cards, voice, a protected sender's words,
    // future kinds: a message without content that the bot's catch-all answers (unhandled.ts).
    return {
      update_id: updateId,
      message: { ...base, [UNSUPPORTED_ON_ZALO]: true },
    } as unknown as Update;
  };

  /** The button a typed reply chose: its callback query, or (reply keyboard) its label as text. */
  const chosen = async (
    updateId: number,
    peer: { id: number; menu: string | null },
    menu: TypedMenu,
    option: MenuOption,
    base: {
      message_id: number;
      date: number;
      chat: { id: number; type: "private"; first_name: string };
      from: object;
    },
  ): Promise<Update> => {
    if (menu.kind === "reply" || option.callbackData === undefined) {
      if (menu.oneTime) {
        const state = withoutMenu(readMenuState(peer.menu), "reply");
        await db.zaloPeer.update({ where: { id: peer.id }, data: { menu: JSON.stringify(state) } });
      }
      return { update_id: updateId, message: { ...base, text: option.label } } as Update;
    }
    return {
      update_id: updateId,
      callback_query: {
        // The chat rides in the id, so an alert answered to it can be sent there.
        id: `${peer.id}:${randomBytes(8).toString("hex")}`,
        from: base.from,
        chat_instance: String(base.chat.id),
        data: option.callbackData,
        message: {
          message_id: menu.messageId,
          date: menu.date,
          chat: base.chat,
          from: await options.botUser(),
          text: menu.text,
        },
      },
    } as Update;
  };

  /** "Số 7 không có trong lựa chọn hiện tại." and the choices again, in one message. */
  const sayUnknownNumber = async (zaloChatId: string, chatId: number, number: number, menu: TypedMenu) => {
    const texts = await chatTexts(db, options.translator, options.defaultLocale, chatId);
    const text = `${texts.say("zalo-choice-unknown-number", { number })}\n\n${renderMenu(
      { options: menu.options, notes: [] },
      texts.menu,
    )}`;
    try {
      await options.client.call("sendMessage", { chat_id: zaloChatId, text: text.slice(0, 2000) });
    } catch (error) {
      logger.warn({ err: error }, "zalo: could not send the unknown-number hint");
    }
  };

  const acknowledge = async (offset: number) => {
    await db.zaloInbound.updateMany({
      where: { id: { lt: offset }, ackedAt: null },
      data: { ackedAt: clock.now() },
    });
    const now = clock.now().getTime();
    if (now - lastPrune > 3600_000) {
      lastPrune = now;
      await db.zaloInbound.deleteMany({ where: { ackedAt: { lt: new Date(now - KEEP_ACKED_MS) } } });
    }
  };

  const ready = async (offset: number | undefined, limit: number): Promise<Update[]> => {
    const rows = await db.zaloInbound.findMany({
      where: {
        ackedAt: null,
        skipped: false,
        update: { not: null },
        ...(offset ? { id: { gte: offset } } : {}),
      },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true, update: true },
    });
    return rows.map((row) => ({ ...(JSON.parse(row.update ?? "{}") as Update), update_id: row.id }));
  };

  return {
    async ingest(event) {
      try {
        await db.zaloInbound.create({
          data: {
            zaloMessageId: event.message.message_id,
            event: JSON.stringify(event),
            receivedAt: clock.now(),
          },
        });
      } catch (error) {
        if ((error as { code?: unknown }).code === "P2002") return "duplicate";
        throw error;
      }
      void translatePending();
      return "stored";
    },

    async getUpdates(params, signal) {
      const offset = params.offset && params.offset > 0 ? params.offset : undefined;
      if (offset) await acknowledge(offset);
      await translatePending();
      const limit = Math.min(Math.max(params.limit ?? 100, 1), 100);
      let updates = await ready(offset, limit);
      const timeoutMs = Math.max(0, params.timeout ?? 0) * 1000;
      if (updates.length > 0 || timeoutMs === 0 || closed) return updates;
      let expired = false;
      let woken: () => void = () => undefined;
      const timer = setTimeout(() => {
        expired = true;
        woken();
      }, timeoutMs);
      const onAbort = () => woken();
      signal?.addEventListener("abort", onAbort);
      try {
        while (updates.length === 0 && !expired && !closed && !signal?.aborted) {
          await new Promise<void>((resolve) => {
            // Another process may have stored the event: look again every second anyway.
            const tick = setTimeout(resolve, 1000);
            woken = () => {
              clearTimeout(tick);
              resolve();
            };
            waiters.add(woken);
          });
          waiters.delete(woken);
          await translatePending();
          updates = await ready(offset, limit);
        }
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      if (signal?.aborted) throw signal.reason;
      return updates;
    },

    close() {
      closed = true;
      wake();
    },
  };
}
