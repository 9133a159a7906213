import ExcelJS from "exceljs";
import type { TableFile } from "../../../src/domain/imports/read-table-file.js";

/**
 * A province-sized roster for the import tests: communes under the demo province (Hà Tĩnh,
 * code "42"), 25 hamlets each ("Thôn 1" … "Thôn 25", so hamlet names repeat across communes as
 * they do in real life), and people spread over them.
 */
const COMMUNE_NAMES = [
  "Kỳ Sơn",
  "Kỳ Lạc",
  "Hương Khê",
  "Hương Sơn",
  "Cẩm Xuyên",
  "Thạch Hà",
  "Can Lộc",
  "Nghi Xuân",
  "Vũ Quang",
  "Hồng Lĩnh",
];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Hữu", "Quang"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dung",
  "Giang",
  "Hà",
  "Khánh",
  "Lan",
  "Minh",
  "Nga",
  "Phúc",
  "Quỳnh",
  "Sơn",
];

export const HAMLETS_PER_COMMUNE = 25;

export interface FixtureCommune {
  code: string;
  name: string;
}

export function communes(count: number): FixtureCommune[] {
  return Array.from({ length: count }, (_, i) => {
    const base = COMMUNE_NAMES[i % COMMUNE_NAMES.length] ?? "";
    const round = Math.floor(i / COMMUNE_NAMES.length);
    return {
      code: `42-C${String(i + 1).padStart(2, "0")}`,
      name: `Xã ${base}${round > 0 ? ` ${round + 1}` : ""}`,
    };
  });
}

/** The unit list that creates the communes and their hamlets (hamlets first: any order works). */
export function unitRecords(list: FixtureCommune[]): Record<string, string>[] {
  const hamlets = list.flatMap((commune) =>
    Array.from({ length: HAMLETS_PER_COMMUNE }, (_, j) => ({
      code: `${commune.code}-${String(j + 1).padStart(2, "0")}`,
      name: `Thôn ${j + 1}`,
      level: "Thôn",
      parentCode: commune.code,
    })),
  );
  const communeRows = list.map((commune) => ({
    code: commune.code,
    name: commune.name,
    level: "Xã",
    parentCode: "42",
  }));
  return [...hamlets, ...communeRows];
}

export interface RosterRecord {
  fullName: string;
  phone: string;
  role: string;
  unit: string;
  title: string;
}

/**
 * `count` people: mostly hamlet heads, some commune officers and a few province trainers and
 * supervisors. Units alternate between codes and paths ("Hà Tĩnh / Kỳ Sơn / Thôn 4").
 */
export function rosterRecords(list: FixtureCommune[], count: number): RosterRecord[] {
  return Array.from({ length: count }, (_, i): RosterRecord => {
    const commune = list[i % list.length] ?? { code: "42", name: "Tỉnh Hà Tĩnh" };
    const hamlet = (Math.floor(i / list.length) % HAMLETS_PER_COMMUNE) + 1;
    const fullName = `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`;
    const phone = `0913${String(i).padStart(6, "0")}`;
    if (i % 50 === 0) return { fullName, phone, role: "Giảng viên", unit: "42", title: "Giảng viên" };
    if (i % 50 === 1) return { fullName, phone, role: "Lãnh đạo", unit: "Hà Tĩnh", title: "" };
    if (i % 10 === 2) {
      const unit = i % 20 === 2 ? commune.code : `Hà Tĩnh / ${commune.name}`;
      return { fullName, phone, role: "Cán bộ xã", unit, title: "Công chức Văn hóa - Xã hội" };
    }
    const unit =
      i % 2 === 0
        ? `${commune.code}-${String(hamlet).padStart(2, "0")}`
        : `Hà Tĩnh / ${commune.name.replace(/^Xã /, "")} / Thôn ${hamlet}`;
    return { fullName, phone, role: "Trưởng thôn", unit, title: "Trưởng thôn" };
  });
}

export const ROSTER_HEADERS = ["Họ và tên", "Số điện thoại", "Vai trò", "Đơn vị", "Chức vụ"];

/** A TableFile as readTableFile would return it for these records (header on row 1). */
export function rosterTable(records: RosterRecord[], fileName = "danh-sach.csv"): TableFile {
  return {
    fileName,
    headers: ROSTER_HEADERS,
    columns: {
      fullName: "Họ và tên",
      phone: "Số điện thoại",
      role: "Vai trò",
      unit: "Đơn vị",
      title: "Chức vụ",
    },
    rows: records.map((record, i) => ({ rowNumber: i + 2, cells: { ...record } })),
  };
}

export function unitsTable(records: Record<string, string>[], fileName = "don-vi.csv"): TableFile {
  return {
    fileName,
    headers: ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên"],
    columns: { code: "Mã đơn vị", name: "Tên đơn vị", level: "Cấp", parentCode: "Mã đơn vị cấp trên" },
    rows: records.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}

/** The roster as an officer's workbook: a title line, the header, one row per person. */
export async function rosterWorkbook(records: RosterRecord[], numericPhones: Set<number>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow(["DANH SÁCH CÁN BỘ GIẢM NGHÈO TỈNH HÀ TĨNH"]);
  sheet.addRow(ROSTER_HEADERS);
  records.forEach((record, i) => {
    // Excel turns a typed phone into a number and drops the leading 0.
    const phone = numericPhones.has(i) ? Number(record.phone) : record.phone;
    sheet.addRow([record.fullName, phone, record.role, record.unit, record.title]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The roster as CSV text (what Excel's "CSV UTF-8" writes). */
export function rosterCsv(records: RosterRecord[]): Buffer {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [ROSTER_HEADERS, ...records.map((r) => [r.fullName, r.phone, r.role, r.unit, r.title])];
  return Buffer.from(`\uFEFF${lines.map((line) => line.map(quote).join(",")).join("\r\n")}\r\n`);
}
