import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { postgresqlConfig, sqliteFileUrl } from "./client.js";
import { dialectForUrl, isDatabaseBusy, type SqlDialect } from "./dialect.js";
import { derivePostgresqlSchema, SOURCE_SCHEMA_PATH } from "./postgresql-schema.js";

/**
 * Prisma's schema engine, run as WebAssembly through a driver adapter (SQLite's or PostgreSQL's).
 *
 * The Prisma CLI's `migrate` commands download a native engine binary, which is impossible on
 * closed networks. The same engine is published as WebAssembly; driving it ourselves gives the
 * standard `prisma/migrations/*` layout and `_prisma_migrations` table, so the normal CLI can
 * take over wherever it can download its engine.
 *
 * Each database has its own folder of migrations, both from the one source schema:
 * `prisma/migrations` (SQLite) and `prisma/migrations-postgresql` (PostgreSQL, written from the
 * derived schema, src/db/postgresql-schema.ts). `npm run db:migration` writes both, `npm run
 * db:check` fails when either does not produce the schema.
 */
export const SCHEMA_PATH = SOURCE_SCHEMA_PATH;
export const MIGRATIONS_DIR = resolve("prisma/migrations");
export const POSTGRESQL_MIGRATIONS_DIR = resolve("prisma/migrations-postgresql");

/**
 * The derived PostgreSQL schema as the migrations of `prisma/migrations-postgresql` leave a
 * database: the "previous schema" a new PostgreSQL migration is diffed from (live introspection
 * is not needed to write one, so no server is). Written by `npm run db:migration` only.
 */
export const POSTGRESQL_MIGRATED_SCHEMA_PATH = join(POSTGRESQL_MIGRATIONS_DIR, "migrated-schema.prisma");

/** The migrations folder of a database URL's dialect. */
export function migrationsDirFor(databaseUrl: string): string {
  return dialectForUrl(databaseUrl) === "postgresql" ? POSTGRESQL_MIGRATIONS_DIR : MIGRATIONS_DIR;
}

/** The datamodel the engine works with for a dialect: the source schema or its PostgreSQL form. */
export function datamodelFor(dialect: SqlDialect, sourceText = readFileSync(SCHEMA_PATH, "utf8")): string {
  return dialect === "postgresql" ? derivePostgresqlSchema(sourceText) : sourceText;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    // Node runs WebAssembly natively; the lib typings only come with the DOM lib, hence the cast.
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": wasmBindings,
    });
    const bindings = wasmBindings as unknown as { __wbg_set_wasm(exports: unknown): void };
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return wasmReady;
}

export interface EngineHandle {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** PostgreSQL's type ids the engine's catalogue queries return and the pg adapter has no mapping for. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * A `pg` pool the schema engine can introspect through. The engine reads PostgreSQL's catalogue,
 * whose one-byte `"char"` columns (`relkind`, `contype`, …) the pg adapter refuses ("Column type
 * 'char' could not be deserialized"); `pg` already reads them as strings, so they are declared
 * text. And a migration script runs as one multi-statement query — one implicit transaction, and
 * a `;` inside a string or comment stays where it is — not split at every `;` as the adapter does.
 */
function introspectablePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  // The adapter listens for an idle connection's error only until it is disposed, and the pool
  // closes its sockets after that: a connection the server ends then (a restart, a dropped
  // database) must not become an uncaught error. The pool has already discarded it.
  pool.on("error", () => {});
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? [])
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return pool;
}

async function postgresqlAdapter(pool: pg.Pool, schema: string | undefined): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(pool, schema ? { schema } : undefined).connect();
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      const e = error as pg.DatabaseError;
      throw new DriverAdapterError({
        kind: "postgres",
        code: e.code ?? "N/A",
        severity: e.severity ?? "ERROR",
        message: e.message,
        detail: e.detail,
        column: e.column,
        hint: e.hint,
      });
    }
  };
  return adapter;
}

/** The driver adapter factory for a database URL, and how to close every connection it opened. */
function adapterFactoryFor(
  databaseUrl: string,
  busyTimeoutMs: number,
): { factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> } {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connect: Promise<SqlDriverAdapter>) => {
    const adapter = await connect;
    opened.push(adapter);
    return adapter;
  };
  const pools: pg.Pool[] = [];
  let factory: SqlMigrationAwareDriverAdapterFactory;
  if (dialectForUrl(databaseUrl) === "postgresql") {
    const { config, schema } = postgresqlConfig(databaseUrl);
    const pgFactory = new PrismaPg(config);
    factory = {
      provider: pgFactory.provider,
      adapterName: pgFactory.adapterName,
      connect: () => {
        const pool = introspectablePool({ ...config, max: 2 });
        pools.push(pool);
        return track(postgresqlAdapter(pool, schema));
      },
      connectToShadowDb: () => track(pgFactory.connectToShadowDb()),
    };
  } else {
    const sqlite = new PrismaBetterSqlite3({ url: sqliteFileUrl(databaseUrl), timeout: busyTimeoutMs });
    factory = {
      provider: sqlite.provider,
      adapterName: sqlite.adapterName,
      connect: () => track(sqlite.connect()),
      connectToShadowDb: () => track(sqlite.connectToShadowDb()),
    };
  }
  return {
    factory,
    // The engine never closes the connections it opens; close them here, or the next engine on
    // the same SQLite file finds it locked and a PostgreSQL pool keeps the process alive.
    close: async () => {
      await Promise.all(opened.map((adapter) => adapter.dispose()));
      await Promise.all(pools.map((pool) => (pool.ended ? undefined : pool.end())));
    },
  };
}

