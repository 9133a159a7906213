import { loadExcelJs } from "../../../shared/lazy-modules.js";
import { wallClockDate } from "../../summaries/summary-format.js";
import type { ContentReport } from "./build-content-report.js";
import {
  ANSWER_TICKET,
  describeContentAction,
  describeGroupAction,
  WRITE_NEW_ENTRY,
} from "./describe-content-report.js";

const DATE = "dd/mm/yyyy";
const DATE_TIME = "dd/mm/yyyy hh:mm";
const INTEGER = "#,##0";

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/**
 * The editors' report as an Excel workbook, one sheet per section, each row with the action
 * that fixes it (the last column): 👎 answers, unsure questions (grouped), "Hỏi cán bộ"
 * tickets, entries past review. Bold, frozen headers; numbers are numbers and dates real dates
 * in local time, as the summaries' workbook does.
 */
export async function buildContentReportWorkbook(report: ContentReport, timeZone: string): Promise<Buffer> {
  const local = (at: Date) => wallClockDate(at, timeZone);
  const workbook = new (loadExcelJs().Workbook)();
  workbook.created = local(report.until);
  // Else exceljs stamps the file with the wall clock.
  workbook.modified = local(report.until);
  workbook.title = "Nội dung hỏi đáp cần xem lại";
  const sheet = (name: string, columns: Column[], rows: unknown[][]) => {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = columns.map((column) => ({
      header: column.header,
      width: column.width,
      style: column.numFmt ? { numFmt: column.numFmt } : {},
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of rows) worksheet.addRow(row);
  };

  sheet(
    "Câu trả lời bị chê",
    [
      { header: "Mục", width: 40 },
      { header: "Mã mục", width: 30 },
      { header: "👎", width: 8, numFmt: INTEGER },
      { header: "👍", width: 8, numFmt: INTEGER },
      { header: "Góp ý (mới nhất trước)", width: 60 },
      { header: "Việc cần làm", width: 50 },
    ],
    report.feedback.map((item) => [
      item.entry.title,
      item.entry.key,
      item.down,
      item.up,
      item.comments.map((comment) => comment.text).join("\n"),
      describeContentAction(item.action, WRITE_NEW_ENTRY),
    ]),
  );
  sheet(
    "Câu hỏi chưa trả lời chắc",
    [
      { header: "Số lần hỏi", width: 12, numFmt: INTEGER },
      { header: "Không tìm được gì", width: 12, numFmt: INTEGER },
      { header: "Ví dụ 1", width: 45 },
      { header: "Ví dụ 2", width: 45 },
      { header: "Ví dụ 3", width: 45 },
      { header: "Hỏi gần nhất", width: 18, numFmt: DATE_TIME },
      { header: "Mục gần nhất", width: 30 },
      { header: "Việc cần làm", width: 50 },
    ],
    report.questions.map((group) => [
      group.count,
      group.unanswered,
      group.examples[0]?.text ?? "",
      group.examples[1]?.text ?? "",
      group.examples[2]?.text ?? "",
      local(group.latestAt),
      group.candidate?.key ?? "",
      describeGroupAction(group),
    ]),
  );
  sheet(
    "Hỏi cán bộ",
    [
      { header: "Mã", width: 8 },
      { header: "Trạng thái", width: 16 },
      { header: "Câu hỏi", width: 50 },
      { header: "Đơn vị", width: 24 },
      { header: "Ngày hỏi", width: 18, numFmt: DATE_TIME },
      { header: "Số ngày chờ", width: 12, numFmt: INTEGER },
      { header: "Số người hỏi", width: 12, numFmt: INTEGER },
      { header: "Trả lời", width: 50 },
      { header: "Người trả lời", width: 24 },
      { header: "Ngày trả lời", width: 18, numFmt: DATE_TIME },
      { header: "Việc cần làm", width: 50 },
    ],
    [...report.openTickets, ...report.answeredTickets].map((ticket) => [
      ticket.id,
      ticket.answer === null ? "Chờ trả lời" : "Đã trả lời",
      ticket.text,
      ticket.unitName,
      local(ticket.createdAt),
      ticket.answer === null ? ticket.ageDays : null,
      ticket.askers,
      ticket.answer ?? "",
      ticket.answeredBy ?? "",
      ticket.answeredAt ? local(ticket.answeredAt) : null,
      describeContentAction(ticket.action, ANSWER_TICKET),
    ]),
  );
  sheet(
    "Quá hạn xem lại",
    [
      { header: "Mục", width: 40 },
      { header: "Mã mục", width: 30 },
      { header: "Hạn xem lại", width: 14, numFmt: DATE },
      { header: "Tệp", width: 45 },
      { header: "Việc cần làm", width: 50 },
    ],
    report.overdue.map((item) => [
      item.entry.title,
      item.entry.key,
      local(item.reviewBy),
      item.file ?? "",
      describeContentAction(item.action, WRITE_NEW_ENTRY),
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
