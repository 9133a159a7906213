import { createRequire } from "node:module";
import type ExcelJS from "exceljs";

type Canvas = typeof import("@napi-rs/canvas");

/**
 * Heavy packages loaded when first used instead of at import: exceljs (spreadsheets: exports,
 * roster imports) and @napi-rs/canvas (Skia, the summary chart) take about 17 and 16 MB each
 * once loaded, which a process serving chats does not need until someone asks for a workbook
 * or a chart. Both are CommonJS, so they load synchronously.
 */
const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;
let canvas: Canvas | undefined;

export function loadExcelJs(): typeof ExcelJS {
  excel ??= require("exceljs") as typeof ExcelJS;
  return excel;
}

export function loadCanvas(): Canvas {
  canvas ??= require("@napi-rs/canvas") as Canvas;
  return canvas;
}
