import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInbound, type Inbound } from "../../../../src/channels/zalo/inbound.js";
import { readOaEvent } from "../../../../src/channels/zalo/oa/oa-events.js";
import { createOaWebhookHandler, oaEventMac } from "../../../../src/channels/zalo/oa/oa-webhook.js";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { createFakeClock } from "../../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../../helpers/temp-db.js";

const APP_ID = "4321987654321";
const SECRET = "oa-secret-key";
const USER = "2468458835296197922";
const OA = "1234567890123456789";
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: "silent" });

let temp: TempDb;
let inbound: Inbound;
let server: Server;
let url: string;
let offset = 0;

beforeAll(async () => {
  temp = await createTempDb();
  inbound = createInbound({
    db: temp.db,
    clock,
    logger,
    client: { call: async () => ({}) as never },
    translator: createTranslator("vi"),
    defaultLocale: "vi",
    botUser: async () => ({ id: 1, is_bot: true, first_name: "OA" }),
  });
  const handler = createOaWebhookHandler({ inbound, logger, secret: SECRET, firstTerm: APP_ID });
  server = createServer((request, response) => void handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo-oa/webhook`;
});
afterAll(async () => {
  inbound.close();
  await new Promise((resolve) => server.close(resolve));
  await temp.cleanup();
});

let seq = 0;
const event = (name: string, fields: Record<string, unknown> = {}) => {
  seq++;
  const timestamp = String(1795312800000 + seq * 1000);
  return {
    app_id: APP_ID,
    user_id_by_app: "552177279717587730",
    event_name: name,
    timestamp,
    sender: { id: USER },
    recipient: { id: OA },
    message: { msg_id: `e2a641af6661713b${String(seq).padStart(4, "0")}`, text: "Helo" },
    ...fields,
  };
};
/** Zalo's way: the body as bytes, signed over exactly those bytes. */
const sign = (raw: string, timestamp: string, secret = SECRET) =>
  `mac=${oaEventMac({ firstTerm: APP_ID, rawBody: Buffer.from(raw, "utf8"), timestamp, secret })}`;
const post = (raw: string | Buffer, signature?: string) =>
  fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "x-zevent-signature": signature } : {}),
    },
    body: raw,
  });
const deliver = (body: ReturnType<typeof event>) => {
  const raw = JSON.stringify(body);
  return post(raw, sign(raw, body.timestamp));
};
const updates = async (): Promise<Update[]> => {
  const batch = await inbound.getUpdates({ offset, timeout: 0 });
  if (batch.length > 0) offset = (batch.at(-1)?.update_id ?? 0) + 1;
  return batch;
};

beforeEach(async () => {
  await updates(); // confirm what earlier tests left
});

describe("OA webhook: the signature is checked over the raw body", () => {
  // Spaces and a key order no JSON.stringify of the parsed body would reproduce.
  const body = event("user_send_text");
  const raw = `{ "event_name":"user_send_text", "app_id":"${APP_ID}", "timestamp":"${body.timestamp}",\n "sender":{"id":"${USER}"}, "recipient":{"id":"${OA}"}, "message":{"msg_id":"${body.message.msg_id}","text":"Chào Ủy ban"} }`;

  it("accepts a body signed over its exact bytes", async () => {
    const response = await post(raw, sign(raw, body.timestamp));
    expect(response.status).toBe(200);
    const [update] = await updates();
    expect(update?.message?.text).toBe("Chào Ủy ban");
  });

  it("refuses a signature made over the re-serialised JSON", async () => {
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    const response = await post(raw, sign(reserialised, body.timestamp));
    expect(response.status).toBe(401);
  });

  it("refuses the body with one byte changed", async () => {
    const changed = Buffer.from(raw, "utf8");
    const at = changed.indexOf("Helo") >= 0 ? changed.indexOf("Helo") : changed.indexOf("Ch");
    changed[at] = changed[at] === 0x43 ? 0x63 : 0x43;
    expect((await post(changed, sign(raw, body.timestamp))).status).toBe(401);
  });

  it("refuses no signature, a wrong secret, a wrong timestamp and a malformed header", async () => {
    expect((await post(raw)).status).toBe(401);
    expect((await post(raw, sign(raw, body.timestamp, "app-secret"))).status).toBe(401);
    expect((await post(raw, sign(raw, String(Number(body.timestamp) + 1)))).status).toBe(401);
    expect((await post(raw, "mac=zz")).status).toBe(401);
    expect(await updates()).toEqual([]);
  });
});

describe("OA webhook: duplicate and echo events are ignored", () => {
  it("a re-delivered msg_id reaches the bot once", async () => {
    const body = event("user_send_text");
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    expect(await updates()).toHaveLength(1);
  });

  it("the OA's own oa_send_* echoes are answered 200 and dropped", async () => {
    const echo = event("oa_send_text", { sender: { id: OA }, recipient: { id: USER } });
    expect((await deliver(echo)).status).toBe(200);
    expect((await deliver(event("user_seen_message"))).status).toBe(200);
    expect(await updates()).toEqual([]);
  });
});

describe("OA inbound: events become the updates Telegram would send", () => {
  it("text, image, file, location, sticker, follow and user_submit_info", async () => {
    const attach = (type: string, payload: object, text?: string) => ({
      message: {
        msg_id: `ff${String(seq).padStart(18, "0")}`,
        ...(text ? { text } : {}),
        attachments: [{ type, payload }],
      },
    });
    await deliver(event("user_send_text", { message: { msg_id: "aa01", text: "/start" } }));
    await deliver(
      event("user_send_image", attach("image", { url: "https://zalo.test/p.jpg", thumbnail: "t" }, "Nhà")),
    );
    await deliver(
      event(
        "user_send_file",
        attach("file", { url: "https://zalo.test/f.pdf", size: "2048", name: "bao-cao.pdf", type: "pdf" }),
      ),
    );
    await deliver(
      event(
        "user_send_location",
        attach("location", { coordinates: { latitude: "18.3559", longitude: "105.8877" } }, "Thôn 3"),
      ),
    );
    await deliver(
      event("user_send_sticker", attach("sticker", { id: "st1", url: "https://zalo.test/s.png" })),
    );
    const follow = event("follow", { follower: { id: USER }, oa_id: OA, source: "oa_profile" });
    await deliver(follow);
    await deliver(follow); // re-delivered
    await deliver(
      event("user_submit_info", { info: { name: "Võ Văn Giang", phone: "84912345678", address: "Thôn 3" } }),
    );
    const got = await updates();
    const messages = got.map((update) => update.message);
    expect(messages).toHaveLength(7);
    const chatId = messages[0]?.chat.id;
    for (const message of messages) {
      expect(message?.chat).toMatchObject({ id: chatId, type: "private" });
      expect(message?.from?.id).toBe(chatId);
    }
    expect(messages[0]).toMatchObject({
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
    expect(messages[0]?.date).toBe(Math.floor(Number(1795312800000 + (seq - 6) * 1000) / 1000));
    expect(messages[1]).toMatchObject({ photo: [{ file_id: "https://zalo.test/p.jpg" }], caption: "Nhà" });
    expect(messages[2]).toMatchObject({
      document: { file_id: "https://zalo.test/f.pdf", file_name: "bao-cao.pdf", file_size: 2048 },
    });
    expect(messages[3]).toMatchObject({ location: { latitude: 18.3559, longitude: 105.8877 } });
    expect(messages[4]).toMatchObject({ sticker: { file_id: "st1" } });
    expect(messages[5]).toMatchObject({ text: "/start" });
    expect(messages[6]).toMatchObject({
      contact: { phone_number: "84912345678", first_name: "Võ Văn Giang", user_id: chatId },
    });
  });

  it("a body that is no event is read as such, not thrown", () => {
    expect(readOaEvent(null)).toEqual({ kind: "invalid" });
    expect(readOaEvent({ event_name: "user_send_text", sender: { id: USER } })).toEqual({ kind: "invalid" });
    expect(
      readOaEvent({ event_name: "user_send_location", sender: { id: USER }, message: { msg_id: "x" } }),
    ).toEqual({
      kind: "invalid",
    });
  });
});
