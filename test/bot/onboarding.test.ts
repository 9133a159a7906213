import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(() => {
  t = createTestBot({ db: temp.db });
});

const giang = USERS.unlinked; // on the roster (+84912000011, Thôn 1), no account yet
const newAccount = { ...USERS.stranger, id: 710000777, first_name: "Giang (máy mới)" };

describe("phone-number onboarding", () => {
  it("/start offers a one-tap share-my-phone button to people not yet linked", async () => {
    await t.handle(command(giang, "start"));
    const prompt = t
      .recent()
      .find(
        (c) =>
          c.method === "sendMessage" &&
          (c.payload.reply_markup as { keyboard?: unknown } | undefined)?.keyboard !== undefined,
      );
    expect(prompt?.payload.text).toMatch(/Xác minh bằng số điện thoại/);
    expect(prompt?.payload.reply_markup).toMatchObject({
      keyboard: [
        [{ text: "📱 Xác minh bằng số điện thoại", request_contact: true }],
        [{ text: "🔑 Tôi có mã kích hoạt" }],
        [{ text: "Bỏ qua" }],
      ],
    });
  });

  it("refuses someone else's contact card", async () => {
    t.clear();
    await t.handle(contact(giang, "+84912000002", USERS.communeOfficer.id));
    expect(t.lastText()).toMatch(/số điện thoại của người khác/);
    await t.handle(contact(giang, "+84912000002", null));
    expect(t.lastText()).toMatch(/số điện thoại của người khác/);
    const account = await temp.db.channelAccount.findFirstOrThrow({
      where: { externalId: String(giang.id) },
    });
    expect(account.personId).toBeNull();
  });

  it("a rostered person's own number (any spelling) links the account and shows their menu and commands", async () => {
    t.clear();
    await t.handle(contact(giang, "84 912 000 011"));
    const texts = t.texts();
    expect(texts[0]).toBe("✅ Đã xác minh số 0912 000 011 — tài khoản của bạn đã được kết nối.");
    expect(texts[1]).toMatch(/Chào Võ Văn Giang!.*Trưởng thôn.*Thôn 1, Xã Lâm Trung Thủy/s);
    const commands = t.recent().find((c) => c.method === "setMyCommands");
    expect(commands?.payload.commands).toContainEqual({ command: "me", description: "Thông tin của tôi" });
    const audit = await temp.db.auditLog.findFirst({ where: { action: "account.link" } });
    expect(audit?.details).toMatchObject({ via: "phone" });
  });

  it("a second account cannot claim the same roster entry", async () => {
    t.clear();
    await t.handle(contact(newAccount, "0912000011"));
    expect(t.lastText()).toMatch(/đã được kết nối với một tài khoản Telegram khác/);
    const person = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84912000011" },
      include: { accounts: true },
    });
    expect(person.accounts.map((a) => a.externalId)).toEqual([String(giang.id)]);
  });

  it("a number not on the roster leads to the access request, which then skips the phone question", async () => {
    t.clear();
    await t.handle(contact(USERS.stranger, "+84987654321"));
    expect(t.texts()[0]).toBe("Số 0987 654 321 chưa có trong danh sách cán bộ.");
    await t.handle(callback(USERS.stranger, t.button("Xin quyền truy cập")));
    expect(t.lastText()).toMatch(/Câu 1\/4/);
    await t.handle(textMessage(USERS.stranger, "Lê Thị Mới"));
    expect(t.texts().at(-2)).toBe("Số điện thoại của bạn: 0987 654 321 (đã xác minh).");
    expect(t.lastText()).toMatch(/Câu 3\/4/);
    await t.handle(command(USERS.stranger, "cancel"));
  });

  it("a deactivated person cannot re-link and is told whom to contact", async () => {
    await temp.db.person.update({ where: { phone: "+84912000012" }, data: { status: "inactive" } });
    t.clear();
    await t.handle(contact(newAccount, "0912000012"));
    expect(t.lastText()).toMatch(/Quyền truy cập của cán bộ có số 0912 000 012 đã bị tắt.*Trần Thị Bình/);
  });
});
