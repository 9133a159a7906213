import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportQuizResults } from "../../../src/domain/training/export-quiz-results.js";
import { loadQuizzes, QUIZZES_DIR } from "../../../src/domain/training/load-quizzes.js";
import { quizResults } from "../../../src/domain/training/quiz-results.js";
import { recordQuizAnswer } from "../../../src/domain/training/record-quiz-answer.js";
import { sendDueCourseSends } from "../../../src/domain/training/send-due-course-sends.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { answer, createPublishedCourse, linkHamletHeads, personId } from "./course-fixture.js";

const translator = createTranslator("vi");
const GOOD = `
key: mini
title: { vi: Khảo sát nhanh, en: Quick survey }
questions:
  - key: q1
    text: { vi: Câu một?, en: One? }
    choices:
      - { value: a, vi: A, en: A }
      - { value: b, vi: B, en: B }
    correct: a
  - key: q2
    text: { vi: Câu hai?, en: Two? }
    rating: true
  - key: q3
    text: { vi: Câu ba?, en: Three? }
    choices:
      - { value: x, vi: X, en: X }
      - { value: y, vi: Y, en: Y }
`;

function quizDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tlgn-quiz-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("Attendance and quiz", () => {
  describe("quiz files are validated like report forms", () => {
    it("the repository's quiz files are valid", () => {
      const { quizzes, errors } = loadQuizzes(QUIZZES_DIR);
      expect(errors).toEqual([]);
      expect(quizzes.map((quiz) => quiz.key)).toContain("ra-soat-ho-ngheo");
    });

    it("a broken file is rejected with where and why, and the good ones still load", () => {
      const dir = quizDir({
        "mini.yaml": GOOD,
        "two.yaml": GOOD.replace("key: mini", "key: two").replace(/ {2}- key: q3[\s\S]*$/, ""),
        "both.yaml": GOOD.replace("key: mini", "key: both").replace(
          "    rating: true",
          "    rating: true\n    choices: [{ value: a, vi: A, en: A }, { value: b, vi: B, en: B }]",
        ),
        "wrong.yaml": GOOD.replace("key: mini", "key: wrong").replace("correct: a", "correct: c"),
        "dup.yaml": GOOD.replace("key: mini", "key: dup").replace("key: q3", "key: q1"),
        "noen.yaml": GOOD.replace("key: mini", "key: noen").replace("en: Quick survey", "en: ''"),
        "bad.yaml": "key: [unclosed",
        "other-name.yaml": GOOD,
      });
      try {
        const { quizzes, errors } = loadQuizzes(dir);
        expect(quizzes.map((quiz) => quiz.key)).toEqual(["mini"]);
        const text = errors.join("\n");
        expect(text).toContain("two.yaml: questions: cần từ 3 đến 5 câu hỏi");
        expect(text).toContain("both.yaml: questions[1]: mỗi câu có đúng một trong hai");
        expect(text).toContain('wrong.yaml: questions[0].correct: "c" không phải một lựa chọn (a, b)');
        expect(text).toContain("dup.yaml: questions: khóa câu hỏi bị trùng");
        expect(text).toContain("noen.yaml: title.en: cần nội dung tiếng Anh");
        expect(text).toContain("bad.yaml: YAML không hợp lệ");
        expect(text).toContain('other-name.yaml: key "mini" phải trùng tên tệp');
        expect(errors).toHaveLength(7);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("the quiz after a course", () => {
    let temp: TempDb;
    let courseId: number;
    let dir: string;
    const clock = createFakeClock("2026-11-22T09:00:00+07:00");
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      temp = await createTempDb({ seed: true });
      await linkHamletHeads(temp.db);
      dir = quizDir({ "mini.yaml": GOOD });
      courseId = await createPublishedCourse(temp.db, {
        now: clock.now(),
        startsAt: "2026-11-25T08:00:00+07:00",
        endsAt: "2026-11-25T11:30:00+07:00",
        quizKey: "mini",
      });
      for (const name of ["Nguyễn Văn An", "Ngô Thị Lan", "Võ Văn Giang", "Đinh Văn Minh", "Lê Văn Cường"]) {
        ids[name] = await personId(temp.db, name);
      }
      for (const name of ["Nguyễn Văn An", "Ngô Thị Lan", "Võ Văn Giang"]) {
        await answer(temp.db, courseId, name, "yes", clock.now());
        await temp.db.courseAttendance.create({
          data: {
            courseId,
            personId: ids[name] as number,
            method: "code",
            checkedInAt: new Date("2026-11-25T08:05:00+07:00"),
          },
        });
      }
      await answer(temp.db, courseId, "Đinh Văn Minh", "yes", clock.now());
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await temp.cleanup();
    });

    const record = (name: string, question: string, choice: string) =>
      recordQuizAnswer(temp.db, clock, { personId: ids[name] as number, courseId, question, choice }, dir);

    it("goes to those who attended when the course ends, with the first question's buttons", async () => {
      const sweep = () => sendDueCourseSends(temp.db, clock, translator, "Asia/Ho_Chi_Minh", {});
      // The default quiz queuer reads content/quizzes, where "mini" is not: nothing, then the
      // real one from the test folder.
      const { courseQuizQueuer } = await import("../../../src/domain/training/queue-course-quiz.js");
      clock.set("2026-11-25T11:29:59+07:00");
      expect(await sweep()).toMatchObject({ done: 0 });
      clock.set("2026-11-25T11:30:00+07:00");
      expect(
        await sendDueCourseSends(temp.db, clock, translator, "Asia/Ho_Chi_Minh", {
          quiz: courseQuizQueuer(dir),
        }),
      ).toEqual({ done: 1, queued: 3, skipped: 0 });
      const rows = await temp.db.outboxMessage.findMany({ select: { personId: true, payload: true } });
      expect(rows.map((row) => row.personId).sort()).toEqual(
        [ids["Nguyễn Văn An"], ids["Ngô Thị Lan"], ids["Võ Văn Giang"]].sort(),
      );
      const first = rows[0];
      if (!first) throw new Error("nothing queued");
      const params = (
        first.payload as unknown as {
          params: { text: string; reply_markup: { inline_keyboard: { callback_data: string }[][] } };
        }
      ).params;
      expect(params.text).toContain("Khảo sát nhanh");
      expect(params.text).toContain("câu 1/3");
      expect(params.reply_markup.inline_keyboard.flat().map((b) => b.callback_data)).toEqual([
        `cqz:${courseId}:q1:a`,
        `cqz:${courseId}:q1:b`,
      ]);
    });

    it("stores one answer per person and question (a change replaces it) and gives the next question", async () => {
      expect(await record("Nguyễn Văn An", "q1", "a")).toMatchObject({ ok: true, next: 1, changed: false });
      expect(await record("Nguyễn Văn An", "q1", "b")).toMatchObject({ ok: true, next: 1, changed: true });
      expect(await record("Nguyễn Văn An", "q2", "5")).toMatchObject({ ok: true, next: 2 });
      expect(await record("Nguyễn Văn An", "q3", "x")).toMatchObject({ ok: true, next: null });
      expect(await record("Ngô Thị Lan", "q1", "a")).toMatchObject({ ok: true });
      expect(await record("Ngô Thị Lan", "q2", "4")).toMatchObject({ ok: true });
      // Answered out of order: the next is the one after it, then what was skipped.
      expect(await record("Võ Văn Giang", "q2", "2")).toMatchObject({ ok: true, next: 2 });
      expect(await record("Đinh Văn Minh", "q1", "a")).toEqual({ ok: false, reason: "not_attended" });
      expect(await record("Ngô Thị Lan", "q1", "z")).toEqual({ ok: false, reason: "unknown_answer" });
      expect(await record("Ngô Thị Lan", "q9", "a")).toEqual({ ok: false, reason: "unknown_answer" });
      expect(await temp.db.courseQuizAnswer.count({ where: { courseId } })).toBe(6);
      expect(
        await temp.db.courseQuizAnswer.findFirst({
          where: { courseId, personId: ids["Nguyễn Văn An"], question: "q1" },
        }),
      ).toMatchObject({ answer: "b", correct: false });
    });

    it("results per question for the trainer: counts and shares, mean rating, share right; exported to Excel", async () => {
      const trainer = ids["Lê Văn Cường"] as number;
      expect(await quizResults(temp.db, { actorId: ids["Nguyễn Văn An"] as number, courseId }, dir)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
      const results = await quizResults(temp.db, { actorId: trainer, courseId }, dir);
      if (!results.ok) throw new Error(results.reason);
      expect(results).toMatchObject({ attendees: 3, respondents: 3 });
      const [q1, q2, q3] = results.questions;
      expect(q1?.choices.map((c) => [c.value, c.count, c.percent])).toEqual([
        ["a", 1, 50],
        ["b", 1, 50],
      ]);
      expect(q1?.correctPercent).toBe(50);
      expect(q2).toMatchObject({ answered: 3, average: 3.7, correctPercent: null });
      expect(q3?.choices.map((c) => c.count)).toEqual([1, 0]);

      const exported = await exportQuizResults(
        temp.db,
        clock,
        { actorId: trainer, courseId, translator, locale: "vi", timeZone: "Asia/Ho_Chi_Minh" },
        dir,
      );
      if (!exported.ok) throw new Error(exported.reason);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.data as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Tổng hợp", "Câu trả lời"]);
      const answers = workbook.getWorksheet("Câu trả lời");
      expect(answers?.rowCount).toBe(7);
      // By name in Vietnamese order (Ngô before Nguyễn), whatever the database.
      const names = [2, 3, 4, 5, 6, 7].map((row) => String(answers?.getRow(row).getCell(1).value));
      expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
      const firstOfAn = names.indexOf("Nguyễn Văn An") + 2;
      expect(answers?.getRow(firstOfAn).values).toEqual([
        undefined,
        "Nguyễn Văn An",
        "Thôn 3",
        "Câu một?",
        "B",
        "Sai",
        "11:30 25/11/2026",
      ]);
      expect(
        await temp.db.auditLog.count({ where: { action: "course.quiz_export", actorId: trainer } }),
      ).toBe(1);
    });
  });
});
