import type { Db } from "../../db/client.js";
import type { CourseStatus } from "../enums.js";
import { findQuiz, QUIZZES_DIR } from "./load-quizzes.js";
import type { QuizDefinition } from "./quiz-definition.js";

/**
 * The quiz of a course for someone who attended it ("✏️ Sửa câu trả lời" starts it again):
 * `null` when the course is gone or cancelled, has no quiz (or its file is missing), or the
 * person was not there — only those who attended answer it.
 */
export async function findAttendedQuiz(
  db: Db,
  personId: number,
  courseId: number,
  quizzesDir: string = QUIZZES_DIR,
): Promise<QuizDefinition | null> {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { quizKey: true, status: true, attendance: { where: { personId }, select: { id: true } } },
  });
  if (!course?.quizKey || course.status === ("cancelled" satisfies CourseStatus)) return null;
  if (course.attendance.length === 0) return null;
  return findQuiz(course.quizKey, quizzesDir);
}
