import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());

describe("policy Q&A", () => {
  it("a hamlet head asks without diacritics and gets a cited answer with its period", async () => {
    clock.set("2026-11-22T09:00:00+07:00");
    t.clear();
    await t.handle(textMessage(USERS.hamletHead, "ho can ngheo duoc ho tro bhyt bao nhieu"));
    const answer = t.lastText();
    expect(answer).toMatch(/70%/);
    expect(answer).toMatch(/(Nghị định|NĐ) 188\/2025\/NĐ-CP/);
    expect(answer).toMatch(/Đang áp dụng \(từ 15\/08\/2025\)/);
    expect(() => t.button("Hữu ích")).not.toThrow();
  });

  it("switches to the new poverty standard on 1 January 2027 by itself", async () => {
    const ask = async () => {
      t.clear();
      await t.handle(
        textMessage(USERS.hamletHead, "chuẩn hộ nghèo hiện nay là bao nhiêu một người một tháng"),
      );
      return t.lastText();
    };
    clock.set("2026-12-31T23:00:00+07:00");
    const before = await ask();
    expect(before).toMatch(/1\.500\.000 đ|1,5 triệu/);
    expect(before).toMatch(/(Nghị định|NĐ) 07\/2021/);
    clock.set("2027-01-01T00:30:00+07:00");
    const after = await ask();
    expect(after).toMatch(/2,2 triệu|2\.200\.000/);
    expect(after).toMatch(/2,8 triệu|2\.800\.000/);
    expect(after).toMatch(/(Nghị định|NĐ) 351\/2025/);
    clock.set("2026-11-22T09:00:00+07:00");
  });

  it("an old button to an answer that no longer applies says so", async () => {
    const old = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: "chuan-ngheo-2022-2026" } });
    clock.set("2027-02-01T09:00:00+07:00");
    t.clear();
    await t.handle(callback(USERS.hamletHead, `faq:e:${old.id}`));
    expect(t.lastText()).toMatch(/không còn áp dụng/);
    clock.set("2026-11-22T09:00:00+07:00");
  });

  it("a stranger browses by topic, opens an answer and its details", async () => {
    t.clear();
    await t.handle(callback(USERS.stranger, "m:faq"));
    await t.handle(callback(USERS.stranger, t.button("Rà soát hộ nghèo")));
    expect(t.lastText()).toMatch(/Rà soát hộ nghèo, hộ cận nghèo<\/b> — trang 1\//);
    await t.handle(callback(USERS.stranger, t.button("định kỳ")));
    expect(t.lastText()).toMatch(/01\/9.*14\/12/s);
  });
});

describe("my details and my units", () => {
  it("shows the person's own roster entry", async () => {
    t.clear();
    await t.handle(callback(USERS.hamletHead, "m:me"));
    expect(t.lastText()).toMatch(
      /Nguyễn Văn An.*Vai trò: Trưởng thôn.*Thôn 3, Xã Lâm Trung Thủy, Tỉnh Hà Tĩnh.*0912 000 001/s,
    );
  });

  it("a stranger has no details to show", async () => {
    t.clear();
    await t.handle(command(USERS.stranger, "me"));
    expect(t.lastText()).toMatch(/không có quyền/);
  });

  it("a commune officer sees the commune's hamlets and officers", async () => {
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "m:units"));
    const text = t.lastText();
    expect(text).toContain("Xã Lâm Trung Thủy");
    expect(text).toContain("Đơn vị trực thuộc: 3 thôn/tổ dân phố");
    expect(text).not.toContain("0 xã/phường");
    expect(text).toMatch(/Cán bộ đang hoạt động: 4 \(đã kết nối với bot: 2\)/);
    expect(text).toContain("Trưởng thôn: 3");
  });

  it("a supervisor sees the whole province", async () => {
    t.clear();
    await t.handle(command(USERS.supervisor, "units"));
    expect(t.lastText()).toContain("3 xã/phường, 7 thôn/tổ dân phố");
    expect(t.lastText()).toMatch(/Cán bộ đang hoạt động: 11/);
  });

  it("a hamlet head cannot use /units", async () => {
    t.clear();
    await t.handle(command(USERS.hamletHead, "units"));
    expect(t.lastText()).toMatch(/không có quyền/);
  });
});

describe("language", () => {
  it("switching to English changes the menu and the command list, and is remembered", async () => {
    t.clear();
    await t.handle(callback(USERS.trainer, "m:lang"));
    await t.handle(callback(USERS.trainer, "lang:en"));
    expect(t.lastText()).toMatch(/Hello Lê Văn Cường!.*Trainer/s);
    const commands = t
      .recent()
      .filter((c) => c.method === "setMyCommands")
      .at(-1);
    expect(commands?.payload.commands).toContainEqual({ command: "help", description: "Help" });
    const person = await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
    expect(person.locale).toBe("en");

    t.clear();
    await t.handle(command(USERS.trainer, "help"));
    expect(t.lastText()).toMatch(/Commands:/);
    await t.handle(callback(USERS.trainer, "lang:vi"));
  });

  it("a stranger's choice is kept on the account", async () => {
    await t.handle(callback(USERS.stranger, "lang:en"));
    t.clear();
    await t.handle(command(USERS.stranger, "start"));
    expect(t.texts().join("\n")).toMatch(/tap <b>📱 Verify with my phone number<\/b>/);
    await t.handle(callback(USERS.stranger, "lang:vi"));
  });
});
