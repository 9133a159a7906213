import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { seedDemoData, seedDemoRoster } from "../../src/db/seed.js";
import { loadFaqContent } from "../../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR } from "../../src/domain/faq/faq-search.js";
import { importFaqContent } from "../../src/domain/faq/import-faq-content.js";
import { loadLegalRegistry } from "../../src/domain/faq/legal/legal-registry.js";
import { createFakeClock } from "./fake-clock.js";

export interface TempDb {
  db: Db;
  url: string;
  /** Opens another client on the same file (a "second instance" or a restart). */
  reopen(): Db;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated SQLite database in a temporary folder, optionally with the demo province,
 * roster and FAQ content (`seed`). The demo's reports of the last weeks (`src/db/demo-reports.ts`)
 * come only with `demoReports`: a test about reports makes the reports it is about.
 */
export async function createTempDb(options: { seed?: boolean; demoReports?: boolean } = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), "tlgn-test-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  const url = `file:${file}`;
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
