import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerTicket, askOfficer, promoteTicket, recordQuestion } from "../../src/domain/faq/questions.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, contact, sticker, textMessage, USERS } from "../helpers/updates.js";
import { numberOf, startZaloBot, type ZaloBot } from "../helpers/zalo-bot.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const em = USERS.admin;
const lan = USERS.unlinkedSecondCommune;
const QUESTION = "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?";
const ZALO_QUESTION = "Thôn có được dùng quỹ thôn mua loa phát thanh không?";

/** An asks, Trần Thị Bình answers and promotes: the new entry's id. */
async function promoted(text: string, answer: string): Promise<number> {
  const an = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
  const binh = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
  const account = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: an.id } });
  const questionId = await recordQuestion(temp.db, clock, {
    accountId: account.id,
    personId: an.id,
    text,
    matchedEntryId: null,
    score: null,
  });
  const asked = await askOfficer(temp.db, clock, t.deps.translator, { questionId, accountId: account.id });
  if (!asked.ok) throw new Error(asked.reason);
  await answerTicket(temp.db, clock, t.deps.translator, binh.id, { ticketId: asked.ticketId, answer });
  const result = await promoteTicket(temp.db, clock, binh.id, asked.ticketId, "Asia/Ho_Chi_Minh");
  if (!result.ok) throw new Error(result.reason);
  return (await temp.db.faqEntry.findUniqueOrThrow({ where: { key: result.key } })).id;
}

const entry = (id: number) => temp.db.faqEntry.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
  await t.handle(contact(lan, "0912000022"));
  await temp.db.legalDocument.create({
    data: {
      key: "nd-thu-2026",
      number: "99/2026/NĐ-CP",
      kind: "Nghị định",
      title: "Văn bản thử về nhà văn hóa",
      // The newest document, so it heads the list (which also holds the real registry).
      issuedOn: new Date("2026-11-25T00:00:00+07:00"),
      status: "in_force",
      contentHash: "x",
    },
  });
});
afterAll(() => temp.cleanup());

