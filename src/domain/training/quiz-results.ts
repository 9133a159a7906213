import type { Db } from "../../db/client.js";
import type { Denial } from "../access/permissions.js";
import { loadManagedCourse } from "./load-managed-course.js";
import { findQuiz, QUIZZES_DIR } from "./load-quizzes.js";
import { type QuizDefinition, questionChoices } from "./quiz-definition.js";

export interface QuestionResult {
  key: string;
  text: { vi: string; en: string };
  rating: boolean;
  /** People who answered this question. */
  answered: number;
  choices: { value: string; vi: string; en: string; count: number; percent: number }[];
  /** Mean of a 1–5 rating, when anyone answered. */
  average: number | null;
  /** Share of right answers (0–100), for a question with one. */
  correctPercent: number | null;
}

export type QuizResultsResult =
  | {
      ok: true;
      course: { id: number; title: string; unitId: number };
      quiz: QuizDefinition;
      attendees: number;
      /** People who answered at least one question. */
      respondents: number;
      questions: QuestionResult[];
    }
  | { ok: false; reason: Denial | "not_found" | "no_quiz" };

/**
 * The quiz results of a course for the trainer who runs it: per question, how many chose each
 * answer (and the share), the mean rating, the share of right answers — counted in SQL.
 */
export async function quizResults(
  db: Db,
  input: { actorId: number; courseId: number },
  quizzesDir: string = QUIZZES_DIR,
): Promise<QuizResultsResult> {
  const loaded = await loadManagedCourse(db, input.actorId, input.courseId);
  if (!loaded.ok) return loaded;
  const { course } = loaded;
  const quiz = course.quizKey ? findQuiz(course.quizKey, quizzesDir) : null;
  if (!quiz) return { ok: false, reason: "no_quiz" };
  const where = { courseId: course.id, quizKey: quiz.key };
  const [groups, attendees, respondents] = await Promise.all([
    db.courseQuizAnswer.groupBy({ by: ["question", "answer"], where, _count: { _all: true } }),
    db.courseAttendance.count({ where: { courseId: course.id } }),
    db.courseQuizAnswer.findMany({ where, distinct: ["personId"], select: { personId: true } }),
  ]);
  const count = (question: string, answer: string) =>
    groups.find((group) => group.question === question && group.answer === answer)?._count._all ?? 0;
  const questions = quiz.questions.map((question): QuestionResult => {
    const options = questionChoices(question);
    const counts = options.map((option) => count(question.key, option.value));
    const answered = counts.reduce((sum, n) => sum + n, 0);
    const percent = (n: number) => (answered === 0 ? 0 : Math.round((n * 1000) / answered) / 10);
    const average =
      question.rating && answered > 0
        ? Math.round((counts.reduce((sum, n, i) => sum + n * (i + 1), 0) * 10) / answered) / 10
        : null;
    const right = question.correct === undefined ? null : count(question.key, question.correct);
    return {
      key: question.key,
      text: question.text,
      rating: question.rating === true,
      answered,
      choices: options.map((option, i) => ({
        ...option,
        count: counts[i] ?? 0,
        percent: percent(counts[i] ?? 0),
      })),
      average,
      correctPercent: right === null || answered === 0 ? null : percent(right),
    };
  });
  return {
    ok: true,
    course: { id: course.id, title: course.title, unitId: course.unitId },
    quiz,
    attendees,
    respondents: respondents.length,
    questions,
  };
}
