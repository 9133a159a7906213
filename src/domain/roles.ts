import { z } from "zod";

/** The five roles of the roster. A person has exactly one. */
export const ROLES = ["hamlet_head", "commune_officer", "trainer", "supervisor", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Unit levels, top-down. Districts only appear in data from before 1 July 2025. */
export const UNIT_LEVELS = ["province", "district", "commune", "hamlet"] as const;
export const unitLevelSchema = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

export const PERSON_STATUSES = ["active", "inactive"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** The messengers the bot serves; each bot instance serves one, each account belongs to one. */
export const CHANNELS = ["telegram", "zalo"] as const;
export type Channel = (typeof CHANNELS)[number];

/** What differs between the messengers, as the features need to know it. */
export const CHANNEL_TRAITS: Record<
  Channel,
  {
    name: string;
    sharesVerifiedPhone: boolean;
    editsMessages: boolean;
    /** A person can send a map location (Telegram); Zalo delivers it as unsupported content. */
    sharesLocation: boolean;
    /** Photos and documents a person sends reach the bot as files it can send on (Telegram). */
    forwardsFiles: boolean;
    /** The longest text message the messenger takes (Telegram 4,096; Zalo 2,000 characters). */
    maxTextLength: number;
  }
> = {
  telegram: {
    name: "Telegram",
    sharesVerifiedPhone: true,
    editsMessages: true,
    sharesLocation: true,
    forwardsFiles: true,
    maxTextLength: 4096,
  },
  // The Zalo Bot Platform has no contact button (activation codes link accounts there) and no
  // edits: an edit there costs a new message of the monthly quota, so tidying edits are skipped.
  zalo: {
    name: "Zalo",
    sharesVerifiedPhone: false,
    editsMessages: false,
    sharesLocation: false,
    forwardsFiles: false,
    maxTextLength: 2000,
  },
};

export type ChannelTraits = (typeof CHANNEL_TRAITS)[Channel];

/**
 * Zalo's Official Account dialect (one Zalo dialect per instance, see app.ts): as the Bot
 * Platform, but the person's verified phone can be shared — `request_user_info`, whose answer
 * links the roster entry as Telegram's contact does (activation codes stay available).
 */
export const ZALO_OA_TRAITS: ChannelTraits = { ...CHANNEL_TRAITS.zalo, sharesVerifiedPhone: true };

/**
 * Messengers whose sends the outbox's send policy limits (route-delivery.ts): Zalo writes only to
 * people who wrote first, within a window or a monthly quota, some messages at a price. On the
 * others a message goes freely and its delivery mode is the messenger's name.
 */
export const METERED_CHANNELS: readonly Channel[] = ["zalo"];

/**
 * How the send policy routed an outbox row when it was claimed (`OutboxMessage.deliveryMode`,
 * route-delivery.ts): an unmetered messenger by its name, Zalo free or paid, a ZNS template by
 * phone, or not at all. Here because it names channels; enums.ts re-exports it.
 */
export const deliveryModeSchema = z.enum(["telegram", "zalo_free", "zalo_paid", "template", "unreachable"]);

/** The messenger a person on `channel` can link as their other one. */
export function otherChannel(channel: Channel): Channel {
  return CHANNELS.find((other) => other !== channel) ?? channel;
}

export function isChannel(value: unknown): value is Channel {
  return (CHANNELS as readonly unknown[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return roleSchema.safeParse(value).success;
}
