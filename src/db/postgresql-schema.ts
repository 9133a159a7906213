import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * PostgreSQL runs from the same source schema as SQLite. A Prisma schema names one provider and
 * a generated client is bound to it, so the PostgreSQL schema is derived from
 * `prisma/schema.prisma` — the datasource's provider and the generator's output change, nothing
 * else — and never edited or committed. `node scripts/prisma-generate.mjs` writes it to
 * {@link POSTGRESQL_SCHEMA_PATH} to generate the second client; the migration tooling derives it
 * in memory.
 */
export const SOURCE_SCHEMA_PATH = resolve("prisma/schema.prisma");

/** Where the derived schema is written for `prisma generate` (inside src/generated, not in git). */
export const POSTGRESQL_SCHEMA_PATH = resolve("src/generated/postgresql/schema.prisma");

/** The PostgreSQL client's folder, relative to {@link POSTGRESQL_SCHEMA_PATH}. */
const POSTGRESQL_CLIENT_OUTPUT = "../prisma-pg";

/**
 * The PostgreSQL form of a source schema. Throws when the source does not have exactly one
 * SQLite datasource and one generator output — a schema the derivation no longer understands
 * must stop the build, not produce a client for the wrong database.
 */
export function derivePostgresqlSchema(source: string): string {
  const datasource = /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/g;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"[^"]*"/g;
  const datasources = source.match(datasource)?.length ?? 0;
  const outputs = source.match(output)?.length ?? 0;
  if (datasources !== 1 || outputs !== 1)
    throw new Error(
      `prisma/schema.prisma: expected one datasource with provider "sqlite" and one generator "client" ` +
        `with an output to derive the PostgreSQL schema, found ${datasources} and ${outputs}`,
    );
  const header =
    "// DERIVED from prisma/schema.prisma by src/db/postgresql-schema.ts — do not edit; edit the source.\n";
  return (
    header + source.replace(datasource, '$1"postgresql"').replace(output, `$1"${POSTGRESQL_CLIENT_OUTPUT}"`)
  );
}

/** The derived PostgreSQL schema of the schema file on disk. */
export function readPostgresqlSchema(sourcePath = SOURCE_SCHEMA_PATH): string {
  return derivePostgresqlSchema(readFileSync(sourcePath, "utf8"));
}
