import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvite, createInvite, INVITE_ATTEMPTS_PER_HOUR } from "../../src/domain/access/invites.js";
import { changeRole } from "../../src/domain/people/manage-person.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());

async function actor(name: string) {
  const person = await temp.db.person.findFirstOrThrow({
    where: { fullName: name },
    include: { unit: true },
  });
  return {
    id: person.id,
    role: person.role as "commune_officer",
    status: person.status,
    unitPath: person.unit.path,
  };
}

describe("invite links", () => {
  const invitee = { ...USERS.stranger, id: 710000801, first_name: "Hà" };
  let link = "";

  it("a commune officer creates a single-use link for a hamlet head of their commune", async () => {
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:inv"));
    await t.handle(callback(USERS.communeOfficer, t.button("Trưởng thôn")));
    await t.handle(callback(USERS.communeOfficer, t.button("Thôn 3")));
    // Thôn 3 has a head (Nguyễn Văn An): the officer keeps both.
    expect(t.lastText()).toMatch(/Thôn 3, Xã Lâm Trung Thủy đã có trưởng thôn: Nguyễn Văn An/);
    await t.handle(callback(USERS.communeOfficer, t.button("Giữ cả hai")));
    await t.handle(callback(USERS.communeOfficer, t.button("1 người")));
    await t.handle(callback(USERS.communeOfficer, t.button("7 ngày")));
    const text = t.lastText();
    expect(text).toMatch(/Đã tạo lời mời: <b>Trưởng thôn<\/b> — Thôn 3, Xã Lâm Trung Thủy/);
    expect(text).toMatch(/hết hạn ngày 29\/11\/2026/);
    link = /href="([^"]+)"/.exec(text)?.[1] ?? "";
    expect(link).toMatch(/^https:\/\/t\.me\/trolygiamngheo_bot\?start=[A-Za-z0-9_-]{32}$/);
    const invite = await temp.db.invite.findFirstOrThrow();
    expect(invite.tokenHash).not.toContain(link.split("=")[1]);
    expect(await temp.db.auditLog.count({ where: { action: "invite.create" } })).toBe(1);
  });

  it("opening the link, giving a name and a verified phone binds the account to that role and unit", async () => {
    const token = link.split("=")[1] ?? "";
    t.clear();
    await t.handle(command(invitee, "start", token));
    expect(t.lastText()).toMatch(/được mời.*Trưởng thôn.*Thôn 3/s);
    await t.handle(textMessage(invitee, "Đỗ Thị Hà"));
    await t.handle(textMessage(invitee, "0977123456"));
    expect(t.lastText()).toMatch(/Cần xác minh số điện thoại/);
    await t.handle(contact(invitee, "0977123456"));
    expect(t.texts().join("\n")).toMatch(/Chào mừng bạn! Bạn đã tham gia với vai trò <b>Trưởng thôn<\/b>/);
    const person = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84977123456" },
      include: { unit: true },
    });
    expect(person).toMatchObject({ fullName: "Đỗ Thị Hà", role: "hamlet_head" });
    expect(person.unit.name).toBe("Thôn 3");
  });

  it("a used-up link gets the same answer as an unknown or expired one", async () => {
    const token = link.split("=")[1] ?? "";
    const other = { ...USERS.stranger, id: 710000802 };
    t.clear();
    await t.handle(command(other, "start", token));
    const usedUp = t.lastText();
    await t.handle(command(other, "start", "A".repeat(32)));
    expect(t.lastText()).toBe(usedUp);
    expect(usedUp).toMatch(/không hợp lệ hoặc đã hết hạn/);
  });

  it("guessing is rate-limited per account", async () => {
    const guesser = { ...USERS.stranger, id: 710000803 };
    for (let i = 0; i < INVITE_ATTEMPTS_PER_HOUR; i++) await t.handle(command(guesser, "start", `guess${i}`));
    t.clear();
    await t.handle(command(guesser, "start", "guess-again"));
    expect(t.lastText()).toMatch(/thử quá nhiều/);
    clock.advance(61 * 60_000);
    await t.handle(command(guesser, "start", "guess-later"));
    expect(t.lastText()).toMatch(/không hợp lệ hoặc đã hết hạn/);
  });

  it("expires", async () => {
    const officer = await actor("Trần Thị Bình");
    const hamlet = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT-01" } });
    const giang = await temp.db.person.findFirstOrThrow({ where: { fullName: "Võ Văn Giang" } });
    const created = await createInvite(temp.db, clock, officer.id, {
      role: "hamlet_head",
      unitId: hamlet.id,
      maxUses: 5,
      validDays: 1,
      heads: { kind: "keep_both", personIds: [giang.id] },
    });
    if (!created.ok) throw new Error("not created");
    const account = await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId: "1", chatId: "1" },
    });
    expect((await checkInvite(temp.db, clock, { token: created.token, accountId: account.id })).ok).toBe(
      true,
    );
    clock.advance(25 * 60 * 60_000);
    expect(await checkInvite(temp.db, clock, { token: created.token, accountId: account.id })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("is refused for a unit outside the creator's scope or a role they may not grant", async () => {
    const officer = await actor("Trần Thị Bình");
    const otherCommune = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT-01" } });
    const ownHamlet = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT-01" } });
    const province = await temp.db.unit.findUniqueOrThrow({ where: { code: "42" } });
    const input = { maxUses: 1, validDays: 7 };
    expect(
      await createInvite(temp.db, clock, officer.id, {
        ...input,
        role: "hamlet_head",
        unitId: otherCommune.id,
      }),
    ).toEqual({ ok: false, reason: "out_of_scope" });
    expect(
      await createInvite(temp.db, clock, officer.id, { ...input, role: "supervisor", unitId: province.id }),
    ).toEqual({ ok: false, reason: "out_of_scope" });
    expect(
      await createInvite(temp.db, clock, officer.id, { ...input, role: "trainer", unitId: ownHamlet.id }),
    ).toEqual({ ok: false, reason: "role_not_grantable" });
    expect(
      await createInvite(temp.db, clock, officer.id, {
        ...input,
        role: "commune_officer",
        unitId: ownHamlet.id,
      }),
    ).toEqual({ ok: false, reason: "unit_level_mismatch" });
  });
});

