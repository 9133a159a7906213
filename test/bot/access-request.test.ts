import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, sticker, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
let clock: FakeClock;
const user = USERS.stranger;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.accessRequest.deleteMany();
  await temp.db.conversationState.deleteMany();
  await temp.db.channelAccount.updateMany({ data: { verifiedPhone: null } });
  clock = createFakeClock("2026-11-22T09:00:00+07:00");
  t = createTestBot({ db: temp.db, clock });
});

async function startRequest() {
  await t.handle(callback(user, "m:req"));
  expect(t.lastText()).toMatch(/Câu 1\/4.*Họ và tên/s);
}

async function answerUpToUnit() {
  await startRequest();
  await t.handle(textMessage(user, "  Nguyễn   Thị Mới "));
  expect(t.lastText()).toMatch(/Câu 2\/4/);
  await t.handle(contact(user, "84987654321"));
  expect(t.texts().at(-2)).toBe("Đã nhận số 0987 654 321.");
  expect(t.lastText()).toMatch(/Câu 3\/4/);
  await t.handle(callback(user, t.button("Trưởng thôn")));
  expect(t.lastText()).toMatch(/xã\/phường nào/);
  await t.handle(callback(user, t.button("Xã Lâm Trung Thủy")));
  expect(t.lastText()).toMatch(/trưởng thôn của thôn\/tổ dân phố nào \(Xã Lâm Trung Thủy\)/);
}

describe("access request conversation", () => {
  it("collects name, own phone, job and unit, confirms, and files one pending request", async () => {
    await answerUpToUnit();
    await t.handle(callback(user, t.button("Thôn 2")));
    const summary = t.lastText();
    expect(summary).toContain("Họ tên: <b>Nguyễn Thị Mới</b>");
    expect(summary).toContain("Điện thoại: 0987 654 321");
    expect(summary).toContain("Đơn vị: Thôn 2, Xã Lâm Trung Thủy");
    await t.handle(callback(user, t.button("Gửi yêu cầu")));
    expect(t.lastText()).toMatch(/Đã gửi yêu cầu/);

    const requests = await temp.db.accessRequest.findMany({ include: { unit: true } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      fullName: "Nguyễn Thị Mới",
      phone: "+84987654321",
      role: "hamlet_head",
      status: "pending",
    });
    expect(requests[0]?.unit.name).toBe("Thôn 2");
    const audit = await temp.db.auditLog.findFirst({ where: { action: "access.request" } });
    expect(audit?.targetId).toBe(String(requests[0]?.id));

    // The conversation is over: the stranger's menu now says the request is pending.
    t.clear();
    await t.handle(command(user, "start"));
    expect(t.texts().join("\n")).toMatch(/Thôn 2, Xã Lâm Trung Thủy\) đang chờ cán bộ phụ trách xem xét/);
    // …and asking again does not create a duplicate.
    await t.handle(callback(user, "m:req"));
    expect(t.lastText()).toMatch(/đã có một yêu cầu truy cập đang chờ/);
    expect(await temp.db.accessRequest.count()).toBe(1);
  });

  it("re-asks with a precise reason on bad answers and keeps what was answered", async () => {
    await startRequest();
    await t.handle(textMessage(user, "1"));
    expect(t.lastText()).toMatch(/Họ tên cần từ 2 đến 80 ký tự/);
    await t.handle(sticker(user));
    expect(t.lastText()).toMatch(/cần câu trả lời bằng chữ/);
    await t.handle(textMessage(user, "Lê Văn Tám"));
    await t.handle(contact(user, "84912000002", USERS.communeOfficer.id));
    expect(t.lastText()).toMatch(/số điện thoại của người khác/);
    await t.handle(textMessage(user, "12345"));
    expect(t.lastText()).toMatch(/Số điện thoại chưa đúng/);
    await t.handle(textMessage(user, "0987.654.321"));
    expect(t.lastText()).toMatch(/Câu 3\/4/);
    // Typed choices: the number shown on the button, or its label without diacritics.
    await t.handle(textMessage(user, "2"));
    expect(t.lastText()).toMatch(/xã\/phường nào/);
    await t.handle(textMessage(user, "xa duc tho"));
    const summary = t.lastText();
    expect(summary).toContain("Lê Văn Tám");
    expect(summary).toContain("Công việc: Cán bộ xã");
    expect(summary).toContain("Đơn vị: Xã Đức Thọ");
  });

  it("goes back up the unit tree, and stale buttons of earlier questions are refused", async () => {
    await answerUpToUnit();
    const staleRole = t.button("Trưởng thôn");
    await t.handle(callback(user, t.button("Quay lại")));
    expect(t.lastText()).toMatch(/xã\/phường nào/);
    const thanhSen = t.button("Phường Thành Sen");
    t.clear();
    await t.handle(callback(user, staleRole));
    const answer = t.recent().find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toMatch(/Nút đã cũ/);
    await t.handle(callback(user, thanhSen));
    await t.handle(callback(user, t.button("Tổ dân phố 1")));
    expect(t.lastText()).toContain("Đơn vị: Tổ dân phố 1, Phường Thành Sen");
  });

  it("'Làm lại' starts over from the name", async () => {
    await answerUpToUnit();
    await t.handle(callback(user, t.button("Thôn 1")));
    await t.handle(callback(user, t.button("Làm lại")));
    expect(t.lastText()).toMatch(/Câu 1\/4/);
  });

  it("unknown commands mid-request explain what is expected; /help keeps the request; /cancel ends it", async () => {
    await startRequest();
    await t.handle(textMessage(user, "Trần Văn Học"));
    await t.handle(command(user, "xoa_het"));
    expect(t.lastText()).toMatch(/Bạn đang xin quyền truy cập.*gõ hủy để dừng/);
    await t.handle(command(user, "help"));
    expect(t.lastText()).toMatch(/Bạn đang làm dở: <b>xin quyền truy cập<\/b>/);
    await t.handle(textMessage(user, "0987654321"));
    expect(t.lastText()).toMatch(/Câu 3\/4/);
    t.clear();
    await t.handle(command(user, "cancel"));
    expect(t.texts()[0]).toBe("Đã hủy việc đang làm.");
    expect(await temp.db.accessRequest.count()).toBe(0);
    // After /cancel, text is a question again, not an answer to the old step.
    t.clear();
    await t.handle(textMessage(user, "1"));
    expect(t.lastText()).not.toMatch(/Câu/);
  });

  it("/start mid-request leaves it and removes the phone keyboard", async () => {
    await startRequest();
    await t.handle(textMessage(user, "Trần Văn Học"));
    t.clear();
    await t.handle(command(user, "start"));
    const first = t.recent().find((c) => c.method === "sendMessage");
    expect(first?.payload).toMatchObject({
      text: "Đã hủy việc đang làm.",
      reply_markup: { remove_keyboard: true },
    });
    expect(t.texts().join("\n")).toMatch(/Chọn việc cần làm/);
  });

  it("a draft left for more than an hour is dropped, the person is told, and the message is handled normally", async () => {
    await startRequest();
    clock.advance(90 * 60_000);
    t.clear();
    await t.handle(textMessage(user, "chuan ngheo la bao nhieu"));
    const texts = t.texts();
    expect(texts[0]).toMatch(/bị bỏ quá lâu nên đã được hủy/);
    expect(texts.at(-1)).toMatch(/Nguồn:/);
  });

  it("someone already on the roster is told they have access", async () => {
    t.clear();
    await t.handle(callback(USERS.hamletHead, "m:req"));
    const answer = t.recent().find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toMatch(/không có quyền/);
  });
});
