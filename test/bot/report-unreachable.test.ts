import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendDueReminders } from "../../src/domain/reports/send-due-reminders.js";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock.js";
import { createDriver, type Driver, linkTelegram, telegramUser } from "../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { blockedBot, contact, USERS } from "../helpers/updates.js";

/**
 * Whoever sends something proactive through the bot — a nudge, an urgent report, an answer to
 * a question, an access decision — is told only about the people the bot can reach, and gets
 * the others by name and phone to call: those who never connected (no messenger account) and
 * those who blocked the bot.
 */

let temp: TempDb;
let t: TestBot;
let clock: FakeClock;
let an: Driver; // hamlet head, Thôn 3, Xã Lâm Trung Thủy
let binh: Driver; // commune officer, Xã Lâm Trung Thủy
const GIANG = telegramUser(710000201, "Giang"); // hamlet head, Thôn 1
const HOA_PHONE = "0912 000 012"; // hamlet head, Thôn 2, never connected

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock("2026-11-18T09:00:00+07:00"); // Wednesday of week 47
  t = createTestBot({ db: temp.db, clock });
  an = createDriver(t, USERS.hamletHead);
  binh = createDriver(t, USERS.communeOfficer);
  await linkTelegram(temp.db, "+84912000011", GIANG);
});
afterEach(() => temp.cleanup());

/** What the outbox sends now, by chat. */
async function delivered() {
  const before = t.calls.length;
  await t.flushOutbox();
  return t.calls
    .slice(before)
    .filter((call) => call.method === "sendMessage")
    .map((call) => ({ chatId: String(call.payload.chat_id), text: String(call.payload.text) }));
}

