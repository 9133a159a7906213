import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { type ChangeBatchKind, changeBatchKindSchema } from "../enums.js";

/** How long an import or a deactivation can still be undone, measured with the injected clock. */
export const UNDO_WINDOW_DAYS = 7;
export const UNDO_WINDOW_MS = UNDO_WINDOW_DAYS * 24 * 60 * 60_000;

export type { ChangeBatchKind } from "../enums.js";

export interface ChangeBatchSummary {
  id: number;
  kind: ChangeBatchKind;
  createdAt: Date;
  /** Who did it; `null` from the command line. */
  actorName: string | null;
  via: string;
  fileName: string | null;
  /** People the batch changed, by kind of change. */
  created: number;
  updated: number;
  deactivated: number;
  /** When it was undone, if it was. */
  undoneAt: Date | null;
  /** Until when it can be undone. */
  undoableUntil: Date;
}

/**
 * Recent imports and deactivations, newest first: those still inside the undo window, or one
 * batch by id whatever its age (`id`). Counts come from the batch's audit entries.
 */
export async function listChangeBatches(
  db: Pick<Db, "changeBatch" | "auditLog">,
  clock: Clock,
  options: { id?: number; undoableOnly?: boolean; limit?: number } = {},
): Promise<ChangeBatchSummary[]> {
  const since = new Date(clock.now().getTime() - UNDO_WINDOW_MS);
  const batches = await db.changeBatch.findMany({
    where:
      options.id !== undefined
        ? { id: options.id }
        : {
            kind: { not: "undo" },
            createdAt: { gte: since },
            ...(options.undoableOnly ? { undoneBy: { is: null }, changed: { gt: 0 } } : {}),
          },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 10,
    include: {
      actor: { select: { fullName: true } },
      undoneBy: { select: { createdAt: true } },
    },
  });
  const counts = await db.auditLog.groupBy({
    by: ["batchId", "action"],
    where: { batchId: { in: batches.map((batch) => batch.id) }, targetType: "Person" },
    _count: { _all: true },
  });
  const count = (batchId: number, action: string) =>
    counts.find((row) => row.batchId === batchId && row.action === action)?._count._all ?? 0;
  // A batch of a kind this version does not know (written by a newer one) is left out.
  return batches.flatMap((batch) => {
    const kind = changeBatchKindSchema.safeParse(batch.kind);
    if (!kind.success) return [];
    return [
      {
        id: batch.id,
        kind: kind.data,
        createdAt: batch.createdAt,
        actorName: batch.actor?.fullName ?? null,
        via: batch.via,
        fileName: batch.fileName,
        created: count(batch.id, "person.create"),
        updated: count(batch.id, "person.update"),
        deactivated: count(batch.id, "person.deactivate"),
        undoneAt: batch.undoneBy?.createdAt ?? null,
        undoableUntil: new Date(batch.createdAt.getTime() + UNDO_WINDOW_MS),
      },
    ];
  });
}
