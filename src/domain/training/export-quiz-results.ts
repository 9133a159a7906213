import type { Db } from "../../db/client.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { loadExcelJs } from "../../shared/lazy-modules.js";
import { formatDateTime } from "../../shared/time.js";
import { recordAudit } from "../audit/record-audit.js";
import { QUIZZES_DIR } from "./load-quizzes.js";
import { questionChoices } from "./quiz-definition.js";
import { quizResults } from "./quiz-results.js";

const NAME_ORDER = new Intl.Collator("vi");

export type ExportQuizResult =
  | { ok: true; data: Buffer; fileName: string; respondents: number }
  | { ok: false; reason: Exclude<Awaited<ReturnType<typeof quizResults>>, { ok: true }>["reason"] };

/**
 * The quiz results as an Excel workbook: a sheet of counts per question and choice (with the
 * share, mean rating, share right) and a sheet of every answer (name, unit, question, answer,
 * right or not, when). Cells are values, never formulas. The export is audited: it holds names.
 */
export async function exportQuizResults(
  db: Db,
  clock: Clock,
  input: { actorId: number; courseId: number; translator: Translator; locale: Locale; timeZone: string },
  quizzesDir: string = QUIZZES_DIR,
): Promise<ExportQuizResult> {
  const results = await quizResults(db, { actorId: input.actorId, courseId: input.courseId }, quizzesDir);
  if (!results.ok) return results;
  const t = (key: string, args?: Record<string, string | number>) =>
    input.translator.plain(input.locale, key, args);
  const locale = input.locale;
  const workbook = new (loadExcelJs().Workbook)();
  const summary = workbook.addWorksheet(t("quiz-sheet-summary"));
  summary.addRow([results.course.title]).font = { bold: true };
  summary.addRow([
    t("quiz-sheet-respondents", { respondents: results.respondents, attendees: results.attendees }),
  ]);
  summary.addRow([]);
  summary.addRow([
    t("quiz-col-question"),
    t("quiz-col-choice"),
    t("quiz-col-count"),
    t("quiz-col-percent"),
  ]).font = {
    bold: true,
  };
  for (const question of results.questions) {
    summary.addRow([question.text[locale]]).font = { bold: true };
    for (const choice of question.choices) {
      summary.addRow(["", choice[locale], choice.count, choice.percent / 100]);
      const row = summary.lastRow;
      if (row) row.getCell(4).numFmt = "0.0%";
    }
    if (question.average !== null) summary.addRow(["", t("quiz-col-average"), question.average]);
    if (question.correctPercent !== null) {
      const row = summary.addRow(["", t("quiz-col-correct"), "", question.correctPercent / 100]);
      row.getCell(4).numFmt = "0.0%";
    }
  }
  for (const [index, width] of [60, 30, 12, 12].entries()) summary.getColumn(index + 1).width = width;

  const answersSheet = workbook.addWorksheet(t("quiz-sheet-answers"));
  answersSheet.addRow([
    t("quiz-col-name"),
    t("quiz-col-unit"),
    t("quiz-col-question"),
    t("quiz-col-choice"),
    t("quiz-col-right"),
    t("quiz-col-time"),
  ]).font = { bold: true };
  const answers = await db.courseQuizAnswer.findMany({
    where: { courseId: results.course.id, quizKey: results.quiz.key },
    orderBy: [{ personId: "asc" }, { id: "asc" }],
    select: {
      personId: true,
      question: true,
      answer: true,
      correct: true,
      answeredAt: true,
      person: { select: { fullName: true, unit: { select: { name: true } } } },
    },
  });
  // By name in Vietnamese order, the same on every database (SQLite compares bytes); then by
  // person and as answered.
  answers.sort((a, b) => NAME_ORDER.compare(a.person.fullName, b.person.fullName) || a.personId - b.personId);
  const order = new Map(results.quiz.questions.map((question, i) => [question.key, i]));
  for (const answer of answers) {
    const question = results.quiz.questions[order.get(answer.question) ?? -1];
    const choice = question && questionChoices(question).find((c) => c.value === answer.answer);
    answersSheet.addRow([
      answer.person.fullName,
      answer.person.unit.name,
      question ? question.text[locale] : answer.question,
      choice ? choice[locale] : answer.answer,
      answer.correct === null ? "" : answer.correct ? t("quiz-right") : t("quiz-wrong"),
      formatDateTime(answer.answeredAt, locale, input.timeZone),
    ]);
  }
  for (const [index, width] of [28, 24, 60, 30, 8, 18].entries())
    answersSheet.getColumn(index + 1).width = width;

  await recordAudit(db, {
    at: clock.now(),
    actorId: input.actorId,
    action: "course.quiz_export",
    targetType: "Course",
    targetId: results.course.id,
    unitId: results.course.unitId,
    details: { answers: answers.length },
  });
  return {
    ok: true,
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
    fileName: `ket-qua-cau-hoi-khoa-${results.course.id}.xlsx`,
    respondents: results.respondents,
  };
}
