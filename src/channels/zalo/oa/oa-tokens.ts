import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";

/** `https://oauth.zaloapp.com` in production (consent, code exchange and refresh). */
export const ZALO_OAUTH_ROOT = "https://oauth.zaloapp.com";

/** A token is refreshed this long before Zalo says it expires (clock skew, slow calls). */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * The OA's tokens cannot be refreshed: the stored refresh token was refused (used already,
 * expired after three months, or revoked). Only a new first authorisation
 * (`npm run zalo:oa-auth`) helps; the operator must be told.
 */
export class OaReauthorisationNeeded extends Error {
  constructor(
    readonly oaId: string,
    readonly zaloError: string,
  ) {
    super(
      `Zalo OA ${oaId}: the refresh token was refused (${zaloError}); run "npm run zalo:oa-auth" to authorise again`,
    );
    this.name = "OaReauthorisationNeeded";
  }
}

/** Zalo's OAuth answer: `expires_in` is a string of seconds. */
export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface OaOAuthOptions {
  appId: string;
  /** The App Secret, sent in the `secret_key` header. */
  appSecret: string;
  oauthRoot?: string;
  fetch?: typeof fetch;
}

/**
 * POSTs a form to `/v4/oa/access_token` (code exchange or refresh) and reads the new pair.
 * Zalo answers errors with HTTP 200 and `{error, error_name, error_description}`.
 */
export async function requestOaTokens(
  options: OaOAuthOptions,
  form: Record<string, string>,
): Promise<{ ok: true; pair: OaTokenPair } | { ok: false; error: string }> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const root = (options.oauthRoot ?? ZALO_OAUTH_ROOT).replace(/\/+$/, "");
  const response = await fetchImpl(`${root}/v4/oa/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", secret_key: options.appSecret },
    body: new URLSearchParams({ app_id: options.appId, ...form }).toString(),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const expires = Number(body.expires_in);
  if (
    response.ok &&
    typeof body.access_token === "string" &&
    typeof body.refresh_token === "string" &&
    Number.isFinite(expires) &&
    expires > 0
  ) {
    return {
      ok: true,
      pair: { accessToken: body.access_token, refreshToken: body.refresh_token, expiresInSeconds: expires },
    };
  }
  const error = [body.error ?? response.status, body.error_name, body.error_description]
    .filter((part) => part !== undefined && part !== "")
    .join(" ");
  return { ok: false, error: error || "no tokens in the answer" };
}

/** Saves a first authorisation's pair (replacing any earlier one for the OA, version + 1). */
export async function saveOaTokens(db: Db, clock: Clock, oaId: string, pair: OaTokenPair): Promise<void> {
  const now = clock.now();
  const data = {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: new Date(now.getTime() + pair.expiresInSeconds * 1000),
    updatedAt: now,
  };
  await db.zaloOaCredential.upsert({
    where: { oaId },
    create: { oaId, ...data },
    update: { ...data, version: { increment: 1 } },
  });
}

export interface OaTokens {
  /** A valid access token, refreshed first when it is (nearly) expired. */
  accessToken(): Promise<string>;
  /**
   * Refreshes because `rejected` was refused by Zalo (-216/-220): when the stored token is
   * already another one (another call or instance refreshed), that one is returned instead.
   */
  refresh(rejected: string): Promise<string>;
}

/**
 * The OA's tokens, read from `ZaloOaCredential` and refreshed when needed. The refresh token is
 * single-use: the new pair is saved (compare-and-set on `version`) before the new access token
 * is handed out, one refresh at a time in this process; an instance that loses the
 * compare-and-set (another saved first) uses the stored pair.
 *
 * A crash between Zalo's answer and the save loses the new pair: the stored refresh token is
 * then spent. The stored access token keeps working until it expires; the next refresh is
 * refused and raises {@link OaReauthorisationNeeded} (logged as an error) — the operator
 * authorises again with `npm run zalo:oa-auth`.
 */
export function createOaTokens(
  options: OaOAuthOptions & { db: Db; clock: Clock; logger: Logger; oaId: string },
): OaTokens {
  const { db, clock, logger, oaId } = options;
  let inFlight: Promise<string> | undefined;

  const read = async () => {
    const row = await db.zaloOaCredential.findUnique({ where: { oaId } });
    if (!row) throw new OaReauthorisationNeeded(oaId, "no tokens stored");
    return row;
  };

  const doRefresh = async (rejected: string | undefined): Promise<string> => {
    const row = await read();
    if (rejected !== undefined && row.accessToken !== rejected) return row.accessToken;
    if (rejected === undefined && row.accessExpiresAt.getTime() - EXPIRY_MARGIN_MS > clock.now().getTime())
      return row.accessToken;
    const answer = await requestOaTokens(options, {
      grant_type: "refresh_token",
      refresh_token: row.refreshToken,
    });
    if (!answer.ok) {
      // Another instance may have spent the refresh token and saved the new pair meanwhile.
      const now = await read();
      if (now.version !== row.version) return now.accessToken;
      const error = new OaReauthorisationNeeded(oaId, answer.error);
      logger.error({ oaId, zaloError: answer.error }, error.message);
      throw error;
    }
    const at = clock.now();
    const saved = await db.zaloOaCredential.updateMany({
      where: { oaId, version: row.version },
      data: {
        accessToken: answer.pair.accessToken,
        refreshToken: answer.pair.refreshToken,
        accessExpiresAt: new Date(at.getTime() + answer.pair.expiresInSeconds * 1000),
        version: row.version + 1,
        updatedAt: at,
      },
    });
    if (saved.count === 1) {
      logger.info({ oaId, version: row.version + 1 }, "zalo oa: tokens refreshed");
      return answer.pair.accessToken;
    }
    logger.warn({ oaId }, "zalo oa: another instance refreshed first; using its tokens");
    return (await read()).accessToken;
  };

  const single = (rejected: string | undefined): Promise<string> => {
    if (!inFlight) {
      inFlight = doRefresh(rejected).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    }
    // A refresh is under way: wait for it, then look again (it may have been for another token).
    return inFlight.catch(() => undefined).then(() => single(rejected));
  };

  return {
    async accessToken() {
      const row = await read();
      if (row.accessExpiresAt.getTime() - EXPIRY_MARGIN_MS > clock.now().getTime()) return row.accessToken;
      return single(undefined);
    },
    refresh: (rejected) => single(rejected),
  };
}
