import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (...args: string[]) =>
  execFileSync("npx", ["--no-install", "tsx", "src/cli/faq.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env },
  });

describe("FAQ command line", { timeout: 60_000 }, () => {
  it("ranks entries for a question, as JSON, at a given date", () => {
    const before = JSON.parse(
      run("search", "chuan ngheo nong thon bay gio bao nhieu", "--date", "2026-12-31", "--json"),
    );
    const after = JSON.parse(
      run("search", "chuan ngheo nong thon bay gio bao nhieu", "--date", "2027-01-01", "--json"),
    );
    expect(before.hits[0].id).toBe("chuan-ngheo-2022-2026");
    expect(after.hits[0].id).toBe("chuan-ngheo-2027-2030");
    expect(before.hits[0]).toEqual(
      expect.objectContaining({
        topics: expect.any(Array),
        score: expect.any(Number),
        title: expect.any(String),
      }),
    );
  });

  it("evaluates a TSV and ends with the summary line", () => {
    const output = run("eval", "test/fixtures/faq-mini.tsv");
    expect(output.trim().split("\n").at(-1)).toMatch(/^top1=\d\.\d\d top3=\d\.\d\d n=3$/);
  });

  it("checks the content", () => {
    expect(run("check")).toMatch(/Nội dung hợp lệ: \d+ mục/);
  });
});

describe("Questions about another period get that period's answer", () => {
  it('answers "chuẩn nghèo 2027 là bao nhiêu" with the 2027–2030 standard and says from when', () => {
    const json = JSON.parse(run("search", "chuẩn nghèo 2027 là bao nhiêu", "--date", "2026-11-22", "--json"));
    expect(json).toMatchObject({ confidence: "high", dated: true });
    expect(json.hits[0].id).toBe("chuan-ngheo-2027-2030");
    expect(json.periods).toHaveLength(1);
    expect(json.periods[0].period).toBe("Từ 01/01/2027");
    const text = run("search", "chuẩn nghèo năm nay và năm sau", "--date", "2026-11-22");
    expect(text).toMatch(
      /── Hiện nay:\nĐộ tin cậy: high\n.*chuan-ngheo-2022-2026.*── Từ 01\/01\/2027:\nĐộ tin cậy: high\n.*chuan-ngheo-2027-2030/s,
    );
  });

  it("evaluates a set whose questions carry the day they are asked and the entries expected per period", () => {
    const output = run("eval", "eval/faq-temporal.tsv");
    expect(output.trim().split("\n").at(-1)).toMatch(/^top1=(0\.9\d|1\.00) top3=\d\.\d\d n=33$/);
  });
});
