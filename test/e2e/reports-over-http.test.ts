import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  await running.waitForBotText(an, /Câu 1 · /);
  const steps: [string, RegExp][] = [
    ["một trăm hai mươi", /⚠️ Cần một số nguyên/],
    ["120", /Câu 2 · /],
    ["25", /Câu 3 · /],
    ["150", /Số hộ đã rà soát không thể nhiều hơn/],
    ["100", /Câu 4 · /],
    ["18", /Câu 5 · /],
    ["22", /Câu 6 · /],
    ["7", /Câu 7 · /],
  ];
  for (const [text, expected] of steps) {
    await running.say(an, text);
    await running.waitForBotText(an, expected);
  }
  await running.press(an, "Có");
  await running.waitForBotText(an, /Câu 8 · còn 4 câu.*Họp dân ngày nào/s);
  await running.say(an, "31/12");
  await running.waitForBotText(an, /⚠️/);
  await running.say(an, "15/11");
  await running.waitForBotText(an, /Câu 9 · còn 3 câu/);
  await running.say(an, "vui lòng");
  await running.waitForBotText(an, /⚠️/);
  await running.say(an, "92%");
  await running.waitForBotText(an, /Câu 10 · còn 2 câu/);
  await running.press(an, "Có");
  await running.waitForBotText(an, /Câu 11 · còn 1 câu/);
  await running.press(an, "Có");
  await running.waitForBotText(an, /Câu 12 · câu cuối/);
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
  // Neither has used the bot yet: the officer sees whom to call.
  expect(status.text).toMatch(
    /Còn thiếu:\n• Thôn 1 — Võ Văn Giang \(chưa dùng bot, 📞 0912 000 011\)\n• Thôn 2 — Đặng Thị Hoa \(chưa dùng bot, 📞 0912 000 012\)/,
  );
  await running.press(binh, "Xem báo cáo");
  await running.waitForBotText(binh, /1 báo cáo/);
  await running.press(binh, "Thôn 3");
  const report = await running.waitForBotText(binh, /Thôn 3 \(Nguyễn Văn An\)/);
  expect(report.text).toMatch(/Thôn có bao nhiêu hộ trong danh sách cần rà soát năm nay\? 120 hộ/);
  expect(report.text).toMatch(/Bao nhiêu phần trăm người dự họp đồng ý với kết quả\? 92%/);
});

describe("Urgent and corrected reports reach a person", () => {
  it("an urgent incident report from Nguyễn Văn An appears in Trần Thị Bình's chat within seconds", async () => {
    await running.say(an, "/baocao");
    await running.waitForBotText(an, /chọn loại báo cáo/);
    await running.press(an, "Báo cáo sự việc đột xuất");
    await running.waitForBotText(an, /Đã xảy ra việc gì/);
    await running.press(an, "Cháy, nổ");
    const steps: [string, RegExp][] = [
      ["hôm nay", /Mô tả ngắn/],
      ["Cháy kho rơm nhà ông Hùng, lửa lan sang 2 nhà bên.", /bao nhiêu hộ bị ảnh hưởng/],
      ["3", /bao nhiêu người bị ảnh hưởng/],
      ["11", /hỗ trợ khẩn cấp/],
    ];
    for (const [text, expected] of steps) {
      await running.say(an, text);
      await running.waitForBotText(an, expected);
    }
    await running.press(an, "Có");
    await running.waitForBotText(an, /Cần hỗ trợ những gì/);
    await running.say(an, "1, 3");
    await running.waitForBotText(an, /Gửi ảnh hiện trường/);
    await running.press(an, "Bỏ qua");
    await running.waitForBotText(an, /Gửi vị trí/);
    await running.press(an, "Bỏ qua");
    await running.waitForBotText(an, /Kiểm tra lại báo cáo/);
    await running.press(an, "Gửi báo cáo");
    await running.waitForBotText(an, /Đã báo ngay cho: Trần Thị Bình/);

    const sentAt = Date.now();
    const notice = await running.waitForBotText(binh, /Báo cáo khẩn: Báo cáo sự việc đột xuất/, 5_000);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(notice.text).toMatch(/Thôn 3 — Nguyễn Văn An/);
    expect(notice.text).toMatch(/Có cần hỗ trợ khẩn cấp không\? Có/);
    expect(notice.text).toMatch(/Cần hỗ trợ những gì\? Lương thực, Chỗ ở tạm/);
    await running.press(binh, "Xem báo cáo");
    const view = await running.waitForBotText(binh, /Báo cáo sự việc đột xuất — Thôn 3 \(Nguyễn Văn An\)/);
    expect(view.text).toMatch(/Cháy kho rơm nhà ông Hùng/);
  });
});
