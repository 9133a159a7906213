import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/db/schema-engine.js";
import { adminQuery, databaseUrl, startPostgresCluster } from "./postgres-cluster.js";
// The whole run (workers and the processes tests start) shares one wall clock, far from today.
import "./wall-clock.mjs";

/**
 * Migrates one template database for the whole run; each test file copies it (see temp-db.ts),
 * which is much faster than running the migrations per file.
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
    project.provide("testDatabase", { dialect: "sqlite", template: file });
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const cluster = process.env.TEST_PG_URL ? undefined : await startPostgresCluster();
  const serverUrl = process.env.TEST_PG_URL ?? cluster?.url ?? "";
  // Runs sharing one server (TEST_PG_URL) must not share a template.
  const template = `tlgn_template_${process.pid}`;
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${template}"`);
  await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
  await applyMigrations(databaseUrl(serverUrl, template));
  project.provide("testDatabase", { dialect: "postgresql", template, serverUrl });
  return async () => {
    if (cluster) await cluster.stop();
    else await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
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
      | { dialect: "sqlite"; template: string }
      | { dialect: "postgresql"; template: string; serverUrl: string };
  }
}
