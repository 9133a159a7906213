import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client.js";

/**
 * Opens the database named by a `file:` URL (creating its folder). Nothing connects at import
 * time; the composition root and the tests call this with the URL they want.
 */
export function createDb(databaseUrl: string): Db {
  const adapter = new PrismaBetterSqlite3({ url: sqliteFileUrl(databaseUrl), timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/** Resolves the path of a `file:` URL against the working directory and creates its folder. */
export function sqliteFileUrl(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/, "");
  if (path === ":memory:") return databaseUrl;
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return `file:${absolute}`;
}

/**
 * WAL lets the simulator page, the bot and the scheduler read while one of them writes;
 * the busy timeout makes concurrent writers wait instead of failing. A 48 MB page cache (the
 * default is 2 MB) holds the pages a province's summary reads — a few periods of reports —
 * so each is read from the file once, not again for every unit whose reports share it.
 */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA cache_size = -48000");
}

/**
 * Whether an error means another connection held SQLite's write lock for longer than we waited
 * (SQLITE_BUSY; the driver adapter reports it as a socket timeout, Prisma as a timed-out
 * operation or transaction) — worth waiting for, unlike other errors.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const text = e instanceof Error ? `${e.message} ${String(code ?? "")}` : String(e);
    if (/SQLITE_BUSY|SocketTimeout|database is locked|Operation has timed out|P1008|P2028/i.test(text))
      return true;
    const cause = (e as { cause?: unknown }).cause;
    if (cause && typeof cause === "object" && "kind" in cause && cause.kind === "SocketTimeout") return true;
    e = cause;
  }
  return false;
}
