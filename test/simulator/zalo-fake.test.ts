import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS, type SimulatorUser } from "../../src/db/demo-data.js";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/simulator/server.js";
import type { ZaloLimits } from "../../src/simulator/zalo/zalo-api.js";
import { ZALO_STICKERS, type ZaloViewMessage, zaloUserId } from "../../src/simulator/zalo/zalo-chats.js";

/** The Zalo side of the simulator over real HTTP, as a Zalo client (and the adapter) sees it. */

const ZALO_TOKEN = "1234567890:zalo-Secret_token";
const TELEGRAM_TOKEN = "123:abc";
const AN = 710000001;
const BINH = 710000002;
const HEX20 = /^[0-9a-f]{20}$/;

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

interface ZaloBody {
  ok: boolean;
  result?: Record<string, unknown> & { event_name?: string; message?: Record<string, unknown> };
  error_code?: number;
  description?: string;
}

let sim: Simulator;
const servers: Server[] = [];

async function start(
  zalo: Partial<ZaloLimits> = {},
  users: SimulatorUser[] = DEMO_SIMULATOR_USERS,
  extra: Partial<SimulatorOptions> = {},
): Promise<Simulator> {
  sim = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    users,
    token: TELEGRAM_TOKEN,
    zaloToken: ZALO_TOKEN,
    zalo,
    ...extra,
  });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Calls a Zalo method with a JSON body, as every official example does. */
