import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createDriver } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { USERS } from "../helpers/updates.js";

let temp: TempDb;
beforeEach(async () => {
  temp = await createTempDb({ seed: true });
});
afterEach(() => temp.cleanup());

const FLOOD = { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 };

function flood(t: TestBot, method: string, times: number) {
  for (let i = 0; i < times; i++) t.failNext(method, FLOOD);
}

describe("No update is lost in a crash window", () => {
  it("an ordinary reply waits out 429 after 429 (five in a row) and is sent, without an apology", async () => {
    const t = createTestBot({ db: temp.db, clock: createFakeClock() });
    const dung = createDriver(t, USERS.supervisor);
    flood(t, "sendMessage", 5);
    await dung.command("help");
    const sends = t.recent().filter((c) => c.method === "sendMessage");
    expect(sends).toHaveLength(6); // five refused, the sixth delivered
    expect(t.texts().join("\n")).not.toMatch(/Xin lỗi, đã có lỗi/);
    expect(t.logs.filter((l) => l.msg === "flood limit: waiting before sending again")).toHaveLength(5);
  }, 30_000);

  it("inside a conversation too: the next question arrives after four 429s and the form goes on", async () => {
    const t = createTestBot({ db: temp.db, clock: createFakeClock() });
    const an = createDriver(t, USERS.hamletHead);
    await an.command("baocao");
    await an.press("rp:new:review-progress");
    flood(t, "sendMessage", 4);
    await an.say("120");
    expect(an.last()).toMatch(/Câu 2 · /);
    await an.say("25");
    expect(an.last()).toMatch(/Câu 3 · /);
    const report = await temp.db.report.findFirstOrThrow();
    expect(report.answers).toEqual({ households_listed: 120, poor_at_start: 25 });
  }, 30_000);

  it("a reply that would wait longer than the cap is given up with an error in the log naming it, not silently", async () => {
    const t = createTestBot({ db: temp.db, clock: createFakeClock(), maxFloodWaitSeconds: 2 });
    const dung = createDriver(t, USERS.supervisor);
    flood(t, "sendMessage", 3);
    await dung.command("help");
    const gaveUp = t.logs.find(
      (l) => l.msg === "flood limit: gave up on a reply after waiting the longest allowed",
    );
    expect(gaveUp).toMatchObject({
      method: "sendMessage",
      chatId: String(USERS.supervisor.id),
      waitedSeconds: 2,
    });
    // The failure reaches the error boundary, which logs the update (and tries to apologise).
    expect(t.logs.some((l) => l.msg === "update handling failed")).toBe(true);
  }, 30_000);
});
