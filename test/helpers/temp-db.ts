import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, type TestContext } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { seedDemoData, seedDemoRoster } from "../../src/db/seed.js";
import { loadFaqContent } from "../../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR } from "../../src/domain/faq/faq-search.js";
import { importFaqContent } from "../../src/domain/faq/import-faq-content.js";
import { loadLegalRegistry } from "../../src/domain/faq/legal/legal-registry.js";
import { createFakeClock } from "./fake-clock.js";
import { adminQuery, databaseUrl } from "./postgres-cluster.js";

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
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const provided = inject("testDatabase");
  if (provided.dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "tlgn-test-"));
    const file = join(dir, "test.db");
    if (options.migrated !== false) copyFileSync(provided.template, file);
    return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tlgn_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const template = options.migrated === false ? "template0" : provided.template;
  await adminQuery(provided.serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: databaseUrl(provided.serverUrl, name),
    drop: () => adminQuery(provided.serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
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
  const database = await createTestDatabase();
  const url = database.url;
  const db = createDb(url);
  if (options.seed) {
    if (options.demoReports) await seedDemoData(db, createFakeClock(), { timeZone: "Asia/Ho_Chi_Minh" });
    else await seedDemoRoster(db, createFakeClock());
    // As `npm start` does on an empty database: the policy Q&A from content/faq.
    const content = loadFaqContent(FAQ_CONTENT_DIR);
    if (content.errors.length > 0) throw new Error(content.errors.join("\n"));
    const legal = loadLegalRegistry();
    if (legal.errors.length > 0) throw new Error(legal.errors.join("\n"));
    await importFaqContent(db, createFakeClock(), content.entries, legal.registry, {
      personId: null,
      via: "start",
    });
  }
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
