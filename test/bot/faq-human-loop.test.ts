import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateOpenTickets } from "../../src/domain/faq/questions.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, contact, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const officer = USERS.communeOfficer;
const an = USERS.hamletHead;
const giang = USERS.unlinked;
const UNANSWERABLE = "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?";

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
  await t.handle(contact(giang, "0912000011")); // a second hamlet head of the commune
});
afterAll(() => temp.cleanup());

const sentTo = (chatId: number) =>
  t.recent().filter((c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(chatId));

describe("a question nobody can answer reaches the commune officer, whose reply reaches the asker", () => {
  it("the bot says it does not know and offers 'Hỏi cán bộ'", async () => {
    t.clear();
    await t.handle(textMessage(an, UNANSWERABLE));
    expect(t.lastText()).toMatch(/chưa chắc đã hiểu đúng|chưa có câu trả lời/);
    await t.handle(callback(an, t.button("Hỏi cán bộ")));
    expect(t.lastText()).toMatch(/Đã chuyển câu hỏi cho cán bộ/);
    t.clear();
    await t.flushOutbox();
    const notice = sentTo(officer.id);
    expect(notice).toHaveLength(1);
    expect(String(notice[0]?.payload.text)).toMatch(
      /Câu hỏi cần cán bộ trả lời.*Nguyễn Văn An.*Trưởng thôn.*Thôn 3.*dột mái/s,
    );
  });

  it("the same question from another hamlet of the commune joins the same ticket", async () => {
    await t.handle(textMessage(giang, UNANSWERABLE));
    await t.handle(callback(giang, t.button("Hỏi cán bộ")));
    expect(t.lastText()).toMatch(/đã được gửi cho cán bộ trước đó/);
    t.clear();
    await t.flushOutbox();
    expect(sentTo(officer.id)).toHaveLength(0);
    expect(await temp.db.questionTicket.count()).toBe(1);
  });

  it("the officer answers with the button; everyone who asked gets the answer", async () => {
    const ticket = await temp.db.questionTicket.findFirstOrThrow();
    t.clear();
    await t.handle(callback(officer, `tk:r:${ticket.id}`));
    expect(t.lastText()).toMatch(/Trả lời câu hỏi/);
    await t.handle(textMessage(officer, "Thôn lập dự toán, gửi UBND xã đề nghị hỗ trợ từ ngân sách xã."));
    await t.handle(callback(officer, t.button("Gửi")));
    expect(t.lastText()).toMatch(/Đã gửi câu trả lời cho 2 người hỏi/);
    t.clear();
    await t.flushOutbox();
    for (const asker of [an, giang]) {
      expect(String(sentTo(asker.id)[0]?.payload.text)).toMatch(
        /Cán bộ đã trả lời.*dột mái.*lập dự toán.*Trần Thị Bình/s,
      );
    }
  });

  it("a second answer is refused", async () => {
    const ticket = await temp.db.questionTicket.findFirstOrThrow();
    t.clear();
    await t.handle(callback(officer, `tk:r:${ticket.id}`));
    expect(t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text).toMatch(
      /đã có người trả lời/,
    );
  });

  it("a promoted answer serves only those who asked until an administrator approves it; its source names nobody", async () => {
    const ticket = await temp.db.questionTicket.findFirstOrThrow();
    await t.handle(callback(officer, `tk:p:${ticket.id}`));
    const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: `cb-${ticket.id}` } });
    expect(entry.status).toBe("needs_review");
    expect(entry.source).toMatch(/^Câu trả lời của cán bộ địa phương/);
    await t.deps.faq.reload();
    t.clear();
    await t.handle(textMessage(officer, UNANSWERABLE));
    expect(t.lastText()).not.toMatch(/lập dự toán/);
    t.clear();
    await t.handle(textMessage(an, UNANSWERABLE));
    expect(t.lastText()).toMatch(/lập dự toán/);

    t.clear();
    await t.handle(callback(USERS.admin, "m:rv"));
    expect(t.lastText()).toMatch(/Câu trả lời chờ duyệt.*dột mái/s);
    await t.handle(callback(USERS.admin, t.button("Duyệt")));
    t.clear();
    await t.handle(textMessage(officer, UNANSWERABLE));
    expect(t.lastText()).toMatch(/lập dự toán/);
    expect(t.lastText()).toMatch(/Nguồn: Câu trả lời của cán bộ địa phương/);
    expect(t.lastText()).not.toMatch(/Trần Thị Bình/);
  });

  it("an officer can also answer by replying to the notice", async () => {
    t.clear();
    await t.handle(textMessage(an, "Họp thôn có được tổ chức vào buổi tối chủ nhật không ạ?"));
    await t.handle(callback(an, t.button("Hỏi cán bộ")));
    await t.flushOutbox();
    const notice = await temp.db.outboxMessage.findFirstOrThrow({
      where: { chatId: String(officer.id), ref: { not: null }, status: "sent" },
      orderBy: { id: "desc" },
    });
    expect(notice.sentMessageId).not.toBeNull();
    const reply = textMessage(officer, "Được, miễn là báo trước cho bà con.");
    (reply.message as unknown as { reply_to_message: unknown }).reply_to_message = {
      message_id: Number(notice.sentMessageId),
      date: 0,
      chat: { id: officer.id, type: "private", first_name: "Bình" },
      text: "…",
    };
    t.clear();
    await t.handle(reply);
    expect(t.lastText()).toMatch(/Đã gửi câu trả lời cho 1 người hỏi/);
    t.clear();
    await t.flushOutbox();
    expect(String(sentTo(an.id)[0]?.payload.text)).toMatch(/miễn là báo trước/);
  });
});

describe("escalation", () => {
  it("goes to the trainers above after the set days, then to the administrators", async () => {
    t.clear();
    await t.handle(textMessage(an, "Có được dùng tiền quỹ thôn để mua bàn ghế không?"));
    await t.handle(callback(an, t.button("Hỏi cán bộ")));
    await t.flushOutbox();
    t.clear();
    clock.advance(3 * 24 * 60 * 60_000 + 1000);
    expect(await escalateOpenTickets(temp.db, clock, t.deps.translator, 3)).toBe(1);
    expect(await escalateOpenTickets(temp.db, clock, t.deps.translator, 3)).toBe(0);
    await t.flushOutbox();
    expect(String(sentTo(USERS.trainer.id)[0]?.payload.text)).toMatch(/chưa được trả lời/);
    clock.advance(3 * 24 * 60 * 60_000);
    expect(await escalateOpenTickets(temp.db, clock, t.deps.translator, 3)).toBe(1);
    await t.flushOutbox();
    expect(sentTo(USERS.admin.id).length).toBeGreaterThan(0);
    clock.set("2026-11-22T09:00:00+07:00");
  });
});

describe("feedback", () => {
  it("👍 is stored; 👎 asks what was missing and stores the comment", async () => {
    t.clear();
    await t.handle(textMessage(an, "hộ nghèo vay ngân hàng chính sách tối đa bao nhiêu"));
    const up = t.button("Hữu ích");
    const down = t.button("Chưa đúng ý");
    await t.handle(callback(an, up));
    await t.handle(callback(an, down));
    expect(t.lastText()).toMatch(/còn thiếu hay chưa đúng ở đâu/);
    await t.handle(textMessage(an, "Không nói lãi suất hộ mới thoát nghèo"));
    expect(t.lastText()).toMatch(/Đã ghi nhận góp ý/);
    const feedback = await temp.db.answerFeedback.findMany();
    // One opinion per question: the second tap changed it.
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ helpful: false, comment: "Không nói lãi suất hộ mới thoát nghèo" });
  });
});
