import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMovableClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

/**
 * The training acceptance run, in the simulator over real HTTP with the scheduler on: Lê Văn
 * Cường (trainer) publishes a course for the hamlet heads of two communes; An (Xã Lâm Trung
 * Thủy) says yes, Lan (Xã Đức Thọ) says no; Cường sees the counts; when the clock reaches the
 * reminder, only An is reminded; on the day, the check-in code marks An present.
 */
const AN = 710000001;
const CUONG = 710000003;
const LAN = 710000022;
const clock = createMovableClock("2026-11-22T09:00:00+07:00");
let running: RunningApp;

beforeAll(async () => {
  // The sweep for due course sends every two seconds instead of every minute.
  running = await startRunningApp({ COURSE_SENDS_CRON: "*/2 * * * * *" }, { clock, scheduler: true });
});
afterAll(() => running.stop());

const texts = async (userId: number) =>
  (await running.messages(userId)).filter((m) => m.outgoing).map((m) => m.text ?? m.caption ?? "");

/** The newest bot message matching, wherever it is (other notices may arrive after it). */
async function waitForAny(userId: number, pattern: RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await running.messages(userId))
      .filter((m) => m.outgoing && pattern.test(m.text ?? ""))
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no bot message matching ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Training in the simulator", () => {
  it("a trainer's course reaches two communes; answers, counts, the reminder to the one who said yes, check-in by code", async () => {
    // Lan links her Telegram account by sharing her phone.
    await running.say(LAN, "/start");
    await running.waitForBotText(LAN, /Xác minh bằng số điện thoại/);
    await running.pageApi(`/sim/api/chats/${LAN}/contact`, { json: {} });
    await running.waitForBotText(LAN, /Chào Ngô Thị Lan!/);

    await running.say(CUONG, "/taokhoahoc");
    await running.waitForBotText(CUONG, /Tên khóa học là gì\?/);
    await running.say(CUONG, "Tập huấn rà soát hộ nghèo 2026");
    await running.waitForBotText(CUONG, /Nội dung chính/);
    await running.say(CUONG, "Cách chấm điểm hộ nghèo theo chuẩn mới.");
    await running.waitForBotText(CUONG, /gửi vị trí/);
    await running.say(CUONG, "Hội trường UBND xã Lâm Trung Thủy");
    await running.waitForBotText(CUONG, /Bắt đầu lúc nào\?/);
    await running.say(CUONG, "8h 15/12");
    await running.waitForBotText(CUONG, /Bắt đầu 08:00 15\/12\/2026/);
    await running.say(CUONG, "11h30");
    await running.waitForBotText(CUONG, /Gửi cho đơn vị nào\?/);
    await running.press(CUONG, "Xã Lâm Trung Thủy");
    await running.waitForBotText(CUONG, /Đã chọn: Xã Lâm Trung Thủy/);
    await running.press(CUONG, "Xã Đức Thọ");
    await running.waitForBotText(CUONG, /Xã Đức Thọ/);
    await running.press(CUONG, "Xong");
    await running.waitForBotText(CUONG, /Gửi cho những ai\?/);
    await running.press(CUONG, "Trưởng thôn");
    await running.waitForBotText(CUONG, /Trưởng thôn/);
    await running.press(CUONG, "Xong");
    await running.waitForBotText(CUONG, /Tối đa bao nhiêu người\?/);
    await running.press(CUONG, "Không giới hạn");
    await running.waitForBotText(CUONG, /Hạn trả lời/);
    await running.say(CUONG, "17h 12/12");
    await running.waitForBotText(CUONG, /Nhắc người tham gia/);
    await running.press(CUONG, "1 ngày trước lúc 08:00 và 2 giờ trước");
    await running.waitForBotText(CUONG, /Đăng khóa học và gửi thông báo\?/);
    // Five hamlet heads in the two communes; An and Lan can be reached, three cannot.
    expect((await texts(CUONG)).join("\n")).toContain("Sẽ gửi tới 5 người (3 chưa kết nối");
    await running.press(CUONG, "Đăng và gửi");

    // Both receive the notice through the outbox; one says yes, the other no.
    await running.waitForBotText(AN, /Tập huấn rà soát hộ nghèo 2026/);
    await running.waitForBotText(LAN, /Tập huấn rà soát hộ nghèo 2026/);
    await running.press(AN, "Tham gia");
    await running.waitForBotText(AN, /Đã ghi nhận: bạn tham gia/);
    await running.press(LAN, "Không tham gia");
    await running.waitForBotText(LAN, /lý do/);
    await running.press(LAN, "Trùng lịch họp khác");
    await running.waitForBotText(LAN, /đã ghi lý do/);

    // The trainer's screen: one yes in each commune's line… and the totals.
    await running.say(CUONG, "/khoahoc");
    await running.waitForBotText(CUONG, /Khóa học của bạn/);
    await running.press(CUONG, "Tập huấn rà soát hộ nghèo 2026");
    const screen = await running.waitForBotText(CUONG, /Tổng cộng/);
    expect(screen.text).toMatch(/Xã Lâm Trung Thủy: ✅ 1 · ❌ 0 · ⏳ 0 · ❔ 2/);
    expect(screen.text).toMatch(/Xã Đức Thọ: ✅ 0 · ❌ 1 · ⏳ 0 · ❔ 1/);
    expect(screen.text).toMatch(/Tổng cộng: ✅ 1 · ❌ 1 · ⏳ 0 · ❔ 3/);

    // The day before at 08:00: An (yes) is reminded, Lan (no) is not.
    const lanBefore = (await texts(LAN)).length;
    clock.advance(new Date("2026-12-14T08:00:30+07:00").getTime() - clock.now().getTime());
    await running.waitForBotText(AN, /Nhắc lịch tập huấn — còn 1 ngày/, 15_000);
    // The sweep ran (An's reminder came); give Lan's side the same time to be sure it stays quiet.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const lanAfter = await texts(LAN);
    expect(lanAfter.slice(lanBefore).join("\n")).not.toMatch(/Nhắc lịch/);

    // On the day: the trainer opens check-in and reads the code; An types it.
    clock.advance(new Date("2026-12-15T07:50:00+07:00").getTime() - clock.now().getTime());
    await running.press(CUONG, "Điểm danh");
    const opened = await waitForAny(CUONG, /Mã điểm danh: [A-Z0-9]{5}/);
    const code = /Mã điểm danh: ([A-Z0-9]{5})/.exec(opened.text ?? "")?.[1] ?? "";
    await running.say(AN, code.toLowerCase());
    await running.waitForBotText(AN, /Đã điểm danh khóa Tập huấn rà soát hộ nghèo 2026/);
    await running.press(CUONG, "Cập nhật số người");
    await waitForAny(CUONG, /Đã điểm danh: 1\/1/);
  }, 90_000);
});
