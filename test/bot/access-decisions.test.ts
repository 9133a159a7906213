import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideAccessRequest } from "../../src/domain/access/decide-access-request.js";
import { submitAccessRequest } from "../../src/domain/access/submit-access-request.js";
import { createUnit } from "../../src/domain/units/create-unit.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, document, textMessage, USERS } from "../helpers/updates.js";

const clock = createFakeClock();

let temp: TempDb;
let t: TestBot;
const requester = USERS.stranger;
const officer = USERS.communeOfficer; // Trần Thị Bình, Xã Lâm Trung Thủy

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db });
});
afterAll(() => temp.cleanup());

/** Messages the outbox sent to a chat. */
function sentTo(chatId: number) {
  return t.recent().filter((c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(chatId));
}

async function fileRequest(user: typeof requester, name: string, hamlet: string) {
  await t.handle(callback(user, "m:req"));
  await t.handle(textMessage(user, name));
  await t.handle(contact(user, user === requester ? "0987654321" : "0987000111"));
  await t.handle(callback(user, t.button("Trưởng thôn")));
  await t.handle(callback(user, t.button("Xã Lâm Trung Thủy")));
  await t.handle(callback(user, t.button(hamlet)));
  await t.handle(callback(user, t.button("Gửi yêu cầu")));
  expect(t.lastText()).toMatch(/Đã gửi yêu cầu/);
}

describe("an unknown person's access request, approved by the commune officer in their own chat", () => {
  it("reaches the commune officer of that commune with approve/reject buttons", async () => {
    await fileRequest(requester, "Nguyễn Thị Mới", "Thôn 2");
    t.clear();
    await t.flushOutbox();
    const [notice, ...others] = sentTo(officer.id);
    expect(others).toHaveLength(0);
    expect(String(notice?.payload.text)).toMatch(
      /Yêu cầu truy cập mới.*Nguyễn Thị Mới.*0987 654 321 \(đã xác minh qua Telegram\).*Trưởng thôn.*Thôn 2, Xã Lâm Trung Thủy/s,
    );
    // Nobody outside the commune is told.
    expect(t.recent().filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("the officer approves; the requester is told and gets the hamlet head's menu", async () => {
    t.clear();
    const request = await temp.db.accessRequest.findFirstOrThrow({ where: { fullName: "Nguyễn Thị Mới" } });
    await t.handle(callback(officer, `acc:a:${request.id}`));
    // Thôn 2 has a head already (Đặng Thị Hoa): she becomes a deputy's colleague.
    expect(t.lastText()).toMatch(/Thôn 2, Xã Lâm Trung Thủy đã có trưởng thôn: Đặng Thị Hoa/);
    await t.handle(callback(officer, t.button("Giữ cả hai")));
    expect(t.lastText()).toMatch(/Đã duyệt — Nguyễn Thị Mới đã có quyền truy cập/);
    const person = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84987654321" },
      include: { accounts: true, unit: true },
    });
    expect(person).toMatchObject({ fullName: "Nguyễn Thị Mới", role: "hamlet_head", status: "active" });
    expect(person.unit.name).toBe("Thôn 2");
    expect(person.accounts.map((a) => a.externalId)).toEqual([String(requester.id)]);
    expect(await temp.db.auditLog.count({ where: { action: "access.approve" } })).toBe(1);

    await t.flushOutbox();
    expect(String(sentTo(requester.id).at(-1)?.payload.text)).toMatch(/đã được duyệt.*Trưởng thôn.*Thôn 2/s);
    t.clear();
    await t.handle(command(requester, "start"));
    expect(t.texts().join("\n")).toMatch(/Chào Nguyễn Thị Mới!.*Trưởng thôn/s);
  });

  it("a second tap (or a second officer) does not decide it again", async () => {
    const request = await temp.db.accessRequest.findFirstOrThrow({ where: { fullName: "Nguyễn Thị Mới" } });
    t.clear();
    await t.handle(callback(officer, `acc:r:${request.id}`));
    const answer = t.recent().find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toMatch(/đã được xử lý bởi Trần Thị Bình/);
    expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "approved",
    );
  });

  it("a rejected requester is told, and nothing is created", async () => {
    const other = { ...requester, id: 710000555, first_name: "Khách 2" };
    await fileRequest(other, "Trần Văn Lạ", "Thôn 1");
    const request = await temp.db.accessRequest.findFirstOrThrow({ where: { fullName: "Trần Văn Lạ" } });
    t.clear();
    await t.handle(callback(officer, "m:acc"));
    expect(t.lastText()).toMatch(/Yêu cầu truy cập chờ duyệt<\/b> \(1\)/);
    await t.handle(callback(officer, t.button("Trần Văn Lạ")));
    await t.handle(callback(officer, t.button("Từ chối")));
    expect(t.lastText()).toMatch(/Đã từ chối/);
    await t.flushOutbox();
    expect(String(sentTo(other.id).at(-1)?.payload.text)).toMatch(/chưa được chấp nhận/);
    expect(await temp.db.person.count({ where: { fullName: "Trần Văn Lạ" } })).toBe(0);
    expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "rejected",
    );
  });
});

