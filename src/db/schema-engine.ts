import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { isDatabaseBusy, sqliteFileUrl } from "./client.js";

/**
 * Prisma's schema engine, run as WebAssembly through the SQLite driver adapter.
 *
 * The Prisma CLI's `migrate` commands download a native engine binary, which is impossible on
 * closed networks. The same engine is published as WebAssembly; driving it ourselves gives the
 * standard `prisma/migrations/*` layout and `_prisma_migrations` table, so the normal CLI can
 * take over wherever it can download its engine.
 */
export const SCHEMA_PATH = resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = resolve("prisma/migrations");

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

/** Opens the schema engine on a SQLite database. */
export async function openSchemaEngine(
  databaseUrl: string,
  schemaText = readFileSync(SCHEMA_PATH, "utf8"),
  log: (line: string) => void = () => {},
  busyTimeoutMs = BUSY_TIMEOUT_MS,
): Promise<EngineHandle> {
  await loadWasm();
  // The engine never closes the connections it opens; keep them so close() can, or the next
  // engine on the same file finds it locked.
  const sqlite = new PrismaBetterSqlite3({ url: sqliteFileUrl(databaseUrl), timeout: busyTimeoutMs });
  const opened: SqlDriverAdapter[] = [];
  const track = async (connect: Promise<SqlDriverAdapter>) => {
    const adapter = await connect;
    opened.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: sqlite.provider,
    adapterName: sqlite.adapterName,
    connect: () => track(sqlite.connect()),
    connectToShadowDb: () => track(sqlite.connectToShadowDb()),
  });
  const engine = await wasmBindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText]] },
    (line: string) => log(line),
    factory,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}

/** Reads `prisma/migrations` the way the Prisma CLI does. */
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
 * The migrations in the folder that `_prisma_migrations` does not list as applied, read through
 * the ordinary SQLite driver. Cheap, and it takes no lock: a second instance starting on a
 * database that is up to date never needs the schema engine (which locks the whole file).
 */
export async function findPendingMigrations(
  databaseUrl: string,
  migrationsDir = MIGRATIONS_DIR,
  busyTimeoutMs = BUSY_TIMEOUT_MS,
): Promise<string[]> {
  const names = readMigrations(migrationsDir).migrationDirectories.map((entry) => entry.path);
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
    const file = databaseUrl.replace(/^file:/, "");
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
    migrationsDir = MIGRATIONS_DIR,
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
 * SQL that takes a database migrated to the latest committed migration to the schema file.
 * SQLite's "create migration" needs a shadow database the wasm engine refuses, so the caller
 * passes a scratch database on which all migrations have been applied, and we diff it live.
 */
export async function diffDatabaseToSchema(
  scratchDatabaseUrl: string,
  schemaText = readFileSync(SCHEMA_PATH, "utf8"),
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
