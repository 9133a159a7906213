import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, InputFile } from "grammy";
import type { BotCommand, Message, Update, UserFromGetMe, WebhookInfo } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import { UserActionError } from "../../src/simulator/user-actions.js";

/** Behaviour of the simulated Bot API over real HTTP, as a bot (and grammY) sees it. */

const TOKEN = "123:abc";
const AN = 710000001;
const BINH = 710000002;
const CUONG = 710000003;

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

interface ApiBody<T> {
  ok: boolean;
  result: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after: number };
}

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ host: "127.0.0.1", port: 0, users: DEMO_SIMULATOR_USERS, token: TOKEN });
});
afterEach(async () => {
  await sim.close();
});

/** Calls a Bot API method with a JSON body, as grammY does. */
async function call<T = unknown>(
  method: string,
  params: Record<string, unknown> = {},
  token = TOKEN,
): Promise<{ status: number; body: ApiBody<T> }> {
  const response = await fetch(`${sim.url}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as ApiBody<T> };
}

async function expectError(
  method: string,
  params: Record<string, unknown>,
  status: number,
  description: string | RegExp,
): Promise<ApiBody<unknown>> {
  const { status: actual, body } = await call(method, params);
  expect(actual).toBe(status);
  expect(body.ok).toBe(false);
  expect(body.error_code).toBe(status);
  if (typeof description === "string") expect(body.description).toBe(description);
  else expect(body.description).toMatch(description);
  return body;
}

const send = (chatId: number, text: string, extra: Record<string, unknown> = {}) =>
  call<Message>("sendMessage", { chat_id: chatId, text, ...extra });

async function sendOk(chatId: number, text: string, extra: Record<string, unknown> = {}): Promise<Message> {
  const { status, body } = await send(chatId, text, extra);
  expect(status, body.description).toBe(200);
  return body.result;
}

async function getUpdates(params: Record<string, unknown> = {}): Promise<Update[]> {
  const { status, body } = await call<Update[]>("getUpdates", params);
  expect(status, body.description).toBe(200);
  return body.result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

describe("routing and getMe", () => {
  it("answers getMe for its own token only, 401 for any other, like Telegram", async () => {
    const { status, body } = await call<UserFromGetMe>("getMe");
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ is_bot: true, username: sim.store.bot.username });
    for (const token of ["987654321:AAH-xyz_09", "123:abcd", "7000000001:local-simulator-token"]) {
      expect(await call("getMe", {}, token)).toEqual({
        status: 401,
        body: { ok: false, error_code: 401, description: "Unauthorized" },
      });
    }
    // A GET without a body works too, and method names are case-insensitive as on Telegram.
    const response = await fetch(`${sim.url}/bot${TOKEN}/getme`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as ApiBody<UserFromGetMe>).result.id).toBe(sim.store.bot.id);
    // Other verbs are not the Bot API's.
    expect((await fetch(`${sim.url}/bot${TOKEN}/getMe`, { method: "PUT" })).status).toBe(405);
  });

  it("makes up a new random token each run unless given one", async () => {
    const first = await startSimulator({ host: "127.0.0.1", port: 0, users: [] });
    const second = await startSimulator({ host: "127.0.0.1", port: 0, users: [] });
    try {
      expect(first.token).toMatch(new RegExp(`^${sim.store.bot.id}:[A-Za-z0-9_-]{43}$`));
      expect(second.token).not.toBe(first.token);
      expect((await fetch(`${first.url}/bot${first.token}/getMe`)).status).toBe(200);
      expect((await fetch(`${first.url}/bot${second.token}/getMe`)).status).toBe(401);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("refuses to listen beyond this machine without a password", async () => {
    await expect(startSimulator({ host: "0.0.0.0", port: 0, users: [] })).rejects.toThrow(/password/);
  });

  it("answers 404 for an unknown method", async () => {
    await expectError("sendTelepathy", {}, 404, "Not Found: method not found");
    // Names every object has are no methods either.
    await expectError("constructor", {}, 404, "Not Found: method not found");
    await expectError("toString", {}, 404, "Not Found: method not found");
  });

  it("answers 404 for a malformed token path", async () => {
    for (const path of ["/botabc/getMe", "/bot123/getMe", "/bot123:abc/getMe/extra", "/bot:abc/getMe"]) {
      const response = await fetch(`${sim.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as ApiBody<unknown>).ok).toBe(false);
    }
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await fetch(`${sim.url}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiBody<unknown>).description).toBe(
      "Bad Request: can't parse JSON object",
    );
  });
});

describe("sendMessage", () => {
  it("stores the bot's message in the chat; it is not an update for the bot", async () => {
    const message = await sendOk(AN, "Xin chào");
    expect(message).toMatchObject({
      text: "Xin chào",
      chat: { id: AN, type: "private" },
      from: { id: sim.store.bot.id, is_bot: true },
    });
    expect(sim.store.chat(AN)?.messages.map((m) => [m.message_id, m.text, m.outgoing])).toEqual([
      [message.message_id, "Xin chào", true],
    ]);
    expect(await getUpdates()).toEqual([]);
  });

  it("accepts form-urlencoded and query-string parameters too", async () => {
    const form = await fetch(`${sim.url}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({ chat_id: String(AN), text: "từ form" }),
    });
    expect(form.status).toBe(200);
    const query = await fetch(
      `${sim.url}/bot${TOKEN}/sendMessage?chat_id=${AN}&text=${encodeURIComponent("từ query")}`,
    );
    expect(query.status).toBe(200);
    expect(sim.store.chat(AN)?.messages.map((m) => m.text)).toEqual(["từ form", "từ query"]);
  });

  it("limits text to 4096 characters", async () => {
    await sendOk(AN, "ả".repeat(4096));
    await expectError(
      "sendMessage",
      { chat_id: AN, text: "ả".repeat(4097) },
      400,
      "Bad Request: message is too long",
    );
    expect(sim.store.chat(AN)?.messages).toHaveLength(1);
  });

  it("rejects empty text and unknown chats", async () => {
    await expectError("sendMessage", { chat_id: AN, text: "" }, 400, "Bad Request: message text is empty");
    await expectError(
      "sendMessage",
      { chat_id: AN, text: "  \n " },
      400,
      "Bad Request: message text is empty",
    );
    await expectError("sendMessage", { chat_id: AN }, 400, "Bad Request: message text is empty");
    await expectError("sendMessage", { chat_id: 999, text: "x" }, 400, "Bad Request: chat not found");
    await expectError("sendMessage", { text: "x" }, 400, "Bad Request: chat_id is empty");
    expect(sim.store.chat(AN)?.messages).toEqual([]);
  });

  it("limits callback_data to 64 bytes of UTF-8", async () => {
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: "Chọn", callback_data: data }]] });
    const tooLong = `${"ệ".repeat(21)}xy`; // 23 characters, 65 bytes
    expect(Buffer.byteLength(tooLong)).toBe(65);
    await expectError(
      "sendMessage",
      { chat_id: AN, text: "x", reply_markup: keyboard(tooLong) },
      400,
      "Bad Request: BUTTON_DATA_INVALID",
    );
    const exact = `${"ệ".repeat(21)}x`;
    expect(Buffer.byteLength(exact)).toBe(64);
    const message = await sendOk(AN, "x", { reply_markup: keyboard(exact) });
    expect(message.reply_markup).toEqual(keyboard(exact));
    await expectError(
      "sendMessage",
      { chat_id: AN, text: "x", reply_markup: keyboard("") },
      400,
      "Bad Request: BUTTON_DATA_INVALID",
    );
  });

  it("rejects malformed HTML and stores the entities of valid HTML", async () => {
    for (const html of ["<b>Xin chào", "a < b", "<div>x</div>", "<b><i>x</b></i>"]) {
      await expectError(
        "sendMessage",
        { chat_id: AN, text: html, parse_mode: "HTML" },
        400,
        /^Bad Request: can't parse entities: /,
      );
    }
    const message = await sendOk(AN, "<b>Xin</b> <i>chào</i> &lt;An&gt;", { parse_mode: "HTML" });
    expect(message.text).toBe("Xin chào <An>");
    expect(message.entities).toEqual([
      { type: "bold", offset: 0, length: 3 },
      { type: "italic", offset: 4, length: 4 },
    ]);
    expect(sim.store.chat(AN)?.messages.at(-1)?.entities).toEqual(message.entities);
    // Without a parse mode, the same text is literal.
    expect((await sendOk(AN, "<b>x")).text).toBe("<b>x");
  });

  it("sets and removes the reply keyboard", async () => {
    const keyboard = [[{ text: "Gửi số điện thoại", request_contact: true }], ["Hủy"]];
    await sendOk(AN, "Chia sẻ số", { reply_markup: { keyboard, resize_keyboard: true } });
    expect(sim.store.chat(AN)?.replyKeyboard).toEqual({
      keyboard: [[{ text: "Gửi số điện thoại", request_contact: true }], [{ text: "Hủy" }]],
      resize_keyboard: true,
    });
    expect(sim.store.chat(BINH)?.replyKeyboard).toBeNull();
    await sendOk(AN, "Đã xong", { reply_markup: { remove_keyboard: true } });
    expect(sim.store.chat(AN)?.replyKeyboard).toBeNull();
  });

  it("hides a one-time keyboard once the person answers", async () => {
    await sendOk(AN, "?", { reply_markup: { keyboard: [["Có"]], one_time_keyboard: true } });
    expect(sim.store.chat(AN)?.replyKeyboard).not.toBeNull();
    sim.users.sendText(AN, "Có");
    expect(sim.store.chat(AN)?.replyKeyboard).toBeNull();
  });
});

