import type { Db, Prisma } from "../../db/client.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { authorize, type Denial } from "../access/permissions.js";

export interface ManagedCourse {
  id: number;
  title: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  status: string;
  unitId: number;
  createdById: number;
  checkInCode: string | null;
  checkInOpenedAt: Date | null;
  quizKey: string | null;
}

export type ManagedCourseResult =
  | { ok: true; actor: CurrentActor; course: ManagedCourse }
  | { ok: false; reason: Denial | "not_found" };

/**
 * A course the actor may run — check-in, attendance, quiz results: `course.manage`, the
 * course's organising unit in their scope, and they created it (or they are an admin). Read
 * where the action happens (pass the transaction), so rights changed meanwhile count.
 */
export async function loadManagedCourse(
  db: Pick<Db | Prisma.TransactionClient, "person" | "course">,
  actorId: number,
  courseId: number,
): Promise<ManagedCourseResult> {
  const actor = await loadActor(db, actorId);
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: {
      id: true,
      title: true,
      venue: true,
      startsAt: true,
      endsAt: true,
      status: true,
      unitId: true,
      createdById: true,
      checkInCode: true,
      checkInOpenedAt: true,
      quizKey: true,
      unit: { select: { path: true } },
    },
  });
  if (!course) return { ok: false, reason: "not_found" };
  const decision = authorize(actor, "course.manage", { unitPath: course.unit.path });
  if (!decision.ok) return decision;
  if (!actor) return { ok: false, reason: "not_allowed" };
  if (actor.role !== "admin" && course.createdById !== actor.id) return { ok: false, reason: "out_of_scope" };
  const { unit: _unit, ...rest } = course;
  return { ok: true, actor, course: rest };
}
