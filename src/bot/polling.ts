import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot, Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { DEFAULT_UPDATE_CONCURRENCY } from "../config.js";
import type { Db } from "../db/client.js";
import { claimUnhandledUpdates, recordReceivedUpdates } from "../db/update-log.js";
import type { Clock } from "../shared/clock.js";
import type { BotContext } from "./context.js";

/** Why polling cannot go on; the app stops with the exit code that goes with it. */
export type PollingFailure =
  | { reason: "token_refused"; description: string }
  | { reason: "conflict"; description: string }
  | { reason: "failed"; error: unknown };

export interface PollingOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** This run (`InstanceRun.id`): received updates are recorded under it. */
  runId: string;
  allowedUpdates: NonNullable<Parameters<Bot["api"]["getUpdates"]>[0]>["allowed_updates"];
  /** Told, in Vietnamese, what an operator watching the console should know. */
  notice?(message: string): void;
  /** Polling cannot go on; the caller stops the app (which ends the poll). */
  onFatal(failure: PollingFailure): void;
  /** First pause after a failure; doubles up to {@link MAX_RETRY_DELAY_MS} (tests shorten it). */
  retryDelayMs?: number;
  /** A 409 Conflict this soon after polling started means we are the second poller. */
  probationMs?: number;
  /** Updates handled at once (each chat's still one after another); the rest wait their turn. */
  concurrency?: number;
}

export interface Polling {
  /** Stops fetching, lets the updates in hand finish (a few seconds at most). */
  stop(): Promise<void>;
  isRunning(): boolean;
}

const MAX_RETRY_DELAY_MS = 30_000;
/** Long polls last 30 s; a request silent for longer than this is dead (a black-holed server). */
const POLL_REQUEST_TIMEOUT_MS = 45_000;
const PROBATION_MS = 5_000;
const DRAIN_MS = 5_000;

/**
 * Long polling that survives conflicts and outages, and loses no update to a crash.
 *
 * - Every batch is recorded in the database (`db/update-log.ts`) before the next `getUpdates`
 *   confirms it to Telegram, so a run that dies mid-way leaves its unfinished updates to the
 *   next run ({@link replayUnfinishedUpdates}).
 * - An unreachable server, 5xx and 429 are waited out with backoff (1 s doubling to 30 s),
 *   said once on the console and in the log, and the recovery is said too.
 * - `409 Conflict` (another process polls with this token): a poller that has been polling for
 *   a few seconds keeps polling — retrying at once, then backing off — so the first instance
 *   is never the one to die; a poller that meets the conflict within its first seconds is the
 *   newcomer and gives up ({@link PollingFailure} `conflict`, exit code 5). Two pollers that
 *   both got past their first seconds (one was cut off for a while) both keep going, taking
 *   turns, and the log says so each time.
 * - 401/404 (token refused, or not a Bot API server): `token_refused`, exit code 3.
 */
export function startPolling(bot: Bot<BotContext>, options: PollingOptions): Polling {
  bot.api.config.use(guardPolling(bot, options));
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: options.allowedUpdates ?? [] }, silent: true },
    // At most this many updates in hand: the runner fetches no more until one is done (and
    // asks for no more than there is room for; guardPolling bounds its first request too).
    sink: { concurrency: options.concurrency ?? DEFAULT_UPDATE_CONCURRENCY },
  });
  // The guard never lets getUpdates fail except when stopping; anything else is a real fault.
  void runner.task()?.catch((error: unknown) => options.onFatal({ reason: "failed", error }));
  return {
    isRunning: () => runner.isRunning(),
    async stop() {
      if (runner.isRunning()) await runner.stop();
      for (let waited = 0; runner.size() > 0 && waited < DRAIN_MS; waited += 50) await sleep(50);
    },
  };
}

