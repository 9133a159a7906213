import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createZaloChannel, type ZaloChannel } from "../../../src/channels/zalo/channel.js";
import { ZALO_ID_BASE } from "../../../src/channels/zalo/id-map.js";
import { enqueueMessage } from "../../../src/domain/outbox/enqueue-message.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createOutboxWorker } from "../../../src/jobs/outbox-worker.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { createFakeZalo, type FakeZalo, hex20, zaloEvent, zaloText } from "./fake-zalo.js";

let temp: TempDb;
let zalo: FakeZalo;
let channel: ZaloChannel;
let api: Api;
let server: Server;
let baseUrl: string;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: "silent" });
const SECRET = "webhook-secret-123";
const AN = "ae800e9657c5be9be7d4";

const open = (db = temp.db) =>
  createZaloChannel({
    db,
    clock,
    logger,
    token: zalo.token,
    apiRoot: zalo.root,
    webhookSecret: SECRET,
    publicBaseUrl: baseUrl,
    botName: "Trợ lý Giảm nghèo",
    fetch: zalo.fetch,
  });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  server = createServer((request, response) => {
    if (request.url?.startsWith("/files/")) void channel.filesHandler(request, response);
    else void channel.webhookHandler(request, response);
  });
  // fetch keeps connections alive between tests; on a loaded machine a test can outlast the
  // server's 5-second keep-alive, and a request on the socket it closes then fails (ECONNRESET).
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await channel?.stop();
  await new Promise((resolve) => server.close(resolve));
  await temp.cleanup();
});
beforeEach(async () => {
  await channel?.stop();
  zalo = createFakeZalo();
  channel = open();
  api = new Api("zalo", { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
  // Nothing earlier is waiting for the bot.
  await temp.db.zaloInbound.updateMany({ data: { ackedAt: clock.now() } });
});

/** Delivers an event to the webhook over HTTP, as Zalo does. */
const deliver = (body: unknown, secret = SECRET) =>
  fetch(`${baseUrl}/zalo/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bot-api-secret-token": secret },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** The next updates the bot would get, confirmed afterwards. */
async function nextUpdates() {
  const updates = await api.getUpdates({ timeout: 0 });
  const last = updates.at(-1);
  if (last) await api.getUpdates({ offset: last.update_id + 1, timeout: 0 });
  return updates;
}

/** The integer chat id of a Zalo user (its first message maps it). */
async function chatIdOf(zaloId: string): Promise<number> {
  await channel.ingest(zaloText(zaloId, "xin chào"));
  const [update] = await nextUpdates();
  return update?.message?.chat.id as number;
}

describe("A Zalo transport that lets the grammY bot run unchanged", () => {
  it("turns Zalo's events into Telegram updates: text with commands, photo, sticker, unsupported", async () => {
    await channel.ingest(zaloText(AN, "/start abc", { name: "Nguyễn Văn An" }));
    await channel.ingest(
      zaloEvent(AN, "message.image.received", { photo_url: "https://f1.zdn.vn/a.jpg", caption: "Ảnh thôn" }),
    );
    await channel.ingest(
      zaloEvent(AN, "message.sticker.received", { sticker: "0e078a2fb66a5f34067b", url: "https://s" }),
    );
    await channel.ingest(zaloEvent(AN, "message.unsupported.received"));
    const [text, photo, sticker, unsupported] = await nextUpdates();
    const message = text?.message;
    expect(message?.text).toBe("/start abc");
    expect(message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    expect(message?.date).toBe(Math.floor(Date.parse("2026-11-22T02:00:05.123Z") / 1000));
    expect(message?.from).toMatchObject({ first_name: "Nguyễn Văn An", is_bot: false, language_code: "vi" });
    expect(message?.chat).toMatchObject({ type: "private" });
    expect(message?.chat.id).toBe(message?.from?.id);
    expect(Number.isSafeInteger(message?.chat.id)).toBe(true);
    expect(message?.chat.id).toBeGreaterThan(ZALO_ID_BASE);
    expect(photo?.message?.photo?.[0]?.file_id).toBe("https://f1.zdn.vn/a.jpg");
    expect(photo?.message?.caption).toBe("Ảnh thôn");
    expect(sticker?.message?.sticker?.file_id).toBe("0e078a2fb66a5f34067b");
    expect(unsupported?.message).toMatchObject({ zalo_unsupported: true });
    expect(unsupported?.message?.text).toBeUndefined();
    // update_ids increase; message ids are per chat and increase too.
    const ids = [text, photo, sticker, unsupported].map((u) => u?.update_id ?? 0);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(photo?.message?.message_id).toBe((message?.message_id ?? 0) + 1);
  });

  it("the webhook stores each event once: checks the secret, takes both envelopes, drops a re-delivery", async () => {
    const event = zaloText(AN, "chào bot", { messageId: hex20() });
    expect((await deliver(event, "wrong-secret-000")).status).toBe(401);
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver({ ok: true, result: event })).status).toBe(200); // re-delivered, enveloped
    expect((await deliver(zaloText(AN, "lần hai"))).status).toBe(200);
    expect((await deliver("")).status).toBe(200); // Zalo's body-less probe
    expect((await deliver("x".repeat(70_000))).status).toBe(413);
    const updates = await nextUpdates();
    expect(updates.map((u) => u.message?.text)).toEqual(["chào bot", "lần hai"]);
  });

  it("getUpdates serves the queue: confirms below the offset, waits for new events, [] when idle", async () => {
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
    const waiting = api.getUpdates({ timeout: 5 });
    await channel.ingest(zaloText(AN, "đến khi đang chờ"));
    const [update] = await waiting;
    expect(update?.message?.text).toBe("đến khi đang chờ");
    // Not confirmed yet: served again; confirmed by the next offset: gone.
    expect((await api.getUpdates({ timeout: 0 })).map((u) => u.update_id)).toEqual([update?.update_id]);
    expect(await api.getUpdates({ offset: (update?.update_id ?? 0) + 1, timeout: 0 })).toEqual([]);
  });

  it("maps ids stably across a restart: a new adapter on the same database", async () => {
    const chatId = await chatIdOf(AN);
    const other = await chatIdOf("0123456789abcdef0123");
    expect(other).not.toBe(chatId);
    await channel.stop();
    const db2 = temp.reopen();
    channel = open(db2);
    api = new Api("zalo", { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
    expect(await chatIdOf(AN)).toBe(chatId);
    zalo.clear();
    await api.sendMessage(chatId, "Sau khi khởi động lại");
    expect(zalo.sent()[0]?.params.chat_id).toBe(AN);
    const me = await api.getMe();
    expect(me).toMatchObject({ is_bot: true, first_name: "Trợ lý Giảm nghèo", username: "bot.TroLy" });
    expect(Number.isSafeInteger(me.id)).toBe(true);
  });

  it("answers the webhook methods locally: grammY's deleteWebhook never reaches Zalo", async () => {
    zalo.clear();
    expect(await api.deleteWebhook({ drop_pending_updates: true })).toBe(true);
    expect(await api.setWebhook("https://example.org/hook")).toBe(true);
    expect((await api.getWebhookInfo()).url).toBe("");
    expect(await api.setMyCommands([{ command: "start", description: "Bắt đầu" }])).toBe(true);
    expect(zalo.calls.slice(-10).map((c) => c.method)).not.toContain("deleteWebhook");
    expect(zalo.calls.some((c) => /Webhook/.test(c.method))).toBe(false);
  });

  it("sends Telegram HTML as Zalo text with styles; links keep their address; entities unescaped", async () => {
    const chatId = await chatIdOf(AN);
    zalo.clear();
    const sent = await api.sendMessage(
      chatId,
      '<b>Báo cáo</b> của <i>Thôn 3</i> &amp; <a href="https://vd.vn/x">xem</a> <code>a&lt;b</code>',
      { parse_mode: "HTML" },
    );
    const call = zalo.sent()[0];
    expect(call?.params.text).toBe("Báo cáo của Thôn 3 & xem (https://vd.vn/x) a<b");
    expect(call?.params.text_styles).toEqual([
      { start: 0, len: 7, st: ["b"] },
      { start: 12, len: 6, st: ["i"] },
    ]);
    expect(call?.params.parse_mode).toBeUndefined();
    expect(sent).toMatchObject({ chat: { id: chatId, type: "private" }, text: call?.params.text });
    expect(sent.date).toBe(Math.floor(Date.parse("2026-11-22T02:00:00Z") / 1000));
  });

  it("splits a long text at paragraph boundaries into parts of at most 2,000 characters, choices in the last", async () => {
    const chatId = await chatIdOf(AN);
    zalo.clear();
    const paragraphs = Array.from({ length: 9 }, (_, i) =>
      `Đoạn ${i + 1}. ${"Nội dung chính sách. ".repeat(24)}`.trim(),
    );
    const keyboard = new InlineKeyboard().text("Đồng ý", "ok").text("Không", "no");
    await api.sendMessage(chatId, paragraphs.join("\n\n"), { reply_markup: keyboard });
    const texts = zalo.texts();
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2000);
    for (const text of texts) expect(text.startsWith("Đoạn ")).toBe(true); // cut between paragraphs
    expect(texts.join("\n\n")).toContain(paragraphs.join("\n\n"));
    expect(texts.at(-1)).toMatch(/1\. Đồng ý\n2\. Không\nTrả lời bằng số/);
    expect(texts.slice(0, -1).some((t) => t.includes("1. Đồng ý"))).toBe(false);
  });

  it("edits: a new message only when the text changed; a keyboard-only edit, deletes and toasts send nothing", async () => {
    const chatId = await chatIdOf(AN);
    const first = await api.sendMessage(chatId, "Chọn thôn:", {
      reply_markup: new InlineKeyboard().text("Thôn 1", "t1").text("Thôn 2", "t2"),
    });
    zalo.clear();
    await api.editMessageText(chatId, first.message_id, "Chọn thôn:", {
      reply_markup: new InlineKeyboard().text("Thôn 1", "t1:v2").text("Thôn 2", "t2:v2"),
    });
    await api.editMessageReplyMarkup(chatId, first.message_id, {
      reply_markup: new InlineKeyboard().text("Thôn 1", "t1:v3").text("Thôn 2", "t2:v3"),
    });
    await api.deleteMessage(chatId, 999);
    await api.answerCallbackQuery("1:abc", { text: "Đã lưu" });
    // The answer noted under an answered question: the person has just typed it.
    await api.editMessageText(chatId, first.message_id, "Chọn thôn:\n→ Thôn 2");
    expect(zalo.sent()).toEqual([]);
    const edited = await api.editMessageText(chatId, first.message_id, "Đã chọn <b>Thôn 2</b>. Tiếp theo…", {
      parse_mode: "HTML",
    });
    expect(zalo.texts()).toEqual(["Đã chọn Thôn 2. Tiếp theo…"]);
    expect(edited).toMatchObject({ message_id: first.message_id });
    // An alert is worth a message.
    await channel.ingest(zaloText(AN, "x"));
    const [update] = await nextUpdates();
    zalo.clear();
    const peer = String(update?.message?.chat.id ?? 0);
    const peerRow = Number(peer) - ZALO_ID_BASE;
    await api.answerCallbackQuery(`${peerRow}:abc`, { text: "Nút đã cũ", show_alert: true });
    expect(zalo.texts()).toEqual(["Nút đã cũ"]);
  });

  it("sends a chat action, and refuses what Zalo cannot do with a Telegram-shaped 400", async () => {
    const chatId = await chatIdOf(AN);
    zalo.clear();
    expect(await api.sendChatAction(chatId, "typing")).toBe(true);
    expect(zalo.calls.at(-1)).toEqual({
      method: "sendChatAction",
      params: { chat_id: AN, action: "typing" },
    });
    await expect(api.sendLocation(chatId, 18.3, 105.9)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: method not supported on Zalo",
    });
    await expect(api.sendMessage(42, "ai đó")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
  });

  it("turns Zalo's errors into Telegram's: 429 quota without retry_after, 401, 404 → chat not found, 5xx retryable", async () => {
    const chatId = await chatIdOf(AN);
    zalo.failNext("sendMessage", 429, "Quota exceeded");
    const quota = await api.sendMessage(chatId, "a").catch((error: unknown) => error);
    expect(quota).toBeInstanceOf(GrammyError);
    expect(quota).toMatchObject({ error_code: 429, parameters: {} });
    expect((quota as GrammyError).parameters.retry_after).toBeUndefined();
    zalo.failNext("sendMessage", 401, "Unauthorized");
    await expect(api.sendMessage(chatId, "b")).rejects.toMatchObject({ error_code: 401 });
    zalo.failNext("sendMessage", 404, "Not Found");
    await expect(api.sendMessage(chatId, "c")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    zalo.failNext("sendMessage", 500, "Internal");
    await expect(api.sendMessage(chatId, "d")).rejects.toMatchObject({ error_code: 502 });
  });

  it("a quota 429 is not retried: the outbox marks the message failed with the reason", async () => {
    const chatId = await chatIdOf(AN);
    await enqueueMessage(temp.db, {
      kind: "notification",
      channel: "zalo",
      chatId: String(chatId),
      idempotencyKey: `quota-${hex20()}`,
      now: clock.now(),
      payload: { method: "sendMessage", params: { text: "Nhắc báo cáo" } },
    });
    const worker = createOutboxWorker({
      db: temp.db,
      apis: { zalo: api },
      logger,
      clock,
      instanceId: "zalo-test",
      perSecond: 10_000,
      perChatGapMs: 0,
    });
    zalo.clear();
    zalo.failNext("sendMessage", 429, "Quota exceeded");
    await worker.runOnce();
    clock.advance(60_000);
    await worker.runOnce();
    expect(zalo.sent()).toHaveLength(1);
    const row = await temp.db.outboxMessage.findFirstOrThrow({ where: { chatId: String(chatId) } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/quota exceeded, not retried/);
  });

  it("quota exhaustion gives the sender a clear message: whom it did not reach, and their phone", async () => {
    const chatId = await chatIdOf(AN);
    const an = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const binh = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    // Her Telegram account (from the demo data) is the one she used last.
    await temp.db.channelAccount.updateMany({
      where: { personId: binh.id, channel: "telegram" },
      data: { lastSeenAt: clock.now(), blockedAt: null },
    });
    // An wrote to the Zalo bot (as resolveIdentity records it), so the send policy sends there
    // rather than on his Telegram account from the demo data.
    await temp.db.channelAccount.upsert({
      where: { channel_externalId: { channel: "zalo", externalId: AN } },
      create: {
        channel: "zalo",
        externalId: AN,
        chatId: String(chatId),
        personId: an.id,
        lastSeenAt: clock.now(),
        lastInboundAt: clock.now(),
      },
      update: { personId: an.id, chatId: String(chatId), lastInboundAt: clock.now(), blockedAt: null },
    });
    for (const n of [1, 2]) {
      await enqueueMessage(temp.db, {
        kind: "reminder",
        personId: an.id,
        channel: "zalo",
        chatId: String(chatId),
        idempotencyKey: `quota-sender-${n}-${hex20()}`,
        now: clock.now(),
        senderId: binh.id,
        payload: { method: "sendMessage", params: { text: `Nhắc báo cáo ${n}` } },
      });
    }
    const worker = createOutboxWorker({
      db: temp.db,
      apis: { zalo: api },
      translator: createTranslator("vi"),
      logger,
      clock,
      instanceId: "zalo-test",
      perSecond: 10_000,
      perChatGapMs: 0,
    });
    zalo.failNext("sendMessage", 429, "Quota exceeded");
    zalo.failNext("sendMessage", 429, "Quota exceeded");
    await worker.runOnce();
    // One notice for the officer (on Telegram, where she was last), however many failed.
    const notices = await temp.db.outboxMessage.findMany({
      where: { personId: binh.id, channel: "telegram" },
    });
    expect(notices).toHaveLength(1);
    const text = (notices[0]?.payload as { params: { text: string } } | undefined)?.params.text;
    expect(text).toMatch(/hết hạn mức tin nhắn Zalo của tháng này/);
    expect(text).toMatch(/<b>Nguyễn Văn An<\/b>/);
    expect(text).toMatch(/📞 0912/);
  });

  it("hosts uploaded files at unguessable, expiring links: photos by URL, documents as a link", async () => {
    const chatId = await chatIdOf(AN);
    zalo.clear();
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    await api.sendPhoto(chatId, new InputFile(png, "bieu-do.png"), {
      caption: "<b>Biểu đồ</b>",
      parse_mode: "HTML",
    });
    const photo = zalo.sent()[0];
    expect(photo?.method).toBe("sendPhoto");
    expect(photo?.params.caption).toBe("Biểu đồ");
    const photoUrl = String(photo?.params.photo);
    expect(photoUrl).toMatch(new RegExp(`^${baseUrl}/files/[A-Za-z0-9_-]{43}/bieu-do\\.png$`));
    const served = await fetch(photoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);

    zalo.clear();
    const xlsx = Buffer.from("PK\u0003\u0004 excel");
    await api.sendDocument(chatId, new InputFile(xlsx, "bao-cao-thon.xlsx"));
    const [line] = zalo.texts();
    const link = /(http\S+)/.exec(line ?? "")?.[1] ?? "";
    expect(line).toMatch(/^📎 bao-cao-thon\.xlsx: http\S+ \(hết hạn .*29\/11\/2026\)$/);
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(xlsx);
    expect((await fetch(link.replace(/files\/.{4}/, "files/AAAA"))).status).toBe(404);
    clock.advance(8 * 24 * 3600_000);
    expect((await fetch(link)).status).toBe(404);
    clock.set("2026-11-22T09:00:00+07:00");
  });

  it("the development poller: one loop, 408 is idle, events go to the queue", async () => {
    zalo.queueUpdate({ ok: true, result: zaloText(AN, "qua getUpdates") });
    channel.startPoller({ retryDelayMs: 5 });
    const updates = await api.getUpdates({ timeout: 5 });
    expect(updates.map((u) => u.message?.text)).toEqual(["qua getUpdates"]);
    await channel.stop();
    const polls = zalo.calls.filter((c) => c.method === "getUpdates");
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.every((c) => c.params.timeout === 30)).toBe(true);
  });
});
