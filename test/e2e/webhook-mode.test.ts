import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from "../../src/bot/webhook.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { startSimulator } from "../../src/simulator/server.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

const AN = 710000001;
const DUNG = 710000004;

let running: RunningApp;

beforeAll(async () => {
  // Simulator mode with BOT_MODE=webhook: the app points the simulator's webhook at its own
  // server with a secret of its own, and the simulator posts every update there.
  running = await startRunningApp({ BOT_MODE: "webhook" });
});
afterAll(() => running?.stop());

const sim = () => {
  const simulator = running.app.simulator;
  if (!simulator) throw new Error("no simulator");
  return simulator;
};
const hookUrl = () => `${running.app.httpUrl}${TELEGRAM_WEBHOOK_PATH}`;
const secret = () => sim().api.webhook?.secretToken ?? "";

/** A message from `userId` as Telegram would post it. */
function update(updateId: number, userId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_795_000_000,
      chat: { id: userId, type: "private", first_name: "Dung" },
      from: { id: userId, is_bot: false, first_name: "Dung", language_code: "vi" },
      text,
      ...(text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] }
        : {}),
    },
  };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(hookUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const botTexts = (userId: number) =>
  (sim().store.chat(userId)?.messages ?? []).filter((m) => m.outgoing).map((m) => m.text ?? "");

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Webhook mode", () => {
  it("BOT_MODE=webhook needs WEBHOOK_URL (https for Telegram) and WEBHOOK_SECRET with a token; polling stays the default", () => {
    const token = "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ";
    const polling = loadConfig({ BOT_TOKEN: token });
    expect(polling.ok && polling.config.telegramUpdates).toEqual({ mode: "polling" });

    const missing = loadConfig({ BOT_TOKEN: token, BOT_MODE: "webhook" });
    expect(missing.ok).toBe(false);
    const problems = missing.ok ? [] : missing.problems;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["WEBHOOK_SECRET", "WEBHOOK_URL"]);
    expect(problems.join("\n")).toContain("bắt buộc khi BOT_MODE=webhook");

    const plainHttp = loadConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "http://bot.example.gov.vn/telegram/webhook",
      WEBHOOK_SECRET: "short",
    });
    expect(plainHttp.ok ? [] : plainHttp.problems).toEqual([
      expect.stringMatching(/^WEBHOOK_SECRET: 16–256 ký tự/),
      expect.stringMatching(/^WEBHOOK_URL: Telegram chỉ gửi tin tới địa chỉ https:\/\//),
    ]);

    const good = loadConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.gov.vn/telegram/webhook",
      WEBHOOK_SECRET: "a-long-random-secret_123",
    });
    expect(good.ok && good.config.telegramUpdates).toEqual({
      mode: "webhook",
      url: "https://bot.example.gov.vn/telegram/webhook",
      secret: "a-long-random-secret_123",
    });

    const stray = loadConfig({ WEBHOOK_SECRET: "a-long-random-secret_123" });
    expect(stray.ok ? [] : stray.problems).toEqual([
      expect.stringMatching(/^WEBHOOK_SECRET: chỉ dùng khi BOT_MODE=webhook/),
    ]);
    expect(loadConfig({ BOT_MODE: "hook" }).ok).toBe(false);
  });

  it("at start the webhook is set with a secret token; the simulator then delivers by webhook and the bot answers", async () => {
    const hook = sim().api.webhook;
    expect(hook?.url).toBe(hookUrl());
    expect(hook?.secretToken?.length).toBeGreaterThanOrEqual(16);
    expect(hook?.allowedUpdates?.sort()).toEqual(["callback_query", "message", "my_chat_member"]);
    await running.say(DUNG, "/start");
    await running.waitForBotText(DUNG, /Chọn việc cần làm/);
    expect(botTexts(DUNG).join("\n")).toContain("Chào Phạm Thị Dung");
    expect(sim().webhookDeliveries.get(new URL(hookUrl()).origin)).toBeGreaterThan(0);
  });

  it("the webhook refuses a missing or wrong secret (401) and takes the right one", async () => {
    const before = botTexts(AN).length;
    expect((await post(update(9_000_001, AN, "/start"))).status).toBe(401);
    expect(
      (await post(update(9_000_001, AN, "/start"), { "x-telegram-bot-api-secret-token": "wrong" })).status,
    ).toBe(401);
    expect(
      (await post(update(9_000_001, AN, "/start"), { "x-telegram-bot-api-secret-token": `${secret()}x` }))
        .status,
    ).toBe(401);
    expect(await running.app.db.processedUpdate.count({ where: { updateId: 9_000_001n } })).toBe(0);
    expect(botTexts(AN)).toHaveLength(before);

    const accepted = await post(update(9_000_001, AN, "/start"), {
      "x-telegram-bot-api-secret-token": secret(),
    });
    expect(accepted.status).toBe(200);
    await waitFor(() => botTexts(AN).length > before);
    expect(botTexts(AN).slice(before).join("\n")).toContain("Nguyễn Văn An");
    expect((await fetch(hookUrl())).status).toBe(405);
    expect((await post({ hello: 1 }, { "x-telegram-bot-api-secret-token": secret() })).status).toBe(400);
  });

  it("an update delivered again (same update_id) is answered 200 and handled once", async () => {
    const headers = { "x-telegram-bot-api-secret-token": secret() };
    await waitFor(
      async () => (await running.app.db.processedUpdate.count({ where: { handledAt: null } })) === 0,
    );
    const before = botTexts(AN).length;
    const first = update(9_000_002, AN, "/help");
    expect((await post(first, headers)).status).toBe(200);
    expect((await post(first, headers)).status).toBe(200);
    await waitFor(() => botTexts(AN).length > before);
    // Once more after it was handled: still 200, still nothing new.
    expect((await post(first, headers)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const replies = botTexts(AN).slice(before);
    expect(replies.length).toBeGreaterThan(0);
    await running.say(AN, "/help");
    await waitFor(() => botTexts(AN).length >= before + 2 * replies.length);
    // The same /help sent afresh gets the same answer: the repeat really was dropped, not slow.
    expect(botTexts(AN).slice(before + replies.length)).toEqual(replies);
    const row = await running.app.db.processedUpdate.findFirstOrThrow({ where: { updateId: 9_000_002n } });
    expect(row.handledAt).not.toBeNull();
  });

  it("/healthz says the process is alive; /readyz checks the database and its migrations", async () => {
    const base = running.app.httpUrl ?? "";
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ok: true }]);

    const db = running.app.db;
    const [last] = await db.$queryRaw<{ name: string }[]>`
      SELECT "migration_name" AS "name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`;
    const name = last?.name ?? "";
    await db.$executeRaw`UPDATE "_prisma_migrations" SET "finished_at" = NULL WHERE "migration_name" = ${name}`;
    try {
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ ok: false, reason: `migrations not applied: ${name}` });
      // Alive all the same: a load balancer must not restart it for this.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET "finished_at" = "started_at" WHERE "migration_name" = ${name}`;
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("setWebhook is called only when the address, the secret or the update kinds differ", async () => {
    const simulator = await startSimulator({ host: "127.0.0.1", port: 0, users: DEMO_SIMULATOR_USERS });
    try {
      const api = new Api(simulator.token, { apiRoot: simulator.url });
      const calls: string[] = [];
      api.config.use((prev, method, payload, signal) => {
        calls.push(method);
        return prev(method, payload, signal);
      });
      const input = {
        db: running.app.db,
        clock: createFakeClock(),
        botId: "4242",
        url: "http://127.0.0.1:9/telegram/webhook",
        secret: "first-secret-0123456789",
        allowedUpdates: ["message", "callback_query"],
      };
      expect(await ensureTelegramWebhook(api, input)).toBe(true);
      expect(await ensureTelegramWebhook(api, input)).toBe(false);
      expect(calls).toEqual(["getWebhookInfo", "setWebhook", "getWebhookInfo"]);
      expect(simulator.api.webhook?.secretToken).toBe("first-secret-0123456789");
      expect(await ensureTelegramWebhook(api, { ...input, secret: "second-secret-0123456789" })).toBe(true);
      expect(simulator.api.webhook?.secretToken).toBe("second-secret-0123456789");
      expect(
        await ensureTelegramWebhook(api, {
          ...input,
          secret: "second-secret-0123456789",
          allowedUpdates: ["message"],
        }),
      ).toBe(true);
      expect(simulator.api.webhook?.allowedUpdates).toEqual(["message"]);
    } finally {
      await simulator.close();
    }
  });
});
