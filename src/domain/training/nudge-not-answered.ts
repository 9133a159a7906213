import type { Db } from "../../db/client.js";
import { isLocale, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatDateTime } from "../../shared/time.js";
import { isInScope } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import { enqueueForPerson, htmlMessage } from "../outbox/enqueue-message.js";
import { reachOf } from "../outbox/reach-of.js";
import { localDateParts } from "../reports/periods.js";
import { answerDeadline } from "./answer-deadline.js";
import { describeCourseTime } from "./describe-course-time.js";
import { type NotAnsweredPerson, notAnsweredWhere } from "./list-not-answered.js";
import { loadManagedCourse } from "./load-managed-course.js";

export type NudgeNotAnsweredResult =
  | {
      ok: true;
      /** Reminded now, through the bot. */
      reminded: number;
      /** Reminded earlier today already (pressing again the same day sends nothing new). */
      alreadyReminded: number;
      /** Not reachable through the bot: to be called (phone within the trainer's scope). */
      unreachable: NotAnsweredPerson[];
    }
  | { ok: false; reason: "not_found" | "not_allowed" | "not_published" | "closed" };

const PAGE = 500;

/**
 * "🔔 Nhắc người chưa trả lời": every person of the audience who has not answered gets a
 * reminder with the answer buttons, through the outbox, once per course and day (the
 * idempotency key carries the local date). People the bot cannot reach are returned by name and
 * phone, to be called. The reminders and the audit entry commit together.
 */
export async function nudgeNotAnswered(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  input: { courseId: number; timeZone: string },
): Promise<NudgeNotAnsweredResult> {
  return inWriteTransaction(db, async (tx): Promise<NudgeNotAnsweredResult> => {
    const now = clock.now();
    const managed = await loadManagedCourse(tx, actorId, input.courseId);
    if (!managed.ok) return managed;
    const { actor, course } = managed;
    if (course.status !== "published") return { ok: false, reason: "not_published" };
    if (now.getTime() >= answerDeadline(course).getTime()) return { ok: false, reason: "closed" };
    const day = localDateParts(now, input.timeZone);
    const key = `course:${course.id}:nudge:${day.year}-${day.month}-${day.day}`;
    const where = await notAnsweredWhere(tx, course.id);
    const result = { reminded: 0, alreadyReminded: 0, unreachable: [] as NotAnsweredPerson[] };
    for (let after = 0; ; ) {
      const people = await tx.person.findMany({
        where: { AND: [where, { id: { gt: after } }] },
        orderBy: { id: "asc" },
        take: PAGE,
        select: {
          id: true,
          fullName: true,
          phone: true,
          locale: true,
          unit: { select: { name: true, path: true } },
          accounts: { select: { blockedAt: true } },
        },
      });
      for (const person of people) {
        const reach = reachOf(person.accounts);
        if (reach !== "reachable") {
          result.unreachable.push({
            personId: person.id,
            fullName: person.fullName,
            unitName: person.unit.name,
            phone: isInScope(actor, person.unit.path) ? person.phone : null,
            reach,
          });
          continue;
        }
        const locale = isLocale(person.locale) ? person.locale : "vi";
        const queued = await enqueueForPerson(tx, {
          kind: "reminder",
          personId: person.id,
          idempotencyKey: key,
          now,
          ref: `course:${course.id}`,
          senderId: actor.id,
          payload: htmlMessage(
            translator.t(locale, "cra-nudge", {
              by: actor.fullName,
              title: course.title,
              time: describeCourseTime(course, locale, input.timeZone),
              deadline: formatDateTime(answerDeadline(course), locale, input.timeZone),
            }),
            [
              [
                [translator.plain(locale, "cra-button-yes"), `cra:y:${course.id}`],
                [translator.plain(locale, "cra-button-no"), `cra:n:${course.id}`],
              ],
              [[translator.plain(locale, "cra-button-ask"), `cra:q:${course.id}`]],
            ],
          ),
        });
        if (queued > 0) result.reminded += 1;
        else result.alreadyReminded += 1;
      }
      const last = people.at(-1);
      if (!last || people.length < PAGE) break;
      after = last.id;
    }
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "course.nudge",
      targetType: "Course",
      targetId: course.id,
      unitId: course.unitId,
      details: {
        reminded: result.reminded,
        alreadyReminded: result.alreadyReminded,
        unreachable: result.unreachable.length,
      },
    });
    return { ok: true, ...result };
  });
}
