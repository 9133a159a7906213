import { describe, expect, it } from "vitest";
import { describeLegalRef } from "../../../src/domain/faq/legal/describe-legal-ref.js";
import { loadLegalRegistry, parseLegalRegistry } from "../../../src/domain/faq/legal/legal-registry.js";
import { createTranslator } from "../../../src/i18n/translator.js";

const FILE = `
documents:
  nd-07-2021:
    number: "07/2021/NĐ-CP"
    kind: Nghị định
    title: "Quy định chuẩn nghèo đa chiều giai đoạn 2021–2025"
    issued: 2021-01-27
    effective: 2021-03-15
    status: amended
    amended_by: [nd-30-2025]
  nd-30-2025:
    number: "30/2025/NĐ-CP"
    kind: Nghị định
    title: "Sửa đổi Nghị định 07/2021/NĐ-CP"
    status: in_force
  nd-146-2018:
    number: "146/2018/NĐ-CP"
    kind: Nghị định
    title: "Hướng dẫn Luật Bảo hiểm y tế"
    status: replaced
    replaced_by: nd-188-2025
    ended: 2025-08-14
  nd-188-2025:
    number: "188/2025/NĐ-CP"
    kind: Nghị định
    title: "Quy định chi tiết Luật Bảo hiểm y tế"
    issued: 2025-08-15
    effective: 2025-08-15
    status: in_force
  qd-33-2015:
    number: "33/2015/QĐ-TTg"
    kind: Quyết định
    title: "Hỗ trợ nhà ở đối với hộ nghèo"
    status: expired
    ended: 2022-11-14
  cv-1-2026:
    number: "1/2026/CV"
    kind: Công văn
    title: "Hướng dẫn rà soát"
    status: unknown
    note: "đọc qua bản sao của bên thứ ba"
`;

describe("Citations an officer can use: the legal registry", () => {
  const { registry, errors } = parseLegalRegistry(FILE);
  const translator = createTranslator("vi");
  const line = (doc: string, cite?: string, locale: "vi" | "en" = "vi") =>
    describeLegalRef(cite ? { doc, cite } : { doc }, registry, translator, locale, "Asia/Ho_Chi_Minh");

  it("loads documents with their dates (start of the day, Vietnam time) and links", () => {
    expect(errors).toEqual([]);
    expect(registry.size).toBe(6);
    expect(registry.get("nd-07-2021")).toMatchObject({
      number: "07/2021/NĐ-CP",
      issuedOn: new Date("2021-01-27T00:00:00+07:00"),
      effectiveFrom: new Date("2021-03-15T00:00:00+07:00"),
      status: "amended",
      amendedBy: ["nd-30-2025"],
      replacedBy: null,
    });
    expect(registry.get("cv-1-2026")?.note).toBe("đọc qua bản sao của bên thứ ba");
  });

  it("refuses a replaced document without replaced_by, links to unknown documents, bad dates and statuses", () => {
    const bad = parseLegalRegistry(`
documents:
  a-1-2020: { number: "1/2020/NĐ-CP", kind: Nghị định, title: "Văn bản A", status: replaced }
  b-2-2020: { number: "2/2020/NĐ-CP", kind: Nghị định, title: "Văn bản B", status: replaced, replaced_by: khong-co }
  c-3-2020: { number: "3/2020/NĐ-CP", kind: Nghị định, title: "Văn bản C", status: amended, amended_by: [khong-co] }
`);
    expect(bad.errors).toEqual([
      expect.stringMatching(/documents\.a-1-2020\.replaced_by: .*phải có replaced_by/),
    ]);
    const links = parseLegalRegistry(`
documents:
  b-2-2020: { number: "2/2020/NĐ-CP", kind: Nghị định, title: "Văn bản B", status: replaced, replaced_by: khong-co }
  c-3-2020: { number: "3/2020/NĐ-CP", kind: Nghị định, title: "Văn bản C", status: amended, amended_by: [khong-co] }
`);
    expect(links.errors).toEqual([
      expect.stringMatching(/b-2-2020\.replaced_by: không có văn bản "khong-co"/),
      expect.stringMatching(/c-3-2020\.amended_by: không có văn bản "khong-co"/),
    ]);
    expect(links.registry.size).toBe(0);
    const fields = parseLegalRegistry(`
documents:
  d-4-2020: { number: "4/2020/NĐ-CP", kind: Nghị định, title: "Văn bản D", status: valid, issued: 15/08/2025 }
`);
    expect(fields.errors).toEqual([
      expect.stringMatching(/d-4-2020\.issued: phải là ngày dạng YYYY-MM-DD/),
      expect.stringMatching(
        /d-4-2020\.status: phải là một trong in_force, amended, replaced, expired, unknown/,
      ),
    ]);
    expect(loadLegalRegistry("/nonexistent/documents.yaml").errors).toEqual([
      expect.stringMatching(/không có tệp danh mục/),
    ]);
  });

  it("describes each reference in one line with its status", () => {
    expect(line("nd-188-2025", "Điều 22 khoản 1")).toBe(
      "Nghị định 188/2025/NĐ-CP ngày 15/08/2025, Điều 22 khoản 1 — đang có hiệu lực",
    );
    expect(line("nd-07-2021")).toBe(
      "Nghị định 07/2021/NĐ-CP ngày 27/01/2021 — đã được sửa đổi bởi Nghị định 30/2025/NĐ-CP",
    );
    expect(line("nd-146-2018")).toBe(
      "Nghị định 146/2018/NĐ-CP — đã được thay thế bởi Nghị định 188/2025/NĐ-CP từ 15/08/2025",
    );
    expect(line("qd-33-2015", "Điều 2")).toBe(
      "Quyết định 33/2015/QĐ-TTg, Điều 2 — hết hiệu lực từ 15/11/2022",
    );
    expect(line("cv-1-2026")).toBe("Công văn 1/2026/CV — tình trạng hiệu lực chưa xác minh");
    expect(line("nd-188-2025", "Article 22", "en")).toBe(
      "Nghị định 188/2025/NĐ-CP of 15/08/2025, Article 22 — in force",
    );
    expect(line("qd-33-2015", undefined, "en")).toBe(
      "Quyết định 33/2015/QĐ-TTg — no longer in force from 15/11/2022",
    );
  });
});
