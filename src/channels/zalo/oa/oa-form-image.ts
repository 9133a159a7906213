import type { IncomingMessage, ServerResponse } from "node:http";
import { createCanvas } from "@napi-rs/canvas";
import { CHART_FONT_FAMILY, registerChartFonts } from "../../../domain/summaries/render-summary-chart.js";

const WIDTH = 1200;
const HEIGHT = 630;

/**
 * The picture of the OA's phone form: `request_user_info` takes exactly one element with a
 * title, a subtitle and an `image_url` (docs/zalo.md §3), which Zalo shows above the form. A
 * banner in Zalo's blue with a phone and a tick, and the OA's name — no other words, so it
 * suits both languages. Drawn once with the shipped DejaVu font (never the host's).
 */
export function renderOaFormImage(oaName: string): Buffer {
  registerChartFonts();
  const canvas = createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#0068ff";
  ctx.fillRect(0, 0, WIDTH, HEIGHT);

  // A phone: a white rounded body, a blue screen, a green tick on it.
  const phone = { x: 120, y: 110, width: 240, height: 410 };
  ctx.fillStyle = "#ffffff";
  ctx.beginPath();
  ctx.roundRect(phone.x, phone.y, phone.width, phone.height, 36);
  ctx.fill();
  ctx.fillStyle = "#d6e6ff";
  ctx.fillRect(phone.x + 20, phone.y + 50, phone.width - 40, phone.height - 110);
  ctx.strokeStyle = "#1aa260";
  ctx.lineWidth = 26;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.beginPath();
  ctx.moveTo(phone.x + 62, phone.y + 215);
  ctx.lineTo(phone.x + 108, phone.y + 262);
  ctx.lineTo(phone.x + 182, phone.y + 168);
  ctx.stroke();

  // The OA's name, wrapped on words into at most three lines.
  ctx.fillStyle = "#ffffff";
  ctx.textBaseline = "middle";
  ctx.font = `bold 64px ${CHART_FONT_FAMILY}`;
  const left = 440;
  const lines = wrap(oaName, (text) => ctx.measureText(text).width, WIDTH - left - 60).slice(0, 3);
  const lineHeight = 80;
  const top = HEIGHT / 2 - ((lines.length - 1) * lineHeight) / 2;
  lines.forEach((line, index) => {
    ctx.fillText(line, left, top + index * lineHeight);
  });
  return canvas.toBuffer("image/png");
}

function wrap(text: string, measure: (text: string) => number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Serves {@link renderOaFormImage} (drawn at the first request) where Zalo fetches it. */
export function oaFormImageHandler(oaName: string) {
  let png: Buffer | undefined;
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET" }).end();
      return;
    }
    png ??= renderOaFormImage(oaName);
    response.writeHead(200, {
      "content-type": "image/png",
      "content-length": String(png.length),
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    });
    response.end(request.method === "HEAD" ? undefined : png);
  };
}
