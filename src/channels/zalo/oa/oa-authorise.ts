import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";
import { type OaOAuthOptions, requestOaTokens, saveOaTokens, ZALO_OAUTH_ROOT } from "./oa-tokens.js";

/** A PKCE pair (S256, base64url without padding, as Zalo's PHP SDK makes it) and a `state`. */
export interface OaAuthorisationStart {
  codeVerifier: string;
  codeChallenge: string;
  state: string;
}

export function startOaAuthorisation(random: (size: number) => Buffer = randomBytes): OaAuthorisationStart {
  const codeVerifier = random(32).toString("base64url");
  const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
  return { codeVerifier, codeChallenge, state: random(16).toString("hex") };
}

/** The page the OA's admin opens to let the app act for the OA. */
export function oaConsentUrl(options: {
  appId: string;
  redirectUri: string;
  start: OaAuthorisationStart;
  oauthRoot?: string;
}): string {
  // Appended, not resolved: a root with a path (the simulator's …/zalo-oa/oauth) keeps it.
  const url = new URL(`${(options.oauthRoot ?? ZALO_OAUTH_ROOT).replace(/\/+$/, "")}/v4/oa/permission`);
  url.searchParams.set("app_id", options.appId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("code_challenge", options.start.codeChallenge);
  url.searchParams.set("state", options.start.state);
  return url.toString();
}

/**
 * What the admin pasted: the whole callback address (`…?code=…&oa_id=…&state=…`, whose state
 * must be ours) or the bare code (then the OA id comes from the configuration).
 */
export function readAuthorisationReply(
  pasted: string,
  expectedState: string,
): { ok: true; code: string; oaId?: string } | { ok: false; reason: "empty" | "state_mismatch" | "no_code" } {
  const text = pasted.trim();
  if (text === "") return { ok: false, reason: "empty" };
  if (!/^https?:\/\//i.test(text) && !text.includes("code=")) return { ok: true, code: text };
  const query = new URLSearchParams(text.includes("?") ? text.slice(text.indexOf("?") + 1) : text);
  const state = query.get("state");
  if (state !== null && state !== expectedState) return { ok: false, reason: "state_mismatch" };
  const code = query.get("code");
  if (!code) return { ok: false, reason: "no_code" };
  const oaId = query.get("oa_id");
  return { ok: true, code, ...(oaId ? { oaId } : {}) };
}

/**
 * Exchanges the authorisation code (valid 10 minutes) for the OA's first token pair and stores
 * it (`ZaloOaCredential`, replacing an earlier pair of the same OA).
 */
export async function completeOaAuthorisation(
  db: Db,
  clock: Clock,
  options: OaOAuthOptions & { oaId: string; code: string; codeVerifier: string },
): Promise<{ ok: true; expiresAt: Date } | { ok: false; error: string }> {
  const answer = await requestOaTokens(options, {
    grant_type: "authorization_code",
    code: options.code,
    code_verifier: options.codeVerifier,
  });
  if (!answer.ok) return answer;
  await saveOaTokens(db, clock, options.oaId, answer.pair);
  return { ok: true, expiresAt: new Date(clock.now().getTime() + answer.pair.expiresInSeconds * 1000) };
}
