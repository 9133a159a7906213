import type { Db } from "../../db/client.js";
import type { Denial } from "../access/permissions.js";
import { loadManagedCourse } from "./load-managed-course.js";

export const ATTENDANCE_PAGE_SIZE = 8;

export type AttendanceListResult =
  | {
      ok: true;
      course: { id: number; title: string; startsAt: Date; endsAt: Date };
      /** One page of those who said "Tham gia" (and anyone else present), by unit then name. */
      people: { id: number; fullName: string; unitName: string; present: boolean }[];
      page: number;
      pages: number;
      total: number;
      present: number;
    }
  | { ok: false; reason: Denial | "not_found" };

/**
 * The trainer's attendance list: those who said "Tham gia" plus anyone checked in otherwise,
 * a page at a time, each with whether they are present — for ticking names.
 */
export async function listAttendance(
  db: Db,
  input: { actorId: number; courseId: number; page: number },
): Promise<AttendanceListResult> {
  const loaded = await loadManagedCourse(db, input.actorId, input.courseId);
  if (!loaded.ok) return loaded;
  const { course } = loaded;
  const where = {
    OR: [
      { rsvps: { some: { courseId: course.id, answer: "yes" } } },
      { attendance: { some: { courseId: course.id } } },
    ],
  };
  const [total, present] = await Promise.all([
    db.person.count({ where }),
    db.courseAttendance.count({ where: { courseId: course.id } }),
  ]);
  const pages = Math.max(1, Math.ceil(total / ATTENDANCE_PAGE_SIZE));
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const rows = await db.person.findMany({
    where,
    orderBy: [{ unit: { path: "asc" } }, { fullName: "asc" }, { id: "asc" }],
    skip: page * ATTENDANCE_PAGE_SIZE,
    take: ATTENDANCE_PAGE_SIZE,
    select: {
      id: true,
      fullName: true,
      unit: { select: { name: true } },
      attendance: { where: { courseId: course.id }, select: { id: true } },
    },
  });
  return {
    ok: true,
    course: { id: course.id, title: course.title, startsAt: course.startsAt, endsAt: course.endsAt },
    people: rows.map((row) => ({
      id: row.id,
      fullName: row.fullName,
      unitName: row.unit.name,
      present: row.attendance.length > 0,
    })),
    page,
    pages,
    total,
    present,
  };
}
