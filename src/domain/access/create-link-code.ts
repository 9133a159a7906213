import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";
import {
  formatActivationCode,
  hashActivationCode,
  LINK_CODE_MINUTES,
  newActivationCode,
} from "./activation-code.js";
import { loadActor } from "./load-actor.js";
import { authorize } from "./permissions.js";

export type LinkCodeResult =
  | { ok: true; code: string; expiresAt: Date }
  | { ok: false; reason: "not_allowed" | "already_linked" };

/**
 * "Liên kết Zalo" / "Liên kết Telegram": a linked person makes a short-lived code (15 minutes)
 * for themselves, to send to the bot on their other messenger, which then links that account
 * to them — the same person, menu and drafts on both. Only for an active member without an
 * account on `otherChannel` yet; their earlier unused codes are withdrawn. Audited.
 */
export async function createLinkCode(
  db: Db,
  clock: Clock,
  input: { personId: number; otherChannel: string },
): Promise<LinkCodeResult> {
  return inWriteTransaction(db, async (tx): Promise<LinkCodeResult> => {
    const person = await loadActor(tx, input.personId);
    if (!person || !authorize(person, "profile.view").ok) return { ok: false, reason: "not_allowed" };
    const linked = await tx.channelAccount.findFirst({
      where: { personId: person.id, channel: input.otherChannel },
    });
    if (linked) return { ok: false, reason: "already_linked" };
    const now = clock.now();
    const code = newActivationCode();
    const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
    await tx.activationCode.updateMany({
      where: { personId: person.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const row = await tx.activationCode.create({
      data: {
        codeHash: hashActivationCode(code),
        personId: person.id,
        createdById: person.id,
        createdAt: now,
        expiresAt,
      },
    });
    await recordAudit(tx, {
      at: now,
      actorId: person.id,
      action: "activation.link_code",
      targetType: "ActivationCode",
      targetId: row.id,
      unitId: person.unitId,
      details: { channel: input.otherChannel, expiresAt: expiresAt.toISOString() },
    });
    return { ok: true, code: formatActivationCode(code), expiresAt };
  });
}
