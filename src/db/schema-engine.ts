import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { sqliteFileUrl } from "./client.js";

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
): Promise<EngineHandle> {
  await loadWasm();
  // The engine never closes the connections it opens; keep them so close() can, or the next
  // engine on the same file finds it locked.
  const sqlite = new PrismaBetterSqlite3({ url: sqliteFileUrl(databaseUrl), timeout: 10_000 });
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

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(
  databaseUrl: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(databaseUrl);
  try {
    const result = await engine.applyMigrations({
      migrationsList: readMigrations(migrationsDir),
      filters: NO_FILTER,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
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
