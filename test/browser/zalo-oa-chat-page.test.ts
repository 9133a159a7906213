import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import { launchChromium } from "../helpers/browser.js";

const AN = 710000001;
const CALLBACK = "http://127.0.0.1:9/callback";

let sim: Simulator;
let browser: Browser;
let hook: Server;
const events: Record<string, unknown>[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    users: DEMO_SIMULATOR_USERS,
    zaloOa: { callbackUrl: CALLBACK, now: () => Date.parse("2026-11-20T02:00:00Z") },
  });
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      events.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  sim.zaloOa.webhookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhook`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sim?.close();
  hook?.closeAllConnections();
  await new Promise((resolve) => hook?.close(resolve));
});

/** The OA client's side: consent, code exchange, then a consultation message. */
async function accessToken(): Promise<string> {
  const query = new URLSearchParams({ app_id: sim.zaloOa.options.appId, redirect_uri: CALLBACK });
  const grant = await fetch(`${sim.url}/zalo-oa/oauth/v4/oa/permission/grant?${query}`, {
    redirect: "manual",
  });
  const code = new URL(grant.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const response = await fetch(`${sim.url}/zalo-oa/oauth/v4/oa/access_token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      secret_key: sim.zaloOa.options.appSecret,
    },
    body: new URLSearchParams({ app_id: sim.zaloOa.options.appId, grant_type: "authorization_code", code }),
  });
  return String(((await response.json()) as { access_token: string }).access_token);
}

async function send(token: string, userId: string, message: unknown): Promise<void> {
  const response = await fetch(`${sim.url}/zalo-oa/openapi/v3.0/oa/message/cs`, {
    method: "POST",
    headers: { access_token: token, "content-type": "application/json" },
    body: JSON.stringify({ recipient: { user_id: userId }, message }),
  });
  expect(((await response.json()) as { error: number }).error).toBe(0);
}

describe("A faithful OA fake in the simulator", () => {
  it("the page opens a person on the Zalo OA: follow, OA buttons whose tap is sent as text, the info form shares the phone", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(sim.url);
    await page.locator("#messenger-zalo-oa").click();
    await page.locator(`[data-user-id="${AN}"]`).click();
    expect(await page.locator("#zalo-oa-chat").isVisible()).toBe(true);
    expect(await page.locator("#telegram-chat").isVisible()).toBe(false);
    expect(await page.locator("#zalo-chat").isVisible()).toBe(false);
    expect(page.url()).toMatch(new RegExp(`#user=${AN}&on=zalo-oa$`));

    await page.locator("#zalo-oa-follow").click();
    await page.locator(".zalo-message", { hasText: "quan tâm" }).waitFor({ timeout: 10_000 });
    await expect.poll(() => events.map((event) => event.event_name)).toEqual(["follow"]);
    const userId = String((events[0]?.follower as { id?: string } | undefined)?.id);

    const token = await accessToken();
    await send(token, userId, {
      text: "Anh muốn làm gì?",
      attachment: {
        type: "template",
        payload: {
          buttons: [
            { title: "📚 Hỏi đáp chính sách", type: "oa.query.hide", payload: "#m:faq" },
            { title: "📝 Gửi báo cáo", type: "oa.query.hide", payload: "#m:report" },
          ],
        },
      },
    });
    await page.locator(".zalo-oa-button", { hasText: "📝 Gửi báo cáo" }).click();
    await expect
      .poll(() => events.find((event) => event.event_name === "user_send_text")?.message)
      .toMatchObject({ text: "#m:report" });

    await send(token, userId, {
      attachment: {
        type: "template",
        payload: {
          template_type: "request_user_info",
          elements: [
            {
              title: "Xác minh số điện thoại",
              subtitle: "Chia sẻ để liên kết",
              image_url: `${sim.url}/x.png`,
            },
          ],
        },
      },
    });
    await page.locator(".zalo-oa-button", { hasText: "Chia sẻ thông tin" }).click();
    await expect
      .poll(() => events.find((event) => event.event_name === "user_submit_info")?.info)
      .toMatchObject({ phone: expect.stringMatching(/^84\d{9}$/) });
    await page.locator(".zalo-message", { hasText: "Bạn đã chia sẻ thông tin" }).waitFor({ timeout: 10_000 });
    expect(events.some((event) => event.event_name === "oa_send_text")).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
