import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  newActivationCode,
  readActivationCode,
} from "../../../src/domain/access/activation-code.js";
import { buildActivationSheet } from "../../../src/domain/access/build-activation-sheet.js";
import { checkActivationCode } from "../../../src/domain/access/check-activation-code.js";
import { createLinkCode } from "../../../src/domain/access/create-link-code.js";
import { generateActivationCodes } from "../../../src/domain/access/generate-activation-codes.js";
import { listPeopleToActivate } from "../../../src/domain/access/list-people-to-activate.js";
import { redeemActivationCode } from "../../../src/domain/access/redeem-activation-code.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

let temp: TempDb;
const clock = createFakeClock();
const DAY = 24 * 60 * 60_000;
let externalId = 900_000;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

const personId = async (fullName: string) =>
  (await temp.db.person.findFirstOrThrow({ where: { fullName } })).id;

/** A fresh Zalo account nobody is linked to (as the identity middleware would create it). */
async function zaloAccount(): Promise<number> {
  externalId += 1;
  const account = await temp.db.channelAccount.create({
    data: {
      channel: "zalo",
      externalId: String(externalId),
      chatId: String(externalId),
      lastSeenAt: clock.now(),
    },
  });
  return account.id;
}

async function issue(actor: string, people: string[]) {
  const ids = await Promise.all(people.map(personId));
  const result = await generateActivationCodes(temp.db, clock, await personId(actor), { personIds: ids });
  if (!result.ok) throw new Error(`not issued: ${result.reason}`);
  return result.codes;
}

