import type { Db, Prisma } from "../../db/client.js";

const HOUR_MS = 60 * 60_000;

type AuditReader = Pick<Db | Prisma.TransactionClient, "auditLog">;

/**
 * Guessing limits for secrets people type or open (invite links, activation codes): every
 * failed attempt is an audit entry on the account (`action`, target the ChannelAccount), and an
 * account with `perHour` failures in the last hour is not answered until the hour has passed.
 */
export async function tooManyFailedAttempts(
  db: AuditReader,
  input: { action: string; accountId: number; now: Date; perHour: number },
): Promise<boolean> {
  const recent = await db.auditLog.count({
    where: {
      action: input.action,
      targetType: "ChannelAccount",
      targetId: String(input.accountId),
      createdAt: { gte: new Date(input.now.getTime() - HOUR_MS) },
    },
  });
  return recent >= input.perHour;
}

/** Records one failed attempt of the account (see {@link tooManyFailedAttempts}). */
export async function recordFailedAttempt(
  db: AuditReader,
  input: { action: string; accountId: number; now: Date; details?: Prisma.InputJsonValue },
): Promise<void> {
  await db.auditLog.create({
    data: {
      action: input.action,
      targetType: "ChannelAccount",
      targetId: String(input.accountId),
      createdAt: input.now,
      ...(input.details === undefined ? {} : { details: input.details }),
    },
  });
}
