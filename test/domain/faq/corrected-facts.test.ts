import { describe, expect, it } from "vitest";
import { loadFaqContent } from "../../../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR, indexContent, loadDictionary } from "../../../src/domain/faq/faq-search.js";
import { FaqIndex } from "../../../src/domain/faq/search/faq-index.js";

// The verification pass of 30/11/2026 (shared/policy/updates-2026-11.md) corrected these facts;
// each is asked the way an officer would ask it, on the real content, on a day after every
// correction took effect (the base salary of 01/7/2026, TT 60/2026 of 31/5/2026).
const { entries } = loadFaqContent(FAQ_CONTENT_DIR);
const index = indexContent(entries);
const NOW = new Date("2026-11-22T12:00:00+07:00");

function topAnswer(question: string) {
  const { periods } = index.ask(question, { now: NOW, timeZone: "Asia/Ho_Chi_Minh", publicOnly: false });
  const entry = periods[0]?.hits[0]?.entry;
  if (!entry) throw new Error(`no answer for "${question}"`);
  return {
    key: entry.key,
    confidence: periods[0]?.confidence,
    short: entry.answer,
    full: `${entry.answer}\n${entry.details ?? ""}`,
  };
}

const text = (entry: (typeof entries)[number]) => `${entry.answer}\n${entry.details ?? ""}`;

describe("Content brought up to date", () => {
  it.each([
    // [question, what the short answer must say, what the answer with its details must say]
    [
      "mức đóng bhyt hộ nghèo bao nhiêu tiền một tháng",
      ["113.850 đ", "01/7/2026", "NĐ 188/2025"],
      ["2.530.000 đ", "NĐ 161/2026", "vbpl.vn"],
    ],
    ["người nghèo được nhà nước mua thẻ bảo hiểm y tế theo nghị định nào", ["NĐ 188/2025"], ["113.850 đ"]],
    ["lương cơ sở bây giờ là bao nhiêu để tính tiền bhyt", ["2.530.000 đ"], ["NĐ 161/2026"]],
    ["hộ cận nghèo đóng bhyt mỗi tháng bao nhiêu tiền", ["70%"], ["113.850 đ"]],
    [
      "hộ làm nông mức sống trung bình được nhà nước hỗ trợ mấy phần trăm tiền bhyt",
      ["30%"],
      ["NĐ 188/2025"],
    ],
    [
      "tiền điện hỗ trợ hộ nghèo giờ theo quyết định nào",
      ["QĐ 14/2025/QĐ-TTg", "chưa xác nhận"],
      ["QĐ 05/2024"],
    ],
    [
      "người cao tuổi ở hộ cận nghèo có được trợ giúp pháp lý miễn phí không",
      ["khoản 7 Điều 7", "NĐ 144/2017"],
      [],
    ],
    ["chương trình xóa nhà tạm nhà dột nát bây giờ ra sao", ["334.234 căn", "đã hoàn thành"], []],
    ["ngưỡng thiếu hụt từng chỉ số nằm ở đâu trong nghị định 07", [], ["Phụ lục ban hành kèm NĐ 07/2021"]],
    ["ngân hàng chính sách xã hội hoạt động theo nghị định mới nào", [], ["NĐ 06/2026/NĐ-CP"]],
    ["hộ nghèo vay ngân hàng chính sách quá hạn thì lãi tính thế nào", [], ["NĐ 06/2026/NĐ-CP", "130%"]],
    [
      "kinh phí chương trình giảm nghèo theo thông tư nào của bộ tài chính",
      [],
      ["TT 60/2026/TT-BTC", "31/5/2026", "NĐ 38/2023"],
    ],
    ["chương trình mục tiêu quốc gia mới có còn dự án 7 không", [], ["nội dung thành phần 10"]],
  ] as const)('answers "%s" with the corrected fact', (question, short, full) => {
    const answer = topAnswer(question);
    for (const figure of short) expect(answer.short, `${question} → ${answer.key}`).toContain(figure);
    for (const figure of full) expect(answer.full, `${question} → ${answer.key}`).toContain(figure);
  });

  it("no longer presents NĐ 75/2023 or QĐ 28/2014 as the current basis", () => {
    const served = entries.filter((entry) => entry.status === "verified");
    const stale: string[] = [];
    for (const entry of served) {
      // Every sentence that names the old documents must say they were replaced.
      const sentences = [...text(entry).split(/\n|(?<=\.)\s|•/), entry.source];
      for (const sentence of sentences) {
        if (/75\/2023|28\/2014/.test(sentence) && !/thay|không còn|hết hiệu lực|trước đây/i.test(sentence)) {
          stale.push(`${entry.key}: ${sentence.trim()}`);
        }
      }
    }
    expect(stale).toEqual([]);
  });

  it("answers the BHYT premium with the figure from 01/7/2026, not the earlier one", () => {
    const answer = topAnswer("mức đóng bhyt hộ nghèo bao nhiêu tiền một tháng");
    expect(answer).toMatchObject({ key: "bhyt-ho-ngheo", confidence: "high" });
    expect(answer.short).toContain("4,5% × 2.530.000 đ");
    expect(answer.short).toMatch(/113\.850 đ\/người\/tháng từ 01\/7\/2026/);
    expect(answer.short).not.toMatch(/^[^.]*105\.300 đ[^.]*hiện nay/);
  });
});
