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