/** The getUpdates transformer behind {@link startPolling}. */
function guardPolling(bot: Bot<BotContext>, options: PollingOptions): Transformer {
  const { logger } = options;
  const notice = options.notice ?? (() => undefined);
  const firstDelay = options.retryDelayMs ?? 1_000;
  const delayFor = (attempt: number) => Math.min(firstDelay * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
  let established = false;
  let probation: NodeJS.Timeout | undefined;
  let failures = 0;
  let conflicts = 0;

  const outage = async (cause: string, error: unknown, signal: AbortSignal | undefined) => {
    failures++;
    const delay = delayFor(failures);
    logger.warn(
      { ...(failures === 1 ? { err: error } : {}), cause, attempt: failures, retryInMs: delay },
      `Bot API unreachable while polling (${cause}); retrying`,
    );
    if (failures === 1)
      notice(`⚠️ Không nhận được tin từ máy chủ Bot API (${cause}). Bot vẫn chạy và sẽ tự thử lại.`);
    await sleep(delay, signal);
  };

  const concurrency = options.concurrency ?? DEFAULT_UPDATE_CONCURRENCY;
  return async (prev, method, asked, grammySignal) => {
    if (method !== "getUpdates") return prev(method, asked, grammySignal);
    // The runner starts every update of a batch at once and asks for as many as it has room
    // for — except the first time, when it asks for 100: never more than the bound.
    const payload = { ...asked, limit: Math.min((asked as { limit?: number }).limit ?? 100, concurrency) };
    // The runner's signal comes from the abort-controller polyfill: only its events are safe.
    const signal = grammySignal as unknown as AbortSignal | undefined;
    // Polling for a few seconds makes this the incumbent: a newcomer's poll ends ours, we
    // poll again at once, and that ends the newcomer's within milliseconds of its start.
    probation ??= setTimeout(() => {
      established = true;
    }, options.probationMs ?? PROBATION_MS);
    probation.unref();
    for (;;) {
      let result: Awaited<ReturnType<typeof prev>>;
      const request = new AbortController();
      const abort = () => request.abort();
      signal?.addEventListener("abort", abort, { once: true });
      const limit = setTimeout(abort, POLL_REQUEST_TIMEOUT_MS);
      try {
        result = await prev(method, payload, request.signal as unknown as typeof grammySignal);
      } catch (error) {
        if (signal?.aborted) throw error;
        await outage(request.signal.aborted ? "timeout" : describeNetworkError(error), error, signal);
        continue;
      } finally {
        clearTimeout(limit);
        signal?.removeEventListener("abort", abort);
      }
      if (result.ok) {
        if (failures > 0 || conflicts > 0) {
          logger.info({ failures, conflicts }, "polling resumed");
          if (failures > 0) notice("✅ Đã nhận tin lại từ máy chủ Bot API.");
        }
        failures = 0;
        conflicts = 0;
        const updates = result.result as unknown as Update[];
        try {
          await recordReceivedUpdates(
            options.db,
            options.clock,
            String(bot.botInfo.id),
            options.runId,
            updates,
          );
        } catch (error) {
          // Handling goes on; only a crash before these are handled could lose them.
          logger.error({ err: error, count: updates.length }, "could not record received updates");
        }
        return result;
      }
      const description = result.description;
      if (result.error_code === 401 || result.error_code === 404) {
        options.onFatal({ reason: "token_refused", description });
        return waitForStop(signal, result);
      }
      if (result.error_code === 409) {
        if (!established) {
          options.onFatal({ reason: "conflict", description });
          return waitForStop(signal, result);
        }
        conflicts++;
        const delay = conflicts === 1 ? 0 : delayFor(conflicts - 1);
        logger.warn(
          { description, conflicts, retryInMs: delay },
          "getUpdates conflict: another process polls with this token (409); this one keeps polling",
        );
        if (conflicts === 1)
          notice(
            "⚠️ Một tiến trình khác đang nhận tin bằng cùng BOT_TOKEN (409 Conflict). Mỗi token chỉ dùng " +
              "được cho một tiến trình: hãy dừng tiến trình kia. Bot này vẫn chạy.",
          );
        await sleep(delay, signal);
        continue;
      }
      if (result.error_code === 429) {
        const seconds = result.parameters?.retry_after ?? 1;
        logger.warn({ retryAfter: seconds }, "getUpdates flood limit; waiting");
        await sleep(seconds * 1000, signal);
        continue;
      }
      await outage(`${result.error_code} ${description}`, undefined, signal);
    }
  };
}

/**
 * Handles again the updates that dead runs received but never finished (see
 * `db/update-log.ts`), oldest first, through the whole bot — before polling starts, and
 * whenever another instance is found dead.
 */
export async function replayUnfinishedUpdates(
  bot: Bot<BotContext>,
  options: { db: Db; clock: Clock; logger: Logger; runId: string },
  deadRuns: readonly string[],
): Promise<number> {
  const since = new Date(options.clock.now().getTime() - REPLAY_WINDOW_MS);
  const { updates, abandoned } = await claimUnhandledUpdates(
    options.db,
    options.clock,
    String(bot.botInfo.id),
    deadRuns,
    options.runId,
    since,
  );
  if (abandoned.length > 0)
    options.logger.error(
      { updateIds: abandoned },
      "updates left unfinished by a dead run were given up (too old, or in flight at several crashes)",
    );
  for (const update of updates as Update[]) {
    options.logger.info({ updateId: update.update_id }, "handling an update a dead run left unfinished");
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      options.logger.error({ err: error, updateId: update.update_id }, "replayed update failed");
    }
  }
  return updates.length;
}

/** Telegram keeps undelivered updates for a day; an unfinished one older than that is not handled. */
const REPLAY_WINDOW_MS = 24 * 60 * 60_000;

function describeNetworkError(error: unknown): string {
  const chain: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (e.name === "TimeoutError" || e.name === "AbortError") chain.push("timeout");
    else if (typeof code === "string") chain.push(code);
    e = (e as { error?: unknown; cause?: unknown }).error ?? e.cause;
  }
  return chain.at(-1) ?? (error instanceof Error ? error.message : String(error));
}

async function waitForStop<T>(signal: AbortSignal | undefined, result: T): Promise<T> {
  if (signal && !signal.aborted)
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  return result;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
