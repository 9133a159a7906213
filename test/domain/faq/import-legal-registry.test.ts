import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFaqFile } from "../../../src/domain/faq/content/faq-file.js";
import { createFaqSearch } from "../../../src/domain/faq/faq-search.js";
import { importFaqContent } from "../../../src/domain/faq/import-faq-content.js";
import { parseLegalRegistry } from "../../../src/domain/faq/legal/legal-registry.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb();
});
afterAll(() => temp.cleanup());

const registry = (status: string, extra = "") =>
  parseLegalRegistry(`
documents:
  nd-188-2025: { number: "188/2025/NĐ-CP", kind: Nghị định, title: "Luật BHYT chi tiết", effective: 2025-08-15, status: in_force }
  nd-146-2018: { number: "146/2018/NĐ-CP", kind: Nghị định, title: "Hướng dẫn Luật BHYT", status: ${status}${extra} }
`).registry;

const ENTRY = parseFaqFile(
  `---
id: bhyt-ho-ngheo
topics: [T4.1]
title: "Người thuộc hộ nghèo được Nhà nước đóng BHYT"
phrasings: ["mức đóng bhyt hộ nghèo", "ai đóng bhyt cho hộ nghèo", "hộ nghèo có thẻ bhyt không"]
source: "Cổng thông tin điện tử Chính phủ"
legal:
  - doc: nd-188-2025
---
Ngân sách nhà nước đóng toàn bộ.
`,
  "t4/bhyt-ho-ngheo.md",
).entry;

describe("Citations an officer can use: the registry is imported with the content", () => {
  it("creates and updates documents by content hash in the import's transaction and audit entry, and keeps removed ones", async () => {
    if (!ENTRY) throw new Error("fixture");
    const actor = { personId: null, via: "cli" } as const;
    const first = await importFaqContent(temp.db, clock, [ENTRY], registry("in_force"), actor);
    expect(first.legal).toEqual({ created: ["nd-188-2025", "nd-146-2018"], updated: [] });
    const search = createFaqSearch(temp.db);
    expect((await search.legalDocuments()).get("nd-188-2025")).toMatchObject({
      number: "188/2025/NĐ-CP",
      effectiveFrom: new Date("2025-08-15T00:00:00+07:00"),
      status: "in_force",
    });
    expect((await search.entryByKey("bhyt-ho-ngheo"))?.legalBasis).toEqual([{ doc: "nd-188-2025" }]);

    const again = await importFaqContent(temp.db, clock, [ENTRY], registry("in_force"), actor);
    expect(again).toMatchObject({ created: [], updated: [], legal: { created: [], updated: [] } });

    // Only the registry changed: one audit entry says so, and a running bot reloads it.
    const changed = await importFaqContent(
      temp.db,
      clock,
      [ENTRY],
      registry("replaced", ", replaced_by: nd-188-2025, ended: 2025-08-14"),
      actor,
    );
    expect(changed).toMatchObject({
      created: [],
      updated: [],
      legal: { created: [], updated: ["nd-146-2018"] },
    });
    const audits = await temp.db.auditLog.findMany({
      where: { action: "faq.import" },
      orderBy: { id: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(audits[1]?.details).toMatchObject({ legalCreated: 0, legalUpdated: ["nd-146-2018"] });
    expect(await search.reloadIfChanged()).toBe(true);
    expect((await search.legalDocuments()).get("nd-146-2018")).toMatchObject({
      status: "replaced",
      replacedBy: "nd-188-2025",
      endedOn: new Date("2025-08-14T00:00:00+07:00"),
    });

    const removed = parseLegalRegistry(`
documents:
  nd-188-2025: { number: "188/2025/NĐ-CP", kind: Nghị định, title: "Luật BHYT chi tiết", effective: 2025-08-15, status: in_force }
`).registry;
    await importFaqContent(temp.db, clock, [ENTRY], removed, actor);
    expect(await temp.db.legalDocument.count()).toBe(2);
  });
});
