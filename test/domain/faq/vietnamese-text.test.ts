import { describe, expect, it } from "vitest";
import { loadDictionary } from "../../../src/domain/faq/faq-search.js";
import {
  buildExpansions,
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
});
