import { describe, expect, it } from "vitest";
import { loadDictionary } from "../../../src/domain/faq/faq-search.js";
import { FaqIndex, type IndexedEntry, validityOn } from "../../../src/domain/faq/search/faq-index.js";

const base = {
  keywords: [],
  details: null,
  source: "Văn bản",
  validFrom: null,
  validTo: null,
  status: "verified",
  public: true,
  legalBasis: [],
  endedOn: null,
  replacedBy: [],
  areaCode: null,
  audience: null,
};
const entries: IndexedEntry[] = [
  {
    ...base,
    id: 1,
    key: "chuan-cu",
    topics: ["T1.3"],
    title: "Chuẩn hộ nghèo giai đoạn 2022–2025",
    phrasings: ["chuẩn hộ nghèo hiện nay bao nhiêu", "mức thu nhập hộ cận nghèo"],
    answer: "1,5 triệu nông thôn, 2 triệu thành thị",
    validTo: new Date("2026-12-31T23:59:59.999+07:00"),
  },
  {
    ...base,
    id: 2,
    key: "chuan-moi",
    topics: ["T2"],
    title: "Chuẩn hộ nghèo giai đoạn 2027–2030",
    phrasings: ["chuẩn hộ nghèo hiện nay bao nhiêu", "mức thu nhập hộ cận nghèo"],
    answer: "2,2 triệu nông thôn, 2,8 triệu đô thị",
    validFrom: new Date("2027-01-01T00:00:00+07:00"),
  },
  {
    ...base,
    id: 3,
    key: "bhyt",
    topics: ["T4.1"],
    title: "Hỗ trợ bảo hiểm y tế cho hộ cận nghèo",
    phrasings: ["hộ cận nghèo được hỗ trợ bảo hiểm y tế bao nhiêu", "thẻ bhyt hộ nghèo"],
    answer: "Tối thiểu 70% mức đóng",
  },
  {
    ...base,
    id: 4,
    key: "noi-bo",
    topics: ["T3.3"],
    title: "Phân công nội bộ ban chỉ đạo",
    phrasings: ["ban chỉ đạo rà soát gồm ai"],
    answer: "…",
    public: false,
  },
];
const index = FaqIndex.build(entries, loadDictionary());
const in2026 = { on: new Date("2026-12-31T12:00:00+07:00"), publicOnly: false };
const in2027 = { on: new Date("2027-01-01T00:30:00+07:00"), publicOnly: false };

describe("FaqIndex", () => {
  it("switches the poverty-standard answer on 1 January 2027 by itself", () => {
    expect(index.query("chuẩn hộ nghèo bây giờ là bao nhiêu", in2026).hits[0]?.entry.key).toBe("chuan-cu");
    expect(index.query("chuẩn hộ nghèo bây giờ là bao nhiêu", in2027).hits[0]?.entry.key).toBe("chuan-moi");
  });

  it("finds answers typed without diacritics and with abbreviations, confidently", () => {
    const result = index.query("ho can ngheo duoc ho tro bhyt bao nhieu", in2026);
    expect(result.hits[0]?.entry.key).toBe("bhyt");
    expect(result.confidence).toBe("high");
  });

  it("tolerates a typo", () => {
    expect(index.query("bao hiemm y te ho can nghoe", in2026).hits[0]?.entry.key).toBe("bhyt");
  });

  it("gives low or no confidence to questions it cannot answer", () => {
    expect(index.query("giá lúa năm nay thế nào", in2026).confidence).not.toBe("high");
    expect(index.query("xyz", in2026)).toEqual({ hits: [], confidence: "none" });
  });

  it("hides entries that are not public from strangers and entries not verified from everyone", () => {
    expect(
      index.query("ban chỉ đạo rà soát gồm ai", { ...in2026, publicOnly: true }).hits.map((h) => h.entry.key),
    ).not.toContain("noi-bo");
    const draft = FaqIndex.build(
      [{ ...(entries[2] as IndexedEntry), status: "needs_review" }],
      loadDictionary(),
    );
    expect(draft.query("bảo hiểm y tế cận nghèo", in2026).hits).toEqual([]);
  });

  it("lists a topic's entries in force", () => {
    expect(index.list({ ...in2027, topicPrefix: "T1" })).toEqual([]);
    expect(index.list({ ...in2026, topicPrefix: "T1" }).map((e) => e.key)).toEqual(["chuan-cu"]);
  });
});

