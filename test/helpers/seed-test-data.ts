import type { Db } from "../../src/db/client.js";
import { seedDemoData, seedDemoRoster } from "../../src/db/seed.js";
import { loadFaqContent } from "../../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR } from "../../src/domain/faq/faq-search.js";
import { importFaqContent } from "../../src/domain/faq/import-faq-content.js";
import { loadLegalRegistry } from "../../src/domain/faq/legal/legal-registry.js";
import { createFakeClock } from "./fake-clock.js";

/**
 * What `createTempDb({ seed: true })` puts in a migrated database: the demo province and roster
 * and, as `npm start` does on an empty database, the policy Q&A from content/faq — by the fake
 * clock, so the same in every file (global-setup.ts makes it once, into a template). The demo's
 * reports of the last weeks come only with `demoReports`.
 */
export async function seedTestData(db: Db, options: { demoReports?: boolean } = {}): Promise<void> {
  if (options.demoReports) await seedDemoData(db, createFakeClock(), { timeZone: "Asia/Ho_Chi_Minh" });
  else await seedDemoRoster(db, createFakeClock());
  const content = loadFaqContent(FAQ_CONTENT_DIR);
  if (content.errors.length > 0) throw new Error(content.errors.join("\n"));
  const legal = loadLegalRegistry();
  if (legal.errors.length > 0) throw new Error(legal.errors.join("\n"));
  await importFaqContent(db, createFakeClock(), content.entries, legal.registry, {
    personId: null,
    via: "start",
  });
}
