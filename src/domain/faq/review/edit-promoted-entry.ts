import type { Db } from "../../../db/client.js";
import type { Clock } from "../../../shared/clock.js";
import { foldText } from "../../../shared/fold.js";
import { escapeHtml } from "../../../shared/html.js";
import { recordAudit } from "../../audit/record-audit.js";
import { inWriteTransaction } from "../../imports/import-plan.js";
import { MAX_ANSWER_LENGTH } from "../questions.js";
import { loadReviewableEntry } from "./load-reviewable-entry.js";

export const TITLE_LENGTH = { min: 5, max: 120 } as const;
export const PHRASING_LENGTH = { min: 3, max: 160 } as const;
export const MAX_PHRASINGS = 20;

/** What a reviewer may change in a promoted answer before approving it. */
export interface PromotedEntryPatch {
  title?: string;
  /** Plain text (escaped when stored), at most {@link MAX_ANSWER_LENGTH} characters. */
  answer?: string;
  /** The whole list of phrasings, replacing the current one. */
  phrasings?: string[];
}

export type PatchProblem =
  | "title_length"
  | "answer_empty"
  | "answer_too_long"
  | "phrasings_empty"
  | "phrasing_length"
  | "too_many_phrasings";

/** The patch as it will be stored (trimmed, escaped, phrasings without duplicates), or why not. */
export function checkPromotedEntryPatch(
  patch: PromotedEntryPatch,
):
  | { ok: true; data: { title?: string; answer?: string; phrasings?: string[] } }
  | { ok: false; reason: PatchProblem } {
  const data: { title?: string; answer?: string; phrasings?: string[] } = {};
  if (patch.title !== undefined) {
    const title = patch.title.replace(/\s+/g, " ").trim();
    if (title.length < TITLE_LENGTH.min || title.length > TITLE_LENGTH.max)
      return { ok: false, reason: "title_length" };
    data.title = title;
  }
  if (patch.answer !== undefined) {
    const answer = patch.answer.trim();
    if (answer === "") return { ok: false, reason: "answer_empty" };
    if (answer.length > MAX_ANSWER_LENGTH) return { ok: false, reason: "answer_too_long" };
    data.answer = escapeHtml(answer);
  }
  if (patch.phrasings !== undefined) {
    const seen = new Set<string>();
    const phrasings: string[] = [];
    for (const line of patch.phrasings) {
      const text = line.replace(/\s+/g, " ").trim();
      if (text === "") continue;
      if (text.length < PHRASING_LENGTH.min || text.length > PHRASING_LENGTH.max)
        return { ok: false, reason: "phrasing_length" };
      const key = foldText(text);
      if (seen.has(key)) continue;
      seen.add(key);
      phrasings.push(text);
    }
    if (phrasings.length === 0) return { ok: false, reason: "phrasings_empty" };
    if (phrasings.length > MAX_PHRASINGS) return { ok: false, reason: "too_many_phrasings" };
    data.phrasings = phrasings;
  }
  return { ok: true, data };
}

export type EditPromotedEntryResult =
  | { ok: true; changed: string[] }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "not_found" | PatchProblem };

/**
 * A reviewer corrects a promoted answer before approving it: title, answer, phrasings. The
 * reviewer is read as they stand now, in the transaction that changes the entry and records
 * `faq.edit` with the fields that changed.
 */
export async function editPromotedEntry(
  db: Db,
  clock: Clock,
  actorId: number,
  entryId: number,
  patch: PromotedEntryPatch,
): Promise<EditPromotedEntryResult> {
  const checked = checkPromotedEntryPatch(patch);
  if (!checked.ok) return checked;
  return inWriteTransaction(db, async (tx): Promise<EditPromotedEntryResult> => {
    const loaded = await loadReviewableEntry(tx, actorId, entryId);
    if (!loaded.ok) return loaded;
    const { entry, area } = loaded;
    const data = checked.data;
    const changed: string[] = [];
    if (data.title !== undefined && data.title !== entry.title) changed.push("title");
    if (data.answer !== undefined && data.answer !== entry.answer) changed.push("answer");
    if (data.phrasings !== undefined && JSON.stringify(data.phrasings) !== JSON.stringify(entry.phrasings))
      changed.push("phrasings");
    if (changed.length === 0) return { ok: true, changed };
    await tx.faqEntry.update({
      where: { id: entry.id },
      data: Object.fromEntries(changed.map((field) => [field, data[field as keyof typeof data]])),
    });
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: "faq.edit",
      targetType: "FaqEntry",
      targetId: entry.key,
      unitId: area?.id ?? null,
      details: { changed },
    });
    return { ok: true, changed };
  });
}
