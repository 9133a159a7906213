import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isUpdateHandled } from "../../src/db/update-log.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createDriver } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, TEST_BOT_INFO, type TestBot } from "../helpers/test-bot.js";
import { callback, redelivered, textMessage, USERS } from "../helpers/updates.js";

/** A one-question form, so that the test is about the crash, not the form. */
const FORM = `key: crash-check
version: 1
title: Kiểm tra sau sự cố
audience: { roles: [hamlet_head], unitLevels: [hamlet] }
period: { type: adhoc }
fields:
  - key: households
    type: integer
    label: Thôn có bao nhiêu hộ?
    min: 0
    max: 5000
    unit: hộ
`;

let temp: TempDb;
let formsDir: string;
let clock: FakeClock;

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  formsDir = mkdtempSync(join(tmpdir(), "tlgn-crash-forms-"));
  writeFileSync(join(formsDir, "crash-check.yaml"), FORM);
  clock = createFakeClock();
});
afterEach(async () => {
  await temp.cleanup();
  rmSync(formsDir, { recursive: true, force: true });
});

/** The process that dies: its conversation guard must not fire while the test runs. */
const firstRun = () => createTestBot({ db: temp.db, clock, formsDir, conversationStepTimeoutMs: 600_000 });
/** The next process on the same database. */
const nextRun = () => createTestBot({ db: temp.reopen(), clock, formsDir });

/** Fills the form up to its summary and returns the update that presses ✅ Gửi. */
async function upToSend(t: TestBot) {
  const an = createDriver(t, USERS.hamletHead);
  await an.command("baocao");
  await an.press("rp:new:crash-check");
  await an.say("120");
  expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
  return callback(USERS.hamletHead, t.button("Gửi báo cáo"));
}

const sentTexts = (t: TestBot) =>
  t.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));

async function submitted() {
  const reports = await temp.db.report.findMany({ include: { revisions: true } });
  const audit = await temp.db.auditLog.count({ where: { action: "report.submit" } });
  return {
    status: reports.map((r) => r.status),
    revisions: reports.flatMap((r) => r.revisions).length,
    audit,
  };
}

describe("No update is lost in a crash window", () => {
  it.each([
    ["after the report was saved, while the reply was on its way", "sendMessage"],
    ["before the report was saved, while the pressed button was being updated", "editMessageText"],
  ])(
    "a press of ✅ Gửi in flight when the process dies (%s) is handled by the next run: one report, one reply",
    async (_when, method) => {
      const dying = firstRun();
      const press = await upToSend(dying);
      dying.clear();
      dying.hangNext(method);
      void dying.handle(press); // never finishes: the process is killed here
      await vi.waitUntil(() => dying.recent().some((c) => c.method === method), { timeout: 10_000 });
      // Not marked handled while in flight (before: marked first, so the redelivery was dropped).
      expect(await isUpdateHandled(temp.db, String(TEST_BOT_INFO.id), press.update_id)).toBe(false);

      const next = nextRun();
      // By now the press is too old to acknowledge; that must not stop what it asked for.
      next.failNext("answerCallbackQuery", {
        error_code: 400,
        description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
      });
      await next.handle(redelivered(press));
      expect(await submitted()).toEqual({ status: ["submitted"], revisions: 1, audit: 1 });
      const delivered = sentTexts(next).filter((text) => /Đã gửi báo cáo/.test(text));
      expect(delivered).toHaveLength(1);
      expect(sentTexts(next).join("\n")).not.toMatch(/Không tìm thấy|đã được gửi/);
      expect(await isUpdateHandled(temp.db, String(TEST_BOT_INFO.id), press.update_id)).toBe(true);

      // Handled now: a further delivery is dropped, and the conversation is over.
      next.clear();
      await next.handle(redelivered(press));
      expect(next.recent()).toEqual([]);
      expect(await temp.db.conversationState.count()).toBe(0);
      expect(await submitted()).toEqual({ status: ["submitted"], revisions: 1, audit: 1 });
    },
  );

  it("an answer in flight when the process dies is taken again by the next run, as an answer to the same question", async () => {
    const dying = firstRun();
    const an = createDriver(dying, USERS.hamletHead);
    await an.command("baocao");
    await an.press("rp:new:crash-check");
    dying.hangNext("sendMessage"); // the summary, after the answer was saved
    const answer = textMessage(USERS.hamletHead, "120");
    void dying.handle(answer);
    await vi.waitUntil(
      async () => JSON.stringify((await temp.db.report.findFirst())?.answers).includes("120"),
      {
        timeout: 10_000,
      },
    );

    const next = nextRun();
    await next.handle(redelivered(answer));
    // Not "120" given to the next step: the state and the mark commit together, so the next
    // run replays the answer against the question it answered.
    expect(next.lastText()).toMatch(/Kiểm tra lại báo cáo/);
    expect((await temp.db.report.findFirstOrThrow()).answers).toEqual({ households: 120 });
  });

  it("a state saved by an update names it: if the process died before the mark, a repeat is dropped", async () => {
    const t = firstRun();
    const an = createDriver(t, USERS.hamletHead);
    await an.command("baocao");
    await an.press("rp:new:crash-check");
    const answer = textMessage(USERS.hamletHead, "120");
    await t.handle(answer);
    const state = await temp.db.conversationState.findFirstOrThrow();
    expect(state.updateId).toBe(BigInt(answer.update_id));
    // The crash between saving the state and writing the mark, as the database shows it.
    await temp.db.processedUpdate.delete({
      where: { botId_updateId: { botId: String(TEST_BOT_INFO.id), updateId: BigInt(answer.update_id) } },
    });
    const next = nextRun();
    await next.handle(redelivered(answer));
    expect(next.calls).toEqual([]); // not taken as the answer to the summary's choice
    expect((await temp.db.conversationState.findFirstOrThrow()).value).toBe(state.value);
  });
});
