import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadFaqContent } from "../../../src/domain/faq/content/faq-file.js";
import { FAQ_CONTENT_DIR, indexContent } from "../../../src/domain/faq/faq-search.js";

// The verification pass of 30/11/2026 (shared/policy/updates-2026-11.md) corrected these facts;
// each is asked the way an officer would ask it, on the real content, on a day after every
// correction took effect (the base salary of 01/7/2026, TT 60/2026 of 31/5/2026).
const { entries } = loadFaqContent(FAQ_CONTENT_DIR);
const index = indexContent(entries);
const NOW = new Date("2026-11-22T12:00:00+07:00");

function topAnswer(question: string) {
  const { periods } = index.ask(question, { now: NOW, timeZone: "Asia/Ho_Chi_Minh", publicOnly: false });
  const entry = periods[0]?.hits[0]?.entry;
  if (!entry) throw new Error(`no answer for "${question}"`);
  return {
    key: entry.key,
    confidence: periods[0]?.confidence,
    short: entry.answer,
    full: `${entry.answer}\n${entry.details ?? ""}`,
  };
}

const text = (entry: (typeof entries)[number]) => `${entry.answer}\n${entry.details ?? ""}`;

describe("Content brought up to date", () => {
  it.each([
    // [question, what the short answer must say, what the answer with its details must say]
    [
      "mức đóng bhyt hộ nghèo bao nhiêu tiền một tháng",
      ["113.850 đ", "01/7/2026", "NĐ 188/2025"],
      ["2.530.000 đ", "NĐ 161/2026", "vbpl.vn"],
    ],
    ["người nghèo được nhà nước mua thẻ bảo hiểm y tế theo nghị định nào", ["NĐ 188/2025"], ["113.850 đ"]],
    ["lương cơ sở bây giờ là bao nhiêu để tính tiền bhyt", ["2.530.000 đ"], ["NĐ 161/2026"]],
    ["hộ cận nghèo đóng bhyt mỗi tháng bao nhiêu tiền", ["70%"], ["113.850 đ"]],
    [
      "hộ làm nông mức sống trung bình được nhà nước hỗ trợ mấy phần trăm tiền bhyt",
      ["30%"],
      ["NĐ 188/2025"],
    ],
    [
      "tiền điện hỗ trợ hộ nghèo giờ theo quyết định nào",
      ["QĐ 14/2025/QĐ-TTg", "chưa xác nhận"],
      ["QĐ 05/2024"],
    ],
    [
      "người cao tuổi ở hộ cận nghèo có được trợ giúp pháp lý miễn phí không",
      ["khoản 7 Điều 7", "NĐ 144/2017"],
      [],
    ],
    ["chương trình xóa nhà tạm nhà dột nát bây giờ ra sao", ["334.234 căn", "đã hoàn thành"], []],
    ["ngưỡng thiếu hụt từng chỉ số nằm ở đâu trong nghị định 07", [], ["Phụ lục ban hành kèm NĐ 07/2021"]],
    ["ngân hàng chính sách xã hội hoạt động theo nghị định mới nào", [], ["NĐ 06/2026/NĐ-CP"]],
    ["hộ nghèo vay ngân hàng chính sách quá hạn thì lãi tính thế nào", [], ["NĐ 06/2026/NĐ-CP", "130%"]],
    [
      "kinh phí chương trình giảm nghèo theo thông tư nào của bộ tài chính",
      [],
      ["TT 60/2026/TT-BTC", "31/5/2026", "NĐ 38/2023"],
    ],
    ["chương trình mục tiêu quốc gia mới có còn dự án 7 không", [], ["nội dung thành phần 10"]],
    ["đơn xin hộ nghèo có cần trưởng thôn ký xác nhận không", ["Không cần", "Chủ tịch UBND xã"], []],
  ] as const)('answers "%s" with the corrected fact', (question, short, full) => {
    const answer = topAnswer(question);
    for (const figure of short) expect(answer.short, `${question} → ${answer.key}`).toContain(figure);
    for (const figure of full) expect(answer.full, `${question} → ${answer.key}`).toContain(figure);
  });

  it("no longer presents NĐ 75/2023 or QĐ 28/2014 as the current basis", () => {
    const served = entries.filter((entry) => entry.status === "verified");
    const stale: string[] = [];
    for (const entry of served) {
      // Every sentence that names the old documents must say they were replaced.
      const sentences = [...text(entry).split(/\n|(?<=\.)\s|•/), entry.source];
      for (const sentence of sentences) {
        if (/75\/2023|28\/2014/.test(sentence) && !/thay|không còn|hết hiệu lực|trước đây/i.test(sentence)) {
          stale.push(`${entry.key}: ${sentence.trim()}`);
        }
      }
    }
    expect(stale).toEqual([]);
  });

  it("answers the BHYT premium with the figure from 01/7/2026, not the earlier one", () => {
    const answer = topAnswer("mức đóng bhyt hộ nghèo bao nhiêu tiền một tháng");
    expect(answer).toMatchObject({ key: "bhyt-ho-ngheo", confidence: "high" });
    expect(answer.short).toContain("4,5% × 2.530.000 đ");
    expect(answer.short).toMatch(/113\.850 đ\/người\/tháng từ 01\/7\/2026/);
    expect(answer.short).not.toMatch(/^[^.]*105\.300 đ[^.]*hiện nay/);
  });
});

