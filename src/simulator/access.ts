import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isLoopbackHost } from "../shared/loopback.js";
import { newZaloToken } from "./zalo/zalo-api.js";

/** Header in which the chat page sends its page token with every page-API request. */
export const PAGE_TOKEN_HEADER = "x-simulator-token";

export type AccessRefusal = { status: 401 | 403 | 415; description: string };

const BOT_TOKEN_FORMAT = /^\d+:[A-Za-z0-9_-]+$/;

/**
 * Who may use the simulator. Whoever reaches its chat page can read every person's phone
 * number and act as anyone (the admin included), so:
 * - it answers only under this machine's own names (a foreign Host header is a DNS-rebinding
 *   page), unless it was opened to the network on purpose, and then only with the shared
 *   password (HTTP Basic);
 * - the Bot API takes only the bot's token (random per run unless given), as Telegram does,
 *   and the Zalo fake only its own token;
 * - the page API takes JSON only (no "simple" cross-site request can reach it) from the page's
 *   own origin, with the page token the page got inside its HTML.
 */
export class SimulatorAccess {
  readonly botToken: string;
  /** The Zalo fake's token (`/zalo/bot<token>/…`), random per run unless given. */
  readonly zaloToken: string;
  readonly pageToken = randomBytes(32).toString("base64url");
  /** Bound to something other than this machine (password required). */
  readonly remote: boolean;
  private allowedHosts = new Set<string>();

  constructor(
    private readonly options: {
      host: string;
      botId: number;
      token?: string;
      zaloToken?: string;
      password?: string;
    },
  ) {
    this.remote = !isLoopbackHost(options.host);
    if (this.remote && !options.password) {
      throw new Error(
        `The simulator listens on ${options.host}, reachable from the network, only with a password`,
      );
    }
    if (options.token !== undefined && !BOT_TOKEN_FORMAT.test(options.token)) {
      throw new Error("The simulator's bot token must look like 123456:abc-_XYZ");
    }
    this.botToken = options.token ?? `${options.botId}:${randomBytes(32).toString("base64url")}`;
    if (options.zaloToken !== undefined && !BOT_TOKEN_FORMAT.test(options.zaloToken)) {
      throw new Error("The simulator's Zalo token must look like 12345689:abc-xyz");
    }
    this.zaloToken = options.zaloToken ?? newZaloToken();
  }

  /** The names a browser on this machine uses for the port the server got. */
  listeningOn(port: number): void {
    const configured = this.options.host.includes(":") ? `[${this.options.host}]` : this.options.host;
    const names = ["localhost", "127.0.0.1", "[::1]", configured.toLowerCase()];
    this.allowedHosts = new Set(
      names.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`])),
    );
  }

  /** On this machine only this machine's names; opened to the network, the password decides. */
  hostAllowed(request: IncomingMessage): boolean {
    if (this.remote) return true;
    return this.allowedHosts.has(String(request.headers.host ?? "").toLowerCase());
  }

  isBotToken(candidate: string): boolean {
    return sameSecret(candidate, this.botToken);
  }

  isZaloToken(candidate: string): boolean {
    return sameSecret(candidate, this.zaloToken);
  }

  /** Without a password, everyone who got this far; with one, the right HTTP Basic password. */
  passwordAccepted(request: IncomingMessage): boolean {
    const password = this.options.password;
    if (!password) return true;
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? "");
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 && sameSecret(decoded.slice(colon + 1), password);
  }

  /**
   * Why a page-API request is refused, if it is: not JSON (415) — text/plain, form posts and
   * body-less posts are what any web page can send without asking —, sent by another site,
   * or without the page token (403). The event stream (EventSource cannot send headers) takes
   * the token as `?token=`.
   */
  pageApiRefusal(request: IncomingMessage, url: URL): AccessRefusal | undefined {
    const method = request.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      const type = String(request.headers["content-type"] ?? "")
        .split(";")[0]
        ?.trim()
        .toLowerCase();
      if (type !== "application/json") {
        return { status: 415, description: "Chỉ nhận dữ liệu JSON (Content-Type: application/json)" };
      }
    }
    const site = request.headers["sec-fetch-site"];
    const origin = request.headers.origin;
    if ((site !== undefined && site !== "same-origin" && site !== "none") || !sameHost(origin, request)) {
      return { status: 403, description: "Trang khác không được dùng trình giả lập" };
    }
    const given =
      url.pathname === "/sim/api/events" ? url.searchParams.get("token") : request.headers[PAGE_TOKEN_HEADER];
    if (typeof given !== "string" || !sameSecret(given, this.pageToken)) {
      return {
        status: 403,
        description: "Thiếu hoặc sai mã của trang (page token) — hãy tải lại trang chat",
      };
    }
    return undefined;
  }
}

/** An Origin header, when there is one, names the host the request was sent to. */
function sameHost(origin: string | undefined, request: IncomingMessage): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === String(request.headers.host ?? "").toLowerCase();
  } catch {
    return false;
  }
}

/** Compares secrets in constant time, whatever their lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
