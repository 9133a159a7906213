import type { Api, Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import type { BotContext, BotDeps } from "../../src/bot/context.js";
import { createBot, createOutboxApi } from "../../src/bot/create-bot.js";
import type { Db } from "../../src/db/client.js";
import { createConversationStore } from "../../src/db/conversation-store.js";
import { createFaqSearch } from "../../src/domain/faq/faq-search.js";
import { createFormCatalog } from "../../src/domain/reports/form-catalog.js";
import type { Channel } from "../../src/domain/roles.js";
import { createTranslator, type Translator } from "../../src/i18n/translator.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import type { Clock } from "../../src/shared/clock.js";
import { parseMultipart } from "../../src/simulator/request-params.js";
import { SIMULATED_BOT } from "../../src/simulator/simulator-store.js";
import { createFakeClock } from "./fake-clock.js";

export const TEST_BOT_INFO: UserFromGetMe = SIMULATED_BOT;

/** One Bot API request the bot made. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

interface InlineButton {
  text: string;
  callback_data?: string;
}

export interface TestBot {
  bot: Bot<BotContext>;
  /** The outbox's client (no auto-retry), on the same fake fetch. */
  outboxApi: Api;
  deps: BotDeps;
  /** Every Bot API call, in order, inside and outside conversations. */
  calls: ApiCall[];
  /** Files the bot uploaded (documents, photos), with their bytes, in order. */
  sentFiles: { name: string; data: Buffer }[];
  handle(update: Update): Promise<void>;
  /** Calls since the last `clear()`. */
  recent(): ApiCall[];
  /** Text of every message sent or edited since the last `clear()`. */
  texts(): string[];
  lastText(): string;
  /** The callback data of the newest button whose label contains `label`. */
  button(label: string): string;
  /** Makes the next call of `method` fail like the Bot API would. */
  failNext(method: string, error: { error_code: number; description: string; retry_after?: number }): void;
  /** Makes the next call of `method` never answer: the process died while it was in flight. */
  hangNext(method: string): void;
  /** Makes a file downloadable through getFile, as if a user had sent it. */
  putFile(fileId: string, data: Buffer): void;
  /** Sends everything the outbox holds (notifications to other people), like the worker does. */
  flushOutbox(): Promise<void>;
  clear(): void;
  logs: Record<string, unknown>[];
}

const TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);

/**
 * A bot wired like production (same factory, real database) whose Bot API is a fake `fetch`:
 * no network, every request captured, plausible results returned.
 */
