import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInbound, type Inbound } from "../../../src/channels/zalo/inbound.js";
import type { Db } from "../../../src/db/client.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { hex20, zaloText } from "./fake-zalo.js";

/**
 * A person's Zalo message must not be lost because the database was busy when it was
 * translated (another instance holding SQLite's write lock): the event stays waiting and is
 * handed over on the next round. Only an event that cannot be translated at all is skipped.
 */

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logged: { level: number; msg: string }[] = [];
const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(JSON.parse(line)) });

let temp: TempDb;
/** How many more times recording a Zalo peer fails as a busy SQLite does. */
let busyFor = 0;

/** The database, except that `zaloPeer.upsert` fails while {@link busyFor} lasts. */
function flakyDb(db: Db): Db {
  const peers = new Proxy(db.zaloPeer, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (property === "upsert")
        return async (...args: unknown[]) => {
          if (busyFor > 0) {
            busyFor--;
            throw Object.assign(new Error("Operation has timed out"), { code: "P1008" });
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return new Proxy(db, {
    get(target, property) {
      if (property === "zaloPeer") return peers;
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const make = (): Inbound =>
  createInbound({
    db: flakyDb(temp.db),
    clock,
    logger,
    client: { call: async () => ({}) as never },
    translator: createTranslator("vi"),
    defaultLocale: "vi",
    botUser: async () => ({ id: 1, is_bot: true, first_name: "Bot" }),
  });

beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(async () => {
  await temp?.cleanup();
});

describe("Zalo events met by a busy database", () => {
  it("one process (getUpdates): the event waits through the failed round and comes with the next", async () => {
    const inbound = make();
    try {
      busyFor = 1;
      expect(await inbound.ingest(zaloText(hex20(), "chào bot"))).toBe("stored");
      // The round started by ingest failed; the next getUpdates translates the event.
      const updates = await inbound.getUpdates({ timeout: 0 });
      expect(busyFor).toBe(0);
      expect(updates.map((update) => update.message?.text)).toEqual(["chào bot"]);
      // Confirmed, as the bot's next poll does.
      await inbound.getUpdates({ offset: (updates[0]?.update_id ?? 0) + 1, timeout: 0 });
      expect(await temp.db.zaloInbound.count({ where: { skipped: true } })).toBe(0);
      expect(
        logged.some((line) => line.level === 50 && /translating stored events failed/.test(line.msg)),
      ).toBe(true);
    } finally {
      await inbound.close();
    }
  });

  it("several instances (the translator): the event stays waiting and is handed over once the database answers", async () => {
    const inbound = make();
    const translated: number[] = [];
    try {
      inbound.startTranslator({
        botId: "1",
        runId: "run-busy",
        onTranslated: () => translated.push(Date.now()),
        pollMs: 20,
      });
      busyFor = 3;
      await inbound.ingest(zaloText(hex20(), "vẫn đến nơi"));
      await expect
        .poll(async () => temp.db.zaloInbound.findFirst({ where: { event: { contains: "vẫn đến nơi" } } }), {
          timeout: 10_000,
        })
        .toMatchObject({
          skipped: false,
          update: expect.stringContaining("vẫn đến nơi"),
          ackedAt: expect.any(Date),
        });
      expect(busyFor).toBe(0);
      expect(translated).toHaveLength(1);
      // Stored as an update for the update processor, once.
      expect(await temp.db.processedUpdate.count({ where: { botId: "1" } })).toBe(1);
    } finally {
      await inbound.close();
    }
  });
});
