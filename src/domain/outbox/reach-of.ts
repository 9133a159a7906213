/**
 * Whether the bot can message a person: through at least one account that has not blocked it
 * ("reachable"), only through accounts that answered "blocked" ("blocked"), or not at all
 * because they have never connected ("never_connected"). Senders are told the last two by
 * name, so they can call instead of believing a message arrived.
 */
export type Reach = "reachable" | "blocked" | "never_connected";

export function reachOf(accounts: readonly { blockedAt: Date | null }[]): Reach {
  if (accounts.length === 0) return "never_connected";
  return accounts.some((account) => account.blockedAt === null) ? "reachable" : "blocked";
}

/** Someone a message could not reach, as a sender is told about them (phone within scope only). */
export interface Unreachable {
  personId: number | null;
  fullName: string;
  phone: string | null;
  reach: Exclude<Reach, "reachable">;
}
