import type { Db } from "../../db/client.js";

/** The account's own phone number as its messenger verified it (a shared own contact), if any. */
export async function findVerifiedPhone(db: Db, accountId: number): Promise<string | null> {
  const account = await db.channelAccount.findUnique({
    where: { id: accountId },
    select: { verifiedPhone: true },
  });
  return account?.verifiedPhone ?? null;
}
