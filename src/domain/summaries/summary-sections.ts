import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, orderedJoin } from "../../db/dialect.js";
import { localDateParts } from "../reports/periods.js";
import { ReportStatus, SENT_REPORT_STATUSES } from "../reports/report-enums.js";
import { countTrainedThisYear } from "../training/count-trained-this-year.js";
import { subtreeRange } from "../units/unit-path.js";
import {
  type CourseItem,
  type QuestionItem,
  type ReportItem,
  SUMMARY_LIMITS,
  type SummaryData,
} from "./summary-data.js";
import type { SummaryWindow } from "./summary-period.js";

const DAY_MS = 86_400_000;
/** How much of a question a summary quotes. */
const QUESTION_CHARS = 120;

/**
 * The parts of a summary that are not forms: reports waiting for correction, urgent reports
 * sent within the window, open questions and training — each a count over the subtree (units by
 * a range on their path) and a capped list.
 */
export async function summarySections(
  db: Db,
  root: { id: number; path: string },
  input: { window: SummaryWindow; now: Date; timeZone: string },
): Promise<Pick<SummaryData, "returned" | "urgent" | "questions" | "training">> {
  const range = subtreeRange(root.path);
  const [returned, urgent, questions, upcoming, trained] = await Promise.all([
    reportList(db, range, Prisma.sql`r."status" = ${ReportStatus.returned}`, "updated", "oldest"),
    reportList(
      db,
      range,
      Prisma.sql`r."urgent" = TRUE AND r."status" IN (${Prisma.join([...SENT_REPORT_STATUSES])})
        AND r."submittedAt" >= ${input.window.start} AND r."submittedAt" <= ${input.window.end}`,
      "submitted",
      "newest",
    ),
    openQuestions(db, range, input.now),
    upcomingCourses(db, range, input.now),
    countTrainedThisYear(db, root.path, localDateParts(input.now, input.timeZone).year, input.timeZone),
  ]);
  return {
    returned,
    urgent,
    questions,
    training: {
      upcoming,
      trainedThisYear: {
        ...trained,
        share: trained.officers > 0 ? trained.trained / trained.officers : null,
      },
    },
  };
}

type Range = { gte: string; lt: string };

/**
 * A subtree's reports matching `which`, by when they were updated (or sent), oldest or newest
 * first: how many, and the first ones with their form and the unit's parent — joined to those
 * few only, not to every matching report.
 */
async function reportList(
  db: Db,
  range: Range,
  which: Prisma.Sql,
  at: "updated" | "submitted",
  first: "oldest" | "newest",
): Promise<{ total: number; items: ReportItem[] }> {
  const column = at === "updated" ? Prisma.sql`r."updatedAt"` : Prisma.sql`r."submittedAt"`;
  const direction = Prisma.raw(first === "oldest" ? "ASC" : "DESC");
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT x."id", f."title", x."unitId", x."unitName", x."unitLevel", p."name" AS "parentName", x."at", x."total"
    FROM (
      SELECT r."id", r."formId", u."id" AS "unitId", u."name" AS "unitName", u."level" AS "unitLevel",
        u."parentId", ${column} AS "at", COUNT(*) OVER () AS "total"
      FROM "Unit" u
      ${orderedJoin(dialectOf(db))} "Report" r ON r."unitId" = u."id"
      WHERE u."path" >= ${range.gte} AND u."path" < ${range.lt} AND ${which}
      ORDER BY ${column} ${direction}, r."id" ${direction}
      LIMIT ${SUMMARY_LIMITS.reportItems}
    ) x
    JOIN "ReportForm" f ON f."id" = x."formId"
    LEFT JOIN "Unit" p ON p."id" = x."parentId"
    ORDER BY x."at" ${direction}, x."id" ${direction}`);
  return {
    total: rows.length > 0 ? Number(rows[0]?.total) : 0,
    items: rows.map((row) => ({
      reportId: Number(row.id),
      formTitle: String(row.title),
      unit: { id: Number(row.unitId), name: String(row.unitName), level: String(row.unitLevel) },
      parentName: row.parentName === null ? null : String(row.parentName),
      at: new Date(row.at as string | Date),
    })),
  };
}

async function openQuestions(db: Db, range: Range, now: Date): Promise<SummaryData["questions"]> {
  const [counts] = await db.$queryRaw<{ open: unknown; escalated: unknown; oldest: unknown }[]>(Prisma.sql`
    SELECT COUNT(*) AS "open", SUM(CASE WHEN t."escalationLevel" > 0 THEN 1 ELSE 0 END) AS "escalated",
      MIN(t."createdAt") AS "oldest"
    FROM "Unit" u ${orderedJoin(dialectOf(db))} "QuestionTicket" t ON t."unitId" = u."id"
    WHERE u."path" >= ${range.gte} AND u."path" < ${range.lt} AND t."status" = 'open'`);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT t."id", t."text", t."createdAt", t."escalationLevel", u."name" AS "unitName"
    FROM "Unit" u ${orderedJoin(dialectOf(db))} "QuestionTicket" t ON t."unitId" = u."id"
    WHERE u."path" >= ${range.gte} AND u."path" < ${range.lt} AND t."status" = 'open'
    ORDER BY t."createdAt" ASC, t."id" ASC
    LIMIT ${SUMMARY_LIMITS.questionItems}`);
  const age = (at: Date) => Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
  const items: QuestionItem[] = rows.map((row) => {
    const askedAt = new Date(row.createdAt as string | Date);
    const text = String(row.text);
    return {
      ticketId: Number(row.id),
      unitName: row.unitName === null ? null : String(row.unitName),
      askedAt,
      ageDays: age(askedAt),
      escalated: Number(row.escalationLevel) > 0,
      text: text.length > QUESTION_CHARS ? `${text.slice(0, QUESTION_CHARS - 1).trimEnd()}…` : text,
    };
  });
  const open = Number(counts?.open ?? 0);
  return {
    open,
    escalated: Number(counts?.escalated ?? 0),
    oldestAgeDays: open > 0 && counts?.oldest ? age(new Date(counts.oldest as string | Date)) : null,
    items,
  };
}

