import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { type Db, isDatabaseBusy, type Prisma } from "../../db/client.js";
import { dialectOf, type LockableTable, rowLockStatement, writeLockStatement } from "../../db/dialect.js";
import { type CurrentActor, loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";

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
  /** Roster only: rows whose phone belongs to someone on the roster under another name. */
  phoneConflicts?: readonly {
    rowNumber: number;
    phone: string;
    fullName: string;
    currentName: string;
    currentRole: string;
    currentUnitName: string;
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
 * The person committing an import, deactivation or undo, as they stand now — they must still
 * be allowed to (`roster.import`, `units.import`); whatever the caller checked before counts
 * for nothing. `person: null` on the command line, which runs as the machine's operator.
 */
export async function loadImporter(
  db: Pick<Db | Prisma.TransactionClient, "person">,
  actor: ImportActor,
  action: "roster.import" | "units.import",
): Promise<{ ok: true; person: CurrentActor | null } | { ok: false; reason: "not_allowed" }> {
  if (actor.personId === null) return { ok: true, person: null };
  const person = await loadActor(db, actor.personId);
  if (!person || !authorize(person, action).ok) return { ok: false, reason: "not_allowed" };
  return { ok: true, person };
}

/**
 * The transactions of imports, deactivations and undos. They are kept short (a big import is
 * written in slices, see commit-roster-import.ts); the generous limits only make sure that a
 * slow disk never cuts one in the middle.
 */
export const IMPORT_TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 300_000 } as const;

/**
 * Makes a transaction a writer from its first statement on SQLite (see `writeLockStatement`): a
 * command-line import used to fail at once when one person chatted meanwhile; now it waits its
 * turn (the busy timeout) and then reads the latest data. Nothing on PostgreSQL.
 */
export async function takeWriteLock(tx: Prisma.TransactionClient): Promise<void> {
  const statement = writeLockStatement(dialectOf(tx as unknown as Db));
  if (statement) await tx.$executeRawUnsafe(statement);
}

/**
 * Locks one row for the rest of the transaction where the write lock does not already (the
 * dialect's `rowLockStatement`: PostgreSQL), before a count that decides a write.
 */
export async function lockRow(tx: Prisma.TransactionClient, table: LockableTable, id: number): Promise<void> {
  const statement = rowLockStatement(table, id, dialectOf(tx as unknown as Db));
  if (statement) await tx.$queryRaw(statement);
}

/** How often, and how long apart, a transaction the database was too busy for is tried again. */
const BUSY_RETRIES = [250, 1_000, 3_000, 6_000];

/**
 * Runs `work` in a transaction that takes the write lock first; when SQLite stays busy past its
 * timeout (another process writing for long), waits and tries again a few times. The work must
 * be safe to repeat: a failed transaction wrote nothing. Every user action that writes more than
 * one row runs in one of these, its audit entry and outbox rows included: two people doing the
 * same thing at once are served one after the other, and the second is told it is done already.
 */
export async function inWriteTransaction<T>(
  db: Db,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        await takeWriteLock(tx);
        return work(tx);
      }, IMPORT_TRANSACTION_OPTIONS);
    } catch (error) {
      const wait = BUSY_RETRIES[attempt];
      if (wait === undefined || !isBusy(error)) throw error;
      await sleep(wait);
    }
  }
}

/**
 * SQLite said "database is locked" (Prisma: P1008, operations timed out), or the transaction met
 * a write conflict or deadlock (P2034) or could not start in time: worth trying again.
 */
export function isBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === "P1008" ||
    code === "P2034" ||
    /database is locked|SQLITE_BUSY/i.test(error.message) ||
    isDatabaseBusy(error)
  );
}

/** Splits ids for `IN (…)` lists that stay well under SQLite's variable limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