// Entries for the whole country (local entries carry an area code).
const national = entries.filter((entry) => entry.areaCode === null);
const UNVERIFIED = /chưa (được )?(xác nhận|xác minh|đối chiếu|kiểm chứng|rõ)/i;

describe("Content brought up to date", () => {
  it("says something is unverified in fewer than 20 entries, each justified by an item still unverified in the update", () => {
    const saying = national.filter((entry) => UNVERIFIED.test(text(entry)));
    expect(saying.length).toBeGreaterThan(0);
    expect(saying.length).toBeLessThan(20);
    for (const entry of saying) {
      expect(entry.unverified, entry.key).not.toEqual([]);
      for (const line of entry.unverified) expect(line, entry.key).toMatch(/^(G[1-6]|T[1-6](\.\d+)?) ⏳: /);
    }
    // And an entry that no longer says so keeps no stale justification.
    for (const entry of national.filter((entry) => !UNVERIFIED.test(text(entry))))
      expect(entry.unverified, entry.key).toEqual([]);
  });

  it("never presents one province's rule as a national one: local figures are labelled examples", () => {
    const unlabelled: string[] = [];
    for (const entry of national) {
      for (const sentence of text(entry).split(/\n|(?<=\.)\s|•/)) {
        if (/Lào Cai|Bắc Ninh|Bình Định|Ninh Bình/.test(sentence) && !/ví dụ/i.test(sentence))
          unlabelled.push(`${entry.key}: ${sentence.trim()}`);
      }
    }
    expect(unlabelled).toEqual([]);
    const bhyt = topAnswer("tỉnh có hỗ trợ thêm tiền bhyt cho hộ cận nghèo không");
    expect(bhyt.short).toMatch(/ví dụ: tỉnh Lào Cai hỗ trợ thêm 30%; hỏi tỉnh của bạn/);
  });
});

interface LegalDocument {
  number: string;
  kind: string;
  title: string;
  status: "in_force" | "amended" | "replaced" | "expired" | "unknown";
  replaced_by?: string;
  amended_by?: string[];
  ended?: string | Date;
}
const registry = (
  parseYaml(readFileSync(join(FAQ_CONTENT_DIR, "..", "legal", "documents.yaml"), "utf8")) as {
    documents: Record<string, LegalDocument>;
  }
).documents;

