import type { Db } from "../../db/client.js";
import type { Clock } from "../../shared/clock.js";
import type { Actor } from "../access/permissions.js";
import { type Channel, isRole, type Role } from "../roles.js";

/** Who wrote, as the messenger describes them. */
export interface ChannelProfile {
  channel: Channel;
  externalId: string;
  chatId: string;
  username?: string | undefined;
  displayName?: string | undefined;
}

export interface PersonView extends Actor {
  id: number;
  fullName: string;
  role: Role;
  status: string;
  locale: string;
  phone: string | null;
  unitId: number;
  unitName: string;
  unitLevel: string;
  unitPath: string;
}

export interface Identity {
  accountId: number;
  channel: Channel;
  chatId: string;
  /** The account's own locale choice (used while no person is linked). */
  accountLocale: string | null;
  /** The roster entry, only when linked and active: a deactivated person is a stranger. */
  person: PersonView | null;
}

/** Writing to the account on every update would be wasteful; refresh "last seen" this often. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

/**
 * Finds (or records) the messenger account behind an update and the active roster entry it is
 * linked to. Also notes that the person can be reached again if they had blocked the bot.
 */
export async function resolveIdentity(db: Db, clock: Clock, profile: ChannelProfile): Promise<Identity> {
  const now = clock.now();
  const key = { channel_externalId: { channel: profile.channel, externalId: profile.externalId } };
  const include = { person: { include: { unit: true } } } as const;
  let account = await db.channelAccount.findUnique({ where: key, include });
  if (!account) {
    account = await db.channelAccount.upsert({
      where: key,
      create: {
        channel: profile.channel,
        externalId: profile.externalId,
        chatId: profile.chatId,
        username: profile.username ?? null,
        displayName: profile.displayName ?? null,
        lastSeenAt: now,
      },
      update: {},
      include,
    });
  } else if (
    account.blockedAt !== null ||
    account.chatId !== profile.chatId ||
    (profile.username !== undefined && account.username !== profile.username) ||
    !account.lastSeenAt ||
    now.getTime() - account.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS
  ) {
    account = await db.channelAccount.update({
      where: { id: account.id },
      data: {
        chatId: profile.chatId,
        username: profile.username ?? account.username,
        displayName: profile.displayName ?? account.displayName,
        blockedAt: null,
        lastSeenAt: now,
      },
      include,
    });
  }

  const p = account.person;
  const person: PersonView | null =
    p && p.status === "active" && isRole(p.role)
      ? {
          id: p.id,
          fullName: p.fullName,
          role: p.role,
          status: p.status,
          locale: p.locale,
          phone: p.phone,
          unitId: p.unitId,
          unitName: p.unit.name,
          unitLevel: p.unit.level,
          unitPath: p.unit.path,
        }
      : null;

  return {
    accountId: account.id,
    channel: profile.channel,
    chatId: account.chatId,
    accountLocale: account.locale,
    person,
  };
}
