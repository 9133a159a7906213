import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.js";
import { runZaloOaAuth } from "../../src/cli/run-zalo-oa-auth.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import type { OaPerson, ZaloOaFake } from "../../src/simulator/zalo-oa/oa-fake.js";
import { createTickingClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

/**
 * The app with `ZALO_DIALECT=oa`, over real HTTP: in simulator mode the OA channel talks to the
 * simulator's OA fake with nothing typed (tokens from the fake's consent, its webhook pointed at
 * the app); with a real OA's configuration it mounts the signed webhook, skips the Bot Platform's
 * webhook and polling, and says when the OA has not been authorised yet.
 */
const GIANG = 710000011;
const clock = createTickingClock();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function until<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A person's text event, signed as the fake signs (or with one hex digit changed). */
async function postText(fake: ZaloOaFake, url: string, person: OaPerson, text: string, tamper = false) {
  const timestamp = String(fake.now());
  const raw = JSON.stringify({
    app_id: fake.options.appId,
    user_id_by_app: "1",
    event_name: "user_send_text",
    timestamp,
    sender: { id: person.userId },
    recipient: { id: fake.options.oaId },
    message: { msg_id: `${timestamp}`.padStart(20, "a"), text },
  });
  let signature = fake.signature(raw, timestamp);
  if (tamper) signature = signature.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-zevent-signature": signature },
    body: raw,
  });
}

const botTexts = (fake: ZaloOaFake, person: OaPerson) => fake.messagesTo(person.userId).map((m) => m.text);

