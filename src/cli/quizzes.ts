/**
 * `npm run quizzes:check [-- <dir>]`: validates every feedback/quiz file in content/quizzes (or
 * `dir`) and prints one line per quiz, or the problems (exit code 1).
 */
import { loadQuizzes, QUIZZES_DIR } from "../domain/training/load-quizzes.js";

const dir = process.argv[2] ?? QUIZZES_DIR;
const { quizzes, errors } = loadQuizzes(dir);
if (errors.length > 0) {
  console.error(`Tệp câu hỏi có lỗi (${errors.length}):\n${errors.map((e) => `  • ${e}`).join("\n")}`);
  process.exit(1);
}
for (const quiz of quizzes) {
  const graded = quiz.questions.filter((question) => question.correct !== undefined).length;
  const ratings = quiz.questions.filter((question) => question.rating).length;
  console.log(
    `${quiz.key} — ${quiz.title.vi} — ${quiz.questions.length} câu (${graded} có đáp án, ${ratings} chấm điểm 1–5)`,
  );
}
console.log(`Hợp lệ: ${quizzes.length} tệp câu hỏi.`);
