import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFaqContent } from "../../../src/domain/faq/content/faq-file.js";
import { createFaqSearch, FAQ_CONTENT_DIR, type FaqSearch } from "../../../src/domain/faq/faq-search.js";
import { importFaqContent } from "../../../src/domain/faq/import-faq-content.js";
import { LEGAL_REGISTRY_FILE, loadLegalRegistry } from "../../../src/domain/faq/legal/legal-registry.js";
import type { Viewer } from "../../../src/domain/faq/search/faq-index.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let temp: TempDb;
let faq: FaqSearch;
let an: Viewer;
let lan: Viewer;
const STRANGER: Viewer = { personId: null, unitPath: null };

const unitPath = async (code: string) => (await temp.db.unit.findUniqueOrThrow({ where: { code } })).path;
const keys = async (question: string, viewer: Viewer, publicOnly = false) =>
  (await faq.query(question, { on: clock.now(), publicOnly, viewer, limit: 10 })).hits.map(
    (hit) => hit.entry.key,
  );

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // An entry naming a unit that does not exist: imported, reported, served to nobody.
  await temp.db.faqEntry.create({
    data: {
      key: "vung-khong-ton-tai",
      topics: ["T3.3"],
      title: "Hỏi ai về giảm nghèo ở xã Không Có?",
      phrasings: ["hỏi ai về hộ nghèo ở xã không có"],
      answer: "…",
      source: "Thử",
      contentHash: "x",
      areaCode: "99-XX",
    },
  });
  faq = createFaqSearch(temp.db);
  const hamletHead = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
  an = { personId: hamletHead.id, unitPath: await unitPath("42-LTT-03") };
  lan = { personId: null, unitPath: await unitPath("42-DT-01") };
});
afterAll(() => temp.cleanup());

describe("National vs local", () => {
  it("a hamlet head of Xã Lâm Trung Thủy sees national, province and own commune entries, not another commune's", async () => {
    // A question that does not name the area keeps the national answer first.
    expect((await keys("ho can ngheo duoc ho tro bhyt bao nhieu", an))[0]).toBe("bhyt-ho-can-ngheo");
    expect((await keys("hà tĩnh có chuẩn nghèo riêng không", an))[0]).toBe(
      "ha-tinh-chuan-ngheo-va-bhyt-rieng",
    );
    expect((await keys("hỏi ai về hộ nghèo ở xã lâm trung thủy", an))[0]).toBe(
      "hoi-ai-ve-giam-ngheo-o-lam-trung-thuy",
    );
    expect(await keys("hỏi ai về hộ nghèo ở xã đức thọ", an)).not.toContain("hoi-ai-ve-giam-ngheo-o-duc-tho");
    expect(await keys("hỏi ai về hộ nghèo ở xã đức thọ", lan)).toContain("hoi-ai-ve-giam-ngheo-o-duc-tho");
    expect(await keys("chuẩn hộ nghèo hiện nay bao nhiêu", an)).not.toEqual([]);
    const topic = await faq.list({ on: clock.now(), publicOnly: false, viewer: an, topicPrefix: "T3" });
    expect(topic.map((entry) => entry.key)).toContain("hoi-ai-ve-giam-ngheo-o-lam-trung-thuy");
    expect(topic.map((entry) => entry.key)).not.toContain("hoi-ai-ve-giam-ngheo-o-duc-tho");
    const local = await faq.entry(
      (await temp.db.faqEntry.findUniqueOrThrow({ where: { key: "ha-tinh-vi-du-niem-yet-cam-due" } })).id,
    );
    expect(local?.areaName).toBe("Tỉnh Hà Tĩnh");
  });

  it("a stranger, and a search without a viewer, see national entries only", async () => {
    for (const viewer of [STRANGER, undefined]) {
      const found = await faq.query("hà tĩnh có chuẩn nghèo riêng không", {
        on: clock.now(),
        publicOnly: viewer !== undefined,
        viewer,
        limit: 10,
      });
      expect(found.hits.length).toBeGreaterThan(0);
      expect(found.hits.every((hit) => hit.entry.areaCode === null)).toBe(true);
    }
    const topics = await faq.list({ on: clock.now(), publicOnly: true, viewer: STRANGER, topicPrefix: "G" });
    expect(topics.some((entry) => entry.areaCode !== null)).toBe(false);
  });

  it("an entry whose area unit does not exist is served to nobody, and the import names it", async () => {
    for (const viewer of [an, lan, STRANGER, { personId: null, unitPath: "/" }])
      expect(await keys("hỏi ai về hộ nghèo ở xã không có", viewer)).not.toContain("vung-khong-ton-tai");
    const { entries } = loadFaqContent(FAQ_CONTENT_DIR);
    const [first] = entries;
    if (!first) throw new Error("no content");
    const result = await importFaqContent(
      temp.db,
      clock,
      [...entries, { ...first, key: "o-tinh-khac", areaCode: "99" }],
      loadLegalRegistry(LEGAL_REGISTRY_FILE).registry,
      { personId: null, via: "cli" },
    );
    expect(result.unknownAreas).toEqual([{ key: "o-tinh-khac", areaCode: "99" }]);
  });
});
