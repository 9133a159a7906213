import type { Db } from "../../db/client.js";
import { reachOf } from "../outbox/reach-of.js";
import { type Audience, audienceWhere } from "./course-audience.js";

/**
 * How many people an audience holds (the sender left out) and how many of them the bot cannot
 * write to — never connected, or blocked it — so the sender knows whom to call instead.
 */
export async function countAudienceReach(
  db: Pick<Db, "unit" | "person">,
  audience: Audience,
  excludePersonId: number,
): Promise<{ total: number; unreachable: number }> {
  const where = await audienceWhere(db, audience);
  const people = await db.person.findMany({
    where: { AND: [where, { id: { not: excludePersonId } }] },
    select: { accounts: { select: { blockedAt: true } } },
  });
  const unreachable = people.filter((person) => reachOf(person.accounts) !== "reachable").length;
  return { total: people.length, unreachable };
}
