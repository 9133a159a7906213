import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideAccessRequest } from "../../src/domain/access/decide-access-request.js";
import { submitAccessRequest } from "../../src/domain/access/submit-access-request.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, textMessage, USERS } from "../helpers/updates.js";

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
    const submitted = await submitAccessRequest(temp.db, clock, {
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
    const actor = {
      id: ducTho.id,
      role: "commune_officer" as const,
      status: "active",
      unitPath: ducTho.unit.path,
    };
    const result = await decideAccessRequest(
      temp.db,
      createFakeClock(),
      actor,
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
    const submitted = await submitAccessRequest(temp.db, clock, {
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
      { id: bình.id, role: "commune_officer", status: "active", unitPath: bình.unit.path },
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
      { id: admin.id, role: "admin", status: "active", unitPath: admin.unit.path },
      submitted.requestId,
      "approve",
    );
    expect(asAdmin.ok).toBe(true);
  });
});
