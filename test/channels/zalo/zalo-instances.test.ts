import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotDeps } from "../../../src/bot/context.js";
import { createBot } from "../../../src/bot/create-bot.js";
import { startUpdateProcessor, type UpdateProcessor } from "../../../src/bot/update-processor.js";
import { createZaloChannel, type ZaloChannel } from "../../../src/channels/zalo/channel.js";
import { ensurePeer, telegramIdOf } from "../../../src/channels/zalo/id-map.js";
import { createConversationStore } from "../../../src/db/conversation-store.js";
import { leaseHolder, releaseLeasesOf, takeLease, zaloInboundLeaseName } from "../../../src/db/leases.js";
import { createFaqSearch } from "../../../src/domain/faq/faq-search.js";
import { createFormCatalog } from "../../../src/domain/reports/form-catalog.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { createFakeZalo, type FakeZalo, hex20, zaloText } from "./fake-zalo.js";

/**
 * Zalo with several instances on one database: two "instances" in this process (each its own
 * Zalo channel, bot, translator and update processor, sharing one database client — two clients
 * in one process deadlock on SQLite; separate processes are test/e2e/three-instances.test.ts),
 * Zalo's webhook delivering to either. Each event is translated once, each update handled once
 * (the replies counted at the fake Zalo), and a chat's updates never run at once and run in order.
 */

const SECRET = "webhook-secret-123";
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

interface Instance {
  name: string;
  channel: ZaloChannel;
  processor: UpdateProcessor;
  server: Server;
  url: string;
}

let temp: TempDb;
let zalo: FakeZalo;
let botId = "";
const instances: Instance[] = [];
const events: { msg: string; chat?: string; updateId?: number; instance: string }[] = [];