export function createTestBot(options: {
  db: Db;
  clock?: Clock;
  translator?: Translator;
  conversationStepTimeoutMs?: number;
  /** See `CreateBotOptions.importOutcomeWaitMs`. */
  importOutcomeWaitMs?: number;
  /** Report forms from another folder (default: content/forms). */
  formsDir?: string;
  /** The longest a reply waits out flood limits (default as in production). */
  maxFloodWaitSeconds?: number;
  /** The messenger this bot serves (default Telegram); updates stay Telegram-shaped either way. */
  channel?: Channel;
}): TestBot {
  const calls: ApiCall[] = [];
  const sentFiles: { name: string; data: Buffer }[] = [];
  const failures = new Map<string, { error_code: number; description: string; retry_after?: number }[]>();
  const hangs = new Set<string>();
  const logs: Record<string, unknown>[] = [];
  let nextMessageId = 1;

  const files = new Map<string, Buffer>();
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const download = /\/file\/bot[^/]+\/files\/(.+)$/.exec(url);
    if (download) {
      const data = files.get(decodeURIComponent(download[1] ?? ""));
      return data ? new Response(new Uint8Array(data)) : new Response("not found", { status: 404 });
    }
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = await readPayload(init, sentFiles);
    calls.push({ method, payload });
    if (hangs.delete(method)) return new Promise<Response>(() => undefined);
    const failure = failures.get(method)?.shift();
    if (failure) {
      const { retry_after, ...rest } = failure;
      return Response.json(
        { ok: false, ...rest, ...(retry_after ? { parameters: { retry_after } } : {}) },
        { status: failure.error_code },
      );
    }
    return Response.json({ ok: true, result: fakeResult(method, payload, () => nextMessageId++) });
  }) as typeof fetch;

  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const clock = options.clock ?? createFakeClock();
  const deps: BotDeps = {
    channel: options.channel ?? "telegram",
    db: options.db,
    clock,
    translator: options.translator ?? createTranslator("vi"),
    logger,
    timeZone: "Asia/Ho_Chi_Minh",
    defaultLocale: "vi",
    conversationStorage: createConversationStore(options.db, clock),
    faq: createFaqSearch(options.db),
    forms: createFormCatalog(options.db, options.formsDir),
  };
  const bot = createBot("7000000001:test-token", deps, {
    botInfo: TEST_BOT_INFO,
    fetch: fakeFetch,
    ...(options.conversationStepTimeoutMs
      ? { conversationStepTimeoutMs: options.conversationStepTimeoutMs }
      : {}),
    ...(options.maxFloodWaitSeconds === undefined
      ? {}
      : { maxFloodWaitSeconds: options.maxFloodWaitSeconds }),
    ...(options.importOutcomeWaitMs !== undefined
      ? { importOutcomeWaitMs: options.importOutcomeWaitMs }
      : {}),
  });

  const outboxApi = createOutboxApi("7000000001:test-token", { fetch: fakeFetch });
  const outbox = createOutboxWorker({
    db: options.db,
    apis: { telegram: outboxApi, zalo: outboxApi },
    logger,
    clock: deps.clock,
    instanceId: "test",
    perSecond: 10_000,
    perChatGapMs: 0,
    // The tests' clocks stand still: pacing must not wait in real time for them to move.
    sleep: () => Promise.resolve(),
  });
  let mark = 0;
  const sinceMark = () => calls.slice(mark);
  const texts = () =>
    sinceMark()
      .filter((call) => TEXT_METHODS.has(call.method))
      .map((call) => String(call.payload.text));

  return {
    bot,
    outboxApi,
    deps,
    calls,
    sentFiles,
    logs,
    handle: (update) => bot.handleUpdate(update),
    texts,
    recent: sinceMark,
    lastText() {
      const all = texts();
      const last = all.at(-1);
      if (last === undefined) throw new Error("the bot sent no text");
      return last;
    },
    button(label) {
      for (const call of [...sinceMark()].reverse()) {
        const markup = call.payload.reply_markup as { inline_keyboard?: InlineButton[][] } | undefined;
        const found = markup?.inline_keyboard?.flat().find((b) => b.text.includes(label));
        if (found?.callback_data) return found.callback_data;
      }
      throw new Error(
        `no button "${label}" in: ${JSON.stringify(sinceMark().map((c) => c.payload.reply_markup))}`,
      );
    },
    putFile(fileId, data) {
      files.set(fileId, data);
    },
    async flushOutbox() {
      while ((await outbox.runOnce()) > 0) {
        // keep going until nothing is due
      }
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    hangNext(method) {
      hangs.add(method);
    },
    clear() {
      mark = calls.length;
    },
  };
}

async function readPayload(
  init: RequestInit | undefined,
  sentFiles: { name: string; data: Buffer }[],
): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  if (typeof body === "string") return JSON.parse(body) as Record<string, unknown>;
  // Multipart (file uploads), parsed the way the simulator does (grammY's spelling is unusual).
  const headers = new Headers(init?.headers);
  const bytes = Buffer.from(
    await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer(),
  );
  const payload: Record<string, unknown> = {};
  for (const part of parseMultipart(bytes, headers.get("content-type") ?? "")) {
    if (part.fileName !== undefined) sentFiles.push({ name: part.fileName, data: part.data });
    payload[part.name] = part.fileName === undefined ? part.data.toString("utf8") : `<file ${part.fileName}>`;
  }
  return payload;
}

function fakeResult(method: string, payload: Record<string, unknown>, nextId: () => number): unknown {
  const chat = { id: Number(payload.chat_id), type: "private", first_name: "Test" };
  const base = { date: Math.floor(Date.now() / 1000), chat, from: TEST_BOT_INFO };
  switch (method) {
    case "getMe":
      return TEST_BOT_INFO;
    case "sendMessage":
      return { ...base, message_id: nextId(), text: payload.text };
    case "sendPhoto":
    case "sendDocument":
    case "sendLocation":
      return { ...base, message_id: nextId() };
    case "editMessageText":
      return { ...base, message_id: payload.message_id, text: payload.text, edit_date: base.date };
    case "getFile":
      return { file_id: payload.file_id, file_unique_id: "u", file_path: `files/${String(payload.file_id)}` };
    case "editMessageReplyMarkup":
      return { ...base, message_id: payload.message_id };
    default:
      return true;
  }
}
