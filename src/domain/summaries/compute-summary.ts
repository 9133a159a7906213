import { type Db, Prisma } from "../../db/client.js";
import { dialectOf, jsonFlag, jsonNumber, orderedJoin, type SqlDialect } from "../../db/dialect.js";
import type { FormDefinition, SummaryAggregate } from "../reports/form-definition.js";
import { type LocalDate, periodAt, previousPeriod, type ReportPeriod } from "../reports/periods.js";
import { ReportStatus, SENT_REPORT_STATUSES } from "../reports/report-enums.js";
import { parseStoredForm } from "../reports/stored-report-json.js";
import { byUnitName } from "../units/unit-name-order.js";
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
export const RECEIVED_STATUSES = SENT_REPORT_STATUSES;

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
  // In Vietnamese alphabetical order ("Xã Đức Thọ" before "Xã Lâm…"): a unit's children are
  // few (a province has about a hundred communes), so they are sorted here.
  const children: UnitRef[] = (
    await db.unit.findMany({
      where: { parentId: root.id, active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, level: true },
    })
  ).sort(byUnitName);
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
    const definition = parseStoredForm(row.definition, `ReportForm ${row.id}`);
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

  // The period and the one before in one statement: each row unit's reports read once; the
  // totals add up the rows (the row units' subtrees do not overlap).
  const [[now, then], expected] = await Promise.all([
    tallyByRow(db, query, before ? [current, before] : [current], keyFigures, true, true),
    adhoc ? null : expectedByRow(db, scope, levels),
  ]);
  const rows: ChildRow[] = rowUnits.map((unit) => {
    const got = now?.get(unit.id);
    return {
      unit,
      expected: expected ? (expected.get(unit.id) ?? 0) : null,
      received: got?.received ?? 0,
      returned: got?.returned ?? 0,
      figures: figuresOf(keyFigures, got),
      previous: then ? figuresOf(keyFigures, then.get(unit.id)) : null,
    };
  });
  const total = addUp(keyFigures, now?.values() ?? []);
  const totalBefore = then ? addUp(keyFigures, then.values()) : null;
  const totals: Omit<ChildRow, "unit"> = {
    expected: expected ? [...expected.values()].reduce((sum, n) => sum + n, 0) : null,
    received: total.received,
    returned: total.returned,
    figures: figuresOf(keyFigures, total),
    previous: totalBefore ? figuresOf(keyFigures, totalBefore) : null,
  };

  const main = definition.summary?.main ?? null;
  const mainFigure = keyFigures.find((figure) => figure.field === main) ?? null;
  // The trend's last two points are the totals just added up.
  const known = new Map<string, TrendFigures>();
  if (mainFigure) {
    known.set(period.key, { value: totals.figures[mainFigure.field] ?? null, received: total.received });
    // Not the previous period's: its figures count only the units that reported in this one.
  }
  const [missing, trend] = await Promise.all([
    adhoc || !("periodKey" in current) ? null : missingUnits(db, query, current.periodKey),
    periodic && mainFigure
      ? trendOf(db, query, definition, periodic, mainFigure, input.timeZone, totals.expected, known)
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
    ? Prisma.sql`c."parentId" = ${scope.root.id} AND c."active" = TRUE`
    : Prisma.sql`c."id" = ${scope.root.id}`;
}

function levelFilter(levels: readonly string[] | null): Prisma.Sql {
  return levels
    ? Prisma.sql`AND u."active" = TRUE AND u."level" IN (${Prisma.join([...levels])})`
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

/**
 * A row's received reports and its key figures as the database adds them up: `parts[i]` is
 * figure i's SUM, MIN, MAX or count of true, an average as its sum and `counts[i]` its count —
 * so rows add up to totals ({@link addUp}) exactly as one query over all of them would.
 */
interface RowTally {
  received: number;
  returned: number;
  parts: (number | null)[];
  counts: number[];
}

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A figure's value from its parts (an average: its sum over its count). */
function figuresOf(keyFigures: KeyFigure[], tally: RowTally | undefined): FigureValues {
  return Object.fromEntries(
    keyFigures.map((figure, i) => {
      const part = tally?.parts[i] ?? null;
      if (figure.aggregate !== "avg") return [figure.field, part];
      const count = tally?.counts[i] ?? 0;
      return [figure.field, part === null || count === 0 ? null : part / count];
    }),
  );
}

/** Rows' tallies added up: counts and sums add, MIN and MAX take the least and greatest. */
function addUp(keyFigures: KeyFigure[], tallies: Iterable<RowTally>): RowTally {
  const total: RowTally = {
    received: 0,
    returned: 0,
    parts: keyFigures.map(() => null),
    counts: keyFigures.map(() => 0),
  };
  for (const tally of tallies) {
    total.received += tally.received;
    total.returned += tally.returned;
    keyFigures.forEach((figure, i) => {
      total.counts[i] = (total.counts[i] ?? 0) + (tally.counts[i] ?? 0);
      const part = tally.parts[i] ?? null;
      const sum = total.parts[i] ?? null;
      if (part === null) return;
      total.parts[i] =
        sum === null
          ? part
          : figure.aggregate === "min"
            ? Math.min(sum, part)
            : figure.aggregate === "max"
              ? Math.max(sum, part)
              : sum + part;
    });
  }
  return total;
}

/**
 * Received reports with their key figures for each of `slices` (one statement: the units'
 * reports are read once), by row unit (`perRow` false: one row under the root's id). A periodic
 * form counts each unit once per period (its latest report of the period, whatever the form
 * version); an ad hoc form every report.
 */
async function tallyByRow(
  db: Db,
  query: FigureQuery,
  slices: ReportSlice[],
  keyFigures: KeyFigure[],
  perRow: boolean,
  /** Later slices count only the units that reported in the first (periodic forms). */
  sameUnitsAsFirst = false,
): Promise<Map<number, RowTally>[]> {
  const { scope } = query;
  const perUnit = query.levels !== null;
  const answers = Prisma.sql`r."answers"`;
  const figures = keyFigures.flatMap((figure, i) => {
    const part = Prisma.sql`${aggregateSql(figure.aggregate === "avg" ? "sum" : figure.aggregate, figure.field, scope.dialect, answers)} AS ${Prisma.raw(`"f${i}"`)}`;
    return figure.aggregate === "avg"
      ? [
          part,
          Prisma.sql`COUNT(${jsonNumber(answers, figure.field, scope.dialect)}) AS ${Prisma.raw(`"n${i}"`)}`,
        ]
      : [part];
  });
  const keys = slices.flatMap((slice) => ("periodKey" in slice ? [slice.periodKey] : []));
  const byKey = keys.length === slices.length;
  const sliceOf = byKey
    ? Prisma.sql`CASE r."periodKey" ${Prisma.join(
        keys.map((key, i) => Prisma.sql`WHEN ${key} THEN ${i}`),
        " ",
      )} END`
    : Prisma.sql`CASE ${Prisma.join(
        slices.map((slice, i) => Prisma.sql`WHEN ${sliceFilter(slice)} THEN ${i}`),
        " ",
      )} END`;
  // Time spans: also the one span around them all, so each unit's reports are a range of the
  // (unitId, formId, submittedAt) index rather than all its reports of the form.
  const spans = slices.flatMap((slice) => ("from" in slice ? [slice] : []));
  const around = {
    from: new Date(Math.min(...spans.map((span) => span.from.getTime()))),
    to: new Date(Math.max(...spans.map((span) => span.to.getTime()))),
  };
  const inSlices = byKey
    ? Prisma.sql`r."periodKey" IN (${Prisma.join(keys)})`
    : Prisma.sql`${spans.length === slices.length ? Prisma.sql`${sliceFilter(around)} AND` : Prisma.empty} (${Prisma.join(
        slices.map((slice) => sliceFilter(slice)),
        " OR ",
      )})`;
  // GROUP BY names the first two columns by position: PostgreSQL does not take the slice's CASE
  // written again as the same expression (its parameters are numbered anew).
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT ${sliceOf} AS "slice", ${perRow ? Prisma.sql`c."id"` : Prisma.sql`${scope.root.id}`} AS "rowId",
      COUNT(*) AS "received", SUM(CASE WHEN r."status" = ${ReportStatus.returned} THEN 1 ELSE 0 END) AS "returned"
      ${figures.length > 0 ? Prisma.sql`, ${Prisma.join(figures)}` : Prisma.empty}
    FROM ${rowUnitsSql(scope)}
    ${orderedJoin(scope.dialect)} "Report" r ON r."unitId" = u."id"
    WHERE ${rowUnitsWhere(scope)} ${levelFilter(query.levels)}
      AND r."formId" IN (${Prisma.join(query.formIds)})
      AND r."status" IN (${Prisma.join([...RECEIVED_STATUSES])})
      AND ${inSlices}
      ${perUnit ? Prisma.sql`AND NOT EXISTS (${newerReport(query)})` : Prisma.empty}
      ${sameUnitsAsFirst && perUnit && byKey && keys.length > 1 ? Prisma.sql`AND (r."periodKey" = ${keys[0]} OR EXISTS (${reportOf(query, keys[0] ?? "")}))` : Prisma.empty}
    GROUP BY 1, 2`);
  const tallies = slices.map(() => new Map<number, RowTally>());
  for (const row of rows)
    tallies[Number(row.slice)]?.set(Number(row.rowId), {
      received: Number(row.received),
      returned: Number(row.returned ?? 0),
      parts: keyFigures.map((_, i) => toNumber(row[`f${i}`])),
      counts: keyFigures.map((_, i) => Number(row[`n${i}`] ?? 0)),
    });
  return tallies;
}

/**
 * A later received report of `r`'s unit and period (any version of the form): a periodic form
 * counts a unit's latest report of the period only — the latest sent, then the highest id.
 */
function newerReport(query: FigureQuery): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM "Report" n
    WHERE n."unitId" = r."unitId" AND n."formId" IN (${Prisma.join(query.formIds)})
      AND n."periodKey" = r."periodKey" AND n."status" IN (${Prisma.join([...RECEIVED_STATUSES])})
      AND (n."submittedAt" > r."submittedAt" OR (n."submittedAt" = r."submittedAt" AND n."id" > r."id"))`;
}

/**
 * A received report of `r`'s unit for `periodKey`: a periodic form's earlier periods count only
 * the units that reported in the period summarised, so "change since the previous period"
 * compares the same units (2 of 7 hamlets this week against 4 last week is not a fall).
 */
function reportOf(query: FigureQuery, periodKey: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM "Report" s
    WHERE s."unitId" = r."unitId" AND s."formId" IN (${Prisma.join(query.formIds)})
      AND s."periodKey" = ${periodKey} AND s."status" IN (${Prisma.join([...RECEIVED_STATUSES])})`;
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
  // The subtree's expected units first, as a materialised step: PostgreSQL's planner, seeing that
  // most units of a week have reported, would otherwise start from every unit and report of the
  // country and anti-join them before looking at the subtree.
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH "expected" AS MATERIALIZED (
      SELECT u."id", u."name", u."level", u."parentId"
      FROM ${rowUnitsSql(query.scope)}
      WHERE ${rowUnitsWhere(query.scope)} ${levelFilter(query.levels)}
    )
    SELECT e."id", e."name", e."level", p."id" AS "parentId", p."name" AS "parentName",
      p."level" AS "parentLevel", COUNT(*) OVER () AS "total"
    FROM "expected" e
    LEFT JOIN "Unit" p ON p."id" = e."parentId"
    WHERE NOT EXISTS (
        SELECT 1 FROM "Report" r
        WHERE r."unitId" = e."id" AND r."formId" IN (${Prisma.join(query.formIds)})
          AND r."periodKey" = ${periodKey} AND r."status" IN (${Prisma.join([...RECEIVED_STATUSES])})
      )
    ORDER BY p."name", p."id", e."name", e."id"
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

/** A trend point's figures: the main figure over the subtree and how many units reported. */
type TrendFigures = Pick<TrendPoint, "value" | "received">;

/**
 * The main figure over the whole subtree for the form's last periods (oldest first, ending with
 * `period`): the periods in `known` (the summary's period and the one before, already added up)
 * as they are, the others by one grouped query over their keys.
 */
async function trendOf(
  db: Db,
  query: FigureQuery,
  definition: FormDefinition,
  period: ReportPeriod,
  main: KeyFigure,
  timeZone: string,
  expected: number | null,
  known: Map<string, TrendFigures>,
): Promise<TrendPoint[]> {
  const periods: ReportPeriod[] = [period];
  for (let at = period; periods.length < SUMMARY_LIMITS.trendPeriods; ) {
    const before = previousPeriod(definition.period, at, timeZone);
    if (!before) break;
    periods.unshift(before);
    at = before;
  }
  const others = periods.filter((p) => !known.has(p.key));
  const tallies =
    others.length > 0
      ? await tallyByRow(
          db,
          query,
          others.map((p) => ({ periodKey: p.key })),
          [main],
          false,
        )
      : [];
  const found = new Map(known);
  others.forEach((p, i) => {
    const tally = tallies[i]?.get(query.scope.root.id);
    found.set(p.key, { value: figuresOf([main], tally)[main.field] ?? null, received: tally?.received ?? 0 });
  });
  return periods.map((p) => ({
    periodKey: p.key,
    label: p.label,
    value: found.get(p.key)?.value ?? null,
    received: found.get(p.key)?.received ?? 0,
    expected,
  }));
}
