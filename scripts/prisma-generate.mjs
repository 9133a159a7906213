// Generates both Prisma clients without network access: `prisma generate` only needs the schema
// engine binary path to exist, never to run it (see ARCHITECTURE.md, "Prisma offline").
//   src/generated/prisma     — SQLite, from prisma/schema.prisma
//   src/generated/prisma-pg  — PostgreSQL, from the schema derived from it (src/db/postgresql-schema.ts)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { tsImport } from "tsx/esm/api";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
};

function generate(schemaPath) {
  const result = spawnSync("npx", ["--no-install", "prisma", "generate", `--schema=${schemaPath}`], {
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { POSTGRESQL_SCHEMA_PATH, SOURCE_SCHEMA_PATH, readPostgresqlSchema } = await tsImport(
  "../src/db/postgresql-schema.ts",
  import.meta.url,
);
generate(SOURCE_SCHEMA_PATH);
mkdirSync(dirname(POSTGRESQL_SCHEMA_PATH), { recursive: true });
writeFileSync(POSTGRESQL_SCHEMA_PATH, readPostgresqlSchema());
generate(POSTGRESQL_SCHEMA_PATH);
