import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

/**
 * Issue 14's acceptance for promoted answers, in the simulator over real HTTP: an officer
 * answers a hamlet head's question and promotes it; Hoàng Văn Em (admin) edits the answer and
 * widens it to the province before approving; then a hamlet head of another commune asks the
 * same and gets the edited answer. Then the 📈 report lists the questions the bot was unsure of.
 */
let running: RunningApp;
const AN = 710000001;
const BINH = 710000002;
const EM = 710000005;
const LAN = 710000022;
const QUESTION = "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?";
const EDITED = "Thôn lập dự toán sửa chữa, họp thôn thống nhất rồi gửi UBND xã đề nghị hỗ trợ.";

beforeAll(async () => {
  running = await startRunningApp();
});
afterAll(() => running.stop());

describe("Promotion done right", () => {
  it("an answer promoted from a ticket, edited and approved by the admin, reaches another hamlet head of the province", async () => {
    await running.say(LAN, "/start");
    await running.waitForBotText(LAN, /Xác minh bằng số điện thoại/);
    await running.pageApi(`/sim/api/chats/${LAN}/contact`, { json: {} });
    await running.waitForBotText(LAN, /Chào Ngô Thị Lan!/);

    await running.say(AN, QUESTION);
    await running.waitForBotText(AN, /Hỏi cán bộ/);
    await running.press(AN, "Hỏi cán bộ");
    await running.waitForBotText(AN, /Đã chuyển câu hỏi cho cán bộ/);
    const notice = await running.waitForBotText(BINH, /Câu hỏi cần cán bộ trả lời/);
    const reply = await running.pageApi(`/sim/api/chats/${BINH}/messages`, {
      json: { text: "Thôn lập dự toán gửi UBND xã.", replyTo: notice.message_id },
    });
    expect(reply.ok).toBe(true);
    await running.waitForBotText(BINH, /Đã gửi câu trả lời cho 1 người hỏi/);
    await running.waitForBotText(AN, /Cán bộ đã trả lời.*lập dự toán/s);
    await running.press(BINH, "Đề xuất thành câu hỏi thường gặp");

    // Before approval Lan, who did not ask, does not get it.
    await running.say(LAN, QUESTION);
    const before = await running.waitForBotText(LAN, /chưa có câu trả lời|chưa chắc đã hiểu/);
    expect(before.text).not.toMatch(/lập dự toán/);

    await running.say(EM, "/start");
    await running.waitForBotText(EM, /Duyệt câu trả lời mới|Chào/);
    await running.press(EM, "Duyệt câu trả lời mới");
    const screen = await running.waitForBotText(EM, /Câu trả lời chờ duyệt/);
    expect(screen.text).toMatch(/Câu trả lời của cán bộ địa phương/);
    expect(screen.text).not.toMatch(/Trần Thị Bình/);
    await running.press(EM, "✏️ Câu trả lời");
    await running.waitForBotText(EM, /Câu trả lời hiện tại/);
    await running.say(EM, EDITED);
    await running.waitForBotText(EM, /Phạm vi khi duyệt.*Xã Lâm Trung Thủy/s);
    await running.press(EM, "📍 Phạm vi");
    await running.waitForBotText(EM, /dùng cho ai/);
    await running.press(EM, "Tỉnh Hà Tĩnh");
    const ready = await running.waitForBotText(EM, /Phạm vi khi duyệt.*Tỉnh Hà Tĩnh/s);
    expect(ready.text).toContain(EDITED);
    await running.press(EM, "✅ Duyệt");
    await running.waitForBotText(EM, /Không có câu trả lời nào chờ duyệt/);

    await running.say(LAN, QUESTION);
    const answer = await running.waitForBotText(LAN, /Nguồn: Câu trả lời của cán bộ địa phương/);
    expect(answer.text).toContain(EDITED);
    expect(answer.text).toMatch(/Áp dụng tại: Tỉnh Hà Tĩnh/);
  });

  it("the 📈 report lists a question that was answered with low confidence, with the action that fixes it", async () => {
    await running.say(EM, "/noidung");
    const head = await running.waitForBotText(EM, /Nội dung cần xem lại/);
    expect(head.text).toMatch(/Câu hỏi bot chưa trả lời chắc: [1-9]\d* nhóm/);
    await running.press(EM, "❓ Câu hỏi chưa trả lời chắc");
    const section = await running.waitForBotText(EM, /Câu hỏi bot chưa trả lời chắc — \d+ ngày qua/);
    // An's and Lan's (before approval) question, grouped as one question asked twice.
    expect(section.text).toMatch(/2 lần hỏi/);
    expect(section.text).toContain("«Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?»");
    expect(JSON.stringify(section.reply_markup ?? {})).toMatch(/Thêm làm cách hỏi/);
  });
});
