import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { type Db, sqliteFileUrl } from "../../src/db/client.js";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import type { TempDb } from "./temp-db.js";

/**
 * Clients on the test's database for firing one action twice at once, as two instances would.
 * On SQLite each waits at most a moment for the other's write lock: the driver waits
 * synchronously, and both clients share this test's one thread, so a long wait would only hold
 * up the other client (the action's own retry then takes over, as it does between processes).
 * On any other database they are ordinary clients (`reopen`).
 */
export function concurrentClients(temp: TempDb, count = 2): { clients: Db[]; close(): Promise<void> } {
  const own: Db[] = [];
  const clients = Array.from({ length: count }, () => {
    if (!temp.url.startsWith("file:")) return temp.reopen();
    const client = new PrismaClient({
      adapter: new PrismaBetterSqlite3({ url: sqliteFileUrl(temp.url), timeout: 200 }),
    }) as Db;
    own.push(client);
    return client;
  });
  return {
    clients,
    close: async () => {
      await Promise.all(own.map((client) => client.$disconnect()));
    },
  };
}