async function zalo(
  method: string,
  params: Record<string, unknown> = {},
  token = ZALO_TOKEN,
): Promise<{ status: number; body: ZaloBody }> {
  const response = await fetch(`${sim.url}/zalo/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as ZaloBody };
}

async function expectZaloError(
  method: string,
  params: Record<string, unknown>,
  code: number,
  description: string | RegExp,
): Promise<void> {
  const { status, body } = await zalo(method, params);
  expect(status, JSON.stringify(body)).toBe(code);
  expect(body.ok).toBe(false);
  expect(body.error_code).toBe(code);
  if (typeof description === "string") expect(body.description).toBe(description);
  else expect(body.description).toMatch(description);
}

/** The chat page's API, with its token and JSON, as the page uses it. */
interface PageBody {
  ok?: boolean;
  delivered: boolean;
  message: ZaloViewMessage;
  messages: ZaloViewMessage[];
  zaloId: string;
  description?: string;
}

async function page(path: string, json?: unknown): Promise<{ status: number; body: PageBody }> {
  const response = await fetch(`${sim.url}/sim/api/zalo/chats/${path}`, {
    method: json === undefined ? "GET" : "POST",
    headers: {
      "x-simulator-token": sim.pageToken,
      ...(json === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  return { status: response.status, body: (await response.json()) as PageBody };
}

async function say(
  personId: number,
  text: string,
): Promise<{ delivered: boolean; message: ZaloViewMessage }> {
  const { status, body } = await page(`${personId}/messages`, { text });
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

async function history(personId: number): Promise<ZaloViewMessage[]> {
  return (await page(String(personId))).body.messages;
}

/** The next event, or the 408 body. */
async function poll(timeout: number | string = 1): Promise<{ status: number; body: ZaloBody }> {
  return zalo("getUpdates", { timeout });
}

async function nextEvent(): Promise<NonNullable<ZaloBody["result"]>> {
  const { status, body } = await poll(5);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.result ?? {};
}

/** A local HTTP server; `handler` answers each request. */
async function localServer(
  handler: (request: { url: string; headers: IncomingHttpHeaders; body: string }) => {
    status?: number;
    type?: string;
    body?: Buffer | string;
  },
): Promise<string> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = handler({
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    response.writeHead(answer.status ?? 200, { "content-type": answer.type ?? "application/json" });
    response.end(answer.body ?? "{}");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("The simulator shows Zalo too", () => {
  describe("the token and the methods", () => {
    it("answers only its own token, only under /zalo, and makes a random one per run", async () => {
      await start();
      const me = await zalo("getMe");
      expect(me.status).toBe(200);
      expect(me.body.result).toEqual({
        id: expect.stringMatching(/^\d{19}$/),
        account_name: expect.stringMatching(/^bot\./),
        account_type: "BASIC",
        can_join_groups: false,
      });
      // Parameters may also come as a query string, with GET.
      const viaGet = await fetch(`${sim.url}/zalo/bot${ZALO_TOKEN}/getMe`);
      expect(viaGet.status).toBe(200);

      for (const token of ["1234567890:wrong", TELEGRAM_TOKEN, "nonsense"]) {
        const refused = await zalo("getMe", {}, token);
        expect(refused.status).toBe(401);
        expect(refused.body).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
      }
      // The Zalo token is no Telegram token, and the other way round.
      expect((await fetch(`${sim.url}/bot${ZALO_TOKEN}/getMe`)).status).toBe(401);
      await sim.close();

      const first = await startSimulator({ host: "127.0.0.1", port: 0, users: [] });
      const second = await startSimulator({ host: "127.0.0.1", port: 0, users: [] });
      try {
        expect(first.zaloToken).toMatch(/^\d+:[A-Za-z0-9_-]{20,}$/);
        expect(first.zaloToken).not.toBe(second.zaloToken);
        expect(first.zaloToken).not.toBe(first.token);
      } finally {
        await first.close();
        await second.close();
      }
    });

    it("method names are case-sensitive and unknown ones are a 400, as Zalo's error table says", async () => {
      await start();
      await expectZaloError("getme", {}, 400, "Bad request");
      await expectZaloError("editMessageText", { chat_id: zaloUserId(AN), text: "x" }, 400, "Bad request");
      await expectZaloError("answerCallbackQuery", {}, 400, "Bad request");
      await expectZaloError("constructor", {}, 400, "Bad request");
      await expectZaloError("toString", {}, 400, "Bad request");
    });

    it("the person's Zalo ids are 20 hex digits, stable per person, and different from person to person", async () => {
      await start();
      const an = zaloUserId(AN);
      expect(an).toMatch(HEX20);
      expect(zaloUserId(AN)).toBe(an);
      expect(zaloUserId(BINH)).not.toBe(an);
      expect((await page(String(AN))).body.zaloId).toBe(an);
    });
  });

  describe("getUpdates", () => {
    it("an idle poll ends with HTTP 408; a message comes as ONE object with Zalo's ids and ms dates", async () => {
      await start();
      const idle = await poll("1"); // Zalo's docs type the timeout as a string
      expect(idle.status).toBe(408);
      expect(idle.body).toEqual({ ok: false, error_code: 408, description: "Request timeout" });

      const waiting = poll(5);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = Date.now();
      const sent = await say(AN, "Xin chào");
      expect(sent.delivered).toBe(true);
      const { status, body } = await waiting;
      expect(status).toBe(200);
      expect(Array.isArray(body.result)).toBe(false);
      expect(body.result?.event_name).toBe("message.text.received");
      const message = body.result?.message as Record<string, unknown>;
      expect(message).toEqual({
        from: { id: zaloUserId(AN), display_name: "Nguyễn Văn An", is_bot: false },
        chat: { id: zaloUserId(AN), chat_type: "PRIVATE" },
        message_id: expect.stringMatching(HEX20),
        date: expect.any(Number),
        text: "Xin chào",
      });
      expect(message.date).toBeGreaterThanOrEqual(before);
      expect(message.date).toBeLessThan(before + 60_000);
      expect(message.message_id).toBe(sent.message.message_id);
      // Consumed once returned: there is no offset, nothing comes twice.
      expect((await poll(1)).status).toBe(408);
    });

    it("by default a message sent between polls waits in a small queue for the next poll", async () => {
      await start();
      await say(AN, "một");
      await say(BINH, "hai");
      expect((await nextEvent()).message?.text).toBe("một");
      expect((await nextEvent()).message?.text).toBe("hai");
    });

    it("strictly, as measured on Zalo, a message sent while no poll waits is lost (and the page says so)", async () => {
      await start({ polling: "strict" });
      const lost = await say(AN, "không ai nghe");
      expect(lost.delivered).toBe(false);
      expect(lost.message.notDelivered).toBe("no_poll");
      expect((await poll(1)).status).toBe(408);

      const waiting = poll(5);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await say(AN, "có người nghe")).delivered).toBe(true);
      expect((await waiting).body.result?.message?.text).toBe("có người nghe");
    });

    it("a picture, a sticker and a file/location/contact arrive as Zalo's events", async () => {
      await start();
      const photo = await page(`${AN}/photo`, { data: PNG.toString("base64"), mimeType: "image/png" });
      expect(photo.status).toBe(200);
      const image = await nextEvent();
      expect(image.event_name).toBe("message.image.received");
      const imageMessage = image.message as Record<string, string>;
      expect(imageMessage.message_type).toBe("CHAT_PHOTO");
      expect(imageMessage.caption).toBe("");
      // A public link, as Zalo's CDN: no token, no page password needed.
      expect(imageMessage.photo_url).toMatch(new RegExp(`^${sim.url}/zalo/media/[0-9a-f]{32}\\.png$`));
      const downloaded = await fetch(String(imageMessage.photo_url));
      expect(downloaded.status).toBe(200);
      expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(PNG);

      const stickerId = ZALO_STICKERS[0]?.id ?? "";
      expect((await page(`${AN}/sticker`, { sticker: stickerId })).status).toBe(200);
      const sticker = await nextEvent();
      expect(sticker.event_name).toBe("message.sticker.received");
      expect(sticker.message).toMatchObject({ sticker: stickerId, message_type: "CHAT_STICKER" });
      const stickerPicture = await fetch(String(sticker.message?.url));
      expect(stickerPicture.headers.get("content-type")).toMatch(/^image\/svg\+xml/);

      for (const kind of ["file", "location", "contact"]) {
        expect((await page(`${AN}/unsupported`, { kind })).status).toBe(200);
        const unsupported = await nextEvent();
        expect(unsupported.event_name).toBe("message.unsupported.received");
        // No content at all: only who, where, which and when.
        expect(Object.keys(unsupported.message ?? {}).sort()).toEqual(["chat", "date", "from", "message_id"]);
      }
      expect((await page(`${AN}/sticker`, { sticker: "khong-co" })).status).toBe(400);
    });
  });

  describe("webhooks", () => {
    it("needs a secret, delivers each event with the secret header and a bare body, and blocks getUpdates", async () => {
      await start();
      const received: { headers: IncomingHttpHeaders; body: string }[] = [];
      const hook = await localServer((request) => {
        received.push(request);
        return {};
      });
      const url = `${hook}/zalo-webhook`;
      await expectZaloError("setWebhook", { url }, 400, /secret_token/);
      await expectZaloError("setWebhook", { url, secret_token: "short" }, 400, /secret_token/);
      await expectZaloError(
        "setWebhook",
        { url: "https://example.org/hook", secret_token: "bi-mat-dai-du" },
        400,
        /only to this machine/,
      );
      // Before any webhook, getWebhookInfo is the measured 404 without an error code.
      const never = await zalo("getWebhookInfo");
      expect(never.status).toBe(404);
      expect(never.body).toEqual({ ok: false, description: "Not Found" });

      const set = await zalo("setWebhook", { url, secret_token: "bi-mat-dai-du" });
      expect(set.status).toBe(200);
      expect(set.body.result).toEqual({ url, updated_at: expect.any(Number) });
      expect((await zalo("getWebhookInfo")).body.result).toEqual({ url, updated_at: expect.any(Number) });
      await expectZaloError("getUpdates", { timeout: 1 }, 400, /deleteWebhook/);

      await say(AN, "qua webhook");
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]?.headers["x-bot-api-secret-token"]).toBe("bi-mat-dai-du");
      expect(received[0]?.headers["content-type"]).toBe("application/json");
      const delivered = JSON.parse(received[0]?.body ?? "{}");
      expect(Object.keys(delivered).sort()).toEqual(["event_name", "message"]);
      expect(delivered.message.text).toBe("qua webhook");

      const deleted = await zalo("deleteWebhook");
      expect(deleted.body.result).toEqual({ url: "", updated_at: expect.any(Number) });
      await say(AN, "lại thăm dò");
      expect((await nextEvent()).message?.text).toBe("lại thăm dò");
      expect(received).toHaveLength(1);
    });
    it("posts an event once more when the connection fails before any answer, and never after an answer", async () => {
      await start();
      const bodies: string[] = [];
      let requests = 0;
      const server = createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        requests++;
        const text = JSON.parse(Buffer.concat(chunks).toString("utf8")).message.text as string;
        // The first post of "đứt" finds the socket closed under it: no answer at all.
        if (text === "đứt" && !bodies.includes("đứt:cut")) {
          bodies.push("đứt:cut");
          request.socket.destroy();
          return;
        }
        bodies.push(text);
        response.writeHead(text === "lỗi" ? 500 : 200, { "content-type": "application/json" });
        response.end("{}");
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo-webhook`;
      expect((await zalo("setWebhook", { url, secret_token: "bi-mat-dai-du" })).status).toBe(200);

      await say(AN, "đứt");
      await expect.poll(() => bodies).toEqual(["đứt:cut", "đứt"]);
      // An answer, even an error, is final: the event is not posted again.
      await say(AN, "lỗi");
      await say(AN, "sau");
      await expect.poll(() => bodies).toEqual(["đứt:cut", "đứt", "lỗi", "sau"]);
      expect(requests).toBe(4);
    });
  });

  describe("sending", () => {
    it("sendMessage: 1–2,000 characters, to people who wrote first; Zalo's result and styles", async () => {
      await start();
      const an = zaloUserId(AN);
      // Nobody has written yet: a bot cannot start a chat on Zalo.
      await expectZaloError("sendMessage", { chat_id: an, text: "Chào" }, 404, "Not found");
      await say(AN, "Xin chào");
      const before = Date.now();
      const sent = await zalo("sendMessage", { chat_id: an, text: "a".repeat(2000) });
      expect(sent.status).toBe(200);
      expect(sent.body.result).toEqual({
        message_id: expect.stringMatching(HEX20),
        date: expect.any(Number),
      });
      expect(sent.body.result?.date).toBeGreaterThanOrEqual(before);
      await expectZaloError("sendMessage", { chat_id: an, text: "a".repeat(2001) }, 400, /2000/);
      await expectZaloError("sendMessage", { chat_id: an, text: "" }, 400, /text/);
      await expectZaloError("sendMessage", { text: "x" }, 400, /chat_id/);
      await expectZaloError("sendMessage", { chat_id: "710000001", text: "x" }, 400, /chat_id/);
      await expectZaloError("sendMessage", { chat_id: zaloUserId(BINH), text: "x" }, 404, "Not found");
      // Telegram's spelling of the parse mode is not Zalo's.
      await expectZaloError(
        "sendMessage",
        { chat_id: an, text: "<b>x</b>", parse_mode: "HTML" },
        400,
        /html/,
      );

      await zalo("sendMessage", {
        chat_id: an,
        text: "<b>Chào</b> anh <i>An</i> &amp; <a href='https://x.vn'>liên kết</a>",
        parse_mode: "html",
      });
      await zalo("sendMessage", { chat_id: an, text: "**Đậm** và ~~gạch~~", parse_mode: "markdown" });
      await zalo("sendMessage", {
        chat_id: an,
        text: "Gạch chân",
        text_styles: [{ start: 0, len: 4, st: ["u"] }],
      });
      await expectZaloError(
        "sendMessage",
        { chat_id: an, text: "x", text_styles: [{ start: 0, st: ["u"] }] },
        400,
        /text_styles/,
      );
      const shown = (await history(AN)).filter((message) => message.outgoing).slice(-3);
      expect(shown.map(({ text, styles }) => ({ text, styles }))).toEqual([
        {
          text: "Chào anh An & liên kết",
          styles: [
            { start: 0, len: 4, st: ["b"] },
            { start: 9, len: 2, st: ["i"] },
          ],
        },
        {
          text: "Đậm và gạch",
          styles: [
            { start: 0, len: 3, st: ["b"] },
            { start: 7, len: 4, st: ["s"] },
          ],
        },
        { text: "Gạch chân", styles: [{ start: 0, len: 4, st: ["u"] }] },
      ]);
    });

    it("sendPhoto takes a URL that the fake downloads itself; a non-URL or an unreachable one is refused", async () => {
      await start();
      const an = zaloUserId(AN);
      await say(AN, "gửi ảnh đi");
      const pictures = await localServer((request) =>
        request.url === "/anh.png" ? { type: "image/png", body: PNG } : { status: 404, body: "" },
      );
      const sent = await zalo("sendPhoto", { chat_id: an, photo: `${pictures}/anh.png`, caption: "Ảnh" });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      expect(sent.body.result?.message_id).toMatch(HEX20);
      const shown = (await history(AN)).at(-1);
      expect(shown).toMatchObject({ outgoing: true, kind: "photo", caption: "Ảnh" });
      const copy = await fetch(`${sim.url}${shown?.photoUrl}`);
      expect(Buffer.from(await copy.arrayBuffer())).toEqual(PNG);

      await expectZaloError("sendPhoto", { chat_id: an, photo: PNG.toString("base64") }, 400, /URL/);
      await expectZaloError(
        "sendPhoto",
        { chat_id: an, photo: "http://127.0.0.1:1/anh.png" },
        400,
        /download/,
      );
      await expectZaloError("sendPhoto", { chat_id: an, photo: `${pictures}/khong-co.png` }, 400, /download/);
      await expectZaloError("sendPhoto", { chat_id: an }, 400, /photo/);
      expect(sim.zalo.quotaUsed()).toBe(1);
    });

    it("sendSticker and sendChatAction (typing only, answered without a result)", async () => {
      await start();
      const an = zaloUserId(AN);
      await say(AN, "chào");
      const sticker = await zalo("sendSticker", { chat_id: an, sticker: ZALO_STICKERS[1]?.id });
      expect(sticker.status).toBe(200);
      expect(sticker.body.result?.message_id).toMatch(HEX20);
      expect((await history(AN)).at(-1)).toMatchObject({ outgoing: true, kind: "sticker" });
      await expectZaloError("sendSticker", { chat_id: an }, 400, /sticker/);

      const typing = await zalo("sendChatAction", { chat_id: an, action: "typing" });
      expect(typing.status).toBe(200);
      expect(typing.body).toEqual({ ok: true });
      await expectZaloError("sendChatAction", { chat_id: an, action: "upload_photo" }, 400, /typing/);
    });
  });

  describe("the Basic plan's limits", () => {
    it("past the monthly quota every send is 429 Quota exceeded and nothing is delivered", async () => {
      expect((await start()).zalo.limits).toMatchObject({ maxUsers: 50, monthlyQuota: 3000 });
      await sim.close();
      await start({ monthlyQuota: 3 });
      const an = zaloUserId(AN);
      await say(AN, "chào");
      for (const text of ["một", "hai", "ba"]) {
        expect((await zalo("sendMessage", { chat_id: an, text })).status).toBe(200);
      }
      await expectZaloError("sendMessage", { chat_id: an, text: "bốn" }, 429, "Quota exceeded");
      await expectZaloError(
        "sendSticker",
        { chat_id: an, sticker: ZALO_STICKERS[0]?.id },
        429,
        "Quota exceeded",
      );
      expect(
        (await history(AN)).filter((message) => message.outgoing).map((message) => message.text),
      ).toEqual(["một", "hai", "ba"]);
      // Chat actions are not messages.
      expect((await zalo("sendChatAction", { chat_id: an, action: "typing" })).status).toBe(200);
    });

    it("the 51st person who writes never reaches the bot, which cannot write to them either", async () => {
      const people: SimulatorUser[] = Array.from({ length: 51 }, (_, index) => ({
        id: 730_000_001 + index,
        firstName: `Người ${index + 1}`,
        phoneNumber: `+8491300${String(index + 1).padStart(4, "0")}`,
        description: "Thử giới hạn",
      }));
      await start({}, people);
      for (const person of people.slice(0, 50)) expect((await say(person.id, "chào")).delivered).toBe(true);
      const last = people[50]?.id ?? 0;
      const refused = await say(last, "chào");
      expect(refused.delivered).toBe(false);
      expect(refused.message.notDelivered).toBe("user_limit");
      expect((await history(last))[0]?.notDelivered).toBe("user_limit");
      // The first 50 are still served.
      expect((await say(people[0]?.id ?? 0, "lần nữa")).delivered).toBe(true);

      const senders = new Set<string>();
      for (;;) {
        const { status, body } = await poll(1);
        if (status === 408) break;
        const from = body.result?.message?.from as { id: string } | undefined;
        senders.add(String(from?.id));
      }
      expect(senders.size).toBe(50);
      expect(senders.has(zaloUserId(last))).toBe(false);
      await expectZaloError("sendMessage", { chat_id: zaloUserId(last), text: "chào" }, 404, "Not found");
      expect(sim.zalo.userCount()).toBe(50);
    });
  });

  describe("the page API for Zalo", () => {
    it("keeps the page's token and JSON rules, and keeps the Zalo chat apart from the Telegram one", async () => {
      await start();
      const noToken = await fetch(`${sim.url}/sim/api/zalo/chats/${AN}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "x" }),
      });
      expect(noToken.status).toBe(403);
      const notJson = await fetch(`${sim.url}/sim/api/zalo/chats/${AN}/messages`, {
        method: "POST",
        headers: { "x-simulator-token": sim.pageToken, "content-type": "text/plain" },
        body: "x",
      });
      expect(notJson.status).toBe(415);
      expect((await page("999/messages", { text: "x" })).status).toBe(404);
      expect((await page(`${AN}/messages`, { text: "   " })).status).toBe(400);

      await say(AN, "trên Zalo");
      expect((await history(AN)).map((message) => message.text)).toEqual(["trên Zalo"]);
      expect(sim.store.chat(AN)?.messages).toEqual([]);
      expect(sim.store.pendingCount()).toBe(0);
    });
  });
});
