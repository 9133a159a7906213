import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { type CourseAnswer, courseAnswerSchema, parseEnum } from "../enums.js";
import { pathIds } from "../units/unit-path.js";
import { answerDeadline } from "./answer-deadline.js";

export interface MyCourse {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  deadline: Date;
  /** Whether answers can still be given or changed. */
  open: boolean;
  answer: CourseAnswer | null;
}

/**
 * "📅 Khóa học của tôi": the published courses not yet over whose audience includes the person
 * (their role, at their unit or a unit above it), soonest first, with their answer.
 */
export async function listMyCourses(
  db: Db,
  clock: Clock,
  personId: number,
  options: { skip: number; take: number },
): Promise<{ total: number; courses: MyCourse[] }> {
  const now = clock.now();
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { status: true, role: true, unit: { select: { path: true } } },
  });
  if (person?.status !== "active") return { total: 0, courses: [] };
  const where = {
    status: "published",
    endsAt: { gt: now },
    audiences: { some: { role: person.role, unitId: { in: pathIds(person.unit.path) } } },
  };
  const [total, rows] = await Promise.all([
    db.course.count({ where }),
    db.course.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: options.skip,
      take: options.take,
      include: { rsvps: { where: { personId }, select: { answer: true } } },
    }),
  ]);
  return {
    total,
    courses: rows.map((course) => {
      const deadline = answerDeadline(course);
      return {
        id: course.id,
        title: course.title,
        startsAt: course.startsAt,
        endsAt: course.endsAt,
        venue: course.venue,
        deadline,
        open: now.getTime() < deadline.getTime(),
        answer: parseEnum(courseAnswerSchema, course.rsvps[0]?.answer, null),
      };
    }),
  };
}
