import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { DEFAULT_UPDATE_CONCURRENCY } from "../config.js";
import type { Db } from "../db/client.js";
import { chatLeaseName, releaseLease, takeLease } from "../db/leases.js";
import {
  findWaitingChats,
  MAX_REPLAYS,
  markUpdateHandled,
  nextWaitingUpdate,
  startHandling,
  type WaitingUpdate,
} from "../db/update-log.js";
import type { Clock } from "../shared/clock.js";
import type { BotContext } from "./context.js";

export interface UpdateProcessorOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** This run (`InstanceRun.id`): it holds the chats' leases. */
  runId: string;
  /** How long a chat's lease lasts unless renewed (a third of it apart while its updates run). */
  leaseMs?: number;
  /** Chats handled at once by this instance. */
  concurrency?: number;
  /** How often to look for chats another instance stored updates for (or left behind). */
  pollMs?: number;
}

export interface UpdateProcessor {
  /** An update was stored here: look at once instead of at the next poll. */
  wake(): void;
  /** Takes no more chats, lets the updates in hand finish (a few seconds at most), frees the leases. */
  stop(): Promise<void>;
}

/** A chat's lease; a dead holder's chat is taken over after this (or when the run is found dead). */
export const CHAT_LEASE_MS = 30_000;
/** Telegram keeps an undelivered update for a day; one waiting longer than that is not handled. */
const MAX_WAIT_MS = 24 * 60 * 60_000;
const DRAIN_MS = 5_000;

/**
 * Webhook mode: handles the updates stored by the webhook (`webhook.ts`), on every instance
 * sharing the database, so that two instances never run one chat's updates at once and each
 * chat's updates run in order:
 *
 * - it looks for chats with waiting updates whose lease nobody holds (`findWaitingChats`), and
 *   for each takes the chat's lease (`Lease`, one conditional upsert: of several instances
 *   exactly one gets it);
 * - holding it, it handles the chat's oldest waiting update through the whole bot, then the
 *   next, until none is left, renewing the lease meanwhile; then it frees the lease and looks
 *   once more (an update stored while it held the chat is not left waiting for the next poll);
 * - a run that dies mid-update stops renewing: its chat is taken over when the lease expires or
 *   the run is found dead (`releaseLeasesOf`), and the update is handled again — counted, and
 *   given up after {@link MAX_REPLAYS} replays, or when it waited more than a day;
 * - should a stalled instance go on after losing its lease, its conversation state write is
 *   refused (`StaleConversationState`, a version check), so it cannot overwrite newer state.
 *
 * Each update is logged at debug level when it starts and ends, with its chat.
 */
export function startUpdateProcessor(bot: Bot<BotContext>, options: UpdateProcessorOptions): UpdateProcessor {
  const { db, clock, logger, runId } = options;
  const leaseMs = options.leaseMs ?? CHAT_LEASE_MS;
  const concurrency = options.concurrency ?? DEFAULT_UPDATE_CONCURRENCY;
  const pollMs = options.pollMs ?? 1_000;
  const botId = String(bot.botInfo.id);
  const active = new Map<string, Promise<void>>();
  let stopping = false;
  let woken = false;
  let wakeUp: (() => void) | undefined;

  const wake = () => {
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

  const giveUp = async (chat: string, waiting: WaitingUpdate, why: string) => {
    logger.error({ chat, updateId: waiting.updateId }, `update given up: ${why}`);
    await markUpdateHandled(db, clock, botId, waiting.updateId);
  };

  async function handleOne(chat: string, waiting: WaitingUpdate) {
    if (clock.now().getTime() - waiting.receivedAt.getTime() > MAX_WAIT_MS)
      return giveUp(chat, waiting, "it waited more than a day");
    const replays = await startHandling(db, { botId, updateId: waiting.updateId, runId });
    if (replays === undefined) return; // handled meanwhile
    if (replays > MAX_REPLAYS) return giveUp(chat, waiting, `handled ${replays} times without finishing`);
    if (replays > 0) logger.info({ chat, updateId: waiting.updateId, replays }, "update handled again");
    logger.debug({ chat, updateId: waiting.updateId }, "update started");
    try {
      await bot.handleUpdate(waiting.payload as Update);
    } catch (error) {
      // The bot's error boundary answers failures itself; this is a fault around it.
      logger.error({ err: error, chat, updateId: waiting.updateId }, "update handling failed");
    }
    logger.debug({ chat, updateId: waiting.updateId }, "update finished");
  }

  async function handleChat(chat: string) {
    const name = chatLeaseName(botId, chat);
    if (!(await takeLease(db, { name, holder: runId, now: clock.now(), ttlMs: leaseMs }))) return;
    let held = true;
    const renewal = setInterval(() => {
      takeLease(db, { name, holder: runId, now: clock.now(), ttlMs: leaseMs })
        .then((still) => {
          if (!still) held = false;
        })
        .catch((error: unknown) => logger.warn({ err: error, chat }, "could not renew a chat's lease"));
    }, leaseMs / 3);
    renewal.unref();
    try {
      while (held && !stopping) {
        const waiting = await nextWaitingUpdate(db, { botId, chatKey: chat });
        if (!waiting) break;
        await handleOne(chat, waiting);
      }
      if (!held) logger.warn({ chat }, "a chat's lease was lost while its updates ran");
    } finally {
      clearInterval(renewal);
      await releaseLease(db, { name, holder: runId }).catch((error: unknown) =>
        logger.warn({ err: error, chat }, "could not free a chat's lease"),
      );
    }
  }

  async function loop() {
    while (!stopping) {
      woken = false;
      try {
        if (active.size < concurrency) {
          // Chats this instance is busy with are still listed (they hold their own lease).
          const chats = await findWaitingChats(db, { botId, now: clock.now(), limit: concurrency * 2 });
          for (const chat of chats) {
            if (active.size >= concurrency || stopping) break;
            if (active.has(chat)) continue;
            const work = handleChat(chat)
              .catch((error: unknown) => logger.error({ err: error, chat }, "a chat's updates failed"))
              .finally(() => {
                active.delete(chat);
                wake();
              });
            active.set(chat, work);
          }
        }
      } catch (error) {
        logger.error({ err: error }, "looking for waiting updates failed");
      }
      await idle();
    }
  }

  const running = loop();
  return {
    wake,
    async stop() {
      stopping = true;
      wake();
      await running;
      const drained = Promise.all(active.values());
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
      clearTimeout(timer);
    },
  };
}
