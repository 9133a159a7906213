import type { Db, Prisma } from "../../../db/client.js";
import { type CurrentActor, loadActor } from "../../access/load-actor.js";
import { authorize, canPerform } from "../../access/permissions.js";
import { PROMOTED_KEY_PREFIX } from "../import-faq-content.js";

type Reader = Pick<Db | Prisma.TransactionClient, "person" | "faqEntry" | "unit">;

/** The unit a promoted answer reaches (its `areaCode`). */
export interface ReachUnit {
  id: number;
  code: string;
  name: string;
  path: string;
}

export type ReviewableEntry =
  | {
      ok: true;
      actor: CurrentActor;
      entry: Prisma.FaqEntryGetPayload<object>;
      /** null: the area code names no unit (only an administrator may review it). */
      area: ReachUnit | null;
    }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "not_found" };

/**
 * A promoted answer waiting for approval, and the reviewer as they stand now, when they may
 * review it: `faq.verify` (trainers and administrators), and the entry's area unit within the
 * reviewer's subtree — administrators review anywhere.
 */
export async function loadReviewableEntry(
  db: Reader,
  actorId: number,
  entryId: number,
): Promise<ReviewableEntry> {
  const actor = await loadActor(db, actorId);
  if (!actor || !canPerform(actor, "faq.verify")) return { ok: false, reason: "not_allowed" };
  const entry = await db.faqEntry.findUnique({ where: { id: entryId } });
  if (entry?.status !== "needs_review" || !entry.key.startsWith(PROMOTED_KEY_PREFIX))
    return { ok: false, reason: "not_found" };
  const area = entry.areaCode
    ? await db.unit.findUnique({
        where: { code: entry.areaCode },
        select: { id: true, code: true, name: true, path: true },
      })
    : null;
  if (actor.role !== "admin" && (!area || !authorize(actor, "faq.verify", { unitPath: area.path }).ok))
    return { ok: false, reason: "out_of_scope" };
  return { ok: true, actor, entry, area };
}
