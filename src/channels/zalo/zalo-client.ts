/** Zalo Bot Platform's answer to a call that failed: its `error_code` and `description`. */
export class ZaloApiError extends Error {
  /**
   * For a 429 that is a rate limit (an Official Account's -32), the seconds to wait before
   * trying again; a 429 without it is the Bot Platform's monthly quota, not to be retried.
   */
  readonly retryAfter: number | undefined;

  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    options: { retryAfter?: number } = {},
  ) {
    super(`Zalo ${method} failed: ${errorCode} ${description}`);
    this.name = "ZaloApiError";
    this.retryAfter = options.retryAfter;
  }
}

/**
 * How the OA dialect words a person who blocked the OA or does not follow it (Telegram's 403
 * words): zalo-fetch.ts answers such a {@link ZaloApiError} with 403, never retried.
 */
export const OA_BLOCKED = "Forbidden: bot was blocked by the user";

/**
 * How the OA dialect words a person outside Zalo's messaging window (-230 no interaction in 7
 * days, -232 interaction expired): a 403 the outbox reports as `window_closed` — the person can
 * write again, so the account is not marked blocked (jobs/outbox-worker.ts).
 */
export const OA_OUTSIDE_WINDOW = "Forbidden: outside the messaging window";

/** Zalo could not be reached, or answered something that is not its JSON (a proxy's page). */
export class ZaloNetworkError extends Error {
  constructor(
    readonly method: string,
    options: { cause?: unknown },
  ) {
    super(`Zalo ${method}: no answer`, options);
    this.name = "ZaloNetworkError";
  }
}

export interface ZaloClientOptions {
  token: string;
  /** `https://bot-api.zaloplatforms.com` in production; the simulator's `/zalo` locally. */
  apiRoot: string;
  fetch?: typeof fetch;
  /** How long one call may take (default 15 s; getUpdates gets its poll timeout + 10 s). */
  timeoutMs?: number;
}

export interface ZaloClient {
  /**
   * Calls `${apiRoot}/bot${token}/${method}` with a JSON body and returns `result`; a Zalo error
   * is a {@link ZaloApiError}, no answer a {@link ZaloNetworkError}.
   */
  call<T = unknown>(
    method: string,
    params?: Record<string, unknown>,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<T>;
}

/** Zalo's `getMe`. */
export interface ZaloBotInfo {
  id: string;
  account_name: string;
  account_type?: string;
  can_join_groups?: boolean;
}

/** What Zalo's send methods return: a 20-hex message id and the time in milliseconds. */
export interface ZaloSent {
  message_id: string;
  date: number;
}

/**
 * A small client for the Zalo Bot Platform: JSON POSTs, a timeout on every call, errors typed.
 * The token is part of the URL, so the URL is never logged or put into an error.
 */
export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const root = options.apiRoot.replace(/\/+$/, "");
  return {
    async call<T>(
      method: string,
      params: Record<string, unknown> = {},
      callOptions: { timeoutMs?: number; signal?: AbortSignal } = {},
    ): Promise<T> {
      const timeout = AbortSignal.timeout(callOptions.timeoutMs ?? options.timeoutMs ?? 15_000);
      const signal = callOptions.signal ? AbortSignal.any([timeout, callOptions.signal]) : timeout;
      let response: Response;
      let body: { ok?: boolean; result?: unknown; error_code?: unknown; description?: unknown };
      try {
        response = await fetchImpl(`${root}/bot${options.token}/${method}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(params),
          signal,
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        if (callOptions.signal?.aborted) throw callOptions.signal.reason;
        throw new ZaloNetworkError(method, { cause: error });
      }
      if (body.ok === true && response.ok) return body.result as T;
      const code = typeof body.error_code === "number" ? body.error_code : response.status;
      const description = typeof body.description === "string" ? body.description : response.statusText;
      throw new ZaloApiError(method, code, description);
    },
  };
}
