import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOaClient, OaApiError } from "../../../../src/channels/zalo/oa/oa-client.js";
import {
  createOaTokens,
  OaReauthorisationNeeded,
  saveOaTokens,
} from "../../../../src/channels/zalo/oa/oa-tokens.js";
import type { Db } from "../../../../src/db/client.js";
import { createFakeClock } from "../../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../../helpers/temp-db.js";

const OA = "1234567890123456789";
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: "silent" });

/** Zalo's OAuth and one OA endpoint, with single-use rotating refresh tokens. */
function fakeZaloOAuth() {
  let n = 0;
  const state = {
    validAccess: new Set<string>(["access-0"]),
    refreshToken: "refresh-0",
    refreshCalls: 0,
    /** Every access token refused (a token Zalo keeps rejecting). */
    refuseAll: false,
    apiCalls: [] as string[],
    /** Called after Zalo has rotated, before it answers (a test can block here). */
    beforeAnswer: async () => {},
  };
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    if (url.pathname === "/v4/oa/access_token") {
      const form = new URLSearchParams(String(init?.body));
      if (headers.get("secret_key") !== "app-secret" || form.get("app_id") !== "app-1")
        return Response.json({ error: -14002, error_name: "Invalid app" });
      state.refreshCalls++;
      if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== state.refreshToken)
        return Response.json({ error: -14014, error_name: "Invalid refresh token" });
      n++;
      state.refreshToken = `refresh-${n}`;
      state.validAccess = new Set([`access-${n}`]);
      await state.beforeAnswer();
      return Response.json({
        access_token: `access-${n}`,
        refresh_token: `refresh-${n}`,
        expires_in: "90000",
      });
    }
    const token = headers.get("access_token") ?? "";
    state.apiCalls.push(token);
    if (state.refuseAll || !state.validAccess.has(token))
      return Response.json({ error: -216, message: "Access token is invalid" });
    if (url.pathname === "/v3.0/oa/message/cs")
      return Response.json({ error: 0, message: "Success", data: { message_id: "abc" } });
    return Response.json({ error: -201, message: "Parameters are invalid" });
  }) as typeof fetch;
  return { state, fetch: fakeFetch };
}

let temp: TempDb;
let zalo: ReturnType<typeof fakeZaloOAuth>;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  clock.set("2026-11-22T09:00:00+07:00");
  zalo = fakeZaloOAuth();
  await temp.db.zaloOaCredential.deleteMany();
  await saveOaTokens(temp.db, clock, OA, {
    accessToken: "access-0",
    refreshToken: "refresh-0",
    expiresInSeconds: 90000,
  });
});

const tokensOn = (db: Db) =>
  createOaTokens({
    db,
    clock,
    logger,
    oaId: OA,
    appId: "app-1",
    appSecret: "app-secret",
    oauthRoot: "https://oauth.test",
    fetch: zalo.fetch,
  });
const clientOn = (db: Db) =>
  createOaClient({ tokens: tokensOn(db), apiRoot: "https://api.test", fetch: zalo.fetch });
const send = (db: Db) => clientOn(db).call("/v3.0/oa/message/cs", { json: { recipient: { user_id: "1" } } });

describe("OA tokens: the rotating refresh token is saved before the new access token is used", () => {
  it("uses the stored access token while valid, refreshes it 5 minutes before it expires", async () => {
    await send(temp.db);
    expect(zalo.state.refreshCalls).toBe(0);
    clock.advance(25 * 3600_000 - 4 * 60_000);
    await send(temp.db);
    expect(zalo.state.refreshCalls).toBe(1);
    expect(zalo.state.apiCalls).toEqual(["access-0", "access-1"]);
    const row = await temp.db.zaloOaCredential.findUniqueOrThrow({ where: { oaId: OA } });
    expect(row).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1", version: 1 });
    expect(row.accessExpiresAt.toISOString()).toBe(new Date(clock.now().getTime() + 90000_000).toISOString());
  });

  it("-216 on a call: refreshes once and retries once; a second refusal is the caller's error", async () => {
    zalo.state.validAccess = new Set(); // revoked early
    await expect(send(temp.db)).resolves.toEqual({ message_id: "abc" });
    expect(zalo.state.refreshCalls).toBe(1);
    expect(zalo.state.apiCalls).toEqual(["access-0", "access-1"]);

    zalo.state.refuseAll = true;
    zalo.state.apiCalls = [];
    await expect(send(temp.db)).rejects.toMatchObject({ errorCode: -216 });
    expect(zalo.state.refreshCalls).toBe(2);
    expect(zalo.state.apiCalls).toEqual(["access-1", "access-2"]);
  });

  it("other OA errors are not retried", async () => {
    await expect(clientOn(temp.db).call("/v3.0/oa/other", { json: {} })).rejects.toBeInstanceOf(OaApiError);
    expect(zalo.state.refreshCalls).toBe(0);
  });

  it("one refresh at a time in an instance: ten calls refused at once spend the refresh token once", async () => {
    zalo.state.validAccess = new Set(["access-1"]); // the stored token was just revoked
    const client = clientOn(temp.db);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => client.call("/v3.0/oa/message/cs", { json: {} })),
    );
    expect(results).toHaveLength(10);
    expect(zalo.state.refreshCalls).toBe(1);
  });

  it("another instance that loses the race reads the winner's pair instead of failing", async () => {
    const second = temp.reopen();
    zalo.state.validAccess = new Set();
    const first = tokensOn(temp.db);
    const other = tokensOn(second);
    const [a, b] = await Promise.all([first.refresh("access-0"), other.refresh("access-0")]);
    // Both read the old pair and refreshed (the loser's refresh token was already spent), or the
    // second read the pair the first had just saved (PostgreSQL's pool often runs them apart).
    expect([1, 2]).toContain(zalo.state.refreshCalls);
    expect(a).toBe("access-1");
    expect(b).toBe("access-1");
    expect(await temp.db.zaloOaCredential.findUniqueOrThrow({ where: { oaId: OA } })).toMatchObject({
      refreshToken: "refresh-1",
      version: 1,
    });
  });

  it("a crash between Zalo's answer and the save: the old access token serves until it expires, then the operator is told to authorise again", async () => {
    // The process dies after Zalo rotated the pair and before it was saved.
    const crashing = new Proxy(temp.db, {
      get(target, key) {
        if (key === "zaloOaCredential")
          return {
            ...target.zaloOaCredential,
            findUnique: target.zaloOaCredential.findUnique.bind(target.zaloOaCredential),
            updateMany: () => Promise.reject(new Error("process killed")),
          };
        return Reflect.get(target, key);
      },
    }) as Db;
    await expect(tokensOn(crashing).refresh("access-0")).rejects.toThrow("process killed");
    expect(zalo.state.refreshToken).toBe("refresh-1"); // Zalo rotated; the database still holds refresh-0

    // After a restart: nothing in the database changed.
    const restarted = tokensOn(temp.db);
    expect(await temp.db.zaloOaCredential.findUniqueOrThrow({ where: { oaId: OA } })).toMatchObject({
      accessToken: "access-0",
      refreshToken: "refresh-0",
      version: 0,
    });
    // The spent refresh token is refused: not recoverable without a new first authorisation.
    const refusal = await restarted.refresh("access-0").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OaReauthorisationNeeded);
    expect(String((refusal as Error).message)).toContain("npm run zalo:oa-auth");
  });
});