describe("Questions about another period get that period's answer", () => {
  const standards = FaqIndex.build(
    [
      { ...(entries[0] as IndexedEntry), validFrom: new Date("2022-01-01T00:00:00+07:00") },
      { ...(entries[1] as IndexedEntry), validTo: new Date("2030-12-31T23:59:59.999+07:00") },
      entries[2] as IndexedEntry,
    ],
    loadDictionary(),
  );
  const askedOn = (iso: string) => ({
    now: new Date(iso),
    timeZone: "Asia/Ho_Chi_Minh",
    publicOnly: false,
  });
  const nov2026 = askedOn("2026-11-22T09:00:00+07:00");
  const answers = (question: string, options = nov2026) =>
    standards.ask(question, options).periods.map((period) => ({
      key: period.hits[0]?.entry.key,
      time: period.time,
      confidence: period.confidence,
    }));

  it("searches as of the year, date or period the question names", () => {
    for (const question of [
      "chuẩn hộ nghèo 2027 là bao nhiêu",
      "năm sau chuẩn hộ nghèo là bao nhiêu",
      "từ năm 2027 mức thu nhập hộ cận nghèo",
      "tu 1/1/2027 chuan ho ngheo bao nhieu",
      "chuẩn hộ nghèo giai đoạn 2027-2030",
    ]) {
      expect(answers(question)[0]?.key, question).toBe("chuan-moi");
    }
    expect(answers("năm sau chuẩn hộ nghèo là bao nhiêu")[0]?.confidence).toBe("high");
    expect(answers("chuẩn hộ nghèo năm 2025 bao nhiêu")).toEqual([
      expect.objectContaining({ key: "chuan-cu", time: { kind: "year", year: 2025 } }),
    ]);
  });

  it("'next year' and 'now' are the injected clock's, in Vietnam's calendar", () => {
    expect(
      answers("năm ngoái chuẩn hộ nghèo là bao nhiêu", askedOn("2027-06-15T09:00:00+07:00"))[0]?.key,
    ).toBe("chuan-cu");
    // 23:30 on 31/12/2026 in Vietnam: still 2026, so "năm sau" is 2027…
    expect(answers("năm sau chuẩn hộ nghèo", askedOn("2026-12-31T23:30:00+07:00"))[0]?.time).toEqual({
      kind: "year",
      year: 2027,
    });
    // …and half an hour later it is 2027 there (though still 2026 in UTC): "năm sau" is 2028.
    expect(answers("năm sau chuẩn hộ nghèo", askedOn("2027-01-01T00:30:00+07:00"))[0]?.time).toEqual({
      kind: "year",
      year: 2028,
    });
  });

  it("answers each period a question spans, in time order", () => {
    expect(answers("chuẩn hộ nghèo năm nay và năm sau là bao nhiêu").map((a) => a.key)).toEqual([
      "chuan-cu",
      "chuan-moi",
    ]);
    expect(answers("chuẩn hộ nghèo 2025-2028 khác nhau thế nào").map((a) => a.key)).toEqual([
      "chuan-cu",
      "chuan-moi",
    ]);
    // Years with the same answer are one answer, through the last of them.
    const [span, ...more] = standards.ask("chuẩn hộ nghèo giai đoạn 2027-2030", nov2026).periods;
    expect(more).toEqual([]);
    expect(span?.time).toEqual({ kind: "year", year: 2027 });
    expect(span?.through).toEqual({ kind: "year", year: 2030 });
  });

  it("never answers with confidence from an entry whose period does not cover the date asked", () => {
    const result = standards.ask("chuẩn hộ nghèo năm 2031 là bao nhiêu", nov2026);
    expect(result.periods.flatMap((period) => period.hits.map((hit) => hit.entry.key))).not.toContain(
      "chuan-moi",
    );
    expect(result.periods.every((period) => period.confidence !== "high")).toBe(true);
    const oldOnly = FaqIndex.build([entries[0] as IndexedEntry], loadDictionary());
    const next = oldOnly.ask("chuẩn hộ nghèo năm sau là bao nhiêu", nov2026);
    expect(next.periods).toEqual([expect.objectContaining({ hits: [], confidence: "none" })]);
  });

  it("reads 'giai đoạn mới' as the next change among the entries that match", () => {
    expect(answers("chuẩn hộ nghèo giai đoạn mới là bao nhiêu")).toEqual([
      expect.objectContaining({
        key: "chuan-moi",
        time: { kind: "day", date: { year: 2027, month: 1, day: 1 } },
      }),
    ]);
    // Once the new standard applies, there is no next change: it is today's.
    expect(
      answers("chuẩn hộ nghèo giai đoạn mới là bao nhiêu", askedOn("2027-06-15T09:00:00+07:00")),
    ).toEqual([expect.objectContaining({ key: "chuan-moi", time: { kind: "now" } })]);
  });

  it("leaves questions without a time as they were: today's answer, not dated", () => {
    const plain = standards.ask("ho can ngheo duoc ho tro bhyt bao nhieu", nov2026);
    expect(plain.dated).toBe(false);
    expect(plain.periods.map((p) => ({ hits: p.hits, confidence: p.confidence }))).toEqual([
      standards.query("ho can ngheo duoc ho tro bhyt bao nhieu", {
        on: nov2026.now,
        publicOnly: false,
        limit: 3,
      }),
    ]);
  });

  it("lists a topic's entries still to come when asked to", () => {
    expect(index.list({ ...in2026, topicPrefix: "T2" })).toEqual([]);
    expect(index.list({ ...in2026, topicPrefix: "T2", upcoming: true }).map((e) => e.key)).toEqual([
      "chuan-moi",
    ]);
    expect(index.list({ ...in2027, topicPrefix: "T1", upcoming: true })).toEqual([]);
  });

  it("knows where an entry stands on a date", () => {
    const moi = entries[1] as IndexedEntry;
    expect(validityOn(moi, new Date("2026-12-31T23:59:59+07:00"))).toBe("upcoming");
    expect(validityOn(moi, new Date("2027-01-01T00:00:00+07:00"))).toBe("in_force");
    expect(validityOn(entries[0] as IndexedEntry, new Date("2027-01-01T00:00:00+07:00"))).toBe("expired");
    expect(validityOn(entries[2] as IndexedEntry, new Date("1990-01-01T00:00:00Z"))).toBe("in_force");
  });
});
