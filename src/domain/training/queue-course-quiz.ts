import { isLocale } from "../../i18n/translator.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import { findQuiz, QUIZZES_DIR } from "./load-quizzes.js";
import { renderQuizQuestion } from "./render-quiz-question.js";
import type { CourseSendQueuer } from "./send-due-course-sends.js";

/**
 * The quiz at the end of a course (CourseSend kind "quiz"): everyone who attended gets the
 * first question with its answer buttons; each answer brings the next (course-quiz.ts). A
 * course whose quiz file is missing or broken queues nothing (`npm run quizzes:check` names
 * the problem).
 */
export function courseQuizQueuer(quizzesDir: string = QUIZZES_DIR): CourseSendQueuer {
  return async (db, send, context) => {
    const quiz = send.course.quizKey ? findQuiz(send.course.quizKey, quizzesDir) : null;
    if (!quiz) return 0;
    const attendees = await db.courseAttendance.findMany({
      where: { courseId: send.course.id, person: { status: "active" } },
      select: { person: { select: { id: true, locale: true } } },
    });
    let queued = 0;
    for (const { person } of attendees) {
      const locale = isLocale(person.locale) ? person.locale : "vi";
      const question = renderQuizQuestion(context.translator, locale, {
        quiz,
        courseId: send.course.id,
        index: 0,
        withIntro: true,
      });
      queued += await enqueueForPerson(db, {
        kind: "reminder",
        personId: person.id,
        idempotencyKey: context.idempotencyKey,
        now: context.now,
        ref: `course:${send.course.id}`,
        payload: htmlMessage(question.text, question.rows),
      });
    }
    return queued;
  };
}
