import { z } from "zod";
import { type Db, Prisma } from "../../db/client.js";
import { dayNumber, fromDayNumber, localDateParts, zonedInstant } from "../reports/periods.js";

/**
 * One planned reminder before a course: "N days before at HH:MM" (local time) or "N minutes
 * before the start".
 */
export const reminderSchema = z.union([
  z.object({
    daysBefore: z.number().int().min(1).max(30),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  }),
  z.object({
    minutesBefore: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60),
  }),
]);
export type Reminder = z.infer<typeof reminderSchema>;
export const reminderPlanSchema = z.array(reminderSchema).max(5);
export type ReminderPlan = z.infer<typeof reminderPlanSchema>;

/** The default plan: the day before at 08:00, and two hours before. */
export const DEFAULT_REMINDER_PLAN: ReminderPlan = [{ daysBefore: 1, at: "08:00" }, { minutesBefore: 120 }];

/** How long before the answer deadline those who have not answered are nudged. */
export const RSVP_NUDGE_BEFORE_MS = 24 * 60 * 60_000;

/** The instant a reminder of a course starting at `startsAt` is due. */
export function reminderDueAt(reminder: Reminder, startsAt: Date, timeZone: string): Date {
  if ("minutesBefore" in reminder) return new Date(startsAt.getTime() - reminder.minutesBefore * 60_000);
  const day = dayNumber(localDateParts(startsAt, timeZone)) - reminder.daysBefore;
  return zonedInstant(fromDayNumber(day), reminder.at, timeZone);
}

/** The stored plan of a course, or the default when none was stored (or it is unreadable). */
export function readReminderPlan(stored: unknown): ReminderPlan {
  if (stored === null || stored === undefined) return DEFAULT_REMINDER_PLAN;
  const parsed = reminderPlanSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REMINDER_PLAN;
}

/**
 * (Re)plans a published course's sends, in the caller's transaction: the reminders of its plan
 * that are still ahead, the nudge before the answer deadline (a day before it, if that is still
 * ahead and the deadline is set), and the quiz at the end when it has one. Pending rows of an
 * earlier plan are replaced; rows already done stay (their people were told), and a replan
 * never creates a row with the same (course, kind, due time) as one done.
 */
export async function planCourseSends(
  db: Pick<Db, "courseSend">,
  course: {
    id: number;
    startsAt: Date;
    endsAt: Date;
    rsvpDeadline: Date | null;
    reminders: unknown;
    quizKey: string | null;
  },
  now: Date,
  timeZone: string,
): Promise<{ kind: string; dueAt: Date }[]> {
  await db.courseSend.deleteMany({ where: { courseId: course.id, status: "pending" } });
  const planned: { kind: string; dueAt: Date }[] = [];
  for (const reminder of readReminderPlan(course.reminders)) {
    const dueAt = reminderDueAt(reminder, course.startsAt, timeZone);
    if (dueAt > now && dueAt < course.startsAt) planned.push({ kind: "reminder", dueAt });
  }
  if (course.rsvpDeadline) {
    const dueAt = new Date(course.rsvpDeadline.getTime() - RSVP_NUDGE_BEFORE_MS);
    if (dueAt > now) planned.push({ kind: "rsvp_nudge", dueAt });
  }
  if (course.quizKey) planned.push({ kind: "quiz", dueAt: course.endsAt });
  const created: { kind: string; dueAt: Date }[] = [];
  for (const send of planned) {
    try {
      await db.courseSend.create({ data: { courseId: course.id, kind: send.kind, dueAt: send.dueAt } });
      created.push(send);
    } catch (error) {
      // The same send was done already (an edit that did not move it): not again.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  return created;
}

/** Cancels what is still planned for a course (it was cancelled). */
export async function skipCourseSends(
  db: Pick<Db, "courseSend">,
  courseId: number,
  now: Date,
): Promise<number> {
  const skipped = await db.courseSend.updateMany({
    where: { courseId, status: "pending" },
    data: { status: "skipped", doneAt: now },
  });
  return skipped.count;
}
