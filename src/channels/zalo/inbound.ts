import { randomBytes } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { type Db, isDatabaseUnavailable } from "../../db/client.js";
import { releaseLease, takeLease, zaloInboundLeaseName } from "../../db/leases.js";
import { transactionWithRetry } from "../../db/transaction-with-retry.js";
import { storeWebhookUpdate } from "../../db/update-log.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { chatTexts } from "./chat-texts.js";
import { ensurePeer, inboundMessageId, telegramIdOf } from "./id-map.js";
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

export interface TranslatorOptions {
  /** The Zalo bot's id (`getMe`): the updates are stored in `ProcessedUpdate` under it. */
  botId: string;
  /** This run (`InstanceRun.id`): it holds the translator's lease while it translates. */
  runId: string;
  /** Updates were stored: the local update processor may take them at once. */
  onTranslated(): void;
  /** How long the lease lasts unless renewed (renewed a third of it apart while translating). */
  leaseMs?: number;
  /** How often to look for events stored on another instance (or left by a dead translator). */
  pollMs?: number;
}

export interface Inbound {
  /**
   * Stores one Zalo event (its id becomes the `update_id`); a re-delivered one (same Zalo
   * message id) is dropped. Then translates what is waiting, in order (with the translator
   * started, by waking it).
   */
  ingest(event: ZaloEvent): Promise<"stored" | "duplicate">;
  /**
   * Hands the events over to the app's update processor instead of `getUpdates`, safely with
   * several instances on one database: only the instance holding the lease
   * `zalo-inbound:<botId>` translates, in order, and each translated event is stored as an
   * update in `ProcessedUpdate` (with its chat) in one transaction with marking the event
   * done. From then on `getUpdates` is refused.
   */
  startTranslator(options: TranslatorOptions): void;
  /**
   * `getUpdates` for the bot: confirms what is below `offset`, waits up to `timeout` s. One
   * process only (the transport on its own, the tests); the app uses {@link startTranslator}.
   */
  getUpdates(
    params: { offset?: number; limit?: number; timeout?: number },
    signal?: AbortSignal | null,
  ): Promise<Update[]>;
  /** Wakes every waiting `getUpdates` and stops the translator (stopping). */
  close(): Promise<void>;
}

/** An event as the bot will see it, and what goes with it. */
interface Translation {
  /** The update, or `null` when the bot gets nothing (the adapter answered, a group's message). */
  update: Update | null;
  /** The chat's menus after this reply (a one-time keyboard used up): saved with the event. */
  menu?: { peerId: number; state: string };
  /** The adapter's own answer, sent once the event is recorded (so never twice after a crash). */
  after?: () => Promise<void>;
}

