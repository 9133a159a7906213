import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, InlineKeyboard, Keyboard } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ZaloChannel } from "../../../../src/channels/zalo/channel.js";
import { createZaloOaChannel } from "../../../../src/channels/zalo/oa/oa-channel.js";
import { saveOaTokens } from "../../../../src/channels/zalo/oa/oa-tokens.js";
import { oaEventMac } from "../../../../src/channels/zalo/oa/oa-webhook.js";
import { createFakeClock } from "../../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../../helpers/temp-db.js";

const OA = "1234567890123456789";
const APP = "4321987654321";
const SECRET = "oa-secret-key";
const USER = "2468458835296197922";
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: process.env.DEBUG_OA ? "warn" : "silent" });

/** What the OA API received, and what it answers next. */
const sent: {
  path: string;
  token: string;
  body: { recipient?: { user_id?: string }; message?: Record<string, unknown> };
}[] = [];
let nextError: number | undefined;
let n = 0;
const fakeOa = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = new URL(String(input));
  const token = new Headers(init?.headers).get("access_token") ?? "";
  sent.push({ path: url.pathname, token, body: JSON.parse(String(init?.body ?? "{}")) });
  if (nextError !== undefined) {
    const error = nextError;
    nextError = undefined;
    return Response.json({ error, message: "refused" });
  }
  n++;
  return Response.json({
    error: 0,
    message: "Success",
    data: {
      message_id: `${String(n).padStart(20, "0")}`,
      user_id: USER,
      sent_time: String(clock.now().getTime()),
    },
  });
}) as typeof fetch;

let temp: TempDb;
let channel: ZaloChannel;
let api: Api;
let server: Server;
let webhook: string;
let offset = 0;

