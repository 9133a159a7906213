import { request } from "node:http";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type HttpServer, KEEP_ALIVE_MS, startHttpServer } from "../src/http-server.js";

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One GET with a kept-alive connection: the status and the headers as they arrived. */
function get(url: string): Promise<{ status: number; keepAlive: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { connection: "keep-alive" } }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, keepAlive: String(response.headers["keep-alive"]) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("The app's own HTTP server", () => {
  it("answers /healthz, 404 elsewhere, 500 when a handler throws, and keeps idle connections longer than a proxy", async () => {
    const lines: string[] = [];
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      logger: pino({ level: "error" }, { write: (line: string) => void lines.push(line) }),
      routes: [
        {
          prefix: "/boom",
          handle() {
            throw new Error("boom");
          },
        },
      ],
    });
    const health = await get(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // The proxy (nginx: 60 s) closes an idle upstream connection before the app would.
    expect(health.keepAlive).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
    expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
    expect((await get(`${server.url}/nothing`)).status).toBe(404);
    expect((await get(`${server.url}/boom`)).status).toBe(500);
    expect(lines.join("")).toContain("HTTP handler failed");
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
  });
});
