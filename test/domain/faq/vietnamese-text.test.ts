import { describe, expect, it } from "vitest";
import { loadDictionary } from "../../../src/domain/faq/faq-search.js";
import {
  buildExpansions,
  foreignSyllables,
  rawSyllables,
  searchTerms,
} from "../../../src/domain/faq/search/vietnamese-text.js";

const expansions = loadDictionary();

describe("Vietnamese search terms", () => {
  it("fold diacritics and đ, whatever the Unicode form", () => {
    expect(rawSyllables("Hộ cận nghèo")).toEqual(["ho", "can", "ngheo"]);
    expect(rawSyllables("Hộ cận nghèo".normalize("NFD"))).toEqual(["ho", "can", "ngheo"]);
    expect(rawSyllables("ĐƠN VỊ")).toEqual(["don", "vi"]);
  });

  it("normalise numbers: thousands separators, decimal commas, leading zeros", () => {
    expect(rawSyllables("1.500.000 đ")).toEqual(["1500000", "d"]);
    expect(rawSyllables("1,5 triệu")).toEqual(["1.5", "trieu"]);
    expect(rawSyllables("NĐ 07/2021")).toEqual(["nd", "7", "2021"]);
  });

  it("add syllable bigrams so phrases rank above scattered syllables", () => {
    const terms = searchTerms("hộ cận nghèo");
    expect(terms).toEqual(expect.arrayContaining(["ho", "can", "ngheo", "ho_can", "can_ngheo"]));
  });

  it("drop question words that carry no meaning", () => {
    expect(searchTerms("là gì thế ạ")).toEqual(["the"]);
    expect(searchTerms("là gì ạ")).toEqual([]);
  });

  it("expand abbreviations from the dictionary, keeping the original", () => {
    const terms = searchTerms("ho can ngheo duoc ho tro bhyt bao nhieu", expansions);
    expect(terms).toEqual(expect.arrayContaining(["bhyt", "bao", "hiem", "y", "te"]));
    expect(searchTerms("vay NHCSXH", expansions)).toEqual(
      expect.arrayContaining(["ngan", "hang", "chinh", "sach"]),
    );
    expect(searchTerms("CN có dc vay ko", expansions)).toEqual(
      expect.arrayContaining(["can", "ngheo", "vay"]),
    );
  });

  it("matches multi-word dictionary keys", () => {
    const custom = buildExpansions({ "sổ hộ nghèo": "giấy chứng nhận hộ nghèo" });
    expect(searchTerms("làm lại sổ hộ nghèo", custom)).toEqual(
      expect.arrayContaining(["giay", "chung", "nhan"]),
    );
  });

  it("read numbers spoken into the phone as words: with a multiplier, or after what numbers things", () => {
    const read = (text: string) => rawSyllables(text).join(" ");
    expect(read("nghị định ba trăm năm mươi mốt")).toBe("nghi dinh 351");
    expect(read("một triệu năm trăm nghìn một tháng")).toBe("1500000 mot thang");
    expect(read("một trăm năm mươi nghìn")).toBe("150000");
    expect(read("vay tối đa một trăm triệu")).toBe("vay toi da 100 trieu");
    expect(read("lãi không phẩy sáu sáu phần trăm")).toBe("lai 0.66 phan tram");
    expect(read("mười hai chỉ số, từ ngày mười lăm")).toBe("12 chi so tu ngay 15");
    expect(read("dự án năm, bước năm, mẫu số không một")).toBe("du an 5 buoc 5 mau so 1");
    expect(read("quyết định hai mươi tư năm hai nghìn không trăm hai mươi mốt")).toBe(
      "quyet dinh 24 nam 2021",
    );
    // Words that only look like numbers stay words.
    expect(read("năm nay một người hai điều kiện")).toBe("nam nay mot nguoi hai dieu kien");
    expect(read("bao nhiêu phần trăm, tỷ lệ")).toBe("bao nhieu phan tram ty le");
  });

  it("clean telex leftovers: tone keys after the syllable, doubled vowels", () => {
    expect(rawSyllables("hopj dan laf gi tieeu chi truwowngf thoon")).toEqual(
      "hop dan la gi tieu chi truong thon".split(" "),
    );
    // Abbreviations and units are not syllables: left alone.
    expect(rawSyllables("dtts hssv kwh bhxh")).toEqual(["dtts", "hssv", "kwh", "bhxh"]);
  });

  it("drop particles of regional speech (rứa, hông, dzậy)", () => {
    expect(searchTerms("khác chi nhau rứa", undefined, { bigrams: false })).toEqual(["khac", "nhau"]);
    expect(searchTerms("được hông dzậy", undefined, { bigrams: false })).toEqual([]);
  });

  it("find words typed with diacritics that the content never has (folded, they would match)", () => {
    const vocabulary = new Set(["bao", "nhiêu", "cho", "hộ", "nghèo", "số"]);
    expect(foreignSyllables("bão số 3 đang ở đâu", vocabulary)).toEqual(["bão", "đang", "ở", "đâu"]);
    expect(foreignSyllables("cho hộ nghèo bao nhiêu ạ", vocabulary)).toEqual([]);
    expect(foreignSyllables("bao so 3 dang o dau", vocabulary)).toEqual([]);
  });
});
