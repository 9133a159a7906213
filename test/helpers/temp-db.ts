import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, type TestContext } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { adminQuery, databaseUrl, dropDatabase } from "./postgres-cluster.js";
import { seedTestData } from "./seed-test-data.js";

/** The database the suite runs on (TEST_DATABASE, see global-setup.ts). */
export const TEST_DIALECT = inject("testDatabase").dialect;

/**
 * Skips a test that is about SQLite itself — its file, PRAGMAs, its locking — when the suite runs
 * on PostgreSQL, saying why in the report.
 */
export function skipOnPostgresql(context: TestContext, reason: string): void {
  if (TEST_DIALECT === "postgresql") context.skip(`SQLite only: ${reason}`);
}

/** A new database for a test, and how to remove it. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database of the suite's kind: migrated (a copy of the run's template) or, with
 * `migrated: false`, empty — for a test of what start-up does to a new database.
 */
export async function createTestDatabase(
  options: { migrated?: boolean; seeded?: boolean } = {},
): Promise<TestDatabase> {
  const provided = inject("testDatabase");
  const template = options.seeded ? provided.seeded : options.migrated === false ? null : provided.template;
  if (provided.dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "tlgn-test-"));
    const file = join(dir, "test.db");
    if (template) copyFileSync(template, file);
    return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tlgn_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(provided.serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template ?? "template0"}"`);
  return {
    url: databaseUrl(provided.serverUrl, name),
    drop: () => dropDatabase(provided.serverUrl, name),
  };
}

export interface TempDb {
  db: Db;
  url: string;
  /** Opens another client on the same database (a "second instance" or a restart). */
  reopen(): Db;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database — a SQLite file in a temporary folder, or a PostgreSQL database
 * made from the run's template (TEST_DATABASE=postgresql) — optionally with the demo province,
 * roster and FAQ content (`seed`). The demo's reports of the last weeks (`src/db/demo-reports.ts`)
 * come only with `demoReports`: a test about reports makes the reports it is about.
 */
export async function createTempDb(options: { seed?: boolean; demoReports?: boolean } = {}): Promise<TempDb> {
  // The demo roster and Q&A are the same in every file: copied from the run's seeded template.
  const database = await createTestDatabase({ seeded: options.seed === true && !options.demoReports });
  const url = database.url;
  const db = createDb(url);
  if (options.seed && options.demoReports) await seedTestData(db, { demoReports: true });
  const extra: Db[] = [];
  return {
    db,
    url,
    reopen() {
      const other = createDb(url);
      extra.push(other);
      return other;
    },
    async cleanup() {
      await Promise.all([db, ...extra].map((client) => client.$disconnect()));
      await database.drop();
    },
  };
}
