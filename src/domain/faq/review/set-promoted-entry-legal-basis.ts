import { type Db, Prisma } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";
import { recordAudit } from "../../audit/record-audit.js";
import { inWriteTransaction } from "../../imports/import-plan.js";
import type { LegalRef } from "../content/faq-file.js";
import { loadReviewableEntry } from "./load-reviewable-entry.js";

export const MAX_CITE_LENGTH = 120;

export type SetLegalBasisResult =
  | { ok: true }
  | {
      ok: false;
      reason: "not_allowed" | "out_of_scope" | "not_found" | "unknown_document" | "cite_too_long";
    };

/**
 * The legal basis of a promoted answer: one document of the registry (LegalDocument) and an
 * optional article/clause ("Điều 22 khoản 1"), or none (`null`). Audited as `faq.verify` with
 * the basis, in the same transaction.
 */
export async function setPromotedEntryLegalBasis(
  db: Db,
  clock: Clock,
  actorId: number,
  entryId: number,
  basis: { documentKey: string; cite?: string } | null,
): Promise<SetLegalBasisResult> {
  const cite = basis?.cite?.replace(/\s+/g, " ").trim();
  if (cite !== undefined && cite.length > MAX_CITE_LENGTH) return { ok: false, reason: "cite_too_long" };
  return inWriteTransaction(db, async (tx): Promise<SetLegalBasisResult> => {
    const loaded = await loadReviewableEntry(tx, actorId, entryId);
    if (!loaded.ok) return loaded;
    let refs: LegalRef[] = [];
    if (basis) {
      const document = await tx.legalDocument.findUnique({ where: { key: basis.documentKey } });
      if (!document) return { ok: false, reason: "unknown_document" };
      refs = [cite ? { doc: document.key, cite } : { doc: document.key }];
    }
    await tx.faqEntry.update({
      where: { id: entryId },
      data: { legalBasis: refs.length > 0 ? refs.map((ref) => ({ ...ref })) : Prisma.DbNull },
    });
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: "faq.verify",
      targetType: "FaqEntry",
      targetId: loaded.entry.key,
      unitId: loaded.area?.id ?? null,
      details: { legalBasis: refs.map((ref) => ({ ...ref })) },
    });
    return { ok: true };
  });
}
