import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { CurrentActor } from "../access/load-actor.js";
import { canPerform, isInScope } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { resolveAreas } from "./faq-search.js";
import { PROMOTED_KEY_PREFIX } from "./import-faq-content.js";
import { loadReviewableEntry } from "./review/load-reviewable-entry.js";

/**
 * 👍/👎 on an answer. For an answer to a question, one opinion per question (a second tap
 * changes it); for an answer opened from the topic list, each tap is kept.
 */
export async function recordFeedback(
  db: Db,
  clock: Clock,
  input: { entryId: number; questionId: number | null; personId: number | null; helpful: boolean },
): Promise<number> {
  if (input.questionId !== null) {
    const existing = await db.answerFeedback.findFirst({
      where: { questionId: input.questionId, entryId: input.entryId },
    });
    if (existing) {
      await db.answerFeedback.update({ where: { id: existing.id }, data: { helpful: input.helpful } });
      return existing.id;
    }
  }
  const row = await db.answerFeedback.create({ data: { ...input, createdAt: clock.now() } });
  return row.id;
}

export async function addFeedbackComment(db: Db, feedbackId: number, comment: string): Promise<void> {
  await db.answerFeedback.update({
    where: { id: feedbackId },
    data: { comment: comment.trim().slice(0, 1000) },
  });
}

/**
 * Answers promoted from officers, waiting for review, that this reviewer may review (their
 * reach within the reviewer's subtree; administrators: all), oldest first. The waiting entries
 * are few, so their areas are resolved here rather than joined.
 */
export async function listEntriesToReview(
  db: Db,
  actor: Pick<CurrentActor, "role" | "status" | "unitPath">,
  options: { skip: number; take: number },
) {
  if (!canPerform(actor, "faq.verify")) return [0, []] as const;
  const waiting = await db.faqEntry.findMany({
    where: { status: "needs_review", key: { startsWith: PROMOTED_KEY_PREFIX } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const areas = await resolveAreas(
    db,
    waiting.map((entry) => entry.areaCode),
  );
  const mine = waiting.filter((entry) => {
    if (actor.role === "admin") return true;
    const area = entry.areaCode ? areas.get(entry.areaCode) : undefined;
    return area !== undefined && isInScope(actor, area.path);
  });
  return [mine.length, mine.slice(options.skip, options.skip + options.take)] as const;
}

export type ReviewPromotedEntryResult =
  | { ok: true }
  | { ok: false; reason: "not_allowed" | "out_of_scope" | "not_found" };

/**
 * A reviewer approves a promoted answer — it is then served to everyone within its reach, no
 * longer only to those who asked — or drops it (retired). The reviewer is read as they stand
 * now, in the transaction that changes the entry and records `faq.verify` / `faq.reject`.
 */
export async function reviewPromotedEntry(
  db: Db,
  clock: Clock,
  actorId: number,
  entryId: number,
  approve: boolean,
): Promise<ReviewPromotedEntryResult> {
  return db.$transaction(async (tx): Promise<ReviewPromotedEntryResult> => {
    const loaded = await loadReviewableEntry(tx, actorId, entryId);
    if (!loaded.ok) return loaded;
    await tx.faqEntry.update({
      where: { id: entryId },
      data: approve ? { status: "verified", audience: Prisma.DbNull } : { status: "retired" },
    });
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: approve ? "faq.verify" : "faq.reject",
      targetType: "FaqEntry",
      targetId: loaded.entry.key,
      unitId: loaded.area?.id ?? null,
      ...(approve ? { details: { approved: true, reach: loaded.entry.areaCode } } : {}),
    });
    return { ok: true };
  });
}
