import type { Db, Prisma } from "../../db/client.js";
import { isLocale, type Locale } from "../../i18n/translator.js";

/**
 * The active people who said they will come to a course (or are waiting for a place): the
 * ones a change or a cancellation concerns. Who declined or never answered is not told.
 */
export async function findCommittedPeople(
  db: Pick<Db | Prisma.TransactionClient, "courseRsvp">,
  courseId: number,
): Promise<{ personId: number; locale: Locale }[]> {
  const rows = await db.courseRsvp.findMany({
    where: { courseId, answer: { in: ["yes", "waitlist"] }, person: { status: "active" } },
    select: { personId: true, person: { select: { locale: true } } },
    orderBy: { answeredAt: "asc" },
  });
  return rows.map((row) => ({
    personId: row.personId,
    locale: isLocale(row.person.locale) ? row.person.locale : "vi",
  }));
}
