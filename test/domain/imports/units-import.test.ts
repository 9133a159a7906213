import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitUnitsImport } from "../../../src/domain/imports/commit-units-import.js";
import { formatImportReport } from "../../../src/domain/imports/format-import-report.js";
import type { ImportActor } from "../../../src/domain/imports/import-plan.js";
import { planUnitsImport } from "../../../src/domain/imports/plan-units-import.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";
import { unitsTable } from "./import-fixtures.js";

const clock = createFakeClock();

const actor: ImportActor = { personId: null, via: "cli" };
let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

const row = (code: string, name: string, level: string, parentCode: string) => ({
  code,
  name,
  level,
  parentCode,
});
const unit = (code: string) => temp.db.unit.findUniqueOrThrow({ where: { code } });

describe("importing units", () => {
  it("creates units whose parents come later in the file, with their materialised paths", async () => {
    const table = unitsTable([
      row("42-KS-01", "Thôn Kỳ Phong", "Thôn", "42-KS"),
      row("42-KS-02", "Tổ dân phố Bắc", "tổ dân phố", "42-KS"),
      row("42-KS", "Xã Kỳ Sơn", "Xã", "42"),
      row("42-LTT-04", "Thôn 4", "hamlet", "42-LTT"),
    ]);
    const plan = await planUnitsImport(temp.db, table);
    expect(plan.rows.map((r) => r.status)).toEqual(["create", "create", "create", "create"]);

    const result = await commitUnitsImport(temp.db, clock, table, { actor });
    expect(result).toMatchObject({ ok: true, created: 4, updated: 0, unchanged: 0 });
    const [province, commune, hamlet] = [await unit("42"), await unit("42-KS"), await unit("42-KS-01")];
    expect(commune).toMatchObject({ level: "commune", parentId: province.id, depth: 1 });
    expect(commune.path).toBe(`${province.path}${commune.id}/`);
    expect(hamlet).toMatchObject({
      level: "hamlet",
      parentId: commune.id,
      depth: 2,
      path: `${commune.path}${hamlet.id}/`,
    });

    const again = await commitUnitsImport(temp.db, clock, table, { actor });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4, pathsRewritten: 0 });
    const audits = await temp.db.auditLog.findMany({ where: { action: "units.import" } });
    expect(audits.map((a) => a.details)).toEqual([
      expect.objectContaining({ created: 4, fileName: "don-vi.csv", via: "cli" }),
      expect.objectContaining({ created: 0, unchanged: 4 }),
    ]);
  });

  it("reports every broken row: cycles (also through existing units), unknown parents, duplicates, levels", async () => {
    const table = unitsTable([
      row("X1", "Thôn X1", "Thôn", "X2"),
      row("X2", "Thôn X2", "Thôn", "X1"),
      row("42", "Tỉnh Hà Tĩnh", "Tỉnh", "42-LTT-01"),
      row("42-NEW", "Thôn Mới", "Thôn", "42-NONE"),
      row("42-LTT-04", "Thôn Bốn", "Thôn", "42-LTT"),
      row("42-LTT-04", "Thôn 4", "Thôn", "42-LTT"),
      row("42-Q", "Xã Quang", "Xã", "42-LTT"),
      row("42-R", "Thôn R", "Làng xã", "42-LTT"),
      row("42 R", "Thôn R", "Thôn", "42-LTT"),
      row("42-S", "Xã S", "Xã", ""),
      row("42-LTT-03", "Thôn 3", "Xã", "42-LTT"),
    ]);
    const before = await temp.db.unit.count();
    const plan = await planUnitsImport(temp.db, table);
    const errors = plan.rows.map((r) => [r.rowNumber, r.errors.map((e) => `${e.column}: ${e.message}`)]);
    expect(errors).toEqual([
      [2, ["Mã đơn vị cấp trên: Vòng lặp cấp trên: X1 → X2 → X1"]],
      [3, ["Mã đơn vị cấp trên: Vòng lặp cấp trên: X2 → X1 → X2"]],
      [4, ["Mã đơn vị cấp trên: Vòng lặp cấp trên: 42 → 42-LTT-01 → 42-LTT → 42"]],
      [
        5,
        [
          "Mã đơn vị cấp trên: Không tìm thấy đơn vị cấp trên có mã “42-NONE” (trong tệp hay trong dữ liệu hiện có)",
        ],
      ],
      [6, []],
      [7, ["Mã đơn vị: Mã “42-LTT-04” trùng với dòng 6"]],
      [
        8,
        [
          "Cấp: Đơn vị cấp xã/phường không thể trực thuộc “Xã Lâm Trung Thủy” (cấp xã/phường): cấp của đơn vị phải thấp hơn cấp trên",
        ],
      ],
      [9, [expect.stringContaining("Cấp: Không có cấp “Làng xã”; dùng một trong:")]],
      [10, ["Mã đơn vị: Mã “42 R” chỉ được có chữ cái không dấu, chữ số và các dấu - _ ."]],
      [11, ["Mã đơn vị cấp trên: Chưa ghi mã đơn vị cấp trên (chỉ cấp tỉnh mới không có cấp trên)"]],
      [
        12,
        [
          "Cấp: Đơn vị cấp xã/phường không thể trực thuộc “Xã Lâm Trung Thủy” (cấp xã/phường): cấp của đơn vị phải thấp hơn cấp trên",
          "Cấp: Không thể đổi sang cấp xã/phường: 1 người của đơn vị có vai trò không hợp với cấp này (ví dụ Trưởng thôn); hãy chuyển họ sang đơn vị khác trước",
        ],
      ],
    ]);
    expect(plan.rows[4]).toMatchObject({ status: "update", changes: ["tên: Thôn 4 → Thôn Bốn"] });
    expect(formatImportReport(plan)).toContain("Dòng 7 · Mã đơn vị: Mã “42-LTT-04” trùng với dòng 6");

    expect(await commitUnitsImport(temp.db, clock, table, { actor })).toMatchObject({
      ok: false,
      reason: "has_errors",
    });
    expect(await temp.db.unit.count()).toBe(before);
  });

  it("re-parenting a commune moves its whole subtree, and is audited", async () => {
    // Older data: the commune belonged to a district. Put the district back and move it there.
    const commune = await unit("42-LTT");
    const hamletsBefore = await temp.db.unit.findMany({
      where: { parentId: commune.id },
      orderBy: { id: "asc" },
    });
    const table = unitsTable([
      row("42-LTT", "Xã Lâm Trung Thủy", "Xã", "42-H-DT"),
      row("42-H-DT", "Huyện Đức Thọ", "Huyện", "42"),
    ]);
    const plan = await planUnitsImport(temp.db, table);
    expect(plan.rows[0]).toMatchObject({
      status: "update",
      changes: ["cấp trên: Tỉnh Hà Tĩnh (42) → 42-H-DT"],
    });

    const result = await commitUnitsImport(temp.db, clock, table, { actor });
    expect(result).toMatchObject({ ok: true, created: 1, updated: 1 });
    const district = await unit("42-H-DT");
    const moved = await unit("42-LTT");
    expect(district).toMatchObject({ level: "district", depth: 1 });
    expect(moved).toMatchObject({ parentId: district.id, depth: 2, path: `${district.path}${moved.id}/` });
    const hamletsAfter = await temp.db.unit.findMany({
      where: { parentId: moved.id },
      orderBy: { id: "asc" },
    });
    expect(hamletsAfter.map((h) => [h.path, h.depth])).toEqual(
      hamletsBefore.map((h) => [`${moved.path}${h.id}/`, 3]),
    );
    // The subtree query that scopes everything still finds the hamlets under the province.
    const underDistrict = await temp.db.unit.count({ where: { path: { startsWith: district.path } } });
    expect(underDistrict).toBe(2 + hamletsBefore.length);

    const [entry] = await temp.db.auditLog.findMany({ where: { action: "unit.update" } });
    expect(entry).toMatchObject({ targetType: "Unit", targetId: String(moved.id) });
    expect(entry?.details).toMatchObject({
      code: "42-LTT",
      before: { parentCode: "42" },
      after: { parentCode: "42-H-DT" },
    });
  });
});
