import type { TranslationArgs } from "../../i18n/translator.js";
import { type Html, html, joinHtml, trustedHtml } from "../../shared/html.js";
import { formatPhoneForDisplay } from "../../shared/phone.js";
import { formatDate } from "../../shared/time.js";
import type { FormDefinition } from "./form-definition.js";
import type { ReportPeriod } from "./periods.js";
import type { Reporter, ReportingStatus } from "./review.js";

/** How many missing units are named; the rest are counted. */
export const MISSING_SHOWN = 15;

/**
 * "📊 <form> — <period> · X/Y thôn đã báo cáo · Còn thiếu: • Thôn 2 — Đặng Thị Hoa …": what a
 * commune officer sees on demand and receives on the deadline day. People the bot cannot reach
 * (never connected, or blocked it) are marked with their phone number: reminders do not reach
 * them, a call does.
 */
export function formatReportingStatus(
  t: (key: string, args?: TranslationArgs) => string,
  input: {
    form: FormDefinition;
    period: ReportPeriod;
    status: ReportingStatus;
    /** Above a commune, hamlets are named with their commune. */
    withParent: boolean;
    locale: string;
    timeZone: string;
  },
): { text: string; missing: number } {
  if (input.status.total === 0) {
    // Not "0/0 thôn đã báo cáo … Tất cả đã báo cáo".
    const text = t("rp-status-no-units", { form: input.form.title, period: input.period.label });
    return { text, missing: 0 };
  }
  const missing = input.status.units.filter((unit) => unit.reportId === null);
  const unreachable = missing.some((unit) => unit.reporters.some((r) => r.reach !== "reachable"));
  const names = missing.slice(0, MISSING_SHOWN).map((unit) => {
    const who =
      unit.reporters.length > 0
        ? joinHtml(
            unit.reporters.map((r) => reporterName(t, r)),
            ", ",
          )
        : trustedHtml(t("rp-nobody"));
    const where =
      unit.parentName && input.withParent ? html`${unit.unitName} (${unit.parentName})` : unit.unitName;
    return html`• ${where} — ${who}`.value;
  });
  if (missing.length > MISSING_SHOWN) names.push(t("rp-and-more", { count: missing.length - MISSING_SHOWN }));
  const text = [
    t("rp-status-head", {
      form: input.form.title,
      period: input.period.label,
      reported: input.status.reported,
      total: input.status.total,
    }),
    input.period.deadline
      ? t("rp-deadline", { deadline: formatDate(input.period.deadline, input.locale, input.timeZone) })
      : "",
    missing.length > 0 ? `${t("rp-missing-head")}\n${names.join("\n")}` : t("rp-all-reported"),
    unreachable ? t("rp-unreachable-hint") : "",
  ]
    .filter(Boolean)
    .join("\n");
  return { text, missing: missing.length };
}

/** "Đặng Thị Hoa", or "Đặng Thị Hoa (chưa dùng bot, 📞 0912 000 012)" when the bot cannot reach her. */
export function reporterName(
  t: (key: string, args?: TranslationArgs) => string,
  reporter: Pick<Reporter, "fullName" | "phone" | "reach">,
): Html {
  if (reporter.reach === "reachable") return html`${reporter.fullName}`;
  return trustedHtml(
    t("rp-person-unreachable", {
      name: reporter.fullName,
      reach: reporter.reach,
      phone: reporter.phone ? formatPhoneForDisplay(reporter.phone) : t("rp-no-phone"),
    }),
  );
}
