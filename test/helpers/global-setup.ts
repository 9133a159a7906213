import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/db/schema-engine.js";
// The whole run (workers and the processes tests start) shares one wall clock, far from today.
import "./wall-clock.mjs";

/**
 * Migrates one template database for the whole run; each test file copies it (see temp-db.ts),
 * which is much faster than running the migrations per file.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "tlgn-template-"));
  const file = join(dir, "template.db");
  await applyMigrations(`file:${file}`);
  project.provide("templateDb", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
