import type { Logger } from "pino";
import type { Inbound } from "./inbound.js";
import { ZaloApiError, type ZaloClient } from "./zalo-client.js";
import { readZaloEvent } from "./zalo-events.js";

export interface ZaloPoller {
  stop(): Promise<void>;
}

/** Zalo's long poll (seconds); the request gets 10 s more before it is taken for dead. */
const POLL_TIMEOUT_S = 30;
const MAX_BACKOFF_MS = 30_000;

/**
 * Development polling of Zalo's `getUpdates`: one sequential loop (Zalo returns one event per
 * call and has no offsets), 408 = nothing came, errors waited out (1 s doubling to 30 s). Zalo
 * refuses it while a webhook is set (the error is logged; the webhook is left alone), and may
 * lose messages between polls: production uses the webhook.
 */
export function startZaloPoller(options: {
  client: ZaloClient;
  inbound: Inbound;
  logger: Logger;
  /** First pause after a failure (tests shorten it). */
  retryDelayMs?: number;
}): ZaloPoller {
  const { client, inbound, logger } = options;
  const controller = new AbortController();
  const firstDelay = options.retryDelayMs ?? 1000;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const loop = async () => {
    let delay = firstDelay;
    while (!controller.signal.aborted) {
      try {
        const result = await client.call(
          "getUpdates",
          { timeout: POLL_TIMEOUT_S },
          {
            timeoutMs: (POLL_TIMEOUT_S + 10) * 1000,
            signal: controller.signal,
          },
        );
        const event = readZaloEvent(result);
        if (event) await inbound.ingest(event);
        delay = firstDelay;
      } catch (error) {
        if (controller.signal.aborted) break;
        if (error instanceof ZaloApiError && error.errorCode === 408) {
          // Zalo holds an idle poll for its timeout; one that answers at once must not spin.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        logger.warn({ err: error, retryInMs: delay }, "zalo polling failed; retrying");
        await pause(delay);
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
