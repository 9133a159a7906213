import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const officer = USERS.communeOfficer; // Trần Thị Bình, Xã Lâm Trung Thủy
const admin = USERS.admin; // Hoàng Văn Em, the province

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());

const person = (phone: string) =>
  temp.db.person.findUniqueOrThrow({ where: { phone }, include: { unit: true, accounts: true } });
const setStatus = (phone: string, status: "active" | "inactive") =>
  temp.db.person.update({ where: { phone }, data: { status } });
const sentTo = (chatId: number) =>
  t
    .recent()
    .filter((c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(chatId))
    .map((c) => String(c.payload.text));
const said = () => t.texts().join("\n");

/** The commune officer makes a 5-use hamlet-head link for Thôn 1 (it has a head: keep both). */
async function hamletHeadInvite(): Promise<string> {
  t.clear();
  await t.handle(callback(officer, "m:inv"));
  await t.handle(callback(officer, t.button("Trưởng thôn")));
  await t.handle(callback(officer, t.button("Thôn 1")));
  await t.handle(callback(officer, t.button("Giữ cả hai")));
  await t.handle(callback(officer, t.button("5 người")));
  await t.handle(callback(officer, t.button("7 ngày")));
  const token = /start=([A-Za-z0-9_-]+)/.exec(t.lastText())?.[1];
  if (!token) throw new Error(`no invite link in: ${t.lastText()}`);
  return token;
}

/** Opens the link, gives a name and shares the phone (the contact button). */
async function redeem(user: typeof officer, token: string, name: string, phone: string) {
  t.clear();
  await t.handle(command(user, "start", token));
  await t.handle(textMessage(user, name));
  await t.handle(contact(user, phone));
}

describe("Deactivation cannot be undone from outside", () => {
  let token = "";

  beforeAll(async () => {
    token = await hamletHeadInvite();
  });

  it("a deactivated trainer who opens a hamlet-head invite stays deactivated; the inviter is told", async () => {
    await setStatus("+84912000003", "inactive"); // Lê Văn Cường, trainer of the province
    await redeem(USERS.trainer, token, "Lê Văn Cường", "0912000003");
    expect(said()).toMatch(
      /Quyền truy cập của cán bộ có số 0912 000 003 đã bị tắt; lời mời không mở lại được quyền này\. Nếu cần dùng lại, hãy liên hệ <b>Hoàng Văn Em<\/b>/,
    );
    expect(said()).not.toMatch(/Chào mừng/);
    const cuong = await person("+84912000003");
    expect(cuong).toMatchObject({ status: "inactive", role: "trainer" });
    expect(cuong.unit.code).toBe("42");
    // The link keeps its use, and the refusal is in the audit log as what happened.
    const invite = await temp.db.invite.findFirstOrThrow();
    expect(invite.usedCount).toBe(0);
    expect(await temp.db.auditLog.count({ where: { action: "invite.redeem" } })).toBe(0);
    const refused = await temp.db.auditLog.findFirstOrThrow({ where: { action: "invite.refused" } });
    expect(refused).toMatchObject({ targetId: String(invite.id), details: { reason: "inactive" } });
    // The officer who made the link learns why it did not work.
    t.clear();
    await t.flushOutbox();
    expect(sentTo(officer.id).join("\n")).toMatch(
      /Lời mời <b>Trưởng thôn<\/b> — Thôn 1, Xã Lâm Trung Thủy của bạn vừa được mở bằng số 0912 000 003 \(Lê Văn Cường\) nhưng không được nhận: số này thuộc một cán bộ đã bị ngừng hoạt động/,
    );
    // Still told where they stand afterwards.
    t.clear();
    await t.handle(command(USERS.trainer, "start"));
    expect(said()).toMatch(/của bạn đã bị tắt/);
  });

  it("a deactivated administrator who opens the same link does not become administrator again", async () => {
    await setStatus("+84912000005", "inactive");
    await redeem(admin, token, "Hoàng Văn Em", "0912000005");
    expect(said()).toMatch(/Quyền truy cập của cán bộ có số 0912 000 005 đã bị tắt/);
    expect(await person("+84912000005")).toMatchObject({ status: "inactive", role: "admin" });
    expect((await temp.db.invite.findFirstOrThrow()).usedCount).toBe(0);
    await setStatus("+84912000005", "active");
  });

  it("an active officer's number cannot take another role or unit through an invite", async () => {
    // Bùi Văn Khánh, commune officer of Xã Đức Thọ, on the roster but not yet using the bot.
    const khanh = { ...USERS.stranger, id: 710000321, first_name: "Khánh" };
    await redeem(khanh, token, "Bùi Văn Khánh", "0912000021");
    expect(said()).toMatch(
      /Số 0912 000 021 đã có trong danh sách cán bộ: <b>Cán bộ xã<\/b> — Xã Đức Thọ, Tỉnh Hà Tĩnh\. Lời mời \(<b>Trưởng thôn<\/b> — Thôn 1, Xã Lâm Trung Thủy\) không đổi được vai trò hay đơn vị/,
    );
    expect(said()).toMatch(/hãy liên hệ <b>Trần Thị Bình<\/b>, người gửi lời mời/);
    const after = await person("+84912000021");
    expect(after).toMatchObject({ role: "commune_officer", status: "active" });
    expect(after.unit.code).toBe("42-DT");
    expect(after.accounts).toHaveLength(0);
    expect((await temp.db.invite.findFirstOrThrow()).usedCount).toBe(0);
    t.clear();
    await t.flushOutbox();
    expect(sentTo(officer.id).join("\n")).toMatch(
      /0912 000 021 \(Bùi Văn Khánh\) nhưng không được nhận: số này đã có trong danh sách cán bộ với vai trò hoặc đơn vị khác/,
    );
  });

  it("a newcomer gets exactly the invite's role and unit, and the audit says so", async () => {
    const newcomer = { ...USERS.stranger, id: 710000322, first_name: "Tâm" };
    await redeem(newcomer, token, "Phan Thị Tâm", "0977000322");
    expect(said()).toMatch(/Chào mừng bạn! Bạn đã tham gia với vai trò <b>Trưởng thôn<\/b> — Thôn 1/);
    const tam = await person("+84977000322");
    expect(tam).toMatchObject({ role: "hamlet_head", status: "active" });
    expect(tam.unit.code).toBe("42-LTT-01");
    const audit = await temp.db.auditLog.findFirstOrThrow({ where: { action: "invite.redeem" } });
    expect(audit).toMatchObject({
      actorId: tam.id,
      unitId: tam.unitId,
      details: { role: "hamlet_head", unitId: tam.unitId, personId: tam.id, created: true },
    });
    expect((await temp.db.invite.findFirstOrThrow()).usedCount).toBe(1);
  });

  it("an invite stops working when its creator may no longer grant it", async () => {
    const fresh = await hamletHeadInvite();
    await setStatus("+84912000002", "inactive");
    const other = { ...USERS.stranger, id: 710000323, first_name: "Hùng" };
    t.clear();
    await t.handle(command(other, "start", fresh));
    expect(said()).toMatch(/Liên kết mời không hợp lệ hoặc đã hết hạn/);
    expect(await temp.db.person.count({ where: { fullName: "Lê Văn Hùng" } })).toBe(0);
    await setStatus("+84912000002", "active");
  });

  describe("an access request never reactivates anyone", () => {
    const dung = USERS.supervisor; // Phạm Thị Dung, supervisor of the province
    let requestId = 0;

    beforeAll(async () => {
      // Her account was unlinked (a new phone) but keeps the number Telegram verified.
      await temp.db.channelAccount.update({
        where: { channel_externalId: { channel: "telegram", externalId: String(dung.id) } },
        data: { personId: null, verifiedPhone: "+84912000004" },
      });
      t.clear();
      await t.handle(callback(dung, "m:req"));
      await t.handle(textMessage(dung, "Phạm Thị Dung"));
      expect(said()).toMatch(/0912 000 004 \(đã xác minh\)/);
      await t.handle(callback(dung, t.button("Trưởng thôn")));
      await t.handle(callback(dung, t.button("Xã Lâm Trung Thủy")));
      await t.handle(callback(dung, t.button("Thôn 3")));
      await t.handle(callback(dung, t.button("Gửi yêu cầu")));
      expect(t.lastText()).toMatch(/Đã gửi yêu cầu/);
      requestId = (await temp.db.accessRequest.findFirstOrThrow({ where: { fullName: "Phạm Thị Dung" } })).id;
      // Then she is deactivated, before anyone decides.
      await setStatus("+84912000004", "inactive");
    });

    it("the commune officer's approval is refused with why, and how a deliberate reactivation goes", async () => {
      t.clear();
      await t.handle(callback(officer, `acc:a:${requestId}`));
      expect(said()).toMatch(
        /Chưa duyệt: số 0912 000 004 thuộc một cán bộ ngoài phạm vi bạn phụ trách, người đã bị ngừng hoạt động\. Duyệt yêu cầu không mở lại quyền truy cập đã bị tắt\./,
      );
      expect(said()).toMatch(/hãy nhờ quản trị viên kích hoạt lại trong 👥 Quản lý cán bộ/);
      expect(await person("+84912000004")).toMatchObject({ status: "inactive", role: "supervisor" });
      const request = await temp.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
      expect(request.status).toBe("pending");
      expect(await temp.db.auditLog.count({ where: { action: "access.approve" } })).toBe(0);
    });

    it("an administrator is offered her record in people management, where reactivating is deliberate", async () => {
      t.clear();
      await t.handle(callback(admin, `acc:a:${requestId}`));
      expect(said()).toMatch(
        /Chưa duyệt: số 0912 000 004 thuộc <b>Phạm Thị Dung<\/b> \(Lãnh đạo — Tỉnh Hà Tĩnh\), người đã bị ngừng hoạt động/,
      );
      expect(await person("+84912000004")).toMatchObject({ status: "inactive" });
      await t.handle(callback(admin, t.button("Mở hồ sơ Phạm Thị Dung")));
      expect(t.lastText()).toMatch(/Phạm Thị Dung.*Lãnh đạo.*Trạng thái: ngừng hoạt động/s);
      await t.handle(callback(admin, t.button("Kích hoạt lại")));
      await t.handle(callback(admin, t.button("Đồng ý")));
      expect(said()).toMatch(/Đã kích hoạt lại/);
      const reactivated = await temp.db.auditLog.findFirstOrThrow({ where: { action: "person.reactivate" } });
      expect(reactivated.targetId).toBe(String((await person("+84912000004")).id));
      await t.handle(command(admin, "cancel"));
    });

    it("once active again, approving a hamlet-head request still does not change her role", async () => {
      t.clear();
      await t.handle(callback(officer, `acc:a:${requestId}`));
      expect(said()).toMatch(/Chưa duyệt: số 0912 000 004 đã có trong danh sách cán bộ/);
      const dungNow = await person("+84912000004");
      expect(dungNow.role).toBe("supervisor");
      expect(dungNow.accounts).toHaveLength(0);
      expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe(
        "pending",
      );
    });
  });

  describe("a refused contact share does not store the phone as verified", () => {
    it("a deactivated person's number", async () => {
      await setStatus("+84912000012", "inactive"); // Đặng Thị Hoa, not yet using the bot
      const hoa = { ...USERS.stranger, id: 710000331, first_name: "Hoa" };
      t.clear();
      await t.handle(contact(hoa, "0912000012"));
      expect(said()).toMatch(/Quyền truy cập của cán bộ có số 0912 000 012 đã bị tắt/);
      const account = await temp.db.channelAccount.findFirstOrThrow({
        where: { externalId: String(hoa.id) },
      });
      expect(account).toMatchObject({ verifiedPhone: null, personId: null });
    });

    it("a number held by another account", async () => {
      const second = { ...USERS.stranger, id: 710000332, first_name: "An (máy 2)" };
      t.clear();
      await t.handle(contact(second, "0912000001"));
      expect(said()).toMatch(/đã được kết nối với một tài khoản Telegram khác/);
      const account = await temp.db.channelAccount.findFirstOrThrow({
        where: { externalId: String(second.id) },
      });
      expect(account).toMatchObject({ verifiedPhone: null, personId: null });
    });
  });
});
