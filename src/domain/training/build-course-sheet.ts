import type { Db } from "../../db/client.js";
import type { Locale, Translator } from "../../i18n/translator.js";
import type { Clock } from "../../shared/clock.js";
import { loadExcelJs } from "../../shared/lazy-modules.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { formatDateTime } from "../../shared/time.js";
import { isInScope } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { courseAudienceWhere } from "./course-audience.js";
import { loadManagedCourse } from "./load-managed-course.js";

const PAGE = 1000;

/**
 * "📥 Xuất Excel" of a course: one row per person of the audience — name, unit, role, phone
 * (within the trainer's scope), answer, reason, when they answered, attended — read a page at a
 * time. Cells are text, never formulas. The export is audited.
 */
export async function buildCourseSheet(
  db: Db,
  clock: Clock,
  translator: Translator,
  actorId: number,
  input: { courseId: number; locale: Locale; timeZone: string },
): Promise<
  | { ok: true; data: Buffer; fileName: string; rows: number; title: string }
  | { ok: false; reason: "not_found" | "not_allowed" }
> {
  const managed = await loadManagedCourse(db, actorId, input.courseId);
  if (!managed.ok) return managed;
  const { actor, course } = managed;
  const t = (key: string) => translator.plain(input.locale, key);
  const workbook = new (loadExcelJs().Workbook)();
  const sheet = workbook.addWorksheet(t("crx-sheet-name"));
  sheet.addRow([course.title]).font = { bold: true };
  const header = sheet.addRow([
    t("crx-col-name"),
    t("crx-col-unit"),
    t("crx-col-role"),
    t("crx-col-phone"),
    t("crx-col-answer"),
    t("crx-col-reason"),
    t("crx-col-answered-at"),
    t("crx-col-attended"),
  ]);
  header.font = { bold: true };
  const where = await courseAudienceWhere(db, course.id);
  let rows = 0;
  for (let after = 0; ; ) {
    const people = await db.person.findMany({
      where: { AND: [where, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: PAGE,
      select: {
        id: true,
        fullName: true,
        role: true,
        phone: true,
        unit: { select: { name: true, path: true } },
        rsvps: { where: { courseId: course.id }, select: { answer: true, reason: true, answeredAt: true } },
        attendance: { where: { courseId: course.id }, select: { checkedInAt: true } },
      },
    });
    for (const person of people) {
      const rsvp = person.rsvps[0];
      const attended = person.attendance[0];
      sheet.addRow([
        person.fullName,
        person.unit.name,
        t(`role-${person.role}`),
        person.phone && isInScope(actor, person.unit.path) ? formatPhoneForDisplay(person.phone) : "",
        t(`crx-answer-${rsvp?.answer ?? "none"}`),
        rsvp?.reason ?? "",
        rsvp ? formatDateTime(rsvp.answeredAt, input.locale, input.timeZone) : "",
        attended ? formatDateTime(attended.checkedInAt, input.locale, input.timeZone) : "",
      ]);
      rows += 1;
    }
    const last = people.at(-1);
    if (!last || people.length < PAGE) break;
    after = last.id;
  }
  for (const [index, width] of [28, 24, 16, 16, 16, 30, 18, 18].entries())
    sheet.getColumn(index + 1).width = width;
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  await recordAudit(db, {
    at: clock.now(),
    actorId: actor.id,
    action: "course.export",
    targetType: "Course",
    targetId: course.id,
    unitId: course.unitId,
    details: { rows },
  });
  return { ok: true, data, fileName: `khoa-hoc-${course.id}.xlsx`, rows, title: course.title };
}
