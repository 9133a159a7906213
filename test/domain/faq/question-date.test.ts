import { describe, expect, it } from "vitest";
import {
  type AskedTime,
  questionTimes,
  type ResolvedTime,
  readQuestionTimes,
  resolveTime,
  timeHeading,
  withoutComparison,
} from "../../../src/domain/faq/search/question-date.js";

const NOV_2026 = { year: 2026, month: 11, day: 22 };
const JUN_2027 = { year: 2027, month: 6, day: 15 };
const year = (y: number): ResolvedTime => ({ kind: "year", year: y });
const day = (y: number, m: number, d: number): ResolvedTime => ({
  kind: "day",
  date: { year: y, month: m, day: d },
});
const now: ResolvedTime = { kind: "now" };
const next: AskedTime = { kind: "next_period" };

describe("Questions about another period get that period's answer", () => {
  describe("questionTimes: the time(s) a question asks about, asked on 22/11/2026", () => {
    it.each<[string, AskedTime[]]>([
      // The questions.
      ["chuẩn nghèo 2027 là bao nhiêu", [year(2027)]],
      ["năm sau chuẩn nghèo là bao nhiêu", [year(2027)]],
      ["từ 2027 hộ ở phường thu nhập bao nhiêu", [year(2027)]],
      ["từ năm 2027 chuẩn cận nghèo", [year(2027)]],
      ["chuẩn nghèo giai đoạn 2027–2030", [year(2027), year(2028), year(2029), year(2030)]],
      ["chuẩn nghèo giai đoạn mới", [next]],
      // Without diacritics, other spellings of years and ranges.
      ["chuan ngheo nam 2028 la bao nhieu", [year(2028)]],
      ["chuan ngheo 2026 2030 nong thon", [year(2026), year(2027), year(2028), year(2029), year(2030)]],
      ["từ năm 2027 đến hết năm 2028", [year(2027), year(2028)]],
      ["2027 hộ nghèo nông thôn dưới bao nhiêu", [year(2027)]],
      ["sang năm hộ cận nghèo được gì", [year(2027)]],
      ["năm tới có đổi chuẩn không", [year(2027)]],
      ["năm sau nữa thì sao", [year(2028)]],
      ["năm ngoái chuẩn nghèo là bao nhiêu", [year(2025)]],
      ["sau năm 2026 tính mức nào", [year(2027)]],
      ["trước năm 2027 dùng chuẩn nào", [year(2026)]],
      // Days and months.
      ["từ 1/1/2027 chuẩn hộ cận nghèo là bao nhiêu", [day(2027, 1, 1)]],
      ["ngày 01-07-27 có gì thay đổi", [day(2027, 7, 1)]],
      ["ngày 5 tháng 9 năm 2027 rà soát chưa", [day(2027, 9, 5)]],
      ["tháng 7/2027 vay vốn thế nào", [day(2027, 7, 1)]],
      ["ngày 31/2/2027", []],
      // Several times: each period, in order.
      ["chuẩn nghèo năm nay và năm sau", [now, year(2027)]],
      ["hộ nghèo năm 2026 và năm 2027", [year(2026), year(2027)]],
      ["chuẩn mới sắp tới với hiện nay", [now, next]],
      // "từ" a past time asks about everything since: that time and now.
      ["từ năm 2025 hộ cận nghèo được hỗ trợ bhyt bao nhiêu", [year(2025), now]],
      ["từ 1/7/2025 có gì mới", [day(2025, 7, 1), now]],
      // Not times: citations, document numbers, amounts, counts, other "mới".
      ["NĐ 07/2021 có hiệu lực từ ngày nào", []],
      ["nghị định 351 năm 2025 nói về cái gì", []],
      ["Nghị định 351/2025/NĐ-CP ngày 30/12/2025 quy định gì", []],
      ["QĐ 24/2021/QĐ-TTg mẫu số 04", []],
      ["thu nhập 2000 đồng một ngày", []],
      ["xã có 2000 hộ nghèo", []],
      ["2500 nghìn một tháng là bao nhiêu", []],
      ["hộ mới thoát nghèo vay được không", []],
      ["xây dựng nông thôn mới", []],
      ["bao giờ thì áp dụng", []],
      ["ho can ngheo duoc ho tro bhyt bao nhieu", []],
    ])("%s", (question, expected) => {
      expect(questionTimes(question, NOV_2026)).toEqual(expected);
    });
  });

  it("reads relative times from the asker's today, not a fixed year", () => {
    expect(questionTimes("năm sau chuẩn nghèo", JUN_2027)).toEqual([year(2028)]);
    expect(questionTimes("năm ngoái chuẩn nghèo", JUN_2027)).toEqual([year(2026)]);
    expect(questionTimes("từ 2026 có gì khác", JUN_2027)).toEqual([year(2026), now]);
    expect(questionTimes("từ 2026 có gì khác", NOV_2026)).toEqual([year(2026)]);
  });

  it("searches each period with its own words: relative years made absolute, other periods' words left out", () => {
    const read = readQuestionTimes("chuẩn nghèo năm nay và năm sau theo NĐ 351/2025", NOV_2026);
    expect(read.textFor([now])).toBe("chuan ngheo nam nay va theo nd 351/2025");
    expect(read.textFor([year(2027)])).toBe("chuan ngheo va 2027 theo nd 351/2025");
    const range = readQuestionTimes("chuẩn nghèo giai đoạn 2027-2030", NOV_2026);
    expect(range.textFor([year(2029)])).toBe("chuan ngheo giai doan 2027-2030");
    expect(withoutComparison("chuan ngheo nam nay va khac nhau the nao")).toBe("chuan ngheo nam nay va");
    expect(withoutComparison("nam 2027 so voi nam nay thay doi gi")).toBe("nam 2027 nam nay");
  });

  it("searches a year at its first day, this year at the moment asked, in Vietnam's calendar", () => {
    const asked = new Date("2026-11-22T09:00:00+07:00");
    expect(resolveTime(year(2027), asked, "Asia/Ho_Chi_Minh").on.toISOString()).toBe(
      "2027-01-01T05:00:00.000Z",
    );
    expect(resolveTime(year(2026), asked, "Asia/Ho_Chi_Minh")).toEqual({ time: now, on: asked });
    // 31/12/2026 18:30 UTC is already 1 January 2027 in Vietnam: "2027" is this year there.
    const newYear = new Date("2026-12-31T18:30:00Z");
    expect(resolveTime(year(2027), newYear, "Asia/Ho_Chi_Minh").time).toEqual(now);
    expect(resolveTime(year(2027), newYear, "UTC").time).toEqual(year(2027));
  });

  it("names the period an answer is for", () => {
    expect(timeHeading(year(2027), null, NOV_2026)).toEqual({
      kind: "from",
      date: { year: 2027, month: 1, day: 1 },
    });
    expect(timeHeading(year(2027), year(2030), NOV_2026)).toEqual({
      kind: "from",
      date: { year: 2027, month: 1, day: 1 },
    });
    expect(timeHeading(year(2025), null, NOV_2026)).toEqual({ kind: "year", year: 2025 });
    expect(timeHeading(year(2022), year(2025), NOV_2026)).toEqual({ kind: "years", from: 2022, to: 2025 });
    expect(timeHeading(day(2025, 7, 1), null, NOV_2026)).toEqual({
      kind: "day",
      date: { year: 2025, month: 7, day: 1 },
    });
    expect(timeHeading(now, year(2027), NOV_2026)).toEqual({ kind: "now" });
  });
});
