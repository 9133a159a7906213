/**
 * `npm run db:migration -- <name>` — writes `<timestamp>_<name>/migration.sql` into
 * prisma/migrations (SQLite) and prisma/migrations-postgresql (PostgreSQL), each only when its
 * migrations do not yet produce prisma/schema.prisma. After merging branches that added SQLite
 * migrations, the same command writes the PostgreSQL one. Works offline; needs no PostgreSQL server.
 */
import { relative } from "node:path";
import { writeMigrations } from "../src/db/migration-folders.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

// A migration's name starts with when it was written, as the Prisma CLI names them.
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const { written, unportedData } = await writeMigrations(name, stamp);
if (written.length === 0)
  console.log("The schema matches the migrations of both databases; nothing to write.");
for (const { dialect, dir } of written)
  console.log(`Wrote ${relative(process.cwd(), dir)}/migration.sql (${dialect})`);
if (unportedData.length > 0) {
  console.warn(
    "\nThese SQLite migrations, newer than the last PostgreSQL one, change data as well as structure. " +
      "A schema diff does not carry that: add the PostgreSQL form of each statement to the new " +
      "PostgreSQL migration (a new database needs none of it — only one with rows does).",
  );
  for (const { migration, statements } of unportedData)
    for (const statement of statements) console.warn(`  ${migration}: ${statement.replace(/\s+/g, " ")}`);
}
