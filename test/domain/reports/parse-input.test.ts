import { describe, expect, it } from "vitest";
import type { FormField } from "../../../src/domain/reports/form-definition.js";
import {
  type AnswerValue,
  finishMultiChoice,
  finishPhotos,
  parseAnswer,
  parseVietnameseDate,
  parseVietnameseNumber,
  type UserInput,
} from "../../../src/domain/reports/parse-input.js";

const TZ = "Asia/Ho_Chi_Minh";
/** Sunday 22 November 2026, 09:00 in Vietnam. */
const TODAY = new Date("2026-11-22T09:00:00+07:00");

describe("parseVietnameseNumber", () => {
  it.each<[string, number | null]>([
    ["15", 15],
    ["0", 0],
    ["05", 5],
    ["-3", -3],
    ["−3", -3],
    ["+5", 5],
    ["1.500", 1500],
    ["12.345", 12345],
    ["1.500.000", 1_500_000],
    ["1,5", 1.5],
    ["1,500", 1.5],
    ["1.5", 1.5],
    ["12.50", 12.5],
    ["0.500", 0.5],
    ["1,500,000", 1_500_000],
    ["1.500.000,5", 1_500_000.5],
    ["1.500.000đ", 1_500_000],
    ["1.500.000 đồng", 1_500_000],
    ["200000 vnđ", 200_000],
    ["1,5 triệu", 1_500_000],
    ["1,5tr", 1_500_000],
    ["2tr", 2_000_000],
    ["2 tr 5", 2_500_000],
    ["2tr5", 2_500_000],
    ["2 triệu 500", 2_500_000],
    ["2 triệu 500 nghìn", 2_500_000],
    ["2 triệu rưỡi", 2_500_000],
    ["3 triệu đồng", 3_000_000],
    ["500k", 500_000],
    ["5k5", 5_500],
    ["5 nghìn 500", 5_500],
    ["2 ngàn", 2_000],
    ["1 tỷ 200 triệu", 1_200_000_000],
    ["15 hộ", 15],
    ["15 ho", 15],
    ["15hộ", 15],
    ["15 hộ nghèo", 15],
    ["1.500 người", 1500],
    ["30 thẻ", 30],
    ["3 nhà", 3],
    ["khoảng 20", 20],
    ["khoang 20", 20],
    ["tầm 20 hộ", 20],
    ["có 15 hộ", 15],
    ["20%", 20],
    ["20 %", 20],
    ["15.", 15],
    ["  15  ", 15],
    // rejects
    ["", null],
    ["   ", null],
    ["mười lăm", null],
    ["không", null],
    ["15 20", null],
    ["15-20", null],
    ["15 hay 20", null],
    ["1..5", null],
    ["1.50.000", null],
    ["2tr50", null],
    ["2 nghìn triệu", null],
    ["15 con gà", null],
    ["abc15", null],
    ["1/2", null],
  ])("%j → %j", (input, expected) => {
    expect(parseVietnameseNumber(input)).toBe(expected);
  });
});

