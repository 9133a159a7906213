import { formatDate } from "../../../shared/time.js";
import type { ContentAction, ContentReport, QuestionGroup } from "./build-content-report.js";

/** What an item's action asks of an editor, in words (the CLI's text and the workbook's action column). */
export function describeContentAction(action: ContentAction, otherwise: string): string {
  switch (action.kind) {
    case "add_phrasing": {
      const [best, ...others] = action.entries;
      const rest = others.length > 0 ? ` (hoặc ${others.map((entry) => entry.key).join(", ")})` : "";
      return `Thêm làm cách hỏi cho ${best?.key ?? ""}${rest}`;
    }
    case "promote_answer":
      return `Đưa vào hỏi đáp (📤 trong bot, câu hỏi #${action.ticketId})`;
    case "edit_file":
      return `Sửa tệp ${action.file}`;
    case "review_promoted":
      return "Duyệt trong bot (📋 Duyệt câu trả lời mới)";
    case "none":
      return otherwise;
  }
}

/** A question group's fix, or that it was done ("➕ Thêm làm cách hỏi" since). */
export function describeGroupAction(group: QuestionGroup): string {
  if (group.addedTo) return `Đã thêm làm cách hỏi cho ${group.addedTo.key}`;
  return describeContentAction(group.action, WRITE_NEW_ENTRY);
}

export const WRITE_NEW_ENTRY = "Viết mục hỏi đáp mới";
export const ANSWER_TICKET = "Cán bộ trả lời (💬 Câu hỏi chờ trả lời)";

/**
 * The editors' report as plain text for the command line (Vietnamese, like the CLI): each
 * section with its counts, the items and what fixes each.
 */
export function describeContentReport(report: ContentReport, timeZone: string): string {
  const date = (d: Date) => formatDate(d, "vi", timeZone);
  const n = (value: number) => value.toLocaleString("vi-VN");
  const lines = [`Nội dung hỏi đáp cần xem lại, từ ${date(report.since)} đến ${date(report.until)}`, ""];

  lines.push(`👎 Câu trả lời bị chê: ${n(report.feedback.length)} mục`);
  for (const item of report.feedback) {
    lines.push(`  • ${item.entry.title} [${item.entry.key}] — 👎 ${n(item.down)} · 👍 ${n(item.up)}`);
    for (const comment of item.comments) lines.push(`      💬 «${comment.text}» (${date(comment.at)})`);
    lines.push(`      → ${describeContentAction(item.action, WRITE_NEW_ENTRY)}`);
  }
  lines.push("");

  lines.push(
    `❓ Câu hỏi bot chưa trả lời chắc: ${n(report.questions.length)} nhóm (${n(report.questionCount)} câu)`,
  );
  for (const group of report.questions) {
    const none = group.unanswered > 0 ? `, ${n(group.unanswered)} lần không tìm được gì` : "";
    lines.push(`  • ${n(group.count)} lần hỏi${none}`);
    for (const example of group.examples) lines.push(`      «${example.text}»`);
    if (group.candidate) lines.push(`      Gần nhất: ${group.candidate.title} [${group.candidate.key}]`);
    lines.push(`      → ${describeGroupAction(group)}`);
  }
  lines.push("");

  lines.push(
    `🙋 Hỏi cán bộ: ${n(report.openTickets.length)} chờ trả lời, ` +
      `${n(report.answeredTickets.length)} đã trả lời chưa đưa vào hỏi đáp`,
  );
  for (const ticket of report.openTickets) {
    lines.push(`  • #${ticket.id} «${ticket.text}» — ${ticket.unitName}, chờ ${n(ticket.ageDays)} ngày`);
    lines.push(`      → ${describeContentAction(ticket.action, ANSWER_TICKET)}`);
  }
  for (const ticket of report.answeredTickets) {
    lines.push(`  • #${ticket.id} «${ticket.text}»`);
    lines.push(`      ↩ ${ticket.answer ?? ""} — ${ticket.answeredBy ?? ""}`);
    lines.push(`      → ${describeContentAction(ticket.action, ANSWER_TICKET)}`);
  }
  lines.push("");

  lines.push(`📅 Mục quá hạn xem lại: ${n(report.overdue.length)}`);
  for (const item of report.overdue) {
    lines.push(`  • ${item.entry.title} [${item.entry.key}] — hạn ${date(item.reviewBy)}`);
    lines.push(`      → ${describeContentAction(item.action, WRITE_NEW_ENTRY)}`);
  }
  return lines.join("\n");
}
