import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { OutboxStatus } from "../enums.js";
import type { Reach } from "./reach-of.js";
import { type UnreachableReason as PolicyReason, UNREACHABLE_REASONS } from "./route-delivery.js";

/** Why a person was not reached: at queueing, by the send policy when claimed, or a failure. */
export type UnreachableReason = Exclude<Reach, "reachable"> | PolicyReason | "failed";

/**
 * An entry of `Broadcast.queuedUnreachable` as written by `queueBroadcast`: someone who could not
 * be reached when it was queued, and why.
 */
export const queuedUnreachableEntrySchema = z.object({
  personId: z.number().int(),
  reach: z.enum(["blocked", "never_connected"]),
});

const isPolicyReason = (value: string | null): value is PolicyReason =>
  value !== null && (UNREACHABLE_REASONS as readonly string[]).includes(value);

/**
 * Who a broadcast did not reach, for the sender's final report: those unreachable when it was
 * queued (never connected, every account blocked), then those whose message the channel refused
 * (blocked the bot: 403) or that failed for good — at most `limit` by name, with the total.
 */
export async function findBroadcastUnreachable(
  db: Pick<Db, "broadcast" | "outboxMessage" | "person">,
  broadcastId: number,
  limit: number,
): Promise<{
  total: number;
  people: { personId: number; fullName: string; phone: string | null; reason: UnreachableReason }[];
}> {
  const broadcast = await db.broadcast.findUnique({
    where: { id: broadcastId },
    select: { queuedUnreachable: true },
  });
  const stored = broadcast?.queuedUnreachable;
  // Entry by entry: one unreadable entry does not hide the others.
  const queued = (Array.isArray(stored) ? stored : []).flatMap((entry) => {
    const parsed = queuedUnreachableEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  const refused = await db.outboxMessage.findMany({
    where: {
      broadcastId,
      status: { in: ["unreachable", "failed"] satisfies OutboxStatus[] },
      personId: { not: null },
    },
    select: { personId: true, status: true, deliveryReason: true },
    orderBy: { id: "asc" },
  });
  const all: { personId: number; reason: UnreachableReason }[] = [
    ...queued.map((entry) => ({ personId: entry.personId, reason: entry.reach })),
    ...refused.map((row) => ({
      personId: row.personId ?? 0,
      reason:
        row.status === ("failed" satisfies OutboxStatus)
          ? ("failed" as const)
          : isPolicyReason(row.deliveryReason)
            ? row.deliveryReason
            : ("blocked" as const),
    })),
  ];
  const shown = all.slice(0, limit);
  const people = await db.person.findMany({
    where: { id: { in: shown.map((entry) => entry.personId) } },
    select: { id: true, fullName: true, phone: true },
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  return {
    total: all.length,
    people: shown.map((entry) => ({
      personId: entry.personId,
      fullName: byId.get(entry.personId)?.fullName ?? "?",
      phone: byId.get(entry.personId)?.phone ?? null,
      reason: entry.reason,
    })),
  };
}
