import type { Locale, Translator } from "../../i18n/translator.js";
import { type QuizDefinition, questionChoices } from "./quiz-definition.js";

/** Callback data of one answer: `cqz:<courseId>:<question>:<choice>`. */
export function quizAnswerData(courseId: number, question: string, choice: string): string {
  return `cqz:${courseId}:${question}:${choice}`;
}

/**
 * Question `index` of a course's quiz as a message: "📝 title — câu 2/4", the question, and one
 * button per choice (a rating's five in one row). Channel-neutral: rows of (label, data).
 */
export function renderQuizQuestion(
  translator: Translator,
  locale: Locale,
  input: { quiz: QuizDefinition; courseId: number; index: number; withIntro?: boolean },
): { text: string; rows: [label: string, data: string][][] } {
  const { quiz, courseId, index } = input;
  const question = quiz.questions[index];
  if (!question) throw new Error(`quiz ${quiz.key} has no question ${index}`);
  const lines: string[] = [];
  if (input.withIntro && quiz.intro)
    lines.push(translator.t(locale, "quiz-intro", { intro: quiz.intro[locale] }));
  lines.push(
    translator.t(locale, "quiz-question", {
      title: quiz.title[locale],
      number: index + 1,
      total: quiz.questions.length,
      question: question.text[locale],
    }),
  );
  if (question.rating) lines.push(translator.t(locale, "quiz-rating-hint"));
  const buttons = questionChoices(question).map((choice): [string, string] => [
    choice[locale],
    quizAnswerData(courseId, question.key, choice.value),
  ]);
  const rows = question.rating ? [buttons] : buttons.map((button) => [button]);
  return { text: lines.join("\n\n"), rows };
}
