import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { applyMigrationsInChildProcess } from "../../src/db/apply-migrations-in-child-process.js";
import { dialectOf } from "../../src/db/dialect.js";
import {
  DatabaseBusyError,
  findPendingMigrations,
  MIGRATIONS_DIR,
  POSTGRESQL_MIGRATIONS_DIR,
  readMigrations,
} from "../../src/db/schema-engine.js";
import { startRunningApp } from "../helpers/running-app.js";

const dir = mkdtempSync(join(tmpdir(), "tlgn-migrate-apart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const ALL = readMigrations().migrationDirectories.map((entry) => entry.path);

/** The size of the schema engine's WebAssembly: what this process must never instantiate. */
const ENGINE_BYTES = statSync(
  createRequire(import.meta.url)
    .resolve("@prisma/schema-engine-wasm/schema_engine_bg")
    .replace(/\.js$/, ".wasm"),
).size;

/** Watches this process's WebAssembly instantiations for the schema engine's module. */
function watchSchemaEngine() {
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate: (...args: unknown[]) => unknown } })
    .WebAssembly;
  const spy = vi.spyOn(wasm, "instantiate");
  return () =>
    spy.mock.calls.filter(([source]) => source instanceof Uint8Array && source.byteLength === ENGINE_BYTES)
      .length;
}

describe("Migrations run and release their memory before serving", () => {
  it("the app applies a new database's migrations without loading the schema engine into its own process", async () => {
    const loads = watchSchemaEngine();
    const running = await startRunningApp();
    try {
      // Migrated, seeded and serving…
      const applied = await running.app.db.$queryRawUnsafe<{ name: string }[]>(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      // Every migration of the database's own folder (the suite may run on PostgreSQL).
      const folder = dialectOf(running.app.db) === "postgresql" ? POSTGRESQL_MIGRATIONS_DIR : MIGRATIONS_DIR;
      expect(applied.map((row) => row.name)).toEqual(
        readMigrations(folder).migrationDirectories.map((entry) => entry.path),
      );
      expect(await running.app.db.person.count()).toBeGreaterThan(0);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      // …while the engine (tens of MB of compiled WebAssembly that stay for the life of a
      // process) ran in a child process that has ended.
      expect(loads()).toBe(0);
    } finally {
      await running.stop();
    }
  }, 120_000);

  it("returns the migrations applied, and nothing (starting no child) when none is pending", async () => {
    const url = `file:${join(dir, "fresh.db")}`;
    const loads = watchSchemaEngine();
    expect(await applyMigrationsInChildProcess(url)).toEqual(ALL);
    expect(await findPendingMigrations(url)).toEqual([]);
    expect(await applyMigrationsInChildProcess(url)).toEqual([]);
    expect(loads()).toBe(0);
  }, 120_000);

  it("passes on the waits for a locked database and gives up with the same DatabaseBusyError", async () => {
    const url = `file:${join(dir, "locked.db")}`;
    const connection = await new PrismaBetterSqlite3({ url }).connect();
    const run = (sql: string) => connection.executeRaw({ sql, args: [], argTypes: [] });
    await run("PRAGMA journal_mode = WAL");
    await run("BEGIN EXCLUSIVE");
    try {
      const waits: string[] = [];
      const error = await applyMigrationsInChildProcess(url, {
        busyTimeoutMs: 200,
        retryDelayMs: 100,
        maxWaitMs: 700,
        onWait: (message) => waits.push(message.vi),
      }).catch((e: unknown) => e);
      expect(waits[0]).toMatch(/đang bị một tiến trình khác khóa; thử lại sau/);
      expect(error).toBeInstanceOf(DatabaseBusyError);
      expect((error as DatabaseBusyError).vi).toMatch(
        /cần cập nhật cấu trúc \(\d+ bước\) nhưng một tiến trình khác giữ khóa.*hãy dừng tiến trình kia/,
      );
    } finally {
      await run("COMMIT");
      await connection.dispose();
    }
  }, 60_000);
});
