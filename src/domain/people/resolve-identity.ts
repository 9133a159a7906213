import type { Db, Prisma } from "../../db/client.js";
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

/** The account with its roster entry and unit, flattened (one row of the lookup below). */
interface AccountRow {
  id: number;
  chatId: string;
  username: string | null;
  displayName: string | null;
  locale: string | null;
  blockedAt: Date | null;
  lastSeenAt: Date | null;
  personId: number | null;
  fullName: string | null;
  role: string | null;
  status: string | null;
  personLocale: string | null;
  phone: string | null;
  unitId: number | null;
  unitName: string | null;
  unitLevel: string | null;
  unitPath: string | null;
}

/**
 * Runs on every update, so it is one plain-SQL query (portable to PostgreSQL): the model query
 * with `include` costs three queries, one per table.
 */
async function findAccount(db: Db, channel: Channel, externalId: string): Promise<AccountRow | undefined> {
  const rows = await db.$queryRaw<AccountRow[]>`
    SELECT a."id", a."chatId", a."username", a."displayName", a."locale", a."blockedAt", a."lastSeenAt",
      p."id" AS "personId", p."fullName", p."role", p."status", p."locale" AS "personLocale", p."phone",
      p."unitId", u."name" AS "unitName", u."level" AS "unitLevel", u."path" AS "unitPath"
    FROM "ChannelAccount" a
    LEFT JOIN "Person" p ON p."id" = a."personId"
    LEFT JOIN "Unit" u ON u."id" = p."unitId"
    WHERE a."channel" = ${channel} AND a."externalId" = ${externalId}`;
  return rows[0];
}

type AccountWithPerson = Awaited<ReturnType<typeof updateAccount>>;

function updateAccount(db: Db, id: number, data: Prisma.ChannelAccountUpdateInput) {
  return db.channelAccount.update({ where: { id }, data, include: { person: { include: { unit: true } } } });
}

function toRow(account: AccountWithPerson): AccountRow {
  const p = account.person;
  return {
    id: account.id,
    chatId: account.chatId,
    username: account.username,
    displayName: account.displayName,
    locale: account.locale,
    blockedAt: account.blockedAt,
    lastSeenAt: account.lastSeenAt,
    personId: p?.id ?? null,
    fullName: p?.fullName ?? null,
    role: p?.role ?? null,
    status: p?.status ?? null,
    personLocale: p?.locale ?? null,
    phone: p?.phone ?? null,
    unitId: p?.unitId ?? null,
    unitName: p?.unit.name ?? null,
    unitLevel: p?.unit.level ?? null,
    unitPath: p?.unit.path ?? null,
  };
}

/**
 * Finds (or records) the messenger account behind an update and the active roster entry it is
 * linked to. Also notes that the person can be reached again if they had blocked the bot.
 */
export async function resolveIdentity(db: Db, clock: Clock, profile: ChannelProfile): Promise<Identity> {
  const now = clock.now();
  let account = await findAccount(db, profile.channel, profile.externalId);
  if (!account) {
    const key = { channel_externalId: { channel: profile.channel, externalId: profile.externalId } };
    const created = await db.channelAccount.upsert({
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
      include: { person: { include: { unit: true } } },
    });
    account = toRow(created);
  } else if (
    account.blockedAt !== null ||
    account.chatId !== profile.chatId ||
    (profile.username !== undefined && account.username !== profile.username) ||
    !account.lastSeenAt ||
    now.getTime() - account.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS
  ) {
    const updated = await updateAccount(db, account.id, {
      chatId: profile.chatId,
      username: profile.username ?? account.username,
      displayName: profile.displayName ?? account.displayName,
      blockedAt: null,
      lastSeenAt: now,
    });
    account = toRow(updated);
  }

  const a = account;
  const person: PersonView | null =
    a.personId !== null &&
    a.status === "active" &&
    a.role !== null &&
    isRole(a.role) &&
    a.unitId !== null &&
    a.unitName !== null &&
    a.unitLevel !== null &&
    a.unitPath !== null
      ? {
          id: a.personId,
          fullName: a.fullName ?? "",
          role: a.role,
          status: a.status,
          locale: a.personLocale ?? "",
          phone: a.phone,
          unitId: a.unitId,
          unitName: a.unitName,
          unitLevel: a.unitLevel,
          unitPath: a.unitPath,
        }
      : null;

  return {
    accountId: a.id,
    channel: profile.channel,
    chatId: a.chatId,
    accountLocale: a.locale,
    person,
  };
}
