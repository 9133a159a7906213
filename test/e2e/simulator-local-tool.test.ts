import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type IncomingHttpHeaders, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig } from "../../src/config.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

/**
 * Issue 10, item 3: with HOST=0.0.0.0 anyone on the network could read every phone number, act
 * as the admin from any web page, use any token on the Bot API, download uploaded rosters from
 * guessable paths, change the flood limits, steal updates and stop the app. Every one of those
 * attacks is tried here over real HTTP against the running app.
 */

const ROOT = join(import.meta.dirname, "../..");
const AN = 710000001;
const ADMIN = 710000005;
const GIANG = 710000011;
/** Every text an attack tries to put into a chat carries this mark. */
const MARK = "giả-mạo";
const EVIL = "http://evil.example";
/** The token every run of the simulator used to accept, and any other well-formed one. */
const OLD_FIXED_TOKEN = "7000000001:local-simulator-token";
const ANY_TOKEN = "123:abc";

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with exactly the given headers (a forged Host or Origin included), as an
 * attacker's script or a hostile web page would send it. An event stream resolves on its first
 * chunk.
 */
function raw(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const target = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ""),
        port: target.port,
        method,
        path: `${target.pathname}${target.search}`,
        headers: options.headers ?? {},
        timeout: 5000,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        const done = () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        response.on("data", (chunk: string) => {
          body += chunk;
          if (String(response.headers["content-type"]).startsWith("text/event-stream")) {
            done();
            req.destroy();
          }
        });
        response.on("end", done);
        response.on("error", () => done());
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const ok = (response: RawResponse) => response.status >= 200 && response.status < 300;

function uniqueDir(): string {
  return mkdtempSync(join(tmpdir(), "tlgn-local-"));
}

