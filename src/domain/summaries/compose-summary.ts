import type { Db } from "../../db/client.js";
import { isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import { foldText } from "../../shared/fold.js";
import { splitMessage } from "../../shared/split-message.js";
import { buildSummaryWorkbook } from "./build-summary-workbook.js";
import { computeSummary } from "./compute-summary.js";
import { renderSummaryChart } from "./render-summary-chart.js";
import { renderSummaryText } from "./render-summary-text.js";
import type { SummaryData } from "./summary-data.js";
import type { SummaryWindow } from "./summary-period.js";

export interface ComposedSummary {
  data: SummaryData;
  /** The text as messages of at most `maxTextLength` characters, in order. */
  texts: string[];
  /** The chart (PNG), or null when there is nothing to chart. */
  chart: { fileName: string; bytes: Buffer } | null;
  workbook: { fileName: string; bytes: Buffer };
}

export interface ComposeSummaryInput {
  rootUnitId: number;
  window: SummaryWindow;
  now: Date;
  timeZone: string;
  locale: string;
  /** The channel's longest message (`CHANNEL_TRAITS[channel].maxTextLength`). */
  maxTextLength: number;
  /** Sent after its time because the bot was stopped when it was due: says so first. */
  late?: boolean;
}

/**
 * The one way a summary is made, for the scheduled sweep and on demand alike: the figures
 * (`computeSummary`), the text split for the channel, the chart and the workbook, with file
 * names like "tong-hop-2026-W48-tinh-ha-tinh.xlsx". Null for an unknown or inactive unit. No
 * permission check: the callers check who may receive the unit's summary (`summary.receive`).
 */
export async function composeSummary(
  db: Db,
  translator: Translator,
  input: ComposeSummaryInput,
): Promise<ComposedSummary | null> {
  const data = await computeSummary(db, input);
  if (!data) return null;
  const locale: Locale = isLocale(input.locale) ? input.locale : "vi";
  let text = renderSummaryText(data, translator, locale, input.timeZone);
  if (input.late) text = `${translator.t(locale, "sum-late")}\n${text}`;
  const [chart, workbook] = await Promise.all([
    renderSummaryChart(data, locale, translator),
    buildSummaryWorkbook(data, locale, input.timeZone, translator),
  ]);
  const baseName = summaryFileName(data);
  return {
    data,
    texts: splitMessage(text, input.maxTextLength),
    chart: chart ? { fileName: `${baseName}.png`, bytes: chart } : null,
    workbook: { fileName: `${baseName}.xlsx`, bytes: workbook },
  };
}

/** "tong-hop-2026-W48-tinh-ha-tinh": the window's key and the unit's name without diacritics. */
export function summaryFileName(data: Pick<SummaryData, "root" | "window">): string {
  const unit = foldText(data.root.name).replace(/ /g, "-").slice(0, 60).replace(/-+$/, "");
  return `tong-hop-${data.window.key}${unit ? `-${unit}` : ""}`;
}
