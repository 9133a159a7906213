import type { Db, Prisma } from "../../../db/client.js";
import { isInScope } from "../../access/permissions.js";
import { pathIds } from "../../units/unit-path.js";
import { PROMOTED_KEY_PREFIX } from "../import-faq-content.js";
import { loadReviewableEntry, type ReachUnit } from "./load-reviewable-entry.js";

type Reader = Pick<Db | Prisma.TransactionClient, "person" | "faqEntry" | "unit" | "questionTicket">;

/**
 * Where a promoted answer may be served once approved: the commune of the ticket it came from,
 * or that commune's province — only those within the reviewer's subtree (administrators: both).
 * `null` when the reviewer may not review the entry.
 */
export async function listReachOptions(
  db: Reader,
  actorId: number,
  entryId: number,
): Promise<ReachUnit[] | null> {
  const loaded = await loadReviewableEntry(db, actorId, entryId);
  if (!loaded.ok) return null;
  const ticketId = Number(loaded.entry.key.slice(PROMOTED_KEY_PREFIX.length));
  const ticket = Number.isInteger(ticketId)
    ? await db.questionTicket.findUnique({ where: { id: ticketId }, include: { unit: true } })
    : null;
  if (!ticket) return loaded.area ? [loaded.area] : [];
  const ids = [ticket.unit.id, pathIds(ticket.unit.path)[0] ?? ticket.unit.id];
  const units = await db.unit.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, code: true, name: true, path: true },
    orderBy: { depth: "desc" },
  });
  return units.filter((unit) => loaded.actor.role === "admin" || isInScope(loaded.actor, unit.path));
}
