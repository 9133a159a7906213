import { type Db, Prisma } from "./client.js";

/**
 * Leases (`Lease`): something only one instance may do at a time — handle one chat's updates
 * (webhook mode, and always on Zalo), translate Zalo's stored events, send the outbox on one
 * messenger — held by one run (`InstanceRun.id`) until it expires, renewed while the work goes
 * on. A run that dies stops renewing and its lease is taken over once it has expired (or at
 * once when the run is found dead, {@link releaseLeasesOf}).
 *
 * Plain SQL that PostgreSQL runs unchanged: taking is one conditional upsert, atomic on both
 * databases, so of several instances trying at once exactly one gets a free lease.
 */

/** The lease of one chat's updates (webhook mode), per bot. */
export function chatLeaseName(botId: string, chatKey: string): string {
  return `chat:${botId}:${chatKey}`;
}

/** {@link chatLeaseName} in SQL, of a bot id and a chat key column (`||` is portable). */
export function chatLeaseNameSql(botId: Prisma.Sql, chatKey: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`('chat:' || ${botId} || ':' || ${chatKey})`;
}

/** The lease of the Zalo translator: the one instance turning stored Zalo events into updates. */
export function zaloInboundLeaseName(botId: string): string {
  return `zalo-inbound:${botId}`;
}

/** The lease of the outbox sender of one messenger. */
export function outboxLeaseName(channel: string): string {
  return `outbox:${channel}`;
}

/**
 * Takes the lease for `holder` until `now + ttlMs` — when it is free, expired, or held by
 * `holder` already (a renewal). Returns whether `holder` holds it now.
 */
export async function takeLease(
  db: Pick<Db, "$executeRaw">,
  input: { name: string; holder: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const { name, holder, now } = input;
  const until = new Date(now.getTime() + input.ttlMs);
  const changed = await db.$executeRaw`
    INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES (${name}, ${holder}, ${until})
    ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
    WHERE "Lease"."expiresAt" <= ${now} OR "Lease"."holder" = excluded."holder"`;
  return changed > 0;
}

/** Gives the lease up (only if `holder` still holds it): another instance may take it at once. */
export async function releaseLease(
  db: Pick<Db, "$executeRaw">,
  input: { name: string; holder: string },
): Promise<void> {
  await db.$executeRaw`DELETE FROM "Lease" WHERE "name" = ${input.name} AND "holder" = ${input.holder}`;
}

/** Gives up every lease the given (dead or stopped) runs held; returns how many. */
export async function releaseLeasesOf(db: Db, holders: readonly string[]): Promise<number> {
  if (holders.length === 0) return 0;
  const released = await db.lease.deleteMany({ where: { holder: { in: [...holders] } } });
  return released.count;
}

/** Who holds the lease now (`undefined`: nobody, or it has expired). */
export async function leaseHolder(db: Db, name: string, now: Date): Promise<string | undefined> {
  const lease = await db.lease.findUnique({ where: { name } });
  return lease && lease.expiresAt > now ? lease.holder : undefined;
}
