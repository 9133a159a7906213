import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/domain/imports/parse-csv.js";
import { ROSTER_COLUMNS } from "../../../src/domain/imports/plan-roster-import.js";
import { UNIT_COLUMNS } from "../../../src/domain/imports/plan-units-import.js";
import { readTableFile, type TableFile } from "../../../src/domain/imports/read-table-file.js";

async function readOk(data: Buffer, fileName: string, columns = ROSTER_COLUMNS): Promise<TableFile> {
  const result = await readTableFile(data, fileName, columns);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.table;
}

const csv = (text: string, bom = false) =>
  Buffer.concat([Buffer.from(bom ? "\uFEFF" : ""), Buffer.from(text)]);

describe("reading CSV", () => {
  it("reads UTF-8 with a BOM, ';' as delimiter and Vietnamese headers matched loosely", async () => {
    const table = await readOk(
      csv(
        "Họ và tên;SĐT;Chức năng;Mã đơn vị;Ghi chú\r\nNguyễn Văn An;0912 000 001;Trưởng thôn;42-LTT-03;x\r\n",
        true,
      ),
      "ds.csv",
    );
    expect(table.headers).toEqual(["Họ và tên", "SĐT", "Chức năng", "Mã đơn vị", "Ghi chú"]);
    expect(table.columns).toEqual({
      fullName: "Họ và tên",
      phone: "SĐT",
      role: "Chức năng",
      unit: "Mã đơn vị",
    });
    expect(table.rows).toEqual([
      {
        rowNumber: 2,
        cells: { fullName: "Nguyễn Văn An", phone: "0912 000 001", role: "Trưởng thôn", unit: "42-LTT-03" },
      },
    ]);
  });

  it("keeps quoted commas, newlines and doubled quotes inside one field; rows are numbered like Excel", async () => {
    const text = [
      "HỌ TÊN,Điện thoại,Vai trò,Đơn vị,Chức vụ",
      '"Lê Văn Cường",0912000003,Giảng viên,42,"Chuyên viên, Sở ""Nông nghiệp""',
      'và Môi trường"',
      "",
      "Trần Thị Bình,0912000002,Cán bộ xã,42-LTT,",
    ].join("\n");
    const table = await readOk(csv(text), "ds.CSV");
    expect(table.rows.map((row) => row.rowNumber)).toEqual([2, 4]);
    expect(table.rows[0]?.cells.title).toBe('Chuyên viên, Sở "Nông nghiệp"\nvà Môi trường');
    expect(table.rows[1]?.cells).toMatchObject({ fullName: "Trần Thị Bình", title: "" });
  });

  it("the parser copes with CR line ends, a quote after spaces and a final line without newline", () => {
    expect(parseCsv('a, "b,c" ,d\rx,"",z', ",")).toEqual({
      ok: true,
      records: [
        ["a", "b,c ", "d"],
        ["x", "", "z"],
      ],
    });
    expect(parseCsv('a,"b\nc', ",")).toEqual({ ok: false, openQuoteRecord: 1 });
  });

  it("reports file-level problems in Vietnamese instead of throwing", async () => {
    const missing = await readTableFile(csv("Họ tên,Email\nAn,a@b.vn\n"), "ds.csv", ROSTER_COLUMNS);
    expect(missing).toEqual({
      ok: false,
      errors: [expect.stringContaining("Thiếu cột bắt buộc: Số điện thoại, Vai trò, Đơn vị")],
    });
    expect(await readTableFile(csv("x"), "ds.pdf", ROSTER_COLUMNS)).toEqual({
      ok: false,
      errors: [expect.stringContaining("chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)")],
    });
    const latin1 = Buffer.from([0x48, 0x6f, 0x20, 0x74, 0xea, 0x6e, 0x0a]);
    expect(await readTableFile(latin1, "ds.csv", ROSTER_COLUMNS)).toEqual({
      ok: false,
      errors: [expect.stringContaining("không phải mã UTF-8")],
    });
    const twice = await readTableFile(csv("Mã,Mã đơn vị,Tên,Cấp,Mã cấp trên\n"), "dv.csv", UNIT_COLUMNS);
    expect(twice).toEqual({ ok: false, errors: [expect.stringContaining("cùng là Mã đơn vị")] });
    const headerOnly = await readTableFile(csv("Họ tên,SĐT,Vai trò,Đơn vị\n\n"), "ds.csv", ROSTER_COLUMNS);
    expect(headerOnly).toEqual({ ok: false, errors: [expect.stringContaining("không có dòng dữ liệu")] });
  });

  it("the same header means different columns in a roster and in a unit list", async () => {
    const units = await readOk(
      csv("Mã đơn vị,Tên,Cấp,Mã đơn vị cha\n42-X,Thôn X,Thôn,42\n"),
      "dv.csv",
      UNIT_COLUMNS,
    );
    expect(units.rows[0]?.cells).toEqual({ code: "42-X", name: "Thôn X", level: "Thôn", parentCode: "42" });
  });
});

describe("reading Excel", () => {
  it("reads the first sheet below its title block, turning every kind of cell into text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    workbook.addWorksheet("Khác").addRow(["ignored"]);
    sheet.getCell("A1").value = "DANH SÁCH CÁN BỘ"; // a title above the header is not a header
    sheet.getRow(1).commit();
    sheet.addRow([]);
    sheet.addRow(["STT", "Họ và tên", "Số điện thoại", "Vai trò", "Đơn vị", "Email"]);
    sheet.addRow([
      1,
      { richText: [{ text: "Nguyễn " }, { font: { bold: true }, text: "Văn An" }] },
      912000001, // typed as a number: the leading 0 is gone
      { formula: 'UPPER("Trưởng thôn")', result: "TRƯỞNG THÔN" },
      "  42-LTT-03  ",
      { text: "an@example.vn", hyperlink: "mailto:an@example.vn" },
    ]);
    sheet.addRow([]);
    sheet.addRow([
      2,
      "Trần Thị Bình",
      "0912000002",
      "Cán bộ xã",
      { formula: '"42-"&"LTT"', result: "42-LTT" },
    ]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    const table = await readOk(data, "ds.xlsx");
    expect(table.columns).toMatchObject({ fullName: "Họ và tên", phone: "Số điện thoại" });
    expect(table.rows).toEqual([
      {
        rowNumber: 4,
        cells: {
          fullName: "Nguyễn Văn An",
          phone: "912000001",
          role: "TRƯỞNG THÔN",
          unit: "42-LTT-03",
          email: "an@example.vn",
        },
      },
      {
        rowNumber: 6,
        cells: {
          fullName: "Trần Thị Bình",
          phone: "0912000002",
          role: "Cán bộ xã",
          unit: "42-LTT",
          email: "",
        },
      },
    ]);
  });

  it("a file that is not a workbook is an error, not a crash", async () => {
    expect(await readTableFile(Buffer.from("not a zip"), "ds.xlsx", ROSTER_COLUMNS)).toEqual({
      ok: false,
      errors: [expect.stringContaining("Không mở được tệp Excel")],
    });
  });
});
