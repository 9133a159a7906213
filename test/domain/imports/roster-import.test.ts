import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitRosterImport } from "../../../src/domain/imports/commit-roster-import.js";
import { commitUnitsImport } from "../../../src/domain/imports/commit-units-import.js";
import { deactivateMissingPeople } from "../../../src/domain/imports/deactivate-missing-people.js";
import { formatImportReport, formatImportSummary } from "../../../src/domain/imports/format-import-report.js";
import type { ImportActor } from "../../../src/domain/imports/import-plan.js";
import { planRosterImport, ROSTER_COLUMNS } from "../../../src/domain/imports/plan-roster-import.js";
import { readTableFile, type TableFile } from "../../../src/domain/imports/read-table-file.js";
import { undoChangeBatch } from "../../../src/domain/imports/undo-change-batch.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import {
  communes,
  type RosterRecord,
  rosterCsv,
  rosterRecords,
  rosterTable,
  rosterWorkbook,
  unitRecords,
  unitsTable,
} from "./import-fixtures.js";

const clock = createFakeClock();

const actor: ImportActor = { personId: null, via: "cli" };
const translator = createTranslator("vi");
// The fixture puts several hamlet heads in each hamlet (deputies): the import keeps them all.
const keepBoth = { keepBoth: true };
const COMMUNES = communes(40);
const SIZE = 5_000;

let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  const units = await commitUnitsImport(temp.db, clock, unitsTable(unitRecords(COMMUNES)), { actor });
  expect(units).toMatchObject({ ok: true, created: 40 * 26 });
});
afterAll(() => temp.cleanup());

async function read(data: Buffer, fileName: string): Promise<TableFile> {
  const result = await readTableFile(data, fileName, ROSTER_COLUMNS);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.table;
}

const counts = async () => ({
  people: await temp.db.person.count(),
  active: await temp.db.person.count({ where: { status: "active" } }),
  audit: await temp.db.auditLog.count(),
});

describe("a 5,000-row workbook with bad rows", { timeout: 90_000 }, () => {
  it("the dry run lists each bad row with its row number and column, and nothing changes", async () => {
    const records = rosterRecords(COMMUNES, SIZE).map((record) => ({ ...record }));
    const set = (i: number, change: Partial<RosterRecord>) => Object.assign(records[i] ?? {}, change);
    set(100, { phone: "0913 12" });
    set(1_000, { unit: "Hà Tĩnh / Kỳ Sơn / Thôn 99" });
    set(2_000, { phone: records[1_999]?.phone ?? "" });
    set(3_000, { role: "Thủ quỹ" });
    set(4_000, { fullName: "  " });
    set(4_500, { role: "Trưởng thôn", unit: "42-C01" });
    // Every 7th phone typed as a number in Excel, without its leading 0.
    const numeric = new Set(Array.from({ length: SIZE }, (_, i) => i).filter((i) => i % 7 === 0));
    const table = await read(await rosterWorkbook(records, numeric), "danh-sach-5000.xlsx");
    expect(table.rows).toHaveLength(SIZE);
    expect(table.rows[7]?.cells.phone).toBe("913000007");

    const before = await counts();
    const plan = await planRosterImport(temp.db, table);
    // Data starts on row 3 (a title, then the header).
    const row = (i: number) => i + 3;
    expect(plan.rows.filter((r) => r.status === "error").map((r) => [r.rowNumber, r.errors])).toEqual([
      [
        row(100),
        [{ column: "Số điện thoại", message: expect.stringContaining("“0913 12” không phải số điện thoại") }],
      ],
      [
        row(1_000),
        [{ column: "Đơn vị", message: "Không tìm thấy đơn vị “Thôn 99” thuộc “Hà Tĩnh / Kỳ Sơn”" }],
      ],
      [row(2_000), [{ column: "Số điện thoại", message: `0913 001 999 trùng với dòng ${row(1_999)}` }]],
      [row(3_000), [{ column: "Vai trò", message: expect.stringContaining("Không có vai trò “Thủ quỹ”") }]],
      [row(4_000), [{ column: "Họ và tên", message: "Chưa ghi họ tên" }]],
      [
        row(4_500),
        [
          {
            column: "Đơn vị",
            message: "Trưởng thôn phải thuộc một thôn/tổ dân phố, còn “Xã Kỳ Sơn” là xã/phường",
          },
        ],
      ],
    ]);
    expect(plan.totals).toMatchObject({
      rows: SIZE,
      create: SIZE - 6,
      update: 0,
      unchanged: 0,
      error: 6,
    });

    const refused = await commitRosterImport(temp.db, clock, translator, table, { actor });
    expect(refused).toMatchObject({ ok: false, reason: "has_errors" });
    expect(await counts()).toEqual(before);

    const report = formatImportReport(plan);
    expect(report).toContain("5.000 dòng: 4.994 thêm mới, 0 cập nhật, 0 không đổi, 6 lỗi");
    expect(report).toContain(
      `Dòng ${row(100)} · Số điện thoại: “0913 12” không phải số điện thoại Việt Nam hợp lệ`,
    );
    const summary = formatImportSummary(plan, 3);
    expect(summary).toContain("<code>danh-sach-5000.xlsx</code>");
    expect(summary).toContain("… và 3 lỗi khác.");
    expect(formatImportSummary(plan, 10_000).length).toBeLessThanOrEqual(3_500);
  });
});

