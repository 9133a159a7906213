import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { type Polling, type PollingFailure, startPolling } from "../../src/bot/polling.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, TEST_BOT_INFO } from "../helpers/test-bot.js";
import { command, USERS } from "../helpers/updates.js";

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

type Step =
  | { network: true }
  | { status: number; description: string; retry_after?: number }
  | { updates: Update[] };

/**
 * A Bot API whose getUpdates answers from a script (then idles like an empty long poll), and
 * whose other methods succeed; every sendMessage is kept.
 */
function scriptedApi(script: Step[], hold?: Promise<void>) {
  const sent: { chat_id: unknown; text: unknown }[] = [];
  let polls = 0;
  /** sendMessage calls waiting on `hold` now, and the most there ever were. */
  const held = { now: 0, most: 0 };
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (method !== "getUpdates") {
      if (method === "sendMessage" && hold) {
        held.most = Math.max(held.most, ++held.now);
        await hold;
        held.now--;
      }
      if (method === "sendMessage") sent.push({ chat_id: payload.chat_id, text: payload.text });
      const message = { message_id: sent.length, date: 0, chat: { id: payload.chat_id, type: "private" } };
      return Response.json({ ok: true, result: method === "sendMessage" ? message : true });
    }
    polls++;
    const step = script.shift();
    if (!step) {
      // An empty long poll: ends when the poller is stopped, or after a moment.
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 30);
        init?.signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      if (init?.signal?.aborted) throw new DOMException("aborted", "AbortError");
      return Response.json({ ok: true, result: [] });
    }
    if ("network" in step)
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    if ("status" in step) {
      const { status, description, retry_after } = step;
      return Response.json(
        {
          ok: false,
          error_code: status,
          description,
          ...(retry_after === undefined ? {} : { parameters: { retry_after } }),
        },
        { status },
      );
    }
    // As Telegram does, no more than `limit` updates; the rest come with the next poll.
    const limit = typeof payload.limit === "number" ? payload.limit : 100;
    if (step.updates.length > limit) script.unshift({ updates: step.updates.slice(limit) });
    return Response.json({ ok: true, result: step.updates.slice(0, limit) });
  }) as typeof fetch;
  return { fetch: fakeFetch, sent, polls: () => polls, held };
}

let polling: Polling | undefined;
afterEach(async () => {
  await polling?.stop();
  polling = undefined;
});

function start(
  script: Step[],
  options: { probationMs?: number; concurrency?: number } = {},
  hold?: Promise<void>,
) {
  const api = scriptedApi(script, hold);
  const t = createTestBot({ db: temp.db, clock: createFakeClock() });
  const bot = createBot("7000000001:test-token", t.deps, { botInfo: TEST_BOT_INFO, fetch: api.fetch });
  const notices: string[] = [];
  const failures: PollingFailure[] = [];
  const runId = `test-run-${Math.random().toString(36).slice(2)}`;
  polling = startPolling(bot, {
    db: temp.db,
    clock: t.deps.clock,
    logger: t.deps.logger,
    runId,
    allowedUpdates: ["message", "callback_query", "my_chat_member"],
    notice: (message) => notices.push(message),
    onFatal: (failure) => {
      failures.push(failure);
      void polling?.stop();
    },
    retryDelayMs: 10,
    ...options,
  });
  return { api, logs: t.logs, notices, failures, runId };
}

describe("Conflicts and outages do not kill the process", () => {
  it("an unreachable server, 5xx and 429 while polling are waited out and said once; then the update is handled", async () => {
    const update = command(USERS.supervisor, "help");
    const { api, logs, notices, failures, runId } = start([
      { network: true },
      { network: true },
      { status: 502, description: "Bad Gateway" },
      { status: 429, description: "Too Many Requests: retry after 0", retry_after: 0 },
      { updates: [update] },
    ]);
    await vi.waitUntil(() => api.sent.length > 0, { timeout: 10_000 });
    expect(String(api.sent[0]?.text)).toMatch(/Hướng dẫn/);
    expect(failures).toEqual([]);
    const unreachable = logs.filter((l) => String(l.msg).startsWith("Bot API unreachable while polling"));
    expect(unreachable.map((l) => l.cause)).toEqual(["ECONNREFUSED", "ECONNREFUSED", "502 Bad Gateway"]);
    expect(logs.some((l) => l.msg === "polling resumed")).toBe(true);
    expect(notices).toEqual([
      expect.stringMatching(
        /Không nhận được tin từ máy chủ Bot API \(ECONNREFUSED\)\. Bot vẫn chạy và sẽ tự thử lại/,
      ),
      "✅ Đã nhận tin lại từ máy chủ Bot API.",
    ]);
    // Recorded as received by this run, then marked handled.
    const row = await temp.db.processedUpdate.findFirstOrThrow({
      where: { updateId: BigInt(update.update_id) },
    });
    expect(row).toMatchObject({ receivedBy: runId, payload: null });
    expect(row.handledAt).not.toBeNull();
  });

  it("a poller that has been polling for a while keeps polling through 409 Conflict", async () => {
    const update = command(USERS.supervisor, "help");
    const conflict = { status: 409, description: "Conflict: terminated by other getUpdates request" };
    const script: Step[] = [];
    const { api, logs, notices, failures } = start(script, { probationMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling, idle, past its first moments
    script.push(conflict, conflict, { updates: [update] });
    await vi.waitUntil(() => api.sent.length > 0, { timeout: 10_000 });
    expect(failures).toEqual([]);
    expect(
      logs.filter((l) => String(l.msg).startsWith("getUpdates conflict")).map((l) => l.retryInMs),
    ).toEqual([0, 10]);
    expect(notices).toEqual([
      expect.stringMatching(/Một tiến trình khác đang nhận tin bằng cùng BOT_TOKEN \(409 Conflict\)/),
    ]);
  });

  it("a poller that meets 409 Conflict in its first seconds is the second one: it stops, as 'conflict'", async () => {
    const { failures, api } = start([
      { status: 409, description: "Conflict: terminated by other getUpdates request" },
    ]);
    await vi.waitUntil(() => failures.length > 0, { timeout: 10_000 });
    expect(failures).toEqual([
      { reason: "conflict", description: "Conflict: terminated by other getUpdates request" },
    ]);
    await polling?.stop();
    expect(api.polls()).toBe(1);
  });

  it("a refused token stops polling as 'token_refused', without retrying", async () => {
    const { failures, api } = start([{ status: 401, description: "Unauthorized" }]);
    await vi.waitUntil(() => failures.length > 0, { timeout: 10_000 });
    expect(failures).toEqual([{ reason: "token_refused", description: "Unauthorized" }]);
    await polling?.stop();
    expect(api.polls()).toBe(1);
  });
});

describe("Polling bounds the updates in hand", () => {
  it("handles at most `concurrency` updates at once; the others wait their turn and all are answered", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const people = [
      USERS.hamletHead,
      USERS.communeOfficer,
      USERS.trainer,
      USERS.supervisor,
      USERS.admin,
      USERS.stranger,
    ];
    const { api, failures } = start(
      [{ updates: people.map((user) => command(user, "help")) }],
      { concurrency: 2 },
      hold,
    );
    // Two replies are held up; the four other updates wait rather than start.
    await vi.waitUntil(() => api.held.now === 2, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.held.most).toBe(2);
    expect(api.sent).toHaveLength(0);
    release();
    await vi.waitUntil(() => new Set(api.sent.map((m) => m.chat_id)).size === people.length, {
      timeout: 10_000,
    });
    expect(api.held.most).toBe(2);
    expect(failures).toEqual([]);
  });
});