describe("parseVietnameseDate (today = 22/11/2026, Vietnam)", () => {
  it.each<[string, string | null]>([
    ["5/9", "2026-09-05"],
    ["05/09", "2026-09-05"],
    ["05/09/2026", "2026-09-05"],
    ["5/9/2025", "2025-09-05"],
    ["5/9/26", "2026-09-05"],
    ["5-9-2026", "2026-09-05"],
    ["5.9.2026", "2026-09-05"],
    ["2026-09-05", "2026-09-05"],
    ["hôm nay", "2026-11-22"],
    ["hom nay", "2026-11-22"],
    ["Hôm nay.", "2026-11-22"],
    ["hôm qua", "2026-11-21"],
    ["hôm kia", "2026-11-20"],
    ["ngày mai", "2026-11-23"],
    ["ngày 5 tháng 9", "2026-09-05"],
    ["ngay 5 thang 9", "2026-09-05"],
    ["mùng 5 tháng 9 năm 2025", "2025-09-05"],
    ["5 tháng 9, 2026", "2026-09-05"],
    ["ngày 05/09/2026", "2026-09-05"],
    ["31/12", "2026-12-31"],
    ["29/2/2028", "2028-02-29"],
    // rejects
    ["31/2", null],
    ["29/2/2027", null],
    ["31/4/2026", null],
    ["0/5", null],
    ["5/13", null],
    ["5/9/202", null],
    ["5/9-2026", null],
    ["hôm trước", null],
    ["", null],
    ["15", null],
  ])("%j → %j", (input, expected) => {
    expect(parseVietnameseDate(input, TODAY, TZ)).toBe(expected);
  });

  it("counts today in the given zone, not UTC", () => {
    // 17:30 UTC on 22/11 is already 00:30 on 23/11 in Vietnam.
    expect(parseVietnameseDate("hôm nay", new Date("2026-11-22T17:30:00Z"), TZ)).toBe("2026-11-23");
    expect(parseVietnameseDate("hôm nay", new Date("2026-11-22T17:30:00Z"), "UTC")).toBe("2026-11-22");
  });

  it("a date without a year is in the current year, even right after New Year", () => {
    const secondOfJanuary = new Date("2027-01-02T09:00:00+07:00");
    expect(parseVietnameseDate("31/12", secondOfJanuary, TZ)).toBe("2027-12-31");
    expect(parseVietnameseDate("hôm kia", secondOfJanuary, TZ)).toBe("2026-12-31");
  });
});

const context = { today: TODAY, timeZone: TZ };
const text = (value: string): UserInput => ({ kind: "text", text: value });
const choice = (value: string): UserInput => ({ kind: "choice", value });
const photo = (fileId: string): UserInput => ({ kind: "photo", fileId });

function f(partial: Partial<FormField> & Pick<FormField, "type">): FormField {
  return { key: "q", label: "Câu hỏi?", required: true, ...partial };
}