// Thousands of rows per step: seconds on an idle machine, much more on a busy 2-core one.
describe("a clean 5,000-row file", { timeout: 90_000 }, () => {
  const records = rosterRecords(COMMUNES, SIZE);

  it("imports in one transaction, and importing it again changes nothing", async ({ annotate }) => {
    const table = await read(rosterCsv(records), "danh-sach-5000.csv");
    const before = await counts();
    const started = performance.now();
    const result = await commitRosterImport(temp.db, clock, translator, table, { actor, heads: keepBoth });
    await annotate(`commit of ${SIZE} rows: ${Math.round(performance.now() - started)} ms`);
    expect(result).toMatchObject({ ok: true, created: SIZE, updated: 0, unchanged: 0, replacedHeads: 0 });
    expect(await temp.db.person.count()).toBe(before.people + SIZE);
    const someone = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84913000003" },
      include: { unit: true },
    });
    expect(someone).toMatchObject({ fullName: "Phạm Minh Dung", role: "hamlet_head", title: "Trưởng thôn" });
    expect(someone.unit).toMatchObject({ code: "42-C04-01", name: "Thôn 1" });

    const again = await planRosterImport(temp.db, table);
    expect(again.totals).toMatchObject({
      rows: SIZE,
      create: 0,
      update: 0,
      unchanged: SIZE,
      error: 0,
      secondHeads: 0,
    });
    const second = await commitRosterImport(temp.db, clock, translator, table, { actor });
    expect(second).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: SIZE, replacedHeads: 0 });
    const imports = await temp.db.auditLog.findMany({
      where: { action: "roster.import" },
      orderBy: { id: "asc" },
    });
    expect(imports.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ created: SIZE, updated: 0, fileName: "danh-sach-5000.csv", via: "cli" }),
      expect.objectContaining({ created: 0, updated: 0, unchanged: SIZE }),
    ]);
  });

  it("a changed row moves the person (role and unit) and is audited with before and after", async () => {
    const changed = records.map((record) => ({ ...record }));
    // Row 4 (index 2) is a commune officer of 42-C03; she becomes head of its hamlet 7.
    Object.assign(changed[2] ?? {}, { role: "trưởng thôn", unit: "Hà Tĩnh / Kỳ Lạc 1 / Thôn 7", title: "" });
    const table = rosterTable(changed);
    const plan = await planRosterImport(temp.db, table);
    expect(plan.totals).toMatchObject({ create: 0, update: 0, unchanged: SIZE - 1, error: 1 });
    expect(plan.rows[2]?.errors[0]?.message).toContain(
      "Không tìm thấy đơn vị “Thôn 7” thuộc “Hà Tĩnh / Kỳ Lạc 1”",
    );

    Object.assign(changed[2] ?? {}, { unit: "Hà Tĩnh / Hương Khê / Thôn 7" });
    const fixed = await planRosterImport(temp.db, rosterTable(changed));
    expect(fixed.totals).toMatchObject({ update: 1, unchanged: SIZE - 1, error: 0 });
    expect(fixed.rows[2]).toMatchObject({
      rowNumber: 4,
      status: "update",
      label: "Lê Đức Cường",
      changes: [
        "vai trò: Cán bộ xã → Trưởng thôn",
        "đơn vị: Xã Hương Khê, Tỉnh Hà Tĩnh → Thôn 7, Xã Hương Khê",
        "chức vụ: Công chức Văn hóa - Xã hội → (trống)",
      ],
    });
    expect(formatImportReport(fixed)).toContain(
      "Dòng 4 · Lê Đức Cường: vai trò: Cán bộ xã → Trưởng thôn; đơn vị:",
    );

    const result = await commitRosterImport(temp.db, clock, translator, rosterTable(changed), { actor });
    expect(result).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: SIZE - 1 });
    const person = await temp.db.person.findUniqueOrThrow({ where: { phone: "+84913000002" } });
    const [entry] = await temp.db.auditLog.findMany({ where: { action: "person.update" } });
    expect(entry).toMatchObject({ targetType: "Person", targetId: String(person.id), unitId: person.unitId });
    expect(entry?.details).toEqual({
      before: {
        role: "commune_officer",
        unitId: expect.any(Number),
        unitCode: "42-C03",
        title: "Công chức Văn hóa - Xã hội",
      },
      after: { role: "hamlet_head", unitId: person.unitId, unitCode: "42-C03-07", title: null },
      row: 4,
      fileName: "danh-sach.csv",
      via: "cli",
    });
    expect(person).toMatchObject({ role: "hamlet_head", title: null });
  });

  it("people missing from a full re-import stay active; the separate step deactivates them; listed again, they come back", async () => {
    const current = records.map((record) => ({ ...record }));
    Object.assign(current[2] ?? {}, { role: "Trưởng thôn", unit: "42-C03-07", title: "" });
    const shorter = rosterTable(current.slice(0, SIZE - 10));
    const active = () => temp.db.person.count({ where: { status: "active" } });
    const activeBefore = await active();

    const plan = await planRosterImport(temp.db, shorter);
    // The ten left out, and the demo people who are not in this file — except the administrator,
    // whom a file never deactivates.
    expect(plan.totals).toMatchObject({ unchanged: SIZE - 10, missing: 20 });
    expect(plan.missing.map((p) => p.fullName)).not.toContain("Hoàng Văn Em");
    expect(plan.missing.map((p) => p.phone)).toEqual(
      expect.arrayContaining(["+84912000001", "+84913004990", "+84913004999"]),
    );
    expect(formatImportReport(plan)).toContain(
      "20 người đang hoạt động không có trong tệp: nhập không ngừng kích hoạt ai.",
    );
    expect(await commitRosterImport(temp.db, clock, translator, shorter, { actor })).toMatchObject({
      ok: true,
      updated: 0,
    });
    expect(await active()).toBe(activeBefore);

    // The separate step acts only on the count confirmed.
    expect(
      await deactivateMissingPeople(temp.db, clock, translator, shorter, { actor, confirmCount: 19 }),
    ).toMatchObject({ ok: false, reason: "count_mismatch" });
    expect(await active()).toBe(activeBefore);
    const result = await deactivateMissingPeople(temp.db, clock, translator, shorter, {
      actor,
      confirmCount: 20,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.deactivated).toHaveLength(20);
    expect(await active()).toBe(SIZE - 10 + 1);
    expect(
      await temp.db.auditLog.count({ where: { action: "person.deactivate", batchId: result.batchId } }),
    ).toBe(20);

    const back = await planRosterImport(temp.db, rosterTable(current));
    expect(back.totals).toMatchObject({ update: 10, unchanged: SIZE - 10 });
    expect(back.rows.at(-1)?.changes).toEqual(["trạng thái: đã ngừng hoạt động → hoạt động trở lại"]);
    await commitRosterImport(temp.db, clock, translator, rosterTable(current), { actor, heads: keepBoth });
    const person = await temp.db.person.findUniqueOrThrow({ where: { phone: "+84913004999" } });
    expect(person.status).toBe("active");
  });

  it("undoing the first import removes the 5,000 people again, except those changed since", async ({
    annotate,
  }) => {
    const [first] = await temp.db.changeBatch.findMany({
      where: { kind: "roster.import" },
      orderBy: { id: "asc" },
    });
    if (!first) throw new Error("no import batch");
    const started = performance.now();
    const result = await undoChangeBatch(temp.db, clock, translator, first.id, { actor });
    await annotate(`undo of ${SIZE} created people: ${Math.round(performance.now() - started)} ms`);
    if (!result.ok) throw new Error(result.reason);
    // Row 4 was changed by a later import (kept, deactivated); the rest are removed.
    expect(result).toMatchObject({ removed: SIZE - 1, deactivated: 1, restored: 0 });
    expect(await temp.db.person.count({ where: { phone: { startsWith: "+849130" } } })).toBe(1);
  });
});
