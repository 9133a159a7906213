import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchOutcomeOf } from "../../src/domain/faq/search-outcome-of.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, textMessage, USERS } from "../helpers/updates.js";
import { numberOf, startZaloBot } from "../helpers/zalo-bot.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const UNSURE = "con nhà nghèo đi học được giúp gì";
const UNSURE_AGAIN = "Con nhà nghèo đi học thì được giúp những gì?";
const CONFIDENT = "nhà nghèo đi khám bệnh có phải trả tiền không";

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());

const alert = () => t.recent().find((call) => call.method === "answerCallbackQuery")?.payload.text;

describe("The editors' loop", () => {
  it("the bot records how sure the search was and the entries it offered, best first", async () => {
    await t.handle(textMessage(USERS.hamletHead, CONFIDENT));
    await t.handle(textMessage(USERS.hamletHead, UNSURE));
    clock.advance(60_000);
    await t.handle(textMessage(USERS.hamletHead, UNSURE_AGAIN));
    const rows = await temp.db.question.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.text, row.confidence])).toEqual([
      [CONFIDENT, "high"],
      [UNSURE, "low"],
      [UNSURE_AGAIN, "low"],
    ]);
    const confident = rows[0];
    expect(confident?.candidates).toEqual([confident?.matchedEntryId]);
    const unsure = rows[1]?.candidates as number[];
    expect(unsure.length).toBeGreaterThan(1);
    // The same entries, in the same order, as the buttons the bot offered.
    const offered = t
      .recent()
      .filter((call) => call.method === "sendMessage")
      .flatMap((call) =>
        (
          (call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] })
            ?.inline_keyboard ?? []
        )
          .flat()
          .map((button) => /^faq:e:(\d+):/.exec(button.callback_data ?? "")?.[1])
          .filter((id): id is string => id !== undefined),
      );
    const last = (rows[2]?.candidates ?? []) as number[];
    expect(offered.slice(-last.length).map(Number)).toEqual(last);
    // Nothing found at all is "none".
    expect(searchOutcomeOf({ periods: [], dated: false })).toEqual({ confidence: "none", candidates: [] });
  });

  it("an admin opens 📈, sees the unsure question grouped, adds it to an entry; the bot then answers it", async () => {
    const schooling = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: "ho-tro-chi-phi-hoc-tap" } });
    t.clear();
    await t.handle(command(USERS.admin, "noidung"));
    const overview = t.lastText();
    expect(overview).toMatch(/Nội dung cần xem lại.*30 ngày qua \(từ 23\/10\/2026\)/);
    expect(overview).toMatch(/Câu hỏi bot chưa trả lời chắc: 1 nhóm \(2 câu\)/);
    expect(overview).toMatch(/Mục quá hạn xem lại: 0/);
    await t.handle(callback(USERS.admin, t.button("Câu hỏi chưa trả lời chắc")));
    const section = t.lastText();
    expect(section).toMatch(/2 lần hỏi/);
    expect(section).toContain(`«${UNSURE_AGAIN}»`);
    expect(section).toContain(`«${UNSURE}»`);
    await t.handle(callback(USERS.admin, t.button("Thêm làm cách hỏi (1)")));
    expect(t.lastText()).toMatch(/làm cách hỏi cho mục nào/);
    const add = t.button(schooling.title.slice(0, 30));
    await t.handle(callback(USERS.admin, add));
    expect(t.lastText()).toMatch(/Đã thêm «.*» làm cách hỏi cho/);
    expect(await temp.db.faqPhrasing.count({ where: { entryId: schooling.id } })).toBe(1);
    // The same button again: already there, nothing added.
    await t.handle(callback(USERS.admin, add));
    expect(t.lastText()).toMatch(/đã có trong/);
    expect(await temp.db.faqPhrasing.count({ where: { entryId: schooling.id } })).toBe(1);
    await t.handle(textMessage(USERS.hamletHead, UNSURE_AGAIN));
    const question = await temp.db.question.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect([question.confidence, question.matchedEntryId]).toEqual(["high", schooling.id]);
    // The group now says it is done, and offers no more ➕.
    t.clear();
    await t.handle(callback(USERS.admin, "cr:l:30:q:0"));
    expect(t.lastText()).toContain(`✅ Đã thêm làm cách hỏi cho: ${schooling.title}`);
    expect(() => t.button("Thêm làm cách hỏi")).toThrow();
  });

  it("periods, the promote and edit actions, stale and forbidden buttons", async () => {
    const loans = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: "vay-von-ho-ngheo" } });
    await temp.db.faqEntry.update({ where: { id: loans.id }, data: { reviewBy: new Date("2026-11-01") } });
    t.clear();
    await t.handle(callback(USERS.admin, "cr:s:7"));
    expect(t.lastText()).toMatch(/7 ngày qua/);
    expect(t.lastText()).toMatch(/Mục quá hạn xem lại: 1/);
    await t.handle(callback(USERS.admin, t.button("Mục quá hạn xem lại")));
    expect(t.lastText()).toMatch(/hạn xem lại 01\/11\/2026/);
    expect(t.lastText()).toContain("content/faq/t4/vay-von-ho-ngheo.md");
    await t.handle(callback(USERS.admin, t.button("Sửa (1)")));
    expect(t.lastText()).toMatch(/Sửa tệp <code>content\/faq\/t4\/vay-von-ho-ngheo.md<\/code>/);

    // An answered ticket: its button is the tickets' own promote action.
    const unit = await temp.db.unit.findFirstOrThrow({ where: { name: "Xã Lâm Trung Thủy" } });
    const officer = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    const ticket = await temp.db.questionTicket.create({
      data: {
        text: "Hộ mới tách có được rà soát ngay không?",
        normalized: "ho moi tach co duoc ra soat ngay khong",
        unitId: unit.id,
        status: "answered",
        answer: "Có, trong đợt rà soát thường xuyên.",
        answeredById: officer.id,
        answeredAt: clock.now(),
        createdAt: clock.now(),
      },
    });
    t.clear();
    await t.handle(callback(USERS.admin, "cr:l:30:t:0"));
    expect(t.lastText()).toMatch(/Hộ mới tách.*\n.*↩ Có, trong đợt rà soát thường xuyên\. — Trần Thị Bình/);
    expect(t.button("Đưa vào hỏi đáp (1)")).toBe(`tk:p:${ticket.id}`);

    // Stale: a period the screen never offered, a question no longer in the report.
    t.clear();
    await t.handle(callback(USERS.admin, "cr:s:15"));
    expect(alert()).toMatch(/Nút đã cũ/);
    t.clear();
    await t.handle(callback(USERS.admin, "cr:a:30:999999"));
    expect(alert()).toMatch(/Nút đã cũ/);
    // A hamlet head: neither the screen nor the action.
    t.clear();
    await t.handle(callback(USERS.hamletHead, "cr:s:30"));
    expect(alert()).toMatch(/không có quyền/);
    t.clear();
    await t.handle(callback(USERS.hamletHead, `cr:ap:30:1:${loans.id}`));
    expect(alert()).toMatch(/không có quyền/);
    expect(await temp.db.faqPhrasing.count({ where: { entryId: loans.id } })).toBe(0);
  });

  it("on Zalo the same screens are numbered choices typed as numbers", async () => {
    const z = await startZaloBot(temp.db, clock);
    try {
      await t.handle(textMessage(USERS.hamletHead, "mái nhà hư hỏng nặng thì được giúp thế nào"));
      const trainer = await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
      const chat = await z.linkPerson(trainer.id);
      z.zalo.clear();
      await z.type(chat.zaloId, "nội dung cần xem lại");
      const overview = z.zalo.texts().at(-1);
      expect(overview).toMatch(/Câu hỏi bot chưa trả lời chắc: \d+ nhóm/);
      await z.type(chat.zaloId, numberOf(overview, /Câu hỏi chưa trả lời chắc/));
      const section = z.zalo.texts().at(-1);
      const item = (section ?? "").split("\n\n").find((block) => block.includes("«mái nhà hư hỏng nặng"));
      const n = /^\((\d+)\)/.exec(item ?? "")?.[1];
      expect(n).toBeDefined();
      await z.type(chat.zaloId, numberOf(section, new RegExp(`Thêm làm cách hỏi \\(${n}\\)`)));
      const choose = z.zalo.texts().at(-1);
      expect(choose).toMatch(/làm cách hỏi cho mục nào/);
      const question = await temp.db.question.findFirstOrThrow({ orderBy: { id: "desc" } });
      const candidates = question.candidates as number[];
      const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { id: candidates[0] } });
      await z.type(chat.zaloId, numberOf(choose, new RegExp(entry.title.slice(0, 20))));
      expect(z.zalo.texts().at(-1)).toMatch(
        /Đã thêm «mái nhà hư hỏng nặng thì được giúp thế nào» làm cách hỏi/,
      );
      expect(await temp.db.faqPhrasing.count({ where: { entryId: entry.id } })).toBe(1);
      for (const text of z.zalo.texts()) expect(text.length).toBeLessThanOrEqual(2000);
    } finally {
      await z.stop();
    }
  });
});
