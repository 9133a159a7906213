import type { Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { canPerform } from "../access/permissions.js";
import { subtreeRange } from "../units/unit-path.js";

export interface ManagedCourseLine {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
}

/**
 * "/khoahoc": the courses a trainer created (an administrator: every course of a unit in their
 * scope), those not over yet first (soonest first), then the past ones (latest first), a page
 * at a time.
 */
export async function listManagedCourses(
  db: Db,
  clock: Clock,
  actorId: number,
  options: { skip: number; take: number },
): Promise<{ ok: true; total: number; courses: ManagedCourseLine[] } | { ok: false; reason: "not_allowed" }> {
  const actor = await loadActor(db, actorId);
  if (!actor || !canPerform(actor, "course.manage")) return { ok: false, reason: "not_allowed" };
  const now = clock.now();
  const mine: Prisma.CourseWhereInput =
    actor.role === "admin" ? { unit: { path: subtreeRange(actor.unitPath) } } : { createdById: actor.id };
  const upcomingWhere = { AND: [mine, { endsAt: { gt: now } }] };
  const pastWhere = { AND: [mine, { endsAt: { lte: now } }] };
  const select = { id: true, title: true, startsAt: true, endsAt: true, status: true } as const;
  const [upcomingCount, pastCount] = await Promise.all([
    db.course.count({ where: upcomingWhere }),
    db.course.count({ where: pastWhere }),
  ]);
  const courses: ManagedCourseLine[] = [];
  if (options.skip < upcomingCount) {
    courses.push(
      ...(await db.course.findMany({
        where: upcomingWhere,
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        skip: options.skip,
        take: options.take,
        select,
      })),
    );
  }
  const left = options.take - courses.length;
  if (left > 0) {
    courses.push(
      ...(await db.course.findMany({
        where: pastWhere,
        orderBy: [{ startsAt: "desc" }, { id: "desc" }],
        skip: Math.max(0, options.skip - upcomingCount),
        take: left,
        select,
      })),
    );
  }
  return { ok: true, total: upcomingCount + pastCount, courses };
}
