import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("the simulator's chat page in Chromium", () => {
  it("pick a person, /start, press a menu button, see the bot's reply", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(running.url);
    await page.locator('[data-user-id="710000002"]').click();
    await page.locator("#composer-input").fill("/start");
    await page.locator("#composer-send").click();

    const menu = page.locator('.message[data-outgoing="true"]').filter({ hasText: "Chọn việc cần làm" });
    await menu.waitFor({ timeout: 10_000 });
    expect(await menu.textContent()).toContain("Chào Trần Thị Bình");
    // Formatting arrives as entities and is rendered, not shown as tags.
    expect(await menu.locator("b, strong").first().textContent()).toBe("Trợ lý Giảm nghèo");

    await menu.locator("button.inline-button", { hasText: "Đơn vị của tôi" }).click();
    await page
      .locator('.message[data-outgoing="true"]')
      .filter({ hasText: "3 thôn/tổ dân phố" })
      .waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("at phone width a stranger shares the phone number with the reply-keyboard button", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${running.url}/#user=710000099`);
    await page.locator("#composer-input").fill("/start");
    await page.locator("#composer-input").press("Enter");
    // Not verifying at first ("Bỏ qua") leads to the access request, which asks for the phone.
    await page.locator("button.reply-button", { hasText: "Bỏ qua" }).click();
    await page.locator("button.inline-button", { hasText: "Xin quyền truy cập" }).last().click();
    await page.locator(".message").filter({ hasText: "Câu 1/4" }).waitFor({ timeout: 10_000 });
    await page.locator("#composer-input").fill("Nguyễn Thị Mới");
    await page.locator("#composer-send").click();
    const share = page.locator("button.reply-button", { hasText: "Gửi số điện thoại của tôi" });
    await share.waitFor({ timeout: 10_000 });
    await share.click();
    await page
      .locator(".message")
      .filter({ hasText: "Đã nhận số 0987 654 321" })
      .waitFor({ timeout: 10_000 });
    // The phone keyboard is gone once the number is received.
    await expect.poll(() => share.count()).toBe(0);
    await page.close();
  });
});

describe("replying in the page", () => {
  it("an officer replies to a question notice; the asker gets the answer", async () => {
    await running.say(710000001, "Có được dùng tiền quỹ thôn để mua bàn ghế không?");
    await running.waitForBotText(710000001, /Hỏi cán bộ/);
    await running.press(710000001, "Hỏi cán bộ");
    await running.waitForBotText(710000002, /Câu hỏi cần cán bộ trả lời/);

    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${running.url}/#user=710000002`);
    const notice = page.locator(".message", { hasText: "Câu hỏi cần cán bộ trả lời" }).last();
    await notice.locator(".reply-action").click();
    await page.locator("#composer-input").fill("Được, nếu thôn họp và thống nhất.");
    await page.locator("#composer-send").click();
    await page
      .locator(".message", { hasText: "Đã gửi câu trả lời cho 1 người hỏi" })
      .waitFor({ timeout: 10_000 });
    await page.close();
    await running.waitForBotText(710000001, /Cán bộ đã trả lời.*thống nhất/s);
  });
});

