import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zaloUserId } from "../../src/simulator/zalo/zalo-chats.js";
import { launchChromium } from "../helpers/browser.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  running = await startRunningApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const AN = 710000001;

describe("The simulator shows Zalo too", () => {
  it("opens a person on Zalo, types a message and sees the reply as Zalo shows it: styled text, a link, no buttons", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto(running.url);
    await page.locator("#messenger-zalo").click();
    await page.locator(`[data-user-id="${AN}"]`).click();
    expect(await page.locator("#zalo-chat").isVisible()).toBe(true);
    expect(await page.locator("#telegram-chat").isVisible()).toBe(false);
    expect(page.url()).toMatch(new RegExp(`#user=${AN}&on=zalo$`));
    expect(await page.locator("#zalo-bot-name").textContent()).toBe("Bot Trợ lý Giảm nghèo");

    await page.locator("#zalo-input").fill("Xin chào");
    await page.locator("#zalo-send").click();
    const mine = page.locator('.zalo-message[data-outgoing="false"]', { hasText: "Xin chào" });
    await mine.waitFor({ timeout: 10_000 });

    // The reply: whatever answers on the bot's side, here the fake's own sendMessage.
    const zaloToken = running.app.simulator?.zaloToken ?? "";
    const reply = await fetch(`${running.url}/zalo/bot${zaloToken}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        chat_id: zaloUserId(AN),
        text: "<b>Chào</b> anh An, xem https://example.org/huong-dan nhé",
        parse_mode: "html",
      }),
    });
    expect(reply.status).toBe(200);
    const answer = page.locator('.zalo-message[data-outgoing="true"]', {
      hasText: "xem https://example.org",
    });
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.locator("strong").first().textContent()).toBe("Chào");
    expect(await answer.locator("a").getAttribute("href")).toBe("https://example.org/huong-dan");
    expect(await answer.textContent()).not.toContain("<b>");
    // Zalo bots have no buttons or keyboards.
    expect(await page.locator("#zalo-chat button.inline-button, #zalo-chat .reply-button").count()).toBe(0);

    // A sticker, and a location the bot can only know as "unsupported".
    await page.locator("#zalo-sticker-button").click();
    await page.locator(".zalo-sticker-choice").first().click();
    await page.locator('.zalo-message[data-outgoing="false"] img.zalo-sticker').waitFor({ timeout: 10_000 });
    await page.locator("#zalo-unsupported-button").click();
    await page.locator('#zalo-unsupported button[data-kind="location"]').click();
    await page
      .locator('.zalo-message[data-outgoing="false"]', { hasText: "Vị trí" })
      .waitFor({ timeout: 10_000 });

    // Back on Telegram, the same person's Telegram chat is as it was (no Zalo messages in it).
    await page.locator("#messenger-telegram").click();
    expect(await page.locator("#telegram-chat").isVisible()).toBe(true);
    await page.locator(".empty-state", { hasText: "Chưa có tin nhắn" }).waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
