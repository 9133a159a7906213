import type { z } from "zod";

/**
 * What a dry run says about each row of an import file, shared by the roster and the unit
 * list so that the CLI and the bot print both the same way.
 */
export type RowStatus = "create" | "update" | "unchanged" | "error";

export interface RowError {
  /** The column's header as written in the file (so the officer finds it). */
  column: string;
  /** What is wrong, in Vietnamese. */
  message: string;
}

export interface ImportRowResult {
  rowNumber: number;
  status: RowStatus;
  /** Whom or what the row is about ("Nguyễn Văn An", "Thôn 4 (42-LTT-04)"), once it is valid. */
  label?: string;
  errors: RowError[];
  /** For updates: each changed field, "vai trò: Trưởng thôn → Cán bộ xã". */
  changes?: string[];
}

export interface ImportTotals {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  error: number;
}

/** The part of a plan the reports need. */
export interface ImportPlanSummary {
  kind: "roster" | "units";
  fileName: string;
  rows: ImportRowResult[];
  totals: ImportTotals;
  /** Roster only: active people the file does not list (the import leaves them as they are). */
  missing?: readonly { fullName: string }[];
  /** Roster only: rows that would give a hamlet another head, and who heads it now. */
  headConflicts?: readonly {
    rowNumber: number;
    fullName: string;
    unitName: string;
    replaceable: readonly { fullName: string }[];
    otherRows: readonly { rowNumber: number; fullName: string }[];
  }[];
}

export function countRows(rows: readonly ImportRowResult[]): ImportTotals {
  const totals: ImportTotals = { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) totals[row.status]++;
  return totals;
}

/** "a → b" for a change line, with "(trống)" for an empty value. */
export function describeChange(field: string, before: string | null, after: string | null): string {
  const show = (value: string | null) => (value === null || value === "" ? "(trống)" : value);
  return `${field}: ${show(before)} → ${show(after)}`;
}

/**
 * Remembers the row each key first appeared on: returns that row number when the key was seen
 * before (so the later row can name it), `undefined` the first time.
 */
export function firstOccurrences<K>() {
  const seen = new Map<K, number>();
  return (key: K, rowNumber: number): number | undefined => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, rowNumber);
    return first;
  };
}

/**
 * Validates each cell of a row with its zod schema, separately, so that one row reports every
 * wrong cell at once. Columns the file does not have are left out of `values`: an import never
 * clears a field the file says nothing about (an empty cell in a column it has does clear it).
 */
export function parseCells<S extends Record<string, z.ZodType>>(
  shape: S,
  cells: Record<string, string>,
  headers: Record<string, string>,
): { values: { [K in keyof S]?: z.output<S[K]> }; errors: RowError[] } {
  const values: { [K in keyof S]?: z.output<S[K]> } = {};
  const errors: RowError[] = [];
  for (const id of Object.keys(shape) as (keyof S & string)[]) {
    const header = headers[id];
    const schema = shape[id];
    if (header === undefined || schema === undefined) continue;
    const result = schema.safeParse(cells[id] ?? "");
    if (result.success) values[id] = result.data as z.output<S[typeof id]>;
    else for (const issue of result.error.issues) errors.push({ column: header, message: issue.message });
  }
  return { values, errors };
}

/** Who commits an import, for the audit log. */
export interface ImportActor {
  /** The admin's roster entry; `null` from the command line, which has no person. */
  personId: number | null;
  via: "cli" | "bot";
}

/**
 * An import is one interactive transaction: re-plan, write, audit. 5,000 rows take a few
 * seconds on SQLite; the default 5 s limit of Prisma would cut a large file in the middle.
 */
export const IMPORT_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 300_000 } as const;

/** Splits ids for `IN (…)` lists that stay well under SQLite's variable limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