describe("Promotion done right", () => {
  let id: number;

  it("the review screen previews the answer as it will be served, with its reach, legal basis and edit buttons", async () => {
    id = await promoted(QUESTION, "Thôn lập dự toán, gửi UBND xã.");
    t.clear();
    await t.handle(callback(em, "m:rv"));
    const screen = t.lastText();
    expect(screen).toMatch(/Câu trả lời chờ duyệt.*1\/1/);
    expect(screen).toMatch(/chỉ 1 người đã hỏi thấy/);
    expect(screen).toMatch(/<b>Nhà văn hóa thôn bị dột mái.*<\/b>\n\nThôn lập dự toán, gửi UBND xã\./s);
    expect(screen).toMatch(/Nguồn: Câu trả lời của cán bộ địa phương/);
    expect(screen).toMatch(/📍 <i>Áp dụng tại: Xã Lâm Trung Thủy<\/i>/);
    expect(screen).toMatch(/Phạm vi khi duyệt:<\/b> mọi người thuộc Xã Lâm Trung Thủy/);
    expect(screen).toMatch(/Căn cứ pháp lý:<\/b> chưa có/);
    for (const label of [
      "✏️ Tiêu đề",
      "✏️ Câu trả lời",
      "✏️ Cách hỏi",
      "📍 Phạm vi",
      "⚖️ Căn cứ",
      "✅ Duyệt",
      "✖️ Bỏ",
    ])
      expect(t.button(label)).toMatch(/^rv:/);
  });

  it("editing the answer: a sticker, an empty or too long text are refused and lose nothing; typing hủy changes nothing", async () => {
    await t.handle(callback(em, `rv:ea:${id}`));
    expect(t.lastText()).toMatch(/Câu trả lời hiện tại:\nThôn lập dự toán/);
    t.clear();
    await t.handle(sticker(em));
    expect(t.lastText()).toMatch(/cần câu trả lời bằng chữ/);
    await t.handle(textMessage(em, "x".repeat(3001)));
    expect(t.lastText()).toMatch(/dài quá \(tối đa 3\.000 ký tự\)/);
    await t.handle(textMessage(em, "   "));
    expect(t.lastText()).toMatch(/đang trống/);
    expect((await entry(id)).answer).toBe("Thôn lập dự toán, gửi UBND xã.");
    t.clear();
    await t.handle(textMessage(em, "hủy"));
    expect(t.texts()[0]).toMatch(/Đã hủy/);
    expect((await entry(id)).answer).toBe("Thôn lập dự toán, gửi UBND xã.");
  });

  it("edits the answer and the phrasings, widens the reach to the province and sets the legal basis", async () => {
    await t.handle(callback(em, `rv:ea:${id}`));
    await t.handle(textMessage(em, "Thôn lập dự toán sửa chữa <nhỏ>, gửi UBND xã xem xét hỗ trợ."));
    expect(t.texts().join("\n")).toMatch(/Đã lưu/);
    expect(t.lastText()).toMatch(/Thôn lập dự toán sửa chữa &lt;nhỏ&gt;, gửi UBND xã xem xét hỗ trợ\./);

    await t.handle(callback(em, `rv:ep:${id}`));
    await t.handle(textMessage(em, `${QUESTION}\nnha van hoa thon hong xin tien sua o dau`));
    expect(t.lastText()).toMatch(/• nha van hoa thon hong xin tien sua o dau/);

    t.clear();
    await t.handle(callback(em, `rv:r:${id}`));
    expect(t.lastText()).toMatch(/dùng cho ai/);
    await t.handle(callback(em, t.button("Tỉnh Hà Tĩnh")));
    expect(t.lastText()).toMatch(/Phạm vi khi duyệt:<\/b> mọi người thuộc Tỉnh Hà Tĩnh/);
    expect(t.lastText()).toMatch(/Áp dụng tại: Tỉnh Hà Tĩnh/);

    t.clear();
    await t.handle(callback(em, `rv:eg:${id}`));
    expect(t.lastText()).toMatch(/Chọn văn bản làm căn cứ pháp lý/);
    await t.handle(callback(em, t.button("99/2026/NĐ-CP")));
    expect(t.lastText()).toMatch(/Ghi điều, khoản của Nghị định 99\/2026\/NĐ-CP/);
    await t.handle(textMessage(em, "Điều 5 khoản 2"));
    expect(t.lastText()).toMatch(
      /Căn cứ pháp lý:<\/b>\n\s*• Nghị định 99\/2026\/NĐ-CP ngày 25\/11\/2026, Điều 5 khoản 2 — đang có hiệu lực/,
    );
    expect((await entry(id)).legalBasis).toEqual([{ doc: "nd-thu-2026", cite: "Điều 5 khoản 2" }]);
  });

  it("before approval another hamlet head of the province does not get it; after ✅ Duyệt they get the edited answer", async () => {
    t.clear();
    await t.handle(textMessage(lan, QUESTION));
    expect(t.texts().join("\n")).not.toMatch(/sửa chữa/);
    await t.handle(callback(em, `rv:v:${id}`));
    await t.handle(callback(em, t.button("✅ Duyệt")));
    expect(t.texts().join("\n")).toMatch(/Đã duyệt/);
    expect((await entry(id)).status).toBe("verified");
    t.clear();
    await t.handle(textMessage(lan, QUESTION));
    expect(t.lastText()).toMatch(/Thôn lập dự toán sửa chữa &lt;nhỏ&gt;/);
    expect(t.lastText()).toMatch(/Áp dụng tại: Tỉnh Hà Tĩnh/);
    t.clear();
    await t.handle(callback(em, `rv:ea:${id}`));
    expect(t.recent().find((call) => call.method === "answerCallbackQuery")?.payload.text).toMatch(
      /không còn chờ duyệt/,
    );
  });
});

describe("Promotion done right", () => {
  let z: ZaloBot;
  afterAll(async () => z?.stop());

  it("on Zalo every choice is a typed number: edit the answer, then approve", async () => {
    const id = await promoted(ZALO_QUESTION, "Được.");
    z = await startZaloBot(temp.db, clock);
    const admin = await temp.db.person.findFirstOrThrow({ where: { fullName: "Hoàng Văn Em" } });
    const { zaloId } = await z.linkPerson(admin.id);
    const say = async (text: string) => {
      z.zalo.clear();
      await z.type(zaloId, text);
      return z.zalo.texts().join("\n");
    };
    const menu = await say("menu");
    const screen = await say(numberOf(menu, /Duyệt câu trả lời mới/));
    expect(screen).toMatch(/quỹ thôn mua loa/);
    const prompt = await say(numberOf(screen, /✏️ Câu trả lời/));
    expect(prompt).toMatch(/Câu trả lời hiện tại/);
    const saved = await say("Được, nếu cuộc họp thôn đồng ý và có biên bản.");
    expect(saved).toMatch(/Đã lưu/);
    expect(saved).toMatch(/có biên bản/);
    expect((await entry(id)).answer).toBe("Được, nếu cuộc họp thôn đồng ý và có biên bản.");
    const done = await say(numberOf(saved, /✅ Duyệt/));
    expect(done).toMatch(/Đã duyệt/);
    expect((await entry(id)).status).toBe("verified");
  });
});
