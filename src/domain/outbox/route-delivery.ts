import { formatDate } from "../../shared/time.js";
import { type DeliveryMode, deliveryModeSchema, type OutboxKind } from "../enums.js";
import { type Channel, METERED_CHANNELS } from "../roles.js";

/**
 * How a message went (or why not), recorded on the outbox row as `deliveryMode`: on a messenger
 * that is not metered, its name (Telegram); on Zalo free, paid or a template; or unreachable.
 * The column's enum is `deliveryModeSchema` (enums.ts).
 */
export type { DeliveryMode } from "../enums.js";
export const DELIVERY_MODES: readonly DeliveryMode[] = deliveryModeSchema.options;
const isMetered = (channel: string) => (METERED_CHANNELS as readonly string[]).includes(channel);

/** Why a message cannot go: recorded as `deliveryReason` and said in the sender's report. */
export const UNREACHABLE_REASONS = [
  /** Every account of the person blocked the bot. */
  "blocked",
  /** Bot Platform: the person never wrote to the bot (Zalo refuses to write first). */
  "never_wrote",
  /** Bot Platform: the month's message quota is used up. */
  "quota",
  /** OA: last message 48 h–7 days ago and paid messages are not allowed. */
  "paid_off",
  /** OA: last message more than 7 days ago (or never) and no template for this kind of message. */
  "window_closed",
  /** A template would do, but the person has no phone number on the roster. */
  "no_phone",
] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

/** One ZNS/ZBS template: its approved id and, per template parameter, where its value comes from. */
export interface TemplateConfig {
  templateId: string;
  /**
   * Template parameter name → "name" (the person's full name), "text" (the message), "date"
   * (the day it is sent, dd/mm/yyyy in Vietnam).
   */
  fields: Record<string, "name" | "text" | "date">;
}

/** The operator's send policy (src/config.ts `sendPolicy`). Nothing costs money unless set here. */
export interface SendPolicy {
  /** Which Zalo API the Zalo channel speaks: the Bot Platform or an Official Account. */
  zaloDialect: "bot" | "oa";
  /** OA: send paid consultation messages 48 h–7 days after the person's last message. */
  zaloPaidAllowed: boolean;
  /** Estimated price of one paid OA message (VND). */
  zaloPaidCostVnd: number;
  /** OA: template per kind of message, for people out of the 7-day window (costs money). */
  templates: Partial<Record<OutboxKind, TemplateConfig>>;
  /** Estimated price of one template message (VND). */
  templateCostVnd: number;
  /** Bot Platform: messages a month the plan allows (Basic: 3,000). */
  zaloMonthlyQuota: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  zaloDialect: "bot",
  zaloPaidAllowed: false,
  zaloPaidCostVnd: 55,
  templates: {},
  templateCostVnd: 300,
  zaloMonthlyQuota: 3000,
};

/** OA consultation messages are free this long after the person's last message. */
export const OA_FREE_WINDOW_MS = 48 * 3_600_000;
/** …and can be sent, paid, until this long after it (Zalo answers -230 after). */
export const OA_PAID_WINDOW_MS = 7 * 24 * 3_600_000;

export interface RouteAccount {
  channel: string;
  chatId: string;
  blockedAt: Date | null;
  /** The person's last message or tap on this account. */
  lastInboundAt: Date | null;
}

export type Route =
  | {
      mode: Exclude<DeliveryMode, "template" | "unreachable">;
      channel: string;
      chatId: string;
      costVnd: number;
    }
  | {
      mode: "template";
      channel: string;
      phone: string;
      templateId: string;
      data: Record<string, string>;
      costVnd: number;
    }
  | { mode: "unreachable"; reason: UnreachableReason; costVnd: 0 };

/**
 * Where and how one message to a person goes, by the send policy — decided when the outbox
 * claims the row, so that a message the person sent meanwhile counts:
 *
 * 1. free first: the row's account, then the person's other accounts (Telegram; Zalo OA within
 *    48 h of their last message; the Bot Platform if they wrote to it and the month's quota is
 *    not used up);
 * 2. then, only if the policy allows it, a paid OA message (48 h–7 days) — the row's account
 *    first;
 * 3. then a template of this kind of message, if one is configured, to the person's phone;
 * 4. else unreachable, with the reason of the row's own account (said to the sender, never
 *    dropped silently).
 */
export function routeDelivery(input: {
  account: RouteAccount;
  otherAccounts: readonly RouteAccount[];
  kind: OutboxKind;
  now: Date;
  policy: SendPolicy;
  /** Bot Platform messages sent so far this month (all people). */
  zaloSentThisMonth?: number;
  /** For templates. */
  person?: { fullName: string; phone: string | null };
  /** The message's text, for a template's "text" field. */
  text?: string;
}): Route {
  const { policy, now } = input;
  const accounts = [input.account, ...input.otherAccounts].filter((a) => a.blockedAt === null);
  const sinceInbound = (a: RouteAccount) =>
    a.lastInboundAt === null ? Infinity : now.getTime() - a.lastInboundAt.getTime();
  const quotaLeft = (input.zaloSentThisMonth ?? 0) < policy.zaloMonthlyQuota;

  for (const a of accounts) {
    if (!isMetered(a.channel))
      return { mode: a.channel as DeliveryMode & Channel, channel: a.channel, chatId: a.chatId, costVnd: 0 };
    if (policy.zaloDialect === "bot") {
      if (a.lastInboundAt !== null && quotaLeft)
        return { mode: "zalo_free", channel: a.channel, chatId: a.chatId, costVnd: 0 };
    } else if (sinceInbound(a) <= OA_FREE_WINDOW_MS) {
      return { mode: "zalo_free", channel: a.channel, chatId: a.chatId, costVnd: 0 };
    }
  }
  if (policy.zaloDialect === "oa" && policy.zaloPaidAllowed) {
    const paid = accounts.find((a) => isMetered(a.channel) && sinceInbound(a) <= OA_PAID_WINDOW_MS);
    if (paid)
      return {
        mode: "zalo_paid",
        channel: paid.channel,
        chatId: paid.chatId,
        costVnd: policy.zaloPaidCostVnd,
      };
  }
  const template = policy.zaloDialect === "oa" ? policy.templates[input.kind] : undefined;
  const zalo = [input.account, ...input.otherAccounts].find((a) => isMetered(a.channel));
  if (template && zalo) {
    const phone = input.person?.phone;
    if (!phone) return { mode: "unreachable", reason: "no_phone", costVnd: 0 };
    const values = {
      name: input.person?.fullName ?? "",
      text: input.text ?? "",
      // The day it is sent, as the person reads dates (the template's text is theirs to read).
      date: formatDate(now, "vi"),
    };
    const data = Object.fromEntries(
      Object.entries(template.fields).map(([field, source]) => [field, values[source]]),
    );
    return {
      mode: "template",
      channel: zalo.channel,
      phone,
      templateId: template.templateId,
      data,
      costVnd: policy.templateCostVnd,
    };
  }
  return {
    mode: "unreachable",
    reason: reasonFor(input.account, policy, sinceInbound, quotaLeft),
    costVnd: 0,
  };
}

function reasonFor(
  account: RouteAccount,
  policy: SendPolicy,
  sinceInbound: (a: RouteAccount) => number,
  quotaLeft: boolean,
): UnreachableReason {
  if (account.blockedAt !== null) return "blocked";
  if (policy.zaloDialect === "bot")
    return account.lastInboundAt === null ? "never_wrote" : quotaLeft ? "blocked" : "quota";
  return sinceInbound(account) <= OA_PAID_WINDOW_MS ? "paid_off" : "window_closed";
}
