import { describe, expect, it } from "vitest";
import { checkFaqContent } from "../../../src/domain/faq/content/check-faq-content.js";
import { type FaqContentEntry, parseFaqFile } from "../../../src/domain/faq/content/faq-file.js";
import { parseLegalRegistry } from "../../../src/domain/faq/legal/legal-registry.js";

const REGISTRY = parseLegalRegistry(`
documents:
  nd-188-2025:
    number: "188/2025/NĐ-CP"
    kind: Nghị định
    title: "Quy định chi tiết Luật Bảo hiểm y tế"
    issued: 2025-07-01
    effective: 2025-08-15
    status: in_force
  nd-146-2018:
    number: "146/2018/NĐ-CP"
    kind: Nghị định
    title: "Hướng dẫn Luật Bảo hiểm y tế"
    issued: 2018-10-17
    status: replaced
    replaced_by: nd-188-2025
    ended: 2025-08-14
  qd-33-2015:
    number: "33/2015/QĐ-TTg"
    kind: Quyết định
    title: "Chính sách hỗ trợ nhà ở đối với hộ nghèo giai đoạn 2011–2015"
    status: expired
    ended: 2022-11-14
`).registry;

const TODAY = new Date("2026-11-22T09:00:00+07:00");

/** One content file: front matter lines (besides the required ones) and the answer. */
function entry(
  extra: string,
  answer = "Người thuộc hộ nghèo được ngân sách nhà nước đóng BHYT.",
  file = "t4/muc.md",
): FaqContentEntry {
  const id = file.split("/").pop()?.replace(/\.md$/, "") ?? "muc";
  const text = `---
id: ${id}
topics: [T4.1]
title: "Mục thử của nội dung hỏi đáp"
phrasings: ["câu hỏi một", "câu hỏi hai", "câu hỏi ba"]
source: "Cổng thông tin Chính phủ"
${extra}
---
${answer}
`;
  const parsed = parseFaqFile(text, file);
  if (!parsed.entry) throw new Error(parsed.errors.join("\n"));
  return parsed.entry;
}

const check = (...entries: FaqContentEntry[]) => checkFaqContent(entries, REGISTRY, { today: TODAY });
const LEGAL_188 = "legal:\n  - doc: nd-188-2025\n    cite: Điều 22";

