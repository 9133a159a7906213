import type { Db } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";
import { recordAudit } from "../../audit/record-audit.js";
import { inWriteTransaction } from "../../imports/import-plan.js";
import { listReachOptions } from "./list-reach-options.js";
import { loadReviewableEntry } from "./load-reviewable-entry.js";

export type SetReachResult =
  | { ok: true; unitName: string }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "not_found" | "not_an_option" };

/**
 * Chooses where a promoted answer will be served once approved: one of
 * {@link listReachOptions} (the ticket's commune or its province, within the reviewer's scope).
 * Audited as `faq.verify` with the reach, in the same transaction.
 */
export async function setPromotedEntryReach(
  db: Db,
  clock: Clock,
  actorId: number,
  entryId: number,
  unitId: number,
): Promise<SetReachResult> {
  return inWriteTransaction(db, async (tx): Promise<SetReachResult> => {
    const loaded = await loadReviewableEntry(tx, actorId, entryId);
    if (!loaded.ok) return loaded;
    const unit = (await listReachOptions(tx, actorId, entryId))?.find((option) => option.id === unitId);
    if (!unit) return { ok: false, reason: "not_an_option" };
    await tx.faqEntry.update({ where: { id: entryId }, data: { areaCode: unit.code } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: "faq.verify",
      targetType: "FaqEntry",
      targetId: loaded.entry.key,
      unitId: unit.id,
      details: { reach: unit.code, before: loaded.entry.areaCode },
    });
    return { ok: true, unitName: unit.name };
  });
}
