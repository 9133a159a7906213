import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, jsonFlag, jsonNumber, orderedJoin, type SqlDialect } from "../../db/dialect.js";
import type { FormDefinition, SummaryAggregate } from "../reports/form-definition.js";
import { type LocalDate, periodAt, previousPeriod, type ReportPeriod } from "../reports/periods.js";
import {
  type ChildRow,
  type FigureValues,
  type FormPeriodRef,
  type FormSummary,
  type KeyFigure,
  type MissingUnits,
  SUMMARY_LIMITS,
  type SummaryData,
  type TrendPoint,
  type UnitRef,
} from "./summary-data.js";
import { previousWindow, type SummaryWindow } from "./summary-period.js";
import { summarySections } from "./summary-sections.js";

/** Reports that count as received: sent, sent back for correction, or accepted (never drafts). */
export const RECEIVED_STATUSES = ["submitted", "returned", "accepted"] as const;

export interface ComputeSummaryInput {
  rootUnitId: number;
  window: SummaryWindow;
  now: Date;
  timeZone: string;
}

/**
 * The figures of a supervisor summary for the subtree of `rootUnitId` over `window`, by the
 * root's active child units (the root itself when it has none). Everything is counted by the
 * database — units by a range on their path (`subtreeRange`), numbers inside the answers by
 * `jsonNumber` — so no report or person of the subtree is loaded; only capped lists are.
 * Null for an unknown or inactive root. No permission check: callers check who may see it.
 */
export async function computeSummary(db: Db, input: ComputeSummaryInput): Promise<SummaryData | null> {
  const root = await db.unit.findUnique({
    where: { id: input.rootUnitId },
    select: { id: true, name: true, level: true, path: true, active: true },
  });
  if (!root?.active) return null;
  const children: UnitRef[] = await db.unit.findMany({
    where: { parentId: root.id, active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, level: true },
  });
  const byChild = children.length > 0;
  const rowUnits: UnitRef[] = byChild ? children : [{ id: root.id, name: root.name, level: root.level }];
  const scope: Scope = { dialect: dialectOf(db), root: { id: root.id, path: root.path }, byChild };

  const forms: FormSummary[] = [];
  for (const form of await summaryForms(db)) {
    const summary = await summarizeForm(db, scope, rowUnits, form, input);
    if (summary) forms.push(summary);
  }
  const sections = await summarySections(db, scope.root, input);
  return {
    root: { id: root.id, name: root.name, level: root.level, path: root.path },
    children: rowUnits,
    window: input.window,
    generatedAt: input.now,
    forms,
    ...sections,
  };
}

interface Scope {
  dialect: SqlDialect;
  root: { id: number; path: string };
  /** Rows are the root's children (else the root alone). */
  byChild: boolean;
}

interface SummaryForm {
  key: string;
  /** Every stored version of the key: a summary adds them all up. */
  formIds: number[];
  /** The latest version's definition: its period, audience and key figures. */
  definition: FormDefinition;
}

