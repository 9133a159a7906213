import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { PrismaClient as PostgresqlClient } from "../generated/prisma-pg/client.js";
import { dialectForUrl } from "./dialect.js";
import { cacheStatements, type SqliteConnection } from "./sqlite-statement-cache.js";

/**
 * The database client the whole app uses. Its type is the SQLite client's; on PostgreSQL the
 * client generated from the derived schema (src/db/postgresql-schema.ts) stands in for it. Both
 * come from the same models, so they have the same model API; what differs (PostgreSQL's
 * `mode: "insensitive"`, isolation levels) is reached through src/db/dialect.ts.
 */
export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client.js";
export { isDatabaseBusy, isDatabaseUnavailable, tuneSqlite } from "./dialect.js";

/**
 * Opens the database named by the URL: `postgresql://…` (or `postgres://…`) with the PostgreSQL
 * client and the `pg` adapter, anything else as a SQLite `file:` URL (creating its folder).
 * Nothing connects at import time; the composition root and the tests call this with the URL
 * they want.
 */
export function createDb(databaseUrl: string, options: CreateDbOptions = {}): Db {
  const log = options.onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {};
  let db: Db;
  if (dialectForUrl(databaseUrl) === "postgresql") {
    const { config, schema } = postgresqlConfig(databaseUrl);
    const client = new PostgresqlClient({
      adapter: new PrismaPg(config, schema ? { schema } : undefined),
      ...log,
    });
    // The one place the PostgreSQL client is seen as the SQLite client's type. TypeScript cannot
    // relate the two generated copies of Prisma's generic types, but both are generated from one
    // source schema, so every model method takes the same arguments and returns the same rows.
    db = client as unknown as Db;
  } else {
    const adapter = new CachingSqliteAdapter({ url: sqliteFileUrl(databaseUrl), timeout: 10_000 });
    db = new PrismaClient({ adapter, ...log });
  }
  const onQuery = options.onQuery;
  if (onQuery) {
    const events = db as unknown as {
      $on(event: "query", listener: (e: { query: string; params: string }) => void): void;
    };
    events.$on("query", (event) =>
      onQuery({ sql: event.query, params: JSON.parse(event.params) as unknown[] }),
    );
  }
  return db;
}

/** Prisma's SQLite adapter, its connection reusing prepared statements (sqlite-statement-cache.ts). */
class CachingSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    cacheStatements((adapter as unknown as { client: SqliteConnection }).client);
    return adapter;
  }
}

export interface CreateDbOptions {
  /** Told every statement the client sends (its SQL and parameters), e.g. to check query plans. */
  onQuery?: (query: { sql: string; params: unknown[] }) => void;
}

/** How many connections one client keeps to PostgreSQL unless the URL says (`?connection_limit=`). */
const DEFAULT_POOL_SIZE = 10;

/**
 * The `pg` pool settings of a PostgreSQL URL. Prisma's own URL parameters are honoured the way
 * its engines read them — `schema` (the PostgreSQL schema, default `public`), `connection_limit`
 * (the pool size) and `pool_timeout` (seconds to wait for a free connection) — and removed from
 * the connection string, which `pg` would otherwise pass to the server.
 */
export function postgresqlConfig(databaseUrl: string): {
  config: { connectionString: string; max: number; connectionTimeoutMillis?: number; options?: string };
  schema: string | undefined;
} {
  const url = new URL(databaseUrl);
  const take = (name: string) => {
    const value = url.searchParams.get(name);
    url.searchParams.delete(name);
    return value ?? undefined;
  };
  const schema = take("schema");
  const limit = Number(take("connection_limit"));
  const poolTimeout = Number(take("pool_timeout"));
  return {
    config: {
      connectionString: url.toString(),
      max: Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_POOL_SIZE,
      ...(poolTimeout > 0 ? { connectionTimeoutMillis: poolTimeout * 1000 } : {}),
      // Raw SQL names tables unqualified: the schema goes first on the search path.
      ...(schema ? { options: `-c search_path="${schema.replaceAll('"', '""')}"` } : {}),
    },
    schema,
  };
}

/** Resolves the path of a `file:` URL against the working directory and creates its folder. */
export function sqliteFileUrl(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/, "");
  if (path === ":memory:") return databaseUrl;
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return `file:${absolute}`;
}
