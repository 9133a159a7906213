import { type Api, GrammyError, HttpError } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import {
  enqueueForPerson,
  htmlMessage,
  OUTBOX_METHODS,
  type OutboxPayload,
} from "../domain/outbox/enqueue-message.js";
import { CHANNEL_TRAITS, isChannel } from "../domain/roles.js";
import { isLocale, type Translator } from "../i18n/translator.js";
import type { Clock } from "../shared/clock.js";
import { trustedHtml } from "../shared/html.js";
import { formatPhoneForDisplay } from "../shared/phone.js";

export interface OutboxWorkerOptions {
  db: Db;
  /**
   * The Bot API client of each channel this instance sends on (`telegram`, `zalo` — on Zalo the
   * transport's client). Rows of other channels are left for an instance that serves them.
   */
  apis: Partial<Record<string, Api>>;
  logger: Logger;
  clock: Clock;
  /** For telling a sender that their message could not go (e.g. the quota is used up). */
  translator?: Translator;
  /** The run claiming rows (`InstanceRun.id`; see instance-run.ts). */
  instanceId: string;
  /** Messages per second overall (Telegram allows about 30). */
  perSecond?: number;
  /** Minimum gap between two messages to the same chat (Telegram: about 1 per second). */
  perChatGapMs?: number;
  /** How often to look for due messages when idle. */
  pollMs?: number;
  batchSize?: number;
}

const MAX_ATTEMPTS = 6;
/**
 * A row claimed this long ago by a run nobody knows (not in `InstanceRun`: a run from before
 * runs were recorded) belonged to an instance that died mid-send. Runs that are known are
 * released as soon as they are found dead ({@link releaseClaimsOf}).
 */
const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Puts the rows that the given (dead) runs had claimed but not finished back in the queue.
 * The few that were in flight at the crash may be sent twice; none is lost.
 */
export async function releaseClaimsOf(db: Db, runIds: readonly string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  const released = await db.outboxMessage.updateMany({
    where: { status: "sending", claimedBy: { in: [...runIds] } },
    data: { status: "pending", claimedBy: null, claimedAt: null },
  });
  return released.count;
}