describe("The simulator is a local tool and says so", () => {
  describe("configuration", () => {
    it("refuses a HOST other than this machine without the explicit allowance, naming the variables that allow it", () => {
      for (const host of ["0.0.0.0", "::", "192.168.1.20", "tro-ly.example.vn"]) {
        const result = loadConfig({ HOST: host });
        expect(result.ok, host).toBe(false);
        if (result.ok) continue;
        expect(result.problems).toHaveLength(1);
        const [problem] = result.problems;
        expect(problem).toMatch(new RegExp(`^HOST: ${host.replace(/\./g, "\\.")} `));
        expect(problem).toMatch(/chỉ dùng trên máy này/);
        expect(problem).toMatch(/số điện thoại/);
        expect(problem).toContain("SIMULATOR_ALLOW_REMOTE=true");
        expect(problem).toContain("SIMULATOR_PASSWORD=");
        expect(problem).toMatch(/English: .*local tool/);
      }
      for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) {
        expect(loadConfig({ HOST: host }).ok, host).toBe(true);
      }
      // Real Telegram starts no simulator: HOST is not used and not checked.
      expect(
        loadConfig({ HOST: "0.0.0.0", BOT_TOKEN: "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ" }).ok,
      ).toBe(true);
    });

    it("the allowance needs a shared password of at least 12 characters, and the refusal joins the one list of problems", () => {
      const noPassword = loadConfig({ HOST: "0.0.0.0", SIMULATOR_ALLOW_REMOTE: "true" });
      expect(noPassword.ok).toBe(false);
      if (!noPassword.ok) {
        expect(noPassword.problems).toHaveLength(1);
        expect(noPassword.problems[0]).toMatch(/^SIMULATOR_PASSWORD: .*SIMULATOR_ALLOW_REMOTE=true/);
      }
      const short = loadConfig({
        HOST: "0.0.0.0",
        SIMULATOR_ALLOW_REMOTE: "true",
        SIMULATOR_PASSWORD: "1234",
      });
      expect(short.ok).toBe(false);
      if (!short.ok)
        expect(short.problems).toEqual([expect.stringMatching(/^SIMULATOR_PASSWORD: .*12 ký tự/)]);

      const allowed = loadConfig({
        HOST: "0.0.0.0",
        SIMULATOR_ALLOW_REMOTE: "yes",
        SIMULATOR_PASSWORD: "mat-khau-chung-2026",
      });
      expect(allowed.ok && allowed.config.simulator).toMatchObject({
        allowRemote: true,
        password: "mat-khau-chung-2026",
      });

      const many = loadConfig({ HOST: "0.0.0.0", PORT: "abc", BOT_API_ROOT: "https://x.example" });
      expect(many.ok).toBe(false);
      if (many.ok) return;
      expect(many.problems.map((p) => p.split(":")[0]).sort()).toEqual(["BOT_API_ROOT", "HOST", "PORT"]);
      const message = formatConfigProblems(many.problems);
      expect(message.match(/Cấu hình không hợp lệ/g)).toHaveLength(1);
    });

    it("`HOST=0.0.0.0 npm start` exits at once with a message that explains why", async () => {
      const dir = uniqueDir();
      try {
        const child = spawn("npm", ["start"], {
          cwd: ROOT,
          env: {
            ...process.env,
            HOST: "0.0.0.0",
            PORT: "0",
            DATABASE_URL: `file:${join(dir, "app.db")}`,
            LOG_LEVEL: "silent",
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.stderr?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        const code = await new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => {
            child.kill("SIGKILL");
            resolve(null);
          }, 30_000);
          child.on("exit", (exitCode) => {
            clearTimeout(timer);
            resolve(exitCode);
          });
        });
        expect(code, output).toBe(1);
        expect(output).toContain("Cấu hình không hợp lệ");
        expect(output).toMatch(/HOST: 0\.0\.0\.0 .*chỉ dùng trên máy này/);
        expect(output).toContain("SIMULATOR_ALLOW_REMOTE=true");
        expect(output).toContain("SIMULATOR_PASSWORD=");
        expect(output).not.toContain("bot started");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 40_000);
  });

  describe("over real HTTP, on this machine", () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startRunningApp();
    });
    afterAll(() => running?.stop());

    it("none of the attacks succeeds, and the app keeps answering", async () => {
      const base = running.url;
      const port = new URL(base).port;
      const simulator = running.app.simulator;
      if (!simulator) throw new Error("no simulator");

      // What a real person did before the attacker came: shared a phone, sent a roster.
      await running.say(GIANG, "/start");
      await running.waitForBotText(GIANG, /Xác minh bằng số điện thoại/);
      await running.pageApi(`/sim/api/chats/${GIANG}/contact`, { json: {} });
      await running.waitForBotText(GIANG, /Chào Võ Văn Giang/);
      const roster = readFileSync(join(ROOT, "examples/danh-sach-can-bo-mau.csv"));
      const upload = await running.sendDocument(ADMIN, "danh-sach-can-bo-mau.csv", roster, "text/csv");
      await running.waitForBotText(ADMIN, /danh-sach-can-bo-mau\.csv|dòng/);
      const legitFileId = upload.document?.file_id ?? "";
      const legitFileUrl = upload.fileUrl ?? "";
      const usersBefore = simulator.store.users().length;

      const json = (body: unknown) => JSON.stringify(body);
      const crossSite = { origin: EVIL, "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" };
      const hostHeader = { host: `127.0.0.1:${port}` };
      const leaksPhone = (response: RawResponse) =>
        ok(response) && /84912\d{6}|0912\d{6}/.test(response.body);

      const attacks: { attack: string; run: () => Promise<boolean> }[] = [
        // Listing every user's phone number.
        {
          attack: "read the user list (phones) with no token",
          run: async () => leaksPhone(await raw(base, "GET", "/sim/api/state")),
        },
        {
          attack: "read the user list from a hostile web page",
          run: async () => leaksPhone(await raw(base, "GET", "/sim/api/state", { headers: crossSite })),
        },
        {
          attack: "read a chat with a shared phone number",
          run: async () => leaksPhone(await raw(base, "GET", `/sim/api/chats/${GIANG}`)),
        },
        {
          attack: "read a chat with a made-up page token",
          run: async () =>
            leaksPhone(
              await raw(base, "GET", `/sim/api/chats/${GIANG}`, {
                headers: { "x-simulator-token": "x".repeat(43) },
              }),
            ),
        },
        {
          attack: "open the live event stream",
          run: async () => ok(await raw(base, "GET", "/sim/api/events")),
        },
        {
          attack: "open the live event stream with a made-up token",
          run: async () => ok(await raw(base, "GET", `/sim/api/events?token=${"A".repeat(43)}`)),
        },
        {
          attack: "DNS rebinding: read the page (and its token) under a foreign host name",
          run: async () => {
            const page = await raw(base, "GET", "/", { headers: { host: `evil.example:${port}` } });
            return ok(page) || page.body.includes(simulator.pageToken);
          },
        },
        {
          attack: "DNS rebinding: the page API with the real page token under a foreign host name",
          run: async () =>
            leaksPhone(
              await raw(base, "GET", "/sim/api/state", {
                headers: { host: `evil.example:${port}`, "x-simulator-token": simulator.pageToken },
              }),
            ),
        },
        // Acting as the admin (or anyone) from a web page or the network.
        ...(
          [
            ["text/plain", json({ text: `/start ${MARK}` })],
            ["application/x-www-form-urlencoded", `text=${encodeURIComponent(`/start ${MARK}`)}`],
            [
              "multipart/form-data; boundary=x",
              `--x\r\ncontent-disposition: form-data; name="text"\r\n\r\n${MARK}\r\n--x--`,
            ],
          ] as const
        ).map(([type, body]) => ({
          attack: `write as the admin with a ${type.split(";")[0]} POST from a web page`,
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/messages`, {
                headers: { ...crossSite, "content-type": type },
                body,
              }),
            ),
        })),
        {
          attack: "write as the admin with a body-less no-cors POST",
          run: async () =>
            ok(await raw(base, "POST", `/sim/api/chats/${ADMIN}/contact`, { headers: crossSite })),
        },
        {
          attack: "write as the admin with JSON and no page token",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/messages`, {
                headers: { "content-type": "application/json" },
                body: json({ text: `/start ${MARK}` }),
              }),
            ),
        },
        {
          attack: "write as the admin with JSON and a made-up page token",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/messages`, {
                headers: { "content-type": "application/json", "x-simulator-token": "A".repeat(43) },
                body: json({ text: `/start ${MARK}` }),
              }),
            ),
        },
        {
          attack: "write as the admin with the real page token from a foreign origin",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/messages`, {
                headers: {
                  ...hostHeader,
                  origin: EVIL,
                  "sec-fetch-site": "cross-site",
                  "content-type": "application/json",
                  "x-simulator-token": simulator.pageToken,
                },
                body: json({ text: `/start ${MARK}` }),
              }),
            ),
        },
        {
          attack: "press the admin's button without a page token",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/callback`, {
                headers: { "content-type": "application/json" },
                body: json({ messageId: 1, data: "menu" }),
              }),
            ),
        },
        {
          attack: "send a roster as the admin without a page token",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/document`, {
                headers: { "content-type": "application/json" },
                body: json({
                  fileName: `${MARK}.csv`,
                  mimeType: "text/csv",
                  data: roster.toString("base64"),
                }),
              }),
            ),
        },
        {
          attack: "send a roster as the admin as a raw text/csv body",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${ADMIN}/document`, {
                headers: { "content-type": "text/csv", "x-file-name": encodeURIComponent(`${MARK}.csv`) },
                body: roster,
              }),
            ),
        },
        {
          attack: "add a simulated person from a web page",
          run: async () =>
            ok(
              await raw(base, "POST", "/sim/api/users", {
                headers: { ...crossSite, "content-type": "text/plain" },
                body: json({ firstName: MARK, phoneNumber: "0912999999" }),
              }),
            ),
        },
        // Any token on /bot<token>/…
        ...[ANY_TOKEN, OLD_FIXED_TOKEN].flatMap((token) => [
          {
            attack: `getMe with the token ${token}`,
            run: async () => ok(await raw(base, "GET", `/bot${token}/getMe`)),
          },
          {
            attack: `send as the bot by GET with the token ${token}`,
            run: async () =>
              ok(
                await raw(
                  base,
                  "GET",
                  `/bot${token}/sendMessage?chat_id=${AN}&text=${encodeURIComponent(`Bot ${MARK}`)}`,
                ),
              ),
          },
          {
            attack: `send as the bot by POST with the token ${token}`,
            run: async () =>
              ok(
                await raw(base, "POST", `/bot${token}/sendMessage`, {
                  headers: { "content-type": "application/json" },
                  body: json({ chat_id: ADMIN, text: `Bot ${MARK}` }),
                }),
              ),
          },
          {
            attack: `steal updates with the token ${token}`,
            run: async () => {
              await running.say(AN, "Hỏi đáp");
              return ok(await raw(base, "GET", `/bot${token}/getUpdates?timeout=0`));
            },
          },
          {
            attack: `stop the app with setWebhook and the token ${token}`,
            run: async () => ok(await raw(base, "GET", `/bot${token}/setWebhook?url=http://127.0.0.1:9/`)),
          },
          {
            attack: `log the bot out with the token ${token}`,
            run: async () => ok(await raw(base, "POST", `/bot${token}/logOut`)),
          },
        ]),
        // Uploaded rosters.
        ...[ANY_TOKEN, OLD_FIXED_TOKEN, simulator.token].flatMap((token) =>
          ["documents/file_0.csv", "documents/file_1.csv", "documents/file_0", "photos/file_0.jpg"].map(
            (path) => ({
              attack: `download ${path} with the token ${token === simulator.token ? "(the real one)" : token}`,
              run: async () => ok(await raw(base, "GET", `/file/bot${token}/${path}`)),
            }),
          ),
        ),
        {
          attack: "download the roster by a guessed page file id",
          run: async () => {
            for (const guess of ["BQACAAA", "file_0", "documents%2Ffile_0.csv", legitFileId.slice(0, 12)]) {
              if (ok(await raw(base, "GET", `/sim/files/${guess}`))) return true;
            }
            return false;
          },
        },
        {
          attack: "guess the page link of the uploaded roster",
          // On this machine a file link is a capability (128+ random bits): only the page knows it.
          run: async () => /file_\d+|^\/sim\/files\/.{0,20}$/.test(legitFileUrl),
        },
        // Verbs the Bot API does not have.
        {
          attack: "DELETE on a Bot API method",
          run: async () => ok(await raw(base, "DELETE", `/bot${simulator.token}/getMe`)),
        },
        // Last, as they would hinder the bot's own sends if they worked.
        {
          attack: "make someone block the bot without a page token",
          run: async () =>
            ok(
              await raw(base, "POST", `/sim/api/chats/${AN}/blocked`, {
                headers: { "content-type": "application/json" },
                body: json({ blocked: true }),
              }),
            ),
        },
        {
          attack: "change the flood limits from a web page",
          run: async () =>
            ok(
              await raw(base, "PUT", "/sim/api/limits", {
                headers: { ...crossSite, "content-type": "text/plain" },
                body: json({ perChat: 0.001, global: 0.001 }),
              }),
            ),
        },
        {
          attack: "change the flood limits with JSON and no page token",
          run: async () =>
            ok(
              await raw(base, "PUT", "/sim/api/limits", {
                headers: { "content-type": "application/json" },
                body: json({ perChat: 0.001, global: 0.001 }),
              }),
            ),
        },
      ];

      const results: { attack: string; succeeded: boolean }[] = [];
      for (const { attack, run } of attacks) results.push({ attack, succeeded: await run() });

      expect(results.filter((r) => r.succeeded).map((r) => r.attack)).toEqual([]);
      expect(results.length).toBeGreaterThanOrEqual(40);

      // Nothing an attack tried reached a chat, the limits, the webhook or the user list…
      for (const user of simulator.store.users()) {
        const texts = (simulator.store.chat(user.id)?.messages ?? []).map(
          (m) => `${m.text ?? ""} ${m.document?.file_name ?? ""}`,
        );
        expect(
          texts.filter((text) => text.includes(MARK)),
          String(user.id),
        ).toEqual([]);
      }
      expect(simulator.store.chat(AN)?.user.blocked).toBe(false);
      expect(simulator.api.limits).toEqual({ perChat: 0, global: 0 });
      expect(simulator.api.webhook).toBeUndefined();
      expect(simulator.store.users()).toHaveLength(usersBefore);
      // … and the bot still answers, so no request stopped it.
      await running.say(AN, "/start");
      await running.waitForBotText(AN, /Chọn việc cần làm/);
    }, 60_000);

    it("the page API takes JSON only (415 otherwise) and the page's own token; the page serves that token to itself", async () => {
      const page = await raw(running.url, "GET", "/");
      expect(page.status).toBe(200);
      const token = /<meta name="simulator-token" content="([A-Za-z0-9_-]+)"/.exec(page.body)?.[1];
      expect(token).toBe(running.app.simulator?.pageToken);
      expect((token ?? "").length).toBeGreaterThanOrEqual(43); // 256 bits
      // Not to be framed by another site, nor cached.
      expect(page.headers["x-frame-options"]).toBe("DENY");
      expect(page.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
      expect(page.headers["cache-control"]).toBe("no-store");

      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
      ]) {
        const refused = await raw(running.url, "POST", `/sim/api/chats/${AN}/messages`, {
          headers: { "content-type": type, "x-simulator-token": token ?? "" },
          body: JSON.stringify({ text: "xin chào" }),
        });
        expect(refused.status, type).toBe(415);
      }
      const accepted = await raw(running.url, "POST", `/sim/api/chats/${AN}/messages`, {
        headers: {
          "content-type": "application/json",
          "x-simulator-token": token ?? "",
          origin: running.url,
        },
        body: JSON.stringify({ text: "xin chào" }),
      });
      expect(accepted.status).toBe(200);
      const noToken = await raw(running.url, "GET", "/sim/api/state");
      expect(noToken.status).toBe(403);
      expect(JSON.parse(noToken.body)).toMatchObject({
        ok: false,
        description: expect.stringMatching(/token/),
      });
    });

    it("setWebhook with a bad URL answers 400 like Telegram, and the app keeps polling", async () => {
      const simulator = running.app.simulator;
      if (!simulator) throw new Error("no simulator");
      const bad = [
        "not a url",
        "http://[::1",
        "http://localhost:99999/hook",
        "ftp://127.0.0.1/hook",
        "javascript:alert(1)",
        "http://192.168.1.20:8443/hook",
        "https://example.org/hook",
        "http://127.0.0.1.evil.example/hook",
      ];
      for (const url of bad) {
        const response = await raw(
          running.url,
          "GET",
          `/bot${simulator.token}/setWebhook?url=${encodeURIComponent(url)}`,
        );
        expect(response.status, url).toBe(400);
        expect(JSON.parse(response.body), url).toMatchObject({
          ok: false,
          error_code: 400,
          description: expect.stringMatching(/^Bad Request: bad webhook: /),
        });
      }
      expect(simulator.api.webhook).toBeUndefined();
      await running.say(AN, "/start");
      await running.waitForBotText(AN, /Chọn việc cần làm/);
    });

    it("uploaded files get unguessable ids and paths", async () => {
      const simulator = running.app.simulator;
      if (!simulator) throw new Error("no simulator");
      const message = await running.sendDocument(AN, "ds.csv", Buffer.from("a;b\n"), "text/csv");
      const file = simulator.store.file(message.document?.file_id ?? "");
      if (!file) throw new Error("file not stored");
      expect(file.filePath).toMatch(/^documents\/[0-9a-f]{32}\.csv$/);
      expect(file.fileId).toMatch(/^BQAC[A-Za-z0-9_-]{22,}$/);
      expect(message.fileUrl).toBe(`/sim/files/${file.fileId}`);
      const download = await raw(running.url, "GET", message.fileUrl ?? "");
      expect(download.status).toBe(200);
      expect(download.body).toBe("a;b\n");
      // Served as a download, never as a page of the simulator's origin.
      expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
      expect(download.headers["x-content-type-options"]).toBe("nosniff");
      expect(download.headers["content-security-policy"]).toMatch(/sandbox/);
    });
  });

  describe("opened to the network on purpose", () => {
    const PASSWORD = "mat-khau-chung-2026";
    let running: RunningApp;
    beforeAll(async () => {
      running = await startRunningApp({
        HOST: "0.0.0.0",
        SIMULATOR_ALLOW_REMOTE: "true",
        SIMULATOR_PASSWORD: PASSWORD,
      });
    });
    afterAll(() => running?.stop());

    it("the page, its API and files ask for the shared password; the bot works as before", async () => {
      const simulator = running.app.simulator;
      if (!simulator) throw new Error("no simulator");
      const basic = (password: string) => `Basic ${Buffer.from(`ai-do:${password}`).toString("base64")}`;
      // Reached from another machine, under the address it knows this one by.
      const lan = { host: `192.168.1.20:${simulator.port}` };

      const page = await raw(running.url, "GET", "/", { headers: lan });
      expect(page.status).toBe(401);
      expect(page.headers["www-authenticate"]).toMatch(/^Basic realm=/);
      expect(page.body).not.toContain(simulator.pageToken);
      const wrong = await raw(running.url, "GET", "/", {
        headers: { ...lan, authorization: basic("sai-mat-khau-roi") },
      });
      expect(wrong.status).toBe(401);
      const right = await raw(running.url, "GET", "/", {
        headers: { ...lan, authorization: basic(PASSWORD) },
      });
      expect(right.status).toBe(200);
      expect(right.body).toContain(simulator.pageToken);

      // The page token alone is not enough from the network.
      const state = await raw(running.url, "GET", "/sim/api/state", {
        headers: { ...lan, "x-simulator-token": simulator.pageToken },
      });
      expect(state.status).toBe(401);

      await running.say(AN, "/start");
      const menu = await running.waitForBotText(AN, /Chọn việc cần làm/);
      expect(menu.text).toContain("Chào Nguyễn Văn An");
      const message = await running.sendDocument(AN, "ds.csv", Buffer.from("a;b\n"), "text/csv");
      expect((await raw(running.url, "GET", message.fileUrl ?? "", { headers: lan })).status).toBe(401);
      const file = await raw(running.url, "GET", message.fileUrl ?? "", {
        headers: { ...lan, authorization: basic(PASSWORD) },
      });
      expect(file.status).toBe(200);
      // The Bot API's credential is its token, as on Telegram; a wrong one is still refused.
      expect((await raw(running.url, "GET", `/bot${simulator.token}/getMe`, { headers: lan })).status).toBe(
        200,
      );
      expect((await raw(running.url, "GET", `/bot${ANY_TOKEN}/getMe`, { headers: lan })).status).toBe(401);
      // The Zalo OA fake's consent page grants tokens: it is the page's, behind the password.
      const consent = `/zalo-oa/oauth/v4/oa/permission?app_id=${simulator.zaloOa.options.appId}&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb`;
      expect((await raw(running.url, "GET", consent, { headers: lan })).status).toBe(401);
      const consentPage = await raw(running.url, "GET", consent, {
        headers: { ...lan, authorization: basic(PASSWORD) },
      });
      expect(consentPage.status).toBe(200);
      expect(consentPage.body).toContain("Cho phép");
    });
  });
});