describe("People who cannot be reached are visible", () => {
  it("the missing-report list marks who never connected or blocked the bot, with the phone to call", async () => {
    await t.handle(blockedBot(GIANG, true));
    await binh.press("rp:st:review-progress:0");
    expect(binh.last()).toMatch(
      new RegExp(
        [
          "Còn thiếu:",
          "• Thôn 1 — Võ Văn Giang \\(đã chặn bot, 📞 0912 000 011\\)",
          `• Thôn 2 — Đặng Thị Hoa \\(chưa dùng bot, 📞 ${HOA_PHONE}\\)`,
          "• Thôn 3 — Nguyễn Văn An",
          "📞 Người chưa dùng bot hoặc đã chặn bot không nhận được lời nhắc — hãy gọi điện\\.",
        ].join("\\n"),
      ),
    );
  });

  it("the nudge counts only people it reached and names the others", async () => {
    await binh.press("rp:st:review-progress:0");
    await binh.tap("Nhắc các thôn chưa báo cáo");
    expect(binh.alert()).toBeUndefined(); // a message, not a 200-character alert
    expect(binh.last()).toBe(
      [
        "🔔 Đã nhắc 2 người qua bot.",
        "📞 1 người chưa dùng bot hoặc đã chặn bot, hãy gọi điện:",
        `• Thôn 2 — Đặng Thị Hoa (chưa dùng bot, 📞 ${HOA_PHONE})`,
      ].join("\n"),
    );
    expect(new Set((await delivered()).map((m) => m.chatId))).toEqual(
      new Set([String(GIANG.id), String(USERS.hamletHead.id)]),
    );

    // Nobody reachable at all: never "Đã gửi … 0 người".
    await t.handle(blockedBot(GIANG, true));
    await t.handle(blockedBot(USERS.hamletHead, true));
    clock.advance(24 * 60 * 60_000);
    await binh.press("rp:st:review-progress:0");
    await binh.tap("Nhắc các thôn chưa báo cáo");
    expect(binh.last()).toMatch(
      /^🔔 Không nhắc được ai qua bot\.\n📞 3 người chưa dùng bot hoặc đã chặn bot/,
    );
    expect(binh.last()).toMatch(/• Thôn 1 — Võ Văn Giang \(đã chặn bot, 📞 0912 000 011\)/);
    expect(binh.last()).not.toMatch(/\b0 người/);
    expect(await delivered()).toEqual([]);
    const audit = await temp.db.auditLog.findMany({
      where: { action: "report.nudge" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => (entry.details as { reminded: number }).reminded)).toEqual([2, 0]);
  });

  it("the deadline-day summary the officer gets names whom to call", async () => {
    clock.set("2026-11-20T08:00:00+07:00"); // Friday, the deadline
    await sendDueReminders(temp.db, clock, t.deps.translator, t.deps.forms, "Asia/Ho_Chi_Minh");
    const summary = (await delivered()).find((m) => m.chatId === String(USERS.communeOfficer.id));
    expect(summary?.text).toMatch(new RegExp(`Đặng Thị Hoa \\(chưa dùng bot, 📞 ${HOA_PHONE}\\)`));
    expect(summary?.text).toMatch(/hãy gọi điện/);
  });

  it("an urgent report whose officer blocked the bot tells the sender to call instead", async () => {
    await t.handle(blockedBot(USERS.communeOfficer, true));
    await an.command("baocao");
    await an.press("rp:new:incident");
    await an.tap("Thiên tai, bão lũ");
    for (const answer of ["hôm nay", "Lũ cuốn trôi cầu tạm, 3 hộ bị cô lập.", "3", "12", "có", "1, 2"])
      await an.say(answer);
    await an.say("bỏ qua");
    await an.say("bỏ qua");
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(
      /\n⚠️ Bot không nhắn được cho 1 cán bộ, hãy gọi điện báo: Trần Thị Bình \(đã chặn bot, 📞 0912 000 002\)\.$/,
    );
    expect(an.last()).not.toMatch(/Đã báo ngay/);
    expect(await temp.db.outboxMessage.count()).toBe(0);
  });

  it("an answer to askers who blocked the bot is not counted as sent; they are named", async () => {
    const question = "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?";
    for (const asker of [an, createDriver(t, GIANG)]) {
      await asker.say(question);
      await asker.tap("Hỏi cán bộ");
    }
    await delivered();
    await t.handle(blockedBot(USERS.hamletHead, true));
    const ticket = await temp.db.questionTicket.findFirstOrThrow();
    await binh.press(`tk:r:${ticket.id}`);
    await binh.say("Thôn lập dự toán, gửi UBND xã đề nghị hỗ trợ.");
    await binh.tap("Gửi");
    expect(binh.last()).toBe(
      [
        "✅ Đã gửi câu trả lời cho 1 người hỏi.",
        "📞 1 người hỏi đã chặn bot nên không nhận được, hãy gọi: Nguyễn Văn An (đã chặn bot, 📞 0912 000 001)",
      ].join("\n"),
    );
    expect((await delivered()).map((m) => m.chatId)).toEqual([String(GIANG.id)]);
  });

  it("an access decision for a requester who blocked the bot says they were not told", async () => {
    const stranger = createDriver(t, USERS.stranger);
    await stranger.press("m:req");
    await stranger.say("Nguyễn Thị Mới");
    await stranger.send(contact(USERS.stranger, "0987654321"));
    await stranger.tap("Trưởng thôn");
    await stranger.tap("Xã Lâm Trung Thủy");
    await stranger.tap("Thôn 2");
    await stranger.tap("Gửi yêu cầu");
    await delivered();
    await t.handle(blockedBot(USERS.stranger, true));
    const request = await temp.db.accessRequest.findFirstOrThrow();
    await binh.press(`acc:a:${request.id}`);
    // Thôn 2 has a head already: the officer decides to keep both.
    await binh.tap("Giữ cả hai");
    expect(binh.last()).toMatch(
      /Đã duyệt — Nguyễn Thị Mới đã có quyền truy cập\.\n📞 Nguyễn Thị Mới đã chặn bot nên chưa nhận được tin báo/,
    );
    expect(await delivered()).toEqual([]);
  });
});

describe("People who cannot be reached are visible: sending a report back", () => {
  it("the officer is not told “Đã gửi” when the hamlet head blocked the bot", async () => {
    await an.command("baocao");
    await an.press("rp:new:review-progress");
    for (const answer of ["120", "25", "100", "18", "22", "7", "không"]) await an.say(answer);
    await an.tap("Bỏ qua");
    await an.tap("Gửi báo cáo");
    const report = await temp.db.report.findFirstOrThrow();
    await t.handle(blockedBot(USERS.hamletHead, true));

    await binh.press(`rp:vw:${report.id}`);
    await binh.tap("Yêu cầu bổ sung");
    await binh.tap("Thôn có bao nhiêu hộ");
    await binh.tap("Xong");
    await binh.say("Số hộ chưa khớp danh sách xã.");
    expect(binh.last()).toBe(
      "✏️ Báo cáo đã chuyển sang “cần bổ sung”, nhưng bot không nhắn được cho Nguyễn Văn An (đã chặn bot, 📞 0912 000 001) — hãy gọi điện báo.",
    );
    expect(await delivered()).toEqual([]);
    const after = await temp.db.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(after.status).toBe("returned"); // they see it when they come back
  });
});
