import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { loadActor } from "../access/load-actor.js";
import { authorize } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { PROMOTED_KEY_PREFIX } from "./import-faq-content.js";

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

/** Answers promoted from officers, waiting for an administrator. */
export function listEntriesToReview(db: Db, options: { skip: number; take: number }) {
  const where = { status: "needs_review", key: { startsWith: PROMOTED_KEY_PREFIX } };
  return Promise.all([
    db.faqEntry.count({ where }),
    db.faqEntry.findMany({ where, orderBy: { createdAt: "asc" }, skip: options.skip, take: options.take }),
  ]);
}

/** An administrator approves a promoted answer for everyone, or drops it (as they stand now). */
export async function reviewPromotedEntry(
  db: Db,
  clock: Clock,
  actorId: number,
  entryId: number,
  approve: boolean,
): Promise<{ ok: true } | { ok: false; reason: "not_allowed" | "not_found" }> {
  return db.$transaction(async (tx) => {
    if (!authorize(await loadActor(tx, actorId), "faq.verify").ok)
      return { ok: false, reason: "not_allowed" } as const;
    const entry = await tx.faqEntry.findUnique({ where: { id: entryId } });
    if (entry?.status !== "needs_review") return { ok: false, reason: "not_found" } as const;
    await tx.faqEntry.update({ where: { id: entryId }, data: { status: approve ? "verified" : "retired" } });
    await recordAudit(tx, {
      at: clock.now(),
      actorId,
      action: approve ? "faq.verify" : "faq.reject",
      targetType: "FaqEntry",
      targetId: entry.key,
    });
    return { ok: true } as const;
  });
}
