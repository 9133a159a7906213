import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());
beforeEach(() => {
  clock.set("2026-11-22T09:00:00+07:00");
  t.clear();
});

const ask = async (text: string, user = USERS.hamletHead) => {
  t.clear();
  await t.handle(textMessage(user, text));
  return t.texts();
};

describe("Questions about another period get that period's answer", () => {
  it('"chuẩn nghèo 2027 là bao nhiêu" in 2026 gets the 2027–2030 standard, says from when, and that it is not yet in force', async () => {
    const [answer, ...more] = await ask("chuẩn nghèo 2027 là bao nhiêu");
    expect(more).toEqual([]);
    expect(answer).toMatch(/^📅 <b>Từ 01\/01\/2027:<\/b>\n<b>Chuẩn nghèo 2027–2030/);
    expect(answer).toMatch(/2\.200\.000 đ.*2\.800\.000 đ/s);
    expect(answer).toMatch(/(Nghị định|NĐ) 351\/2025/);
    expect(answer).toMatch(/🗓 <i>Áp dụng từ 01\/01\/2027 đến hết 31\/12\/2030<\/i>/);
    expect(answer).not.toMatch(/Đang áp dụng/);
    const question = await temp.db.question.findFirstOrThrow({ orderBy: { id: "desc" } });
    const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: "chuan-ngheo-2027-2030" } });
    expect(question.matchedEntryId).toBe(entry.id);
  });

  it('"năm sau" is next year of the injected clock, in Vietnam', async () => {
    expect((await ask("năm sau chuẩn nghèo ở nông thôn là bao nhiêu")).join("\n")).toMatch(
      /Từ 01\/01\/2027:.*2\.200\.000 đ/s,
    );
    // 00:30 on 1/1/2027 in Vietnam (still 31/12 in UTC): "năm sau" is 2028, the same standard applies.
    clock.set("2027-01-01T00:30:00+07:00");
    const [answer] = await ask("năm sau chuẩn nghèo ở nông thôn là bao nhiêu");
    expect(answer).toMatch(/^📅 <b>Từ 01\/01\/2028:<\/b>/);
    expect(answer).toMatch(/🗓 <i>Đang áp dụng \(từ 01\/01\/2027 đến hết 31\/12\/2030\)<\/i>/);
  });

  it("a question spanning both periods gets both answers, each saying its period", async () => {
    const texts = await ask("chuẩn nghèo năm nay và năm sau khác nhau thế nào");
    expect(texts).toHaveLength(2);
    const [now, next] = texts;
    expect(now).toMatch(/^📅 <b>Hiện nay:<\/b>\n<b>Chuẩn nghèo đến hết 2026/);
    expect(now).toMatch(/1\.500\.000 đ/);
    expect(now).toMatch(/🗓 <i>Đang áp dụng \(từ 01\/01\/2022 đến hết 31\/12\/2026\)<\/i>/);
    expect(next).toMatch(/^📅 <b>Từ 01\/01\/2027:<\/b>\n<b>Chuẩn nghèo 2027–2030/);
    // One "Hỏi cán bộ" and one menu, under the last answer; 👍/👎 under each.
    const keyboards = t
      .recent()
      .filter((call) => call.method === "sendMessage")
      .map((call) => JSON.stringify(call.payload.reply_markup));
    expect(keyboards[0]).toMatch(/Hữu ích/);
    expect(keyboards[0]).not.toMatch(/Hỏi cán bộ/);
    expect(keyboards[1]).toMatch(/Hữu ích.*Hỏi cán bộ/);
  });

  it("the label says Đã hết hiệu lực for an answer about a period that is over", async () => {
    clock.set("2027-06-15T09:00:00+07:00");
    const [answer] = await ask("năm 2026 hộ nghèo thành thị thu nhập dưới mấy triệu");
    expect(answer).toMatch(/^📅 <b>Năm 2026:<\/b>\n<b>Chuẩn nghèo đến hết 2026/);
    expect(answer).toMatch(/2\.000\.000 đ/);
    expect(answer).toMatch(/🗓 <i>Đã hết hiệu lực \(áp dụng từ 01\/01\/2022 đến hết 31\/12\/2026\)<\/i>/);
    // Without a year the same question gets today's standard.
    expect((await ask("hộ nghèo thành thị thu nhập dưới mấy triệu")).join("\n")).toMatch(/2\.800\.000 đ/);
  });

  it("'Xem thêm' keeps the period asked about, and so does an old button pressed later", async () => {
    await ask("chuẩn nghèo 2027 là bao nhiêu");
    const more = t.button("Xem thêm");
    expect(more).toMatch(/^faq:m:\d+:\d+:2027$/);
    t.clear();
    await t.handle(callback(USERS.hamletHead, more));
    expect(t.lastText()).toMatch(/^📅 <b>Từ 01\/01\/2027:<\/b>.*So với chuẩn cũ/s);
    // In 2028 the same button still opens the answer about 2027, now in force.
    clock.set("2028-03-01T09:00:00+07:00");
    t.clear();
    await t.handle(callback(USERS.hamletHead, more));
    expect(t.lastText()).toMatch(/^📅 <b>Năm 2027:<\/b>.*🗓 <i>Đang áp dụng/s);
    // A button without a period still refuses an answer no longer in force.
    const old = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: "chuan-ngheo-2022-2026" } });
    t.clear();
    await t.handle(callback(USERS.hamletHead, `faq:e:${old.id}`));
    expect(t.lastText()).toMatch(/không còn áp dụng/);
    // A period the entry does not cover is refused too, whatever the button says.
    t.clear();
    await t.handle(callback(USERS.hamletHead, `faq:e:${old.id}:0:2027`));
    expect(t.lastText()).toMatch(/không còn áp dụng/);
  });

  it("an unsure answer about another period says which period it looked at", async () => {
    const [reply] = await ask("từ năm 2027 hộ ở phường tính chuẩn nào");
    expect(reply).toMatch(/chưa chắc đã hiểu đúng câu hỏi về quy định từ 01\/01\/2027/);
    const offered = t.button("Xã, phường áp mức nông thôn hay thành thị");
    expect(offered).toMatch(/^faq:e:\d+:\d+$/);
    expect(() => t.button("Hỏi cán bộ")).not.toThrow();
  });

  it("browsing a topic lists the answers still to come, opened as of the day they apply", async () => {
    await t.handle(callback(USERS.hamletHead, "faq:t:T2:0"));
    const open = t.button("Chuẩn nghèo 2027–2030");
    expect(open).toMatch(/^faq:e:\d+:0:20270101$/);
    t.clear();
    await t.handle(callback(USERS.hamletHead, open));
    expect(t.lastText()).toMatch(/^📅 <b>Từ 01\/01\/2027:<\/b>\n<b>Chuẩn nghèo 2027–2030/);
    expect(t.lastText()).toMatch(/🗓 <i>Áp dụng từ 01\/01\/2027 đến hết 31\/12\/2030<\/i>/);
    // Answers no longer in force are not listed.
    clock.set("2027-02-01T09:00:00+07:00");
    t.clear();
    await t.handle(callback(USERS.hamletHead, "faq:t:T1:0"));
    expect(() => t.button("Chuẩn nghèo đến hết 2026")).toThrow();
  });

  it("speaks English to people who chose it", async () => {
    await t.handle(callback(USERS.trainer, "lang:en"));
    const [answer] = await ask("chuẩn nghèo 2027 là bao nhiêu", USERS.trainer);
    expect(answer).toMatch(/^📅 <b>From 01\/01\/2027:<\/b>/);
    expect(answer).toMatch(/🗓 <i>In force from 01\/01\/2027 to 31\/12\/2030<\/i>/);
    await t.handle(callback(USERS.trainer, "lang:vi"));
  });
});
