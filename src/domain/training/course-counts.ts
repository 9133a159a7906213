import type { Db, Prisma } from "../../db/client.js";
import { byUnitName } from "../units/unit-name-order.js";
import { audienceWhere, courseAudience } from "./course-audience.js";
import { loadManagedCourse, type ManagedCourse } from "./load-managed-course.js";

export interface AnswerCounts {
  /** People in the audience. */
  total: number;
  yes: number;
  no: number;
  waitlist: number;
  /** Not answered yet. */
  none: number;
  /** Of those not answered: the bot cannot reach them (never connected, or blocked it). */
  unreachable: number;
}

export interface UnitCounts extends AnswerCounts {
  unitId: number;
  unitName: string;
}

export type CourseCountsResult =
  | { ok: true; course: ManagedCourse; rows: UnitCounts[]; totals: AnswerCounts }
  | { ok: false; reason: "not_found" | "not_allowed" };

const zero = (): AnswerCounts => ({ total: 0, yes: 0, no: 0, waitlist: 0, none: 0, unreachable: 0 });

/**
 * The trainer's live counts: for each unit of the audience — the units below it when the
 * audience is one unit ("the hamlet heads of xã A" → its hamlets), else each audience unit —
 * how many said yes, no, are waiting, have not answered, and of those how many the bot cannot
 * reach. Counted by the database (`groupBy` people's unit over the audience filter, a few
 * statements whatever the size of the audience); only the per-unit numbers are folded here.
 */
export async function courseCounts(db: Db, actorId: number, courseId: number): Promise<CourseCountsResult> {
  const managed = await loadManagedCourse(db, actorId, courseId);
  if (!managed.ok) return managed;
  const audience = await courseAudience(db, courseId);
  const where = await audienceWhere(db, audience);
  const audienceUnits = await db.unit.findMany({
    where: { id: { in: [...audience.unitIds] } },
    select: { id: true, name: true, path: true },
    orderBy: { path: "asc" },
  });
  let rowUnits = audienceUnits;
  const only = audienceUnits[0];
  if (audienceUnits.length === 1 && only) {
    const children = await db.unit.findMany({
      where: { parentId: only.id, active: true },
      select: { id: true, name: true, path: true },
      orderBy: { name: "asc" },
    });
    // In Vietnamese order (Đ after D, "Thôn 2" before "Thôn 10") whatever the database's collation.
    if (children.length > 0) rowUnits = children.sort(byUnitName);
  }
  const rsvp = (answer: string): Prisma.PersonWhereInput => ({ rsvps: { some: { courseId, answer } } });
  const notAnswered: Prisma.PersonWhereInput = { rsvps: { none: { courseId } } };
  const categories: [keyof AnswerCounts, Prisma.PersonWhereInput | null][] = [
    ["total", null],
    ["yes", rsvp("yes")],
    ["no", rsvp("no")],
    ["waitlist", rsvp("waitlist")],
    ["none", notAnswered],
    ["unreachable", { AND: [notAnswered, { accounts: { none: { blockedAt: null } } }] }],
  ];
  const grouped = await Promise.all(
    categories.map(([, extra]) =>
      db.person.groupBy({
        by: ["unitId"],
        where: extra ? { AND: [where, extra] } : where,
        _count: { _all: true },
      }),
    ),
  );
  const unitIds = [...new Set(grouped.flat().map((group) => group.unitId))];
  const paths = new Map(
    (await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, path: true } })).map(
      (u) => [u.id, u.path],
    ),
  );
  const rows = new Map<number, UnitCounts>();
  const rowOf = (unitId: number): UnitCounts | null => {
    const path = paths.get(unitId) ?? "";
    // People right at an audience unit above the rows (a commune officer of xã A) count under it.
    const unit =
      rowUnits.find((row) => path.startsWith(row.path)) ??
      audienceUnits.find((row) => path.startsWith(row.path));
    if (!unit) return null;
    let row = rows.get(unit.id);
    if (!row) {
      row = { unitId: unit.id, unitName: unit.name, ...zero() };
      rows.set(unit.id, row);
    }
    return row;
  };
  const totals = zero();
  categories.forEach(([key], i) => {
    for (const group of grouped[i] ?? []) {
      const row = rowOf(group.unitId);
      if (row) row[key] += group._count._all;
      totals[key] += group._count._all;
    }
  });
  const order = new Map([...rowUnits, ...audienceUnits].map((unit, i) => [unit.id, i]));
  const sorted = [...rows.values()].sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
  return { ok: true, course: managed.course, rows: sorted, totals };
}
