import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { subscribeSummary } from "../../src/domain/summaries/subscribe-summary.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, textMessage, USERS } from "../helpers/updates.js";
import { numberOf, startZaloBot } from "../helpers/zalo-bot.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-12-02T10:00:00+07:00"); // a Wednesday

async function personId(name: string): Promise<number> {
  return (await temp.db.person.findFirstOrThrow({ where: { fullName: name } })).id;
}
const press = (user = USERS.supervisor, label: string) => t.handle(callback(user, t.button(label)));

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  clock.set("2026-12-02T10:00:00+07:00");
  await temp.db.summarySent.deleteMany({});
  await temp.db.summarySubscription.deleteMany({});
  await temp.db.conversationState.deleteMany({});
  t = createTestBot({ db: temp.db, clock });
});

describe("Subscriptions", () => {
  it("🔔 Nhận tổng hợp: narrow to a hamlet, weekly on Friday, a typed time; then pause, resume, delete", async () => {
    await t.handle(command(USERS.supervisor, "nhantonghop"));
    expect(t.lastText()).toContain("chưa đăng ký");
    await press(USERS.supervisor, "Đăng ký mới");
    expect(t.lastText()).toContain("cả <b>Tỉnh Hà Tĩnh</b>");
    await press(USERS.supervisor, "Xã Lâm Trung Thủy");
    expect(t.lastText()).toContain("Xã Lâm Trung Thủy");
    await press(USERS.supervisor, "Thôn 2");
    await press(USERS.supervisor, "Hằng tuần");
    await press(USERS.supervisor, "thứ Sáu");
    await t.handle(textMessage(USERS.supervisor, "5h chiều"));
    expect(t.lastText()).toContain("Thôn 2");
    expect(t.lastText()).toContain("Lần tới: 17:00 thứ Sáu, 04/12/2026");
    const row = await temp.db.summarySubscription.findFirstOrThrow({ include: { unit: true } });
    expect(row).toMatchObject({ cadence: "weekly", weekday: 5, localTime: "17:00", active: true });
    expect(row.unit.name).toBe("Thôn 2");

    t.clear();
    await t.handle(command(USERS.supervisor, "nhantonghop"));
    expect(t.lastText()).toContain("17:00 thứ Sáu hằng tuần");
    await press(USERS.supervisor, "Tạm dừng");
    expect(t.lastText()).toContain("Đã tạm dừng");
    expect(t.lastText()).toContain("Đang tạm dừng");
    expect((await temp.db.summarySubscription.findFirstOrThrow()).active).toBe(false);
    clock.set("2026-12-05T09:00:00+07:00");
    await press(USERS.supervisor, "Tiếp tục");
    expect(t.lastText()).toContain("Lần tới: 17:00 thứ Sáu, 11/12/2026");
    expect(await temp.db.summarySubscription.findFirstOrThrow()).toMatchObject({ active: true });
    const pause = t.button("Tạm dừng");
    await press(USERS.supervisor, "Xóa:");
    expect(t.lastText()).toContain("Xóa đăng ký nhận tổng hợp <b>Thôn 2</b>");
    await press(USERS.supervisor, "Xóa đăng ký");
    expect(t.lastText()).toContain("Đã xóa");
    expect(await temp.db.summarySubscription.count()).toBe(0);
    // The list's button of the deleted subscription: said so, and the current list.
    t.clear();
    await t.handle(callback(USERS.supervisor, pause));
    expect(t.lastText()).toContain("không còn");
  });

  it("the default choices give weekly, Monday 07:30, for the whole province", async () => {
    await t.handle(callback(USERS.supervisor, "sms:a"));
    await press(USERS.supervisor, "Cả Tỉnh Hà Tĩnh");
    await press(USERS.supervisor, "Hằng tuần");
    await press(USERS.supervisor, "thứ Hai");
    await press(USERS.supervisor, "07:30");
    expect(t.lastText()).toContain("Lần tới: 07:30 thứ Hai, 07/12/2026");
    const row = await temp.db.summarySubscription.findFirstOrThrow({ include: { unit: true } });
    expect(row).toMatchObject({ cadence: "weekly", weekday: 1, localTime: "07:30" });
    expect(row.unit.name).toBe("Tỉnh Hà Tĩnh");
  });

  it("a bad time or day is asked again, nothing lost; stale and forged buttons are refused", async () => {
    await t.handle(callback(USERS.supervisor, "sms:a"));
    const firstPrompt = t.button("Cả Tỉnh Hà Tĩnh");
    await press(USERS.supervisor, "Cả Tỉnh Hà Tĩnh");
    await press(USERS.supervisor, "Hằng tháng");
    await t.handle(textMessage(USERS.supervisor, "31"));
    expect(t.lastText()).toContain("từ 1 đến 28");
    await t.handle(textMessage(USERS.supervisor, "5"));
    await t.handle(textMessage(USERS.supervisor, "25 giờ"));
    expect(t.lastText()).toContain("chưa hiểu giờ");
    await t.handle(textMessage(USERS.supervisor, "8h15"));
    expect(t.lastText()).toContain("08:15 ngày 5 hằng tháng");
    expect(await temp.db.summarySubscription.findFirstOrThrow()).toMatchObject({
      monthDay: 5,
      localTime: "08:15",
    });
    // A button of the finished conversation.
    t.clear();
    await t.handle(callback(USERS.supervisor, firstPrompt));
    expect(t.recent().some((call) => call.method === "answerCallbackQuery")).toBe(true);
    expect(await temp.db.summarySubscription.count()).toBe(1);

    // Someone else's subscription id in a forged button: refused as if it did not exist.
    const binh = await subscribeSummary(temp.db, clock, await personId("Trần Thị Bình"));
    if (!binh.ok) throw new Error(binh.reason);
    t.clear();
    await t.handle(callback(USERS.supervisor, `sms:xy:${binh.subscriptionId}`));
    await t.handle(callback(USERS.supervisor, `sms:p:${binh.subscriptionId}`));
    expect(t.lastText()).toContain("không còn");
    expect(
      await temp.db.summarySubscription.findUniqueOrThrow({ where: { id: binh.subscriptionId } }),
    ).toMatchObject({
      active: true,
    });
  });

  it("a commune officer narrows only within her commune; a hamlet head has no such screen", async () => {
    await t.handle(callback(USERS.communeOfficer, "sms:a"));
    const prompt = t.lastText();
    expect(prompt).toContain("Xã Lâm Trung Thủy");
    const labels = t
      .recent()
      .flatMap((call) =>
        (
          (call.payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)
            ?.inline_keyboard ?? []
        ).flat(),
      )
      .map((button) => button.text);
    expect(labels.some((label) => label.includes("Thôn 1"))).toBe(true);
    expect(labels.some((label) => label.includes("Đức Thọ") || label.includes("Tỉnh"))).toBe(false);
    t.clear();
    await t.handle(command(USERS.hamletHead, "nhantonghop"));
    expect(t.lastText()).toContain("không có quyền");
    await t.handle(callback(USERS.hamletHead, "sms:a"));
    expect(t.lastText()).toContain("không có quyền");
    expect(await temp.db.summarySubscription.count()).toBe(0);
  });

  it("on Zalo every choice is a typed number and each step a new message", async () => {
    const z = await startZaloBot(temp.db, clock);
    try {
      const dung = await personId("Phạm Thị Dung");
      const { zaloId } = await z.linkPerson(dung);
      const say = async (text: string) => {
        z.zalo.clear();
        await z.type(zaloId, text);
        return z.zalo.texts().join("\n");
      };
      let shown = await say("/nhantonghop");
      expect(shown).toContain("chưa đăng ký");
      shown = await say(numberOf(shown, /Đăng ký mới/));
      shown = await say(numberOf(shown, /Xã Đức Thọ/));
      shown = await say(numberOf(shown, /Cả Xã Đức Thọ/));
      shown = await say(numberOf(shown, /Hằng ngày/));
      expect(shown).toContain("mấy giờ");
      shown = await say("7");
      expect(shown).toContain("Xã Đức Thọ");
      expect(shown).toContain("hằng ngày lúc 07:00");
      expect(shown).toContain("Lần tới: 07:00 thứ Năm, 03/12/2026");
      shown = await say(numberOf(shown, /Danh sách/));
      shown = await say(numberOf(shown, /Tạm dừng/));
      expect(shown).toContain("Đã tạm dừng");
      expect(await temp.db.summarySubscription.findFirstOrThrow()).toMatchObject({
        cadence: "daily",
        active: false,
      });
    } finally {
      await z.stop();
      await temp.db.channelAccount.deleteMany({ where: { channel: "zalo" } });
    }
  });
});