async function startInstance(name: string): Promise<Instance> {
  const logger = pino(
    { level: "debug", base: { instance: name } },
    { write: (line: string) => void events.push(JSON.parse(line) as (typeof events)[number]) },
  );
  const channel = createZaloChannel({
    db: temp.db,
    clock,
    logger,
    token: zalo.token,
    apiRoot: zalo.root,
    webhookSecret: SECRET,
    publicBaseUrl: "https://app.example.vn",
    fetch: zalo.fetch,
  });
  const deps: BotDeps = {
    channel: "zalo",
    db: temp.db,
    clock,
    translator: createTranslator("vi"),
    logger: pino({ level: "silent" }),
    timeZone: "Asia/Ho_Chi_Minh",
    defaultLocale: "vi",
    conversationStorage: createConversationStore(temp.db, clock),
    faq: createFaqSearch(temp.db),
    forms: createFormCatalog(temp.db),
  };
  const bot = createBot(zalo.token, deps, { apiRoot: "http://zalo.invalid", fetch: channel.fetch });
  await bot.init();
  botId = String(bot.botInfo.id);
  const runId = `run-${name}`;
  const processor = startUpdateProcessor(bot, {
    db: temp.db,
    clock,
    logger,
    runId,
    pollMs: 20,
    concurrency: 2,
  });
  channel.startTranslator({
    botId: String(bot.botInfo.id),
    runId,
    onTranslated: () => processor.wake(),
    pollMs: 20,
  });
  const server = createServer((request, response) => void channel.webhookHandler(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { name, channel, processor, server, url: `http://127.0.0.1:${port}/zalo/webhook` };
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  zalo = createFakeZalo();
  instances.push(await startInstance("one"), await startInstance("two"));
});

afterAll(async () => {
  for (const instance of instances) {
    await instance.channel.stop();
    await instance.processor.stop();
    await new Promise((resolve) => instance.server.close(resolve));
  }
  await temp?.cleanup();
});

async function deliver(instance: Instance, event: unknown): Promise<void> {
  const response = await fetch(instance.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
    body: JSON.stringify(event),
  });
  expect(response.status).toBe(200);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Zalo with two instances on one database", () => {
  it("a burst delivered to either instance: each event translated once, each update handled once and answered once, each chat in order", async () => {
    // Three people on the roster, their Zalo chats linked (as an activation code would link them).
    const people = await temp.db.person.findMany({ orderBy: { id: "asc" }, take: 3 });
    const chats: { zaloId: string; chatId: number }[] = [];
    for (const person of people) {
      const zaloId = hex20();
      const chatId = telegramIdOf(await ensurePeer(temp.db, zaloId, "user"));
      await temp.db.channelAccount.create({
        data: {
          channel: "zalo",
          externalId: String(chatId),
          chatId: String(chatId),
          personId: person.id,
          linkedAt: clock.now(),
        },
      });
      chats.push({ zaloId, chatId });
    }
    // Each says these, one after another; the three talk at once, and the load balancer sends
    // each message to the other instance than the one before.
    // Commands only: typed words could match a menu's label and become a button's update.
    const texts = ["/help", "/start", "/help", "/help", "/start", "/help"];
    zalo.clear();
    let turn = 0;
    await Promise.all(
      chats.map(async ({ zaloId }) => {
        for (const text of texts) {
          const event = zaloText(zaloId, text);
          await deliver(instances[turn++ % 2] as Instance, event);
          // Zalo re-delivers now and then, here to the other instance: dropped.
          if (text === "/start") await deliver(instances[turn % 2] as Instance, event);
        }
      }),
    );
    const total = chats.length * texts.length;
    expect(await temp.db.zaloInbound.count()).toBe(total);
    await until("every update handled", async () => {
      const handled = await temp.db.processedUpdate.count({ where: { handledAt: { not: null } } });
      return handled >= total;
    });
    // A few more polls go by: nothing more happens.
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Translated once: every event handed over, one update each.
    const inbound = await temp.db.zaloInbound.findMany({ orderBy: { id: "asc" } });
    expect(inbound.every((row) => row.ackedAt !== null && row.update !== null)).toBe(true);
    const updates = await temp.db.processedUpdate.findMany({ orderBy: { updateId: "asc" } });
    expect(updates.map((u) => Number(u.updateId))).toEqual(inbound.map((row) => row.id));
    expect(updates.every((u) => u.handledAt !== null && u.replays === 0)).toBe(true);

    // Handled once each, by whichever instance took the chat (which one is the scheduler's
    // affair: on PostgreSQL the translating instance often takes them all), and per chat one at
    // a time, in the order the person wrote.
    const ran = events.filter((e) => e.msg === "update started" || e.msg === "update finished");
    const started = ran.filter((e) => e.msg === "update started");
    expect(started).toHaveLength(total);
    expect(new Set(started.map((e) => e.updateId)).size).toBe(total);
    for (const { chatId } of chats) {
      const rows = inbound.filter(
        (row) => (JSON.parse(row.update ?? "{}") as Update).message?.chat.id === chatId,
      );
      expect(rows.map((row) => (JSON.parse(row.update ?? "{}") as Update).message?.text)).toEqual(texts);
      expect(ran.filter((e) => e.chat === String(chatId)).map((e) => [e.msg, e.updateId])).toEqual(
        rows.flatMap((row) => [
          ["update started", row.id],
          ["update finished", row.id],
        ]),
      );
    }

    // Answered once, in order: each chat got one reply per message, the help for /help and the
    // greeting for /start.
    for (const { zaloId } of chats) {
      const replies = zalo.sent().filter((call) => call.params.chat_id === zaloId);
      expect(replies.map((call) => String(call.params.text).split("\n")[0])).toEqual(
        texts.map((text) => (text === "/help" ? "Hướng dẫn" : expect.stringMatching(/^Chào /))),
      );
    }
    // Nobody translates now: the lease was given up with nothing left.
    expect(await leaseHolder(temp.db, zaloInboundLeaseName(botId), clock.now())).toBe(undefined);
  }, 90_000);

  it("only the lease's holder translates: events wait while a stalled or dead instance holds it, and are taken over once it is freed or expires", async () => {
    const lease = zaloInboundLeaseName(botId);
    // Someone not linked yet: the help and the greeting of a stranger.
    const chat = { zaloId: hex20() };
    const waiting = async () => temp.db.zaloInbound.count({ where: { ackedAt: null } });
    const before = await temp.db.processedUpdate.count();
    const storedUpdates = async () => (await temp.db.processedUpdate.count()) - before;

    // A third instance holds the translator's lease and has stopped answering.
    expect(
      await takeLease(temp.db, { name: lease, holder: "run-dead", now: clock.now(), ttlMs: 60_000 }),
    ).toBe(true);
    await deliver(instances[0] as Instance, zaloText(chat.zaloId, "/help"));
    await deliver(instances[1] as Instance, zaloText(chat.zaloId, "/start"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await waiting()).toBe(2);
    expect(await storedUpdates()).toBe(0);

    // Its run is found dead (the heartbeat sweep frees its leases): one of the two takes over.
    await releaseLeasesOf(temp.db, ["run-dead"]);
    await until("both translated", async () => (await waiting()) === 0);
    expect(await storedUpdates()).toBe(2);
    // The instance that translated gives the lease up once it has found nothing left.
    await until(
      "the lease given up",
      async () => (await leaseHolder(temp.db, lease, clock.now())) === undefined,
    );

    // Again, and this time its lease simply runs out.
    expect(
      await takeLease(temp.db, { name: lease, holder: "run-dead", now: clock.now(), ttlMs: 60_000 }),
    ).toBe(true);
    await deliver(instances[1] as Instance, zaloText(chat.zaloId, "/help"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await waiting()).toBe(1);
    clock.advance(61_000);
    await until("translated after the expiry", async () => (await waiting()) === 0);
    expect(await storedUpdates()).toBe(3);
    await until("all three handled", async () => {
      const open = await temp.db.processedUpdate.count({ where: { handledAt: null } });
      return open === 0;
    });
    const replies = zalo.sent().filter((call) => call.params.chat_id === chat.zaloId);
    expect(replies.map((call) => String(call.params.text).split("\n")[0])).toEqual([
      "Hướng dẫn",
      expect.stringMatching(/chào/),
      "Hướng dẫn",
    ]);
  }, 60_000);
});
