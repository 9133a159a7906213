import { describe, expect, it } from "vitest";
import { renderSummaryText } from "../../../src/domain/summaries/render-summary-text.js";
import type { UnitRef } from "../../../src/domain/summaries/summary-data.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { splitMessage } from "../../../src/shared/split-message.js";
import { emptySummary, firstForm, LTT, provinceSummary, windowOf } from "./render-fixture.js";

const translator = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";

describe("Summary text for a phone screen", () => {
  it("says the figures of a week in short Vietnamese lines", () => {
    const text = renderSummaryText(provinceSummary(), translator, "vi", TZ);
    expect(text.split("\n")).toEqual([
      "📊 <b>Tổng hợp tuần 23/11–29/11/2026 · Tỉnh Hà Tĩnh</b>",
      "",
      "📝 <b>Tiến độ rà soát hộ nghèo, cận nghèo</b> — Tuần 48 (23/11–29/11/2026)",
      "Đã báo cáo: <b>5/7</b> đơn vị (71,4%)",
      "Hộ đã rà soát 1.354 (+54) · Hộ nghèo mới 3 (-1)",
      "• Xã Lâm Trung Thủy: 2/3 (67%) · Hộ đã rà soát 120 (+15)",
      "• Xã Đức Thọ: 2/2 (100%) · Hộ đã rà soát 1.234",
      "• Phường Thành Sen: 1/2 (50%)",
      "⏳ <b>Chưa báo cáo (2):</b>",
      "• Xã Lâm Trung Thủy: Thôn 1",
      "• Phường Thành Sen: Tổ dân phố 2",
      "",
      "📝 <b>Báo cáo sự cố</b> — 23/11–29/11/2026",
      "Số báo cáo trong kỳ: <b>1</b>",
      "• Xã Lâm Trung Thủy: 1 báo cáo",
      "",
      "<i>(±) so với kỳ trước, trên cùng các đơn vị đã báo cáo cả hai kỳ.</i>",
      "",
      "✏️ <b>Chờ sửa: 1 báo cáo</b>",
      "• Thôn 3 (Xã Lâm Trung Thủy) — Tiến độ rà soát hộ nghèo, cận nghèo, 25/11/2026",
      "",
      "🚨 <b>Báo cáo khẩn: 1</b>",
      // 17:30 UTC on the 28th is 00:30 on the 29th in Hà Nội.
      "• Thôn 2 (Xã Lâm Trung Thủy) — Báo cáo sự cố, 29/11/2026",
      "",
      "❓ <b>Câu hỏi chưa trả lời: 2</b> (1 đã chuyển lên)",
      "• ⬆️ Thôn 3: «Hộ cận nghèo được hỗ trợ BHYT bao nhiêu?» — 6 ngày",
      "• Không rõ đơn vị: «Khi nào &lt;có&gt; kết quả &amp; danh sách?» — hôm nay",
      "",
      "📚 <b>Khóa học sắp tới:</b>",
      "• Tập huấn rà soát hộ nghèo (15/12/2026): 12/40 đã trả lời (30%), 10 tham gia",
      "🎓 Đã tập huấn năm nay: 5/7 cán bộ (71,4%)",
    ]);
  });

  it("speaks English with English numbers", () => {
    const lines = renderSummaryText(provinceSummary(), translator, "en", TZ).split("\n");
    expect(lines[0]).toBe("📊 <b>Weekly summary 23/11–29/11/2026 · Tỉnh Hà Tĩnh</b>");
    expect(lines).toContain("Reported: <b>5/7</b> units (71.4%)");
    expect(lines).toContain("Hộ đã rà soát 1,354 (+54) · Hộ nghèo mới 3 (-1)");
    expect(lines).toContain("❓ <b>Unanswered questions: 2</b> (1 escalated)");
    expect(lines).toContain("🎓 Trained this year: 5/7 officers (71.4%)");
  });

  it("a month, a day, and a summary with nothing in it are one short line each", () => {
    const month = { ...emptySummary(), window: windowOf("monthly", "2026-11") };
    expect(renderSummaryText(month, translator, "vi", TZ)).toBe(
      "📊 <b>Tổng hợp tháng 11/2026 · Tỉnh Hà Tĩnh</b>\n\nTrong kỳ này không có báo cáo nào cần tổng hợp.",
    );
    const day = { ...emptySummary(), window: windowOf("daily", "2026-11-29") };
    expect(renderSummaryText(day, translator, "vi", TZ).split("\n")[0]).toBe(
      "📊 <b>Tổng hợp ngày 29/11/2026 · Tỉnh Hà Tĩnh</b>",
    );
  });

  it("lists at most 15 missing units, then says how many more", () => {
    const data = provinceSummary();
    const form = firstForm(data);
    const hamlets = (from: number, count: number): UnitRef[] =>
      Array.from({ length: count }, (_, i) => ({
        id: 100 + from + i,
        name: `Thôn ${from + i}`,
        level: "hamlet",
      }));
    form.missing = {
      total: 1200,
      groups: [
        { parent: LTT, units: hamlets(1, 10) },
        { parent: { id: 5, name: "Xã Kỳ Anh", level: "commune" }, units: hamlets(11, 10) },
      ],
    };
    const lines = renderSummaryText(data, translator, "vi", TZ).split("\n");
    const start = lines.indexOf("⏳ <b>Chưa báo cáo (1.200):</b>");
    expect(lines.slice(start + 1, start + 4)).toEqual([
      "• Xã Lâm Trung Thủy: Thôn 1, Thôn 2, Thôn 3, Thôn 4, Thôn 5, Thôn 6, Thôn 7, Thôn 8, Thôn 9, Thôn 10",
      "• Xã Kỳ Anh: Thôn 11, Thôn 12, Thôn 13, Thôn 14, Thôn 15",
      "và 1.185 đơn vị khác",
    ]);
  });

  it("with many child units lists the lowest rates first, then how many more", () => {
    const data = provinceSummary();
    const form = firstForm(data);
    form.rows = Array.from({ length: 130 }, (_, i) => ({
      unit: { id: 100 + i, name: `Xã ${i + 1}`, level: "commune" },
      expected: 10,
      received: 10 - (i % 10),
      returned: 0,
      figures: {},
      previous: null,
    }));
    const lines = renderSummaryText(data, translator, "vi", TZ).split("\n");
    const start = lines.indexOf("<i>20 đơn vị có tỷ lệ báo cáo thấp nhất:</i>");
    expect(start).toBeGreaterThan(0);
    // Rates 10%, 20%… : the thirteen at 10% (Xã 10, 20, … 130, in Vietnamese order), then 20%.
    expect(lines.slice(start + 1, start + 3)).toEqual(["• Xã 10: 1/10 (10%)", "• Xã 100: 1/10 (10%)"]);
    expect(lines[start + 14]).toBe("• Xã 109: 2/10 (20%)");
    expect(lines[start + 21]).toBe("• … và 110 đơn vị khác");
  });

  it("says when every unit has reported", () => {
    const data = provinceSummary();
    firstForm(data).missing = { total: 0, groups: [] };
    expect(renderSummaryText(data, translator, "vi", TZ)).toContain("✅ Tất cả đơn vị đã báo cáo.");
  });

  describe("splitMessage", () => {
    it("keeps a short text whole and splits between lines, at a section end when it can", () => {
      expect(splitMessage("a\nb", 20)).toEqual(["a\nb"]);
      const text = ["x".repeat(10), "y".repeat(10), "", "z".repeat(10), "w".repeat(10)].join("\n");
      expect(splitMessage(text, 35)).toEqual([
        `${"x".repeat(10)}\n${"y".repeat(10)}`,
        `${"z".repeat(10)}\n${"w".repeat(10)}`,
      ]);
    });

    it("never goes over max and keeps every line in order", () => {
      const text = renderSummaryText(provinceSummary(), translator, "vi", TZ);
      for (const max of [100, 200, 400, 1000]) {
        const parts = splitMessage(text, max);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
        expect(parts.join("\n").split("\n").filter(Boolean)).toEqual(text.split("\n").filter(Boolean));
      }
    });

    it("cuts an overlong line at a word, never inside a tag or an entity, and balances tags", () => {
      const line = `<b>${"Thôn &amp; xóm ".repeat(10).trim()}</b> cuối`;
      const parts = splitMessage(line, 40);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(40);
        expect(part).not.toMatch(/<[^>]*$|^[^<]*>|&[a-z]*$|^[a-z]*;/);
        expect((part.match(/<b>/g) ?? []).length).toBe((part.match(/<\/b>/g) ?? []).length);
        expect(part).not.toMatch(/\s$|^\s|Thô$|^n /);
      }
      const words = (text: string) => text.replace(/<\/?b>/g, "").split(/\s+/);
      expect(parts.flatMap(words)).toEqual(words(line));
    });

    it("cuts one overlong word between characters, keeping letters with their marks", () => {
      const word = "Thủy".normalize("NFD").repeat(10);
      const parts = splitMessage(word, 16);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(16);
        expect(part).not.toMatch(/^\p{M}/u);
      }
      expect(parts.join("")).toBe(word);
    });

    it("refuses a part too small to hold anything", () => {
      expect(() => splitMessage("abc", 3)).toThrow(RangeError);
    });
  });
});
