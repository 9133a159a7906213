import type { Db } from "../../src/db/client.js";

/**
 * A course straight in the database, as the creation flow leaves it once published: the
 * course row (organised at `unitCode`, created by the person with `creatorPhone` — Lê Văn
 * Cường, the demo trainer, by default) and its audience rows (units × roles).
 */
export async function insertCourse(
  db: Db,
  input: {
    title?: string;
    creatorPhone?: string;
    unitCode?: string;
    audience: { unitCode: string; role: string }[];
    startsAt: string;
    endsAt?: string;
    capacity?: number | null;
    rsvpDeadline?: string | null;
    status?: "draft" | "published" | "cancelled" | "finished";
    venue?: string;
  },
): Promise<number> {
  const creator = await db.person.findUniqueOrThrow({
    where: { phone: input.creatorPhone ?? "+84912000003" },
  });
  const unit = await db.unit.findUniqueOrThrow({ where: { code: input.unitCode ?? "42" } });
  const startsAt = new Date(input.startsAt);
  const course = await db.course.create({
    data: {
      title: input.title ?? "Tập huấn rà soát hộ nghèo",
      content: "Hướng dẫn quy trình rà soát hộ nghèo, hộ cận nghèo năm 2027.",
      venue: input.venue ?? "Hội trường UBND xã Lâm Trung Thủy",
      startsAt,
      endsAt: new Date(input.endsAt ?? startsAt.getTime() + 3 * 60 * 60_000),
      capacity: input.capacity ?? null,
      rsvpDeadline: input.rsvpDeadline ? new Date(input.rsvpDeadline) : null,
      status: input.status ?? "published",
      unitId: unit.id,
      createdById: creator.id,
      publishedAt: input.status === "draft" ? null : new Date(startsAt.getTime() - 7 * 24 * 60 * 60_000),
    },
  });
  for (const row of input.audience) {
    const audienceUnit = await db.unit.findUniqueOrThrow({ where: { code: row.unitCode } });
    await db.courseAudience.create({
      data: { courseId: course.id, unitId: audienceUnit.id, role: row.role },
    });
  }
  return course.id;
}

/** Adds hamlet heads (active, on the roster, not linked) to a hamlet: a bigger audience. */
export async function addHamletHeads(db: Db, unitCode: string, count: number, phonePrefix: string) {
  const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode } });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const person = await db.person.create({
      data: {
        fullName: `Trưởng thôn ${unitCode} số ${i + 1}`,
        phone: `${phonePrefix}${String(i).padStart(3, "0")}`,
        role: "hamlet_head",
        unitId: unit.id,
      },
    });
    ids.push(person.id);
  }
  return ids;
}

export const personIdByPhone = async (db: Db, phone: string) =>
  (await db.person.findUniqueOrThrow({ where: { phone } })).id;
