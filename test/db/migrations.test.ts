import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../src/db/client.js";
import {
  applyMigrations,
  DatabaseBusyError,
  diffDatabaseToSchema,
  findPendingMigrations,
  readMigrations,
} from "../../src/db/schema-engine.js";
import { seedDemoData } from "../../src/db/seed.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTestDatabase, skipOnPostgresql, type TestDatabase } from "../helpers/temp-db.js";

const dir = mkdtempSync(join(tmpdir(), "tlgn-migrate-"));
const databases: TestDatabase[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(databases.map((database) => database.drop()));
});

/** A new, empty database of the suite's kind (SQLite, or PostgreSQL with TEST_DATABASE=postgresql). */
async function emptyDatabase(): Promise<string> {
  const database = await createTestDatabase({ migrated: false });
  databases.push(database);
  return database.url;
}

// On PostgreSQL these apply prisma/migrations-postgresql and check it against a live database.
describe("offline migrations", () => {
  let url: string;
  beforeAll(async () => {
    url = await emptyDatabase();
  });

  it("apply to an empty database, then report nothing pending", async () => {
    const first = await applyMigrations(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("the committed migrations produce exactly prisma/schema.prisma (no forgotten migration)", async () => {
    // On PostgreSQL: the live database introspected, so the folder's SQL itself is checked, not
    // only the migrated schema `npm run db:check` compares offline.
    const sql = await diffDatabaseToSchema(url);
    expect(sql.replace(/^--.*$/gm, "").trim()).toBe("");
  });

  it("record themselves in _prisma_migrations like the Prisma CLI", async () => {
    const db = createDb(url);
    const rows = await db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
      "SELECT migration_name, finished_at FROM _prisma_migrations",
    );
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    await db.$disconnect();
  });
});

describe("demo seed", () => {
  it("fills an empty database once and never touches one with data", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const db = createDb(url);
    const first = await seedDemoData(db, createFakeClock());
    expect(first).toMatchObject({ seeded: true, units: 11 });
    expect(await seedDemoData(db, createFakeClock())).toEqual({ seeded: false });
    const hamlet = await db.unit.findUniqueOrThrow({
      where: { code: "42-LTT-03" },
      include: { parent: true },
    });
    expect(hamlet.path).toBe(`${hamlet.parent?.path}${hamlet.id}/`);
    expect(hamlet.depth).toBe(2);
    await db.$disconnect();
  });
});

describe("Conflicts and outages do not kill the process", () => {
  beforeEach((context) => skipOnPostgresql(context, "holds SQLite's file lock"));

  /** Another process's connection holding the write lock, as a running bot or import may. */
  async function holdWriteLock(url: string) {
    const connection = await new PrismaBetterSqlite3({ url }).connect();
    const run = (sql: string) => connection.executeRaw({ sql, args: [], argTypes: [] });
    await run("PRAGMA journal_mode = WAL");
    await run("BEGIN EXCLUSIVE");
    return {
      async release() {
        await run("COMMIT");
        await connection.dispose();
      },
    };
  }

  it("a second instance on an up-to-date database starts without waiting for the lock the engine needs", async () => {
    const url = `file:${join(dir, "second.db")}`;
    await applyMigrations(url);
    const lock = await holdWriteLock(url);
    try {
      expect(await findPendingMigrations(url)).toEqual([]);
      // Before: the schema engine always ran, needed the lock and failed after 10 s with a
      // cryptic "WASM_ERROR: unknown variant `SocketTimeout`".
      expect(await applyMigrations(url, { busyTimeoutMs: 200, maxWaitMs: 600, retryDelayMs: 100 })).toEqual(
        [],
      );
    } finally {
      await lock.release();
    }
  });

  it("with migrations pending it waits while another process holds the lock, says so, then applies them", async () => {
    const url = `file:${join(dir, "pending.db")}`;
    const all = readMigrations().migrationDirectories.map((entry) => entry.path);
    const lock = await holdWriteLock(url);
    const waits: string[] = [];
    const applying = applyMigrations(url, {
      busyTimeoutMs: 200,
      retryDelayMs: 100,
      maxWaitMs: 30_000,
      onWait: (message) => waits.push(message.vi),
    });
    await vi.waitUntil(() => waits.length > 0, { timeout: 10_000 });
    await lock.release();
    expect(await applying).toEqual(all);
    expect(waits[0]).toMatch(/đang bị một tiến trình khác khóa; thử lại sau/);
  });

  it("gives up after the wait with a message saying what holds it up, not a WASM error", async () => {
    const url = `file:${join(dir, "locked.db")}`;
    const lock = await holdWriteLock(url);
    try {
      const error = await applyMigrations(url, {
        busyTimeoutMs: 200,
        retryDelayMs: 100,
        maxWaitMs: 700,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseBusyError);
      expect((error as DatabaseBusyError).vi).toMatch(
        /cần cập nhật cấu trúc \(\d+ bước\) nhưng một tiến trình khác giữ khóa.*hãy dừng tiến trình kia/,
      );
      expect((error as Error).message).not.toMatch(/WASM|SocketTimeout/);
    } finally {
      await lock.release();
    }
  });
});
