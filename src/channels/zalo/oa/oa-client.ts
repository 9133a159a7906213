import type { OaTokens } from "./oa-tokens.js";

/** `https://openapi.zalo.me` in production. */
export const ZALO_OA_API_ROOT = "https://openapi.zalo.me";
/** `https://business.openapi.zalo.me` in production: ZNS template messages, with the OA's token. */
export const ZALO_BUSINESS_API_ROOT = "https://business.openapi.zalo.me";

/** Zalo's codes for an access token that is invalid (-216) or expired (-220). */
export const OA_TOKEN_ERRORS: ReadonlySet<number> = new Set([-216, -220]);
/**
 * ZNS's host: the OA's codes, and -124 "access token invalid" (ZNS's own error table, read in one
 * working integration; not in docs/zalo.md — UNCONFIRMED).
 */
const ZNS_TOKEN_ERRORS: ReadonlySet<number> = new Set([...OA_TOKEN_ERRORS, -124]);

/** The OA API answered with `error ≠ 0` (HTTP 200, as Zalo does): the code and message. */
export class OaApiError extends Error {
  constructor(
    readonly path: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Zalo OA ${path} failed: ${errorCode} ${description}`);
    this.name = "OaApiError";
  }
}

/** The OA API could not be reached or answered something that is not its JSON. */
export class OaNetworkError extends Error {
  constructor(
    readonly path: string,
    options: { cause?: unknown },
  ) {
    super(`Zalo OA ${path}: no answer`, options);
    this.name = "OaNetworkError";
  }
}

/** One OA API request: a JSON body, a multipart upload, or GET parameters (`?data=<json>`). */
export type OaRequest =
  | { json: Record<string, unknown> }
  | { upload: { bytes: Uint8Array; fileName: string; contentType: string } }
  | { query: Record<string, unknown> };

/** Which of Zalo's hosts a call goes to: the OA API, or ZNS's (`/message/template`). */
export type OaHost = "openapi" | "business";

export interface OaClient {
  /**
   * Calls `path` (e.g. `/v3.0/oa/message/cs`) on the OA API — or, with `host: "business"`, on
   * ZNS's host — with the current access token in the `access_token` header (not Bearer) and
   * returns `data`. A refused token (-216/-220; ZNS also -124) is refreshed once and the call made once
   * more; other errors are {@link OaApiError}.
   */
  call<T = unknown>(path: string, request: OaRequest, options?: { host?: OaHost }): Promise<T>;
}

export function createOaClient(options: {
  tokens: OaTokens;
  apiRoot?: string;
  /** ZNS's host ({@link ZALO_BUSINESS_API_ROOT}; the simulator's `<url>/zalo-oa/business`). */
  businessApiRoot?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): OaClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const roots: Record<OaHost, string> = {
    openapi: (options.apiRoot ?? ZALO_OA_API_ROOT).replace(/\/+$/, ""),
    business: (options.businessApiRoot ?? ZALO_BUSINESS_API_ROOT).replace(/\/+$/, ""),
  };

  const once = async (path: string, request: OaRequest, token: string, host: OaHost) => {
    let url = `${roots[host]}${path}`;
    const init: RequestInit = {
      method: "POST",
      headers: { access_token: token },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    };
    if ("json" in request) {
      init.headers = { access_token: token, "content-type": "application/json" };
      init.body = JSON.stringify(request.json);
    } else if ("upload" in request) {
      const form = new FormData();
      const { bytes, fileName, contentType } = request.upload;
      form.append("file", new Blob([bytes], { type: contentType }), fileName);
      init.body = form;
    } else {
      init.method = "GET";
      url += `?data=${encodeURIComponent(JSON.stringify(request.query))}`;
    }
    let body: { error?: unknown; message?: unknown; data?: unknown };
    try {
      const response = await fetchImpl(url, init);
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new OaNetworkError(path, { cause: error });
    }
    const code = typeof body.error === "number" ? body.error : Number(body.error ?? 0);
    if (code === 0) return { ok: true as const, data: body.data };
    return {
      ok: false as const,
      error: new OaApiError(path, code, typeof body.message === "string" ? body.message : ""),
    };
  };

  return {
    async call<T>(path: string, request: OaRequest, callOptions: { host?: OaHost } = {}): Promise<T> {
      const host = callOptions.host ?? "openapi";
      const token = await options.tokens.accessToken();
      let result = await once(path, request, token, host);
      const tokenErrors = host === "business" ? ZNS_TOKEN_ERRORS : OA_TOKEN_ERRORS;
      if (!result.ok && tokenErrors.has(result.error.errorCode)) {
        const fresh = await options.tokens.refresh(token);
        result = await once(path, request, fresh, host);
      }
      if (!result.ok) throw result.error;
      return result.data as T;
    },
  };
}
