import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/schema-engine.js";
import { adminQuery, databaseUrl, dropDatabase, startPostgresCluster } from "./postgres-cluster.js";
import { seedTestData } from "./seed-test-data.js";
// The whole run (workers and the processes tests start) shares one wall clock, far from today.
import "./wall-clock.mjs";

/**
 * Migrates one template database for the whole run, and a second one with the demo roster and
 * Q&A; each test file copies one (see temp-db.ts), which is much faster than running the
 * migrations and the seeding per file.
 *
 * `TEST_DATABASE=postgresql` (`npm run test:postgres`) runs the suite on PostgreSQL: the template
 * is a migrated database on the server of `TEST_PG_URL` (a superuser URL), or on a throwaway
 * cluster started here when that is not given; each temp database is `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project: TestProject) {
  if (testDialect() === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "tlgn-template-"));
    const file = join(dir, "template.db");
    await applyMigrations(`file:${file}`);
    const seeded = join(dir, "seeded.db");
    copyFileSync(file, seeded);
    await seedTemplate(`file:${seeded}`);
    project.provide("testDatabase", { dialect: "sqlite", template: file, seeded });
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const cluster = process.env.TEST_PG_URL ? undefined : await startPostgresCluster();
  const serverUrl = process.env.TEST_PG_URL ?? cluster?.url ?? "";
  // Runs sharing one server (TEST_PG_URL) must not share a template.
  const template = `tlgn_template_${process.pid}`;
  const seeded = `tlgn_seeded_${process.pid}`;
  for (const name of [seeded, template]) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}"`);
  await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
  await applyMigrations(databaseUrl(serverUrl, template));
  await adminQuery(serverUrl, `CREATE DATABASE "${seeded}" TEMPLATE "${template}"`);
  await seedTemplate(databaseUrl(serverUrl, seeded));
  project.provide("testDatabase", { dialect: "postgresql", template, seeded, serverUrl });
  return async () => {
    if (cluster) await cluster.stop();
    else for (const name of [seeded, template]) await dropDatabase(serverUrl, name);
  };
}

/**
 * The demo roster and Q&A most test files start from (`createTempDb({ seed: true })`), made once
 * per run: seeding each file's copy took seconds per file. Every connection is closed after, as
 * PostgreSQL copies a template only while nobody is connected to it.
 */
async function seedTemplate(url: string): Promise<void> {
  const db = createDb(url);
  try {
    await seedTestData(db);
  } finally {
    await db.$disconnect();
  }
}

/** The database the suite runs on: TEST_DATABASE=postgresql, or SQLite. */
function testDialect(): "sqlite" | "postgresql" {
  const wanted = (process.env.TEST_DATABASE ?? "sqlite").toLowerCase();
  if (wanted === "postgresql" || wanted === "postgres") return "postgresql";
  if (wanted === "sqlite") return "sqlite";
  throw new Error(`TEST_DATABASE must be sqlite or postgresql, not "${process.env.TEST_DATABASE}"`);
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase:
      | { dialect: "sqlite"; template: string; seeded: string }
      | { dialect: "postgresql"; template: string; seeded: string; serverUrl: string };
  }
}
