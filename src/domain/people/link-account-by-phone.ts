import { type Db, Prisma } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import { recordAudit } from "../audit/record-audit.js";
import { inWriteTransaction } from "../imports/import-plan.js";

export type LinkByPhoneResult =
  | { ok: true; personId: number }
  | { ok: false; reason: "not_on_roster" | "inactive" | "linked_to_other_account" };

/**
 * Links a messenger account to the roster entry with this phone number. The phone must be the
 * account's own, as verified by the messenger (a shared own contact) — the caller checks that.
 * A roster entry already linked to another account on the same channel is not taken over:
 * an admin or commune officer unlinks the old account first. A deactivated entry is not linked.
 *
 * The account keeps the phone as verified when it links, or when nobody on the roster has it
 * (a stranger's access request then carries a verified number). A refused share — deactivated,
 * or held by another account — stores nothing: a verified phone is what lets an approval attach
 * the account to a roster entry, and a refusal must not leave one behind.
 */
export async function linkAccountByPhone(
  db: Db,
  clock: Clock,
  input: { accountId: number; phone: string },
): Promise<LinkByPhoneResult> {
  try {
    return await inWriteTransaction(db, async (tx) => {
      const account = await tx.channelAccount.findUniqueOrThrow({ where: { id: input.accountId } });
      const person = await tx.person.findUnique({ where: { phone: input.phone } });
      if (!person) {
        await tx.channelAccount.update({ where: { id: account.id }, data: { verifiedPhone: input.phone } });
        return { ok: false, reason: "not_on_roster" } as const;
      }
      if (person.status !== "active") return { ok: false, reason: "inactive" } as const;
      const other = await tx.channelAccount.findFirst({
        where: { personId: person.id, channel: account.channel, NOT: { id: account.id } },
      });
      if (other) return { ok: false, reason: "linked_to_other_account" } as const;
      await tx.channelAccount.update({
        where: { id: account.id },
        data: { personId: person.id, linkedAt: clock.now(), verifiedPhone: input.phone },
      });
      await recordAudit(tx, {
        at: clock.now(),
        actorId: person.id,
        action: "account.link",
        targetType: "ChannelAccount",
        targetId: account.id,
        unitId: person.unitId,
        details: { via: "phone", channel: account.channel },
      });
      return { ok: true, personId: person.id } as const;
    });
  } catch (error) {
    // Two accounts racing for the same roster entry: the unique (personId, channel) decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "linked_to_other_account" };
    }
    throw error;
  }
}
