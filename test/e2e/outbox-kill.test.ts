import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { systemClock } from "../../src/shared/clock.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import {
  addRecipients,
  queueAnnouncement,
  recipientUsers,
  spawnBroadcastWorker,
} from "../helpers/broadcast-fixture.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const RECIPIENTS = 1000;
const RATE = 200;
const CONCURRENCY = 8;

let temp: TempDb;
let sim: Simulator;
/**
 * The processes under test run on the wall clock (wall-clock.mjs moves theirs and ours alike),
 * so the rows queued for them are dated by it too: rows dated at a fixed instant would be in
 * their future on some test dates, and never due.
 */
const clock = systemClock;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(async () => {
  await sim?.close();
  await temp.cleanup();
});

describe("Broadcast delivery at scale", () => {
  it("kill test: SIGKILL the sending process half-way, start another; everyone gets it once, bar the few in flight", async () => {
    const recipients = await addRecipients(temp.db, { count: RECIPIENTS, now: clock.now() });
    sim = await startSimulator({
      host: "127.0.0.1",
      port: 0,
      users: [...DEMO_SIMULATOR_USERS, ...recipientUsers(recipients.chatIds)],
      limits: { global: RATE, perChat: 1 },
    });
    const sender = await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId: sender.id,
      personIds: recipients.personIds,
      text: "Lịch tập huấn",
      now: clock.now(),
    });
    const delivered = () => recipients.chatIds.filter((id) => sim.api.acceptedFor(id) > 0).length;
    const options = {
      dbUrl: temp.url,
      apiRoot: sim.url,
      token: sim.token,
      rate: RATE,
      concurrency: CONCURRENCY,
    };

    const first = spawnBroadcastWorker({ ...options, output: "ignore" });
    for (let waited = 0; delivered() < RECIPIENTS / 2; waited += 20) {
      if (waited > 20_000) throw new Error(`only ${delivered()} delivered before the kill`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.process.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const atKill = delivered();
    expect(atKill).toBeLessThan(RECIPIENTS);
    const inFlight = await temp.db.outboxMessage.count({ where: { broadcastId, status: "sending" } });
    expect(inFlight).toBeGreaterThan(0); // the dead run held claims: the next one must release them

    const second = spawnBroadcastWorker({ ...options, output: "ignore" });
    expect(await second.exited).toBe(0);

    let lost = 0;
    let duplicated = 0;
    for (const id of recipients.chatIds) {
      const count = sim.api.acceptedFor(id);
      if (count === 0) lost++;
      else duplicated += count - 1;
    }
    expect(lost).toBe(0);
    // Sent twice at most: the sends in flight at the kill and the outcomes not yet written
    // (written every 50 ms or each `concurrency` of them), a few times the concurrency at most.
    expect(duplicated).toBeLessThanOrEqual(3 * CONCURRENCY);
    const rows = await temp.db.outboxMessage.groupBy({
      by: ["status"],
      where: { broadcastId },
      _count: true,
    });
    expect(rows).toEqual([{ status: "sent", _count: RECIPIENTS }]);
    const b = await temp.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    expect(b).toMatchObject({ status: "done", sent: RECIPIENTS, failed: 0, unreachable: 0 });
    console.log(`kill test: ${atKill} delivered at the kill, ${duplicated} sent twice, 0 lost`);
  }, 60_000);
});
