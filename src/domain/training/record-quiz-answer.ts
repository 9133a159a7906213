import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { findQuiz, QUIZZES_DIR } from "./load-quizzes.js";
import { type QuizDefinition, questionChoices } from "./quiz-definition.js";

export type RecordQuizAnswerResult =
  | {
      ok: true;
      quiz: QuizDefinition;
      /** The choice's label in each language, to confirm it. */
      chosen: { vi: string; en: string };
      /** The next question not yet answered, or `null` when all are. */
      next: number | null;
      /** It replaced an earlier answer to the same question. */
      changed: boolean;
    }
  | { ok: false; reason: "not_found" | "no_quiz" | "not_attended" | "unknown_answer" };

/**
 * One answer to one question of a course's quiz, by someone who attended: stored once per
 * person and question (a second answer replaces the first), with whether it is right where the
 * question has a right answer. Returns the next question still unanswered.
 */
export async function recordQuizAnswer(
  db: Db,
  clock: Clock,
  input: { personId: number; courseId: number; question: string; choice: string },
  quizzesDir: string = QUIZZES_DIR,
): Promise<RecordQuizAnswerResult> {
  const course = await db.course.findUnique({
    where: { id: input.courseId },
    select: { id: true, quizKey: true, status: true },
  });
  if (!course || course.status === "cancelled") return { ok: false, reason: "not_found" };
  const quiz = course.quizKey ? findQuiz(course.quizKey, quizzesDir) : null;
  if (!quiz) return { ok: false, reason: "no_quiz" };
  const question = quiz.questions.find((q) => q.key === input.question);
  const choice = question && questionChoices(question).find((c) => c.value === input.choice);
  if (!question || !choice) return { ok: false, reason: "unknown_answer" };
  const attended = await db.courseAttendance.count({
    where: { courseId: course.id, personId: input.personId },
  });
  if (attended === 0) return { ok: false, reason: "not_attended" };
  const data = {
    quizKey: quiz.key,
    answer: choice.value,
    correct: question.correct === undefined ? null : question.correct === choice.value,
    answeredAt: clock.now(),
  };
  const where = {
    courseId_personId_question: { courseId: course.id, personId: input.personId, question: question.key },
  };
  const before = await db.courseQuizAnswer.findUnique({ where, select: { id: true } });
  try {
    await db.courseQuizAnswer.upsert({
      where,
      create: { courseId: course.id, personId: input.personId, question: question.key, ...data },
      update: data,
    });
  } catch (error) {
    // The same button pressed twice at once: the other press stored it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  const answered = new Set(
    (
      await db.courseQuizAnswer.findMany({
        where: { courseId: course.id, personId: input.personId, quizKey: quiz.key },
        select: { question: true },
      })
    ).map((row) => row.question),
  );
  const after = quiz.questions.findIndex(
    (q, i) => i > quiz.questions.indexOf(question) && !answered.has(q.key),
  );
  const anyLeft = quiz.questions.findIndex((q) => !answered.has(q.key));
  const next = after >= 0 ? after : anyLeft >= 0 ? anyLeft : null;
  return { ok: true, quiz, chosen: { vi: choice.vi, en: choice.en }, next, changed: before !== null };
}