describe("flood limits", () => {
  it("answers 429 past the per-chat limit, without affecting other chats", async () => {
    sim.api.limits.perChat = 2;
    await sendOk(AN, "1");
    await sendOk(AN, "2");
    const body = await expectError(
      "sendMessage",
      { chat_id: AN, text: "3" },
      429,
      /^Too Many Requests: retry after \d+$/,
    );
    const retryAfter = body.parameters?.retry_after ?? 0;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(body.description).toBe(`Too Many Requests: retry after ${retryAfter}`);
    await sendOk(BINH, "khác");
    expect(sim.store.chat(AN)?.messages.map((m) => m.text)).toEqual(["1", "2"]);
  });

  it("answers 429 past the global limit, whichever chat", async () => {
    sim.api.limits.global = 2;
    await sendOk(AN, "1");
    await sendOk(BINH, "2");
    const body = await expectError(
      "sendMessage",
      { chat_id: CUONG, text: "3" },
      429,
      /^Too Many Requests: retry after \d+$/,
    );
    expect(body.parameters?.retry_after).toBeGreaterThanOrEqual(1);
    expect(sim.store.chat(CUONG)?.messages).toEqual([]);
    // Limits can be changed while running; 0 disables them.
    sim.api.limits.global = 0;
    await sendOk(CUONG, "3");
  });
});

