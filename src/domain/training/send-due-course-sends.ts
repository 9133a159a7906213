import type { Db } from "../../db/client.js";
import { isLocale, type Locale, type TranslationArgs, type Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { formatDateTime } from "../../shared/time.js";
import { enqueueForPerson, htmlMessage, type OutboxPayload } from "../outbox/enqueue-message.js";
import { courseAudienceWhere } from "./course-audience.js";
import { formatCourseTime, timeLeft } from "./course-time.js";
import { courseQuizQueuer } from "./queue-course-quiz.js";

/** A claimed send whose sweep died half-way is taken up again after this long (keys keep it once). */
export const STALE_CLAIM_MS = 10 * 60_000;
/** The quiz after a course goes out late after a missed sweep, but not days later. */
export const QUIZ_LATEST_AFTER_END_MS = 3 * 24 * 60 * 60_000;
/** Due rows one sweep takes up; the next minute takes the rest. */
const SWEEP_BATCH = 20;

export interface CourseSendsSwept {
  /** Sends done by this sweep, and the messages they queued. */
  done: number;
  queued: number;
  /** Sends that had become pointless (course cancelled, already started, deadline passed). */
  skipped: number;
}

interface DueSend {
  id: number;
  kind: string;
  dueAt: Date;
  course: {
    id: number;
    title: string;
    venue: string | null;
    startsAt: Date;
    endsAt: Date;
    rsvpDeadline: Date | null;
    status: string;
    quizKey: string | null;
  };
}

/** What one kind of planned send queues for a course; the sweep decides when and whether. */
export type CourseSendQueuer = (
  db: Db,
  send: DueSend,
  context: { now: Date; translator: Translator; timeZone: string; idempotencyKey: string },
) => Promise<number>;

/**
 * The course sweep (every minute): takes the planned sends that are due (`pending`, `dueAt <=
 * now`), claims each one atomically — only the sweep whose update turns it from `pending` to
 * `sending` goes on, so two instances or two overlapping runs never both take it — and queues
 * its messages in the outbox, one per person with the key `course-send:<sendId>:p<personId>`.
 * A sweep missed while the app was down catches up once, late; a send that no longer means
 * anything (the course cancelled, a reminder after the start, a nudge after the deadline) is
 * marked `skipped` instead, and of several reminders of one course due at once only the latest
 * goes. A claim left by a sweep that died half-way is taken again after
 * {@link STALE_CLAIM_MS}; the keys make the second pass queue only what the first did not.
 *
 * Reminders go to those whose answer is "Tham gia" (not the waiting list, not "Không", not
 * those who have not answered); the nudge goes to the audience who have not answered, with the
 * answer buttons; the quiz goes to those who attended (see `queuers.quiz`).
 */
export async function sendDueCourseSends(
  db: Db,
  clock: Clock,
  translator: Translator,
  timeZone: string,
  queuers: Partial<Record<string, CourseSendQueuer>> = {},
): Promise<CourseSendsSwept> {
  const now = clock.now();
  const all: Record<string, CourseSendQueuer> = {
    reminder: queueReminder,
    rsvp_nudge: queueRsvpNudge,
    quiz: courseQuizQueuer(),
    ...queuers,
  };
  await db.courseSend.updateMany({
    where: { status: "sending", doneAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } },
    data: { status: "pending" },
  });
  const due = await db.courseSend.findMany({
    where: { status: "pending", dueAt: { lte: now }, kind: { in: Object.keys(all) } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: SWEEP_BATCH,
    select: {
      id: true,
      kind: true,
      dueAt: true,
      course: {
        select: {
          id: true,
          title: true,
          venue: true,
          startsAt: true,
          endsAt: true,
          rsvpDeadline: true,
          status: true,
          quizKey: true,
        },
      },
    },
  });
  const swept: CourseSendsSwept = { done: 0, queued: 0, skipped: 0 };
  // After a long pause, several reminders of one course can be due at once: the latest says it
  // all ("còn 2 giờ"), the earlier ones are not sent on top of it.
  const latestReminder = new Map<number, number>();
  for (const send of due) if (send.kind === "reminder") latestReminder.set(send.course.id, send.id);
  for (const send of due) {
    const claimed = await db.courseSend.updateMany({
      where: { id: send.id, status: "pending" },
      data: { status: "sending", doneAt: now },
    });
    if (claimed.count === 0) continue;
    const superseded = send.kind === "reminder" && latestReminder.get(send.course.id) !== send.id;
    if (superseded || !stillMeaningful(send, now)) {
      await db.courseSend.update({ where: { id: send.id }, data: { status: "skipped", doneAt: now } });
      swept.skipped += 1;
      continue;
    }
    const queue = all[send.kind];
    const queued = queue
      ? await queue(db, send, { now, translator, timeZone, idempotencyKey: `course-send:${send.id}` })
      : 0;
    // A second pass over a stale claim adds what the first did not queue.
    await db.courseSend.update({
      where: { id: send.id },
      data: { status: "done", doneAt: now, queued: { increment: queued } },
    });
    swept.done += 1;
    swept.queued += queued;
  }
  return swept;
}

/** A send is pointless once the course is off, or once what it announces has passed. */
function stillMeaningful(send: DueSend, now: Date): boolean {
  const course = send.course;
  if (course.status !== "published" && course.status !== "finished") return false;
  if (send.kind === "reminder") return now < course.startsAt;
  if (send.kind === "rsvp_nudge") return now < (course.rsvpDeadline ?? course.startsAt);
  if (send.kind === "quiz") {
    return course.quizKey !== null && now.getTime() <= course.endsAt.getTime() + QUIZ_LATEST_AFTER_END_MS;
  }
  return true;
}

function localeOf(value: string | null): Locale {
  return isLocale(value) ? value : "vi";
}

/** The reminder to those who said yes: title, hours, venue and how long until it starts. */
const queueReminder: CourseSendQueuer = async (db, send, context) => {
  const people = await db.courseRsvp.findMany({
    where: { courseId: send.course.id, answer: "yes", person: { status: "active" } },
    select: { person: { select: { id: true, locale: true } } },
  });
  let queued = 0;
  for (const { person } of people) {
    const locale = localeOf(person.locale);
    const t = (key: string, args?: TranslationArgs) => context.translator.t(locale, key, args);
    const left = timeLeft(context.now, send.course.startsAt);
    const lines = [
      t("rem-reminder", { title: send.course.title, unit: left.unit, count: left.count }),
      t("rem-time", { time: formatCourseTime(send.course, locale, context.timeZone) }),
    ];
    if (send.course.venue) lines.push(t("rem-venue", { venue: send.course.venue }));
    queued += await enqueueForPerson(db, {
      kind: "reminder",
      personId: person.id,
      idempotencyKey: context.idempotencyKey,
      now: context.now,
      ref: `course:${send.course.id}`,
      payload: htmlMessage(lines.join("\n")),
    });
  }
  return queued;
};

/** The nudge before the answer deadline, with the answer buttons, to those who have not answered. */
const queueRsvpNudge: CourseSendQueuer = async (db, send, context) => {
  const audience = await courseAudienceWhere(db, send.course.id);
  const people = await db.person.findMany({
    where: { AND: [audience, { rsvps: { none: { courseId: send.course.id } } }] },
    select: { id: true, locale: true },
  });
  const deadline = send.course.rsvpDeadline ?? send.course.startsAt;
  let queued = 0;
  for (const person of people) {
    const locale = localeOf(person.locale);
    const t = (key: string, args?: TranslationArgs) => context.translator.t(locale, key, args);
    const plain = (key: string) => context.translator.plain(locale, key);
    const payload: OutboxPayload = htmlMessage(
      t("rem-rsvp-nudge", {
        title: send.course.title,
        time: formatCourseTime(send.course, locale, context.timeZone),
        deadline: formatDateTime(deadline, locale, context.timeZone),
      }),
      [
        [
          [plain("rem-button-yes"), `cra:y:${send.course.id}`],
          [plain("rem-button-no"), `cra:n:${send.course.id}`],
        ],
      ],
    );
    queued += await enqueueForPerson(db, {
      kind: "reminder",
      personId: person.id,
      idempotencyKey: context.idempotencyKey,
      now: context.now,
      ref: `course:${send.course.id}`,
      payload,
    });
  }
  return queued;
};
