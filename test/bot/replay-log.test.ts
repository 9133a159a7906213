import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { conversationKey } from "../../src/bot/conversations/tasks.js";
import { createUnit } from "../../src/domain/units/create-unit.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createDriver } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, type TestUser, textMessage, USERS } from "../helpers/updates.js";

/**
 * The largest stored state (characters of JSON) a task may reach, however long someone keeps at
 * it. What a task keeps is its start — the update that opened it, whom it is for, which draft,
 * the intro it sent — and the screen in progress: where the walk stands (with the answers, a
 * dozen short values on this form), the question or summary on screen and the wait for the
 * answer. That is 3–6.5 KB on the weekly review form; 8 KB leaves room for longer answers.
 * Before, every answer, step back, edit and refused input added its update and the bot's
 * replies to the log: past 48 KB after 46 updates, and growing.
 */
const BOUND = 8_000;

let temp: TempDb;
let t: TestBot;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // A commune with more hamlets than fit on one page of the unit picker.
  const duc = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT" } });
  for (let i = 1; i <= 10; i++) {
    await createUnit(temp.db, {
      code: `42-DT-R${i}`,
      name: `Xóm ${String(i).padStart(2, "0")}`,
      level: "hamlet",
      parentId: duc.id,
    });
  }
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.conversationState.deleteMany();
  t = createTestBot({ db: temp.db, clock: createFakeClock("2026-11-22T09:00:00+07:00") });
});

/** The chat's stored conversation state, in characters (0 when no task is open). */
async function storedSize(user: TestUser): Promise<number> {
  const row = await temp.db.conversationState.findUnique({
    where: { key: conversationKey("telegram", user.id) },
  });
  return row?.value.length ?? 0;
}

/** Sends updates one by one and records the stored size after each. */
function recorder(user: TestUser) {
  const sizes: number[] = [];
  return {
    sizes,
    async send(update: Parameters<TestBot["handle"]>[0]) {
      await t.handle(update);
      sizes.push(await storedSize(user));
    },
  };
}

describe("The conversation replay log stays short", () => {
  it("a report form filled, stepped back and forth, corrected from the summary and answered wrongly again and again", async () => {
    const an = createDriver(t, USERS.hamletHead);
    const log = recorder(USERS.hamletHead);
    const say = (text: string) => log.send(textMessage(USERS.hamletHead, text));
    const tap = (label: string) => log.send(callback(USERS.hamletHead, t.button(label)));

    await an.command("baocao");
    await log.send(callback(USERS.hamletHead, "rp:new:review-progress"));
    // The form through, with a step back now and then.
    for (const answer of ["120", "25", "100", "18", "22", "7"]) {
      await say(answer);
      await tap("Quay lại");
      await say(answer);
    }
    await say("có");
    await say("hôm qua");
    await say("85,5");
    await tap("Có");
    await tap("Không");
    await tap("Bỏ qua");
    expect(an.last()).toMatch(/Kiểm tra lại báo cáo/);
    const afterFirstPass = Math.max(...log.sizes);

    // Someone who keeps changing answers from the summary, and keeps typing what is not asked.
    const rounds: number[] = [];
    for (let round = 0; round < 15; round++) {
      const from = log.sizes.length;
      await tap("Sửa một câu");
      await say("1");
      await say("mười hai");
      expect(an.last()).toMatch(/⚠️/);
      await say("/abc");
      await say(String(120 + round));
      await say("không biết");
      expect(an.last()).toMatch(/chọn một nút/);
      rounds.push(Math.max(...log.sizes.slice(from)));
    }
    await tap("Gửi báo cáo");
    expect(an.last()).toMatch(/✅ Đã gửi báo cáo/);
    expect(await storedSize(USERS.hamletHead)).toBe(0);

    expect(log.sizes.length).toBeGreaterThan(100);
    expect(Math.max(...log.sizes)).toBeLessThan(BOUND);
    // It does not grow with the number of updates: the fifteenth round stores what the first did.
    expect(afterFirstPass).toBeLessThan(BOUND);
    expect(rounds.at(-1)).toBeLessThanOrEqual((rounds[0] ?? 0) + 20);
  }, 300_000);

  it("a unit picker paged back and forth and a commune entered and left, over and over", async () => {
    const admin = USERS.admin;
    const log = recorder(admin);
    await log.send(callback(admin, "m:inv"));
    await log.send(callback(admin, t.button("Trưởng thôn")));
    const rounds: number[] = [];
    for (let round = 0; round < 15; round++) {
      const from = log.sizes.length;
      await log.send(callback(admin, t.button("Xã Đức Thọ")));
      await log.send(callback(admin, t.button("Sau ▶")));
      expect(t.lastText()).toMatch(/Trang 2\/2/);
      await log.send(callback(admin, t.button("◀ Trước")));
      await log.send(callback(admin, t.button("Quay lại")));
      rounds.push(Math.max(...log.sizes.slice(from)));
    }
    await log.send(callback(admin, t.button("Xã Lâm Trung Thủy")));
    await log.send(callback(admin, t.button("Thôn 2")));
    expect(t.lastText()).not.toMatch(/Trang/);
    expect(log.sizes.length).toBeGreaterThan(60);
    expect(Math.max(...log.sizes)).toBeLessThan(BOUND);
    expect(rounds.at(-1)).toBeLessThanOrEqual((rounds[1] ?? 0) + 20);
    await t.handle(command(admin, "cancel"));
  }, 300_000);

  it("a question answered wrongly fifty times", async () => {
    const admin = USERS.admin;
    const log = recorder(admin);
    await log.send(callback(admin, "m:ppl"));
    for (let i = 0; i < 50; i++) await log.send(textMessage(admin, "a"));
    expect(t.lastText()).toMatch(/ít nhất 2 ký tự/);
    expect(Math.max(...log.sizes)).toBeLessThan(BOUND);
    expect(log.sizes.at(-1)).toBe(log.sizes[1]);
    await t.handle(command(admin, "cancel"));
  }, 300_000);
});
