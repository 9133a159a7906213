import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildSummaryWorkbook } from "../../../src/domain/summaries/build-summary-workbook.js";
import { provinceSummary } from "./render-fixture.js";

const TZ = "Asia/Ho_Chi_Minh";

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function rows(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const out: unknown[][] = [];
  sheet?.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

describe("Excel file with one sheet per section", () => {
  it("has a sheet per section with bold frozen headers, numbers as numbers and local dates", async () => {
    const workbook = await read(await buildSummaryWorkbook(provinceSummary(), "vi", TZ));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Báo cáo theo đơn vị",
      "Số liệu chính",
      "Chưa báo cáo",
      "Chờ sửa",
      "Báo cáo khẩn",
      "Câu hỏi",
      "Tập huấn",
      "Thông tin",
    ]);
    // The file's own dates are the summary's (local wall time), never the machine's clock.
    expect(workbook.modified?.toISOString()).toBe(workbook.created?.toISOString());
    expect(workbook.modified?.getUTCFullYear()).toBe(provinceSummary().generatedAt.getUTCFullYear());
    const byUnit = workbook.getWorksheet("Báo cáo theo đơn vị");
    expect(byUnit?.getRow(1).font?.bold).toBe(true);
    expect(byUnit?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const review = "Tiến độ rà soát hộ nghèo, cận nghèo";
    const week = "Tuần 48 (23/11–29/11/2026)";
    expect(rows(byUnit).slice(0, 5)).toEqual([
      ["Mẫu báo cáo", "Kỳ", "Đơn vị", "Phải báo cáo", "Đã báo cáo", "Tỷ lệ", "Chờ sửa"],
      [review, week, "Xã Lâm Trung Thủy", 3, 2, 2 / 3, 1],
      [review, week, "Xã Đức Thọ", 2, 2, 1, 0],
      [review, week, "Phường Thành Sen", 2, 1, 0.5, 0],
      [review, week, "Tổng", 7, 5, 5 / 7, 1],
    ]);
    expect(byUnit?.getCell("F2").numFmt).toBe("0.0%");
    // The incident form expects nothing: no rate.
    expect(rows(byUnit)[5]).toEqual([
      "Báo cáo sự cố",
      "23/11–29/11/2026",
      "Xã Lâm Trung Thủy",
      undefined,
      1,
      undefined,
      0,
    ]);

    expect(rows(workbook.getWorksheet("Số liệu chính")).slice(1, 3)).toEqual([
      [review, week, "Xã Lâm Trung Thủy", "Hộ đã rà soát", 120, 105, 15],
      [review, week, "Xã Lâm Trung Thủy", "Hộ nghèo mới", 3, 1, 2],
    ]);
    expect(rows(workbook.getWorksheet("Chưa báo cáo")).slice(1)).toEqual([
      [review, week, "Xã Lâm Trung Thủy", "Thôn 1"],
      [review, week, "Phường Thành Sen", "Tổ dân phố 2"],
    ]);
    // 17:30 UTC is 00:30 the next day in Hà Nội: the cell shows the local time.
    const urgent = rows(workbook.getWorksheet("Báo cáo khẩn"));
    expect(urgent[1]).toEqual([
      "Báo cáo sự cố",
      "Thôn 2",
      "Xã Lâm Trung Thủy",
      new Date("2026-11-29T00:30:00Z"),
      9,
    ]);
    expect(workbook.getWorksheet("Báo cáo khẩn")?.getCell("D2").numFmt).toBe("dd/mm/yyyy hh:mm");
    // A question without a unit leaves the cell empty.
    expect(rows(workbook.getWorksheet("Câu hỏi"))[2]).toEqual([
      undefined,
      "Khi nào <có> kết quả & danh sách?",
      new Date("2026-11-30T03:00:00Z"),
      0,
      "Không",
    ]);
    const training = rows(workbook.getWorksheet("Tập huấn"));
    expect(training[1]).toEqual([
      "Tập huấn rà soát hộ nghèo",
      new Date("2026-12-15T08:00:00Z"),
      40,
      10,
      2,
      0,
      28,
      0.3,
    ]);
    expect(training.at(-1)).toEqual([
      "Cán bộ đã tập huấn năm nay",
      undefined,
      7,
      5,
      undefined,
      undefined,
      undefined,
      5 / 7,
    ]);
  });

  it("says how many more when the lists were capped, in English too", async () => {
    const data = provinceSummary();
    data.urgent.total = 60;
    const workbook = await read(await buildSummaryWorkbook(data, "en", TZ));
    expect(workbook.worksheets[0]?.name).toBe("Reports by unit");
    expect(rows(workbook.getWorksheet("Urgent reports")).at(-1)).toEqual(["and 59 more"]);
  });
});
