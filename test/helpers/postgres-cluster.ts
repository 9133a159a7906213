import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL cluster for a test run (or a benchmark): `initdb` into a temporary
 * folder and `pg_ctl start` on a free loopback port, tuned for speed over durability (no fsync,
 * no synchronous commit, no full-page writes) — nothing in it must survive the run.
 *
 * Its default collation is ICU's Vietnamese, as a Vietnamese deployment would choose, rather than
 * byte order: whatever the app gets right only because SQLite compares bytes shows up here.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (Debian's
 * package creates it) and its commands run through `runuser`.
 */
export interface PostgresCluster {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's programs (Debian keeps them per version), or PG_BIN_DIR. */
export function findPostgresBinDir(): string | undefined {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBinDir();
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql, " +
        "or give TEST_PG_URL",
    );
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "tlgn-pg-"));
  const data = join(dir, "data");
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (program: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(bin, program);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, program), ...args] : args;
    const result = spawnSync(command, argv, { encoding: "utf8", cwd: dir });
    if (result.status !== 0)
      throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  run("initdb", [
    "--pgdata",
    data,
    "--username=postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C.UTF-8",
    "--locale-provider=icu",
    "--icu-locale=vi-VN",
    "--no-sync",
    "--no-instructions",
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    // Every test file opens a few clients, each with its own pool, and files run in parallel.
    "-c max_connections=400",
    "-c shared_buffers=64MB",
  ].join(" ");
  run("pg_ctl", ["start", "--wait", "--pgdata", data, "--log", join(dir, "server.log"), "-o", settings]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      try {
        run("pg_ctl", ["stop", "--pgdata", data, "--mode=immediate", "--wait"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The URL of another database on the same server as `url`. */
export function databaseUrl(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

/**
 * Runs one statement as the superuser of `url` (CREATE/DROP DATABASE cannot run in a pool's
 * transaction), on a connection of its own; its rows.
 */
export async function adminQuery(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  // An error on an idle client (the server going away) is not this statement's failure.
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** SQLSTATE 55006: "database … is being accessed by other users". */
const OBJECT_IN_USE = "55006";

/**
 * Drops a test's database once the connections its clients closed are gone. A pool's `end()`
 * resolves before its sockets have closed, and `DROP … WITH (FORCE)` would terminate such a
 * connection under a client that may no longer listen for errors — an uncaught error in the
 * test process. So the plain DROP is retried for a moment, and only a connection still open
 * after `graceMs` (a test that leaked a client) is terminated.
 */
export async function dropDatabase(url: string, name: string, graceMs = 3000): Promise<void> {
  const deadline = Date.now() + graceMs;
  let lastDetail = "";
  for (;;) {
    try {
      await adminQuery(url, `DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE) throw error;
      lastDetail = (error as { detail?: string }).detail ?? "";
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const left = await connectionsTo(url, name);
  console.warn(
    `${name}: still connected ${graceMs} ms after its clients closed; terminating (a leaked client?) ${lastDetail}\n${left}`,
  );
  await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** What the connections to a database are doing (state, wait, query), one per line. */
async function connectionsTo(url: string, name: string): Promise<string> {
  const rows = await adminQuery(
    url,
    `SELECT pid, state, wait_event_type, wait_event, now() - state_change AS for, left(query, 300) AS query
     FROM pg_stat_activity WHERE datname = $1`,
    [name],
  );
  return rows.map((row) => JSON.stringify(row)).join("\n");
}