/**
 * Opens the schema engine on a database (the dialect from its URL; `schemaText` defaults to the
 * datamodel of that dialect).
 */
export async function openSchemaEngine(
  databaseUrl: string,
  schemaText = datamodelFor(dialectForUrl(databaseUrl)),
  log: (line: string) => void = () => {},
  busyTimeoutMs = BUSY_TIMEOUT_MS,
): Promise<EngineHandle> {
  await loadWasm();
  const { factory, close } = adapterFactoryFor(databaseUrl, busyTimeoutMs);
  try {
    const engine = await wasmBindings.SchemaEngine.new(
      { datamodels: [["schema.prisma", schemaText]] },
      (line: string) => log(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Diffs two PostgreSQL datamodels into migration SQL without a server. The engine asks a new
 * connection one question — whether the schema exists, and the server's version — and nothing
 * else for a diff between two schema files; this adapter answers it for PostgreSQL 15, the
 * oldest version the app supports, and refuses anything more.
 */
function offlinePostgresqlFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string) => {
    throw new Error(`the offline PostgreSQL diff cannot ${what}; it needs no database`);
  };
  const adapter: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "offline-postgresql-diff",
    async queryRaw(query) {
      if (!/^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql))
        refuse(`run ${query.sql.slice(0, 80)}`);
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, "PostgreSQL 15.0", 150000]],
      };
    },
    executeRaw: async () => refuse("write"),
    executeScript: async () => refuse("write"),
    startTransaction: async () => refuse("start a transaction"),
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    dispose: async () => undefined,
  };
  return {
    provider: "postgres",
    adapterName: "offline-postgresql-diff",
    connect: async () => adapter,
    connectToShadowDb: async () => refuse("create a shadow database"),
  };
}

/**
 * The SQL that takes a PostgreSQL database from the datamodel `from` (null: an empty database)
 * to `to` — how PostgreSQL migrations are written, diffing the schema the folder's migrations
 * produce (POSTGRESQL_MIGRATED_SCHEMA_PATH) against the derived schema, with no server.
 */
