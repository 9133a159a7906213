import { afterAll, beforeAll, expect, it } from "vitest";
import { createTickingClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

let running: RunningApp;

beforeAll(async () => {
  // A Wednesday inside the yearly review; the clock keeps running from there.
  running = await startRunningApp({}, { clock: createTickingClock("2026-11-18T09:00:00+07:00") });
});
afterAll(async () => {
  await running.stop();
});

const an = 710000001;
const binh = 710000002;

it("a hamlet head sends the review-progress report with a few wrong answers on the way", async () => {
  await running.say(an, "/baocao");
  await running.waitForBotText(an, /chọn loại báo cáo/);
  await running.press(an, "Tiến độ rà soát");
  await running.waitForBotText(an, /Câu 1\/8/);
  const steps: [string, RegExp][] = [
    ["một trăm hai mươi", /⚠️ Cần một số nguyên/],
    ["120", /Câu 2\/8/],
    ["25", /Câu 3\/8/],
    ["150", /Số hộ đã rà soát không thể nhiều hơn/],
    ["100", /Câu 4\/8/],
    ["18", /Câu 5\/8/],
    ["22", /Câu 6\/8/],
    ["7", /Câu 7\/8/],
  ];
  for (const [text, expected] of steps) {
    await running.say(an, text);
    await running.waitForBotText(an, expected);
  }
  await running.press(an, "Có");
  await running.waitForBotText(an, /Câu 8\/12.*Họp dân ngày nào/s);
  await running.say(an, "31/12");
  await running.waitForBotText(an, /⚠️/);
  await running.say(an, "15/11");
  await running.waitForBotText(an, /Câu 9\/12/);
  await running.say(an, "vui lòng");
  await running.waitForBotText(an, /⚠️/);
  await running.say(an, "92%");
  await running.waitForBotText(an, /Câu 10\/12/);
  await running.press(an, "Có");
  await running.waitForBotText(an, /Câu 11\/12/);
  await running.press(an, "Có");
  await running.waitForBotText(an, /Câu 12\/12/);
  await running.press(an, "Bỏ qua");
  const summary = await running.waitForBotText(an, /Kiểm tra lại báo cáo/);
  expect(summary.text).toMatch(/120 hộ/);
  expect(summary.text).toMatch(/15\/11\/2026/);
  expect(summary.text).toMatch(/92%/);
  await running.press(an, "Gửi báo cáo");
  await running.waitForBotText(an, /✅ Đã gửi báo cáo Tiến độ rà soát hộ nghèo, cận nghèo — Tuần 47/);
});

it("the commune officer sees who has reported, who is missing, and opens the report", async () => {
  await running.say(binh, "/start");
  await running.waitForBotText(binh, /Chọn việc cần làm/);
  await running.press(binh, "Tình hình báo cáo");
  await running.waitForBotText(binh, /chọn loại báo cáo/);
  await running.press(binh, "Tiến độ rà soát");
  const status = await running.waitForBotText(binh, /thôn đã báo cáo/);
  expect(status.text).toMatch(/1\/3 thôn đã báo cáo/);
  expect(status.text).toMatch(/Còn thiếu:\n• Thôn 1 — Võ Văn Giang\n• Thôn 2 — Đặng Thị Hoa/);
  await running.press(binh, "Xem báo cáo");
  await running.waitForBotText(binh, /1 báo cáo/);
  await running.press(binh, "Thôn 3");
  const report = await running.waitForBotText(binh, /Thôn 3 \(Nguyễn Văn An\)/);
  expect(report.text).toMatch(/Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay\?: 120 hộ/);
  expect(report.text).toMatch(/Bao nhiêu phần trăm người dự họp đồng ý với kết quả\?: 92%/);
});
