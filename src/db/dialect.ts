import { Prisma, type PrismaClient } from "../generated/prisma/client.js";

/**
 * Everything that differs between the two databases the app runs on — SQLite (the embedded
 * default) and PostgreSQL (`DATABASE_URL=postgresql://…`). Code outside src/db writes one query
 * and asks this module for the few expressions, statements and error meanings that differ; it
 * never tests the provider itself.
 */
export type SqlDialect = "sqlite" | "postgresql";

/** Anything that runs queries: a client or a transaction's client. */
type Queryable = Pick<PrismaClient, "$queryRawUnsafe">;

/** The dialect of a database URL: `postgres://` / `postgresql://` or (anything else) SQLite. */
export function dialectForUrl(url: string): SqlDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The dialect of an open client (or a transaction's client): its generated client's provider. */
export function dialectOf(db: unknown): SqlDialect {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" || provider === "postgres" ? "postgresql" : "sqlite";
}

/** A JSON column's top-level number `key` (NULL when absent or not a number). */
export function jsonNumber(column: Prisma.Sql, key: string, dialect: SqlDialect): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`(CASE WHEN jsonb_typeof(${column}::jsonb -> ${key}::text) = 'number' THEN (${column}::jsonb ->> ${key}::text)::numeric END)`
    : Prisma.sql`(CASE WHEN json_type(${column}, ${`$.${key}`}) IN ('integer', 'real') THEN json_extract(${column}, ${`$.${key}`}) END)`;
}

/** A JSON column's top-level boolean `key`: 1 for true, 0 for false, NULL otherwise. */
export function jsonFlag(column: Prisma.Sql, key: string, dialect: SqlDialect): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`(CASE jsonb_typeof(${column}::jsonb -> ${key}::text) WHEN 'boolean' THEN (CASE WHEN (${column}::jsonb ->> ${key}::text) = 'true' THEN 1 ELSE 0 END) END)`
    : Prisma.sql`(CASE json_type(${column}, ${`$.${key}`}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
}

/**
 * A JSON value (already serialised) as a parameter for a `Json` column in raw SQL: SQLite stores
 * JSON as text, PostgreSQL's `jsonb` takes no text parameter without a cast.
 */
export function jsonValue(json: string, dialect: SqlDialect): Prisma.Sql {
  return dialect === "postgresql" ? Prisma.sql`${json}::jsonb` : Prisma.sql`${json}`;
}

/** The largest of a few non-null values: SQLite's scalar MAX(a, b, …), PostgreSQL's GREATEST. */
export function greatest(dialect: SqlDialect, ...values: Prisma.Sql[]): Prisma.Sql {
  return dialect === "postgresql"
    ? Prisma.sql`GREATEST(${Prisma.join(values)})`
    : Prisma.sql`MAX(${Prisma.join(values)})`;
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

/**
 * Runs one write inside a transaction so that its failure — typically a duplicate key that the
 * caller turns into "already done" — leaves the transaction usable. PostgreSQL aborts the whole
 * transaction on any error (every later statement fails with 25P02 until it ends); a savepoint
 * around the write confines the error to it. SQLite keeps its transaction either way and takes
 * the same savepoint. Only for a transaction's client (`tx`), never the pool.
 */
export async function withSavepoint<T>(
  tx: Pick<PrismaClient, "$executeRawUnsafe">,
  work: () => Promise<T>,
): Promise<T> {
  // One name serves nested savepoints too: both databases release or roll back to the newest.
  const name = "tlgn_write";
  await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

/**
 * Connection settings for SQLite (nothing on PostgreSQL, whose server is configured by its
 * operator). WAL lets the simulator page, the bot and the scheduler read while one of them
 * writes; the busy timeout makes concurrent writers wait instead of failing. A 48 MB page cache
 * (the default is 2 MB) holds the pages a province's summary reads — a few periods of reports —
 * so each is read from the file once, not again for every unit whose reports share it.
 */
export async function tuneSqlite(db: Queryable): Promise<void> {
  if (dialectOf(db) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA cache_size = -48000");
}

/**
 * Whether an error means another connection was in the way and trying again later may succeed,
 * unlike other errors. SQLite: the write lock was held longer than we waited (SQLITE_BUSY; the
 * driver adapter reports it as a socket timeout, Prisma as a timed-out operation or transaction).
 * PostgreSQL: a serialization failure or deadlock (40001, 40P01; Prisma's P2034), a lock not
 * available (55P03) or a lock/statement timeout (57014 when caused by one), and a pool with no
 * free connection in time.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const text = e instanceof Error ? `${e.message} ${String(code ?? "")}` : String(e);
    if (/SQLITE_BUSY|SocketTimeout|database is locked|Operation has timed out|P1008|P2028/i.test(text))
      return true;
    if (/P2034|\b(40001|40P01|55P03)\b|could not serialize access|deadlock detected/i.test(text)) return true;
    if (/lock timeout|timeout exceeded when trying to connect/i.test(text)) return true;
    const cause = (e as { cause?: unknown }).cause;
    if (cause && typeof cause === "object" && "kind" in cause) {
      if (cause.kind === "SocketTimeout" || cause.kind === "TransactionWriteConflict") return true;
      const original =
        (cause as { originalCode?: unknown; code?: unknown }).originalCode ??
        (cause as { code?: unknown }).code;
      if (original === "55P03") return true;
    }
    e = cause;
  }
  return false;
}

/**
 * Whether an error means the database could not be used just then — busy ({@link isDatabaseBusy}),
 * unreachable, its connection lost or its pool exhausted — so that the same work can succeed
 * later, unlike an error about the data or the query itself.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isDatabaseBusy(error)) return true;
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = e instanceof Error ? e.name : "";
    if (name === "PrismaClientInitializationError") return true;
    const code = String((e as { code?: unknown }).code ?? "");
    // Prisma: can't reach, timed out, server closed the connection, pool timeout.
    if (/^(P1001|P1002|P1017|P2024)$/.test(code)) return true;
    // PostgreSQL connection failures (08xxx), admin shutdown (57P01–03); sockets.
    if (/^(08\d{3}|57P0[123]|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT)$/.test(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Tables whose rows an action locks before it decides: a course (its places, from counts of its
 * answers), an access request (decided once, with everything the approval writes), an
 * activation code (redeemed once: the second redemption waits, then reads it used).
 */
export type LockableTable = "Course" | "AccessRequest" | "ActivationCode";

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
