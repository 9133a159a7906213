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
 * the busy timeout makes concurrent writers wait instead of failing.
 */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}
