import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import {
  decideAccessRequest,
  listPendingAccessRequests,
} from "../../../src/domain/access/decide-access-request.js";
import { generateActivationCodes } from "../../../src/domain/access/generate-activation-codes.js";
import { createInvite, redeemInvite } from "../../../src/domain/access/invites.js";
import { redeemActivationCode } from "../../../src/domain/access/redeem-activation-code.js";
import { submitAccessRequest } from "../../../src/domain/access/submit-access-request.js";
import { viewAccessRequest } from "../../../src/domain/access/view-access-request.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { concurrentClients } from "../../helpers/concurrent-clients.js";
import { expectNothingLeft } from "../../helpers/fail-writes.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const clock = createFakeClock();
const translator = createTranslator();
let temp: TempDb;
let nextExternalId = 760_000_000;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

const personId = async (fullName: string) =>
  (await temp.db.person.findFirstOrThrow({ where: { fullName } })).id;
const unitId = async (code: string) => (await temp.db.unit.findUniqueOrThrow({ where: { code } })).id;

/** A messenger account nobody is linked to (a stranger who opened the bot). */
async function strangerAccount(channel = "telegram"): Promise<number> {
  nextExternalId += 1;
  const id = String(nextExternalId);
  return (await temp.db.channelAccount.create({ data: { channel, externalId: id, chatId: id } })).id;
}

/** A stranger's request to work as a commune officer of Xã Lâm Trung Thủy (no head question). */
function requestInput(accountId: number, fullName = "Người Xin Quyền") {
  return { accountId, fullName, phone: null, role: "commune_officer" as const };
}

async function pendingRequest(db: Db = temp.db): Promise<number> {
  const filed = await submitAccessRequest(db, clock, translator, {
    ...requestInput(await strangerAccount()),
    unitId: await unitId("42-LTT"),
  });
  if (!filed.ok) throw new Error(filed.reason);
  return filed.requestId;
}

/** Runs the same action on two clients of the database at once, as two instances would. */
async function twice<T>(action: (db: Db) => Promise<T>): Promise<T[]> {
  const { clients, close } = concurrentClients(temp);
  try {
    return await Promise.all(clients.map(action));
  } finally {
    await close();
  }
}

