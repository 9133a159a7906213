import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, photo, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock: createFakeClock("2026-11-22T09:00:00+07:00") });
});
afterAll(() => temp.cleanup());

type Markup = {
  inline_keyboard?: { text: string; callback_data?: string }[][];
  keyboard?: { text: string; request_contact?: boolean }[][];
};
const markups = () => t.recent().map((c) => c.payload.reply_markup as Markup | undefined);
const inlineLabels = () => markups().flatMap((m) => m?.inline_keyboard?.flat().map((b) => b.text) ?? []);
const offersVerification = () =>
  markups().some((m) => m?.keyboard?.flat().some((b) => b.request_contact === true) ?? false);
const said = () => t.texts().join("\n");
const alertOf = () => t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text;

const giang = USERS.unlinked; // Võ Văn Giang: on the roster (Thôn 1), no account linked yet

describe("The first message is right for everyone", () => {
  describe("someone on the roster but not linked is first told to verify by phone", () => {
    it("/start: verify, not 'you are not on the list', and no access request yet", async () => {
      t.clear();
      await t.handle(command(giang, "start"));
      expect(said()).toMatch(/Nếu bạn là cán bộ, bấm <b>📱 Xác minh bằng số điện thoại<\/b>/);
      expect(said()).not.toMatch(/chưa có trong danh sách/);
      expect(offersVerification()).toBe(true);
      expect(inlineLabels()).toContain("📱 Xác minh bằng số điện thoại");
      expect(inlineLabels()).not.toContain("📝 Xin quyền truy cập");
    });

    it("/help and the menu say the same", async () => {
      t.clear();
      await t.handle(command(giang, "help"));
      expect(said()).toMatch(/Nếu bạn là cán bộ: bấm <b>📱 Xác minh bằng số điện thoại<\/b>/);
      expect(said()).not.toMatch(/Xin quyền truy cập<\/b> để được cấp quyền/);
      t.clear();
      await t.handle(callback(giang, "m:home"));
      expect(said()).toMatch(/Xác minh bằng số điện thoại/);
      t.clear();
      await t.handle(callback(giang, "m:verify"));
      expect(offersVerification()).toBe(true);
    });

    it("a first message typed straight away is answered, then the person is asked to verify", async () => {
      const fresh = { ...USERS.stranger, id: 710000701, first_name: "Mới" };
      t.clear();
      await t.handle(textMessage(fresh, "chuẩn nghèo là bao nhiêu"));
      const texts = t.texts();
      expect(texts[0]).toMatch(/Nguồn:/);
      expect(texts.at(-1)).toMatch(/Chào bạn!.*Xác minh bằng số điện thoại/s);
      expect(offersVerification()).toBe(true);
      // Only the very first message: the next question is just answered.
      t.clear();
      await t.handle(textMessage(fresh, "chuẩn cận nghèo là bao nhiêu"));
      expect(offersVerification()).toBe(false);
      // Whatever the first message is.
      const other = { ...USERS.stranger, id: 710000702, first_name: "Khác" };
      t.clear();
      await t.handle(photo(other));
      expect(t.texts()[0]).toMatch(/chưa xử lý được loại tin nhắn này/);
      expect(offersVerification()).toBe(true);
    });

    it("verifying links them; declining ('Bỏ qua') offers the access request", async () => {
      t.clear();
      await t.handle(contact(giang, "0912000011"));
      expect(said()).toMatch(/Chào Võ Văn Giang!/);

      const decliner = { ...USERS.stranger, id: 710000703, first_name: "Ngại" };
      await t.handle(command(decliner, "start"));
      t.clear();
      await t.handle(textMessage(decliner, "Bỏ qua"));
      expect(said()).toMatch(/gửi yêu cầu truy cập/);
      await t.handle(callback(decliner, t.button("Xin quyền truy cập")));
      expect(t.lastText()).toMatch(/Câu 1\/4/);
      await t.handle(command(decliner, "cancel"));
    });
  });

  describe("a stranger (verified phone not on the roster) is offered an access request", () => {
    const stranger = { ...USERS.stranger, id: 710000704, first_name: "Lạ" };

    it("after verifying, and on every /start and /help", async () => {
      await t.handle(command(stranger, "start"));
      t.clear();
      await t.handle(contact(stranger, "0987123123"));
      expect(said()).toMatch(/chưa có trong danh sách cán bộ/);
      expect(inlineLabels()).toContain("📝 Xin quyền truy cập");
      t.clear();
      await t.handle(command(stranger, "start"));
      expect(said()).toMatch(/Số điện thoại bạn đã xác minh chưa có trong danh sách cán bộ/);
      expect(inlineLabels()).toContain("📝 Xin quyền truy cập");
      expect(inlineLabels()).not.toContain("📱 Xác minh bằng số điện thoại");
      expect(offersVerification()).toBe(false);
      t.clear();
      await t.handle(command(stranger, "help"));
      expect(said()).toMatch(/bấm <b>📝 Xin quyền truy cập<\/b>/);
    });
  });

  describe("a deactivated person is told their access was turned off and whom to contact", () => {
    const an = USERS.hamletHead; // Nguyễn Văn An, Thôn 3 of Xã Lâm Trung Thủy

    beforeAll(async () => {
      await temp.db.person.update({ where: { phone: "+84912000001" }, data: { status: "inactive" } });
    });

    it("/start names the commune officer; no member menu, no access request, no phone prompt", async () => {
      t.clear();
      await t.handle(command(an, "start"));
      expect(said()).toMatch(
        /Quyền truy cập <b>Trợ lý Giảm nghèo<\/b> của bạn đã bị tắt\. Nếu cần dùng lại, hãy liên hệ <b>Trần Thị Bình<\/b> \(Cán bộ xã\)/,
      );
      expect(inlineLabels()).toEqual(["📚 Hỏi đáp chính sách", "🌐 Ngôn ngữ / Language", "❓ Hướng dẫn"]);
      expect(offersVerification()).toBe(false);
      t.clear();
      await t.handle(command(an, "help"));
      expect(said()).toMatch(/đã bị tắt.*Trần Thị Bình/s);
    });

    it("an old member button says so instead of 'not allowed'; the access request is not offered", async () => {
      for (const data of ["m:rp", "rp:res:1", "m:req"]) {
        t.clear();
        await t.handle(callback(an, data));
        expect(alertOf()).toBe(
          "⛔ Quyền truy cập của bạn đã bị tắt. Nếu cần dùng lại, hãy liên hệ Trần Thị Bình (Cán bộ xã).",
        );
        expect(t.texts()).toEqual([]);
      }
      t.clear();
      await t.handle(textMessage(an, "xin quyen truy cap"));
      expect(said()).not.toMatch(/Câu 1\/4/);
    });

    it("a typed question still gets the public answer", async () => {
      t.clear();
      await t.handle(textMessage(an, "chuẩn nghèo là bao nhiêu"));
      expect(said()).toMatch(/Nguồn:/);
    });

    it("a deactivated commune officer is pointed to the administrator (never to themselves)", async () => {
      await temp.db.person.update({ where: { phone: "+84912000002" }, data: { status: "inactive" } });
      t.clear();
      await t.handle(command(USERS.communeOfficer, "start"));
      expect(said()).toMatch(/hãy liên hệ <b>Hoàng Văn Em<\/b> \(Quản trị viên\)/);
      expect(said()).not.toMatch(/Trần Thị Bình<\/b>/);
      await temp.db.person.update({ where: { phone: "+84912000002" }, data: { status: "active" } });
    });

    it("a deactivated person verifying from a new account is told the same, and the refused number is not kept", async () => {
      const newPhone = { ...USERS.stranger, id: 710000705, first_name: "An (máy mới)" };
      t.clear();
      await t.handle(contact(newPhone, "0912000001"));
      expect(said()).toMatch(/Quyền truy cập của cán bộ có số 0912 000 001 đã bị tắt.*Trần Thị Bình/);
      // A refused share leaves no verified phone behind (it would let an approval attach the
      // account to that roster entry): the new account is simply not verified yet.
      t.clear();
      await t.handle(command(newPhone, "start"));
      expect(said()).not.toMatch(/Chào Nguyễn Văn An/);
      expect(inlineLabels()).not.toContain("📝 Xin quyền truy cập");
      t.clear();
      await t.handle(contact(newPhone, "0912000001"));
      expect(said()).toMatch(/Quyền truy cập của cán bộ có số 0912 000 001 đã bị tắt.*Trần Thị Bình/);
    });
  });
});