/** Forms by key (every version), ordered by their `summary.order`, then key. */
async function summaryForms(db: Db): Promise<SummaryForm[]> {
  const rows = await db.reportForm.findMany({
    select: { id: true, key: true, version: true, definition: true },
    orderBy: [{ key: "asc" }, { version: "asc" }],
  });
  const byKey = new Map<string, SummaryForm>();
  for (const row of rows) {
    const definition = row.definition as unknown as FormDefinition;
    const current = byKey.get(row.key);
    if (current) {
      current.formIds.push(row.id);
      current.definition = definition;
    } else byKey.set(row.key, { key: row.key, formIds: [row.id], definition });
  }
  const order = (form: SummaryForm) => form.definition.summary?.order ?? Number.MAX_SAFE_INTEGER;
  return [...byKey.values()]
    .filter((form) => form.definition.summary || form.definition.period.type !== "adhoc")
    .sort((a, b) => order(a) - order(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** What selects a form's reports: one period key (periodic forms) or a time span (ad hoc). */
type ReportSlice = { periodKey: string } | { from: Date; to: Date };

async function summarizeForm(
  db: Db,
  scope: Scope,
  rowUnits: UnitRef[],
  form: SummaryForm,
  input: ComputeSummaryInput,
): Promise<FormSummary | null> {
  const { definition } = form;
  const spec = definition.period;
  const adhoc = spec.type === "adhoc";
  let period: FormPeriodRef;
  let previous: FormPeriodRef | null;
  let current: ReportSlice;
  let before: ReportSlice | null;
  const periodic = adhoc ? null : periodAt(spec, input.window.end, input.timeZone);
  if (adhoc) {
    period = windowPeriod(input.window.start, input.window.end, input.window.firstDay, input.window.lastDay);
    const last = previousWindow(input.window, input.timeZone);
    previous = windowPeriod(last.start, last.end, last.firstDay, last.lastDay);
    current = { from: period.start, to: period.end };
    before = { from: previous.start, to: previous.end };
  } else {
    // Out of season (or no period at that time): nothing to summarise for this form.
    if (!periodic) return null;
    period = periodic;
    previous = previousPeriod(spec, periodic, input.timeZone);
    current = { periodKey: period.key };
    before = previous ? { periodKey: previous.key } : null;
  }

  const keyFigures: KeyFigure[] = (definition.summary?.figures ?? []).map((figure) => ({
    field: figure.field,
    label: figure.label,
    aggregate: figure.aggregate,
    unit: definition.fields.find((field) => field.key === figure.field)?.unit ?? null,
  }));
  const levels = definition.audience.unitLevels;
  const query: FigureQuery = { scope, formIds: form.formIds, keyFigures, levels: adhoc ? null : levels };

  const [now, then, rootNow, rootThen, expected] = await Promise.all([
    receivedByRow(db, query, current, true),
    before ? receivedByRow(db, query, before, true) : null,
    receivedByRow(db, query, current, false),
    before ? receivedByRow(db, query, before, false) : null,
    adhoc ? null : expectedByRow(db, scope, levels),
  ]);
  const rows: ChildRow[] = rowUnits.map((unit) => {
    const got = now.get(unit.id);
    return {
      unit,
      expected: expected ? (expected.get(unit.id) ?? 0) : null,
      received: got?.received ?? 0,
      returned: got?.returned ?? 0,
      figures: got?.figures ?? emptyFigures(keyFigures),
      previous: then ? (then.get(unit.id)?.figures ?? emptyFigures(keyFigures)) : null,
    };
  });
  const total = rootNow.get(scope.root.id);
  const totals: Omit<ChildRow, "unit"> = {
    expected: expected ? [...expected.values()].reduce((sum, n) => sum + n, 0) : null,
    received: total?.received ?? 0,
    returned: total?.returned ?? 0,
    figures: total?.figures ?? emptyFigures(keyFigures),
    previous: rootThen ? (rootThen.get(scope.root.id)?.figures ?? emptyFigures(keyFigures)) : null,
  };

  const main = definition.summary?.main ?? null;
  const mainFigure = keyFigures.find((figure) => figure.field === main) ?? null;
  const [missing, trend] = await Promise.all([
    adhoc || !("periodKey" in current) ? null : missingUnits(db, query, current.periodKey),
    periodic && mainFigure
      ? trendOf(db, query, definition, periodic, mainFigure, input.timeZone, totals.expected)
      : [],
  ]);
  return {
    formKey: form.key,
    title: definition.title,
    periodType: spec.type,
    period: refOf(period),
    previousPeriod: previous ? refOf(previous) : null,
    keyFigures,
    mainFigure: mainFigure?.field ?? null,
    rows,
    totals,
    missing,
    trend,
  };
}

function refOf(period: ReportPeriod | FormPeriodRef): FormPeriodRef {
  return {
    key: period.key,
    label: period.label,
    start: period.start,
    end: period.end,
    deadline: period.deadline,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
const dm = (d: LocalDate) => `${pad(d.day)}/${pad(d.month)}`;
const dmy = (d: LocalDate) => `${dm(d)}/${d.year}`;

/** An ad hoc form's "period": the summary window itself ("23/11–29/11/2026"). */
function windowPeriod(start: Date, end: Date, first: LocalDate, last: LocalDate): FormPeriodRef {
  const same = first.year === last.year && first.month === last.month && first.day === last.day;
  const label = same ? dmy(first) : `${first.year === last.year ? dm(first) : dmy(first)}–${dmy(last)}`;
  const key = `${first.year}-${pad(first.month)}-${pad(first.day)}..${last.year}-${pad(last.month)}-${pad(last.day)}`;
  return { key, label, start, end, deadline: null };
}

function emptyFigures(keyFigures: KeyFigure[]): FigureValues {
  return Object.fromEntries(keyFigures.map((figure) => [figure.field, null]));
}

// ── SQL ──────────────────────────────────────────────────────────────────────────────────────

interface FigureQuery {
  scope: Scope;
  formIds: number[];
  keyFigures: KeyFigure[];
  /** Periodic forms: only active units of these levels report (and count). Ad hoc: any unit. */
  levels: readonly string[] | null;
}

/**
 * The units a row stands for: `c` is each row unit (the root's children, or the root), `u` every
 * unit of its subtree, joined by a range on the indexed path (the SQL form of `subtreeRange`).
 */
function rowUnitsSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`"Unit" c
    ${orderedJoin(scope.dialect)} "Unit" u ON u."path" >= c."path" AND u."path" < substr(c."path", 1, length(c."path") - 1) || '0'`;
}

/**
 * Which row units: the root's active children, or the root itself when it has none. Totals add
 * up the same rows, so a unit under an inactive child counts nowhere.
 */
function rowUnitsWhere(scope: Scope): Prisma.Sql {
  return scope.byChild
    ? Prisma.sql`c."parentId" = ${scope.root.id} AND c."active" = 1`
    : Prisma.sql`c."id" = ${scope.root.id}`;
}

function levelFilter(levels: readonly string[] | null): Prisma.Sql {
  return levels
    ? Prisma.sql`AND u."active" = 1 AND u."level" IN (${Prisma.join([...levels])})`
    : Prisma.empty;
}

function sliceFilter(slice: ReportSlice): Prisma.Sql {
  return "periodKey" in slice
    ? Prisma.sql`r."periodKey" = ${slice.periodKey}`
    : Prisma.sql`r."submittedAt" >= ${slice.from} AND r."submittedAt" <= ${slice.to}`;
}

function aggregateSql(
  aggregate: SummaryAggregate,
  field: string,
  dialect: SqlDialect,
  answers: Prisma.Sql,
): Prisma.Sql {
  switch (aggregate) {
    case "sum":
      return Prisma.sql`SUM(${jsonNumber(answers, field, dialect)})`;
    case "avg":
      return Prisma.sql`AVG(${jsonNumber(answers, field, dialect)})`;
    case "min":
      return Prisma.sql`MIN(${jsonNumber(answers, field, dialect)})`;
    case "max":
      return Prisma.sql`MAX(${jsonNumber(answers, field, dialect)})`;
    case "count_true":
      return Prisma.sql`SUM(${jsonFlag(answers, field, dialect)})`;
  }
}

interface RowFigures {
  received: number;
  returned: number;
  figures: FigureValues;
}

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * Received reports by row unit with their key figures (`perRow` false: one total, under the
 * root's id). A periodic form counts each unit once (its latest report of the period, whatever
 * the form version); an ad hoc form every report.
 */
async function receivedByRow(
  db: Db,
  query: FigureQuery,
  slice: ReportSlice,
  perRow: boolean,
): Promise<Map<number, RowFigures>> {
  const { scope, keyFigures } = query;
  const perUnit = query.levels !== null;
  const figures = keyFigures.map(
    (figure, i) =>
      Prisma.sql`${aggregateSql(figure.aggregate, figure.field, scope.dialect, Prisma.sql`k."answers"`)} AS ${Prisma.raw(`"f${i}"`)}`,
  );
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH picked AS (
      SELECT ${perRow ? Prisma.sql`c."id"` : Prisma.sql`${scope.root.id}`} AS "rowId", r."unitId", r."status", r."answers",
        ROW_NUMBER() OVER (PARTITION BY r."unitId" ORDER BY r."submittedAt" DESC, r."id" DESC) AS "rank"
      FROM ${rowUnitsSql(scope)}
      ${orderedJoin(scope.dialect)} "Report" r ON r."unitId" = u."id"
      WHERE ${rowUnitsWhere(scope)} ${levelFilter(query.levels)}
        AND r."formId" IN (${Prisma.join(query.formIds)})
        AND r."status" IN (${Prisma.join([...RECEIVED_STATUSES])})
        AND ${sliceFilter(slice)}
    )
    SELECT k."rowId", ${perUnit ? Prisma.sql`COUNT(DISTINCT k."unitId")` : Prisma.sql`COUNT(*)`} AS "received",
      SUM(CASE WHEN k."status" = 'returned' THEN 1 ELSE 0 END) AS "returned"
      ${figures.length > 0 ? Prisma.sql`, ${Prisma.join(figures)}` : Prisma.empty}
    FROM picked k
    ${perUnit ? Prisma.sql`WHERE k."rank" = 1` : Prisma.empty}
    GROUP BY k."rowId"`);
  return new Map(
    rows.map((row) => [
      Number(row.rowId),
      {
        received: Number(row.received),
        returned: Number(row.returned ?? 0),
        figures: Object.fromEntries(keyFigures.map((figure, i) => [figure.field, toNumber(row[`f${i}`])])),
      },
    ]),
  );
}

/** Active units of the audience levels in each row unit's subtree. */
async function expectedByRow(db: Db, scope: Scope, levels: readonly string[]): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ rowId: unknown; expected: unknown }[]>(Prisma.sql`
    SELECT c."id" AS "rowId", COUNT(u."id") AS "expected"
    FROM ${rowUnitsSql(scope)}
    WHERE ${rowUnitsWhere(scope)} ${levelFilter(levels)}
    GROUP BY c."id"`);
  return new Map(rows.map((row) => [Number(row.rowId), Number(row.expected)]));
}

/** Expected units without a received report for the period: the first ones by parent, then name. */
async function missingUnits(db: Db, query: FigureQuery, periodKey: string): Promise<MissingUnits> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT u."id", u."name", u."level", p."id" AS "parentId", p."name" AS "parentName",
      p."level" AS "parentLevel", COUNT(*) OVER () AS "total"
    FROM ${rowUnitsSql(query.scope)}
    LEFT JOIN "Unit" p ON p."id" = u."parentId"
    WHERE ${rowUnitsWhere(query.scope)} ${levelFilter(query.levels)}
      AND NOT EXISTS (
        SELECT 1 FROM "Report" r
        WHERE r."unitId" = u."id" AND r."formId" IN (${Prisma.join(query.formIds)})
          AND r."periodKey" = ${periodKey} AND r."status" IN (${Prisma.join([...RECEIVED_STATUSES])})
      )
    ORDER BY p."name", p."id", u."name", u."id"
    LIMIT ${SUMMARY_LIMITS.missingUnits}`);
  const groups: MissingUnits["groups"] = [];
  for (const row of rows) {
    const parentId = row.parentId === null ? null : Number(row.parentId);
    let group = groups.at(-1);
    if (!group || (group.parent?.id ?? null) !== parentId) {
      group = {
        parent:
          parentId === null
            ? null
            : { id: parentId, name: String(row.parentName), level: String(row.parentLevel) },
        units: [],
      };
      groups.push(group);
    }
    group.units.push({ id: Number(row.id), name: String(row.name), level: String(row.level) });
  }
  return { total: rows.length > 0 ? Number(rows[0]?.total) : 0, groups };
}

/**
 * The main figure over the whole subtree for the form's last periods (oldest first, ending with
 * `period`): one grouped query over the period keys.
 */
async function trendOf(
  db: Db,
  query: FigureQuery,
  definition: FormDefinition,
  period: ReportPeriod,
  main: KeyFigure,
  timeZone: string,
  expected: number | null,
): Promise<TrendPoint[]> {
  const periods: ReportPeriod[] = [period];
  for (let at = period; periods.length < SUMMARY_LIMITS.trendPeriods; ) {
    const before = previousPeriod(definition.period, at, timeZone);
    if (!before) break;
    periods.unshift(before);
    at = before;
  }
  const rows = await db.$queryRaw<{ periodKey: string; received: unknown; value: unknown }[]>(Prisma.sql`
    WITH picked AS (
      SELECT r."periodKey", r."unitId", r."answers",
        ROW_NUMBER() OVER (PARTITION BY r."periodKey", r."unitId" ORDER BY r."submittedAt" DESC, r."id" DESC) AS "rank"
      FROM ${rowUnitsSql(query.scope)}
      ${orderedJoin(query.scope.dialect)} "Report" r ON r."unitId" = u."id"
      WHERE ${rowUnitsWhere(query.scope)} ${levelFilter(query.levels)}
        AND r."formId" IN (${Prisma.join(query.formIds)})
        AND r."periodKey" IN (${Prisma.join(periods.map((p) => p.key))})
        AND r."status" IN (${Prisma.join([...RECEIVED_STATUSES])})
    )
    SELECT k."periodKey", COUNT(*) AS "received", ${aggregateSql(main.aggregate, main.field, query.scope.dialect, Prisma.sql`k."answers"`)} AS "value"
    FROM picked k WHERE k."rank" = 1
    GROUP BY k."periodKey"`);
  const byKey = new Map(rows.map((row) => [row.periodKey, row]));
  return periods.map((p) => {
    const row = byKey.get(p.key);
    return {
      periodKey: p.key,
      label: p.label,
      value: toNumber(row?.value),
      received: row ? Number(row.received) : 0,
      expected,
    };
  });
}
