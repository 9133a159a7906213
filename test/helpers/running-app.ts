import { pino } from "pino";
import { type App, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/shared/clock.js";
import type { ViewMessage } from "../../src/simulator/simulator-store.js";
import { createTickingClock } from "./fake-clock.js";
import { createTestDatabase } from "./temp-db.js";

/** The whole application as `npm start` runs it (simulator mode), on a free port and a temp database. */
export interface RunningApp {
  app: App;
  url: string;
  /**
   * Headers the chat page sends with every page-API request: its page token and, when the
   * simulator has a shared password, the HTTP Basic credentials the browser remembers.
   */
  pageHeaders: Record<string, string>;
  /** A page-API request as the chat page makes it (JSON body, page headers). */
  pageApi(path: string, init?: { method?: string; json?: unknown }): Promise<Response>;
  /** The page API, as the browser uses it. */
  say(userId: number, text: string): Promise<void>;
  press(userId: number, label: string): Promise<void>;
  /** The person sends a file from the page (📎), e.g. a roster spreadsheet. */
  sendDocument(userId: number, fileName: string, data: Buffer, mimeType: string): Promise<ViewMessage>;
  messages(userId: number): Promise<ViewMessage[]>;
  /** Waits until the newest bot message matches. */
  waitForBotText(userId: number, pattern: RegExp, timeoutMs?: number): Promise<ViewMessage>;
  stop(): Promise<void>;
}

/**
 * @param options.clock the app's clock; by default a ticking clock from a fixed Sunday in the
 *   yearly review (the real date never matters).
 * @param options.scheduler run the scheduled jobs too (off by default: tests call them).
 */
export async function startRunningApp(
  env: Record<string, string> = {},
  options: { clock?: Clock; scheduler?: boolean } = {},
): Promise<RunningApp> {
  // A new, empty database of the suite's kind: the app migrates and fills it as `npm start` does.
  const database = await createTestDatabase({ migrated: false });
  const result = loadConfig({
    DATABASE_URL: database.url,
    PORT: "0",
    LOG_LEVEL: "silent",
    ...env,
  });
  if (!result.ok) throw new Error(result.problems.join("; "));
  const app = await startApp(result.config, pino({ level: "silent" }), {
    scheduler: options.scheduler ?? false,
    clock: options.clock ?? createTickingClock(),
  });
  const url = app.chatUrl ?? "";
  const pageHeaders: Record<string, string> = {};
  const pageToken = app.simulator?.pageToken;
  if (pageToken) pageHeaders["x-simulator-token"] = pageToken;
  if (env.SIMULATOR_PASSWORD) {
    pageHeaders.authorization = `Basic ${Buffer.from(`tester:${env.SIMULATOR_PASSWORD}`).toString("base64")}`;
  }

  const pageApi = (path: string, init: { method?: string; json?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: { ...pageHeaders, ...(init.json === undefined ? {} : { "content-type": "application/json" }) },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  const post = async (path: string, body: unknown) => {
    const response = await pageApi(path, { method: "POST", json: body });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const messages = async (userId: number) => {
    const response = await pageApi(`/sim/api/chats/${userId}`);
    if (!response.ok) throw new Error(`chat ${userId}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { messages: ViewMessage[] }).messages;
  };
  const waitForBotText = async (userId: number, pattern: RegExp, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = (await messages(userId)).filter((m) => m.outgoing).at(-1);
      if (last?.text && pattern.test(last.text)) return last;
      if (Date.now() > deadline) throw new Error(`no bot message matching ${pattern}; last: ${last?.text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    app,
    url,
    pageHeaders,
    pageApi,
    messages,
    waitForBotText,
    say: async (userId, text) => {
      await post(`/sim/api/chats/${userId}/messages`, { text });
    },
    async sendDocument(userId, fileName, data, mimeType) {
      const response = await post(`/sim/api/chats/${userId}/document`, {
        fileName,
        mimeType,
        data: data.toString("base64"),
      });
      return ((await response.json()) as { message: ViewMessage }).message;
    },
    async press(userId, label) {
      const all = await messages(userId);
      for (const message of [...all].reverse()) {
        const button = message.reply_markup?.inline_keyboard
          .flat()
          .find((b) => b.text.includes(label) && "callback_data" in b);
        if (button && "callback_data" in button) {
          await post(`/sim/api/chats/${userId}/callback`, {
            messageId: message.message_id,
            data: button.callback_data,
          });
          return;
        }
      }
      throw new Error(`no button ${label}`);
    },
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}
