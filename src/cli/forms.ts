/**
 * `npm run forms:check [-- <dir>]`: validates every report form in content/forms (or `dir`) and
 * prints one line per form, or the problems (exit code 1).
 */
import type { Condition, PeriodSpec } from "../domain/reports/form-definition.js";
import { FORMS_DIR, latestForms, loadForms } from "../domain/reports/load-forms.js";

const WEEKDAYS = ["", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"];

function describePeriod(period: PeriodSpec): string {
  const deadline = period.deadline;
  const parts: string[] = [];
  switch (period.type) {
    case "weekly":
      parts.push(`hằng tuần, hạn ${WEEKDAYS[deadline?.weekday ?? 0]} ${deadline?.time}`);
      break;
    case "monthly":
      parts.push(`hằng tháng, hạn ngày ${deadline?.day} lúc ${deadline?.time}`);
      break;
    case "review_season":
      parts.push(`mỗi đợt rà soát, hạn ${deadline?.date} ${deadline?.time}`);
      break;
    case "adhoc":
      parts.push("đột xuất");
      break;
  }
  if (period.season) parts.push(`mùa ${period.season.from}..${period.season.to}`);
  if (period.reminders?.length)
    parts.push(`nhắc ${period.reminders.map((d) => (d > 0 ? `+${d}` : String(d))).join(", ")} ngày`);
  return parts.join("; ");
}

function describeCondition(when: Condition): string {
  if ("equals" in when) return `${when.field} = ${String(when.equals)}`;
  if ("in" in when) return `${when.field} ∈ [${when.in.join(", ")}]`;
  if ("gt" in when) return `${when.field} > ${when.gt}`;
  if ("gte" in when) return `${when.field} ≥ ${when.gte}`;
  return `${when.field} ${when.answered ? "đã trả lời" : "chưa trả lời"}`;
}

const dir = process.argv[2] ?? FORMS_DIR;
const { forms, errors } = loadForms(dir);
if (errors.length > 0) {
  console.error(`Biểu mẫu báo cáo có lỗi (${errors.length}):\n${errors.map((e) => `  • ${e}`).join("\n")}`);
  process.exit(1);
}
const latest = new Set(latestForms(forms));
for (const form of forms) {
  const mark = latest.has(form) ? "" : "  (bản cũ)";
  const urgent = form.urgentWhen?.length
    ? ` — báo khẩn khi ${form.urgentWhen.map(describeCondition).join(" hoặc ")}`
    : "";
  console.log(
    `${form.key} v${form.version} — ${form.fields.length} câu hỏi, ${form.checks.length} phép kiểm tra — ${describePeriod(form.period)}${urgent}${mark}`,
  );
}
console.log(`Hợp lệ: ${forms.length} biểu mẫu.`);