beforeAll(async () => {
  temp = await createTempDb();
  await saveOaTokens(temp.db, clock, OA, {
    accessToken: "access-0",
    refreshToken: "refresh-0",
    expiresInSeconds: 90000,
  });
  channel = createZaloOaChannel({
    db: temp.db,
    clock,
    logger,
    oaId: OA,
    oaName: "UBND xã Lâm Trung Thủy",
    appId: APP,
    appSecret: "app-secret",
    webhookSecret: SECRET,
    publicBaseUrl: "https://app.test",
    apiRoot: "https://openapi.test",
    fetch: fakeOa,
  });
  api = new Api("oa", { apiRoot: "http://zalo.invalid", fetch: channel.fetch as never });
  server = createServer((request, response) => void channel.webhookHandler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await channel.stop();
  await new Promise((resolve) => server.close(resolve));
  await temp.cleanup();
});
beforeEach(() => {
  sent.length = 0;
});

let seq = 0;
const deliver = async (name: string, fields: Record<string, unknown>) => {
  seq++;
  const timestamp = String(clock.now().getTime() + seq);
  const raw = JSON.stringify({
    app_id: APP,
    event_name: name,
    timestamp,
    sender: { id: USER },
    recipient: { id: OA },
    ...fields,
  });
  const response = await fetch(webhook, {
    method: "POST",
    headers: {
      "x-zevent-signature": `mac=${oaEventMac({ firstTerm: APP, rawBody: Buffer.from(raw), timestamp, secret: SECRET })}`,
    },
    body: raw,
  });
  expect(response.status).toBe(200);
};
const say = (text: string) => deliver("user_send_text", { message: { msg_id: `m${++seq}`, text } });
const updates = async () => {
  const batch = await api.getUpdates({ offset, timeout: 0 });
  if (batch.length > 0) offset = (batch.at(-1)?.update_id ?? 0) + 1;
  return batch;
};
/** The chat as the bot knows it: the person writes first. */
const chatId = async () => {
  await say("xin chào");
  const [update] = await updates();
  return update?.message?.chat.id as number;
};

describe("OA button taps come back as the original callback_query", () => {
  it("≤ 5 choices go as oa.query.show buttons; the tap (the label as text) is the button's callback_query", async () => {
    const chat = await chatId();
    const keyboard = new InlineKeyboard()
      .text("✅ Tham gia", "rsvp:7:yes")
      .text("❌ Không tham gia", "rsvp:7:no")
      .row()
      .text("❓ Hỏi thêm", "rsvp:7:ask");
    const message = await api.sendMessage(chat, "<b>Khóa học</b> tập huấn rà soát", {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe("/v3.0/oa/message/cs");
    expect(sent[0]?.token).toBe("access-0");
    expect(sent[0]?.body.recipient).toEqual({ user_id: USER });
    expect(sent[0]?.body.message?.text).toBe("Khóa học tập huấn rà soát");
    expect(sent[0]?.body.message?.attachment).toEqual({
      type: "template",
      payload: {
        buttons: [
          { title: "✅ Tham gia", type: "oa.query.show", payload: "✅ Tham gia" },
          { title: "❌ Không tham gia", type: "oa.query.show", payload: "❌ Không tham gia" },
          { title: "❓ Hỏi thêm", type: "oa.query.show", payload: "❓ Hỏi thêm" },
        ],
      },
    });

    await say("❌ Không tham gia"); // the tap
    const [tap] = await updates();
    expect(tap?.callback_query).toMatchObject({
      data: "rsvp:7:no",
      message: { message_id: message.message_id, chat: { id: chat } },
    });
    // Typing the number still works as on the Bot Platform.
    await say("1");
    expect((await updates())[0]?.callback_query?.data).toBe("rsvp:7:yes");
  });

  it("a screen replaced by an edit (a new message on Zalo) carries its ≤ 5 choices as buttons too", async () => {
    const chat = await chatId();
    const menu = await api.sendMessage(chat, "Chọn việc cần làm:", {
      reply_markup: new InlineKeyboard().text("📝 Gửi báo cáo", "m:report"),
    });
    sent.length = 0;
    await api.editMessageText(chat, menu.message_id, "📝 Gửi báo cáo — chọn loại báo cáo:", {
      reply_markup: new InlineKeyboard()
        .text("📝 Báo cáo sự việc đột xuất", "rp:new:incident")
        .row()
        .text("🏠 Menu chính", "m:home"),
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.message?.text).toBe("📝 Gửi báo cáo — chọn loại báo cáo:");
    expect(sent[0]?.body.message?.attachment).toEqual({
      type: "template",
      payload: {
        buttons: [
          {
            title: "📝 Báo cáo sự việc đột xuất",
            type: "oa.query.show",
            payload: "📝 Báo cáo sự việc đột xuất",
          },
          { title: "🏠 Menu chính", type: "oa.query.show", payload: "🏠 Menu chính" },
        ],
      },
    });
    await say("📝 Báo cáo sự việc đột xuất");
    expect((await updates())[0]?.callback_query).toMatchObject({
      data: "rp:new:incident",
      message: { message_id: menu.message_id },
    });
  });

  it("a button the bot numbered itself (a report's summary) maps back when tapped, its number and all", async () => {
    const chat = await chatId();
    const summary = await api.sendMessage(chat, "📋 Kiểm tra lại báo cáo", {
      reply_markup: new InlineKeyboard()
        .text("1. ✅ Gửi báo cáo", "rp:9:send")
        .row()
        .text("2. ✏️ Sửa một câu", "rp:9:edit")
        .row()
        .text("3. 💾 Để sau", "rp:9:later"),
    });
    const attachment = sent[0]?.body.message?.attachment as
      | { payload: { buttons: { payload: string }[] } }
      | undefined;
    expect(attachment?.payload.buttons.map((button) => button.payload)).toEqual([
      "1. ✅ Gửi báo cáo",
      "2. ✏️ Sửa một câu",
      "3. 💾 Để sau",
    ]);
    await say("1. ✅ Gửi báo cáo"); // the tap
    expect((await updates())[0]?.callback_query).toMatchObject({
      data: "rp:9:send",
      message: { message_id: summary.message_id },
    });
    await say("2");
    expect((await updates())[0]?.callback_query?.data).toBe("rp:9:edit");
  });

  it("more than 5 choices are part 1's numbered list, without buttons", async () => {
    const chat = await chatId();
    const keyboard = new InlineKeyboard();
    for (let i = 1; i <= 6; i++) keyboard.text(`Thôn ${i}`, `unit:${i}`).row();
    await api.sendMessage(chat, "Chọn thôn:", { reply_markup: keyboard });
    expect(sent[0]?.body.message?.attachment).toBeUndefined();
    expect(sent[0]?.body.message?.text).toContain("6. Thôn 6");
    await say("6");
    expect((await updates())[0]?.callback_query?.data).toBe("unit:6");
  });
});

describe("OA onboarding asks for the phone with request_user_info", () => {
  it("a contact button sends the text, then Zalo's phone form; the answer is the person's own contact", async () => {
    const chat = await chatId();
    await api.sendMessage(chat, "Xác minh bằng số điện thoại", {
      reply_markup: new Keyboard().requestContact("📱 Chia sẻ số điện thoại").row().text("Bỏ qua").resized(),
    });
    expect(sent).toHaveLength(2);
    expect(sent[0]?.body.message?.text).toContain("Bấm vào tin ngay sau đây");
    expect(sent[1]?.body.message?.attachment).toEqual({
      type: "template",
      payload: {
        template_type: "request_user_info",
        elements: [
          {
            title: "Xác minh số điện thoại",
            subtitle: "Chia sẻ số điện thoại Zalo để bot tìm bạn trong danh sách cán bộ.",
          },
        ],
      },
    });
    await deliver("user_submit_info", { info: { name: "Võ Văn Giang", phone: "84912345678" } });
    const [update] = await updates();
    expect(update?.message?.contact).toEqual({
      phone_number: "84912345678",
      first_name: "Võ Văn Giang",
      user_id: chat,
    });
  });
});

describe("OA sends: photos by the media template, errors as the Bot API's", () => {
  it("sendPhoto by URL with its caption as the text; sendChatAction sends nothing", async () => {
    const chat = await chatId();
    await api.sendPhoto(chat, "https://app.test/files/x/chart.png", { caption: "Biểu đồ tuần 47" });
    await api.sendChatAction(chat, "typing");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.message).toEqual({
      text: "Biểu đồ tuần 47",
      attachment: {
        type: "template",
        payload: {
          template_type: "media",
          elements: [{ media_type: "image", url: "https://app.test/files/x/chart.png" }],
        },
      },
    });
  });

  it("blocked (-217) is Telegram's 403 'blocked'; outside the window (-230, -232) a 403 'outside the messaging window'; the night ban (-234) a 400", async () => {
    const chat = await chatId();
    nextError = -217;
    const blocked = await api.sendMessage(chat, "Nhắc lịch").catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(GrammyError);
    expect((blocked as GrammyError).error_code).toBe(403);
    expect((blocked as GrammyError).description).toContain("blocked by the user");
    for (const code of [-230, -232]) {
      nextError = code;
      const window = await api.sendMessage(chat, "Nhắc lịch").catch((error: unknown) => error);
      expect((window as GrammyError).error_code).toBe(403);
      expect((window as GrammyError).description).toMatch(
        new RegExp(`^Forbidden: outside the messaging window \\(Zalo OA error ${code}`),
      );
    }
    nextError = -234;
    const night = await api.sendMessage(chat, "Nhắc lịch").catch((error: unknown) => error);
    expect((night as GrammyError).error_code).toBe(400);
    expect((night as GrammyError).description).toContain("-234");
  });
});
