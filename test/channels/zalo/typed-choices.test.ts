import { Api, type Bot, InlineKeyboard, Keyboard } from "grammy";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BotContext, BotDeps } from "../../../src/bot/context.js";
import { createBot } from "../../../src/bot/create-bot.js";
import { createZaloChannel, type ZaloChannel } from "../../../src/channels/zalo/channel.js";
import { createConversationStore } from "../../../src/db/conversation-store.js";
import { createFaqSearch } from "../../../src/domain/faq/faq-search.js";
import { createFormCatalog } from "../../../src/domain/reports/form-catalog.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { createFakeZalo, type FakeZalo, hex20, zaloText } from "./fake-zalo.js";

let temp: TempDb;
let zalo: FakeZalo;
let channel: ZaloChannel;
let api: Api;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: "silent" });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(async () => {
  await channel?.stop();
  await temp.cleanup();
});
beforeEach(async () => {
  await channel?.stop();
  zalo = createFakeZalo();
  channel = createZaloChannel({
    db: temp.db,
    clock,
    logger,
    token: zalo.token,
    apiRoot: zalo.root,
    webhookSecret: "webhook-secret-123",
    publicBaseUrl: "https://app.example.vn",
    fetch: zalo.fetch,
  });
  api = new Api("zalo", { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
  await temp.db.zaloInbound.updateMany({ data: { ackedAt: clock.now() } });
});

/** What the person typed, as the bot gets it (nothing when the adapter answered itself). */
async function typed(zaloId: string, text: string): Promise<Update | undefined> {
  await channel.ingest(zaloText(zaloId, text));
  const updates = await api.getUpdates({ timeout: 0 });
  const last = updates.at(-1);
  if (last) await api.getUpdates({ offset: last.update_id + 1, timeout: 0 });
  expect(updates.length).toBeLessThanOrEqual(1);
  return updates[0];
}

async function newChat(): Promise<{ zaloId: string; chatId: number }> {
  const zaloId = hex20();
  const update = await typed(zaloId, "chào");
  return { zaloId, chatId: update?.message?.chat.id as number };
}

const SEVEN = ["Thôn 1", "Thôn 2", "Thôn 3", "Đồng Môn", "Hưng Lộc", "Lâm Trung Thủy", "Xuân Hải"];

describe("Typed choices instead of buttons", () => {
  it("renders a keyboard of more than five options as a numbered list and turns a number into its callback", async () => {
    const { zaloId, chatId } = await newChat();
    const keyboard = new InlineKeyboard();
    for (const [i, label] of SEVEN.entries()) keyboard.text(label, `u:${i + 1}`).row();
    zalo.clear();
    const sent = await api.sendMessage(chatId, "Chọn <b>thôn</b>:", {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    expect(zalo.texts()).toEqual([
      `Chọn thôn:\n\n${SEVEN.map((label, i) => `${i + 1}. ${label}`).join("\n")}\nTrả lời bằng số (hoặc gõ tên lựa chọn).`,
    ]);
    const seventh = await typed(zaloId, "7");
    expect(seventh?.callback_query).toMatchObject({
      data: "u:7",
      from: { id: chatId },
      chat_instance: String(chatId),
      message: { message_id: sent.message_id, chat: { id: chatId }, text: "Chọn thôn:" },
    });
    // A label without diacritics or case, a unique beginning, "2." as shown.
    expect((await typed(zaloId, "lam trung thuy"))?.callback_query?.data).toBe("u:6");
    expect((await typed(zaloId, "xuân"))?.callback_query?.data).toBe("u:7");
    expect((await typed(zaloId, "2."))?.callback_query?.data).toBe("u:2");
    // Ambiguous beginning ("thôn" starts three labels) and free text pass through as text.
    expect((await typed(zaloId, "thôn"))?.message?.text).toBe("thôn");
    expect((await typed(zaloId, "hộ nghèo được hỗ trợ gì?"))?.message?.text).toBe("hộ nghèo được hỗ trợ gì?");
  });

  it("a stale or unknown number gets a short hint and the menu again, and never reaches the bot", async () => {
    const { zaloId, chatId } = await newChat();
    await api.sendMessage(chatId, "Bạn muốn làm gì?", {
      reply_markup: new InlineKeyboard().text("📚 Hỏi đáp", "m:faq").row().text("📝 Gửi báo cáo", "m:rp"),
    });
    zalo.clear();
    expect(await typed(zaloId, "7")).toBeUndefined();
    expect(zalo.texts()).toEqual([
      "Số 7 không có trong lựa chọn hiện tại.\n\n1. 📚 Hỏi đáp\n2. 📝 Gửi báo cáo\nTrả lời bằng số (hoặc gõ tên lựa chọn).",
    ]);
    // The most recent menu only: a new keyboard supersedes the old one.
    await api.sendMessage(chatId, "Xác nhận?", {
      reply_markup: new InlineKeyboard().text("✅ Có", "y").text("❌ Không", "n"),
    });
    expect((await typed(zaloId, "2"))?.callback_query?.data).toBe("n");
    expect((await typed(zaloId, "hoi dap"))?.message?.text).toBe("hoi dap");
    // A question asked with remove_keyboard wants typed input: a number is then its answer,
    // while the buttons still on screen can be chosen by label.
    await api.sendMessage(chatId, "Có bao nhiêu hộ?", { reply_markup: { remove_keyboard: true } });
    expect((await typed(zaloId, "7"))?.message?.text).toBe("7");
    expect((await typed(zaloId, "2"))?.message?.text).toBe("2");
    expect((await typed(zaloId, "khong"))?.callback_query?.data).toBe("n");
  });

  it("keeps the bot's own numbers; navigation is typed by label, and beside a question a number is an answer", async () => {
    const { zaloId, chatId } = await newChat();
    const question = new InlineKeyboard()
      .text("1. Tiến độ rà soát", "rp:3:c:a")
      .row()
      .text("2. Khó khăn", "rp:3:c:b")
      .row()
      .text("◀ Quay lại", "rp:3:nav:back")
      .text("💾 Để sau", "rp:3:nav:later");
    zalo.clear();
    await api.sendMessage(chatId, "Chọn mẫu:", { reply_markup: question });
    expect(zalo.texts()[0]).toBe(
      "Chọn mẫu:\n\n1. Tiến độ rà soát\n2. Khó khăn\nHoặc gõ: ◀ Quay lại · 💾 Để sau\nTrả lời bằng số (hoặc gõ tên lựa chọn).",
    );
    expect((await typed(zaloId, "2"))?.callback_query?.data).toBe("rp:3:c:b");
    expect((await typed(zaloId, "quay lai"))?.callback_query?.data).toBe("rp:3:nav:back");
    // A number question with navigation only: "15" is the answer.
    await api.sendMessage(chatId, "Số hộ đã rà soát?", {
      reply_markup: new InlineKeyboard()
        .text("⏭ Bỏ qua", "rp:4:nav:skip")
        .text("◀ Quay lại", "rp:4:nav:back"),
    });
    expect((await typed(zaloId, "15"))?.message?.text).toBe("15");
    expect((await typed(zaloId, "2"))?.message?.text).toBe("2");
    expect((await typed(zaloId, "bo qua"))?.callback_query?.data).toBe("rp:4:nav:skip");
  });

  it("reply keyboards become the label as text; a phone button becomes what to type", async () => {
    const { zaloId, chatId } = await newChat();
    zalo.clear();
    await api.sendMessage(chatId, "Xác minh:", {
      reply_markup: new Keyboard().requestContact("📱 Chia sẻ số điện thoại").row().text("Bỏ qua").oneTime(),
    });
    expect(zalo.texts()[0]).toBe(
      "Xác minh:\n\n1. Bỏ qua\n📱 Gõ số điện thoại của bạn (ví dụ 0912 345 678).\nTrả lời bằng số (hoặc gõ tên lựa chọn).",
    );
    const chosen = await typed(zaloId, "1");
    expect(chosen?.message?.text).toBe("Bỏ qua");
    expect(chosen?.callback_query).toBeUndefined();
    // One-time keyboard: used up.
    expect((await typed(zaloId, "1"))?.message?.text).toBe("1");
  });

  it("drives the real bot: /start shows its menus as numbers, typed numbers are the buttons it expects", async () => {
    const bot = realBot();
    await bot.init();
    const zaloId = hex20();
    zalo.clear();
    await handle(bot, await typed(zaloId, "/start"));
    // A stranger on Zalo (no phone button there): the menu offers the activation code.
    const mainMenu = zalo.texts().at(-1);
    expect(mainMenu).toMatch(/\n1\. 🔑 Nhập mã kích hoạt\n2\. 📚 Hỏi đáp chính sách\n/);
    zalo.clear();
    const faq = await typed(zaloId, numberOf(mainMenu, /Hỏi đáp/));
    expect(faq?.callback_query?.data).toBe("m:faq");
    await handle(bot, faq);
    const topics = zalo.texts().join("\n\n");
    expect(topics).not.toMatch(/Nút đã cũ|không có trong lựa chọn/);
    expect(topics).toMatch(/\n1\. /);
  });
});

describe("A Zalo transport that lets the grammY bot run unchanged", () => {
  it("a reply that meets Zalo's quota is tried once: neither flood-wait nor auto-retry loops on it", async () => {
    const bot = realBot();
    await bot.init();
    const zaloId = hex20();
    const update = await typed(zaloId, "/help");
    zalo.clear();
    zalo.failNext("sendMessage", 429, "Quota exceeded");
    await handle(bot, update);
    expect(zalo.calls.slice(-5).filter((call) => call.method === "sendMessage").length).toBeLessThanOrEqual(
      2,
    );
    // The one that failed was not sent again: the next send (the error boundary's apology, if
    // any) is a different text.
    const sends = zalo.sent().map((call) => call.params.text);
    expect(new Set(sends).size).toBe(sends.length);
  });
});

async function handle(bot: Bot<BotContext>, update: Update | undefined) {
  expect(update).toBeDefined();
  if (update) await bot.handleUpdate(update);
}

/** The number the last message shows for the option matching `label`. */
function numberOf(text: string | undefined, label: RegExp): string {
  const line = (text ?? "").split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
  if (!line) throw new Error(`no option ${label} in: ${text}`);
  return line.slice(0, line.indexOf("."));
}

function realBot(): Bot<BotContext> {
  const deps: BotDeps = {
    channel: "zalo",
    db: temp.db,
    clock,
    translator: createTranslator("vi"),
    logger,
    timeZone: "Asia/Ho_Chi_Minh",
    defaultLocale: "vi",
    conversationStorage: createConversationStore(temp.db, clock),
    faq: createFaqSearch(temp.db),
    forms: createFormCatalog(temp.db),
  };
  return createBot("zalo-token", deps, { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
}
