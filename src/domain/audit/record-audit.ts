import type { Db, Prisma } from "../../db/client.js";

export interface AuditEntry {
  /** When it happened, from the injected clock (undo windows and `--since` compare with it). */
  at: Date;
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  unitId?: number | null;
  details?: Prisma.InputJsonValue;
  /** The change batch (an import, a deactivation, an undo) the entry belongs to. */
  batchId?: number;
}

type AuditWriter = Pick<Db, "auditLog">;

/**
 * Appends to the audit log. Pass the transaction client when the audited change happens in a
 * transaction, so the entry and the change commit together.
 */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: auditRow(entry) });
}

/** Many entries at once (an import of thousands of rows), a few hundred per statement. */
export async function recordAudits(db: AuditWriter, entries: readonly AuditEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 500) {
    await db.auditLog.createMany({ data: entries.slice(start, start + 500).map(auditRow) });
  }
}

function auditRow(entry: AuditEntry) {
  return {
    createdAt: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    unitId: entry.unitId ?? null,
    details: entry.details ?? undefined,
    batchId: entry.batchId ?? null,
  };
}
