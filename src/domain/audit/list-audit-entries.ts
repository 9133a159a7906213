import type { Db } from "../../db/client.js";

export interface AuditFilter {
  /** Only entries at or after this instant. */
  since?: Date;
  /** Only actions starting with this ("roster." — imports; "person." — changes to people). */
  actionPrefix?: string;
  limit?: number;
}

export interface AuditEntryView {
  id: number;
  createdAt: Date;
  /** The person who acted, or `null` (the command line, a stranger, the system). */
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  unitId: number | null;
  details: unknown;
}

/** Newest first, so an admin checking "what just happened" reads the top lines. */
export async function listAuditEntries(
  db: Pick<Db, "auditLog">,
  filter: AuditFilter = {},
): Promise<AuditEntryView[]> {
  const entries = await db.auditLog.findMany({
    where: {
      ...(filter.since ? { createdAt: { gte: filter.since } } : {}),
      ...(filter.actionPrefix ? { action: { startsWith: filter.actionPrefix } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit ?? 50,
    include: { actor: { select: { fullName: true } } },
  });
  return entries.map((entry) => ({
    id: entry.id,
    createdAt: entry.createdAt,
    actorName: entry.actor?.fullName ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    unitId: entry.unitId,
    details: entry.details,
  }));
}
