import { type Api, GrammyError, HttpError } from "grammy";
import type { Logger } from "pino";
import { type Db, Prisma } from "../db/client.js";
import { outboxLeaseName, releaseLease, takeLease } from "../db/leases.js";
import {
  enqueueForPerson,
  htmlMessage,
  OUTBOX_METHODS,
  type OutboxPayload,
} from "../domain/outbox/enqueue-message.js";
import { pauseSends } from "../domain/outbox/pause-sends.js";
import { reserveSendSlots } from "../domain/outbox/reserve-send-slots.js";
import { DEFAULT_SEND_POLICY, type SendPolicy } from "../domain/outbox/route-delivery.js";
import { routeOutboxRow } from "../domain/outbox/route-outbox-row.js";
import { CHANNEL_TRAITS, isChannel } from "../domain/roles.js";
import { isLocale, type Translator } from "../i18n/translator.js";
import type { Clock } from "../shared/clock.js";
import { trustedHtml } from "../shared/html.js";
import { formatPhoneForDisplay } from "../shared/phone.js";
import { createBroadcastProgress } from "./broadcast-progress.js";
import { resolveGeneratedFiles } from "./generated-file-params.js";

export interface OutboxWorkerOptions {
  db: Db;
  /**
   * The Bot API client of each channel this instance sends on (`telegram`, `zalo` — on Zalo the
   * transport's client). Rows of other channels are left for an instance that serves them.
   */
  apis: Partial<Record<string, Api>>;
  logger: Logger;
  clock: Clock;
  /** For the senders' progress messages and reports, and telling a sender a quota is used up. */
  translator?: Translator;
  /** The run claiming rows (`InstanceRun.id`; see instance-run.ts). */
  instanceId: string;
  /** Messages per second per channel, all instances together (OUTBOX_RATE; Telegram allows ~30). */
  perSecond?: number;
  /** Minimum gap between two messages to the same chat (Telegram: about 1 per second). */
  perChatGapMs?: number;
  /** How often to look for due messages when idle. */
  pollMs?: number;
  /** Rows claimed at a time (default: a quarter of a second's worth). */
  batchSize?: number;
  /** Sends in flight at once (each to another chat). */
  concurrency?: number;
  /** Least time between two edits of a sender's progress message (OUTBOX_PROGRESS_SECONDS). */
  progressEveryMs?: number;
  /** How people on metered messengers (Zalo) are reached (config `sendPolicy`). */
  sendPolicy?: SendPolicy;
  /**
   * The sender's lease on each messenger (`outbox:<channel>`): one instance sends at a time, and
   * another takes over when it has not been renewed for this long (its holder died).
   */
  leaseMs?: number;
  /**
   * Waits that long by the clock (default: a timer; a test whose fake clock stands still passes
   * one that advances it, or returns at once).
   */
  sleep?: (ms: number) => Promise<void>;
}

const MAX_ATTEMPTS = 6;
/**
 * How a transport says a person is outside the messenger's window (Zalo OA's -230 "no
 * interaction in 7 days", -232 "interaction expired"): a 403 whose description says so.
 */
const OUTSIDE_WINDOW = /outside the messaging window/i;
/**
 * A row claimed this long ago by a run nobody knows (not in `InstanceRun`: a run from before
 * runs were recorded) belonged to an instance that died mid-send. Runs that are known are
 * released as soon as they are found dead ({@link releaseClaimsOf}).
 */
