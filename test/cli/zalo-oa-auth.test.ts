import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runZaloOaAuth } from "../../src/cli/run-zalo-oa-auth.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

const env = () => ({
  DATABASE_URL: temp.url,
  ZALO_OA_APP_ID: "app-1",
  ZALO_OA_APP_SECRET: "app-secret",
  ZALO_OA_REDIRECT_URI: "https://app.test/zalo-oa/callback",
  ZALO_OA_OAUTH_ROOT: "https://oauth.test",
});

/** Runs the command; `answer` gets the printed consent URL and returns what the operator pastes. */
async function run(answer: (consent: URL) => string, vars: NodeJS.ProcessEnv = env()) {
  const out: string[] = [];
  const err: string[] = [];
  const exchanges: { headers: Headers; form: URLSearchParams; challenge: string | null }[] = [];
  let consent: URL | undefined;
  const fetch = (async (_input: string | URL | Request, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    exchanges.push({
      headers: new Headers(init?.headers),
      form,
      challenge: consent?.searchParams.get("code_challenge") ?? null,
    });
    const verifier = form.get("code_verifier") ?? "";
    const matches =
      createHash("sha256").update(verifier).digest("base64url") ===
      consent?.searchParams.get("code_challenge");
    if (form.get("code") !== "the-code" || !matches)
      return Response.json({ error: -14019, error_name: "Invalid code" });
    return Response.json({ access_token: "access-A", refresh_token: "refresh-A", expires_in: "90000" });
  }) as typeof globalThis.fetch;
  const code = await runZaloOaAuth(vars, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    ask: async () => {
      const line = out.find((text) => text.includes("https://oauth.test/"));
      consent = new URL(line?.trim() ?? "");
      return answer(consent);
    },
    clock,
    fetch,
  });
  return { code, out, err, exchanges, consent };
}

describe("npm run zalo:oa-auth completes the first authorisation", () => {
  it("prints the consent URL with a PKCE challenge; the pasted callback's code and the verifier get the first pair, stored for the OA", async () => {
    const result = await run(
      (consent) =>
        `https://app.test/zalo-oa/callback?code=the-code&oa_id=1234567890123456789&state=${consent.searchParams.get("state")}`,
    );
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.consent?.pathname).toBe("/v4/oa/permission");
    expect(result.consent?.searchParams.get("app_id")).toBe("app-1");
    expect(result.consent?.searchParams.get("redirect_uri")).toBe("https://app.test/zalo-oa/callback");
    expect(result.consent?.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [exchange] = result.exchanges;
    expect(exchange?.headers.get("secret_key")).toBe("app-secret");
    expect(exchange?.form.get("grant_type")).toBe("authorization_code");
    expect(exchange?.form.get("app_id")).toBe("app-1");
    const row = await temp.db.zaloOaCredential.findUniqueOrThrow({ where: { oaId: "1234567890123456789" } });
    expect(row).toMatchObject({ accessToken: "access-A", refreshToken: "refresh-A" });
    expect(row.accessExpiresAt.getTime()).toBe(clock.now().getTime() + 90000_000);
    expect(result.out.at(-1)).toContain("ZALO_OA_ID=1234567890123456789");
  });

  it("refuses a callback of another attempt (state), a refused code, and missing configuration", async () => {
    const other = await run(
      () => "https://app.test/zalo-oa/callback?code=the-code&oa_id=1&state=someone-else",
    );
    expect(other.code).toBe(1);
    expect(other.err[0]).toContain("state");
    expect(other.exchanges).toEqual([]);

    const refused = await run(() => "wrong-code", { ...env(), ZALO_OA_ID: "999" });
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toContain("Zalo không cấp token");
    expect(await temp.db.zaloOaCredential.findUnique({ where: { oaId: "999" } })).toBeNull();

    const missing = await run(() => "", { DATABASE_URL: temp.url });
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain("ZALO_OA_APP_ID, ZALO_OA_APP_SECRET, ZALO_OA_REDIRECT_URI");
  });
});