describe("a field report in the page", () => {
  // A 1×1 PNG, as a phone camera would send a (much larger) picture.
  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );

  it("at phone width a hamlet head reports an incident with ticks, a photo and a location", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${running.url}/#user=710000001`);
    const bot = page.locator('.message[data-outgoing="true"]');
    const tap = async (label: string) => {
      await bot.locator("button.inline-button", { hasText: label }).last().click();
    };
    const type = async (text: string) => {
      await page.locator("#composer-input").fill(text);
      await page.locator("#composer-send").click();
    };
    const waitFor = (text: string | RegExp) =>
      bot.filter({ hasText: text }).last().waitFor({ timeout: 10_000 });

    await type("/baocao");
    await waitFor("chọn loại báo cáo");
    await tap("Báo cáo sự việc đột xuất");
    await waitFor("Đã xảy ra việc gì?");
    await tap("Thiên tai, bão lũ");
    await waitFor("xảy ra ngày nào");
    await type("hôm nay");
    await waitFor("Mô tả ngắn");
    await type("Lốc xoáy làm tốc mái 3 nhà.");
    await waitFor("bao nhiêu hộ bị ảnh hưởng");
    await type("3");
    await waitFor("bao nhiêu người");
    await type("11");
    await waitFor("hỗ trợ khẩn cấp");
    await tap("Có");
    await waitFor("Cần hỗ trợ những gì?");
    await tap("Chỗ ở tạm");
    // The tick appears on the same message (the keyboard is edited in place).
    await bot.locator("button.inline-button", { hasText: "☑ Chỗ ở tạm" }).waitFor({ timeout: 10_000 });
    await tap("Xong");
    await waitFor("Gửi ảnh hiện trường");
    await page
      .locator("#photo-input")
      .setInputFiles({ name: "mai-nha.png", mimeType: "image/png", buffer: PNG });
    await waitFor("Đã nhận 1 ảnh");
    await tap("Xong");
    await waitFor("Gửi vị trí");
    await page.locator("#location-button").click();
    await page.locator("#location-send").click();
    await waitFor("Kiểm tra lại báo cáo");
    expect(await bot.last().textContent()).toMatch(/1 ảnh/);
    await tap("Gửi báo cáo");
    await waitFor("Đã gửi báo cáo");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("The simulator is a local tool and says so", () => {
  it("the page says so, sends a roster with 📎 as JSON with its token, and keeps to its security policy", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto(`${running.url}/#user=710000005`);
    await page.locator("#access-note", { hasText: /\S/ }).waitFor();
    expect(await page.locator("#access-note").textContent()).toBe("Công cụ thử nghiệm, chỉ mở trên máy này");
    await page.locator("#document-input").setInputFiles({
      name: "danh-sach-can-bo-mau.csv",
      mimeType: "text/csv",
      buffer: readFileSync("examples/danh-sach-can-bo-mau.csv"),
    });
    await page
      .locator('.message[data-outgoing="true"]')
      .filter({ hasText: "nhập không ngừng kích hoạt ai" })
      .waitFor({ timeout: 10_000 });
    // The person's file is in the chat, with a download link that carries an unguessable id.
    const link = page.locator('.message[data-outgoing="false"] a.document-link').last();
    expect(await link.getAttribute("href")).toMatch(/^\/sim\/files\/BQAC[A-Za-z0-9_-]{32}$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opened to the network on purpose, the page asks for the shared password and then works", async () => {
    const password = "mat-khau-chung-2026";
    const remote = await startRunningApp({
      HOST: "0.0.0.0",
      SIMULATOR_ALLOW_REMOTE: "true",
      SIMULATOR_PASSWORD: password,
    });
    const stranger = await browser.newContext();
    const colleague = await browser.newContext({
      httpCredentials: { username: "dong-nghiep", password },
      viewport: { width: 1200, height: 800 },
    });
    try {
      // Without the password Chromium gets nothing but the 401 (it then gives up on the page).
      const refused = await stranger.newPage();
      const statuses: number[] = [];
      refused.on("response", (response) => statuses.push(response.status()));
      await refused.goto(remote.url).catch(() => undefined);
      expect(statuses).toEqual([401]);

      const page = await colleague.newPage();
      await page.goto(`${remote.url}/#user=710000001`);
      // The page fills the note once its first request answers: wait for it, not just the load.
      await page.locator("#access-note", { hasText: /\S/ }).waitFor();
      expect(await page.locator("#access-note").textContent()).toMatch(/mở cho các máy khác trong mạng/);
      await page.locator("#composer-input").fill("/start");
      await page.locator("#composer-send").click();
      await page
        .locator('.message[data-outgoing="true"]')
        .filter({ hasText: "Chào Nguyễn Văn An" })
        .waitFor({ timeout: 10_000 });
    } finally {
      await stranger.close();
      await colleague.close();
      await remote.stop();
    }
  });
});