function ok(field: FormField, input: UserInput, previous?: AnswerValue) {
  const result = parseAnswer(field, input, { ...context, ...(previous !== undefined ? { previous } : {}) });
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

function error(field: FormField, input: UserInput, previous?: AnswerValue) {
  const result = parseAnswer(field, input, { ...context, ...(previous !== undefined ? { previous } : {}) });
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe("parseAnswer", () => {
  const households = f({ type: "integer", min: 0, max: 500, unit: "hộ" });

  it("integer: accepts 15, 1.500 (bounds permitting) and 15 hộ; refuses 1,5 and out-of-range with the unit", () => {
    expect(ok(households, text("15"))).toBe(15);
    expect(ok(households, text("15 hộ"))).toBe(15);
    expect(ok(f({ type: "integer" }), text("1.500"))).toBe(1500);
    expect(error(households, text("1,5"))).toBe(
      "Cần một số nguyên, không có phần lẻ (ví dụ: 15); bạn gõ 1,5.",
    );
    expect(error(households, text("mười lăm"))).toBe("Cần một số nguyên từ 0 đến 500 hộ (ví dụ: 15).");
    expect(error(households, text("1.500"))).toBe("Cần một số nguyên từ 0 đến 500 hộ; bạn gõ 1.500 hộ.");
    expect(error(households, text("-2"))).toBe("Cần một số nguyên từ 0 đến 500 hộ; bạn gõ -2 hộ.");
    expect(error(f({ type: "integer", min: 0, unit: "hộ" }), text("-2"))).toBe(
      "Cần một số nguyên từ 0 hộ trở lên; bạn gõ -2 hộ.",
    );
    expect(error(f({ type: "integer" }), text("abc"))).toBe("Cần một số nguyên (ví dụ: 15).");
  });

  it("number: decimals, percentages, and amounts converted into a 'triệu đồng' unit", () => {
    const rate = f({ type: "number", min: 0, max: 100, unit: "%" });
    expect(ok(rate, text("87,5"))).toBe(87.5);
    expect(ok(rate, text("90%"))).toBe(90);
    expect(error(rate, text("120%"))).toBe("Cần một số từ 0 đến 100%; bạn gõ 120%.");
    const amount = f({ type: "number", min: 0, max: 100000, unit: "triệu đồng" });
    expect(ok(amount, text("150"))).toBe(150);
    expect(ok(amount, text("150 triệu"))).toBe(150);
    expect(ok(amount, text("1,5 tỷ"))).toBe(1500);
    expect(ok(amount, text("2tr5"))).toBe(2.5);
    expect(ok(amount, text("500k"))).toBe(0.5);
    expect(ok(amount, text("1.500.000đ"))).toBe(1.5);
    expect(ok(amount, text("1,5"))).toBe(1.5);
  });

  it("wrong kind of input gets a precise message", () => {
    expect(error(households, photo("p1"))).toBe("Câu này cần một con số, không phải ảnh.");
    expect(error(households, { kind: "location", latitude: 18, longitude: 105 })).toBe(
      "Câu này cần một con số, không phải vị trí.",
    );
    expect(error(households, { kind: "other" })).toBe("Câu này cần một con số. Hãy gõ một số, ví dụ: 15.");
    expect(error(f({ type: "photo" }), text("đây"))).toBe(
      "Câu này cần ảnh. Hãy gửi ảnh (bấm 📎 rồi chọn ảnh).",
    );
    expect(error(f({ type: "date" }), photo("p1"))).toBe("Câu này cần một ngày, không phải ảnh.");
    expect(error(f({ type: "text" }), { kind: "other" })).toBe(
      "Câu này cần câu trả lời bằng chữ. Hãy gõ câu trả lời.",
    );
  });

  it("yes_no: buttons and typed words, with or without accents", () => {
    const field = f({ type: "yes_no" });
    for (const word of ["có", "Có", "co", "rồi", "Rồi!", "yes", "c", "1", "đã có"])
      expect(ok(field, text(word))).toBe(true);
    for (const word of ["không", "khong", "Không.", "chưa", "chua", "no", "k", "ko", "0"])
      expect(ok(field, text(word))).toBe(false);
    expect(ok(field, choice("yes"))).toBe(true);
    expect(ok(field, choice("no"))).toBe(false);
    expect(error(field, text("có lẽ"))).toBe(
      "Chưa rõ là có hay không. Hãy bấm Có hoặc Không (hoặc gõ “có”, “không”).",
    );
  });

  const kinds = f({
    type: "single_choice",
    options: [
      { value: "thien_tai", label: "Thiên tai, bão lũ" },
      { value: "chay_no", label: "Cháy, nổ" },
      { value: "khac", label: "Việc khác" },
    ],
  });

  it("single_choice: a button, its number, or its label typed loosely", () => {
    expect(ok(kinds, choice("chay_no"))).toBe("chay_no");
    expect(ok(kinds, text("2"))).toBe("chay_no");
    expect(ok(kinds, text("thien tai bao lu"))).toBe("thien_tai");
    expect(ok(kinds, text("VIỆC KHÁC"))).toBe("khac");
    expect(error(kinds, text("7"))).toBe("Không có lựa chọn số 7. Hãy bấm một nút hoặc gõ số thứ tự (1–3).");
    expect(error(kinds, text("lũ quét"))).toBe(
      "Chưa rõ bạn chọn gì. Hãy bấm một nút hoặc gõ số thứ tự (1–3).",
    );
    expect(error(kinds, choice("nope"))).toBe(
      "Lựa chọn này không có trong câu hỏi. Hãy bấm một nút hoặc gõ số thứ tự (1–3).",
    );
  });

  it("text: trimmed, minLength, maxLength, pattern with its message", () => {
    const description = f({ type: "text", minLength: 10, maxLength: 30 });
    expect(ok(description, text("  Cháy bếp nhà ông A  "))).toBe("Cháy bếp nhà ông A");
    expect(error(description, text("cháy"))).toBe("Hãy viết rõ hơn: cần ít nhất 10 ký tự (mới có 4).");
    expect(error(description, text("x".repeat(31)))).toBe("Dài quá: 31 ký tự, tối đa 30. Hãy viết gọn lại.");
    expect(error(description, text("   "))).toBe("Bạn chưa gõ gì. Hãy gõ câu trả lời.");
    expect(error(f({ type: "text" }), text("x".repeat(1001)))).toBe(
      "Dài quá: 1001 ký tự, tối đa 1000. Hãy viết gọn lại.",
    );
    const code = f({ type: "text", pattern: "^\\d{2}$", patternMessage: "Mã thôn gồm 2 chữ số, ví dụ 03." });
    expect(ok(code, text("03"))).toBe("03");
    expect(error(code, text("3"))).toBe("Mã thôn gồm 2 chữ số, ví dụ 03.");
    expect(error(f({ type: "text", pattern: "^\\d+$" }), text("a"))).toBe(
      "Câu trả lời chưa đúng dạng yêu cầu.",
    );
  });

  it("date: ISO value; impossible dates and, with notFuture, future dates are refused precisely", () => {
    const date = f({ type: "date" });
    expect(ok(date, text("5/9"))).toBe("2026-09-05");
    expect(ok(date, text("hôm qua"))).toBe("2026-11-21");
    expect(ok(date, text("31/12"))).toBe("2026-12-31");
    expect(error(date, text("31/2"))).toBe("Không có ngày 31/2. Hãy kiểm tra lại ngày và tháng.");
    expect(error(date, text("30/2/2026"))).toBe("Không có ngày 30/2/2026. Hãy kiểm tra lại ngày và tháng.");
    expect(error(date, text("tuần trước"))).toBe(
      "Chưa hiểu ngày “tuần trước”. Hãy gõ ngày/tháng, ví dụ: 5/9, 05/09/2026 hoặc “hôm nay”.",
    );
    const past = f({ type: "date", notFuture: true });
    expect(ok(past, text("hôm nay"))).toBe("2026-11-22");
    expect(error(past, text("5/12"))).toBe(
      "Ngày 05/12/2026 chưa tới. Nếu là năm trước, hãy gõ đủ năm (ví dụ: 05/12/2025).",
    );
    expect(error(past, text("ngày mai"))).toMatch(/^Ngày 23\/11\/2026 chưa tới\./);
  });

  it("location: a shared location or typed coordinates", () => {
    const where = f({ type: "location" });
    expect(ok(where, { kind: "location", latitude: 18.3428, longitude: 105.9057 })).toEqual({
      latitude: 18.3428,
      longitude: 105.9057,
    });
    expect(ok(where, text("18.3428, 105.9057"))).toEqual({ latitude: 18.3428, longitude: 105.9057 });
    expect(error(where, text("99, 105"))).toBe("Vị trí không hợp lệ. Hãy gửi lại vị trí.");
    expect(error(where, text("ở đầu thôn"))).toBe("Câu này cần vị trí. Hãy gửi vị trí (bấm 📎 → Vị trí).");
    expect(error(where, photo("p"))).toBe("Câu này cần vị trí, không phải ảnh.");
  });
});

describe("multi_choice", () => {
  const needs = f({
    type: "multi_choice",
    max: 3,
    options: [
      { value: "luong_thuc", label: "Lương thực" },
      { value: "nuoc_sach", label: "Nước sạch" },
      { value: "cho_o_tam", label: "Chỗ ở tạm" },
      { value: "y_te", label: "Y tế" },
    ],
  });

  it("a tap toggles the value in the current selection, kept in option order", () => {
    let value: AnswerValue = [];
    value = ok(needs, choice("y_te"), value);
    expect(value).toEqual(["y_te"]);
    value = ok(needs, choice("luong_thuc"), value);
    expect(value).toEqual(["luong_thuc", "y_te"]);
    value = ok(needs, choice("y_te"), value);
    expect(value).toEqual(["luong_thuc"]);
    expect(ok(needs, choice("nuoc_sach"))).toEqual(["nuoc_sach"]);
  });

  it("refuses a tap beyond max, and an unknown value", () => {
    expect(error(needs, choice("y_te"), ["luong_thuc", "nuoc_sach", "cho_o_tam"])).toBe(
      "Chỉ chọn tối đa 3 mục. Bỏ chọn một mục trước khi chọn mục khác.",
    );
    expect(error(needs, choice("tien"), [])).toBe(
      "Lựa chọn này không có trong câu hỏi. Hãy bấm một nút hoặc gõ số thứ tự (1–4).",
    );
  });

  it("typed numbers or labels select those options at once (a complete answer)", () => {
    expect(ok(needs, text("1, 3"), ["y_te"])).toEqual(["luong_thuc", "cho_o_tam"]);
    expect(ok(needs, text("1 3"))).toEqual(["luong_thuc", "cho_o_tam"]);
    expect(ok(needs, text("4,2"))).toEqual(["nuoc_sach", "y_te"]);
    expect(ok(needs, text("lương thực; y te"))).toEqual(["luong_thuc", "y_te"]);
    expect(ok(needs, text("Nước sạch"))).toEqual(["nuoc_sach"]);
    expect(error(needs, text("1, 7"))).toBe("Không có lựa chọn số 7 (chỉ có 1–4).");
    expect(error(needs, text("1, 2, 3, 4"))).toBe("Chỉ chọn tối đa 3 mục (đang chọn 4).");
    expect(error(needs, text("thuốc men"))).toBe(
      "Không rõ “thuốc men” là lựa chọn nào. Gõ số thứ tự, ví dụ: 1, 3.",
    );
  });

  it("finishMultiChoice enforces min/max; nothing chosen on an optional question is a skip", () => {
    expect(finishMultiChoice(needs, ["y_te", "luong_thuc"])).toEqual({
      ok: true,
      value: ["luong_thuc", "y_te"],
    });
    expect(finishMultiChoice(needs, [])).toEqual({
      ok: false,
      error: "Hãy chọn ít nhất 1 mục (đang chọn 0).",
    });
    expect(finishMultiChoice({ ...needs, min: 2 }, ["y_te"])).toEqual({
      ok: false,
      error: "Hãy chọn ít nhất 2 mục (đang chọn 1).",
    });
    expect(finishMultiChoice(needs, ["luong_thuc", "nuoc_sach", "cho_o_tam", "y_te"])).toEqual({
      ok: false,
      error: "Chỉ chọn tối đa 3 mục (đang chọn 4).",
    });
    expect(finishMultiChoice({ ...needs, required: false }, null)).toEqual({ ok: true, value: null });
  });
});

describe("photos", () => {
  const photos = f({ type: "photo", required: false, max: 2 });

  it("each photo is added to the previous ones, up to max; a repeated photo is not added twice", () => {
    let value: AnswerValue = { fileIds: [] };
    value = ok(photos, photo("a"), value);
    expect(value).toEqual({ fileIds: ["a"] });
    expect(ok(photos, photo("a"), value)).toEqual({ fileIds: ["a"] });
    value = ok(photos, photo("b"), value);
    expect(value).toEqual({ fileIds: ["a", "b"] });
    expect(error(photos, photo("c"), value)).toBe("Đã đủ 2 ảnh (tối đa). Bấm Xong để tiếp tục.");
    expect(ok(photos, photo("x"))).toEqual({ fileIds: ["x"] });
  });

  it("finishPhotos: min photos (1 when required), none on an optional question = skipped", () => {
    expect(finishPhotos(photos, { fileIds: [] })).toEqual({ ok: true, value: null });
    expect(finishPhotos(photos, { fileIds: ["a"] })).toEqual({ ok: true, value: { fileIds: ["a"] } });
    expect(finishPhotos({ ...photos, required: true }, { fileIds: [] })).toEqual({
      ok: false,
      error: "Cần ít nhất 1 ảnh (đã nhận 0). Hãy gửi thêm ảnh.",
    });
    expect(finishPhotos({ ...photos, min: 2 }, { fileIds: ["a"] })).toEqual({
      ok: false,
      error: "Cần ít nhất 2 ảnh (đã nhận 1). Hãy gửi thêm ảnh.",
    });
    expect(finishPhotos(photos, { fileIds: ["a", "b", "c"] })).toEqual({
      ok: false,
      error: "Chỉ được gửi tối đa 2 ảnh (đã nhận 3).",
    });
  });
});