export async function diffPostgresqlSchemas(from: string | null, to: string): Promise<string> {
  await loadWasm();
  const engine = await wasmBindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", to]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(offlinePostgresqlFactory()),
  );
  try {
    const result = await engine.diff({
      from:
        from === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}

/** Reads a migrations folder (default `prisma/migrations`) the way the Prisma CLI does. */
export function readMigrations(migrationsDir = MIGRATIONS_DIR): MigrationList {
  const lockPath = join(migrationsDir, "migration_lock.toml");
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

/**
 * The migrations in the folder (by default the one of the URL's dialect) that
 * `_prisma_migrations` does not list as applied, read through the ordinary driver. Cheap, and it
 * takes no lock: a second instance starting on a database that is up to date never needs the
 * schema engine (which locks the whole SQLite file).
 */
export async function findPendingMigrations(
  databaseUrl: string,
  migrationsDir = migrationsDirFor(databaseUrl),
  busyTimeoutMs = BUSY_TIMEOUT_MS,
): Promise<string[]> {
  const names = readMigrations(migrationsDir).migrationDirectories.map((entry) => entry.path);
  if (dialectForUrl(databaseUrl) === "postgresql") {
    const done = new Set(await appliedPostgresqlMigrations(databaseUrl));
    return names.filter((name) => !done.has(name));
  }
  const url = sqliteFileUrl(databaseUrl);
  if (!existsSync(url.replace(/^file:/, ""))) return names;
  const connection = await new PrismaBetterSqlite3({ url, timeout: busyTimeoutMs }).connect();
  const query = (sql: string) => connection.queryRaw({ sql, args: [], argTypes: [] });
  try {
    const table = await query(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
    );
    if (table.rows.length === 0) return names;
    const applied = await query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((row) => String(row[0])));
    return names.filter((name) => !done.has(name));
  } finally {
    await connection.dispose();
  }
}

/** The migrations `_prisma_migrations` lists as applied on a PostgreSQL database (none without the table). */
async function appliedPostgresqlMigrations(databaseUrl: string): Promise<string[]> {
  const { config } = postgresqlConfig(databaseUrl);
  const client = new pg.Client(config);
  // A connection lost between queries rejects the next query; the event is not a second failure.
  client.on("error", () => {});
  await client.connect();
  try {
    const table = await client.query<{ present: boolean }>(
      "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
    );
    if (!table.rows[0]?.present) return [];
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return applied.rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}

/**
 * A database URL fit for a message: a SQLite file's path, or a PostgreSQL server and database
 * without the user name and password.
 */
export function describeDatabase(databaseUrl: string): string {
  if (dialectForUrl(databaseUrl) === "sqlite") return databaseUrl.replace(/^file:/, "");
  const url = new URL(databaseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** How long one SQLite statement waits for a lock held by another connection. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The database stayed locked by another process for as long as we were willing to wait while
 * migrations were pending. `vi` is the operator's explanation in Vietnamese.
 */
export class DatabaseBusyError extends Error {
  readonly vi: string;
  constructor(
    readonly databaseUrl: string,
    readonly pending: string[],
    waitedSeconds: number,
    cause: unknown,
  ) {
    const file = describeDatabase(databaseUrl);
    super(
      `${pending.length} migration(s) are pending on ${file}, but another process kept the database ` +
        `locked for ${waitedSeconds} s. Applying migrations needs the file to itself: stop the other ` +
        "process using it (an older instance of the bot, an import) and start again.",
      { cause },
    );
    this.name = "DatabaseBusyError";
    this.vi =
      `Cơ sở dữ liệu ${file} cần cập nhật cấu trúc (${pending.length} bước) nhưng một tiến trình khác ` +
      `giữ khóa suốt ${waitedSeconds} giây. Việc cập nhật cần dùng riêng tệp này: hãy dừng tiến trình ` +
      "kia (một bản bot cũ đang chạy, một lần nhập danh sách) rồi khởi động lại.";
  }
}

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  /** Told when the database is locked and we wait (and for how long at most). */
  onWait?: (message: { vi: string; en: string }) => void;
  /** How long to keep retrying while another process holds the lock (default one minute). */
  maxWaitMs?: number;
  retryDelayMs?: number;
  busyTimeoutMs?: number;
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`; returns their names. Does
 * nothing — and opens no schema engine — when none is pending. When another process holds the
 * lock (two instances starting together, a long import), it waits and tries again, checking
 * first whether the other process applied them meanwhile; after `maxWaitMs` it gives up with a
 * {@link DatabaseBusyError} that says what happened.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const {
    migrationsDir = migrationsDirFor(databaseUrl),
    onWait = () => undefined,
    maxWaitMs = 60_000,
    retryDelayMs = 2_000,
    busyTimeoutMs = BUSY_TIMEOUT_MS,
  } = options;
  // Time spent waiting is counted from the waits themselves: no clock is read here.
  let waitedMs = 0;
  let pending: string[] = [];
  for (;;) {
    try {
      pending = await findPendingMigrations(databaseUrl, migrationsDir, busyTimeoutMs);
      if (pending.length === 0) return [];
      const { engine, close } = await openSchemaEngine(databaseUrl, undefined, undefined, busyTimeoutMs);
      try {
        const result = await engine.applyMigrations({
          migrationsList: readMigrations(migrationsDir),
          filters: NO_FILTER,
        });
        return result.appliedMigrationNames;
      } finally {
        await close();
      }
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      waitedMs += busyTimeoutMs;
      if (waitedMs >= maxWaitMs)
        throw new DatabaseBusyError(databaseUrl, pending, Math.round(waitedMs / 1000), error);
      const seconds = Math.round(retryDelayMs / 1000);
      onWait({
        vi: `Cơ sở dữ liệu cần cập nhật cấu trúc nhưng đang bị một tiến trình khác khóa; thử lại sau ${seconds} giây…`,
        en: `migrations pending but the database is locked by another process; retrying in ${seconds} s`,
      });
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      waitedMs += retryDelayMs;
    }
  }
}

/**
 * SQL that takes a live database to the schema file (the datamodel of the URL's dialect). SQLite's
 * "create migration" needs a shadow database the wasm engine refuses, so the caller passes a
 * scratch database on which all migrations have been applied, and we diff it live. On PostgreSQL
 * this is the drift check against a database the migrations were applied to.
 */
export async function diffDatabaseToSchema(
  scratchDatabaseUrl: string,
  schemaText = datamodelFor(dialectForUrl(scratchDatabaseUrl)),
): Promise<string> {
  const { engine, close } = await openSchemaEngine(scratchDatabaseUrl, schemaText);
  try {
    const result = await engine.diff({
      from: {
        tag: "schemaDatasource",
        files: [{ path: "schema.prisma", content: schemaText }],
        configDir: process.cwd(),
      },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}
