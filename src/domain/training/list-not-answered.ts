import type { Db, Prisma } from "../../db/client.js";
import { isInScope } from "../access/permissions.js";
import { type Reach, reachOf } from "../outbox/reach-of.js";
import { courseAudienceWhere } from "./course-audience.js";
import { loadManagedCourse, type ManagedCourse } from "./load-managed-course.js";

export interface NotAnsweredPerson {
  personId: number;
  fullName: string;
  unitName: string;
  /** Only for people in the viewer's scope. */
  phone: string | null;
  reach: Reach;
}

/** The audience people who have not answered a course's notice. */
export async function notAnsweredWhere(
  db: Pick<Db | Prisma.TransactionClient, "unit" | "courseAudience">,
  courseId: number,
): Promise<Prisma.PersonWhereInput> {
  return { AND: [await courseAudienceWhere(db, courseId), { rsvps: { none: { courseId } } }] };
}

/**
 * "Chưa trả lời": who in the audience has not answered, by unit then name, a page at a time —
 * with their phone when they are in the viewer's scope, and whether the bot can reach them.
 */
export async function listNotAnswered(
  db: Db,
  actorId: number,
  courseId: number,
  options: { skip: number; take: number },
): Promise<
  | { ok: true; course: ManagedCourse; total: number; people: NotAnsweredPerson[] }
  | { ok: false; reason: "not_found" | "not_allowed" }
> {
  const managed = await loadManagedCourse(db, actorId, courseId);
  if (!managed.ok) return managed;
  const where = await notAnsweredWhere(db, courseId);
  const [total, rows] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy: [{ unit: { path: "asc" } }, { fullName: "asc" }, { id: "asc" }],
      skip: options.skip,
      take: options.take,
      select: {
        id: true,
        fullName: true,
        phone: true,
        unit: { select: { name: true, path: true } },
        accounts: { select: { blockedAt: true } },
      },
    }),
  ]);
  return {
    ok: true,
    course: managed.course,
    total,
    people: rows.map((row) => ({
      personId: row.id,
      fullName: row.fullName,
      unitName: row.unit.name,
      phone: isInScope(managed.actor, row.unit.path) ? row.phone : null,
      reach: reachOf(row.accounts),
    })),
  };
}
