import type { Logger } from "pino";

export interface FloodWaitOptions {
  logger: Logger;
  /** The longest one request may wait in total before its 429 is passed on (default 120 s). */
  maxWaitSeconds?: number;
  /** Replaces the timer (tests). */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

export interface FloodWait {
  /** `fetch` for the bot's Bot API client. */
  fetch: typeof fetch;
  /** Whether a request to this chat is waiting out a flood limit right now. */
  isWaiting(chatId: string | number): boolean;
}

/** The most a single flood wait may be (Telegram's are seconds; a minute or more means trouble). */
export const DEFAULT_MAX_FLOOD_WAIT_SECONDS = 120;

/**
 * Makes the bot's replies wait out Telegram's flood limits however many 429s it takes.
 *
 * It sits in `fetch`, under grammY, because API transformers do not reach calls made inside
 * conversations (the plugin builds its own `Api` from the client options, `fetch` included),
 * and a transformer installed as a conversation plugin would sit outside the replay recorder
 * and sleep again on every replay. Here the recorder sees only the final answer. The body is
 * kept (uploads are buffered) so the same request can be sent again.
 *
 * A request that would wait longer than `maxWaitSeconds` in all gets its 429 after all, and the
 * log says which method and chat lost it: never silently. `getUpdates` is left to the poller.
 * The outbox has a client of its own without this: it reschedules instead of sleeping.
 */
export function createFloodWait(base: typeof fetch, options: FloodWaitOptions): FloodWait {
  const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_FLOOD_WAIT_SECONDS;
  const sleep = options.sleep ?? abortableSleep;
  const waiting = new Map<string, number>();

  const floodFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    if (method === "getUpdates" || init?.body === undefined || init.body === null) return base(input, init);
    const body = await resendableBody(init.body);
    const request: RequestInit = { ...init, body };
    let chatId: string | undefined;
    let waited = 0;
    for (;;) {
      const response = await base(input, request);
      if (response.status !== 429) return response;
      const retryAfter = await retryAfterOf(response.clone());
      if (retryAfter === undefined) return response;
      chatId ??= chatIdOf(body);
      if (waited + retryAfter > maxWait) {
        options.logger.error(
          { method, chatId, waitedSeconds: waited, retryAfter },
          "flood limit: gave up on a reply after waiting the longest allowed",
        );
        return response;
      }
      options.logger.info({ method, chatId, retryAfter }, "flood limit: waiting before sending again");
      if (chatId !== undefined) waiting.set(chatId, (waiting.get(chatId) ?? 0) + 1);
      try {
        await sleep(retryAfter * 1000, init.signal);
      } finally {
        if (chatId !== undefined) {
          const left = (waiting.get(chatId) ?? 1) - 1;
          if (left > 0) waiting.set(chatId, left);
          else waiting.delete(chatId);
        }
      }
      waited += retryAfter;
    }
  };
  return {
    fetch: floodFetch as typeof fetch,
    isWaiting: (chatId) => waiting.has(String(chatId)),
  };
}

type Body = NonNullable<RequestInit["body"]>;

/** A body that can be sent twice: JSON strings and buffers as they are, streams read into memory. */
async function resendableBody(body: Body): Promise<Body> {
  if (typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer) return body;
  return Buffer.from(await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
}

function chatIdOf(body: Body): string | undefined {
  if (typeof body === "string") {
    try {
      const chatId = (JSON.parse(body) as { chat_id?: unknown }).chat_id;
      return chatId === undefined ? undefined : String(chatId);
    } catch {
      return undefined;
    }
  }
  if (body instanceof Uint8Array) {
    // Multipart upload: the chat_id part's value.
    const match = /name="?chat_id"?\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]+)/.exec(
      Buffer.from(body).toString("latin1"),
    );
    return match?.[1];
  }
  return undefined;
}

async function retryAfterOf(response: Response): Promise<number | undefined> {
  try {
    const data = (await response.json()) as { parameters?: { retry_after?: unknown } };
    const retryAfter = data.parameters?.retry_after;
    return typeof retryAfter === "number" && retryAfter >= 0 ? retryAfter : undefined;
  } catch {
    return undefined;
  }
}

function abortableSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