describe("managing officers", () => {
  it("a commune officer unlinks a hamlet head's Telegram account; the person re-links from a new account", async () => {
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:ppl"));
    await t.handle(textMessage(USERS.communeOfficer, "nguyen van an"));
    await t.handle(callback(USERS.communeOfficer, t.button("Nguyễn Văn An")));
    expect(t.lastText()).toMatch(/Telegram: đã kết nối/);
    // A commune officer may not change roles or deactivate.
    expect(() => t.button("Đổi vai trò")).toThrow();
    await t.handle(callback(USERS.communeOfficer, t.button("Gỡ kết nối Telegram")));
    await t.handle(callback(USERS.communeOfficer, t.button("Đồng ý")));
    expect(t.texts().join("\n")).toMatch(/Đã gỡ kết nối/);
    const newPhoneAccount = { ...USERS.stranger, id: 710000901, first_name: "An (máy mới)" };
    t.clear();
    await t.handle(contact(newPhoneAccount, "0912000001"));
    expect(t.texts().join("\n")).toMatch(/Chào Nguyễn Văn An!/);
    expect(await temp.db.auditLog.count({ where: { action: "account.unlink" } })).toBe(1);
    await t.handle(command(USERS.communeOfficer, "cancel"));
  });

  it("a commune officer finds only people in their commune", async () => {
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:ppl"));
    await t.handle(textMessage(USERS.communeOfficer, "Ngô Thị Lan"));
    expect(t.lastText()).toMatch(/Không tìm thấy ai/);
    await t.handle(command(USERS.communeOfficer, "cancel"));
  });

  it("an admin changes a role and deactivates a person, who is then told their access was turned off", async () => {
    t.clear();
    await t.handle(callback(USERS.admin, "m:ppl"));
    await t.handle(textMessage(USERS.admin, "0912000002"));
    await t.handle(callback(USERS.admin, t.button("Trần Thị Bình")));
    await t.handle(callback(USERS.admin, t.button("Ngừng hoạt động")));
    await t.handle(callback(USERS.admin, t.button("Đồng ý")));
    expect(t.texts().join("\n")).toMatch(/Đã cho ngừng hoạt động/);
    const reactivate = t.button("Kích hoạt lại");
    t.clear();
    await t.handle(command(USERS.communeOfficer, "start"));
    expect(t.texts().join("\n")).toMatch(/Quyền truy cập <b>Trợ lý Giảm nghèo<\/b> của bạn đã bị tắt/);
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:acc"));
    expect(t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text).toMatch(
      /Quyền truy cập của bạn đã bị tắt/,
    );

    await t.handle(callback(USERS.admin, reactivate));
    await t.handle(callback(USERS.admin, t.button("Đồng ý")));
    await t.handle(callback(USERS.admin, t.button("Đổi vai trò")));
    // A trainer may work at a commune: no other unit needed.
    await t.handle(callback(USERS.admin, t.button("Giảng viên")));
    expect(t.texts().join("\n")).toMatch(/Đã đổi vai trò/);
    const audit = await temp.db.auditLog.findMany({ where: { action: { startsWith: "person." } } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["person.deactivate", "person.reactivate", "person.role_change"]),
    );
    await t.handle(command(USERS.admin, "cancel"));
  });
});