describe("scope", () => {
  it("a commune officer of another commune cannot approve (and is not asked)", async () => {
    const account = await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId: "710000666", chatId: "710000666" },
    });
    const hamlet = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT-01" } });
    const submitted = await submitAccessRequest(temp.db, clock, t.deps.translator, {
      accountId: account.id,
      fullName: "Phạm Văn Xa",
      phone: null,
      unitId: hamlet.id,
      role: "hamlet_head",
    });
    if (!submitted.ok) throw new Error("not submitted");
    const ducTho = await temp.db.person.findFirstOrThrow({
      where: { fullName: "Bùi Văn Khánh" },
      include: { unit: true },
    });
    const result = await decideAccessRequest(
      temp.db,
      createFakeClock(),
      t.deps.translator,
      ducTho.id,
      submitted.requestId,
      "approve",
    );
    expect(result).toEqual({ ok: false, reason: "out_of_scope" });
  });

  it("a commune officer cannot grant a province-level role; an admin can", async () => {
    const account = await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId: "710000667", chatId: "710000667" },
    });
    const commune = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT" } });
    const submitted = await submitAccessRequest(temp.db, clock, t.deps.translator, {
      accountId: account.id,
      fullName: "Giảng Viên Xã",
      phone: null,
      unitId: commune.id,
      role: "trainer",
    });
    if (!submitted.ok) throw new Error("not submitted");
    const bình = await temp.db.person.findFirstOrThrow({
      where: { fullName: "Trần Thị Bình" },
      include: { unit: true },
    });
    const asOfficer = await decideAccessRequest(
      temp.db,
      clock,
      t.deps.translator,
      bình.id,
      submitted.requestId,
      "approve",
    );
    expect(asOfficer).toEqual({ ok: false, reason: "role_not_grantable" });
    const admin = await temp.db.person.findFirstOrThrow({
      where: { role: "admin" },
      include: { unit: true },
    });
    const asAdmin = await decideAccessRequest(
      temp.db,
      clock,
      t.deps.translator,
      admin.id,
      submitted.requestId,
      "approve",
    );
    expect(asAdmin.ok).toBe(true);
  });
});

