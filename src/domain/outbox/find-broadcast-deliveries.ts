import type { Db } from "../../db/client.js";

/**
 * How a broadcast's messages went, for the sender's final report: per delivered person the
 * messenger and the way (the send policy's mode: a free messenger, Zalo free or paid, a
 * template) with its estimated cost — at most `limit` by name — and, over all of them, how many
 * went each way and the estimated total cost in VND.
 */
export async function findBroadcastDeliveries(
  db: Pick<Db, "outboxMessage" | "person">,
  broadcastId: number,
  limit: number,
): Promise<{
  total: number;
  /** Per mode: how many went that way and their estimated cost. */
  byMode: Record<string, { count: number; costVnd: number }>;
  costVnd: number;
  people: { personId: number; fullName: string; channel: string; mode: string; costVnd: number }[];
}> {
  const rows = await db.outboxMessage.findMany({
    where: { broadcastId, status: "sent", personId: { not: null } },
    select: { personId: true, channel: true, deliveryMode: true, deliveryCostVnd: true },
    orderBy: { id: "asc" },
  });
  const byMode: Record<string, { count: number; costVnd: number }> = {};
  let costVnd = 0;
  // Rows sent before the send policy recorded modes went freely on their messenger.
  const modeOf = (row: (typeof rows)[number]) => row.deliveryMode ?? row.channel;
  for (const row of rows) {
    const mode = byMode[modeOf(row)] ?? { count: 0, costVnd: 0 };
    byMode[modeOf(row)] = mode;
    mode.count += 1;
    mode.costVnd += row.deliveryCostVnd ?? 0;
    costVnd += row.deliveryCostVnd ?? 0;
  }
  const shown = rows.slice(0, limit);
  const names = await db.person.findMany({
    where: { id: { in: shown.map((row) => row.personId as number) } },
    select: { id: true, fullName: true },
  });
  const byId = new Map(names.map((person) => [person.id, person.fullName]));
  return {
    total: rows.length,
    byMode,
    costVnd,
    people: shown.map((row) => ({
      personId: row.personId as number,
      fullName: byId.get(row.personId as number) ?? "?",
      channel: row.channel,
      mode: modeOf(row),
      costVnd: row.deliveryCostVnd ?? 0,
    })),
  };
}
