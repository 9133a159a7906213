import { execFileSync, spawnSync } from "node:child_process";
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
    expect(output.trim().split("\n").at(-1)).toMatch(
      /^test\/fixtures\/faq-mini\.tsv {2}top1=\d\.\d\d top3=\d\.\d\d n=3$/,
    );
  });
});

const FIXTURE = [
  "--content",
  "test/fixtures/faq-check/content",
  "--legal",
  "test/fixtures/faq-check/legal.yaml",
];

describe("Citations an officer can use: content:check and the answer on the command line", {
  timeout: 60_000,
}, () => {
  it("checks the content: valid, the warnings, then every entry still 'chưa xác nhận' with why", () => {
    const output = run("check", ...FIXTURE, "--date", "2027-02-01");
    expect(output).toBe(
      [
        "Nội dung hợp lệ: 2 mục, 2 chủ đề chính, 2 văn bản pháp luật.",
        "Cần xem lại (2):",
        "  • t4/bhyt-ho-ngheo.md: đã quá hạn rà soát (review_by 31/01/2027)",
        "  • t5/von-chuong-trinh.md: chưa có căn cứ pháp lý (legal:)",
        "Mục còn ghi 'chưa xác nhận': 1",
        "  • von-chuong-trinh: T5.1 ⏳: tổng vốn giai đoạn 2026–2035 chưa có văn bản",
        "",
      ].join("\n"),
    );
  });

  it("fails with the errors when an entry cites a document missing from the registry", () => {
    const result = spawnSync(
      "npx",
      [
        "--no-install",
        "tsx",
        "src/cli/faq.ts",
        "check",
        ...FIXTURE.slice(0, 2),
        "--legal",
        "test/fixtures/faq-check/empty.yaml",
      ],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /t4\/bhyt-ho-ngheo\.md: legal: văn bản "nd-188-2025" không có trong danh mục/,
    );
  });

  it("prints the top answer as text with its legal basis and source, and as JSON", () => {
    const text = run("search", "mức đóng bhyt hộ nghèo", ...FIXTURE, "--date", "2026-11-22");
    expect(text).toContain(
      [
        "── Câu trả lời (bhyt-ho-ngheo): Người thuộc hộ nghèo được Nhà nước đóng BHYT",
        "Có. Ngân sách nhà nước đóng toàn bộ BHYT cho người thuộc hộ nghèo theo NĐ 188/2025/NĐ-CP",
        "(thay NĐ 146/2018): 113.850 đ/người/tháng.",
        "⚖️ Căn cứ pháp lý:",
        "  • Nghị định 188/2025/NĐ-CP ngày 15/08/2025, Điều 22 khoản 1 — đang có hiệu lực",
        "  • Nghị định 146/2018/NĐ-CP — đã được thay thế bởi Nghị định 188/2025/NĐ-CP từ 15/08/2025",
        "📄 Nguồn: Cổng thông tin điện tử Chính phủ",
      ].join("\n"),
    );
    const json = JSON.parse(
      run("search", "mức đóng bhyt hộ nghèo", ...FIXTURE, "--date", "2026-11-22", "--json"),
    );
    expect(json.answer).toMatch(/^Có\. Ngân sách nhà nước đóng toàn bộ BHYT/);
    expect(json.legalBasis).toEqual([
      "Nghị định 188/2025/NĐ-CP ngày 15/08/2025, Điều 22 khoản 1 — đang có hiệu lực",
      "Nghị định 146/2018/NĐ-CP — đã được thay thế bởi Nghị định 188/2025/NĐ-CP từ 15/08/2025",
    ]);
  });

  it("answers the BHYT premium question from the real content with 113.850 đ", () => {
    const json = JSON.parse(
      run("search", "mức đóng bhyt hộ nghèo bao nhiêu tiền một tháng", "--date", "2026-11-22", "--json"),
    );
    expect(json.hits[0].id).toBe("bhyt-ho-ngheo");
    expect(json.answer).toContain("113.850 đ");
    expect(Array.isArray(json.legalBasis)).toBe(true);
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
    expect(output.trim().split("\n").at(-1)).toMatch(
      /^eval\/faq-temporal\.tsv {2}top1=(0\.9\d|1\.00) top3=\d\.\d\d n=33$/,
    );
  });
});
