import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import { ACCESS_TOKEN_MS, type OaPerson, type ZaloOaOptions } from "../../src/simulator/zalo-oa/oa-fake.js";

/** The Zalo OA side of the simulator over real HTTP, as the OA client of the app sees it. */

const APP_ID = "3011000000000000001";
const APP_SECRET = "sim-app-secret";
const OA_SECRET = "sim-oa-secret-key";
const CALLBACK = "http://127.0.0.1:9/zalo-oa/callback";
const HOUR = 3_600_000;
/** The fake's clock: 20/11/2026 09:00 in Vietnam, never the wall clock. */
const START = Date.parse("2026-11-20T02:00:00Z");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

interface Received {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  event: Record<string, unknown> & { event_name: string; message?: Record<string, unknown> };
}

let sim: Simulator;
const servers: Server[] = [];

afterEach(async () => {
  await sim?.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(options: Partial<ZaloOaOptions> = {}): Promise<Simulator> {
  sim = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    users: DEMO_SIMULATOR_USERS,
    token: "123:abc",
    zaloOa: { callbackUrl: CALLBACK, now: () => START, ...options },
  });
  return sim;
}

/** A webhook receiver that keeps each request's exact bytes. */
async function webhook(): Promise<Received[]> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({ raw, headers: request.headers, event: JSON.parse(raw.toString("utf8")) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  sim.zaloOa.webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo-oa/webhook`;
  return received;
}

async function tokenRequest(form: Record<string, string>, secret = APP_SECRET) {
  const response = await fetch(`${sim.url}/zalo-oa/oauth/v4/oa/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", secret_key: secret },
    body: new URLSearchParams(form).toString(),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Consent as the OA's admin (page → "Cho phép" → redirect), then the code exchange. */
async function authorize(challenge?: { challenge: string; verifier: string }) {
  const query = new URLSearchParams({ app_id: APP_ID, redirect_uri: CALLBACK, state: "s-1" });
  if (challenge) query.set("code_challenge", challenge.challenge);
  const page = await fetch(`${sim.url}/zalo-oa/oauth/v4/oa/permission?${query}`);
  const html = await page.text();
  const grant = /id="grant" href="([^"]+)"/.exec(html)?.[1]?.replaceAll("&#38;", "&");
  expect(grant).toBeDefined();
  const redirect = await fetch(`${sim.url}${grant}`, { redirect: "manual" });
  expect(redirect.status).toBe(302);
  const location = new URL(redirect.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
  expect(location.searchParams.get("oa_id")).toBe(sim.zaloOa.options.oaId);
  expect(location.searchParams.get("state")).toBe("s-1");
  const code = location.searchParams.get("code") ?? "";
  const pair = await tokenRequest({
    app_id: APP_ID,
    grant_type: "authorization_code",
    code,
    ...(challenge ? { code_verifier: challenge.verifier } : {}),
  });
  return { code, pair: pair as { access_token: string; refresh_token: string; expires_in: string } };
}

async function openapi(
  path: string,
  accessToken: string,
  body?: unknown,
): Promise<{ error: number; message: string; data?: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}/zalo-oa/openapi${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      access_token: accessToken,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { error: number; message: string; data?: Record<string, unknown> };
}

function text(userId: string, message: string, buttons?: unknown[]) {
  return {
    recipient: { user_id: userId },
    message: {
      text: message,
      ...(buttons ? { attachment: { type: "template", payload: { buttons } } } : {}),
    },
  };
}

async function upload(kind: "image" | "file", accessToken: string, data: Buffer, name: string, type: string) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(data)], { type }), name);
  const response = await fetch(`${sim.url}/zalo-oa/openapi/v2.0/oa/upload/${kind}`, {
    method: "POST",
    headers: { access_token: accessToken },
    body: form,
  });
  return (await response.json()) as { error: number; data?: Record<string, string> };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check()).toBe(true);
};

function an(): OaPerson {
  const person = DEMO_SIMULATOR_USERS[0];
  if (!person) throw new Error("no demo person");
  return sim.zaloOa.person(
    person.id,
    `${person.firstName} ${person.lastName ?? ""}`.trim(),
    person.phoneNumber,
  );
}

