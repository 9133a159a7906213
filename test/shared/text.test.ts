import { describe, expect, it } from "vitest";
import { foldText, matchTypedChoice } from "../../src/shared/fold.js";
import { formatPhoneForDisplay, normalizePhone } from "../../src/shared/phone.js";
import { formatDate, formatDateTime, formatNumber } from "../../src/shared/time.js";

describe("normalizePhone", () => {
  it.each([
    ["0912345678", "+84912345678"],
    ["0912.345.678", "+84912345678"],
    ["0912 345 678", "+84912345678"],
    ["+84 912 345 678", "+84912345678"],
    ["84912345678", "+84912345678"],
    ["0084912345678", "+84912345678"],
    ["(091) 234-5678", "+84912345678"],
    ["+840912345678", "+84912345678"],
    ["0239 3855 123", "+842393855123"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["", "12345", "abc", "+1 202 555 0101", "0012345678", "09123456789012", "091234567x"])(
    "rejects %j",
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it("formats for display", () => {
    expect(formatPhoneForDisplay("+84912345678")).toBe("0912 345 678");
  });
});

describe("foldText and typed choices", () => {
  it("folds case, diacritics (đ too), emoji and punctuation; NFC or NFD input", () => {
    expect(foldText("📚 Hỏi đáp chính sách")).toBe("hoi dap chinh sach");
    expect(foldText("ĐƠN VỊ của tôi!")).toBe("don vi cua toi");
    expect(foldText("Hộ cận nghèo".normalize("NFD"))).toBe("ho can ngheo");
  });

  it("matches a 1-based number or the label", () => {
    const options = [
      { label: "Trưởng thôn", value: "a" },
      { label: "Cán bộ xã", value: "b" },
    ];
    expect(matchTypedChoice("2", options)).toBe("b");
    expect(matchTypedChoice("can bo xa", options)).toBe("b");
    expect(matchTypedChoice("3", options)).toBeUndefined();
    expect(matchTypedChoice("xã", options)).toBeUndefined();
  });

  it("takes a label without its remark in brackets, when that leaves one choice", () => {
    const options = [
      { label: "🔁 Thay: ngừng kích hoạt Nguyễn Văn An", value: "replace" },
      { label: "👥 Giữ cả hai (có phó trưởng thôn)", value: "both" },
      { label: "Giữ cả hai (tạm thời)", value: "twin" },
    ];
    expect(matchTypedChoice("giu ca hai", options.slice(0, 2))).toBe("both");
    expect(matchTypedChoice("Giữ cả hai", options)).toBeUndefined();
    expect(matchTypedChoice("thay", options)).toBeUndefined();
  });
});

describe("vi-VN formatting in Asia/Ho_Chi_Minh", () => {
  it("dates and numbers", () => {
    const instant = new Date("2026-12-31T17:30:00Z"); // 00:30 on 1 Jan 2027 in Vietnam
    expect(formatDate(instant, "vi")).toBe("01/01/2027");
    expect(formatDateTime(instant, "vi")).toMatch(/00:30.*01\/01\/2027|01\/01\/2027.*00:30/);
    expect(formatNumber(13800, "vi")).toBe("13.800");
    expect(formatNumber(1.5, "vi")).toBe("1,5");
  });
});
