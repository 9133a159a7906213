import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpdateProcessor } from "../../src/bot/update-processor.js";
import type { Db } from "../../src/db/client.js";
import { createConversationStore, StaleConversationState } from "../../src/db/conversation-store.js";
import { chatLeaseName, leaseHolder, takeLease } from "../../src/db/leases.js";
import { storeWebhookUpdate } from "../../src/db/update-log.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, TEST_BOT_INFO } from "../helpers/test-bot.js";
import { command, textMessage, USERS } from "../helpers/updates.js";

const AN = USERS.hamletHead.id;
const BOT_ID = String(TEST_BOT_INFO.id);

let temp: TempDb;
const clock = createFakeClock("2026-11-23T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

/** What the processors log, in the order it happened (both run in this process). */
function eventLog() {
  const events: { msg: string; chat?: string; updateId?: number; instance: string }[] = [];
  const loggerFor = (instance: string) =>
    pino(
      { level: "debug", base: { instance } },
      { write: (line: string) => void events.push(JSON.parse(line) as (typeof events)[number]) },
    );
  return { events, loggerFor };
}

async function waitUntilHandled(db: Db, updateIds: number[], timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const open = await db.processedUpdate.count({
      where: { updateId: { in: updateIds.map(BigInt) }, handledAt: null },
    });
    if (open === 0) return;
    if (performance.now() > deadline) throw new Error(`${open} updates not handled in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Several instances: per-chat ordering across instances", () => {
  it("two instances on one database never run one chat's updates at once, and run each chat's updates in order", async () => {
    // Two instances, each with its own bot and run id. They share one database client: two
    // clients in one process deadlock on SQLite (a transaction awaiting the event loop while the
    // other connection's busy wait blocks it); separate processes are test/e2e/three-instances.
    const [one, two] = [createTestBot({ db: temp.db, clock }), createTestBot({ db: temp.db, clock })];
    const { events, loggerFor } = eventLog();
    // Updates of three chats, stored alternately by the two instances (a load balancer's turns).
    const texts = [
      "/start",
      "ho can ngheo duoc ho tro gi",
      "/help",
      "bhyt",
      "menu",
      "/cancel",
      "vay von",
      "abc",
    ];
    const updates: Update[] = [];
    const people = [USERS.hamletHead, USERS.communeOfficer, USERS.supervisor];
    const store = async (text: string) => {
      for (const user of people) {
        const update = text.startsWith("/") ? command(user, text.slice(1)) : textMessage(user, text);
        updates.push(update);
        await storeWebhookUpdate(temp.db, clock, { botId: BOT_ID, update });
      }
    };
    await store(texts[0] as string);
    // One chat at a time each, so that both take chats and chats move between them.
    const processors = [
      startUpdateProcessor(one.bot, {
        db: temp.db,
        clock,
        logger: loggerFor("one"),
        runId: "run-one",
        pollMs: 20,
        concurrency: 1,
      }),
      startUpdateProcessor(two.bot, {
        db: temp.db,
        clock,
        logger: loggerFor("two"),
        runId: "run-two",
        pollMs: 20,
        concurrency: 1,
      }),
    ];
    // The rest arrive while the first are being handled.
    for (const text of texts.slice(1)) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await store(text);
    }
    try {
      await waitUntilHandled(
        temp.db,
        updates.map((u) => u.update_id),
      );
    } finally {
      await Promise.all(processors.map((p) => p.stop()));
    }

    const ran = events.filter((e) => e.msg === "update started" || e.msg === "update finished");
    expect(ran.filter((e) => e.msg === "update started")).toHaveLength(updates.length);
    for (const user of people) {
      const chat = ran.filter((e) => e.chat === String(user.id));
      const expected = updates.filter((u) => u.message?.chat.id === user.id).map((u) => u.update_id);
      // started, finished, started, finished… — never two at once — in the order received.
      expect(chat.map((e) => [e.msg, e.updateId])).toEqual(
        expected.flatMap((id) => [
          ["update started", id],
          ["update finished", id],
        ]),
      );
      // Each start and finish of an update on the same instance.
      for (let i = 0; i < chat.length; i += 2) expect(chat[i]?.instance).toBe(chat[i + 1]?.instance);
    }
    // Both instances did some of the work.
    expect(new Set(ran.map((e) => e.instance))).toEqual(new Set(["one", "two"]));
    // Every update was answered once: one reply per update to each chat at least, none twice.
    const replies = [...one.calls, ...two.calls].filter((c) => c.method === "sendMessage");
    expect(replies.length).toBeGreaterThanOrEqual(updates.length);
    expect(await temp.db.lease.count({ where: { name: { startsWith: "chat:" } } })).toBe(0);
  }, 120_000);

  it("a chat whose lease another instance holds is left alone until the lease expires, then taken over", async () => {
    const t = createTestBot({ db: temp.db, clock });
    const { events, loggerFor } = eventLog();
    const name = chatLeaseName(BOT_ID, String(AN));
    // An instance took An's chat and died: its lease runs 30 s more.
    expect(await takeLease(temp.db, { name, holder: "run-dead", now: clock.now(), ttlMs: 30_000 })).toBe(
      true,
    );
    const update = command(USERS.hamletHead, "help");
    await storeWebhookUpdate(temp.db, clock, { botId: BOT_ID, update });
    const processor = startUpdateProcessor(t.bot, {
      db: temp.db,
      clock,
      logger: loggerFor("live"),
      runId: "run-live",
      pollMs: 20,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(events.filter((e) => e.msg === "update started")).toEqual([]);
      expect(await leaseHolder(temp.db, name, clock.now())).toBe("run-dead");
      clock.advance(30_001);
      await waitUntilHandled(temp.db, [update.update_id], 10_000);
    } finally {
      await processor.stop();
    }
    expect(events.filter((e) => e.msg === "update started").map((e) => e.updateId)).toEqual([
      update.update_id,
    ]);
    expect(t.texts().join("\n")).toMatch(/\S/);
    // Freed once the chat's updates were done.
    expect(await leaseHolder(temp.db, name, clock.now())).toBeUndefined();
  });

  it("of several instances trying to take a free lease at once, exactly one gets it", async () => {
    const clients = [temp.db, temp.reopen(), temp.reopen()];
    const name = chatLeaseName(BOT_ID, "race");
    const won = await Promise.all(
      clients.map((db, i) => takeLease(db, { name, holder: `run-${i}`, now: clock.now(), ttlMs: 30_000 })),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    // The holder renews; the others still cannot take it.
    const holder = won.indexOf(true);
    expect(await takeLease(temp.db, { name, holder: `run-${holder}`, now: clock.now(), ttlMs: 30_000 })).toBe(
      true,
    );
    expect(
      await takeLease(temp.db, { name, holder: `run-${(holder + 1) % 3}`, now: clock.now(), ttlMs: 30_000 }),
    ).toBe(false);
  });

  it("conversation state is written with a version check: an instance that read it before another wrote cannot overwrite it", async () => {
    const key = "telegram:710000099";
    const stale = createConversationStore<{ step: string }>(temp.db, clock);
    const newer = createConversationStore<{ step: string }>(temp.reopen(), clock);
    // Both read the chat's (absent) state; the other instance writes first.
    expect(await stale.read(key)).toBeUndefined();
    expect(await newer.read(key)).toBeUndefined();
    await newer.writeForUpdate(key, { step: "newer" }, 101);
    await expect(stale.writeForUpdate(key, { step: "stale" }, 100)).rejects.toBeInstanceOf(
      StaleConversationState,
    );
    expect(await stale.read(key)).toEqual({ step: "newer" });

    // Having read the newer state, the first goes on; now the other one is behind.
    await stale.writeForUpdate(key, { step: "third" }, 102);
    await expect(newer.writeForUpdate(key, { step: "lost" }, 101)).rejects.toBeInstanceOf(
      StaleConversationState,
    );
    // A removal by the one behind removes nothing either.
    expect(await newer.deleteStatement(key)).toBe(0);
    expect(await newer.read(key)).toEqual({ step: "third" });
    const row = await temp.db.conversationState.findUniqueOrThrow({ where: { key } });
    expect([row.version, row.updateId]).toEqual([2, 102n]);
    // Read afresh, each may write again.
    await newer.writeForUpdate(key, { step: "fourth" }, 103);
    expect(await stale.read(key)).toEqual({ step: "fourth" });
    expect(await stale.deleteStatement(key)).toBe(1);
  });
});
