import { randomBytes } from "node:crypto";

/** One call the adapter made to Zalo. */
export interface ZaloCall {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeZalo {
  /** `fetch` for the adapter's Zalo client: answers `${root}/bot${token}/${method}` like Zalo. */
  fetch: typeof fetch;
  root: string;
  token: string;
  calls: ZaloCall[];
  /** Texts of the sendMessage calls (and sendPhoto captions) since `clear()`. */
  sent(): ZaloCall[];
  texts(): string[];
  clear(): void;
  /** The next call of `method` fails with Zalo's error. */
  failNext(method: string, errorCode: number, description: string): void;
  /** Queues an event for Zalo's getUpdates (else it answers 408 at once). */
  queueUpdate(event: unknown): void;
}

export const hex20 = () => randomBytes(10).toString("hex");

/**
 * A small fake of the Zalo Bot Platform's HTTP surface, as documented: `{ok, result}` bodies,
 * one update per getUpdates or 408, errors `{ok:false, error_code, description}` with the
 * matching HTTP status, 20-hex message ids, dates in milliseconds, texts of 1–2000 characters.
 */
export function createFakeZalo(options: { now?: () => number } = {}): FakeZalo {
  const root = "http://zalo.test";
  const token = "1234567:zalo-secret";
  const calls: ZaloCall[] = [];
  const failures = new Map<string, { error_code: number; description: string }[]>();
  const updates: unknown[] = [];
  let mark = 0;
  const now = options.now ?? (() => Date.parse("2026-11-22T02:00:00Z"));
  const fail = (error_code: number, description: string) =>
    Response.json({ ok: false, error_code, description }, { status: error_code });

  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const prefix = `${root}/bot${token}/`;
    if (!url.startsWith(prefix)) return fail(401, "Unauthorized");
    const method = url.slice(prefix.length);
    const params = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
    calls.push({ method, params });
    const failure = failures.get(method)?.shift();
    if (failure) return fail(failure.error_code, failure.description);
    const sent = () => Response.json({ ok: true, result: { message_id: hex20(), date: now() } });
    switch (method) {
      case "getMe":
        return Response.json({
          ok: true,
          result: {
            id: "1459232241454765289",
            account_name: "bot.TroLy",
            account_type: "BASIC",
            can_join_groups: false,
          },
        });
      case "getUpdates": {
        const next = updates.shift();
        if (next) return Response.json({ ok: true, result: next });
        // Zalo holds an idle poll; a short hold here.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return fail(408, "Request timeout");
      }
      case "sendMessage": {
        const text = String(params.text ?? "");
        if (text.length < 1 || text.length > 2000) return fail(400, "text must be 1-2000 characters");
        return sent();
      }
      case "sendPhoto":
        if (!/^https?:\/\//.test(String(params.photo))) return fail(400, "photo must be a URL");
        return sent();
      case "sendSticker":
        return sent();
      case "sendChatAction":
        return Response.json({ ok: true });
      case "setWebhook":
      case "deleteWebhook":
      case "getWebhookInfo":
        return Response.json({ ok: true, result: { url: "", updated_at: now() } });
      default:
        return fail(404, "Not Found");
    }
  }) as typeof fetch;

  const sent = () =>
    calls.slice(mark).filter((call) => call.method.startsWith("send") && call.method !== "sendChatAction");
  return {
    fetch: fakeFetch,
    root,
    token,
    calls,
    sent,
    texts: () => sent().map((call) => String(call.params.text ?? call.params.caption ?? "")),
    clear() {
      mark = calls.length;
    },
    failNext(method, errorCode, description) {
      failures.set(method, [...(failures.get(method) ?? []), { error_code: errorCode, description }]);
    },
    queueUpdate(event) {
      updates.push(event);
    },
  };
}

/** A Zalo event as Zalo sends it (bare, dates in ms, 20-hex ids). */
export function zaloText(userId: string, text: string, options: { messageId?: string; name?: string } = {}) {
  return zaloEvent(userId, "message.text.received", { text }, options);
}

export function zaloEvent(
  userId: string,
  eventName: string,
  fields: Record<string, unknown> = {},
  options: { messageId?: string; name?: string } = {},
) {
  return {
    event_name: eventName,
    message: {
      message_id: options.messageId ?? hex20(),
      date: Date.parse("2026-11-22T02:00:05.123Z"),
      chat: { id: userId, chat_type: "PRIVATE" },
      from: { id: userId, display_name: options.name ?? "Nguyễn Văn An", is_bot: false },
      ...fields,
    },
  };
}
