import { writeFileSync } from "node:fs";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import {
  CHART,
  CHART_FONT_FAMILY,
  registerChartFonts,
  renderSummaryChart,
} from "../../../src/domain/summaries/render-summary-chart.js";
import type { ChildRow } from "../../../src/domain/summaries/summary-data.js";
import { emptySummary, firstForm, provinceSummary } from "./render-fixture.js";

/** The pixels of one line of text drawn in black on white with the shipped font. */
function rasterise(text: string): Uint8ClampedArray {
  registerChartFonts();
  const canvas = createCanvas(160, 48);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, 160, 48);
  ctx.fillStyle = "#000";
  ctx.font = `32px ${CHART_FONT_FAMILY}`;
  ctx.textBaseline = "middle";
  ctx.fillText(text, 8, 26);
  return ctx.getImageData(0, 0, 160, 48).data;
}

function differs(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let count = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) count += 1;
  return count;
}

function inked(pixels: Uint8ClampedArray): number {
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 128) count += 1;
  return count;
}

describe("Chart without a browser", () => {
  it("draws both panels into a PNG that decodes back at the expected size", async () => {
    const png = await renderSummaryChart(provinceSummary(), "vi");
    expect(png).not.toBeNull();
    if (process.env.SAVE_CHART) writeFileSync(process.env.SAVE_CHART, png as Buffer);
    const image = await loadImage(png as Buffer);
    expect(image.width).toBe(CHART.width);
    // Three bars, no note, the trend panel, the gap between them.
    expect(image.height).toBe(
      2 * CHART.padding +
        CHART.panelHead +
        3 * CHART.barRow +
        CHART.gap +
        CHART.panelHead +
        CHART.trendPlot +
        CHART.note,
    );
  });

  it("with many children shows the lowest ones and a note, in a picture that does not grow", async () => {
    const data = provinceSummary();
    const form = firstForm(data);
    const row = (i: number): ChildRow => ({
      unit: { id: 100 + i, name: `Xã có một cái tên rất dài số ${i} để thử cắt ngắn`, level: "commune" },
      expected: 10,
      received: i % 11,
      returned: 0,
      figures: {},
      previous: null,
    });
    form.rows = Array.from({ length: 130 }, (_, i) => row(i));
    const image = await loadImage((await renderSummaryChart(data, "en")) as Buffer);
    expect(image.height).toBe(
      2 * CHART.padding +
        CHART.panelHead +
        CHART.maxBars * CHART.barRow +
        CHART.note +
        CHART.gap +
        CHART.panelHead +
        CHART.trendPlot +
        CHART.note,
    );
  });

  it("a label with diacritics is rasterised correctly", () => {
    const thuy = rasterise("Thủy");
    const notdef = rasterise("\uE000");
    const hook = rasterise("ủ");
    expect(inked(hook)).toBeGreaterThan(50);
    // A real glyph, not the box a font draws for a character it lacks.
    expect(differs(hook, notdef)).toBeGreaterThan(50);
    // The hook and the dot below are drawn: "Thủy" is not "Thuy".
    expect(differs(thuy, rasterise("Thuy"))).toBeGreaterThan(20);
    expect(differs(thuy, rasterise("Thuỷ"))).toBeGreaterThan(0);
  });

  it("is null when there is nothing to chart", async () => {
    expect(await renderSummaryChart(emptySummary(), "vi")).toBeNull();
    const adhocOnly = provinceSummary();
    adhocOnly.forms = adhocOnly.forms.filter((form) => form.periodType === "adhoc");
    expect(await renderSummaryChart(adhocOnly, "vi")).toBeNull();
  });
});
