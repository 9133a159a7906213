import { type Db, Prisma } from "./client.js";

/**
 * The few SQL expressions that differ between the databases the app runs on. Only SQLite is in
 * use (and tested) today; the PostgreSQL forms are written for issue 16, which brings it, and
 * are untested until then.
 */
export type SqlDialect = "sqlite" | "postgresql";

/** The dialect of a database URL: `postgres://` / `postgresql://` or (anything else) SQLite. */
export function dialectForUrl(url: string): SqlDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The dialect of an open client: its generated client's provider. */
export function dialectOf(db: Db): SqlDialect {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" || provider === "postgres" ? "postgresql" : "sqlite";
}

/** A JSON column's top-level number `key` (NULL when absent or not a number). */
export function jsonNumber(column: Prisma.Sql, key: string, dialect: SqlDialect): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`(CASE WHEN jsonb_typeof(${column}::jsonb -> ${key}) = 'number' THEN (${column}::jsonb ->> ${key})::numeric END)`
    : Prisma.sql`(CASE WHEN json_type(${column}, ${`$.${key}`}) IN ('integer', 'real') THEN json_extract(${column}, ${`$.${key}`}) END)`;
}

/** A JSON column's top-level boolean `key`: 1 for true, 0 for false, NULL otherwise. */
export function jsonFlag(column: Prisma.Sql, key: string, dialect: SqlDialect): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`(CASE jsonb_typeof(${column}::jsonb -> ${key}) WHEN 'boolean' THEN (CASE WHEN (${column}::jsonb ->> ${key}) = 'true' THEN 1 ELSE 0 END) END)`
    : Prisma.sql`(CASE json_type(${column}, ${`$.${key}`}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
}

/**
 * A join the database must run in the written order, left table outside: SQLite's planner has
 * no statistics and may start from a whole table's index (all reports of a period, countrywide)
 * instead of the few units of a subtree; `CROSS JOIN … ON` keeps the order there. PostgreSQL
 * plans from statistics (and takes no ON after CROSS JOIN): a plain JOIN.
 */
export function orderedJoin(dialect: SqlDialect): Prisma.Sql {
  return dialect === "postgresql" ? Prisma.sql`JOIN` : Prisma.sql`CROSS JOIN`;
}

/**
 * A JSON value as a statement's parameter: its text, cast to `jsonb` on PostgreSQL (a text
 * parameter does not go into a jsonb column there); SQLite keeps JSON as text.
 */
export function jsonParam(value: unknown, dialect: SqlDialect): Prisma.Sql {
  const text = JSON.stringify(value);
  return dialect === "postgresql" ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`;
}

/**
 * The statement that makes a transaction a writer from its first statement, or `null` where
 * none is needed. SQLite starts a transaction as a reader; when another connection commits a
 * write before the transaction's own first write, that write fails at once
 * (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out). A transaction that writes first
 * waits its turn instead and then reads the latest data, so two actions on one row run one
 * after the other. PostgreSQL locks the rows a transaction writes and makes a second writer of
 * the same row wait; its races are settled by conditional updates and unique constraints.
 */
export function writeLockStatement(dialect: SqlDialect): string | null {
  return dialect === "postgresql" ? null : 'UPDATE "ChangeBatch" SET "id" = "id" WHERE 0';
}

/** Tables whose rows an action locks while it decides from counts of their children (a course's places). */
export type LockableTable = "Course";

/**
 * A statement that locks one row until the transaction ends, or `null` where the transaction's
 * write lock (SQLite, `writeLockStatement`) already keeps other writers out. On PostgreSQL a
 * count and the write that depends on it (a course's "yes" answers and its places) are made
 * safe by locking the row they hang from first: a second transaction waits for the first to
 * commit and then counts again.
 */
export function rowLockStatement(table: LockableTable, id: number, dialect: SqlDialect): Prisma.Sql | null {
  return dialect === "postgresql"
    ? Prisma.sql`SELECT 1 FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id} FOR UPDATE`
    : null;
}
