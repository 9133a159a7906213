import { describe, expect, it } from "vitest";
import { DEFAULT_UPDATE_CONCURRENCY, formatConfigProblems, loadConfig } from "../src/config.js";

describe("loadConfig", () => {
  it("has working defaults for a first run: simulator, SQLite under data/, Vietnamese, local time", () => {
    const result = loadConfig({});
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        botToken: undefined,
        databaseUrl: "file:./data/app.db",
        port: 8080,
        timeZone: "Asia/Ho_Chi_Minh",
        logLevel: "info",
        defaultLocale: "vi",
        seedDemoData: true,
      }),
    });
  });

  it("a Zalo bot needs a public address and a webhook secret (unless it polls); the channel comes from the token", () => {
    const zaloToken = "1234567890123456789:AbCdEfGhIjKlMnOp";
    const missing = loadConfig({ ZALO_BOT_TOKEN: zaloToken });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.problems.map((p) => p.split(":")[0]).sort()).toEqual([
        "PUBLIC_BASE_URL",
        "ZALO_WEBHOOK_SECRET",
      ]);
    }
    const polling = loadConfig({
      ZALO_BOT_TOKEN: zaloToken,
      ZALO_POLLING: "true",
      PUBLIC_BASE_URL: "https://bot.example.gov.vn/",
    });
    expect(polling).toEqual({
      ok: true,
      config: expect.objectContaining({
        botToken: undefined,
        zalo: {
          dialect: "bot",
          token: zaloToken,
          apiRoot: undefined,
          webhookSecret: undefined,
          polling: true,
        },
        http: { host: "127.0.0.1", port: 8081, publicBaseUrl: "https://bot.example.gov.vn" },
      }),
    });
    const stray = loadConfig({ ZALO_API_ROOT: "http://127.0.0.1:8080/zalo", ZALO_WEBHOOK_SECRET: "short" });
    expect(stray.ok).toBe(false);
    if (!stray.ok)
      expect(stray.problems.map((p) => p.split(":")[0]).sort()).toEqual([
        "ZALO_API_ROOT",
        "ZALO_WEBHOOK_SECRET",
      ]);
    // Without any token both channels run against the simulator.
    expect(loadConfig({})).toMatchObject({ ok: true, config: { botToken: undefined, zalo: undefined } });
  });

  it("rejects a non-SQLite DATABASE_URL and names the variable", () => {
    const result = loadConfig({ DATABASE_URL: "mysql://x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^DATABASE_URL: .*mysql:\/\/x/);
  });

  it("UPDATE_CONCURRENCY bounds the updates handled at once: the processors' default, a whole number from 1 to 500", () => {
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config.updateConcurrency).toBe(DEFAULT_UPDATE_CONCURRENCY);
    const set = loadConfig({ UPDATE_CONCURRENCY: "4" });
    expect(set.ok && set.config.updateConcurrency).toBe(4);
    for (const bad of ["0", "2.5", "501", "nhiều"]) {
      const result = loadConfig({ UPDATE_CONCURRENCY: bad });
      expect(result.ok ? [] : result.problems.map((p) => p.split(":")[0])).toEqual(["UPDATE_CONCURRENCY"]);
    }
  });

  it("reports every problem at once", () => {
    const result = loadConfig({
      PORT: "abc",
      TZ: "Mars/Olympus",
      LOG_LEVEL: "loud",
      BOT_TOKEN: "not-a-token",
      BOT_API_ROOT: "ftp://example.org",
      SEED_DEMO_DATA: "maybe",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.problems.map((p) => p.split(":")[0]);
    expect(names.sort()).toEqual(["BOT_API_ROOT", "BOT_TOKEN", "LOG_LEVEL", "PORT", "SEED_DEMO_DATA", "TZ"]);
    const message = formatConfigProblems(result.problems);
    expect(message).toContain("Cấu hình không hợp lệ");
    for (const name of names) expect(message).toContain(name);
  });

  it("accepts a real token and a custom Bot API server", () => {
    const result = loadConfig({
      BOT_TOKEN: "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ",
      BOT_API_ROOT: "https://bot-api.example.gov.vn/",
      PORT: "3000",
      SEED_DEMO_DATA: "false",
    });
    expect(result.ok && result.config).toMatchObject({
      botToken: "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ",
      botApiRoot: "https://bot-api.example.gov.vn",
      port: 3000,
      seedDemoData: false,
    });
  });

  it("BOT_API_ROOT needs a token (without one the bot runs against the simulator)", () => {
    const result = loadConfig({ BOT_API_ROOT: "https://bot-api.example.gov.vn" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^BOT_API_ROOT: .*BOT_TOKEN/);
  });

  it("treats empty variables as unset", () => {
    const result = loadConfig({ BOT_TOKEN: "", PORT: " ", DATABASE_URL: "" });
    expect(result.ok && result.config.port).toBe(8080);
  });
});

describe("Wire the OA into the app", () => {
  const oa = {
    ZALO_DIALECT: "oa",
    ZALO_OA_APP_ID: "3011000000000000001",
    ZALO_OA_APP_SECRET: "AbCdEfGh12345678",
    ZALO_OA_ID: "4011000000000000001",
    ZALO_OA_WEBHOOK_SECRET: "oa-secret-key-123",
    PUBLIC_BASE_URL: "https://bot.example.gov.vn/",
  };

  it("ZALO_DIALECT=oa with the OA's ids and secrets is a real Official Account, one Zalo dialect per instance", () => {
    const result = loadConfig(oa);
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        botToken: undefined,
        zalo: {
          dialect: "oa",
          appId: "3011000000000000001",
          appSecret: "AbCdEfGh12345678",
          oaId: "4011000000000000001",
          oaName: "Trợ lý Giảm nghèo",
          webhookSecret: "oa-secret-key-123",
          webhookMacFirstTerm: "app_id",
          apiRoot: undefined,
          oauthRoot: undefined,
          businessApiRoot: undefined,
        },
        zaloOaName: "Trợ lý Giảm nghèo",
        http: { host: "127.0.0.1", port: 8081, publicBaseUrl: "https://bot.example.gov.vn" },
      }),
    });
    expect(result.ok && result.config.sendPolicy.zaloDialect).toBe("oa");
    const named = loadConfig({
      ...oa,
      ZALO_OA_NAME: "UBND tỉnh Hà Tĩnh",
      ZALO_OA_WEBHOOK_MAC_FIRST_TERM: "oa_id",
      ZALO_OA_API_ROOT: "http://127.0.0.1:8080/zalo-oa/openapi",
      ZALO_OA_OAUTH_ROOT: "http://127.0.0.1:8080/zalo-oa/oauth/",
      ZALO_OA_BUSINESS_API_ROOT: "http://127.0.0.1:8080/zalo-oa/business",
    });
    expect(named.ok && named.config.zalo).toMatchObject({
      oaName: "UBND tỉnh Hà Tĩnh",
      webhookMacFirstTerm: "oa_id",
      apiRoot: "http://127.0.0.1:8080/zalo-oa/openapi",
      oauthRoot: "http://127.0.0.1:8080/zalo-oa/oauth",
      businessApiRoot: "http://127.0.0.1:8080/zalo-oa/business",
    });
  });

  it("a partial OA configuration names every missing variable, in Vietnamese", () => {
    const result = loadConfig({ ZALO_DIALECT: "oa", ZALO_OA_APP_ID: "3011000000000000001" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "PUBLIC_BASE_URL",
      "ZALO_OA_APP_SECRET",
      "ZALO_OA_ID",
      "ZALO_OA_WEBHOOK_SECRET",
    ]);
    expect(result.problems.join("\n")).toMatch(/bắt buộc khi kết nối Official Account/);
  });

  it("refuses malformed ids and secrets, a Bot Platform token with ZALO_DIALECT=oa, and OA roots without an OA", () => {
    const bad = loadConfig({
      ...oa,
      ZALO_OA_APP_ID: "app-3011",
      ZALO_OA_APP_SECRET: "has a space",
      ZALO_OA_WEBHOOK_MAC_FIRST_TERM: "user_id",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => p.split(":")[0]).sort()).toEqual([
        "ZALO_OA_APP_ID",
        "ZALO_OA_APP_SECRET",
        "ZALO_OA_WEBHOOK_MAC_FIRST_TERM",
      ]);
    const both = loadConfig({ ...oa, ZALO_BOT_TOKEN: "1234567890123456789:AbCdEfGhIjKlMnOp" });
    expect(both.ok).toBe(false);
    if (!both.ok)
      expect(both.problems).toEqual([expect.stringMatching(/^ZALO_BOT_TOKEN: .*mỗi bản chạy một loại Zalo/)]);
    const stray = loadConfig({ ZALO_OA_API_ROOT: "http://127.0.0.1:8080/zalo-oa/openapi" });
    expect(stray.ok).toBe(false);
    if (!stray.ok)
      expect(stray.problems).toEqual([
        expect.stringMatching(/^ZALO_OA_API_ROOT: chỉ dùng cùng ZALO_DIALECT=oa/),
      ]);
  });

  it("ZALO_DIALECT=oa without the OA's ids is the simulator's Official Account (no token at all)", () => {
    const result = loadConfig({ ZALO_DIALECT: "oa" });
    expect(result.ok && result.config).toMatchObject({ botToken: undefined, zalo: undefined });
    expect(result.ok && result.config.sendPolicy.zaloDialect).toBe("oa");
  });
});
