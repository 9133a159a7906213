import type { Db } from "../../db/client.js";
import { type Channel, isChannel } from "../roles.js";

/** The messengers a person has an account on (to offer linking the others). */
export async function findLinkedChannels(
  db: Pick<Db, "channelAccount">,
  personId: number,
): Promise<Channel[]> {
  const accounts = await db.channelAccount.findMany({ where: { personId }, select: { channel: true } });
  return accounts.map((account) => account.channel).filter(isChannel);
}
