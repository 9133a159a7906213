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

/**
 * Where the person behind an account stands, which decides what they are told first:
 * - `member`: linked to an active roster entry (`person` is set);
 * - `inactive`: linked to a deactivated roster entry, or their verified phone is one — their
 *   access was turned off, and they are told whom to contact;
 * - `unverified`: not linked and no verified phone that settles it (never shared, or it matches
 *   an active roster entry they are not linked to) — they are asked to verify by phone first,
 *   since the phone is the only thing that tells a rostered officer from a stranger;
 * - `stranger`: their verified phone is not on the roster — they may request access.
 */
export type Standing = "member" | "inactive" | "unverified" | "stranger";

export interface Identity {
  accountId: number;
  channel: Channel;
  chatId: string;
  /** The account's own locale choice (used while no person is linked). */
  accountLocale: string | null;
  /** The roster entry, only when linked and active: a deactivated person is not a member. */
  person: PersonView | null;
  standing: Standing;
  /** Unit of the deactivated roster entry (standing `inactive`), to find whom they may contact. */
  inactiveUnitPath: string | null;
  /** The account was created by this update: the person's very first message to the bot. */
  firstContact: boolean;
}

/**
 * Writing to the account on every update would be wasteful; refresh "last seen" this often —
 * and at once when the person's account on another messenger was seen since, so that the
 * account used last always has the latest `lastSeenAt` (notices go there: enqueueForPerson).
 */
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
  verifiedPhone: string | null;
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
  /** The roster entry with the account's verified phone, when the account is not linked. */
  phoneStatus: string | null;
  phoneUnitPath: string | null;
  /**
   * The person's account on another messenger was seen at or after this one's last recorded
   * sight (1/true): this update makes this account the one used last, so it is recorded now.
   */
  seenElsewhere: number | bigint | boolean | null;
}

/**
 * Runs on every update, so it is one plain-SQL query (portable to PostgreSQL): the model query
 * with `include` costs a query per table. The roster entry matching the verified phone is only
 * joined for accounts without a linked person (strangers, the unlinked, the deactivated).
 */
async function findAccount(db: Db, channel: Channel, externalId: string): Promise<AccountRow | undefined> {
  const rows = await db.$queryRaw<AccountRow[]>`
    SELECT a."id", a."chatId", a."username", a."displayName", a."locale", a."blockedAt", a."lastSeenAt",
      a."verifiedPhone",
      p."id" AS "personId", p."fullName", p."role", p."status", p."locale" AS "personLocale", p."phone",
      p."unitId", u."name" AS "unitName", u."level" AS "unitLevel", u."path" AS "unitPath",
      vp."status" AS "phoneStatus", vu."path" AS "phoneUnitPath",
      EXISTS (SELECT 1 FROM "ChannelAccount" o
        WHERE o."personId" = a."personId" AND o."id" <> a."id"
          AND o."lastSeenAt" >= COALESCE(a."lastSeenAt", o."lastSeenAt")) AS "seenElsewhere"
    FROM "ChannelAccount" a
    LEFT JOIN "Person" p ON p."id" = a."personId"
    LEFT JOIN "Unit" u ON u."id" = p."unitId"
    LEFT JOIN "Person" vp ON a."personId" IS NULL AND vp."phone" = a."verifiedPhone"
    LEFT JOIN "Unit" vu ON vu."id" = vp."unitId"
    WHERE a."channel" = ${channel} AND a."externalId" = ${externalId}`;
  return rows[0];
}

/**
 * Finds (or records) the messenger account behind an update and the active roster entry it is
 * linked to. Also notes that the person can be reached again if they had blocked the bot.
 */
export async function resolveIdentity(db: Db, clock: Clock, profile: ChannelProfile): Promise<Identity> {
  const now = clock.now();
  let account = await findAccount(db, profile.channel, profile.externalId);
  const firstContact = account === undefined;
  if (!account) {
    const key = { channel_externalId: { channel: profile.channel, externalId: profile.externalId } };
    await db.channelAccount.upsert({
      where: key,
      create: {
        channel: profile.channel,
        externalId: profile.externalId,
        chatId: profile.chatId,
        username: profile.username ?? null,
        displayName: profile.displayName ?? null,
        lastSeenAt: now,
        lastInboundAt: now,
      },
      update: {},
    });
    // Read back the same way (another instance may have created it a moment earlier).
    account = await findAccount(db, profile.channel, profile.externalId);
    if (!account) throw new Error(`account ${profile.channel}:${profile.externalId} vanished`);
  } else if (
    account.blockedAt !== null ||
    account.chatId !== profile.chatId ||
    (profile.username !== undefined && account.username !== profile.username) ||
    !account.lastSeenAt ||
    Number(account.seenElsewhere ?? 0) > 0 ||
    now.getTime() - account.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS
  ) {
    const changes = {
      chatId: profile.chatId,
      username: profile.username ?? account.username,
      displayName: profile.displayName ?? account.displayName,
      blockedAt: null,
      lastSeenAt: now,
      // Every update is the person writing or tapping (an inbound interaction). Recorded with the
      // same resolution as lastSeenAt: at most 5 minutes early, so the send policy's windows
      // close a little early, never late (no paid message taken for a free one).
      lastInboundAt: now,
    };
    await db.channelAccount.update({ where: { id: account.id }, data: changes });
    account = { ...account, ...changes };
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
    ...standingOf(a, person),
    firstContact,
  };
}

function standingOf(
  a: AccountRow,
  person: PersonView | null,
): { standing: Standing; inactiveUnitPath: string | null } {
  if (person) return { standing: "member", inactiveUnitPath: null };
  if (a.personId !== null) return { standing: "inactive", inactiveUnitPath: a.unitPath };
  if (a.phoneStatus !== null && a.phoneStatus !== "active") {
    return { standing: "inactive", inactiveUnitPath: a.phoneUnitPath };
  }
  if (a.verifiedPhone !== null && a.phoneStatus === null)
    return { standing: "stranger", inactiveUnitPath: null };
  return { standing: "unverified", inactiveUnitPath: null };
}
