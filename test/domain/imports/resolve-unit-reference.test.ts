import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildUnitIndex,
  resolveUnitReference,
  type UnitIndex,
  unitNameKey,
} from "../../../src/domain/imports/resolve-unit-reference.js";
import { createUnit } from "../../../src/domain/units/create-unit.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

let temp: TempDb;
let index: UnitIndex;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  const db = temp.db;
  const id = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
  // A second "Thôn 1" (in Xã Đức Thọ), a district that still exists in older data, an inactive hamlet.
  await createUnit(db, { code: "42-DT-03", name: "Thôn 1", level: "hamlet", parentId: await id("42-DT") });
  await createUnit(db, { code: "42-CL", name: "Huyện Can Lộc", level: "district", parentId: await id("42") });
  const closed = await createUnit(db, {
    code: "42-LTT-07",
    name: "Thôn 7",
    level: "hamlet",
    parentId: await id("42-LTT"),
  });
  await db.unit.update({ where: { id: closed.id }, data: { active: false } });
  index = buildUnitIndex(
    await db.unit.findMany({
      select: { id: true, code: true, name: true, level: true, parentId: true, path: true, active: true },
    }),
  );
});
afterAll(() => temp.cleanup());

describe("unit names are compared without level words", () => {
  it("drops Tỉnh/Huyện/Xã/Phường/Thị trấn…, keeps Thôn and Tổ dân phố", () => {
    expect(unitNameKey("Tỉnh Hà Tĩnh")).toBe("ha tinh");
    expect(unitNameKey("Thành phố Hà Tĩnh")).toBe("ha tinh");
    expect(unitNameKey("xã Lâm Trung Thuỷ")).toBe("lam trung thuy");
    expect(unitNameKey("Thị trấn Đức Thọ")).toBe("duc tho");
    expect(unitNameKey("Thôn 3")).toBe("thon 3");
    expect(unitNameKey("Tổ dân phố 1")).toBe("to dan pho 1");
    expect(unitNameKey("Xã")).toBe("xa");
  });
});

describe("resolving a roster's unit cell", () => {
  const resolved: [string, string, string][] = [
    ["an official code", "42-LTT-03", "42-LTT-03"],
    ["a code in another case", "42-ltt-03", "42-LTT-03"],
    ["the full path", "Tỉnh Hà Tĩnh / Xã Lâm Trung Thủy / Thôn 3", "42-LTT-03"],
    ["a path typed without diacritics or level words", "ha tinh/lam trung thuy/thon 3", "42-LTT-03"],
    ["a path through an abolished district", "Hà Tĩnh / Đức Thọ / Lâm Trung Thủy / Thôn 3", "42-LTT-03"],
    ["a path without the province", "Lâm Trung Thủy / Thôn 3", "42-LTT-03"],
    ["a name that is unique on its own", "Thôn 3", "42-LTT-03"],
    ["a ward's residential group", "Phường Thành Sen / Tổ dân phố 1", "42-TS-01"],
    ["a commune", "Hà Tĩnh / Đức Thọ", "42-DT"],
    ["one of two equal names, told apart by its commune", "Đức Thọ / Thôn 1", "42-DT-03"],
  ];
  it.each(resolved)("%s: “%s” → %s", (_, text, code) => {
    const result = resolveUnitReference(index, text);
    expect(result.ok ? result.unit.code : result.message).toBe(code);
  });

  const refused: [string, string, string][] = [
    ["an ambiguous name", "Thôn 1", "Đơn vị “Thôn 1” không rõ ràng (2 đơn vị khớp:"],
    ["an ambiguous path", "Hà Tĩnh / Thôn 1", "không rõ ràng"],
    ["an unknown hamlet", "Hà Tĩnh / Lâm Trung Thủy / Thôn 9", "Không tìm thấy đơn vị “Thôn 9” thuộc"],
    ["an unknown code", "42-XYZ", "Không tìm thấy đơn vị có mã hoặc tên “42-XYZ”"],
    // The segment right above the name must match: "Đức Thọ" is not Thôn 3's commune.
    [
      "a wrong commune",
      "Hà Tĩnh / Đức Thọ / Thôn 3",
      "Không tìm thấy đơn vị “Thôn 3” thuộc “Hà Tĩnh / Đức Thọ”",
    ],
    // Can Lộc is an existing district elsewhere: a contradiction, not an abolished unit.
    [
      "an existing district that is not an ancestor",
      "Hà Tĩnh / Huyện Can Lộc / Lâm Trung Thủy / Thôn 3",
      "Không tìm thấy",
    ],
    ["an inactive unit", "Lâm Trung Thủy / Thôn 7", "đã ngừng hoạt động"],
  ];
  it.each(refused)("%s: “%s”", (_, text, message) => {
    const result = resolveUnitReference(index, text);
    expect(result.ok ? `resolved to ${result.unit.code}` : result.message).toContain(message);
  });

  it("an ambiguity lists the candidates with their codes, so the officer can pick one", () => {
    const result = resolveUnitReference(index, "Thôn 1");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("Thôn 1, Xã Lâm Trung Thủy — mã 42-LTT-01");
      expect(result.message).toContain("Thôn 1, Xã Đức Thọ — mã 42-DT-03");
      expect(result.message).toMatch(/hãy dùng mã đơn vị$/);
    }
  });
});
