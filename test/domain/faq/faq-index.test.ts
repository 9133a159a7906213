import { describe, expect, it } from "vitest";
import { loadDictionary } from "../../../src/domain/faq/faq-search.js";
import { FaqIndex, type IndexedEntry } from "../../../src/domain/faq/search/faq-index.js";

const base = {
  keywords: [],
  details: null,
  source: "Văn bản",
  validFrom: null,
  validTo: null,
  status: "verified",
  public: true,
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
