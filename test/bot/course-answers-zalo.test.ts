import type { Api } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueForPerson, htmlMessage } from "../../src/domain/outbox/enqueue-message.js";
import { createOutboxWorker } from "../../src/jobs/outbox-worker.js";
import type { FakeZalo } from "../channels/zalo/fake-zalo.js";
import { insertCourse, personIdByPhone } from "../helpers/course-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { numberOf, startZaloBot, type ZaloBot } from "../helpers/zalo-bot.js";

/**
 * The same screens on Zalo, through the real Zalo transport and the real bot: no buttons, so
 * every choice is a numbered list and the person types the number; no edits, so each step is
 * one new message.
 */
let temp: TempDb;
let zalo: FakeZalo;
let api: Api;
let z: ZaloBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const logger = pino({ level: "silent" });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  z = await startZaloBot(temp.db, clock);
  ({ zalo, api } = z);
});
afterAll(async () => {
  await z?.stop();
  await temp.cleanup();
});

/** Types `text` and lets the bot handle it; returns what Zalo was asked to send. */
async function say(zaloId: string, text: string): Promise<string[]> {
  zalo.clear();
  expect(await z.type(zaloId, text)).toBeDefined();
  return zalo.texts();
}

/** A Zalo chat linked to a roster person. */
const zaloPerson = async (phone: string) =>
  (await z.linkPerson(await personIdByPhone(temp.db, phone))).zaloId;

describe("Notices and answers", () => {
  it("on Zalo a notice's answers are typed numbers, the reason too, and each step is one message", async () => {
    const an = await zaloPerson("+84912000001");
    const courseId = await insertCourse(temp.db, {
      title: "Tập huấn trên Zalo",
      audience: [{ unitCode: "42-LTT", role: "hamlet_head" }],
      startsAt: "2026-11-28T08:00:00+07:00",
    });
    // The notice, as the courses feature queues it: through the outbox, with the three answers.
    await enqueueForPerson(temp.db, {
      kind: "broadcast",
      personId: await personIdByPhone(temp.db, "+84912000001"),
      idempotencyKey: `notice:${courseId}`,
      now: clock.now(),
      payload: htmlMessage("📚 <b>Tập huấn trên Zalo</b>", [
        [
          ["Tham gia", `cra:y:${courseId}`],
          ["Không tham gia", `cra:n:${courseId}`],
        ],
        [["Hỏi thêm", `cra:q:${courseId}`]],
      ]),
    });
    zalo.clear();
    const worker = createOutboxWorker({
      db: temp.db,
      apis: { zalo: api },
      logger,
      clock,
      instanceId: "zalo-test",
      perSecond: 1000,
      perChatGapMs: 0,
    });
    while ((await worker.runOnce()) > 0) {
      // deliver all
    }
    const notice = zalo.texts().at(-1);
    expect(notice).toMatch(/Tập huấn trên Zalo/);

    const yes = await say(an, numberOf(notice, /^\d+\. Tham gia$/));
    expect(yes).toHaveLength(1);
    expect(yes[0]).toMatch(/Đã ghi nhận: bạn tham gia khóa học Tập huấn trên Zalo/);
    expect(yes[0]).toMatch(/\d\. ❌ Không tham gia/);

    const no = await say(an, numberOf(yes[0], /Không tham gia/));
    expect(no).toHaveLength(1);
    expect(no[0]).toMatch(/lý do \(không bắt buộc\)/);
    const reason = await say(an, numberOf(no[0], /Ốm đau/));
    expect(reason).toHaveLength(1);
    expect(reason[0]).toMatch(/đã ghi lý do/);
    const rsvp = await temp.db.courseRsvp.findFirstOrThrow({ where: { courseId } });
    expect(rsvp).toMatchObject({ answer: "no", reason: "Ốm đau, việc gia đình" });

    // 📅 Khóa học của tôi, typed as its label, answered by number.
    const mine = await say(an, "Khóa học của tôi");
    expect(mine.at(-1)).toMatch(/1\. Tập huấn trên Zalo[\s\S]*Trả lời của bạn: Không tham gia/);
    const again = await say(an, numberOf(mine.at(-1), /1: Tham gia/));
    expect(again.at(-1)).toMatch(/bạn tham gia/);
  });
});

describe("The trainer's view", () => {
  it("on Zalo the trainer opens the course and the not-answered list by typing numbers", async () => {
    const cuong = await zaloPerson("+84912000003");
    const courseId = await insertCourse(temp.db, {
      title: "Khóa của giảng viên",
      audience: [{ unitCode: "42-DT", role: "hamlet_head" }],
      startsAt: "2026-11-29T08:00:00+07:00",
    });
    const list = await say(cuong, "/khoahoc");
    expect(list.at(-1)).toMatch(/Khóa học của bạn/);
    const screen = await say(cuong, numberOf(list.at(-1), /Khóa của giảng viên/));
    expect(screen).toHaveLength(1);
    expect(screen[0]).toMatch(/Thôn Yên Trung: ✅ 0 · ❌ 0 · ⏳ 0 · ❔ 1 \(📵 1\) \/ 1/);
    expect(screen[0]?.length).toBeLessThanOrEqual(2000);
    const missing = await say(cuong, numberOf(screen[0], /Chưa trả lời/));
    expect(missing.at(-1)).toMatch(
      /2 người chưa trả lời[\s\S]*Ngô Thị Lan — Thôn Yên Trung — 0912 000 022 📵/,
    );
    const nudge = await say(cuong, numberOf(missing.at(-1), /Nhắc người chưa trả lời/));
    expect(nudge.at(-1)).toMatch(/2 người chưa dùng bot hoặc đã chặn bot, hãy gọi điện/);
    expect(courseId).toBeGreaterThan(0);
  });
});
