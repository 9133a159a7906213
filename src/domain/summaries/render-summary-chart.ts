import { join } from "node:path";
import type { SKRSContext2D } from "@napi-rs/canvas";
import { createTranslator, isLocale, type Locale, type Translator } from "../../i18n/translator.js";
import { loadCanvas } from "../../shared/lazy-modules.js";
import { packagePath } from "../../shared/package-root.js";
import type { FormSummary, SummaryData } from "./summary-data.js";
import { formatFigure, formatShare } from "./summary-format.js";

/**
 * The summary's chart, drawn without a browser (@napi-rs/canvas, Skia): one PNG with two
 * panels — the reporting rate by child unit (horizontal bars; with many children the lowest
 * {@link CHART.maxBars}, with a note) and the trend of the main figure over the last periods.
 * Text is drawn with the DejaVu Sans shipped in assets/fonts (registered under a family name
 * of its own), so the picture never depends on the fonts of the host.
 */
export const CHART = {
  width: 1080,
  padding: 40,
  /** Title and subtitle of a panel. */
  panelHead: 84,
  barRow: 40,
  maxBars: 12,
  note: 36,
  trendPlot: 300,
  gap: 40,
  labelWidth: 320,
} as const;

export const CHART_FONT_FAMILY = "TroLySummarySans";
const FONTS_DIR = packagePath("assets", "fonts");
let fontsRegistered = false;

/** Registers the shipped fonts once (regular and bold under {@link CHART_FONT_FAMILY}). */
export function registerChartFonts(): void {
  if (fontsRegistered) return;
  for (const file of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
    if (!loadCanvas().GlobalFonts.registerFromPath(`${join(FONTS_DIR, file)}`, CHART_FONT_FAMILY))
      throw new Error(`Chart font ${join(FONTS_DIR, file)} could not be loaded`);
  fontsRegistered = true;
}

let defaultTranslator: Translator | null = null;

function appTranslator(): Translator {
  if (!defaultTranslator) defaultTranslator = createTranslator();
  return defaultTranslator;
}

/**
 * The PNG of a summary's chart, or null when no form has anything to chart (no unit expected
 * to report and no value of a main figure). `translator` defaults to the app's locale files.
 */
export async function renderSummaryChart(
  data: SummaryData,
  locale: string,
  translator: Translator = appTranslator(),
): Promise<Buffer | null> {
  registerChartFonts();
  const lang: Locale = isLocale(locale) ? locale : "vi";
  const rateForm = data.forms.find((form) => form.rows.some((row) => (row.expected ?? 0) > 0));
  const trendForm = data.forms.find(
    (form) => form.mainFigure && form.trend.some((point) => point.value !== null),
  );
  if (!rateForm && !trendForm) return null;

  const bars = rateForm ? rateBars(rateForm) : null;
  const barsHeight = bars
    ? CHART.panelHead + bars.shown.length * CHART.barRow + (bars.total > bars.shown.length ? CHART.note : 0)
    : 0;
  const trendHeight = trendForm ? CHART.panelHead + CHART.trendPlot + CHART.note : 0;
  const height = CHART.padding * 2 + barsHeight + trendHeight + (bars && trendForm ? CHART.gap : 0);

  const canvas = loadCanvas().createCanvas(CHART.width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, CHART.width, height);
  let top = CHART.padding;
  if (rateForm && bars) {
    drawRates(ctx, rateForm, bars, top, lang, translator);
    top += barsHeight + CHART.gap;
  }
  if (trendForm) drawTrend(ctx, trendForm, top, lang, translator);
  return canvas.encode("png");
}

interface Bar {
  name: string;
  rate: number;
  received: number;
  expected: number;
}

/** The children's rates in the children's order; with many, the lowest ones (lowest first). */
function rateBars(form: FormSummary): { shown: Bar[]; total: number } {
  const all = form.rows
    .filter((row) => (row.expected ?? 0) > 0)
    .map((row) => ({
      name: row.unit.name,
      received: row.received,
      expected: row.expected ?? 0,
      rate: Math.min(1, row.received / (row.expected ?? 1)),
    }));
  if (all.length <= CHART.maxBars) return { shown: all, total: all.length };
  const lowest = [...all]
    .sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, "vi"))
    .slice(0, CHART.maxBars);
  return { shown: lowest, total: all.length };
}

function font(size: number, bold = false): string {
  return `${bold ? "bold " : ""}${size}px ${CHART_FONT_FAMILY}`;
}

function panelHead(ctx: SKRSContext2D, title: string, subtitle: string, top: number): void {
  ctx.fillStyle = "#1f2933";
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  ctx.font = font(28, true);
  ctx.fillText(fitText(ctx, title, CHART.width - 2 * CHART.padding), CHART.padding, top + 30);
  ctx.fillStyle = "#52606d";
  ctx.font = font(20);
  ctx.fillText(fitText(ctx, subtitle, CHART.width - 2 * CHART.padding), CHART.padding, top + 62);
}

