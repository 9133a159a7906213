import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Inbound } from "../inbound.js";
import { MAX_WEBHOOK_BODY } from "../webhook.js";
import { readOaEvent } from "./oa-events.js";

/**
 * The expected `X-ZEvent-Signature` of an OA webhook body: `mac=` + hex SHA-256 (plain, not
 * HMAC) of `firstTerm + rawBody + timestamp + secret`, where `timestamp` is the body's own
 * `timestamp` field (docs/zalo.md §2, from Zalo's Java SDK `MacUtils`). Unconfirmed: whether the
 * secret is the OA Secret Key (two sources) or the App Secret (one), and whether the first term
 * is the app id or (one source) the OA id — both are configuration.
 */
export function oaEventMac(options: {
  firstTerm: string;
  rawBody: Buffer;
  timestamp: string;
  secret: string;
}) {
  return createHash("sha256")
    .update(options.firstTerm)
    .update(options.rawBody)
    .update(options.timestamp)
    .update(options.secret)
    .digest("hex");
}

/** Whether `header` (`mac=<hex>`, or the bare hex) signs `rawBody`; constant-time. */
export function verifyOaSignature(
  header: string | undefined,
  rawBody: Buffer,
  options: { firstTerm: string; secret: string },
): boolean {
  if (!header || !options.secret) return false;
  let timestamp: string | undefined;
  try {
    const value = (JSON.parse(rawBody.toString("utf8")) as { timestamp?: unknown }).timestamp;
    timestamp = typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
  } catch {
    return false;
  }
  if (timestamp === undefined) return false;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  const expected = oaEventMac({ ...options, rawBody, timestamp });
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"));
}

export interface OaWebhookOptions {
  inbound: Inbound;
  logger: Logger;
  /** The secret in the signature (`ZALO_OA_WEBHOOK_SECRET`: the OA Secret Key, or the App Secret). */
  secret: string;
  /** The first term of the signature: the app id (default) or the OA id. */
  firstTerm: string;
}

/**
 * The OA webhook (node:http handler): checks `X-ZEvent-Signature` over the raw bytes (401
 * otherwise), stores the event in part 1's inbound queue (its unique message id drops a
 * re-delivered `msg_id`) and answers 200 at once — the translation for the bot runs after the
 * answer. The OA's own `oa_send_*` echoes and events the bot does not use are answered 200 and
 * dropped; a signed body that is no event too (Zalo would only send it again).
 */
export function createOaWebhookHandler(options: OaWebhookOptions) {
  const { inbound, logger } = options;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (request.method !== "POST") return answer(405, { error: -1, message: "Method Not Allowed" });
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_WEBHOOK_BODY) {
          answer(413, { error: -1, message: "Payload Too Large" });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      }
    } catch {
      return answer(400, { error: -1, message: "Bad Request" });
    }
    const raw = Buffer.concat(chunks);
    const header = request.headers["x-zevent-signature"];
    if (!verifyOaSignature(Array.isArray(header) ? header[0] : header, raw, options)) {
      logger.warn({ size }, "zalo oa webhook: signature refused");
      return answer(401, { error: -1, message: "Unauthorized" });
    }
    const reading = readOaEvent(JSON.parse(raw.toString("utf8")));
    if (reading.kind !== "event") {
      if (reading.kind === "invalid") logger.warn({ size }, "zalo oa webhook: a body that is no event");
      return answer(200, { error: 0 });
    }
    try {
      const outcome = await inbound.ingest(reading.event);
      if (outcome === "duplicate")
        logger.info({ event: reading.event.event_name }, "zalo oa webhook: re-delivered event dropped");
      answer(200, { error: 0 });
    } catch (error) {
      logger.error({ err: error }, "zalo oa webhook: could not store an event");
      answer(500, { error: -1, message: "Internal Server Error" });
    }
  };
}