export interface OutboxWorker {
  /** Claims and sends one batch of due messages; returns how many were attempted. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Sends what the outbox holds, at Telegram's pace: rows are claimed atomically (so several
 * instances never send the same row), 429 waits `retry_after`, 403 marks the person
 * unreachable, other failures retry with backoff. After a crash, rows claimed but never
 * finished are released again as soon as the claiming run is found dead (see instance-run.ts;
 * the few in flight may be sent twice; nothing is lost).
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, apis, logger, clock, instanceId } = options;
  const channels = Object.keys(apis).filter((channel) => apis[channel] !== undefined);
  const gapMs = 1000 / (options.perSecond ?? 25);
  const perChatGapMs = options.perChatGapMs ?? 1000;
  const batchSize = options.batchSize ?? 50;
  const lastSentToChat = new Map<string, number>();
  let pausedUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function claimBatch() {
    const now = clock.now();
    const runs = await db.instanceRun.findMany({ select: { id: true } });
    await db.outboxMessage.updateMany({
      where: {
        status: "sending",
        claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) },
        claimedBy: { notIn: runs.map((run) => run.id) },
      },
      data: { status: "pending", claimedBy: null, claimedAt: null },
    });
    const due = await db.outboxMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, channel: { in: channels } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true },
    });
    if (due.length === 0) return [];
    await db.outboxMessage.updateMany({
      where: { id: { in: due.map((row) => row.id) }, status: "pending" },
      data: { status: "sending", claimedBy: instanceId, claimedAt: now },
    });
    return db.outboxMessage.findMany({
      where: { id: { in: due.map((row) => row.id) }, status: "sending", claimedBy: instanceId },
      orderBy: { id: "asc" },
    });
  }

  async function sendOne(row: Awaited<ReturnType<typeof claimBatch>>[number]): Promise<void> {
    const payload = row.payload as unknown as OutboxPayload;
    const now = clock.now().getTime();
    const last = lastSentToChat.get(row.chatId) ?? 0;
    if (now - last < perChatGapMs) {
      // Too soon for this chat: give the slot back and come back in a moment.
      await db.outboxMessage.update({
        where: { id: row.id },
        data: {
          status: "pending",
          claimedBy: null,
          nextAttemptAt: new Date(clock.now().getTime() + perChatGapMs),
        },
      });
      return;
    }
    // Still ours? Another instance may have taken us for dead (a long pause) and released it.
    const held = await db.outboxMessage.updateMany({
      where: { id: row.id, status: "sending", claimedBy: instanceId },
      data: { claimedAt: clock.now() },
    });
    if (held.count === 0) return;
    try {
      if (!(OUTBOX_METHODS as readonly string[]).includes(payload.method)) {
        throw new Error(`method ${payload.method} is not allowed in the outbox`);
      }
      const api = apis[row.channel];
      if (!api) throw new Error(`no bot for channel ${row.channel} in this instance`);
      const raw = api.raw as unknown as Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
      const send = raw[payload.method];
      if (!send) throw new Error(`unknown method ${payload.method}`);
      lastSentToChat.set(row.chatId, clock.now().getTime());
      const sent = (await send({ ...payload.params, chat_id: row.chatId })) as
        | { message_id?: number }
        | undefined;
      await db.outboxMessage.update({
        where: { id: row.id },
        data: {
          status: "sent",
          sentAt: clock.now(),
          attempts: row.attempts + 1,
          lastError: null,
          sentMessageId: sent?.message_id === undefined ? null : String(sent.message_id),
        },
      });
    } catch (error) {
      await recordFailure(row, error);
    }
  }

  async function recordFailure(
    row: {
      id: number;
      attempts: number;
      chatId: string;
      channel: string;
      personId: number | null;
      senderId: number | null;
    },
    error: unknown,
  ) {
    const attempts = row.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    const now = clock.now().getTime();
    if (
      error instanceof GrammyError &&
      error.error_code === 429 &&
      error.parameters.retry_after === undefined
    ) {
      // A 429 without retry_after is no flood limit but a quota (Zalo's monthly messages):
      // retrying every second would only burn attempts until the month turns. Failed, said why.
      logger.error(
        { outboxId: row.id, channel: row.channel },
        "outbox: message quota exhausted; not retried",
      );
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { status: "failed", attempts, lastError: `quota exceeded, not retried: ${message}` },
      });
      await tellSenderOfQuota(row).catch((failure: unknown) =>
        logger.warn({ err: failure, outboxId: row.id }, "could not tell the sender about the quota"),
      );
      return;
    }
    if (error instanceof GrammyError && error.error_code === 429) {
      const retryAfter = (error.parameters.retry_after ?? 1) * 1000;
      pausedUntil = clock.now().getTime() + retryAfter;
      await db.outboxMessage.update({
        where: { id: row.id },
        data: {
          status: "pending",
          claimedBy: null,
          attempts,
          lastError: message,
          nextAttemptAt: new Date(now + retryAfter),
        },
      });
      return;
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      await db.$transaction([
        db.outboxMessage.update({
          where: { id: row.id },
          data: { status: "unreachable", attempts, lastError: message },
        }),
        db.channelAccount.updateMany({
          where: { channel: row.channel, chatId: row.chatId },
          data: { blockedAt: clock.now() },
        }),
      ]);
      return;
    }
    const permanent = error instanceof GrammyError && error.error_code === 400;
    if (permanent || attempts >= MAX_ATTEMPTS) {
      logger.warn({ outboxId: row.id, err: error }, "outbox message failed for good");
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { status: "failed", attempts, lastError: message },
      });
      return;
    }
    const backoff = 2 ** attempts * 1000;
    if (!(error instanceof HttpError))
      logger.warn({ outboxId: row.id, err: error }, "outbox send failed, will retry");
    await db.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: "pending",
        claimedBy: null,
        attempts,
        lastError: message,
        nextAttemptAt: new Date(now + backoff),
      },
    });
  }

  /**
   * The person whose action sent the message (a nudge, a return, an answer) is told, once a
   * day per channel, that it could not go and whom to contact instead — on the messenger they
   * used last (a Zalo-only sender cannot be told while the quota lasts; the log says it).
   */
  async function tellSenderOfQuota(row: {
    id: number;
    channel: string;
    personId: number | null;
    senderId: number | null;
  }) {
    const translator = options.translator;
    if (!translator || row.senderId === null) return;
    const [sender, recipient] = await Promise.all([
      db.person.findUnique({ where: { id: row.senderId }, select: { id: true, locale: true } }),
      row.personId === null
        ? null
        : db.person.findUnique({ where: { id: row.personId }, select: { fullName: true, phone: true } }),
    ]);
    if (!sender) return;
    const locale = isLocale(sender.locale) ? sender.locale : "vi";
    const channel = CHANNEL_TRAITS[isChannel(row.channel) ? row.channel : "zalo"].name;
    const day = clock.now().toISOString().slice(0, 10);
    await enqueueForPerson(db, {
      kind: "notification",
      personId: sender.id,
      idempotencyKey: `quota:${row.channel}:${day}`,
      now: clock.now(),
      payload: htmlMessage(
        translator.t(locale, "outbox-quota-sender", {
          channel,
          name: recipient?.fullName ?? "?",
          phone: recipient?.phone
            ? trustedHtml(
                translator.t(locale, "outbox-quota-phone", { phone: formatPhoneForDisplay(recipient.phone) }),
              )
            : "",
        }),
      ),
    });
  }

  async function runOnce(): Promise<number> {
    const batch = await claimBatch();
    for (const [index, row] of batch.entries()) {
      const wait = Math.max(pausedUntil - clock.now().getTime(), index === 0 ? 0 : gapMs);
      if (wait > 0 && !stopped) await sleep(wait);
      if (clock.now().getTime() < pausedUntil) {
        // A 429 for another row: release the rest of the batch for later.
        await db.outboxMessage.updateMany({
          where: { id: { in: batch.slice(index).map((r) => r.id) }, status: "sending" },
          data: { status: "pending", claimedBy: null },
        });
        break;
      }
      await sendOne(row);
    }
    return batch.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => {
          logger.error({ err: error }, "outbox batch failed");
          return 0;
        })
        .then((count) => schedule(count > 0 ? 0 : (options.pollMs ?? 1000)));
    }, delay);
  }

  return {
    runOnce,
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