describe("activation codes: wrong, expired, reused, rate limit, out-of-scope generation refused", () => {
  it("codes are 8 unambiguous characters with a digit, read in any case with or without the dash", () => {
    for (let i = 0; i < 200; i++) {
      const code = newActivationCode();
      expect(code).toMatch(/^[A-Z0-9]{8}$/);
      expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
      expect(code).toMatch(/\d/);
      expect(CODE_ALPHABET).not.toMatch(/[0O1I]/);
    }
    expect(readActivationCode("abcd-ef23")).toBe("ABCDEF23");
    expect(readActivationCode(" AbCd EF23 ")).toBe("ABCDEF23");
    expect(readActivationCode("abcdef23")).toBe("ABCDEF23");
    // A word of eight letters is not taken for a code, nor a phone number, nor a 0/O.
    expect(readActivationCode("thanhhoa")).toBeNull();
    expect(readActivationCode("0912000001")).toBeNull();
    expect(readActivationCode("ABCD-EF20")).toBeNull();
  });

  it("a code stores only its hash, and links the account to its person once", async () => {
    const [issued] = await issue("Trần Thị Bình", ["Võ Văn Giang"]);
    expect(issued?.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const row = await temp.db.activationCode.findFirstOrThrow({
      where: { personId: await personId("Võ Văn Giang") },
    });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(issued?.code.replace("-", ""));
    expect(row.expiresAt.getTime() - clock.now().getTime()).toBe(30 * DAY);

    const account = await zaloAccount();
    const typed = readActivationCode(issued?.code.toLowerCase() ?? "");
    const checked = await checkActivationCode(temp.db, clock, { code: typed, accountId: account });
    expect(checked).toMatchObject({ ok: true, holder: { fullName: "Võ Văn Giang", role: "hamlet_head" } });
    if (!checked.ok) return;
    expect(checked.holder.unitLabel).toBe("Thôn 1, Xã Lâm Trung Thủy");
    const redeemed = await redeemActivationCode(temp.db, clock, {
      codeId: checked.codeId,
      accountId: account,
    });
    expect(redeemed.ok).toBe(true);
    const linked = await temp.db.channelAccount.findUniqueOrThrow({ where: { id: account } });
    expect(linked.personId).toBe(await personId("Võ Văn Giang"));
    const audit = await temp.db.auditLog.findFirstOrThrow({
      where: { action: "account.link", targetId: String(account) },
    });
    expect(audit.details).toMatchObject({ via: "activation_code", channel: "zalo" });
    // Nobody is notified of a link (the superiors are not spammed).
    expect(await temp.db.outboxMessage.count()).toBe(0);

    // Reused: by another account, the code says it was used.
    const other = await zaloAccount();
    expect(await checkActivationCode(temp.db, clock, { code: typed, accountId: other })).toEqual({
      ok: false,
      reason: "used",
    });
  });

  it("wrong, expired and withdrawn codes each say so", async () => {
    const account = await zaloAccount();
    expect(await checkActivationCode(temp.db, clock, { code: "ABCDEF23", accountId: account })).toEqual({
      ok: false,
      reason: "wrong",
    });
    const [first] = await issue("Hoàng Văn Em", ["Đặng Thị Hoa"]);
    const [second] = await issue("Hoàng Văn Em", ["Đặng Thị Hoa"]);
    const read = (code: string | undefined) => readActivationCode(code ?? "");
    expect(
      await checkActivationCode(temp.db, clock, { code: read(first?.code), accountId: account }),
    ).toEqual({
      ok: false,
      reason: "revoked",
    });
    clock.advance(31 * DAY);
    try {
      expect(
        await checkActivationCode(temp.db, clock, { code: read(second?.code), accountId: account }),
      ).toEqual({ ok: false, reason: "expired" });
    } finally {
      clock.advance(-31 * DAY);
    }
  });

  it("after 5 failures in an hour an account is refused, even with a right code, until the hour has passed", async () => {
    const account = await zaloAccount();
    for (let i = 0; i < 5; i++) {
      const result = await checkActivationCode(temp.db, clock, {
        code: `WRNG${i + 2}AAA`,
        accountId: account,
      });
      expect(result).toEqual({ ok: false, reason: "wrong" });
    }
    const [issued] = await issue("Bùi Văn Khánh", ["Ngô Thị Lan"]);
    const code = readActivationCode(issued?.code ?? "");
    expect(await checkActivationCode(temp.db, clock, { code, accountId: account })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    // Another account is not held back by this one's failures.
    expect((await checkActivationCode(temp.db, clock, { code, accountId: await zaloAccount() })).ok).toBe(
      true,
    );
    clock.advance(61 * 60_000);
    expect((await checkActivationCode(temp.db, clock, { code, accountId: account })).ok).toBe(true);
  });

  it("a deactivated person's code never links or reactivates; a person linked on this channel is not taken over", async () => {
    const [issued] = await issue("Bùi Văn Khánh", ["Đinh Văn Minh"]);
    const minh = await personId("Đinh Văn Minh");
    await temp.db.person.update({ where: { id: minh }, data: { status: "inactive" } });
    const code = readActivationCode(issued?.code ?? "");
    const refused = await checkActivationCode(temp.db, clock, { code, accountId: await zaloAccount() });
    expect(refused).toMatchObject({
      ok: false,
      reason: "inactive",
      contacts: [{ fullName: "Bùi Văn Khánh" }],
    });
    expect((await temp.db.person.findUniqueOrThrow({ where: { id: minh } })).status).toBe("inactive");
    // Deactivated between the check and the confirmation: the redemption refuses too.
    await temp.db.person.update({ where: { id: minh }, data: { status: "active" } });
    const account = await zaloAccount();
    const checked = await checkActivationCode(temp.db, clock, { code, accountId: account });
    if (!checked.ok) throw new Error(checked.reason);
    await temp.db.person.update({ where: { id: minh }, data: { status: "inactive" } });
    expect(
      await redeemActivationCode(temp.db, clock, { codeId: checked.codeId, accountId: account }),
    ).toMatchObject({
      ok: false,
      reason: "inactive",
    });
    expect((await temp.db.channelAccount.findUniqueOrThrow({ where: { id: account } })).personId).toBeNull();
    await temp.db.person.update({ where: { id: minh }, data: { status: "active" } });

    // Linked on Zalo already by another account: refused, with whom to contact.
    const first = await zaloAccount();
    const ok = await checkActivationCode(temp.db, clock, { code, accountId: first });
    if (!ok.ok) throw new Error(ok.reason);
    expect((await redeemActivationCode(temp.db, clock, { codeId: ok.codeId, accountId: first })).ok).toBe(
      true,
    );
    const [again] = await issue("Bùi Văn Khánh", ["Đinh Văn Minh"]);
    const second = await checkActivationCode(temp.db, clock, {
      code: readActivationCode(again?.code ?? ""),
      accountId: await zaloAccount(),
    });
    expect(second).toMatchObject({
      ok: false,
      reason: "linked_elsewhere",
      contacts: [{ fullName: "Bùi Văn Khánh" }],
    });
  });

  it("out-of-scope generation is refused: another commune, a role the officer may not grant, or no right at all", async () => {
    const binh = await personId("Trần Thị Bình"); // commune officer, Xã Lâm Trung Thủy
    const lan = await personId("Ngô Thị Lan"); // hamlet head, Xã Đức Thọ
    const cuong = await personId("Lê Văn Cường"); // trainer, province
    const an = await personId("Nguyễn Văn An");
    const before = await temp.db.activationCode.count();
    expect(await generateActivationCodes(temp.db, clock, binh, { personIds: [an, lan] })).toMatchObject({
      ok: false,
      reason: "out_of_scope",
      personId: lan,
    });
    expect(await generateActivationCodes(temp.db, clock, binh, { personIds: [cuong] })).toMatchObject({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await generateActivationCodes(temp.db, clock, an, { personIds: [an] })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(await generateActivationCodes(temp.db, clock, cuong, { personIds: [an] })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    // Nothing was written by the refusals; the admin may issue for anyone.
    expect(await temp.db.activationCode.count()).toBe(before);
    const admin = await personId("Hoàng Văn Em");
    expect((await generateActivationCodes(temp.db, clock, admin, { personIds: [cuong, lan] })).ok).toBe(true);
    // An officer deactivated since cannot issue, and the codes they issued stop working.
    const [issued] = await issue("Trần Thị Bình", ["Nguyễn Văn An"]);
    await temp.db.person.update({ where: { id: binh }, data: { status: "inactive" } });
    try {
      expect(await generateActivationCodes(temp.db, clock, binh, { personIds: [an] })).toEqual({
        ok: false,
        reason: "not_allowed",
      });
      expect(
        await checkActivationCode(temp.db, clock, {
          code: readActivationCode(issued?.code ?? ""),
          accountId: await zaloAccount(),
        }),
      ).toEqual({ ok: false, reason: "revoked" });
    } finally {
      await temp.db.person.update({ where: { id: binh }, data: { status: "active" } });
    }
  });

  it("the people to activate on Zalo are those in scope without a Zalo account, and the sheet lists them with their codes", async () => {
    const binh = await personId("Trần Thị Bình");
    const ids = await listPeopleToActivate(temp.db, binh, { channel: "zalo" });
    const names = (await temp.db.person.findMany({ where: { id: { in: ids ?? [] } } })).map(
      (p) => p.fullName,
    );
    // Her commune's hamlet heads without Zalo, and herself; not Giang (linked on Zalo above),
    // nobody of another commune, no trainer.
    expect(names.sort()).toEqual(["Nguyễn Văn An", "Trần Thị Bình", "Đặng Thị Hoa"].sort());
    expect(
      await listPeopleToActivate(temp.db, await personId("Nguyễn Văn An"), { channel: "zalo" }),
    ).toBeNull();

    const result = await generateActivationCodes(temp.db, clock, binh, { personIds: ids ?? [] });
    if (!result.ok) throw new Error(result.reason);
    const data = await buildActivationSheet(result.codes, {
      translator: createTranslator("vi"),
      locale: "vi",
      timeZone: "Asia/Ho_Chi_Minh",
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(String(rows[0]?.[0])).toMatch(/gửi mã của mình rồi xác nhận họ tên.*22\/12\/2026/);
    expect(rows[1]).toEqual(["Họ và tên", "Vai trò", "Đơn vị", "Số điện thoại", "Mã kích hoạt", "Hết hạn"]);
    const an = rows.find((row) => row[0] === "Nguyễn Văn An");
    const anCode = result.codes.find((c) => c.fullName === "Nguyễn Văn An")?.code;
    expect(an).toEqual([
      "Nguyễn Văn An",
      "Trưởng thôn",
      "Thôn 3, Xã Lâm Trung Thủy",
      "0912 000 001",
      anCode,
      "22/12/2026",
    ]);
    expect(rows).toHaveLength(2 + 3);
  });

  it("a linked person's link code lasts 15 minutes and links their other messenger to the same person", async () => {
    const an = await personId("Nguyễn Văn An");
    const made = await createLinkCode(temp.db, clock, { personId: an, otherChannel: "zalo" });
    if (!made.ok) throw new Error(made.reason);
    expect(made.expiresAt.getTime() - clock.now().getTime()).toBe(15 * 60_000);
    const account = await zaloAccount();
    clock.advance(16 * 60_000);
    expect(
      await checkActivationCode(temp.db, clock, { code: readActivationCode(made.code), accountId: account }),
    ).toEqual({ ok: false, reason: "expired" });
    const fresh = await createLinkCode(temp.db, clock, { personId: an, otherChannel: "zalo" });
    if (!fresh.ok) throw new Error(fresh.reason);
    const checked = await checkActivationCode(temp.db, clock, {
      code: readActivationCode(fresh.code),
      accountId: account,
    });
    if (!checked.ok) throw new Error(checked.reason);
    expect(
      (await redeemActivationCode(temp.db, clock, { codeId: checked.codeId, accountId: account })).ok,
    ).toBe(true);
    const accounts = await temp.db.channelAccount.findMany({
      where: { personId: an },
      orderBy: { channel: "asc" },
    });
    expect(accounts.map((a) => a.channel)).toEqual(["telegram", "zalo"]);
    expect(await createLinkCode(temp.db, clock, { personId: an, otherChannel: "zalo" })).toEqual({
      ok: false,
      reason: "already_linked",
    });
  });
});
