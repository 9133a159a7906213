import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadFaqContent } from "../../../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR } from "../../../src/domain/faq/faq-search.js";
import { foldText } from "../../../src/shared/fold.js";

const { entries, errors } = loadFaqContent(FAQ_CONTENT_DIR);
const FACT_SHEET_TOPICS = [
  ..."G1 G2 G3 G4 G5 G6 T2 T6".split(" "),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => `T1.${n}`),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `T3.${n}`),
  ...[1, 2, 3, 4, 5, 6].map((n) => `T4.${n}`),
  ...[1, 2, 3, 4].map((n) => `T5.${n}`),
];

describe("FAQ content (content/faq)", () => {
  it("is valid", () => {
    expect(errors).toEqual([]);
    expect(entries.length).toBeGreaterThan(50);
  });

  it("covers every topic of the policy fact sheet as a main topic", () => {
    const main = new Set(entries.map((entry) => entry.topics[0]));
    expect(FACT_SHEET_TOPICS.filter((topic) => !main.has(topic))).toEqual([]);
  });

  it("has no phrasing shared by two entries that are in force at the same time", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of entries) {
      for (const phrasing of entry.phrasings) {
        const key = `${foldText(phrasing)}|${entry.validFrom?.toISOString()}|${entry.validTo?.toISOString()}`;
        const other = seen.get(key);
        if (other && other !== entry.key) clashes.push(`${phrasing}: ${other} / ${entry.key}`);
        seen.set(key, entry.key);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("switches the poverty standard at the turn of 2027: the old ends on 31/12/2026, the new starts on 1/1/2027", () => {
    const old = entries.find((entry) => entry.key === "chuan-ngheo-2022-2026");
    const next = entries.find((entry) => entry.key === "chuan-ngheo-2027-2030");
    expect(old?.validTo?.toISOString()).toBe("2026-12-31T16:59:59.999Z");
    expect(next?.validFrom?.toISOString()).toBe("2026-12-31T17:00:00.000Z");
    // NĐ 351/2025 sets the standard for the period up to 2030, not for ever.
    expect(next?.validTo?.toISOString()).toBe("2030-12-31T16:59:59.999Z");
  });

  it.each(["eval/faq-dev.tsv", "eval/faq-temporal.tsv"])(
    "does not contain the questions of %s verbatim",
    (set) => {
      const questions = readFileSync(set, "utf8")
        .split(/\r?\n/)
        .slice(1)
        .map((line) => foldText(line.split("\t")[0] ?? ""));
      const phrasings = new Set(entries.flatMap((entry) => [entry.title, ...entry.phrasings]).map(foldText));
      expect(questions.filter((q) => q !== "" && phrasings.has(q))).toEqual([]);
    },
  );
});
