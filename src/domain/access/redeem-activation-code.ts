import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction, lockRow } from "../imports/import-plan.js";
import { type ActivationCheck, type CodeHolder, judgeActivationCode } from "./check-activation-code.js";

export type RedeemCodeResult = { ok: true; holder: CodeHolder } | Exclude<ActivationCheck, { ok: true }>;

/**
 * Links the account to the person a code was made for, once they have confirmed their name:
 * the code is judged again inside the transaction (used, withdrawn or expired meanwhile; the
 * person deactivated — never reactivated by a code — or linked on this messenger by another
 * account), then the account is linked, the code marked used by it, and the link audited
 * (`activation.redeem`). Nobody is notified: the issuer knows, and superiors need not hear of
 * every officer's new messenger. Two accounts racing for one code or one person: one wins,
 * the other is told why (the unique (person, channel) of accounts decides the second race).
 */
export async function redeemActivationCode(
  db: Db,
  clock: Clock,
  input: { codeId: number; accountId: number },
): Promise<RedeemCodeResult> {
  try {
    return await inWriteTransaction(db, async (tx): Promise<RedeemCodeResult> => {
      const now = clock.now();
      // PostgreSQL: a second redemption of the code waits here, then judges it used.
      await lockRow(tx, "ActivationCode", input.codeId);
      const row = await tx.activationCode.findUnique({ where: { id: input.codeId } });
      if (!row) return { ok: false, reason: "wrong" };
      const judged = await judgeActivationCode(tx, {
        codeHash: row.codeHash,
        accountId: input.accountId,
        now,
      });
      if (!judged.ok) return judged;
      const claimed = await tx.activationCode.updateMany({
        where: { id: row.id, usedAt: null, revokedAt: null },
        data: { usedAt: now, usedByAccountId: input.accountId },
      });
      if (claimed.count === 0) throw new Claimed();
      const account = await tx.channelAccount.update({
        where: { id: input.accountId },
        data: { personId: judged.holder.id, linkedAt: now },
      });
      await recordAudit(tx, {
        at: now,
        actorId: judged.holder.id,
        action: "account.link",
        targetType: "ChannelAccount",
        targetId: account.id,
        unitId: judged.holder.unitId,
        details: {
          via: "activation_code",
          channel: account.channel,
          codeId: row.id,
          issuedBy: row.createdById,
        },
      });
      return { ok: true, holder: judged.holder };
    });
  } catch (error) {
    if (error instanceof Claimed) return { ok: false, reason: "used" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "linked_elsewhere", contacts: [] };
    }
    throw error;
  }
}

/** Thrown inside the transaction so that nothing of the redemption is kept. */
class Claimed extends Error {}