describe("A faithful OA fake in the simulator", () => {
  it("consent redirects with code and oa_id; the exchange takes a form body and the secret_key header; expires_in is a string", async () => {
    await start();
    const verifier = "v".repeat(43);
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const { code, pair } = await authorize({ challenge, verifier });
    expect(pair.expires_in).toBe("90000");
    expect(pair.access_token).toMatch(/^[\w-]{40,}$/);
    expect(pair.refresh_token).not.toBe(pair.access_token);
    // A code is single-use.
    expect((await tokenRequest({ app_id: APP_ID, grant_type: "authorization_code", code })).error).toBe(
      -14019,
    );
    // The wrong secret, the wrong callback, the wrong verifier.
    expect(
      (
        await tokenRequest(
          { app_id: APP_ID, grant_type: "refresh_token", refresh_token: pair.refresh_token },
          "x",
        )
      ).error,
    ).toBe(-14002);
    const bad = await fetch(
      `${sim.url}/zalo-oa/oauth/v4/oa/permission?${new URLSearchParams({ app_id: APP_ID, redirect_uri: "http://127.0.0.1:9/other" })}`,
    );
    expect(((await bad.json()) as { error: number }).error).toBe(-14003);
    const second = await authorize();
    expect(second.pair.expires_in).toBe("90000");
  });

  it("refresh tokens are single-use and rotating: a reused refresh token is rejected", async () => {
    await start();
    const { pair } = await authorize();
    const refresh = { app_id: APP_ID, grant_type: "refresh_token" };
    const next = await tokenRequest({ ...refresh, refresh_token: pair.refresh_token });
    expect(next.expires_in).toBe("90000");
    expect(next.refresh_token).not.toBe(pair.refresh_token);
    expect(next.access_token).not.toBe(pair.access_token);
    const reused = await tokenRequest({ ...refresh, refresh_token: pair.refresh_token });
    expect(reused.error).toBe(-14020);
    expect(reused.access_token).toBeUndefined();
    const third = await tokenRequest({ ...refresh, refresh_token: String(next.refresh_token) });
    expect(typeof third.access_token).toBe("string");
  });

  it("access tokens expire after 25 hours (-220); an unknown token is -216", async () => {
    await start();
    const { pair } = await authorize();
    const person = an();
    await sim.zaloOa.sendText(person, "chào");
    expect(
      (await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Chào anh"))).error,
    ).toBe(0);
    expect((await openapi("/v3.0/oa/message/cs", "not-a-token", text(person.userId, "Chào anh"))).error).toBe(
      -216,
    );
    expect((await openapi("/v3.0/oa/message/cs", "", text(person.userId, "Chào anh"))).error).toBe(-216);
    sim.zaloOa.advance(ACCESS_TOKEN_MS);
    await sim.zaloOa.sendText(person, "còn đó không");
    const expired = await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Chào anh"));
    expect(expired).toMatchObject({ error: -220 });
  });

  it("consultation messages: free within 48 h, -232 at 48 h–7 d unless paid messages are allowed, -230 beyond 7 days; the free quota runs out with -211", async () => {
    await start({ monthlyFreeQuota: 2 });
    const { pair } = await authorize();
    const refresh = async () => {
      const next = await tokenRequest({
        app_id: APP_ID,
        grant_type: "refresh_token",
        refresh_token: pair.refresh_token,
      });
      pair.access_token = String(next.access_token);
      pair.refresh_token = String(next.refresh_token);
    };
    const person = an();
    // Never interacted, not a follower.
    expect((await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Chào"))).error).toBe(
      -213,
    );
    await sim.zaloOa.sendText(person, "xin chào");
    const first = await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Chào anh"));
    expect(first.data).toMatchObject({
      user_id: person.userId,
      sent_time: String(START),
      quota: { quota_type: "sub_quota", remain: "1", total: "2" },
    });
    expect(first.data?.message_id).toMatch(/^[0-9a-f]{20}$/);
    expect(
      (await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Lần 2"))).error,
    ).toBe(0);
    expect(
      await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Lần 3")),
    ).toMatchObject({
      error: -211,
    });
    expect(sim.zaloOa.messagesTo(person.userId)).toHaveLength(2);

    sim.zaloOa.advance(49 * HOUR);
    await refresh();
    expect(
      (await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Sau 49 giờ"))).error,
    ).toBe(-232);
    sim.zaloOa.options.paidAllowed = true;
    const paid = await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Sau 49 giờ"));
    expect(paid).toMatchObject({ error: 0, data: { quota: { quota_type: "purchase_quota" } } });
    expect(sim.zaloOa.messagesTo(person.userId).at(-1)?.billing).toBe("paid");

    sim.zaloOa.advance(6 * 24 * HOUR);
    await refresh();
    expect(
      (await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Sau 8 ngày"))).error,
    ).toBe(-230);
    // A new message from the person opens the window again (the quota is a month's).
    await sim.zaloOa.sendText(person, "tôi đây");
    expect((await openapi("/v3.0/oa/message/cs", pair.access_token, text(person.userId, "Chào"))).error).toBe(
      -211,
    );
  });

  it("events are signed with X-ZEvent-Signature over the exact raw body; each send is echoed as oa_send_*; re-delivery sends the same bytes twice", async () => {
    await start();
    const received = await webhook();
    const { pair } = await authorize();
    const person = an();
    const msgId = await sim.zaloOa.sendText(person, "Hộ cận nghèo được hỗ trợ BHYT bao nhiêu? 🙏");
    expect(received).toHaveLength(1);
    const event = received[0] as Received;
    expect(event.event).toMatchObject({
      app_id: APP_ID,
      event_name: "user_send_text",
      timestamp: String(START),
      sender: { id: person.userId },
      recipient: { id: sim.zaloOa.options.oaId },
      message: { msg_id: msgId, text: "Hộ cận nghèo được hỗ trợ BHYT bao nhiêu? 🙏" },
    });
    expect(person.userId).toMatch(/^\d{19}$/);
    const mac = (bytes: Buffer) =>
      `mac=${createHash("sha256")
        .update(
          Buffer.concat([Buffer.from(APP_ID), bytes, Buffer.from(String(START)), Buffer.from(OA_SECRET)]),
        )
        .digest("hex")}`;
    expect(event.headers["x-zevent-signature"]).toBe(mac(event.raw));
    // Over the bytes, not over the object: re-serialised with spaces it no longer matches.
    expect(event.headers["x-zevent-signature"]).not.toBe(
      mac(Buffer.from(JSON.stringify(event.event, null, 1))),
    );

    const sent = await openapi(
      "/v3.0/oa/message/cs",
      pair.access_token,
      text(person.userId, "Chọn một mục", [{ title: "Hỏi đáp", type: "oa.query.hide", payload: "#m:faq" }]),
    );
    await until(() => received.length === 2);
    expect(received[1]?.event).toMatchObject({
      event_name: "oa_send_text",
      sender: { id: sim.zaloOa.options.oaId },
      recipient: { id: person.userId },
      message: { msg_id: sent.data?.message_id, text: "Chọn một mục" },
    });

    sim.zaloOa.options.duplicateDeliveries = true;
    await sim.zaloOa.sendText(person, "lần nữa");
    expect(received).toHaveLength(4);
    expect(received[3]?.raw.equals(received[2]?.raw ?? Buffer.alloc(0))).toBe(true);
    expect(received[3]?.headers["x-zevent-signature"]).toBe(received[2]?.headers["x-zevent-signature"]);
  });

  it("buttons: at most 5; a tap arrives as user_send_text with the payload", async () => {
    await start();
    const received = await webhook();
    const { pair } = await authorize();
    const person = an();
    await sim.zaloOa.follow(person);
    expect(received[0]?.event).toMatchObject({
      event_name: "follow",
      oa_id: sim.zaloOa.options.oaId,
      follower: { id: person.userId },
    });
    const button = (n: number) => ({ title: `Mục ${n}`, type: "oa.query.hide", payload: `#m:${n}` });
    const six = await openapi(
      "/v3.0/oa/message/cs",
      pair.access_token,
      text(person.userId, "Chọn", [1, 2, 3, 4, 5, 6].map(button)),
    );
    expect(six.error).toBe(-201);
    const five = await openapi(
      "/v3.0/oa/message/cs",
      pair.access_token,
      text(person.userId, "Chọn", [1, 2, 3, 4, 5].map(button)),
    );
    expect(five.error).toBe(0);
    await until(() => received.length === 2);
    await sim.zaloOa.tapButton(person, String(five.data?.message_id), "Mục 3");
    expect(received[2]?.event).toMatchObject({ event_name: "user_send_text", message: { text: "#m:3" } });
  });

  it("image and file: upload, then send by attachment_id / token; the echoes say oa_send_image and oa_send_file", async () => {
    await start();
    const received = await webhook();
    const { pair } = await authorize();
    const person = an();
    await sim.zaloOa.sendText(person, "gửi ảnh cho tôi");
    const image = await upload("image", pair.access_token, PNG, "bieu-do.png", "image/png");
    expect(image.error).toBe(0);
    const big = await upload(
      "image",
      pair.access_token,
      Buffer.alloc(1024 * 1024 + 1),
      "lon.png",
      "image/png",
    );
    expect(big.error).toBe(-201);
    const attachmentId = String(image.data?.attachment_id);
    const photo = await openapi("/v3.0/oa/message/cs", pair.access_token, {
      recipient: { user_id: person.userId },
      message: {
        text: "Biểu đồ tuần 47",
        attachment: {
          type: "template",
          payload: {
            template_type: "media",
            elements: [{ media_type: "image", attachment_id: attachmentId }],
          },
        },
      },
    });
    expect(photo.error).toBe(0);
    const file = await upload(
      "file",
      pair.access_token,
      Buffer.from("%PDF-1.4"),
      "tong-hop.pdf",
      "application/pdf",
    );
    expect(file.error).toBe(0);
    expect(
      (await upload("file", pair.access_token, Buffer.from("x"), "a.exe", "application/octet-stream")).error,
    ).toBe(-201);
    const doc = await openapi("/v3.0/oa/message/cs", pair.access_token, {
      recipient: { user_id: person.userId },
      message: { attachment: { type: "file", payload: { token: file.data?.token } } },
    });
    expect(doc.error).toBe(0);
    await until(() => received.length === 3);
    expect(received.map((r) => r.event.event_name)).toEqual([
      "user_send_text",
      "oa_send_image",
      "oa_send_file",
    ]);
    const url = String(sim.zaloOa.messagesTo(person.userId)[0]?.attachment?.url);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(PNG)).toBe(true);
    // Uploaded assets expire after 7 days (-100).
    sim.zaloOa.advance(8 * 24 * HOUR);
    const { pair: later } = await authorize();
    await sim.zaloOa.sendText(person, "lại đây");
    const stale = await openapi("/v3.0/oa/message/cs", later.access_token, {
      recipient: { user_id: person.userId },
      message: { attachment: { type: "file", payload: { token: file.data?.token } } },
    });
    expect(stale.error).toBe(-100);
  });

  it("request_user_info takes one element; the submitted form arrives as user_submit_info with the phone as 84…; user/detail shows it", async () => {
    await start();
    const received = await webhook();
    const { pair } = await authorize();
    const person = an();
    await sim.zaloOa.follow(person);
    const form = (elements: unknown[]) => ({
      recipient: { user_id: person.userId },
      message: {
        attachment: { type: "template", payload: { template_type: "request_user_info", elements } },
      },
    });
    const element = {
      title: "Xác minh số điện thoại",
      subtitle: "Chia sẻ số để liên kết",
      image_url: "https://example.invalid/a.png",
    };
    expect((await openapi("/v3.0/oa/message/cs", pair.access_token, form([element, element]))).error).toBe(
      -201,
    );
    expect((await openapi("/v3.0/oa/message/cs", pair.access_token, form([element]))).error).toBe(0);
    await until(() => received.length === 2);
    expect(received[1]?.event.event_name).toBe("oa_send_template");
    await sim.zaloOa.submitInfo(person);
    expect(received[2]?.event).toMatchObject({
      event_name: "user_submit_info",
      sender: { id: person.userId },
      recipient: { id: sim.zaloOa.options.oaId },
      info: { phone: `84${person.phone.replace(/\D/g, "").replace(/^(84|0)/, "")}` },
    });
    const detail = await openapi(
      `/v3.0/oa/user/detail?data=${encodeURIComponent(JSON.stringify({ user_id: person.userId }))}`,
      pair.access_token,
    );
    expect(detail.data).toMatchObject({
      user_id: person.userId,
      user_is_follower: true,
      shared_info: { phone: person.sharedPhone },
    });
  });

  it("the person's image, file, location and sticker arrive as user_send_* with the doc's attachment payloads", async () => {
    await start();
    const received = await webhook();
    const person = an();
    await sim.zaloOa.sendImage(person, "http://127.0.0.1:9/anh.jpg", "ảnh hiện trường");
    await sim.zaloOa.sendFile(person, { url: "http://127.0.0.1:9/ds.csv", name: "ds.csv", size: 12 });
    await sim.zaloOa.sendLocation(person, 18.3428, 105.9057, "Thôn 3");
    await sim.zaloOa.sendSticker(person, "st1", "http://127.0.0.1:9/st1.png");
    expect(received.map((r) => r.event.event_name)).toEqual([
      "user_send_image",
      "user_send_file",
      "user_send_location",
      "user_send_sticker",
    ]);
    expect(received[0]?.event.message).toMatchObject({
      text: "ảnh hiện trường",
      attachments: [{ type: "image", payload: { url: "http://127.0.0.1:9/anh.jpg" } }],
    });
    expect(received[1]?.event.message).toMatchObject({
      attachments: [{ type: "file", payload: { name: "ds.csv", size: "12", type: "csv" } }],
    });
    expect(received[2]?.event.message).toMatchObject({
      text: "Thôn 3",
      attachments: [
        { type: "location", payload: { coordinates: { latitude: "18.3428", longitude: "105.9057" } } },
      ],
    });
    expect(received[3]?.event.message).toMatchObject({
      attachments: [{ type: "sticker", payload: { id: "st1" } }],
    });
  });

  it("past the rate limit the API answers -32 until the minute is over, with X-RateLimit headers", async () => {
    await start({ rateLimitPerMinute: 2 });
    const { pair } = await authorize();
    const person = an();
    await sim.zaloOa.sendText(person, "chào");
    const call = () =>
      fetch(`${sim.url}/zalo-oa/openapi/v3.0/oa/message/cs`, {
        method: "POST",
        headers: { access_token: pair.access_token, "content-type": "application/json" },
        body: JSON.stringify(text(person.userId, "Chào anh")),
      });
    const first = await call();
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remain")).toBe("1");
    expect(((await first.json()) as { error: number }).error).toBe(0);
    expect(((await (await call()).json()) as { error: number }).error).toBe(0);
    const third = await call();
    expect(third.headers.get("x-ratelimit-remain")).toBe("0");
    expect(((await third.json()) as { error: number }).error).toBe(-32);
    expect(sim.zaloOa.messagesTo(person.userId)).toHaveLength(2);
    sim.zaloOa.advance(60_000);
    expect(((await (await call()).json()) as { error: number }).error).toBe(0);
  });

  it("ZNS template messages are recorded with the template id and data; a missing field is refused", async () => {
    await start();
    const { pair } = await authorize();
    const zns = async (body: unknown) =>
      (await (
        await fetch(`${sim.url}/zalo-oa/business/message/template`, {
          method: "POST",
          headers: { access_token: pair.access_token, "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as { error: number; data?: Record<string, unknown> };
    const data = {
      ten: "Ngô Thị Lan",
      khoa_hoc: "Tập huấn rà soát",
      thoi_gian: "08:00 15/12/2026",
      dia_diem: "UBND xã",
    };
    const ok = await zns({
      phone: "84912000007",
      template_id: "300001",
      template_data: data,
      tracking_id: "c-1",
    });
    expect(ok).toMatchObject({ error: 0, data: { sent_time: String(START) } });
    expect(sim.zaloOa.zns).toEqual([
      expect.objectContaining({
        phone: "84912000007",
        templateId: "300001",
        templateData: data,
        trackingId: "c-1",
      }),
    ]);
    // Zalo's ZNS codes: data missing a field -112, no data -111, unknown template -109, a phone
    // that is no number -108.
    expect(
      (await zns({ phone: "84912000007", template_id: "300001", template_data: { ten: "Lan" } })).error,
    ).toBe(-112);
    expect((await zns({ phone: "84912000007", template_id: "300001", template_data: {} })).error).toBe(-111);
    expect((await zns({ phone: "84912000007", template_id: "999", template_data: data })).error).toBe(-109);
    expect((await zns({ phone: "912-000-007", template_id: "300001", template_data: data })).error).toBe(
      -108,
    );
    expect(sim.zaloOa.zns).toHaveLength(1);
  });

  it("ZNS takes 84…, 0… or the bare number; each Vietnamese day allows the daily quota, then refuses", async () => {
    await start({ znsDailyQuota: 2 });
    const { pair } = await authorize();
    const zns = async (phone: string) =>
      (await (
        await fetch(`${sim.url}/zalo-oa/business/message/template`, {
          method: "POST",
          headers: { access_token: pair.access_token, "content-type": "application/json" },
          body: JSON.stringify({
            phone,
            template_id: "300002",
            template_data: { ten: "Lan", noi_dung: "Nộp báo cáo", han: "30/11/2026" },
          }),
        })
      ).json()) as { error: number; message: string; data?: { quota?: Record<string, string> } };
    const first = await zns("0912000007");
    expect(first).toMatchObject({ error: 0, data: { quota: { dailyQuota: "2", remainingQuota: "1" } } });
    expect((await zns("912000008")).error).toBe(0);
    const third = await zns("84912000009");
    expect(third.error).toBe(-144);
    expect(third.message).toContain("daily ZNS quota");
    // The next day (in Vietnam) the quota is whole again.
    sim.zaloOa.advance(24 * HOUR);
    const { pair: later } = await authorize();
    pair.access_token = later.access_token;
    expect((await zns("84912000009")).error).toBe(0);
    expect(sim.zaloOa.zns.map((message) => message.phone)).toEqual([
      "0912000007",
      "912000008",
      "84912000009",
    ]);
  });
});
