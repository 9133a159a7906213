import type { Db } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";
import {
  completeOaAuthorisation,
  oaConsentUrl,
  readAuthorisationReply,
  startOaAuthorisation,
} from "./oa-authorise.js";

/**
 * The first authorisation `npm run zalo:oa-auth` makes, done without a person against the
 * simulator's OA fake, so that `npm start` in OA mode needs nothing typed: the same PKCE consent
 * address, its "Cho phép" followed (the fake's link is the consent path + `/grant`, same query),
 * the callback address read as the operator's paste would be, the code exchanged and the pair
 * stored. The fake forgets its tokens when it stops, so simulator mode authorises at every
 * start. Throws, saying what the fake answered, when any step fails.
 */
export async function authoriseSimulatedOa(
  db: Db,
  clock: Clock,
  options: {
    /** The fake's `…/zalo-oa/oauth`. */
    oauthRoot: string;
    appId: string;
    appSecret: string;
    /** Where the consent redirects (only read here, never opened). */
    redirectUri: string;
    /** The simulator's shared password, when it has one (its consent page asks for it). */
    authorization?: string;
    fetch?: typeof fetch;
  },
): Promise<{ oaId: string; expiresAt: Date }> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const start = startOaAuthorisation();
  const consent = new URL(oaConsentUrl({ ...options, start }));
  consent.pathname = `${consent.pathname}/grant`;
  const granted = await fetchImpl(consent, {
    redirect: "manual",
    headers: options.authorization ? { authorization: options.authorization } : {},
  });
  const location = granted.headers.get("location");
  await granted.arrayBuffer();
  if (!location) throw new Error(`simulated OA consent: no redirect (HTTP ${granted.status})`);
  const reply = readAuthorisationReply(location, start.state);
  if (!reply.ok || !reply.oaId)
    throw new Error(`simulated OA consent: ${reply.ok ? "no oa_id" : reply.reason}`);
  const done = await completeOaAuthorisation(db, clock, {
    appId: options.appId,
    appSecret: options.appSecret,
    oauthRoot: options.oauthRoot,
    oaId: reply.oaId,
    code: reply.code,
    codeVerifier: start.codeVerifier,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (!done.ok) throw new Error(`simulated OA token exchange: ${done.error}`);
  return { oaId: reply.oaId, expiresAt: done.expiresAt };
}