/**
 * Published courses starting after `now` whose audience reaches into the subtree (an audience
 * unit inside it, or above it), with the answers of their audience within the subtree.
 */
async function upcomingCourses(db: Db, range: Range, now: Date): Promise<CourseItem[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH "courses" AS (
      SELECT co."id", co."title", co."startsAt"
      FROM "Course" co
      WHERE co."status" = 'published' AND co."startsAt" > ${now}
        AND EXISTS (
          SELECT 1 FROM "CourseAudience" a JOIN "Unit" au ON au."id" = a."unitId"
          WHERE a."courseId" = co."id"
            AND ((au."path" >= ${range.gte} AND au."path" < ${range.lt})
              OR (${range.gte} >= au."path" AND ${range.gte} < substr(au."path", 1, length(au."path") - 1) || '0'))
        )
      ORDER BY co."startsAt" ASC, co."id" ASC
      LIMIT ${SUMMARY_LIMITS.courses}
    ),
    "people" AS (
      SELECT DISTINCT c."id" AS "courseId", p."id" AS "personId"
      FROM "courses" c
      JOIN "CourseAudience" a ON a."courseId" = c."id"
      JOIN "Unit" au ON au."id" = a."unitId"
      ${orderedJoin(dialectOf(db))} "Unit" u ON u."path" >= au."path" AND u."path" < substr(au."path", 1, length(au."path") - 1) || '0'
        AND u."path" >= ${range.gte} AND u."path" < ${range.lt}
      ${orderedJoin(dialectOf(db))} "Person" p ON p."unitId" = u."id" AND p."role" = a."role" AND p."status" = 'active'
    )
    SELECT c."id", c."title", c."startsAt", COUNT(pe."personId") AS "audience",
      SUM(CASE WHEN r."answer" = 'yes' THEN 1 ELSE 0 END) AS "yes",
      SUM(CASE WHEN r."answer" = 'no' THEN 1 ELSE 0 END) AS "no",
      SUM(CASE WHEN r."answer" = 'waitlist' THEN 1 ELSE 0 END) AS "waitlist"
    FROM "courses" c
    LEFT JOIN "people" pe ON pe."courseId" = c."id"
    LEFT JOIN "CourseRsvp" r ON r."courseId" = c."id" AND r."personId" = pe."personId"
    GROUP BY c."id", c."title", c."startsAt"
    ORDER BY c."startsAt" ASC, c."id" ASC`);
  return rows.map((row) => {
    const audience = Number(row.audience);
    const yes = Number(row.yes ?? 0);
    const no = Number(row.no ?? 0);
    const waitlist = Number(row.waitlist ?? 0);
    const answered = yes + no + waitlist;
    return {
      courseId: Number(row.id),
      title: String(row.title),
      startsAt: new Date(row.startsAt as string | Date),
      audience,
      yes,
      no,
      waitlist,
      notAnswered: audience - answered,
      answerRate: audience > 0 ? answered / audience : null,
    };
  });
}