describe("a user who blocked the bot", () => {
  it("answers 403, tells the bot via my_chat_member, and is unblocked by writing again", async () => {
    sim.store.setBlocked(AN, true);
    await expectError(
      "sendMessage",
      { chat_id: AN, text: "x" },
      403,
      "Forbidden: bot was blocked by the user",
    );
    await expectError(
      "sendChatAction",
      { chat_id: AN, action: "typing" },
      403,
      "Forbidden: bot was blocked by the user",
    );
    const [kicked] = await getUpdates();
    expect(kicked?.my_chat_member).toMatchObject({
      chat: { id: AN, type: "private" },
      from: { id: AN },
      old_chat_member: { status: "member" },
      new_chat_member: { status: "kicked", user: { id: sim.store.bot.id } },
    });

    sim.users.sendText(AN, "Xin chào lại");
    expect(sim.store.chat(AN)?.user.blocked).toBe(false);
    const updates = await getUpdates({ offset: (kicked?.update_id ?? 0) + 1 });
    expect(updates.map((u) => u.my_chat_member?.new_chat_member.status ?? u.message?.text)).toEqual([
      "member",
      "Xin chào lại",
    ]);
    await sendOk(AN, "Chào mừng trở lại");
  });
});

describe("getUpdates", () => {
  it("returns pending updates until they are confirmed with offset", async () => {
    sim.users.sendText(AN, "một");
    sim.users.sendText(BINH, "hai");
    const updates = await getUpdates();
    expect(updates.map((u) => [u.message?.chat.id, u.message?.text])).toEqual([
      [AN, "một"],
      [BINH, "hai"],
    ]);
    const [first, second] = updates as [Update, Update];
    expect(second.update_id).toBe(first.update_id + 1);
    expect(first.message).not.toHaveProperty("outgoing");
    // Unconfirmed updates are given again.
    expect((await getUpdates()).map((u) => u.update_id)).toEqual([first.update_id, second.update_id]);
    expect((await getUpdates({ limit: 1 })).map((u) => u.update_id)).toEqual([first.update_id]);
    // offset confirms (and drops) everything below it.
    expect((await getUpdates({ offset: first.update_id + 1 })).map((u) => u.update_id)).toEqual([
      second.update_id,
    ]);
    expect(await getUpdates({ offset: second.update_id + 1 })).toEqual([]);
    expect(await getUpdates()).toEqual([]);
    expect(sim.store.pendingCount()).toBe(0);
  });

  it("long polls: answers as soon as an update arrives", async () => {
    const started = Date.now();
    const timer = setTimeout(() => sim.users.sendText(AN, "đến rồi"), 200);
    try {
      const updates = await getUpdates({ timeout: 2 });
      const elapsed = Date.now() - started;
      expect(updates.map((u) => u.message?.text)).toEqual(["đến rồi"]);
      expect(elapsed).toBeGreaterThanOrEqual(150);
      expect(elapsed).toBeLessThan(1500);
    } finally {
      clearTimeout(timer);
    }
  });

  it("long polls: answers [] after the timeout when nothing arrives", async () => {
    const started = Date.now();
    expect(await getUpdates({ timeout: 2 })).toEqual([]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(3500);
  });

  it("ends a long poll with 409 when another getUpdates comes in", async () => {
    const first = call<Update[]>("getUpdates", { timeout: 5 });
    await sleep(150);
    const second = await call<Update[]>("getUpdates", { timeout: 0 });
    expect(second.status).toBe(200);
    expect(second.body.result).toEqual([]);
    const { status, body } = await first;
    expect(status).toBe(409);
    expect(body).toMatchObject({ ok: false, error_code: 409 });
    expect(body.description).toBe(
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    );
  });
});

describe("callback queries", () => {
  it("turns a button press into a callback_query that can be answered once", async () => {
    const message = await sendOk(AN, "Chọn", {
      reply_markup: {
        inline_keyboard: [
          [
            { text: "Có", callback_data: "yes" },
            { text: "Không", callback_data: "no" },
          ],
          [{ text: "Trang web", url: "https://example.com" }],
        ],
      },
    });
    sim.users.pressButton(AN, message.message_id, "no");
    const [update] = await getUpdates();
    const query = update?.callback_query;
    expect(query).toMatchObject({
      from: { id: AN, is_bot: false },
      data: "no",
      message: { message_id: message.message_id, chat: { id: AN } },
    });
    expect(query?.message).not.toHaveProperty("outgoing");

    const answer = await call<boolean>("answerCallbackQuery", {
      callback_query_id: query?.id,
      text: "Đã ghi",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result).toBe(true);
    const tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid";
    await expectError("answerCallbackQuery", { callback_query_id: query?.id }, 400, tooOld);
    await expectError("answerCallbackQuery", { callback_query_id: "12345" }, 400, tooOld);
  });

  it("refuses to press a button that is not on the message", async () => {
    const message = await sendOk(AN, "Chọn", {
      reply_markup: { inline_keyboard: [[{ text: "Có", callback_data: "yes" }]] },
    });
    expect(() => sim.users.pressButton(AN, message.message_id, "maybe")).toThrow(UserActionError);
    expect(() => sim.users.pressButton(AN, 9999, "yes")).toThrow(UserActionError);
    const plain = await sendOk(AN, "Không có nút");
    expect(() => sim.users.pressButton(AN, plain.message_id, "yes")).toThrow(UserActionError);
    expect(sim.store.pendingCount()).toBe(0);
  });
});

describe("editing and deleting", () => {
  const markup = { inline_keyboard: [[{ text: "Tiếp", callback_data: "next" }]] };

  it("edits text, sets edit_date, and refuses an edit that changes nothing", async () => {
    const sent = await sendOk(AN, "Trước", { reply_markup: markup });
    expect(sent.edit_date).toBeUndefined();
    const { status, body } = await call<Message>("editMessageText", {
      chat_id: AN,
      message_id: sent.message_id,
      text: "<b>Sau</b>",
      parse_mode: "HTML",
      reply_markup: markup,
    });
    expect(status, body.description).toBe(200);
    expect(body.result).toMatchObject({ message_id: sent.message_id, text: "Sau", reply_markup: markup });
    expect(body.result.edit_date).toEqual(expect.any(Number));
    const stored = sim.store.chat(AN)?.messages;
    expect(stored).toHaveLength(1);
    expect(stored?.[0]).toMatchObject({ text: "Sau", entities: [{ type: "bold", offset: 0, length: 3 }] });

    await expectError(
      "editMessageText",
      {
        chat_id: AN,
        message_id: sent.message_id,
        text: "<b>Sau</b>",
        parse_mode: "HTML",
        reply_markup: markup,
      },
      400,
      /^Bad Request: message is not modified: /,
    );
    // Leaving out reply_markup removes the keyboard: that is a change.
    const withoutKeyboard = await call<Message>("editMessageText", {
      chat_id: AN,
      message_id: sent.message_id,
      text: "<b>Sau</b>",
      parse_mode: "HTML",
    });
    expect(withoutKeyboard.status).toBe(200);
    expect(withoutKeyboard.body.result.reply_markup).toBeUndefined();
  });

  it("refuses to edit a missing message or the person's own message", async () => {
    await expectError(
      "editMessageText",
      { chat_id: AN, message_id: 9999, text: "x" },
      400,
      "Bad Request: message to edit not found",
    );
    const own = sim.users.sendText(AN, "tin của tôi");
    await expectError(
      "editMessageText",
      { chat_id: AN, message_id: own.message_id, text: "x" },
      400,
      "Bad Request: message can't be edited",
    );
    expect(sim.store.chat(AN)?.messages[0]?.text).toBe("tin của tôi");
  });

  it("deletes a message once", async () => {
    const sent = await sendOk(AN, "Sẽ bị xóa");
    const kept = await sendOk(AN, "Còn lại");
    const first = await call<boolean>("deleteMessage", { chat_id: AN, message_id: sent.message_id });
    expect(first.status).toBe(200);
    expect(first.body.result).toBe(true);
    expect(sim.store.chat(AN)?.messages.map((m) => m.message_id)).toEqual([kept.message_id]);
    await expectError(
      "deleteMessage",
      { chat_id: AN, message_id: sent.message_id },
      400,
      "Bad Request: message to delete not found",
    );
  });
});

describe("setMyCommands", () => {
  const general: BotCommand[] = [{ command: "start", description: "Bắt đầu" }];
  const forAn: BotCommand[] = [
    { command: "start", description: "Bắt đầu" },
    { command: "units", description: "Đơn vị" },
  ];

  it("prefers a chat's own commands over the default scope", async () => {
    expect((await call("setMyCommands", { commands: general })).body.result).toBe(true);
    expect(
      (await call("setMyCommands", { commands: forAn, scope: { type: "chat", chat_id: AN } })).body.result,
    ).toBe(true);
    expect(sim.store.commandsForChat(AN)).toEqual(forAn);
    expect(sim.store.commandsForChat(BINH)).toEqual(general);
    expect(
      (await call<BotCommand[]>("getMyCommands", { scope: { type: "chat", chat_id: AN } })).body.result,
    ).toEqual(forAn);
    expect((await call<BotCommand[]>("getMyCommands")).body.result).toEqual(general);

    await call("deleteMyCommands", { scope: { type: "chat", chat_id: AN } });
    expect(sim.store.commandsForChat(AN)).toEqual(general);
  });

  it("rejects invalid commands and scopes", async () => {
    for (const command of ["Start", "bad-name", "", "a".repeat(33)]) {
      await expectError(
        "setMyCommands",
        { commands: [{ command, description: "x" }] },
        400,
        "Bad Request: BOT_COMMAND_INVALID",
      );
    }
    await expectError(
      "setMyCommands",
      { commands: [{ command: "ok", description: "" }] },
      400,
      "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    );
    await expectError(
      "setMyCommands",
      { commands: general, scope: { type: "chat", chat_id: 999 } },
      400,
      "Bad Request: chat not found",
    );
    expect(sim.store.commandsForChat(AN)).toEqual([]);
  });
});

/** A local HTTP server standing in for the bot's webhook; answers with `statuses` in turn, then 200. */
async function startWebhookReceiver(statuses: number[] = []) {
  const received: { headers: IncomingHttpHeaders; update: Update; status: number }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = statuses.shift() ?? 200;
      received.push({
        headers: request.headers,
        update: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update,
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("webhooks", () => {
  it("POSTs updates with the secret token while getUpdates answers 409, until deleteWebhook", async () => {
    const hook = await startWebhookReceiver();
    try {
      const set = await call("setWebhook", { url: hook.url, secret_token: "s3cret_token-1" });
      expect(set.body.result).toBe(true);
      await expectError(
        "getUpdates",
        {},
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );

      sim.users.sendText(AN, "một");
      sim.users.sendText(AN, "hai");
      await waitFor(() => hook.received.length === 2);
      expect(hook.received.map((r) => r.update.message?.text)).toEqual(["một", "hai"]);
      expect(hook.received[0]?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_token-1");
      expect(hook.received[0]?.headers["content-type"]).toBe("application/json");
      // The receiver sees the update before the simulator has read its answer.
      await waitFor(() => sim.store.pendingCount() === 0);

      const info = await call<WebhookInfo>("getWebhookInfo");
      expect(info.body.result).toMatchObject({ url: hook.url, pending_update_count: 0 });

      expect((await call("deleteWebhook")).body.result).toBe(true);
      expect((await call<WebhookInfo>("getWebhookInfo")).body.result.url).toBe("");
      sim.users.sendText(AN, "ba");
      expect((await getUpdates()).map((u) => u.message?.text)).toEqual(["ba"]);
      expect(hook.received).toHaveLength(2);
    } finally {
      await sim.close();
      await hook.close();
    }
  });

  it("retries an update the webhook failed, and reports the error meanwhile", async () => {
    const hook = await startWebhookReceiver([500]);
    try {
      await call("setWebhook", { url: hook.url });
      sim.users.sendText(AN, "thử lại");
      await waitFor(() => hook.received.length === 1);
      await waitFor(() => sim.api.webhook?.lastErrorMessage !== undefined);
      const info = (await call<WebhookInfo>("getWebhookInfo")).body.result;
      expect(info).toMatchObject({ url: hook.url, pending_update_count: 1 });
      expect(info.last_error_message).toContain("500");
      expect(info.last_error_date).toEqual(expect.any(Number));

      await waitFor(() => hook.received.length === 2, 5000);
      expect(hook.received.map((r) => [r.status, r.update.message?.text])).toEqual([
        [500, "thử lại"],
        [200, "thử lại"],
      ]);
      expect(hook.received[0]?.update.update_id).toBe(hook.received[1]?.update.update_id);
      await waitFor(() => sim.store.pendingCount() === 0);
      expect((await call<WebhookInfo>("getWebhookInfo")).body.result.pending_update_count).toBe(0);
    } finally {
      await sim.close();
      await hook.close();
    }
  });

  it("delivers updates that were pending before the webhook was set", async () => {
    const hook = await startWebhookReceiver();
    try {
      sim.users.sendText(AN, "đã chờ sẵn");
      await call("setWebhook", { url: hook.url });
      await waitFor(() => hook.received.length === 1, 2000);
      expect(hook.received[0]?.update.message?.text).toBe("đã chờ sẵn");
    } finally {
      await sim.close();
      await hook.close();
    }
  });
});

describe("Webhook mode: the simulator delivers to several instances behind a load balancer", () => {
  it("sends each update to the next instance in turn, at the webhook's path with its secret; a failed attempt goes to the next", async () => {
    const [a, b, c] = [
      await startWebhookReceiver(),
      await startWebhookReceiver([503]),
      await startWebhookReceiver(),
    ];
    const all = [a, b, c];
    try {
      const origin = (hook: { url: string }) => new URL(hook.url).origin;
      // The address Telegram knows is the load balancer's; the instances are behind it.
      await call("setWebhook", { url: "http://127.0.0.1:9/hook?x=1", secret_token: "balanced-secret" });
      sim.setWebhookBackends(all.map(origin));
      for (const text of ["1", "2", "3", "4", "5"]) sim.users.sendText(AN, text);
      await waitFor(() => all.reduce((n, hook) => n + hook.received.length, 0) === 6);
      await waitFor(() => sim.store.pendingCount() === 0);
      // a: 1; b: 503 for 2, which went on to c; a: 3; b: 4; c: 5 — in order, each once answered 2xx.
      expect(a.received.map((r) => r.update.message?.text)).toEqual(["1", "3"]);
      expect(b.received.map((r) => [r.status, r.update.message?.text])).toEqual([
        [503, "2"],
        [200, "4"],
      ]);
      expect(c.received.map((r) => r.update.message?.text)).toEqual(["2", "5"]);
      for (const hook of all) {
        for (const r of hook.received)
          expect(r.headers["x-telegram-bot-api-secret-token"]).toBe("balanced-secret");
      }
      expect(Object.fromEntries(sim.webhookDeliveries)).toEqual({
        [origin(a)]: 2,
        [origin(b)]: 1,
        [origin(c)]: 2,
      });
      expect(() => sim.setWebhookBackends(["http://10.0.0.7:8081"])).toThrow(/not on this machine/);
    } finally {
      await sim.close();
      await Promise.all(all.map((hook) => hook.close()));
    }
  });
});

describe("webhook URLs", () => {
  it("refuses what cannot be parsed and anything not on this machine, like Telegram's bad webhook", async () => {
    for (const url of [
      "nope",
      "http://[::1",
      "ftp://127.0.0.1/x",
      "http://10.0.0.7/hook",
      "http://u:p@localhost/x",
    ]) {
      await expectError("setWebhook", { url }, 400, /^Bad Request: bad webhook: /);
    }
    expect(sim.api.webhook).toBeUndefined();
    for (const url of ["http://localhost:8443/hook", "https://127.0.0.1/x", "http://[::1]:9000/"]) {
      expect((await call("setWebhook", { url })).body.result, url).toBe(true);
    }
  });
});

describe("the chat page's API", () => {
  const pageApi = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${sim.url}${path}`, {
      ...init,
      headers: { "content-type": "application/json", "x-simulator-token": sim.pageToken },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("turns a typed /start into a message update with a bot_command entity", async () => {
    const { status, body } = await pageApi(`/sim/api/chats/${AN}/messages`, {
      method: "POST",
      body: JSON.stringify({ text: "/start" }),
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const [update] = await getUpdates();
    expect(update?.message).toMatchObject({
      text: "/start",
      chat: { id: AN },
      from: { id: AN, is_bot: false, first_name: "An", last_name: "Nguyễn Văn" },
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
  });

  it("lists the users in the state", async () => {
    const { status, body } = await pageApi("/sim/api/state");
    expect(status).toBe(200);
    const users = body.users as { id: number; blocked: boolean }[];
    expect(users.map((u) => u.id)).toEqual(DEMO_SIMULATOR_USERS.map((u) => u.id));
    expect(users.every((u) => u.blocked === false)).toBe(true);
    expect(body.bot).toMatchObject({ id: sim.store.bot.id });
  });

  it("answers 404 JSON for an unknown chat", async () => {
    const { status, body } = await pageApi("/sim/api/chats/999");
    expect(status).toBe(404);
    expect(body.ok).toBe(false);
    expect(body.description).toEqual(expect.any(String));
  });

  it("adds users, refusing a bad phone number", async () => {
    const bad = await pageApi("/sim/api/users", {
      method: "POST",
      body: JSON.stringify({ firstName: "Hà", phoneNumber: "12345678" }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, description: expect.any(String) });
    const good = await pageApi("/sim/api/users", {
      method: "POST",
      body: JSON.stringify({ firstName: "Hà", phoneNumber: "0912 345 678" }),
    });
    expect(good.status).toBe(200);
    const user = good.body.user as { id: number; phoneNumber: string };
    expect(user.phoneNumber).toBe("+84912345678");
    expect(sim.store.chat(user.id)).toBeDefined();
    await sendOk(user.id, "Chào bạn mới");
  });

  it("serves the chat page and its script", async () => {
    const page = await fetch(`${sim.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<html/i);
    const script = await fetch(`${sim.url}/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(0);
    expect((await fetch(`${sim.url}/nothing-here`)).status).toBe(404);
  });

  it("refuses requests without the page token, and bodies that are not JSON", async () => {
    const noToken = await fetch(`${sim.url}/sim/api/chats/${AN}`);
    expect(noToken.status).toBe(403);
    const plain = await fetch(`${sim.url}/sim/api/chats/${AN}/messages`, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-simulator-token": sim.pageToken },
      body: JSON.stringify({ text: "/start" }),
    });
    expect(plain.status).toBe(415);
    expect(sim.store.chat(AN)?.messages).toEqual([]);
  });

  it("takes a photo and a document as base64 in JSON", async () => {
    const photo = await pageApi(`/sim/api/chats/${AN}/photo`, {
      method: "POST",
      body: JSON.stringify({ data: PNG.toString("base64"), mimeType: "image/png", caption: "Mái nhà" }),
    });
    expect(photo.status).toBe(200);
    const document = await pageApi(`/sim/api/chats/${AN}/document`, {
      method: "POST",
      body: JSON.stringify({ data: Buffer.from("a;b\n").toString("base64"), fileName: "ds cán bộ.csv" }),
    });
    expect(document.status).toBe(200);
    const [photoUpdate, documentUpdate] = await getUpdates();
    expect(photoUpdate?.message).toMatchObject({ caption: "Mái nhà", photo: [{ width: 1, height: 1 }] });
    expect(documentUpdate?.message?.document).toMatchObject({
      file_name: "ds cán bộ.csv",
      mime_type: "application/octet-stream",
      file_size: 4,
    });
    const notBase64 = await pageApi(`/sim/api/chats/${AN}/document`, {
      method: "POST",
      body: JSON.stringify({ data: "không phải base64", fileName: "x.csv" }),
    });
    expect(notBase64.status).toBe(400);
  });
});

describe("grammY's own client against the simulator", () => {
  it("calls methods, uploads a photo and downloads it again", async () => {
    const api = new Api(TOKEN, { apiRoot: sim.url });
    const me = await api.getMe();
    expect(me.username).toBe(sim.store.bot.username);

    const text = await api.sendMessage(AN, "<b>Chào</b> An", {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    expect(text.entities).toEqual([{ type: "bold", offset: 0, length: 4 }]);

    const error = await api.sendMessage(999, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 400, description: "Bad Request: chat not found" });

    const photo = await api.sendPhoto(AN, new InputFile(PNG, "x.png"), { caption: "Ảnh nhỏ" });
    expect(photo.caption).toBe("Ảnh nhỏ");
    const size = photo.photo?.at(-1);
    expect(size).toMatchObject({ width: 1, height: 1, file_size: PNG.length });

    const file = await api.getFile(size?.file_id ?? "");
    expect(file.file_size).toBe(PNG.length);
    expect(file.file_path).toEqual(expect.any(String));
    const download = await fetch(`${sim.url}/file/bot${TOKEN}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    // The photo can be sent again by file_id, without uploading.
    const again = await api.sendPhoto(BINH, size?.file_id ?? "");
    expect(again.photo?.at(-1)?.file_id).toBe(size?.file_id);
    await expect(api.getFile("nope")).rejects.toMatchObject({ description: "Bad Request: invalid file_id" });
    expect((await fetch(`${sim.url}/file/bot${TOKEN}/photos/missing.png`)).status).toBe(404);
  });

  it("uploads a document whose name has spaces and Vietnamese letters", async () => {
    const api = new Api(TOKEN, { apiRoot: sim.url });
    const csv = Buffer.from("họ tên;số điện thoại\nAn;0912000001\n", "utf8");
    const message = await api.sendDocument(AN, new InputFile(csv, "báo cáo tháng 5.csv"), {
      caption: "<i>Báo cáo</i>",
      parse_mode: "HTML",
    });
    expect(message.document?.file_name).toBe("báo cáo tháng 5.csv");
    expect(message.caption_entities).toEqual([{ type: "italic", offset: 0, length: 7 }]);
    const file = await api.getFile(message.document?.file_id ?? "");
    const download = await fetch(`${sim.url}/file/bot${TOKEN}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true);
  });
});

describe("uploads over raw HTTP", () => {
  it("accepts a standard multipart form with the file's own content type", async () => {
    const form = new FormData();
    form.set("chat_id", String(AN));
    form.set("caption", "Ảnh");
    form.set("photo", new Blob([PNG], { type: "image/png" }), "anh.png");
    const response = await fetch(`${sim.url}/bot${TOKEN}/sendPhoto`, { method: "POST", body: form });
    const body = (await response.json()) as ApiBody<Message>;
    expect(response.status, body.description).toBe(200);
    expect(body.result.caption).toBe("Ảnh");
    const fileId = body.result.photo?.[0]?.file_id ?? "";
    expect(sim.store.file(fileId)).toMatchObject({ mimeType: "image/png", data: PNG });
  });

  it("refuses a photo that is not an image, and a broken multipart body", async () => {
    const form = new FormData();
    form.set("chat_id", String(AN));
    form.set("photo", new Blob(["not an image"], { type: "image/png" }), "x.png");
    const notImage = await fetch(`${sim.url}/bot${TOKEN}/sendPhoto`, { method: "POST", body: form });
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as ApiBody<unknown>).description).toBe(
      "Bad Request: IMAGE_PROCESS_FAILED",
    );

    const broken = await fetch(`${sim.url}/bot${TOKEN}/sendPhoto`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=XYZ" },
      body: '--XYZ\r\ncontent-disposition: form-data; name="chat_id"\r\n\r\n1',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ApiBody<unknown>).description).toBe(
      "Bad Request: can't parse multipart/form-data",
    );
    expect(sim.store.chat(AN)?.messages).toEqual([]);
  });
});
