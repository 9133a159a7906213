/**
 * `npm run db:check` — fails (exit 1) when prisma/migrations (SQLite) or
 * prisma/migrations-postgresql (PostgreSQL) does not produce prisma/schema.prisma: a schema change
 * without its migration, or a migration written for one database only. Offline, no server needed.
 */
import { relative } from "node:path";
import { checkMigrations } from "../src/db/migration-folders.js";

const drifts = await checkMigrations();
if (drifts.length === 0) {
  console.log("Migrations in step: both folders produce prisma/schema.prisma.");
  process.exit(0);
}
for (const drift of drifts) {
  console.error(`${relative(process.cwd(), drift.folder)} (${drift.dialect}): ${drift.problem}`);
  if (drift.sql) console.error(`  missing:\n${drift.sql.replace(/^/gm, "    ")}`);
}
console.error(
  "\nRun `npm run db:migration -- <name>` to write the missing migration(s), review them and commit them with the schema.",
);
process.exit(1);