const STALE_CLAIM_MS = 2 * 60_000;
/** After a late send, the next ones wait this much more than a second after the one `rate` back. */
const WINDOW_MARGIN_MS = 25;
/** Outcomes wait at most this long to be written (fewer, larger transactions). */
const RECORD_EVERY_MS = 50;
/** How often a sending instance looks whether another one met a 429 (the shared pause). */
const PAUSE_CHECK_MS = 100;
/** A claim older than this is checked to be still ours before its message goes out. */
const RECHECK_CLAIM_MS = 10_000;
/** The sender's lease per messenger; renewed every third of it while sending or idle. */
export const OUTBOX_LEASE_MS = 15_000;

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
  /** Claims and sends one batch of due messages; returns how many were claimed. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

type Row = Prisma.OutboxMessageGetPayload<object>;

/** How one send ended; recorded in batches. */
type Outcome =
  | { row: Row; kind: "sent"; messageId: string | null }
  | { row: Row; kind: "retry"; error: string; at: Date; countsAttempt: boolean }
  | { row: Row; kind: "failed"; error: string }
  | { row: Row; kind: "unreachable"; error: string; blocked: boolean; reason?: string };

/**
 * Sends what the outbox holds, at the channel's pace, shared by every instance on the database:
 *
 * - on each messenger one instance sends at a time: the one holding the lease `outbox:<channel>`
 *   (`Lease`, taken by one conditional upsert), renewed while it works; the others wait, trying
 *   every `pollMs`, and one of them takes over when the lease expires (its holder died) or is
 *   given up (a clean stop). A holder checks its lease before each message, so none goes out
 *   after another instance may have taken over;
 * - rows are claimed atomically (several instances never send the same row), at most one per
 *   chat at a time and in each chat's order, and none to a chat that got one less than
 *   `perChatGapMs` ago;
 * - send slots come from `OutboxPace` ({@link reserveSendSlots}): all instances together keep
 *   to `perSecond`, and a 429's `retry_after` pauses all of them ({@link pauseSends});
 * - up to `concurrency` sends are in flight, each in its slot; outcomes are written in batches
 *   (one transaction for many rows, with the broadcasts' counters);
 * - 403 marks the account blocked and the row unreachable; network errors and 5xx retry with
 *   backoff; a 429 without retry_after is a quota (failed, the sender told).
 *
 * After a crash, rows claimed but never finished are released as soon as the claiming run is
 * found dead (see instance-run.ts): the few in flight may be sent twice; nothing is lost.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, apis, logger, clock, instanceId } = options;
  const channels = Object.keys(apis).filter((channel) => apis[channel] !== undefined);
  const leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
  /** Per channel whose lease this instance holds: when it last took or renewed it (clock ms). */
  const leases = new Map<string, number>();
  const perSecond = options.perSecond ?? 25;
  // Slots 2% wider than the rate itself: sends that leave a few milliseconds late (a busy event
  // loop, the network) would otherwise put rate + 1 messages into some second — a 429.
  const gapMs = (1000 / perSecond) * 1.02;
  /** This instance's last sends, to never put more than the rate into any one second. */
  const window = Math.max(1, Math.floor(perSecond));
  const recentSends: number[] = [];
  // One more than a tenth of the rate: the slot gap, not this, sets the steady pace.
  const burst = Math.ceil(perSecond / 10) + 1;
  const perChatGapMs = options.perChatGapMs ?? 1000;
  const batchSize = options.batchSize ?? Math.max(1, Math.ceil(perSecond / 4));
  // Enough sends in flight to keep to the rate when each takes ~100 ms (a distant Bot API).
  const concurrency = options.concurrency ?? Math.max(8, Math.ceil(perSecond / 10));
  const sleep = options.sleep ?? realSleep;
  const pausedUntil = new Map<string, number>();
  /** When this instance last wrote to or edited a message in a chat (edits are not outbox rows). */
  const chatTouchedAt = new Map<string, number>();
  const chatKey = (row: { channel: string; chatId: string }) => `${row.channel}\u0000${row.chatId}`;
  const outcomes: Outcome[] = [];
  let recording: Promise<void> | undefined;
  let running: Promise<void> | undefined;
  /** stop() was called: a chunk being sent gives back what it has not sent yet. */
  let stopping = false;
  const progress = createBroadcastProgress({
    db,
    apis,
    logger,
    clock,
    perSecond,
    progressEveryMs: options.progressEveryMs ?? 3000,
    async takeSlot(channel, chatId) {
      const key = chatKey({ channel, chatId });
      const slot = await reserveSendSlots(db, { channel, count: 1, gapMs, nowMs: nowMs() });
      const at = Math.max(
        slot.firstSlotMs,
        slot.pausedUntilMs,
        pausedFor(channel),
        // A little more than the gap: the earlier message may have arrived late.
        (chatTouchedAt.get(key) ?? -Infinity) + perChatGapMs + 100,
      );
      // Taken before the wait, so that no message to this chat is sent meanwhile.
      chatTouchedAt.set(key, at + RECHECK_CLAIM_MS);
      const wait = at - nowMs();
      if (wait >= 1) await sleep(wait);
      await waitForWindow();
      chatTouchedAt.set(key, nowMs());
      noteSend();
    },
    async onFlood(channel, retryAfterSeconds) {
      const until = nowMs() + retryAfterSeconds * 1000;
      pausedUntil.set(channel, Math.max(pausedFor(channel), until));
      await pauseSends(db, { channel, untilMs: until });
    },
    ...(options.translator ? { translator: options.translator } : {}),
  });

  const nowMs = () => clock.now().getTime();

  async function releaseStaleClaims() {
    const runs = await db.instanceRun.findMany({ select: { id: true } });
    await db.outboxMessage.updateMany({
      where: {
        status: "sending",
        claimedAt: { lt: new Date(nowMs() - STALE_CLAIM_MS) },
        claimedBy: { notIn: runs.map((run) => run.id) },
      },
      data: { status: "pending", claimedBy: null, claimedAt: null },
    });
  }

  /**
   * Due rows, the first of each chat, leaving out chats with a message in flight (anyone's), one
   * sent less than `perChatGapMs` ago, or an earlier message waiting for its retry (order).
   */
  async function claimBatch(held: string[]): Promise<Row[]> {
    if (held.length === 0) return [];
    const now = clock.now();
    const due = await db.outboxMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, channel: { in: held } },
      orderBy: { id: "asc" },
      take: batchSize * 4,
      select: { id: true, channel: true, chatId: true },
    });
    if (due.length === 0) return [];
    const busy = await db.outboxMessage.findMany({
      where: {
        chatId: { in: [...new Set(due.map((row) => row.chatId))] },
        OR: [
          { status: "sending" },
          { status: "sent", sentAt: { gt: new Date(now.getTime() - perChatGapMs) } },
          // An earlier message waiting for its retry (not one scheduled for later: a reminder).
          { status: "pending", nextAttemptAt: { gt: now }, attempts: { gt: 0 } },
        ],
      },
      select: { id: true, channel: true, chatId: true, status: true },
    });
    const firstWaiting = new Map<string, number>();
    const blocked = new Set<string>();
    for (const row of busy) {
      if (row.status !== "pending") blocked.add(chatKey(row));
      else firstWaiting.set(chatKey(row), Math.min(firstWaiting.get(chatKey(row)) ?? Infinity, row.id));
    }
    const picked: number[] = [];
    for (const row of due) {
      const key = chatKey(row);
      if (blocked.has(key) || (firstWaiting.get(key) ?? Infinity) < row.id) continue;
      if ((chatTouchedAt.get(key) ?? -Infinity) > now.getTime() - perChatGapMs) continue;
      blocked.add(key);
      picked.push(row.id);
      if (picked.length >= batchSize) break;
    }
    if (picked.length === 0) return [];
    await db.outboxMessage.updateMany({
      where: { id: { in: picked }, status: "pending" },
      data: { status: "sending", claimedBy: instanceId, claimedAt: now },
    });
    return db.outboxMessage.findMany({
      where: { id: { in: picked }, status: "sending", claimedBy: instanceId },
      orderBy: { id: "asc" },
    });
  }

  async function release(rows: Row[], at: number) {
    if (rows.length === 0) return;
    await db.outboxMessage.updateMany({
      where: { id: { in: rows.map((row) => row.id) }, status: "sending", claimedBy: instanceId },
      data: { status: "pending", claimedBy: null, claimedAt: null, nextAttemptAt: new Date(at) },
    });
  }

  /**
   * Never more than the rate in any second of this instance's sends, nor more than a tenth of
   * it in any tenth of a second: sends that fell behind (the event loop was busy) catch up
   * smoothly instead of in a burst that the network could bunch into one second over the limit.
   */
  async function waitForWindow() {
    const oldest = recentSends.length >= window ? (recentSends[0] as number) : -Infinity;
    const tenth =
      recentSends.length >= burst ? (recentSends[recentSends.length - burst] as number) : -Infinity;
    const crowded = Math.max(oldest + 1000 + WINDOW_MARGIN_MS, tenth + 100) - nowMs();
    if (crowded >= 1) await sleep(crowded);
  }
  function noteSend() {
    recentSends.push(nowMs());
    if (recentSends.length > window) recentSends.shift();
  }

  const pausedFor = (channel: string) => pausedUntil.get(channel) ?? 0;
  const pauseCheckedAt = new Map<string, number>();

  /** Another instance's 429 pauses this one too: the shared pause is read every `PAUSE_CHECK_MS`. */
  async function refreshPause(channel: string) {
    const now = nowMs();
    if (now - (pauseCheckedAt.get(channel) ?? -Infinity) < PAUSE_CHECK_MS) return;
    pauseCheckedAt.set(channel, now);
    const pace = await db.outboxPace.findUnique({ where: { channel }, select: { pausedUntilMs: true } });
    if (pace) pausedUntil.set(channel, Math.max(pausedFor(channel), pace.pausedUntilMs));
  }

  /**
   * Takes or renews the sender's lease of each channel (renewed once a third of it has passed)
   * and returns the channels this instance may send on now.
   */
  async function holdLeases(): Promise<string[]> {
    for (const channel of channels) await holdsLease(channel);
    return channels.filter((channel) => leases.has(channel));
  }

  /** Whether this instance still holds the channel's lease, renewing it when due. */
  async function holdsLease(channel: string): Promise<boolean> {
    const renewedAt = leases.get(channel);
    const at = nowMs();
    if (renewedAt !== undefined && at - renewedAt < leaseMs / 3) return true;
    let taken: boolean | undefined;
    try {
      taken = await takeLease(db, {
        name: outboxLeaseName(channel),
        holder: instanceId,
        now: new Date(at),
        ttlMs: leaseMs,
      });
    } catch (error) {
      logger.warn({ err: error, channel }, "outbox: could not take or renew the sender's lease");
    }
    if (taken) {
      if (renewedAt === undefined) logger.info({ channel }, "outbox: this instance is the sender");
      leases.set(channel, at);
      return true;
    }
    // Not renewed (the database did not answer): ours until a second before it expires.
    if (taken === undefined && renewedAt !== undefined && at - renewedAt < leaseMs - 1000) return true;
    if (renewedAt !== undefined)
      logger.warn({ channel }, "outbox: no longer the sender (another instance took over)");
    leases.delete(channel);
    return false;
  }

  async function releaseLeases() {
    for (const channel of [...leases.keys()]) {
      leases.delete(channel);
      await releaseLease(db, { name: outboxLeaseName(channel), holder: instanceId }).catch((error: unknown) =>
        logger.warn({ err: error, channel }, "outbox: could not give up the sender's lease"),
      );
    }
  }

  interface Prepared {
    count: number;
    /** Per channel: the rows and the first of their reserved send slots. */
    chunks: { channel: string; rows: Row[]; firstSlotMs: number }[];
  }

  /** Claims due rows and takes their send slots (right after the slots already taken). */
  async function prepareBatch(): Promise<Prepared> {
    if (chatTouchedAt.size > 2000) {
      for (const [key, at] of chatTouchedAt) if (at < nowMs() - perChatGapMs) chatTouchedAt.delete(key);
    }
    const rows = await claimBatch(await holdLeases());
    const byChannel = new Map<string, Row[]>();
    for (const row of rows) byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
    const chunks: Prepared["chunks"] = [];
    for (const [channel, list] of byChannel) {
      const slots = await reserveSendSlots(db, { channel, count: list.length, gapMs, nowMs: nowMs() });
      pausedUntil.set(channel, Math.max(pausedFor(channel), slots.pausedUntilMs));
      chunks.push({ channel, rows: list, firstSlotMs: slots.firstSlotMs });
    }
    return { count: rows.length, chunks };
  }

  /** One channel's rows, each in its reserved slot, up to `concurrency` in flight. */
  async function sendChunk({ channel, rows, firstSlotMs }: Prepared["chunks"][number]) {
    const inFlight = new Set<Promise<void>>();
    for (const [index, row] of rows.entries()) {
      const wait = firstSlotMs + index * gapMs - nowMs();
      if (wait >= 1) await sleep(wait);
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (stopping) {
        // Stopping: what is not sent yet goes back to the queue.
        await release(rows.slice(index), nowMs());
        break;
      }
      await waitForWindow();
      if (!(await holdsLease(channel))) {
        // Another instance sends on this channel now: what is not sent yet goes back to it.
        await release(rows.slice(index), nowMs());
        break;
      }
      await refreshPause(channel);
      if (nowMs() < pausedFor(channel)) {
        // A 429 (here or on another instance): the rest waits for the pause to end.
        await release(rows.slice(index), pausedFor(channel));
        break;
      }
      const touched = (chatTouchedAt.get(chatKey(row)) ?? -Infinity) + perChatGapMs;
      if (touched > nowMs()) {
        // The chat had an edit (a progress message) just now: this one comes a moment later.
        await release([row], touched);
        continue;
      }
      chatTouchedAt.set(chatKey(row), nowMs());
      noteSend();
      const sending: Promise<void> = sendOne(row).then((outcome) => {
        outcomes.push(outcome);
        void record().catch((error: unknown) => logger.error({ err: error }, "outbox: recording failed"));
      });
      const tracked = sending.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await Promise.all(inFlight);
  }

  const sendPrepared = (prepared: Prepared) => Promise.all(prepared.chunks.map(sendChunk));

  async function sendOne(row: Row): Promise<Outcome> {
    const payload = row.payload as unknown as OutboxPayload;
    try {
      if (row.claimedAt && nowMs() - row.claimedAt.getTime() > RECHECK_CLAIM_MS) {
        // Held long (a pause)? Another instance may have taken us for dead and released it.
        const held = await db.outboxMessage.count({
          where: { id: row.id, status: "sending", claimedBy: instanceId },
        });
        if (held === 0)
          return { row, kind: "retry", error: "claim lost", at: clock.now(), countsAttempt: false };
      }
      if (!(OUTBOX_METHODS as readonly string[]).includes(payload.method)) {
        throw new Error(`method ${payload.method} is not allowed in the outbox`);
      }
      let target: { channel: string; chatId: string } = row;
      if (row.personId !== null) {
        // The send policy, now that the message is about to go: the person may have written since.
        const { route, quotaWarning } = await routeOutboxRow(db, {
          row: { ...row, personId: row.personId },
          policy: options.sendPolicy ?? DEFAULT_SEND_POLICY,
          now: clock.now(),
        });
        if (quotaWarning) {
          await warnAdminsOfQuota(quotaWarning.channel, quotaWarning).catch((failure: unknown) =>
            logger.warn({ err: failure }, "could not warn the admins about the quota"),
          );
        }
        if (route.mode === "unreachable")
          return { row, kind: "unreachable", error: route.reason, blocked: false };
        if (route.mode === "template") {
          const templateApi = apis[route.channel]?.raw as unknown as
            | Record<string, ((params: Record<string, unknown>) => Promise<unknown>) | undefined>
            | undefined;
          const sendTemplate = templateApi?.sendTemplate;
          if (!sendTemplate) return { row, kind: "failed", error: `no template sending on ${route.channel}` };
          const sent = (await sendTemplate({
            phone: route.phone,
            template_id: route.templateId,
            template_data: route.data,
            tracking_id: row.idempotencyKey,
          })) as { message_id?: number | string } | undefined;
          return {
            row,
            kind: "sent",
            messageId: sent?.message_id === undefined ? null : String(sent.message_id),
          };
        }
        target = route;
      }
      const api = apis[target.channel];
      if (!api) throw new Error(`no bot for channel ${target.channel} in this instance`);
      const raw = api.raw as unknown as Record<string, (params: Record<string, unknown>) => Promise<unknown>>;
      const send = raw[payload.method];
      if (!send) throw new Error(`unknown method ${payload.method}`);
      // A summary's chart or workbook is stored by id; it goes up as a file of the stored bytes.
      const params = await resolveGeneratedFiles(db, payload.params);
      if (!params) return { row, kind: "failed", error: "generated file no longer stored" };
      const sent = (await send({ ...params, chat_id: target.chatId })) as { message_id?: number } | undefined;
      return {
        row,
        kind: "sent",
        messageId: sent?.message_id === undefined ? null : String(sent.message_id),
      };
    } catch (error) {
      return classify(row, error);
    }
  }

  async function classify(row: Row, error: unknown): Promise<Outcome> {
    const message = error instanceof Error ? error.message : String(error);
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
      await tellSenderOfQuota(row).catch((failure: unknown) =>
        logger.warn({ err: failure, outboxId: row.id }, "could not tell the sender about the quota"),
      );
      return { row, kind: "failed", error: `quota exceeded, not retried: ${message}` };
    }
    if (error instanceof GrammyError && error.error_code === 429) {
      const until = nowMs() + (error.parameters.retry_after ?? 1) * 1000;
      pausedUntil.set(row.channel, Math.max(pausedFor(row.channel), until));
      await pauseSends(db, { channel: row.channel, untilMs: until });
      logger.warn(
        { channel: row.channel, retryAfter: error.parameters.retry_after },
        "outbox: flood limit, pausing",
      );
      return { row, kind: "retry", error: message, at: new Date(until), countsAttempt: false };
    }
    if (error instanceof GrammyError && error.error_code === 403 && OUTSIDE_WINDOW.test(error.description)) {
      // Zalo OA refused: the person's last message is older than the window the policy assumed
      // (a message on another device, a clock apart). Not a block: they can write again.
      return { row, kind: "unreachable", error: message, blocked: false, reason: "window_closed" };
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      return { row, kind: "unreachable", error: message, blocked: true };
    }
    const attempts = row.attempts + 1;
    const permanent = error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500;
    if (permanent || attempts >= MAX_ATTEMPTS) {
      logger.warn({ outboxId: row.id, err: error }, "outbox message failed for good");
      return { row, kind: "failed", error: message };
    }
    if (!(error instanceof HttpError) && !(error instanceof GrammyError))
      logger.warn({ outboxId: row.id, err: error }, "outbox send failed, will retry");
    return {
      row,
      kind: "retry",
      error: message,
      at: new Date(nowMs() + 2 ** attempts * 1000),
      countsAttempt: true,
    };
  }

  /**
   * Writes the outcomes gathered so far, one transaction at a time while sends go on: at once
   * when `concurrency` of them are waiting, else after `RECORD_EVERY_MS` — few transactions, and
   * few messages sent but not yet marked sent should the process die.
   */
  let recordTimer: NodeJS.Timeout | undefined;
  function record(): Promise<void> {
    if (!recording && outcomes.length < concurrency) {
      recordTimer ??= setTimeout(() => {
        recordTimer = undefined;
        void flush().catch((error: unknown) => logger.error({ err: error }, "outbox: recording failed"));
      }, RECORD_EVERY_MS);
      return Promise.resolve();
    }
    return flush();
  }

  function flush(): Promise<void> {
    clearTimeout(recordTimer);
    recordTimer = undefined;
    recording ??= (async () => {
      try {
        while (outcomes.length > 0) {
          const batch = outcomes.splice(0);
          try {
            await recordBatch(batch);
          } catch (error) {
            // Kept for the next try: rows left "sending" under a live run would wait forever.
            outcomes.unshift(...batch);
            throw error;
          }
        }
      } finally {
        recording = undefined;
      }
    })();
    return recording;
  }

  async function recorded() {
    while (recording || outcomes.length > 0) await (recording ?? flush());
  }

  async function recordBatch(batch: Outcome[]) {
    const now = clock.now();
    const touched = new Map<number, { sent: number; failed: number; unreachable: number }>();
    const complete: number[] = [];
    const count = (outcome: Outcome, field: "sent" | "failed" | "unreachable", by: number) => {
      const id = outcome.row.broadcastId;
      if (id === null || by === 0) return;
      const counts = touched.get(id) ?? { sent: 0, failed: 0, unreachable: 0 };
      counts[field] += by;
      touched.set(id, counts);
    };
    const ours = (id: number | number[]) => ({
      ...(Array.isArray(id) ? { id: { in: id } } : { id }),
      status: "sending",
      claimedBy: instanceId,
    });
    await db.$transaction(async (tx) => {
      const sent = batch.filter((o): o is Extract<Outcome, { kind: "sent" }> => o.kind === "sent");
      const byBroadcast = new Map<number | null, typeof sent>();
      for (const outcome of sent) {
        const list = byBroadcast.get(outcome.row.broadcastId) ?? [];
        list.push(outcome);
        byBroadcast.set(outcome.row.broadcastId, list);
      }
      const withIds = sent.filter((o) => o.messageId !== null);
      if (withIds.length > 0) {
        // Message ids first (only rows still ours), then the status: one statement each.
        const cases = Prisma.join(
          withIds.map((o) => Prisma.sql`WHEN ${o.row.id} THEN ${o.messageId}`),
          " ",
        );
        await tx.$executeRaw`UPDATE "OutboxMessage" SET "sentMessageId" = CASE "id" ${cases} END
          WHERE "id" IN (${Prisma.join(withIds.map((o) => o.row.id))}) AND "status" = 'sending'
          AND "claimedBy" = ${instanceId}`;
      }
      for (const [, list] of byBroadcast) {
        const done = await tx.outboxMessage.updateMany({
          where: ours(list.map((o) => o.row.id)),
          data: { status: "sent", sentAt: now, attempts: { increment: 1 }, lastError: null },
        });
        if (list[0]) count(list[0], "sent", done.count);
      }
      for (const outcome of batch) {
        if (outcome.kind === "sent") continue;
        if (outcome.kind === "retry") {
          await tx.outboxMessage.updateMany({
            where: ours(outcome.row.id),
            data: {
              status: "pending",
              claimedBy: null,
              claimedAt: null,
              lastError: outcome.error,
              nextAttemptAt: outcome.at,
              ...(outcome.countsAttempt ? { attempts: { increment: 1 } } : {}),
            },
          });
          continue;
        }
        const done = await tx.outboxMessage.updateMany({
          where: ours(outcome.row.id),
          data: {
            status: outcome.kind,
            attempts: { increment: 1 },
            lastError: outcome.error,
            ...(outcome.kind === "unreachable" && outcome.reason
              ? { deliveryMode: "unreachable", deliveryReason: outcome.reason, deliveryCostVnd: 0 }
              : {}),
          },
        });
        count(outcome, outcome.kind, done.count);
        if (outcome.kind === "unreachable" && outcome.blocked && done.count > 0) {
          await tx.channelAccount.updateMany({
            where: { channel: outcome.row.channel, chatId: outcome.row.chatId },
            data: { blockedAt: now },
          });
        }
      }
      for (const [id, counts] of touched) {
        const after = await tx.broadcast.update({
          where: { id },
          data: {
            sent: { increment: counts.sent },
            failed: { increment: counts.failed },
            unreachable: { increment: counts.unreachable },
          },
        });
        if (after.status === "queued")
          await tx.broadcast.updateMany({ where: { id, status: "queued" }, data: { status: "sending" } });
        if (after.sent + after.failed + after.unreachable >= after.total) complete.push(id);
      }
    });
    for (const id of complete) await progress.finishIfDone(id);
  }

  let progressCheckedAt = -Infinity;
  /** Progress messages due an edit: looked for at most once a second. */
  const editProgress = async () => {
    // Progress messages are the sender's to edit.
    if (leases.size === 0 || nowMs() - progressCheckedAt < 1000) return;
    progressCheckedAt = nowMs();
    await progress.editDue().catch((error: unknown) => logger.warn({ err: error }, "progress edit failed"));
  };

  async function runOnce(): Promise<number> {
    await releaseStaleClaims();
    const prepared = await prepareBatch();
    try {
      await sendPrepared(prepared);
    } finally {
      await recorded();
    }
    await editProgress();
    return prepared.count;
  }

  /**
   * The running worker: while one batch goes out, the next is claimed and takes the slots right
   * after it, so that sending never waits for the database between batches.
   */
  async function pump(): Promise<void> {
    let staleCheckedAt = -Infinity;
    let next: Promise<Prepared> | undefined;
    while (!stopping) {
      try {
        if (nowMs() - staleCheckedAt > 5000) {
          staleCheckedAt = nowMs();
          await releaseStaleClaims();
        }
        const current = await (next ?? prepareBatch());
        next = undefined;
        if (current.count === 0) {
          await recorded();
          await editProgress();
          await idle(options.pollMs ?? 1000);
          continue;
        }
        const sending = sendPrepared(current);
        if (!stopping) {
          next = prepareBatch();
          next.catch(() => undefined);
        }
        await sending;
        await editProgress();
      } catch (error) {
        logger.error({ err: error }, "outbox batch failed");
        next = undefined;
        await idle(options.pollMs ?? 1000);
      }
    }
    const left = await next?.catch(() => undefined);
    for (const chunk of left?.chunks ?? []) await release(chunk.rows, nowMs());
    await recorded();
  }

  let wake: (() => void) | undefined;
  function idle(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
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

  /**
   * Warns the active admins, once a month, that the Bot Platform's monthly quota is nearly used
   * up — through the outbox, one row per admin (the idempotency key holds the month).
   */
  async function warnAdminsOfQuota(channel: string, warning: { used: number; quota: number; month: string }) {
    const translator = options.translator;
    if (!translator) return;
    const admins = await db.person.findMany({
      where: { role: "admin", status: "active" },
      select: { id: true, locale: true },
    });
    const name = CHANNEL_TRAITS[isChannel(channel) ? channel : "zalo"].name;
    const [year, month] = warning.month.split("-");
    for (const admin of admins) {
      const locale = isLocale(admin.locale) ? admin.locale : "vi";
      await enqueueForPerson(db, {
        kind: "notification",
        personId: admin.id,
        idempotencyKey: `quota-warning:${channel}:${warning.month}`,
        now: clock.now(),
        payload: htmlMessage(
          translator.t(locale, "outbox-quota-warning", {
            channel: name,
            used: warning.used,
            quota: warning.quota,
            month: `${Number(month)}/${year}`,
          }),
        ),
      });
    }
  }

  return {
    runOnce,
    start() {
      if (running) return;
      stopping = false;
      running = pump().finally(() => {
        running = undefined;
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      // Another instance may send from now on, without waiting for the lease to expire.
      await releaseLeases();
    },
  };
}

function realSleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