describe("Citations an officer can use", () => {
  it("the registry lists each document once, with its status and what replaced or amended it", () => {
    const numbers = Object.values(registry).map((doc) => `${doc.kind} ${doc.number}`);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const [key, doc] of Object.entries(registry)) {
      expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(["in_force", "amended", "replaced", "expired", "unknown"], key).toContain(doc.status);
      if (doc.status === "replaced") expect(registry[doc.replaced_by ?? ""], key).toBeDefined();
      if (doc.status === "expired") expect(doc.ended, key).toBeDefined();
      for (const by of doc.amended_by ?? []) expect(registry[by], `${key} amended by ${by}`).toBeDefined();
    }
    expect(registry["nd-75-2023"]).toMatchObject({ status: "replaced", replaced_by: "nd-188-2025" });
    expect(registry["tt-55-2023"]).toMatchObject({ status: "replaced", replaced_by: "tt-60-2026" });
    expect(registry["tt-17-2016"]).toMatchObject({ status: "expired" });
  });

  it("every national entry names its legal basis from the registry, and its source says where it was read", () => {
    for (const entry of national) {
      expect(entry.legalBasis, entry.key).not.toEqual([]);
      for (const ref of entry.legalBasis)
        expect(registry[ref.doc], `${entry.key} → ${ref.doc}`).toBeDefined();
      // The source is no longer the legal basis written out again.
      expect(entry.source, entry.key).not.toMatch(/^(Nghị định|Quyết định|Thông tư|Nghị quyết|Luật) /);
      expect(entry.reviewBy, entry.key).not.toBeNull();
    }
  });

  it("an entry citing a replaced or expired document says so", () => {
    const silent: string[] = [];
    for (const entry of national) {
      for (const ref of entry.legalBasis) {
        const doc = registry[ref.doc];
        if (doc?.status === "replaced") {
          const by = registry[doc.replaced_by ?? ""]?.number.split("/").slice(0, 2).join("/") ?? "?";
          if (!text(entry).includes(by.replace(/^0/, ""))) silent.push(`${entry.key}: ${ref.doc} → ${by}`);
        }
        if (doc?.status === "expired" && !/hết hiệu lực|đã kết thúc/.test(text(entry)))
          silent.push(`${entry.key}: ${ref.doc} expired`);
      }
    }
    expect(silent).toEqual([]);
  });
});

describe("Validity shown truthfully", () => {
  it.each([
    [
      "chương trình mục tiêu quốc gia giảm nghèo 2021-2025 có những gì",
      "chuong-trinh-mtqg-giam-ngheo-2021-2025",
    ],
    ["chương trình xóa nhà tạm nhà dột nát bây giờ ra sao", "xoa-nha-tam-nha-dot-nat"],
    ["thong tu 17/2016 con hieu luc khong", "thong-tu-17-2016-het-hieu-luc"],
    ["hỗ trợ nhà ở dự án 5 cho hộ nghèo bao nhiêu tiền", "ho-tro-nha-o-du-an-5"],
  ])('"%s" is answered as history, with what replaced it', (question, key) => {
    const answer = topAnswer(question);
    expect(answer.key).toBe(key);
    const entry = entries.find((candidate) => candidate.key === key);
    expect(entry?.endedOn).not.toBeNull();
    expect(answer.full).toMatch(/đã kết thúc|hết hiệu lực|đã hoàn thành/);
    for (const now of entry?.replacedBy ?? []) expect(entries.map((other) => other.key)).toContain(now);
  });

  it("every entry about the 2021–2025 programme is worded as history and points to the 2026–2035 one", () => {
    const programme = national.filter((entry) =>
      entry.legalBasis.some((ref) => ref.doc === "qd-90-2022" || ref.doc === "nq-24-2021-qh15"),
    );
    expect(programme.length).toBeGreaterThan(5);
    for (const entry of programme) expect(text(entry), entry.key).toMatch(/đã kết thúc năm 2025/);
    const ended = programme.filter((entry) => entry.endedOn !== null);
    for (const entry of ended)
      expect(entry.replacedBy, entry.key).toEqual(["chuong-trinh-hop-nhat-2026-2035"]);
  });
});
