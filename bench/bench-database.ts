/**
 * The database a benchmark runs on: `--db sqlite` (default; a file in a temporary folder) or
 * `--db postgres` — a new database on the server of `BENCH_PG_URL`, or else on a throwaway
 * cluster started for the run (initdb + pg_ctl on a free loopback port, see
 * test/helpers/postgres-cluster.ts). Either is empty and dropped at the end; the benchmark
 * migrates it like `npm start` does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type BenchDatabaseKind = "sqlite" | "postgres";

export interface BenchDatabase {
  kind: BenchDatabaseKind;
  url: string;
  /** Where it is, for the printout (no password). */
  label: string;
  drop(): Promise<void>;
}

/** `--db` as given: sqlite or postgres (postgresql, pg). */
export function parseDatabaseKind(value: string): BenchDatabaseKind | undefined {
  if (value === "sqlite") return "sqlite";
  if (["postgres", "postgresql", "pg"].includes(value)) return "postgres";
  return undefined;
}

/** What the PostgreSQL support (issue 16) brings for tests and benchmarks. */
interface ClusterHelper {
  startPostgresCluster(): Promise<{ url: string; stop(): Promise<void> }>;
  databaseUrl(url: string, database: string): string;
  adminQuery(url: string, sql: string): Promise<void>;
}

export async function openBenchDatabase(kind: BenchDatabaseKind, name: string): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), `tlgn-${name}-`));
    const file = join(dir, "bench.db");
    return {
      kind,
      url: `file:${file}`,
      label: `SQLite ${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // Loaded by name: the helper (and the pg driver it uses) come with the PostgreSQL support.
  const helperPath = "../test/helpers/postgres-cluster.js";
  const helper = (await import(helperPath).catch(() => null)) as ClusterHelper | null;
  if (!helper) {
    throw new Error(
      "--db postgres needs the PostgreSQL support (the pg driver, test/helpers/postgres-cluster.ts), " +
        "which this build does not have",
    );
  }
  const database = `tlgn_${name.replace(/\W/g, "_")}_${process.pid}`;
  const cluster = process.env.BENCH_PG_URL ? undefined : await helper.startPostgresCluster();
  const server = process.env.BENCH_PG_URL ?? cluster?.url ?? "";
  await helper.adminQuery(server, `CREATE DATABASE "${database}"`);
  const url = helper.databaseUrl(server, database);
  const where = new URL(url);
  return {
    kind,
    url,
    label: `PostgreSQL ${where.host}${where.pathname}${cluster ? " (throwaway cluster)" : ""}`,
    async drop() {
      if (cluster) await cluster.stop();
      else await helper.adminQuery(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}
