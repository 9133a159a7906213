import type { Db } from "../../../src/db/client.js";
import { planCourseSends } from "../../../src/domain/training/plan-course-sends.js";

/** Demo people by name (seeded database), with ids. */
export async function personId(db: Db, fullName: string): Promise<number> {
  return (await db.person.findFirstOrThrow({ where: { fullName }, select: { id: true } })).id;
}

export async function unitId(db: Db, code: string): Promise<number> {
  return (await db.unit.findFirstOrThrow({ where: { code }, select: { id: true } })).id;
}

/**
 * Gives the demo hamlet heads who are not linked a Telegram account each (chat id 7200000xx),
 * so messages to them can be queued.
 */
export async function linkHamletHeads(db: Db): Promise<void> {
  const heads = await db.person.findMany({
    where: { role: "hamlet_head", accounts: { none: {} } },
    select: { id: true },
  });
  for (const head of heads) {
    const id = String(720000000 + head.id);
    await db.channelAccount.create({
      data: { channel: "telegram", externalId: id, chatId: id, personId: head.id },
    });
  }
}

/**
 * A published course of Lê Văn Cường (the trainer, province) for the hamlet heads of Xã Lâm
 * Trung Thủy and Xã Đức Thọ, with its planned sends, as the courses flow will make it.
 */
export async function createPublishedCourse(
  db: Db,
  input: {
    now: Date;
    startsAt: string;
    endsAt: string;
    rsvpDeadline?: string;
    title?: string;
    venue?: string;
    quizKey?: string;
    status?: string;
  },
): Promise<number> {
  const trainer = await personId(db, "Lê Văn Cường");
  const province = await unitId(db, "42");
  const course = await db.course.create({
    data: {
      title: input.title ?? "Tập huấn rà soát hộ nghèo 2027",
      venue: input.venue ?? "Hội trường UBND xã Lâm Trung Thủy",
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      rsvpDeadline: input.rsvpDeadline ? new Date(input.rsvpDeadline) : null,
      status: input.status ?? "published",
      unitId: province,
      createdById: trainer,
      publishedAt: input.now,
      quizKey: input.quizKey ?? null,
    },
  });
  for (const code of ["42-LTT", "42-DT"]) {
    await db.courseAudience.create({
      data: { courseId: course.id, unitId: await unitId(db, code), role: "hamlet_head" },
    });
  }
  await planCourseSends(db, course, input.now, "Asia/Ho_Chi_Minh");
  return course.id;
}

export async function answer(
  db: Db,
  courseId: number,
  fullName: string,
  value: "yes" | "no" | "waitlist",
  at: Date,
): Promise<void> {
  const id = await personId(db, fullName);
  await db.courseRsvp.upsert({
    where: { courseId_personId: { courseId, personId: id } },
    create: { courseId, personId: id, answer: value, answeredAt: at },
    update: { answer: value, answeredAt: at },
  });
}
