import type { Db, Prisma } from "../../db/client.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { canPerform, isInScope } from "../access/permissions.js";

export type ManagedCourse = Prisma.CourseGetPayload<{ include: { unit: true } }>;

/**
 * A course as its manager may see it: the course's creator (still allowed to manage courses),
 * or an administrator whose scope contains the course's unit. Anyone else — another trainer,
 * a hamlet head with a forged button — gets `not_allowed`.
 */
export async function loadManagedCourse(
  db: Pick<Db | Prisma.TransactionClient, "person" | "course">,
  actorId: number,
  courseId: number,
): Promise<
  | { ok: true; actor: CurrentActor; course: ManagedCourse }
  | { ok: false; reason: "not_found" | "not_allowed" }
> {
  const actor = await loadActor(db, actorId);
  if (!actor || !canPerform(actor, "course.manage")) return { ok: false, reason: "not_allowed" };
  const course = await db.course.findUnique({ where: { id: courseId }, include: { unit: true } });
  if (!course) return { ok: false, reason: "not_found" };
  const allowed =
    actor.role === "admin" ? isInScope(actor, course.unit.path) : course.createdById === actor.id;
  return allowed ? { ok: true, actor, course } : { ok: false, reason: "not_allowed" };
}