function drawRates(
  ctx: SKRSContext2D,
  form: FormSummary,
  bars: { shown: Bar[]; total: number },
  top: number,
  locale: Locale,
  translator: Translator,
): void {
  panelHead(
    ctx,
    translator.plain(locale, "sum-chart-rate-title"),
    `${form.title} · ${form.period.label}`,
    top,
  );
  const left = CHART.padding + CHART.labelWidth;
  const barMax = CHART.width - CHART.padding - left - 90;
  let y = top + CHART.panelHead;
  ctx.textBaseline = "middle";
  for (const bar of bars.shown) {
    const middle = y + CHART.barRow / 2;
    ctx.font = font(20);
    ctx.fillStyle = "#1f2933";
    ctx.textAlign = "right";
    ctx.fillText(fitText(ctx, bar.name, CHART.labelWidth - 16), left - 12, middle);
    ctx.fillStyle = "#e4e7eb";
    ctx.fillRect(left, y + 8, barMax, CHART.barRow - 16);
    ctx.fillStyle = bar.rate >= 1 ? "#2f9e44" : bar.rate >= 0.5 ? "#f59f00" : "#e03131";
    ctx.fillRect(left, y + 8, Math.round(barMax * bar.rate), CHART.barRow - 16);
    ctx.fillStyle = "#1f2933";
    ctx.textAlign = "left";
    ctx.fillText(formatShare(bar.rate, locale, 0), left + barMax + 10, middle);
    y += CHART.barRow;
  }
  if (bars.total > bars.shown.length) {
    ctx.font = font(18);
    ctx.fillStyle = "#52606d";
    ctx.textAlign = "left";
    ctx.fillText(
      translator.plain(locale, "sum-chart-lowest", { shown: bars.shown.length, total: bars.total }),
      CHART.padding,
      y + CHART.note / 2,
    );
  }
}

function drawTrend(
  ctx: SKRSContext2D,
  form: FormSummary,
  top: number,
  locale: Locale,
  translator: Translator,
): void {
  const figure = form.keyFigures.find((candidate) => candidate.field === form.mainFigure);
  panelHead(
    ctx,
    translator.plain(locale, "sum-chart-trend-title", { figure: figure?.label ?? form.mainFigure ?? "" }),
    form.title,
    top,
  );
  const points = form.trend;
  const plotTop = top + CHART.panelHead + 20;
  const plotBottom = top + CHART.panelHead + CHART.trendPlot;
  const left = CHART.padding + 40;
  const right = CHART.width - CHART.padding - 40;
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const max = Math.max(...values, 0);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const x = (i: number) =>
    points.length === 1 ? (left + right) / 2 : left + ((right - left) * i) / (points.length - 1);
  const y = (value: number) => plotBottom - ((value - min) / span) * (plotBottom - plotTop - 30);

  ctx.strokeStyle = "#9aa5b1";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, plotBottom);
  ctx.lineTo(right, plotBottom);
  ctx.stroke();

  // The line is broken where a period has no value.
  ctx.strokeStyle = "#1c7ed6";
  ctx.lineWidth = 4;
  ctx.beginPath();
  let drawing = false;
  points.forEach((point, i) => {
    if (point.value === null) {
      drawing = false;
      return;
    }
    if (drawing) ctx.lineTo(x(i), y(point.value));
    else ctx.moveTo(x(i), y(point.value));
    drawing = true;
  });
  ctx.stroke();

  ctx.textAlign = "center";
  points.forEach((point, i) => {
    ctx.fillStyle = "#52606d";
    ctx.font = font(18);
    ctx.textBaseline = "top";
    ctx.fillText(
      // "Tuần 47" on the axis: the dates in brackets do not fit under a point.
      fitText(
        ctx,
        point.label.replace(/\s*\(.*\)\s*$/su, ""),
        (right - left) / Math.max(points.length, 1) - 8,
      ),
      x(i),
      plotBottom + 10,
    );
    if (point.value === null) return;
    ctx.fillStyle = "#1c7ed6";
    ctx.beginPath();
    ctx.arc(x(i), y(point.value), 7, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = "#1f2933";
    ctx.font = font(18, true);
    ctx.textBaseline = "bottom";
    ctx.fillText(formatFigure(point.value, locale), x(i), y(point.value) - 12);
  });
}

/** The text shortened with "…" until it fits `width` pixels in the current font. */
function fitText(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = [...text];
  let keep = chars.length;
  while (keep > 1 && ctx.measureText(`${chars.slice(0, keep).join("").trimEnd()}…`).width > width) keep -= 1;
  return `${chars.slice(0, keep).join("").trimEnd()}…`;
}
