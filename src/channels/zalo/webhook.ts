import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Inbound } from "./inbound.js";
import { readZaloEvent } from "./zalo-events.js";

/** Real events are a few hundred bytes; anything this large is not Zalo. */
export const MAX_WEBHOOK_BODY = 64 * 1024;

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * The Zalo webhook (a plain node:http handler to mount on the app's server): checks the
 * `X-Bot-Api-Secret-Token` header in constant time (401 otherwise), reads at most
 * {@link MAX_WEBHOOK_BODY} bytes (413), takes the bare event or the `{ok, result}` envelope,
 * stores it in the inbound queue and answers 200 — in milliseconds, well within Zalo's 2 s. A
 * body-less probe gets 200 too; a body that is no event is logged and answered 200 (Zalo would
 * only send it again).
 */
export function createWebhookHandler(options: { inbound: Inbound; secret: string; logger: Logger }) {
  const { inbound, secret, logger } = options;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (request.method !== "POST") return answer(405, { ok: false, description: "Method Not Allowed" });
    const header = request.headers["x-bot-api-secret-token"];
    const given = Array.isArray(header) ? (header[0] ?? "") : (header ?? "");
    if (!secret || !sameSecret(given, secret)) {
      request.resume();
      return answer(401, { ok: false, description: "Unauthorized" });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_WEBHOOK_BODY) {
          answer(413, { ok: false, description: "Payload Too Large" });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      }
    } catch {
      return answer(400, { ok: false, description: "Bad Request" });
    }
    const raw = Buffer.concat(chunks).toString("utf8");
    if (raw.trim() === "") return answer(200, { ok: true });
    let event: ReturnType<typeof readZaloEvent>;
    try {
      event = readZaloEvent(JSON.parse(raw));
    } catch {
      event = undefined;
    }
    if (!event) {
      logger.warn({ size }, "zalo webhook: a body that is no event");
      return answer(200, { ok: true });
    }
    try {
      const outcome = await inbound.ingest(event);
      if (outcome === "duplicate")
        logger.info({ event: event.event_name }, "zalo webhook: re-delivered event dropped");
      answer(200, { ok: true });
    } catch (error) {
      logger.error({ err: error }, "zalo webhook: could not store an event");
      answer(500, { ok: false, description: "Internal Server Error" });
    }
  };
}