describe("Wire the OA into the app", () => {
  it("simulator mode: the OA fake is authorised and its webhook set at start; a signed event gets 200 and an answer, a bad signature 401", async () => {
    const r: RunningApp = await startRunningApp({ ZALO_DIALECT: "oa" }, { clock });
    cleanups.push(() => r.stop());
    const fake = r.app.simulator?.zaloOa as ZaloOaFake;
    expect(r.app.zaloDialect).toBe("oa");
    expect(r.app.telegram).toBeDefined();
    expect(fake.webhookUrl).toBe(`${r.app.httpUrl}/zalo-oa/webhook`);
    const stored = await r.app.db.zaloOaCredential.findUnique({ where: { oaId: fake.options.oaId } });
    expect(stored?.accessToken).toMatch(/.{20,}/);

    // The person follows (the fake signs and delivers it): the bot answers through the OA API.
    const person = fake.person(GIANG, "Võ Văn Giang", "+84912000011");
    await fake.follow(person);
    await until("the welcome", () => botTexts(fake, person).find((t) => /Trợ lý Giảm nghèo/.test(t)));
    const before = botTexts(fake, person).length;

    const webhook = `${r.app.httpUrl}/zalo-oa/webhook`;
    const refused = await postText(fake, webhook, person, "chuan ngheo nong thon la bao nhieu", true);
    expect(refused.status).toBe(401);
    const accepted = await postText(fake, webhook, person, "chuan ngheo nong thon la bao nhieu");
    expect(accepted.status).toBe(200);
    const answer = await until("the answer", () =>
      botTexts(fake, person)
        .slice(before)
        .find((t) => /1\.500\.000 đ/.test(t)),
    );
    expect(answer).toMatch(/Nông thôn/);
    // Only the signed one was answered.
    expect(
      botTexts(fake, person)
        .slice(before)
        .filter((t) => /Chuẩn nghèo/.test(t)),
    ).toHaveLength(1);

    // One Zalo dialect per instance: the Bot Platform's webhook is not there.
    expect((await fetch(`${r.app.httpUrl}/zalo/webhook`, { method: "POST", body: "{}" })).status).toBe(404);
    // The phone form's picture and the consent's landing page are served for Zalo and the admin.
    const picture = await fetch(`${r.app.httpUrl}/zalo-oa/form.png`);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await picture.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const landing = await fetch(`${r.app.httpUrl}/zalo-oa/callback?code=x&oa_id=1&state=y`);
    expect(await landing.text()).toContain("npm run zalo:oa-auth");
    // The chat page is served as before.
    expect((await fetch(`${r.url}/`)).status).toBe(200);
  }, 120_000);

  it("a real OA: the signed webhook is mounted, no Bot Platform webhook or polling; without tokens the operator is told, after npm run zalo:oa-auth the bot answers", async () => {
    // Zalo's servers: the simulator's OA fake on its own, as a remote service would be.
    const zalo: Simulator = await startSimulator({
      host: "127.0.0.1",
      port: 0,
      users: DEMO_SIMULATOR_USERS,
      zaloOa: {
        now: () => clock.now().getTime(),
        callbackUrl: "https://bot.example.gov.vn/zalo-oa/callback",
      },
    });
    cleanups.push(() => zalo.close());
    const fake = zalo.zaloOa;
    const dir = mkdtempSync(join(tmpdir(), "tlgn-oa-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: `file:${join(dir, "app.db")}`,
      HTTP_PORT: "0",
      LOG_LEVEL: "silent",
      ZALO_DIALECT: "oa",
      ZALO_OA_APP_ID: fake.options.appId,
      ZALO_OA_APP_SECRET: fake.options.appSecret,
      ZALO_OA_ID: fake.options.oaId,
      ZALO_OA_NAME: "UBND tỉnh Hà Tĩnh",
      ZALO_OA_WEBHOOK_SECRET: fake.options.oaSecretKey,
      ZALO_OA_API_ROOT: `${zalo.url}/zalo-oa/openapi`,
      ZALO_OA_OAUTH_ROOT: `${zalo.url}/zalo-oa/oauth`,
      ZALO_OA_BUSINESS_API_ROOT: `${zalo.url}/zalo-oa/business`,
      PUBLIC_BASE_URL: "https://bot.example.gov.vn",
    };
    const config = loadConfig(env);
    if (!config.ok) throw new Error(config.problems.join("; "));
    const progress: string[] = [];
    const app: App = await startApp(config.config, pino({ level: "silent" }), {
      clock,
      scheduler: false,
      progress: (message) => progress.push(message),
    });
    cleanups.push(() => app.stop());
    expect(app.simulator).toBeUndefined();
    expect(app.telegram).toBeUndefined();
    expect(app.zaloDialect).toBe("oa");
    expect(app.zalo?.botInfo.first_name).toBe("UBND tỉnh Hà Tĩnh");
    expect(progress.join("\n")).toMatch(
      /Chưa có token cho Zalo OA 4011000000000000001.*npm run zalo:oa-auth/,
    );

    // The operator authorises: the consent (followed as the OA's admin would), the pasted address.
    const out: string[] = [];
    const exit = await runZaloOaAuth(
      { ...env, ZALO_OA_REDIRECT_URI: "https://bot.example.gov.vn/zalo-oa/callback" },
      {
        out: (text) => out.push(text),
        err: (text) => out.push(text),
        ask: async () => {
          const consent = new URL(out.find((line) => line.includes("/v4/oa/permission"))?.trim() ?? "");
          consent.pathname += "/grant";
          const granted = await fetch(consent, { redirect: "manual" });
          return granted.headers.get("location") ?? "";
        },
        clock,
      },
    );
    expect(exit, out.join("\n")).toBe(0);

    // The operator sets the webhook in Zalo's console; the person follows and is answered.
    fake.webhookUrl = `${app.httpUrl}/zalo-oa/webhook`;
    const person = fake.person(GIANG, "Võ Văn Giang", "+84912000011");
    await fake.follow(person);
    expect(fake.deliveries.at(-1)?.status).toBe(200);
    await until("the welcome", () =>
      botTexts(fake, person).find((t) => /Xác minh bằng số điện thoại/.test(t)),
    );
    // Verified phone on the OA: the bot asks through Zalo's form, whose picture is the app's.
    const form = await until("the phone form", () =>
      fake.messagesTo(person.userId).find((m) => m.kind === "request_user_info"),
    );
    expect(form.requestInfo?.imageUrl).toBe("https://bot.example.gov.vn/zalo-oa/form.png");
    const tampered = await postText(fake, `${app.httpUrl}/zalo-oa/webhook`, person, "xin chào", true);
    expect(tampered.status).toBe(401);
  }, 120_000);
});
