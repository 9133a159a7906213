import { type Api, InlineKeyboard } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findQuiz } from "../../src/domain/training/load-quizzes.js";
import { renderQuizQuestion } from "../../src/domain/training/render-quiz-question.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { FakeZalo } from "../channels/zalo/fake-zalo.js";
import { answer, createPublishedCourse, personId } from "../domain/training/course-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { numberOf, startZaloBot, type ZaloBot } from "../helpers/zalo-bot.js";

let temp: TempDb;
let zalo: FakeZalo;
let api: Api;
let z: ZaloBot;
let courseId: number;
const people: Record<string, { zaloId: string; chatId: number }> = {};
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  z = await startZaloBot(temp.db, clock);
  ({ zalo, api } = z);
  courseId = await createPublishedCourse(temp.db, {
    now: clock.now(),
    startsAt: "2026-11-25T08:00:00+07:00",
    endsAt: "2026-11-25T11:30:00+07:00",
    quizKey: "ra-soat-ho-ngheo",
  });
  await answer(temp.db, courseId, "Nguyễn Văn An", "yes", clock.now());
  await answer(temp.db, courseId, "Ngô Thị Lan", "yes", clock.now());
});
afterAll(async () => {
  await z?.stop();
  await temp.cleanup();
});

const type = (zaloId: string, text: string) => z.type(zaloId, text);
const zaloPerson = async (fullName: string) => z.linkPerson(await personId(temp.db, fullName));

describe("Attendance and quiz", () => {
  it("on Zalo: check-in, the typed code and ticking names all work by typing, each screen a new message", async () => {
    const trainer = await zaloPerson("Lê Văn Cường");
    const an = await zaloPerson("Nguyễn Văn An");
    people.an = an;
    clock.set("2026-11-25T07:55:00+07:00");
    // The trainer's course screen (built elsewhere) offers "✅ Điểm danh" as a numbered option.
    await api.sendMessage(trainer.chatId, "Khóa học", {
      reply_markup: new InlineKeyboard().text("✅ Điểm danh", `ckn:${courseId}`),
    });
    zalo.clear();
    await type(trainer.zaloId, "1");
    const screen = zalo.texts().at(-1) ?? "";
    expect(screen).toContain("Mã điểm danh");
    const code = /Mã điểm danh: ([A-Z2-9]{5})/.exec(screen)?.[1] ?? "";
    expect(code).toHaveLength(5);

    clock.set("2026-11-25T08:10:00+07:00");
    zalo.clear();
    await type(an.zaloId, code);
    expect(zalo.texts().at(-1)).toContain("Đã điểm danh khóa Tập huấn rà soát hộ nghèo 2027");

    zalo.clear();
    await type(trainer.zaloId, numberOf(screen, /danh sách/));
    const list = zalo.texts().at(-1) ?? "";
    expect(list).toContain("Có mặt: 1/2");
    expect(list).toMatch(/\d+\. ✅ Nguyễn Văn An/);
    zalo.clear();
    await type(trainer.zaloId, numberOf(list, /Ngô Thị Lan/));
    const after = zalo.texts().at(-1) ?? "";
    expect(after).toContain("Có mặt: 2/2");
    expect(after).toMatch(/\d+\. ✅ Ngô Thị Lan/);
    expect(zalo.calls.some((call) => /edit/i.test(call.method))).toBe(false);
  });

  it("on Zalo: the quiz is answered by typing the numbers of the choices", async () => {
    const an = people.an as { zaloId: string; chatId: number };
    const quiz = findQuiz("ra-soat-ho-ngheo");
    if (!quiz) throw new Error("quiz file missing");
    // What the outbox delivers when the course ends.
    const first = renderQuizQuestion(createTranslator("vi"), "vi", {
      quiz,
      courseId,
      index: 0,
      withIntro: true,
    });
    const keyboard = new InlineKeyboard();
    for (const row of first.rows)
      keyboard.row(...row.map(([label, data]) => InlineKeyboard.text(label, data)));
    await api.sendMessage(an.chatId, first.text, { parse_mode: "HTML", reply_markup: keyboard });
    const shown = zalo.texts().at(-1);
    expect(shown).toMatch(/\d\. 1\.500\.000 đồng/);
    zalo.clear();
    await type(an.zaloId, numberOf(shown, /1\.500\.000 đồng/));
    const second = zalo.texts().at(-1) ?? "";
    expect(second).toContain("✓ Đã ghi: 1.500.000 đồng");
    expect(second).toContain("câu 2/4");
    await type(an.zaloId, numberOf(second, /Mẫu số 01/));
    const third = zalo.texts().at(-1) ?? "";
    expect(third).toContain("câu 3/4");
    await type(an.zaloId, numberOf(third, /^5\. 5$|\b5$/));
    await type(an.zaloId, numberOf(zalo.texts().at(-1), /Vừa phải/));
    expect(zalo.texts().at(-1)).toContain("Cảm ơn bạn đã trả lời");
    const answers = await temp.db.courseQuizAnswer.findMany({
      where: { courseId },
      orderBy: { id: "asc" },
      select: { question: true, answer: true, correct: true },
    });
    expect(answers).toEqual([
      { question: "income_rural", answer: "b", correct: true },
      { question: "review_form", answer: "m01", correct: true },
      { question: "useful", answer: "5", correct: null },
      { question: "pace", answer: "ok", correct: null },
    ]);
    expect(zalo.calls.some((call) => /edit/i.test(call.method))).toBe(false);
  });
});
