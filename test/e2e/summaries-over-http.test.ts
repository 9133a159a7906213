import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViewMessage } from "../../src/simulator/simulator-store.js";
import { createMovableClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

/**
 * The summaries acceptance run, in the simulator over real HTTP with the scheduler on. The app
 * starts on an empty database on Sunday 22/11/2026 (week 47), so the demo seed adds the reports
 * of weeks 43–47. Phạm Thị Dung (supervisor, Tỉnh Hà Tĩnh) subscribes weekly through
 * 🔔 Nhận tổng hợp; when the clock
 * reaches Monday 07:30 her summary of week 47 arrives — a text with one line per commune whose
 * numbers are the demo reports', a chart and a workbook that reads back with the same figures —
 * and /tonghop for "Tuần trước" gives the same.
 */
const DUNG = 710000004;
const COMMUNES = ["Phường Thành Sen", "Xã Lâm Trung Thủy", "Xã Đức Thọ"] as const;
const clock = createMovableClock("2026-11-22T09:00:00+07:00");
let running: RunningApp;

beforeAll(async () => {
  // The sweep for due summaries every two seconds instead of every minute.
  running = await startRunningApp({ SUMMARY_CRON: "*/2 * * * * *" }, { clock, scheduler: true });
});
afterAll(() => running.stop());

interface CommuneFigures {
  expected: number;
  received: number;
  surveyed: number;
}

/** What the demo reports say for week 47, per commune, straight from the database. */
async function expectedFigures(): Promise<Map<string, CommuneFigures>> {
  const db = running.app.db;
  const result = new Map<string, CommuneFigures>();
  for (const name of COMMUNES) {
    const commune = await db.unit.findFirstOrThrow({ where: { name } });
    const hamlets = await db.unit.findMany({
      where: { parentId: commune.id, level: "hamlet", active: true },
    });
    const reports = await db.report.findMany({
      where: {
        form: { key: "review-progress" },
        periodKey: "2026-W47",
        unitId: { in: hamlets.map((hamlet) => hamlet.id) },
        status: { in: ["submitted", "returned", "accepted"] },
      },
    });
    result.set(name, {
      expected: hamlets.length,
      received: new Set(reports.map((report) => report.unitId)).size,
      surveyed: reports.reduce(
        (sum, report) =>
          sum + ((report.answers as { households_surveyed?: number }).households_surveyed ?? 0),
        0,
      ),
    });
  }
  return result;
}

const vi = (value: number) => new Intl.NumberFormat("vi-VN").format(value);

/** The bot's messages after the `from`-th one, once the workbook (the last part) has come. */
async function summaryAfter(from: number): Promise<ViewMessage[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sent = (await running.messages(DUNG)).filter((m) => m.outgoing).slice(from);
    if (sent.some((m) => /\.xlsx$/.test(m.document?.file_name ?? ""))) return sent;
    if (Date.now() > deadline)
      throw new Error(`no summary workbook; got: ${JSON.stringify(sent.map((m) => m.text))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function download(message: ViewMessage | undefined): Promise<Buffer> {
  if (!message?.fileUrl) throw new Error("no file in the message");
  const response = await fetch(`${running.url}${message.fileUrl}`, { headers: running.pageHeaders });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Checks one summary as it arrived: text lines, the PNG, and the workbook read back. */
async function checkSummary(messages: ViewMessage[], figures: Map<string, CommuneFigures>): Promise<string> {
  const text = messages.map((m) => m.text ?? "").join("\n");
  expect(text).toContain("Tỉnh Hà Tĩnh");
  expect(text).toContain("Tiến độ rà soát hộ nghèo, cận nghèo");
  const lines = text.split("\n");
  for (const [commune, expected] of figures) {
    const line = lines.find((candidate) => candidate.startsWith(`• ${commune}: `)) ?? "";
    expect(line).toContain(`${expected.received}/${expected.expected}`);
    if (expected.surveyed > 0) expect(line).toContain(vi(expected.surveyed));
  }
  // This week only Xã Đức Thọ had reported in the demo; the ward's tổ dân phố never do.
  expect(figures.get("Xã Đức Thọ")?.received).toBe(2);
  expect(figures.get("Phường Thành Sen")?.received).toBe(0);

  const photo = messages.find((m) => m.photo);
  const png = await download(photo);
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");

  const document = messages.find((m) => /\.xlsx$/.test(m.document?.file_name ?? ""));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(document)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Báo cáo theo đơn vị");
  if (!sheet) throw new Error(`no sheet; sheets: ${workbook.worksheets.map((s) => s.name).join(", ")}`);
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const column = (name: string) => header.indexOf(name);
  for (const [commune, expected] of figures) {
    const row = sheet
      .getSheetValues()
      .find(
        (values) =>
          Array.isArray(values) &&
          String(values[column("Mẫu báo cáo")]).startsWith("Tiến độ rà soát") &&
          values[column("Đơn vị")] === commune,
      ) as unknown[] | undefined;
    expect(row, commune).toBeDefined();
    expect(row?.[column("Phải báo cáo")]).toBe(expected.expected);
    expect(row?.[column("Đã báo cáo")]).toBe(expected.received);
  }
  // The key figures sheet: Xã Đức Thọ's households surveyed in week 47.
  const figuresSheet = workbook.getWorksheet("Số liệu chính");
  const surveyed = figuresSheet
    ?.getSheetValues()
    .find(
      (values) =>
        Array.isArray(values) &&
        String(values[1]).startsWith("Tiến độ rà soát") &&
        values[3] === "Xã Đức Thọ" &&
        values[4] === "Hộ đã rà soát",
    ) as unknown[] | undefined;
  expect(surveyed?.[5]).toBe(figures.get("Xã Đức Thọ")?.surveyed);
  return text;
}

describe("Acceptance in the simulator", () => {
  let subscribedText = "";

  it("Phạm Thị Dung subscribes weekly; at Monday 07:30 the summary of last week arrives by commune", {
    timeout: 60_000,
  }, async () => {
    // Through 🔔 Nhận tổng hợp, with its default choices: the whole province, weekly, Monday 07:30.
    await running.say(DUNG, "/start");
    await running.waitForBotText(DUNG, /Chọn việc cần làm/);
    await running.press(DUNG, "🔔 Nhận tổng hợp");
    await running.waitForBotText(DUNG, /Nhận tổng hợp định kỳ/);
    await running.press(DUNG, "Đăng ký mới");
    await running.waitForBotText(DUNG, /nhận tổng hợp của đơn vị nào/);
    await running.press(DUNG, "Cả Tỉnh Hà Tĩnh");
    await running.waitForBotText(DUNG, /Bao lâu gửi một lần/);
    await running.press(DUNG, "Hằng tuần");
    await running.waitForBotText(DUNG, /thứ mấy/);
    await running.press(DUNG, "thứ Hai");
    await running.waitForBotText(DUNG, /mấy giờ/);
    await running.press(DUNG, "07:30");
    await running.waitForBotText(DUNG, /Lần tới: 07:30 thứ Hai, 23\/11\/2026/);
    const before = (await running.messages(DUNG)).filter((m) => m.outgoing).length;

    // Sunday 09:00 → Monday 23/11 07:30 local.
    clock.advance(22.5 * 3_600_000);
    const messages = await summaryAfter(before);
    const figures = await expectedFigures();
    subscribedText = await checkSummary(messages, figures);
    expect(subscribedText).toMatch(/16\/11.*22\/11/s);
  });

  it("/tonghop for Tuần trước gives the same summary now", { timeout: 60_000 }, async () => {
    await running.say(DUNG, "/tonghop");
    await running.waitForBotText(DUNG, /chọn đơn vị/);
    await running.press(DUNG, "Tỉnh Hà Tĩnh (toàn bộ)");
    await running.waitForBotText(DUNG, /chọn kỳ/);
    const before = (await running.messages(DUNG)).filter((m) => m.outgoing).length;
    await running.press(DUNG, "Tuần trước");
    const messages = await summaryAfter(before - 1);
    const text = await checkSummary(messages, await expectedFigures());
    // The same figures as the subscription's (only the moment it was made differs).
    const figureLines = (value: string) => value.split("\n").filter((line) => line.startsWith("• "));
    expect(figureLines(text)).toEqual(figureLines(subscribedText));
  });
});
