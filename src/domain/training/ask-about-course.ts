import type { Db } from "../../db/client.js";
import type { Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { askOfficerInTransaction, recordQuestion, retryOnOpenTicket } from "../faq/questions.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { findAudienceCourse } from "./find-audience-course.js";

export const MAX_COURSE_QUESTION_LENGTH = 500;

export type AskAboutCourseResult =
  | { ok: true; ticketId: number; trainerName: string }
  | { ok: false; reason: "not_found" | "not_in_audience" | "not_published" };

/**
 * "Hỏi thêm" on a course notice: the question goes into the question loop addressed to the
 * course's creator (the trainer), who answers it like any "Hỏi cán bộ" question; the answer
 * comes back to the person who asked. The stored question names the course, so both sides
 * see what it is about.
 */
export async function askAboutCourse(
  db: Db,
  clock: Clock,
  translator: Translator,
  input: { personId: number; accountId: number; courseId: number; text: string },
): Promise<AskAboutCourseResult> {
  // The question and the ticket it opens (or joins) with the trainer's notice are one transaction.
  return retryOnOpenTicket(() =>
    inWriteTransaction(db, async (tx): Promise<AskAboutCourseResult> => {
      const found = await findAudienceCourse(tx, input.personId, input.courseId);
      if (!found.ok) return found;
      const { course } = found;
      const trainer = await tx.person.findUniqueOrThrow({
        where: { id: course.createdById },
        select: { fullName: true },
      });
      const text = `${translator.plain("vi", "cra-question-about", { title: course.title })} ${input.text
        .trim()
        .slice(0, MAX_COURSE_QUESTION_LENGTH)}`;
      const questionId = await recordQuestion(tx, clock, {
        accountId: input.accountId,
        personId: input.personId,
        text,
        matchedEntryId: null,
        score: null,
      });
      const asked = await askOfficerInTransaction(tx, clock, translator, {
        questionId,
        accountId: input.accountId,
        assignTo: { personId: course.createdById, unitId: course.unitId },
      });
      if (!asked.ok) return { ok: false, reason: "not_found" };
      return { ok: true, ticketId: asked.ticketId, trainerName: trainer.fullName };
    }),
  );
}
