import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

let running: RunningApp;

beforeAll(async () => {
  running = await startRunningApp();
});
afterAll(() => running.stop());

const an = 710000001;
const binh = 710000002;

it("a hamlet head types a question without diacritics and gets a cited answer", async () => {
  await running.say(an, "ho can ngheo duoc ho tro bhyt bao nhieu");
  const answer = await running.waitForBotText(an, /Nguồn:/);
  expect(answer.text).toMatch(/70%/);
  expect(answer.text).toMatch(/188\/2025/);
});

it("a question nobody can answer reaches the commune officer, whose reply reaches the asker", async () => {
  await running.say(an, "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?");
  await running.waitForBotText(an, /Hỏi cán bộ/);
  await running.press(an, "Hỏi cán bộ");
  await running.waitForBotText(an, /Đã chuyển câu hỏi cho cán bộ/);

  const notice = await running.waitForBotText(binh, /Câu hỏi cần cán bộ trả lời/);
  // The officer answers by replying to the notice, as in any chat.
  const response = await running.pageApi(`/sim/api/chats/${binh}/messages`, {
    json: { text: "Thôn lập dự toán gửi UBND xã.", replyTo: notice.message_id },
  });
  expect(response.ok).toBe(true);
  await running.waitForBotText(binh, /Đã gửi câu trả lời cho 1 người hỏi/);
  await running.waitForBotText(an, /Cán bộ đã trả lời.*lập dự toán/s);
});