describe("Admins can change any role within the rules", () => {
  const person = (fullName: string) =>
    temp.db.person.findFirstOrThrow({ where: { fullName }, include: { unit: true } });

  it("a hamlet head is promoted to commune officer, choosing the commune in the same flow; one audit entry", async () => {
    const an = await person("Nguyễn Văn An");
    const auditBefore = await temp.db.auditLog.count({
      where: { targetType: "Person", targetId: String(an.id) },
    });
    t.clear();
    await t.handle(callback(USERS.admin, "m:ppl"));
    await t.handle(textMessage(USERS.admin, "Nguyễn Văn An"));
    await t.handle(callback(USERS.admin, t.button("Nguyễn Văn An")));
    await t.handle(callback(USERS.admin, t.button("Đổi vai trò")));
    // Every role the admin may grant, not only those of a hamlet.
    for (const role of ["Cán bộ xã", "Giảng viên", "Lãnh đạo", "Quản trị viên"])
      expect(t.button(role)).toBeTruthy();
    await t.handle(callback(USERS.admin, t.button("Cán bộ xã")));
    expect(t.lastText()).toMatch(/Cán bộ xã thuộc cấp đơn vị khác. Chọn đơn vị mới của Nguyễn Văn An/);
    // Only communes are offered (typed, as on a messenger without buttons).
    const picker = t.recent().at(-1)?.payload.reply_markup as { inline_keyboard: { text: string }[][] };
    const offered = picker.inline_keyboard.flat().map((b) => b.text.replace(/^\d+\. /, ""));
    expect(offered.sort()).toEqual(["Phường Thành Sen", "Xã Lâm Trung Thủy", "Xã Đức Thọ", "✖️ Hủy"].sort());
    await t.handle(textMessage(USERS.admin, "Xã Lâm Trung Thủy"));
    expect(t.texts().join("\n")).toMatch(/Đã đổi vai trò thành Cán bộ xã — Xã Lâm Trung Thủy/);

    const after = await person("Nguyễn Văn An");
    expect(after.role).toBe("commune_officer");
    expect(after.unit.code).toBe("42-LTT");
    const entries = await temp.db.auditLog.findMany({
      where: { targetType: "Person", targetId: String(an.id) },
      orderBy: { id: "asc" },
    });
    expect(entries).toHaveLength(auditBefore + 1);
    expect(entries.at(-1)).toMatchObject({
      action: "person.role_change",
      details: {
        before: "hamlet_head",
        after: "commune_officer",
        unitBefore: an.unitId,
        unitAfter: after.unitId,
      },
    });
    await t.handle(command(USERS.admin, "cancel"));
  });

  it("the rules stay: the unit must fit the role, the actor may grant it, and nobody changes themselves", async () => {
    const admin = await person("Hoàng Văn Em");
    const asAdmin = { id: admin.id, role: "admin" as const, status: "active", unitPath: admin.unit.path };
    const khánh = await person("Bùi Văn Khánh");
    const hamlet = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT-01" } });
    const commune = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT" } });
    // A hamlet head's role needs a hamlet: none given, or a commune, is refused.
    expect(await changeRole(temp.db, clock, asAdmin.id, khánh.id, "hamlet_head")).toEqual({
      ok: false,
      reason: "unit_level_mismatch",
    });
    expect(
      await changeRole(temp.db, clock, asAdmin.id, khánh.id, "hamlet_head", { unitId: commune.id }),
    ).toEqual({
      ok: false,
      reason: "unit_level_mismatch",
    });
    // Thôn Yên Trung has a head: the admin must decide about her.
    const lan = await person("Ngô Thị Lan");
    expect(
      await changeRole(temp.db, clock, asAdmin.id, khánh.id, "hamlet_head", { unitId: hamlet.id }),
    ).toMatchObject({
      ok: false,
      reason: "unit_has_head",
      heads: [{ id: lan.id, fullName: "Ngô Thị Lan" }],
    });
    expect(
      await changeRole(temp.db, clock, asAdmin.id, khánh.id, "hamlet_head", {
        unitId: hamlet.id,
        heads: { kind: "keep_both", personIds: [lan.id] },
      }),
    ).toEqual({ ok: true });
    expect((await person("Bùi Văn Khánh")).unit.code).toBe("42-DT-01");
    expect(await changeRole(temp.db, clock, asAdmin.id, admin.id, "supervisor")).toEqual({
      ok: false,
      reason: "self",
    });
    const bình = await person("Trần Thị Bình");
    const asOfficer = {
      id: bình.id,
      role: "commune_officer" as const,
      status: "active",
      unitPath: bình.unit.path,
    };
    expect(
      await changeRole(temp.db, clock, asOfficer.id, khánh.id, "commune_officer", { unitId: commune.id }),
    ).toEqual({
      ok: false,
      reason: "not_allowed",
    });
  });
});