describe("Rules in the database", () => {
  it("one pending access request per account: two sent at once file one; the other is told it is pending", async () => {
    const accountId = await strangerAccount();
    const commune = await unitId("42-LTT");
    const results = await twice((db) =>
      submitAccessRequest(db, clock, translator, { ...requestInput(accountId), unitId: commune }),
    );
    const filed = results.filter((r) => r.ok);
    expect(filed).toHaveLength(1);
    const requestId = filed[0]?.ok ? filed[0].requestId : 0;
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_pending", requestId }]);
    expect(await temp.db.accessRequest.count({ where: { accountId } })).toBe(1);
    // The approvers were told once, by the request that was filed.
    expect(
      await temp.db.outboxMessage.count({
        where: { idempotencyKey: { startsWith: `access-request:${requestId}:` } },
      }),
    ).toBe(1);
  });

  it("the key is the database's: a second pending row for the account is refused even without the check", async () => {
    const requestId = await pendingRequest();
    const first = await temp.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    await expect(
      temp.db.accessRequest.create({
        data: {
          accountId: first.accountId,
          fullName: "Lần hai",
          unitId: first.unitId,
          role: first.role,
          pendingKey: first.pendingKey,
        },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("a decided request frees the account's place: it may ask again", async () => {
    const requestId = await pendingRequest();
    const bình = await personId("Trần Thị Bình");
    const rejected = await decideAccessRequest(temp.db, clock, translator, bình, requestId, "reject");
    expect(rejected).toMatchObject({ ok: true, decision: "reject" });
    const request = await temp.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ status: "rejected", pendingKey: null });
    const again = await submitAccessRequest(temp.db, clock, translator, {
      ...requestInput(request.accountId),
      unitId: request.unitId,
    });
    expect(again.ok).toBe(true);
  });

  it("an account on the roster asks for nothing", async () => {
    const an = await temp.db.channelAccount.findFirstOrThrow({ where: { externalId: "710000001" } });
    expect(
      await submitAccessRequest(temp.db, clock, translator, {
        ...requestInput(an.id),
        unitId: await unitId("42-LTT"),
      }),
    ).toEqual({ ok: false, reason: "already_member" });
  });

  it("one use of a one-use invite: two people redeeming it at once, one joins, the other is told it is used", async () => {
    const em = await personId("Hoàng Văn Em");
    const invite = await createInvite(temp.db, clock, em, {
      role: "commune_officer",
      unitId: await unitId("42-DT"),
      maxUses: 1,
      validDays: 7,
    });
    if (!invite.ok) throw new Error(invite.reason);
    const accounts = [await strangerAccount(), await strangerAccount()];
    let next = 0;
    const results = await twice((db) => {
      const index = next++;
      return redeemInvite(db, clock, translator, {
        inviteId: invite.inviteId,
        accountId: accounts[index] ?? 0,
        fullName: `Người Mời ${index}`,
        phone: `+8490000010${index}`,
      });
    });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "invalid" }]);
    expect(await temp.db.invite.findUniqueOrThrow({ where: { id: invite.inviteId } })).toMatchObject({
      usedCount: 1,
    });
    expect(await temp.db.inviteUse.count({ where: { inviteId: invite.inviteId } })).toBe(1);
    expect(await temp.db.person.count({ where: { fullName: { startsWith: "Người Mời" } } })).toBe(1);
  });

  it("one redemption per activation code: two accounts sending it at once, one is linked", async () => {
    const em = await personId("Hoàng Văn Em");
    const lan = await personId("Ngô Thị Lan");
    const issued = await generateActivationCodes(temp.db, clock, em, { personIds: [lan] });
    if (!issued.ok) throw new Error(issued.reason);
    const code = await temp.db.activationCode.findFirstOrThrow({
      where: { personId: lan, usedAt: null, revokedAt: null },
    });
    const accounts = [await strangerAccount("zalo"), await strangerAccount("zalo")];
    let index = 0;
    const results = await twice((db) =>
      redeemActivationCode(db, clock, { codeId: code.id, accountId: accounts[index++] ?? 0 }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["used"]);
    expect(await temp.db.channelAccount.count({ where: { personId: lan, channel: "zalo" } })).toBe(1);
  });
});

describe("One transaction per user action", () => {
  it("a request and its notices to the approvers: a failed notice leaves no request", async () => {
    const accountId = await strangerAccount();
    const commune = await unitId("42-LTT");
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      submitAccessRequest(db, clock, translator, { ...requestInput(accountId), unitId: commune }),
    );
  });

  it("an approval with the requester's notice: a failed notice leaves the request pending and nobody created", async () => {
    const requestId = await pendingRequest();
    const bình = await personId("Trần Thị Bình");
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      decideAccessRequest(db, clock, translator, bình, requestId, "approve"),
    );
    const approved = await decideAccessRequest(temp.db, clock, translator, bình, requestId, "approve");
    expect(approved).toMatchObject({ ok: true, decision: "approve", told: true });
    expect(
      await temp.db.outboxMessage.count({
        where: { idempotencyKey: `access-request:${requestId}:decision` },
      }),
    ).toBe(1);
  });

  it("a rejection: a failed audit entry leaves the request pending", async () => {
    const requestId = await pendingRequest();
    const bình = await personId("Trần Thị Bình");
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      decideAccessRequest(db, clock, translator, bình, requestId, "reject"),
    );
  });

  it("two officers approving one request at once: it is decided once, the other is told it was decided", async () => {
    const requestId = await pendingRequest();
    const [bình, em] = [await personId("Trần Thị Bình"), await personId("Hoàng Văn Em")];
    let index = 0;
    const results = await twice((db) =>
      decideAccessRequest(db, clock, translator, index++ === 0 ? bình : em, requestId, "approve"),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const other = results.find((r) => !r.ok);
    expect(other).toMatchObject({ ok: false, reason: "already_decided", status: "approved" });
    const request = await temp.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(await temp.db.person.count({ where: { accounts: { some: { id: request.accountId } } } })).toBe(1);
    expect(
      await temp.db.auditLog.count({ where: { action: "access.approve", targetId: String(requestId) } }),
    ).toBe(1);
  });

  it("an invite redemption: a failed audit entry leaves no person, no use and the link unused", async () => {
    const em = await personId("Hoàng Văn Em");
    const invite = await createInvite(temp.db, clock, em, {
      role: "commune_officer",
      unitId: await unitId("42-TS"),
      maxUses: 1,
      validDays: 7,
    });
    if (!invite.ok) throw new Error(invite.reason);
    const accountId = await strangerAccount();
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      redeemInvite(db, clock, translator, {
        inviteId: invite.inviteId,
        accountId,
        fullName: "Người Lỡ Hẹn",
        phone: "+84900000200",
      }),
    );
  });

  it("domain functions own their permission checks: the request is shown and listed only to who may decide it", async () => {
    const requestId = await pendingRequest();
    const [khánh, an, bình] = [
      await personId("Bùi Văn Khánh"),
      await personId("Nguyễn Văn An"),
      await personId("Trần Thị Bình"),
    ];
    // Another commune's officer, a hamlet head: nothing about the request.
    expect(await viewAccessRequest(temp.db, translator, khánh, requestId, "vi")).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await viewAccessRequest(temp.db, translator, an, requestId, "vi")).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(await listPendingAccessRequests(temp.db, an, { skip: 0, take: 10 })).toEqual([0, []]);
    const [count, listed] = await listPendingAccessRequests(temp.db, khánh, { skip: 0, take: 100 });
    expect(listed.map((r) => r.id)).not.toContain(requestId);
    expect(count).toBe(listed.length);
    const view = await viewAccessRequest(temp.db, translator, bình, requestId, "vi");
    expect(view).toMatchObject({ ok: true, pending: true, fullName: "Người Xin Quyền" });
    // Bình deactivated since: the stale picture of her counts for nothing.
    await temp.db.person.update({ where: { id: bình }, data: { status: "inactive" } });
    expect(await listPendingAccessRequests(temp.db, bình, { skip: 0, take: 10 })).toEqual([0, []]);
    expect(await viewAccessRequest(temp.db, translator, bình, requestId, "vi")).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    await temp.db.person.update({ where: { id: bình }, data: { status: "active" } });
  });
});