describe("Citations an officer can use", () => {
  it("accepts an entry citing a document in force", () => {
    expect(check(entry(LEGAL_188))).toEqual({ errors: [], warnings: [], unverified: [] });
  });

  it("refuses a legal basis that is not in the registry", () => {
    const result = check(entry("legal:\n  - doc: nd-999-2030"));
    expect(result.errors).toEqual([
      expect.stringMatching(/t4\/muc\.md: .*"nd-999-2030" không có trong danh mục/),
    ]);
  });

  it("refuses citing a replaced document without naming the one that replaced it", () => {
    const silent = check(entry("legal:\n  - doc: nd-146-2018"));
    expect(silent.errors).toEqual([
      expect.stringMatching(/146\/2018\/NĐ-CP đã được thay thế bởi Nghị định 188\/2025/),
    ]);
    const said = check(
      entry("legal:\n  - doc: nd-146-2018", "Trước đây theo NĐ 146/2018; nay là NĐ 188/2025/NĐ-CP."),
    );
    expect(said.errors).toEqual([]);
  });

  it("refuses citing an expired document without saying it no longer applies", () => {
    const silent = check(entry("legal:\n  - doc: qd-33-2015", "Hộ nghèo được vay làm nhà theo QĐ 33/2015."));
    expect(silent.errors).toEqual([expect.stringMatching(/33\/2015\/QĐ-TTg đã hết hiệu lực/)]);
    for (const wording of ["đã HẾT HIỆU LỰC", "đã kết thúc", "không còn áp dụng"]) {
      const said = check(entry("legal:\n  - doc: qd-33-2015", `Chính sách theo QĐ 33/2015 ${wording}.`));
      expect(said.errors).toEqual([]);
    }
  });

  it("warns about an entry without legal basis and one whose review date has passed, without failing", () => {
    const result = check(entry("review_by: 2026-11-21\n" + LEGAL_188), entry("", undefined, "g/khac.md"));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/t4\/muc\.md: đã quá hạn rà soát \(review_by 21\/11\/2026\)/),
      expect.stringMatching(/g\/khac\.md: chưa có căn cứ pháp lý/),
    ]);
    // The review day itself is not late (Vietnam time).
    expect(check(entry("review_by: 2026-11-22\n" + LEGAL_188)).warnings).toEqual([]);
  });

  it("counts every way of saying 'not verified', and each needs a justification starting with a topic", () => {
    const variants = ["chưa xác nhận", "Chưa được xác nhận", "chua xac minh", "chưa đối chiếu", "CHƯA RÕ"];
    for (const variant of variants) {
      const result = check(entry(LEGAL_188, `Mức hỗ trợ ${variant}.`));
      expect(result.errors, variant).toEqual([
        expect.stringMatching(/còn ghi "chưa xác nhận".*không có lý do/),
      ]);
      expect(result.unverified).toEqual([{ key: "muc", file: "t4/muc.md", reasons: [] }]);
    }
    const justified = check(
      entry(
        `${LEGAL_188}\nunverified:\n  - "T4.5 ⏳: văn bản gốc chưa tìm thấy"`,
        "Mức hỗ trợ chưa xác nhận.",
      ),
    );
    expect(justified.errors).toEqual([]);
    expect(justified.unverified).toEqual([
      { key: "muc", file: "t4/muc.md", reasons: ["T4.5 ⏳: văn bản gốc chưa tìm thấy"] },
    ]);
    const noTopic = check(
      entry(`${LEGAL_188}\nunverified:\n  - "văn bản gốc chưa tìm thấy"`, "Chưa xác nhận."),
    );
    expect(noTopic.errors).toEqual([expect.stringMatching(/phải bắt đầu bằng mã chủ đề/)]);
  });

  it("keeps local entries under local/ with their area, and national ones without", () => {
    const noArea = check(entry(LEGAL_188, undefined, "local/42/ho-tro-rieng.md"));
    expect(noArea.errors).toEqual([
      expect.stringMatching(/local\/42\/ho-tro-rieng\.md: mục địa phương chưa có area/),
    ]);
    const outside = check(entry(`${LEGAL_188}\narea: "42"`));
    expect(outside.errors).toEqual([
      expect.stringMatching(/có area "42" nhưng không nằm trong content\/faq\/local/),
    ]);
    expect(check(entry(`${LEGAL_188}\narea: "42"`, undefined, "local/42/ho-tro-rieng.md")).errors).toEqual(
      [],
    );
  });
});

describe("Validity shown truthfully", () => {
  const HOUSING = "Chương trình hỗ trợ nhà ở đã kết thúc ngày 26/8/2025 với 334.234 căn.";

  it("lets a history entry cite the documents of its time without repeating what replaced them", () => {
    const result = check(
      entry("legal:\n  - doc: qd-33-2015\n  - doc: nd-146-2018\nhistory:\n  ended: 2025-08-26", HOUSING),
    );
    expect(result.errors).toEqual([]);
  });

  it("refuses a history entry that is not worded as history", () => {
    const result = check(
      entry(`${LEGAL_188}\nhistory:\n  ended: 2025-08-26`, "Hộ nghèo được hỗ trợ làm nhà."),
    );
    expect(result.errors).toEqual([expect.stringMatching(/phải viết như chuyện đã qua/)]);
    for (const wording of ["đã hoàn thành", "đã hết hiệu lực", "Trước đây hộ nghèo"])
      expect(
        check(entry(`${LEGAL_188}\nhistory:\n  ended: 2025-08-26`, `${wording} được hỗ trợ.`)).errors,
      ).toEqual([]);
  });

  it("refuses a history entry pointing to an entry that does not exist", () => {
    const old = entry(
      `${LEGAL_188}\nhistory:\n  ended: 2025-08-26\n  now: [nha-o-moi, khong-co]`,
      HOUSING,
      "t4/nha-o-cu.md",
    );
    const current = entry(
      LEGAL_188,
      "Hiện nay hộ nghèo được hỗ trợ nhà ở theo chương trình mới.",
      "t4/nha-o-moi.md",
    );
    expect(check(old, current).errors).toEqual([
      expect.stringMatching(/t4\/nha-o-cu\.md: history\.now: không có mục "khong-co"/),
    ]);
  });
});
