import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FaqContentEntry, parseFaqFile } from "../../src/domain/faq/content/faq-file.js";
import { importFaqContent } from "../../src/domain/faq/import-faq-content.js";
import { parseLegalRegistry } from "../../src/domain/faq/legal/legal-registry.js";
import type { FakeZalo } from "../channels/zalo/fake-zalo.js";
import { personIdByPhone } from "../helpers/course-fixture.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, textMessage, USERS } from "../helpers/updates.js";
import { numberOf, startZaloBot, type ZaloBot } from "../helpers/zalo-bot.js";

/** Content of the test's own: an answer with its legal basis, a programme that ended and what replaced it. */
const REGISTRY = parseLegalRegistry(`
documents:
  nd-188-2025:
    number: "188/2025/NĐ-CP"
    kind: Nghị định
    title: "Quy định chi tiết Luật Bảo hiểm y tế"
    issued: 2025-08-15
    effective: 2025-08-15
    status: in_force
  qd-22-2024:
    number: "22/2024/QĐ-TTg"
    kind: Quyết định
    title: "Chương trình xóa nhà tạm, nhà dột nát"
    status: expired
    ended: 2025-08-26
`).registry;

function entry(file: string, front: string, answer: string): FaqContentEntry {
  const parsed = parseFaqFile(`---\n${front}\n---\n${answer}\n`, file);
  if (!parsed.entry) throw new Error(parsed.errors.join("\n"));
  return parsed.entry;
}

const ENTRIES = [
  entry(
    "t4/bhyt-ho-ngheo.md",
    `id: bhyt-ho-ngheo
topics: [T4.1]
title: "Người thuộc hộ nghèo được Nhà nước đóng BHYT"
phrasings: ["mức đóng bảo hiểm y tế hộ nghèo bao nhiêu", "ai đóng bhyt cho hộ nghèo", "hộ nghèo có thẻ bhyt không"]
source: "Cổng thông tin điện tử Chính phủ"
legal:
  - doc: nd-188-2025
    cite: "Điều 22 khoản 1"`,
    "Ngân sách nhà nước đóng toàn bộ: 113.850 đ/người/tháng.",
  ),
  entry(
    "t4/xoa-nha-tam.md",
    `id: xoa-nha-tam
topics: [T4.4]
title: "Chương trình xóa nhà tạm, nhà dột nát"
phrasings: ["xóa nhà tạm nhà dột nát", "chương trình xóa nhà tạm còn không", "đăng ký xóa nhà tạm"]
source: "Báo Nhân Dân"
legal:
  - doc: qd-22-2024
history:
  ended: 2025-08-26
  now: [nha-o-hien-nay]`,
    "Chương trình đã hoàn thành ngày 26/8/2025 với 334.234 căn nhà.",
  ),
  entry(
    "t4/nha-o-hien-nay.md",
    `id: nha-o-hien-nay
topics: [T4.4]
title: "Hỗ trợ nhà ở cho hộ nghèo hiện nay"
phrasings: ["hỗ trợ làm nhà mới cho hộ nghèo", "vay vốn làm nhà ở", "sửa nhà cho hộ cận nghèo"]
source: "Cổng thông tin điện tử Chính phủ"`,
    "Hộ nghèo được vay vốn ưu đãi để làm nhà theo chương trình hiện hành.",
  ),
];

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // Only the test's entries are served (the demo content is retired by the import).
  await importFaqContent(temp.db, clock, ENTRIES, REGISTRY, { personId: null, via: "cli" });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());
beforeEach(() => t.clear());

describe("Citations an officer can use: the answer shows its legal basis", () => {
  it("puts '⚖️ Căn cứ pháp lý' with each document and its status after the answer, before the source", async () => {
    await t.handle(textMessage(USERS.hamletHead, "muc dong bao hiem y te ho ngheo bao nhieu"));
    expect(t.lastText()).toBe(
      [
        "<b>Người thuộc hộ nghèo được Nhà nước đóng BHYT</b>",
        "",
        "Ngân sách nhà nước đóng toàn bộ: 113.850 đ/người/tháng.",
        "",
        "⚖️ <b>Căn cứ pháp lý:</b>",
        "• Nghị định 188/2025/NĐ-CP ngày 15/08/2025, Điều 22 khoản 1 — đang có hiệu lực",
        "📄 <i>Nguồn: Cổng thông tin điện tử Chính phủ</i>",
        "🗓 <i>Đang áp dụng</i>",
      ].join("\n"),
    );
  });

  it("has no legal basis block for an entry without one", async () => {
    await t.handle(textMessage(USERS.hamletHead, "hỗ trợ làm nhà mới cho hộ nghèo"));
    expect(t.lastText()).toMatch(/hiện hành\.\n\n📄 <i>Nguồn: Cổng thông tin điện tử Chính phủ<\/i>\n🗓/);
    expect(t.lastText()).not.toContain("Căn cứ pháp lý");
  });
});

describe("Validity shown truthfully: an ended programme in the bot", () => {
  it("is labelled 'Đã kết thúc ngày …' with a button to what applies now (Telegram)", async () => {
    await t.handle(textMessage(USERS.hamletHead, "xoa nha tam nha dot nat"));
    const answer = t.lastText();
    expect(answer).toContain(
      "• Quyết định 22/2024/QĐ-TTg — hết hiệu lực từ 27/08/2025\n📄 <i>Nguồn: Báo Nhân Dân</i>",
    );
    expect(answer).toMatch(/🕒 <i>Đã kết thúc ngày 26\/08\/2025<\/i>$/);
    expect(answer).not.toContain("Đang áp dụng");
    const now = t.button("➡️ Hiện nay: Hỗ trợ nhà ở cho hộ nghèo hiện nay");
    t.clear();
    await t.handle(callback(USERS.hamletHead, now));
    expect(t.lastText()).toMatch(/^<b>Hỗ trợ nhà ở cho hộ nghèo hiện nay<\/b>\n\nHộ nghèo được vay vốn/);
    expect(t.lastText()).toContain("🗓 <i>Đang áp dụng</i>");
  });

  it("on Zalo the button is a numbered line and typing its number opens what applies now", async () => {
    let z: ZaloBot | undefined;
    try {
      z = await startZaloBot(temp.db, clock);
      const zalo: FakeZalo = z.zalo;
      const { zaloId } = await z.linkPerson(await personIdByPhone(temp.db, "+84912000001"));
      zalo.clear();
      await z.type(zaloId, "xóa nhà tạm nhà dột nát");
      const answer = zalo.texts().join("\n");
      expect(answer).toMatch(
        /Căn cứ pháp lý:\n• Quyết định 22\/2024\/QĐ-TTg — hết hiệu lực từ 27\/08\/2025\n📄 Nguồn: Báo Nhân Dân/,
      );
      expect(answer).toContain("🕒 Đã kết thúc ngày 26/08/2025");
      zalo.clear();
      await z.type(zaloId, numberOf(answer, /Hiện nay: Hỗ trợ nhà ở cho hộ nghèo hiện nay/));
      expect(zalo.texts().join("\n")).toMatch(
        /Hỗ trợ nhà ở cho hộ nghèo hiện nay\n\nHộ nghèo được vay vốn ưu đãi/,
      );
    } finally {
      await z?.stop();
    }
  });
});