/** Acknowledged events are kept this long (a re-delivery within it is still recognised). */
const KEEP_ACKED_MS = 7 * 24 * 3600_000;
/** The translator's lease; a dead translator's events are taken over after this at the latest. */
export const ZALO_INBOUND_LEASE_MS = 15_000;

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

  /**
   * Translates one stored event. An event that cannot be translated leaves the bot nothing
   * (logged); a database error is thrown instead, and the event stays waiting to be tried again
   * (another instance's write in the way must not cost a person's message).
   */
  const translateRow = async (row: { id: number; event: string }): Promise<Translation> => {
    try {
      return await translate(JSON.parse(row.event) as ZaloEvent, row.id);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      logger.error({ err: error, inboundId: row.id }, "zalo: could not translate an event");
      return { update: null };
    }
  };

  /** One process (`getUpdates`): translates stored events not yet translated, one at a time, in order. */
  const translatePending = (): Promise<void> => {
    // After a failed round (a database error, logged below) the next one starts afresh.
    translating = translating
      .catch(() => undefined)
      .then(async () => {
        const pending = await db.zaloInbound.findMany({
          where: { update: null, skipped: false },
          orderBy: { id: "asc" },
          take: 100,
        });
        for (const row of pending) {
          const translation = await translateRow(row);
          const { update, menu } = translation;
          await db.$transaction([
            db.zaloInbound.update({
              where: { id: row.id },
              data: update ? { update: JSON.stringify(update) } : { skipped: true },
            }),
            ...(menu ? [db.zaloPeer.update({ where: { id: menu.peerId }, data: { menu: menu.state } })] : []),
          ]);
          await translation.after?.();
        }
        if (pending.length > 0) wake();
      });
    return translating.catch((error: unknown) => {
      logger.error({ err: error }, "zalo: translating stored events failed; they wait for the next round");
    });
  };

  const translate = async (event: ZaloEvent, updateId: number): Promise<Translation> => {
    const extra: Omit<Translation, "update"> = {};
    const update = await toUpdate(event, updateId, extra);
    return { update, ...extra };
  };

  /** The update an event becomes; what goes with it (menus, the adapter's answer) into `extra`. */
  const toUpdate = async (
    event: ZaloEvent,
    updateId: number,
    extra: Omit<Translation, "update">,
  ): Promise<Update | null> => {
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
    const messageId = await inboundMessageId(db, peer.id, zaloMessage.message_id);
    const base = { message_id: messageId, date, chat, from };

    switch (event.event_name) {
      case "message.text.received": {
        const text = zaloMessage.text ?? "";
        const reply = matchMenus(text, readMenuState(peer.menu));
        if (reply.kind === "option") return chosen(updateId, peer, reply.menu, reply.option, base, extra);
        if (reply.kind === "unknown_number") {
          const { number, menu } = reply;
          extra.after = () => sayUnknownNumber(peer.zaloId, chatId, number, menu);
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
    extra: Omit<Translation, "update">,
  ): Promise<Update> => {
    if (menu.kind === "reply" || option.callbackData === undefined) {
      if (menu.oneTime) {
        const state = withoutMenu(readMenuState(peer.menu), "reply");
        extra.menu = { peerId: peer.id, state: JSON.stringify(state) };
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

  const prune = async () => {
    const now = clock.now().getTime();
    if (now - lastPrune <= 3600_000) return;
    lastPrune = now;
    await db.zaloInbound.deleteMany({ where: { ackedAt: { lt: new Date(now - KEEP_ACKED_MS) } } });
  };

  const acknowledge = async (offset: number) => {
    await db.zaloInbound.updateMany({
      where: { id: { lt: offset }, ackedAt: null },
      data: { ackedAt: clock.now() },
    });
    await prune();
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

  /**
   * Several instances: the translator. Whichever instance holds the lease translates the events
   * not yet handed over, oldest first, and hands each over in one transaction — the event marked
   * done (`ackedAt`, with the update it became), the update stored in `ProcessedUpdate` with its
   * chat, the chat's menus if the reply changed them — which commits only while the lease is
   * still held and the event still waiting: an event is handed over once, and a crash before
   * the commit leaves it waiting for the next holder. The adapter's own answer (an unknown
   * number) is sent after the commit. The lease is freed when nothing is left (so the instance
   * that stores the next event translates it at once) and renewed while translating.
   */
  const startTranslatorLoop = (translator: TranslatorOptions) => {
    const { botId, runId } = translator;
    const leaseMs = translator.leaseMs ?? ZALO_INBOUND_LEASE_MS;
    const pollMs = translator.pollMs ?? 1_000;
    const name = zaloInboundLeaseName(botId);
    let stopping = false;
    let woken = false;
    let wakeUp: (() => void) | undefined;
    const wakeTranslator = () => {
      woken = true;
      wakeUp?.();
    };
    const idle = () =>
      new Promise<void>((resolve) => {
        if (woken || stopping) {
          resolve();
          return;
        }
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = done;
      });

    /** Hands one event over; false when it could not (the lease was lost, or another did it). */
    const handOver = async (row: { id: number; event: string; update: string | null; skipped: boolean }) => {
      // An event translated for `getUpdates` before (one process, an earlier version) keeps its update.
      const translation: Translation = row.skipped
        ? { update: null }
        : row.update
          ? { update: JSON.parse(row.update) as Update }
          : await translateRow(row);
      const update = translation.update ? { ...translation.update, update_id: row.id } : null;
      const { menu } = translation;
      const done = await transactionWithRetry(db, async (tx) => {
        const now = clock.now();
        const holding = await tx.lease.findFirst({
          where: { name, holder: runId, expiresAt: { gt: now } },
          select: { name: true },
        });
        if (!holding) return false;
        const marked = await tx.zaloInbound.updateMany({
          where: { id: row.id, ackedAt: null },
          data: { ...(update ? { update: JSON.stringify(update) } : { skipped: true }), ackedAt: now },
        });
        if (marked.count === 0) return false;
        if (update) await storeWebhookUpdate(tx, clock, { botId, update });
        if (menu) await tx.zaloPeer.update({ where: { id: menu.peerId }, data: { menu: menu.state } });
        return true;
      });
      if (done) await translation.after?.();
      return done;
    };

    /** Takes the lease and translates until nothing is left; how many events it handed over. */
    const drain = async (): Promise<number> => {
      if (!(await takeLease(db, { name, holder: runId, now: clock.now(), ttlMs: leaseMs }))) return 0;
      let held = true;
      let handed = 0;
      const renewal = setInterval(() => {
        takeLease(db, { name, holder: runId, now: clock.now(), ttlMs: leaseMs })
          .then((still) => {
            if (!still) held = false;
          })
          .catch((error: unknown) =>
            logger.warn({ err: error }, "zalo: could not renew the translator's lease"),
          );
      }, leaseMs / 3);
      renewal.unref();
      try {
        while (held && !stopping) {
          const pending = await db.zaloInbound.findMany({
            where: { ackedAt: null },
            orderBy: { id: "asc" },
            take: 100,
            select: { id: true, event: true, update: true, skipped: true },
          });
          if (pending.length === 0) break;
          for (const row of pending) {
            if (!held || stopping) break;
            if (!(await handOver(row))) {
              held = false;
              logger.warn({ inboundId: row.id }, "zalo: the translator's lease was lost");
              break;
            }
            handed++;
            translator.onTranslated();
          }
        }
        await prune();
      } finally {
        clearInterval(renewal);
        await releaseLease(db, { name, holder: runId }).catch((error: unknown) =>
          logger.warn({ err: error }, "zalo: could not free the translator's lease"),
        );
      }
      return handed;
    };

    const loop = async () => {
      while (!stopping) {
        woken = false;
        try {
          const waiting = await db.zaloInbound.findFirst({ where: { ackedAt: null }, select: { id: true } });
          // Something was handed over: look once more at once (an event stored meanwhile by an
          // instance that found the lease taken is not left for the next poll).
          if (waiting && (await drain()) > 0) continue;
        } catch (error) {
          logger.error({ err: error }, "zalo: translating stored events failed");
        }
        await idle();
      }
    };
    const running = loop();
    return {
      wake: wakeTranslator,
      async stop() {
        stopping = true;
        wakeTranslator();
        await running;
      },
    };
  };
  let translator: ReturnType<typeof startTranslatorLoop> | undefined;

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
      if (translator) translator.wake();
      else void translatePending();
      return "stored";
    },

    startTranslator(translatorOptions) {
      translator ??= startTranslatorLoop(translatorOptions);
    },

    async getUpdates(params, signal) {
      if (translator) throw new Error("zalo: updates are handed to the update processor, not getUpdates");
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

    async close() {
      closed = true;
      wake();
      await translator?.stop();
    },
  };
}
