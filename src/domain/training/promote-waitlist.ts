import type { Prisma } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import { describeCourseTime } from "./describe-course-time.js";

/**
 * Moves people from the waiting list to "Tham gia" while the course has room (all of them when
 * it has no capacity any more), first come first served (by `answeredAt`), and tells each one
 * through the outbox. Runs inside the transaction that freed the seat, so the seat and the
 * promotion commit together. Returns the ids promoted.
 */
export async function promoteWaitlist(
  tx: Prisma.TransactionClient,
  clock: Clock,
  translator: Translator,
  input: {
    course: { id: number; title: string; startsAt: Date; endsAt: Date; capacity: number | null };
    timeZone: string;
  },
): Promise<number[]> {
  const { course } = input;
  let room = Number.POSITIVE_INFINITY;
  if (course.capacity !== null) {
    const yes = await tx.courseRsvp.count({ where: { courseId: course.id, answer: "yes" } });
    room = course.capacity - yes;
  }
  if (room <= 0) return [];
  const waiting = await tx.courseRsvp.findMany({
    where: { courseId: course.id, answer: "waitlist" },
    orderBy: [{ answeredAt: "asc" }, { id: "asc" }],
    ...(Number.isFinite(room) ? { take: room } : {}),
    select: { id: true, personId: true, person: { select: { locale: true } } },
  });
  for (const row of waiting) {
    await tx.courseRsvp.update({ where: { id: row.id }, data: { answer: "yes" } });
    const locale = isLocale(row.person.locale) ? row.person.locale : "vi";
    const t = (key: string, args?: Parameters<Translator["t"]>[2]) => translator.t(locale, key, args);
    await enqueueForPerson(tx, {
      kind: "notification",
      personId: row.personId,
      idempotencyKey: `course:${course.id}:promoted:r${row.id}:${clock.now().getTime()}`,
      now: clock.now(),
      ref: `course:${course.id}`,
      payload: htmlMessage(
        t("cra-promoted", {
          title: course.title,
          time: describeCourseTime(course, locale, input.timeZone),
        }),
        [
          [
            [translator.plain(locale, "cra-button-no"), `cra:n:${course.id}`],
            [translator.plain(locale, "cra-button-ask"), `cra:q:${course.id}`],
          ],
        ],
      ),
    });
  }
  return waiting.map((row) => row.personId);
}
