import type { Db } from "../../db/client.js";
import { outboxKindSchema, parseEnum } from "../enums.js";
import { METERED_CHANNELS } from "../roles.js";
import { parseOutboxPayload } from "./enqueue-message.js";
import { type Route, routeDelivery, type SendPolicy } from "./route-delivery.js";

/** Zalo counts its monthly quota by the calendar month in Vietnam (UTC+7, no summer time). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** Admins are warned once a month when this share of the Bot Platform's quota is used. */
export const QUOTA_WARNING_SHARE = 0.8;

/** The first instant of `now`'s calendar month in Vietnam, and the month as "2026-11". */
export function vietnamMonth(now: Date): { start: Date; key: string } {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  const start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - VIETNAM_OFFSET_MS);
  return { start, key: local.toISOString().slice(0, 7) };
}

/**
 * Applies the send policy to one claimed outbox row for a person, at the moment it is about to
 * go (so a message the person sent since it was queued opens the window): loads their accounts,
 * the month's Bot Platform count, decides with {@link routeDelivery} and records on the row where
 * and how it goes (channel, chat, mode, reason, estimated cost). `quotaWarning` is set when this
 * message reaches the share of the monthly quota at which admins are to be warned.
 */
export async function routeOutboxRow(
  db: Pick<Db, "channelAccount" | "outboxMessage" | "person">,
  input: {
    row: { id: number; kind: string; personId: number; channel: string; chatId: string; payload: unknown };
    policy: SendPolicy;
    now: Date;
  },
): Promise<{
  route: Route;
  quotaWarning: { channel: string; used: number; quota: number; month: string } | null;
}> {
  const { row, policy, now } = input;
  const [accounts, person] = await Promise.all([
    db.channelAccount.findMany({
      where: { personId: row.personId },
      orderBy: [{ lastSeenAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      select: {
        channel: true,
        chatId: true,
        blockedAt: true,
        lastInboundAt: true,
        lastSeenAt: true,
        createdAt: true,
      },
    }),
    db.person.findUnique({ where: { id: row.personId }, select: { fullName: true, phone: true } }),
  ]);
  // Accounts are only ever created by the person's own message (resolveIdentity): one without
  // lastInboundAt (made before the column) last wrote when it was last seen, or created.
  const asRouted = (a: (typeof accounts)[number]) => ({
    channel: a.channel,
    chatId: a.chatId,
    blockedAt: a.blockedAt,
    lastInboundAt: a.lastInboundAt ?? a.lastSeenAt ?? a.createdAt,
  });
  const own = accounts.find((a) => a.channel === row.channel && a.chatId === row.chatId);
  const account = own
    ? asRouted(own)
    : { channel: row.channel, chatId: row.chatId, blockedAt: null, lastInboundAt: null };
  const otherAccounts = accounts.filter((a) => a !== own).map(asRouted);
  const month = vietnamMonth(now);
  const metered = accounts.some((a) => (METERED_CHANNELS as readonly string[]).includes(a.channel));
  const zaloSentThisMonth =
    policy.zaloDialect === "bot" && metered
      ? await db.outboxMessage.count({
          where: {
            deliveryMode: "zalo_free",
            claimedAt: { gte: month.start },
            status: { in: ["sending", "sent"] },
          },
        })
      : 0;
  const route = routeDelivery({
    account,
    otherAccounts,
    kind: parseEnum(outboxKindSchema, row.kind, "notification"),
    now,
    policy,
    zaloSentThisMonth,
    ...(person ? { person } : {}),
    text: textOf(row.payload),
  });
  await db.outboxMessage.update({
    where: { id: row.id },
    data: {
      deliveryMode: route.mode,
      deliveryReason: route.mode === "unreachable" ? route.reason : null,
      deliveryCostVnd: route.costVnd,
      ...(route.mode === "template" || route.mode === "unreachable"
        ? {}
        : { channel: route.channel, chatId: route.chatId }),
    },
  });
  const threshold = Math.ceil(policy.zaloMonthlyQuota * QUOTA_WARNING_SHARE);
  const used = zaloSentThisMonth + 1;
  const quotaWarning =
    route.mode === "zalo_free" && policy.zaloDialect === "bot" && used >= threshold
      ? { channel: route.channel, used, quota: policy.zaloMonthlyQuota, month: month.key }
      : null;
  return { route, quotaWarning };
}

/** The message's text (or a photo's caption), without markup, for a template's "text" field. */
function textOf(payload: unknown): string {
  const params = parseOutboxPayload(payload)?.params;
  const text =
    typeof params?.text === "string"
      ? params.text
      : typeof params?.caption === "string"
        ? params.caption
        : "";
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}
