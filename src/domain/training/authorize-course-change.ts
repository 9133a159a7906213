import type { Db, Prisma } from "../../db/client.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";

/**
 * May the actor change (edit, cancel) a course? Its creator may, while they may manage courses
 * and the course's unit is still in their scope; so may an admin whose scope contains it.
 */
export async function authorizeCourseChange(
  db: Pick<Db | Prisma.TransactionClient, "person" | "unit">,
  actorId: number,
  course: { createdById: number; unitId: number },
): Promise<{ ok: true; actor: CurrentActor } | { ok: false; reason: "not_allowed" }> {
  const actor = await loadActor(db, actorId);
  const unit = await db.unit.findUnique({ where: { id: course.unitId }, select: { path: true } });
  if (!actor || !unit || !authorize(actor, "course.manage", { unitPath: unit.path }).ok) {
    return { ok: false, reason: "not_allowed" };
  }
  if (actor.id !== course.createdById && actor.role !== "admin") return { ok: false, reason: "not_allowed" };
  return { ok: true, actor };
}
