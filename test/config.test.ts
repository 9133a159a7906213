import { describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig } from "../src/config.js";

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
        zalo: { token: zaloToken, apiRoot: undefined, webhookSecret: undefined, polling: true },
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