describe("One head per hamlet unless someone decides otherwise", () => {
  let nextAccount = 710000900;
  /** A stranger's pending request to head a hamlet of Xã Lâm Trung Thủy. */
  async function requestFor(fullName: string, hamletCode: string): Promise<number> {
    const externalId = String(nextAccount++);
    const account = await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId, chatId: externalId },
    });
    const hamlet = await temp.db.unit.findUniqueOrThrow({ where: { code: hamletCode } });
    const submitted = await submitAccessRequest(temp.db, clock, t.deps.translator, {
      accountId: account.id,
      fullName,
      phone: null,
      unitId: hamlet.id,
      role: "hamlet_head",
    });
    if (!submitted.ok) throw new Error("not submitted");
    return submitted.requestId;
  }
  const person = (fullName: string) =>
    temp.db.person.findFirstOrThrow({ where: { fullName }, include: { unit: true } });
  const status = async (id: number) =>
    (await temp.db.accessRequest.findUniqueOrThrow({ where: { id } })).status;

  it("approving a second head warns and asks; cancelling decides nothing; replacing deactivates the head, audited", async () => {
    const id = await requestFor("Hồ Thị Mười", "42-LTT-01");
    t.clear();
    await t.handle(callback(officer, `acc:a:${id}`));
    const warning = t.lastText();
    expect(warning).toMatch(/Thôn 1, Xã Lâm Trung Thủy đã có trưởng thôn: Võ Văn Giang/);
    expect(warning).toMatch(/Hồ Thị Mười sẽ là trưởng thôn thứ hai/);
    expect(t.button("Thay: ngừng kích hoạt Võ Văn Giang")).toBeTruthy();
    expect(t.button("Thay: chuyển Võ Văn Giang sang thôn khác")).toBeTruthy();
    await t.handle(callback(officer, t.button("Hủy")));
    expect(t.lastText()).toMatch(/Chưa duyệt/);
    expect(await status(id)).toBe("pending");

    await t.handle(callback(officer, `acc:a:${id}`));
    // Typed, as on a messenger without buttons: the first option.
    await t.handle(textMessage(officer, "1"));
    expect(t.lastText()).toMatch(/Đã duyệt — Hồ Thị Mười/);
    expect(await status(id)).toBe("approved");
    expect((await person("Võ Văn Giang")).status).toBe("inactive");
    const giang = await person("Võ Văn Giang");
    const replaced = await temp.db.auditLog.findFirstOrThrow({
      where: { action: "person.deactivate", targetId: String(giang.id) },
    });
    expect(replaced.details).toMatchObject({ reason: "replaced_as_head", accessRequestId: id });
    const approved = await temp.db.auditLog.findFirstOrThrow({
      where: { action: "access.approve", targetId: String(id) },
    });
    expect(approved.details).toMatchObject({ heads: { kind: "deactivate", personIds: [giang.id] } });
  });

  it("the current head can be moved to another hamlet — not to one that has a head", async () => {
    const ltt = (await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT" } })).id;
    await createUnit(temp.db, { code: "42-LTT-04", name: "Thôn 4", level: "hamlet", parentId: ltt });
    const id = await requestFor("Lương Văn Tư", "42-LTT-03");
    t.clear();
    await t.handle(callback(officer, `acc:a:${id}`));
    expect(t.lastText()).toMatch(/Thôn 3, Xã Lâm Trung Thủy đã có trưởng thôn: Nguyễn Văn An/);
    await t.handle(callback(officer, t.button("Thay: chuyển Nguyễn Văn An sang thôn khác")));
    expect(t.lastText()).toMatch(/Chuyển Nguyễn Văn An sang thôn\/tổ dân phố nào/);
    await t.handle(callback(officer, t.button("Thôn 2")));
    expect(t.lastText()).toMatch(/Thôn đó cũng đã có trưởng thôn/);
    expect(await status(id)).toBe("pending");
    await t.handle(callback(officer, t.button("Thay: chuyển Nguyễn Văn An sang thôn khác")));
    await t.handle(callback(officer, t.button("Thôn 4")));
    expect(t.lastText()).toMatch(/Đã duyệt — Lương Văn Tư/);
    const an = await person("Nguyễn Văn An");
    expect(an).toMatchObject({ status: "active", role: "hamlet_head" });
    expect(an.unit.code).toBe("42-LTT-04");
    expect(
      await temp.db.auditLog.count({ where: { action: "person.unit_change", targetId: String(an.id) } }),
    ).toBe(1);
  });

  it("an invite for a hamlet with a head warns its creator; the choice is carried out when it is accepted", async () => {
    t.clear();
    await t.handle(callback(officer, "m:inv"));
    await t.handle(callback(officer, t.button("Trưởng thôn")));
    await t.handle(callback(officer, t.button("Thôn 3")));
    expect(t.lastText()).toMatch(/Thôn 3, Xã Lâm Trung Thủy đã có trưởng thôn: Lương Văn Tư/);
    expect(t.lastText()).toMatch(/Người nhận lời mời sẽ là trưởng thôn thứ hai/);
    await t.handle(callback(officer, t.button("Thay: ngừng kích hoạt Lương Văn Tư")));
    await t.handle(callback(officer, t.button("1 người")));
    await t.handle(callback(officer, t.button("7 ngày")));
    const created = t.lastText();
    expect(created).toMatch(/trưởng thôn hiện tại sẽ bị ngừng kích hoạt/);
    expect((await person("Lương Văn Tư")).status).toBe("active");

    const token = /start=([A-Za-z0-9_-]+)/.exec(created)?.[1] ?? "";
    const invitee = { ...USERS.stranger, id: 710000950, first_name: "Năm" };
    await t.handle(command(invitee, "start", token));
    await t.handle(textMessage(invitee, "Phùng Văn Năm"));
    await t.handle(contact(invitee, "0977000950"));
    expect(t.texts().join("\n")).toMatch(/Chào mừng bạn!/);
    expect((await person("Phùng Văn Năm")).unit.code).toBe("42-LTT-03");
    const tư = await person("Lương Văn Tư");
    expect(tư.status).toBe("inactive");
    const audit = await temp.db.auditLog.findFirstOrThrow({
      where: { action: "person.deactivate", targetId: String(tư.id) },
    });
    const bình = await person("Trần Thị Bình");
    expect(audit).toMatchObject({ actorId: bình.id });
    expect(audit.details).toMatchObject({ reason: "replaced_as_head", inviteId: expect.any(Number) });
  });

  it("a roster import that adds a head asks about that row; replacing deactivates the current head in the batch", async () => {
    const file = [
      "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
      "Kha Văn Sáu,0913 222 001,Trưởng thôn,42-LTT-04",
      "Kim Thị Bảy,0913 222 002,Trưởng thôn,42-TS-01",
    ].join("\n");
    t.putFile("heads", Buffer.from(file));
    t.clear();
    await t.handle(document(USERS.admin, "heads", "thon-moi.csv"));
    // One row adds a head: its question comes with the preview.
    expect(t.lastText()).toMatch(
      /Dòng 2:<\/b> Kha Văn Sáu sẽ là trưởng thôn Thôn 4, Xã Lâm Trung Thủy, nơi đang có Nguyễn Văn An/,
    );
    expect(t.lastText()).toMatch(/Đây là chạy thử/);
    expect(t.lastText()).not.toMatch(/Kim Thị Bảy sẽ/);
    await t.handle(callback(USERS.admin, t.button("Thay: ngừng kích hoạt Nguyễn Văn An")));
    expect(t.lastText()).toMatch(/thay người đang làm ở 1 dòng/);
    await t.handle(callback(USERS.admin, t.button("✅ Nhập")));
    expect(t.texts().join("\n")).toMatch(/2 thêm mới, 0 cập nhật, 1 trưởng thôn cũ ngừng kích hoạt/);
    const an = await person("Nguyễn Văn An");
    expect(an.status).toBe("inactive");
    const entry = await temp.db.auditLog.findFirstOrThrow({
      where: { action: "person.deactivate", targetId: String(an.id) },
    });
    expect(entry.batchId).not.toBeNull();
    expect(entry.details).toMatchObject({ reason: "replaced_as_head", row: 2 });
    await t.handle(command(USERS.admin, "cancel"));
  });
});
