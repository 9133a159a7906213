import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tuneSqlite } from "../../src/db/client.js";
import { addFaqPhrasing } from "../../src/domain/faq/add-faq-phrasing.js";
import { recordQuestion } from "../../src/domain/faq/questions.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const ROOT = process.cwd();
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
/** The day in Vietnam `days` before the wall clock's today, as YYYY-MM-DD. */
const daysAgo = (days: number) =>
  new Date(Date.now() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
/** YYYY-MM-DD as the CLI prints it (dd/mm/yyyy). */
const shown = (day: string) => day.split("-").reverse().join("/");
// The CLI reports up to the wall clock's now (wall-clock.mjs moves it, in its process as in this
// one), so the fixture's dates are placed before it, whatever the date of the run.
const ASKED_ON = daysAgo(8);
const SINCE = daysAgo(38);
const REVIEW_BY = daysAgo(29);
const clock = createFakeClock(`${ASKED_ON}T09:00:00+07:00`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run faq -- …` (the script's "search" first, as npm passes it), on the test database. */
function faq(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["src/cli/faq.ts", "search", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let temp: TempDb;
let dir: string;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await tuneSqlite(temp.db);
  dir = mkdtempSync(join(tmpdir(), "faq-report-"));
  const db = temp.db;
  const an = await db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
  const admin = await db.person.findFirstOrThrow({ where: { fullName: "Hoàng Văn Em" } });
  const account = await db.channelAccount.findFirstOrThrow({ where: { personId: an.id } });
  const entry = (key: string) => db.faqEntry.findUniqueOrThrow({ where: { key } });
  const [bhyt, loans, schooling] = await Promise.all([
    entry("bhyt-ho-ngheo"),
    entry("vay-von-ho-ngheo"),
    entry("ho-tro-chi-phi-hoc-tap"),
  ]);
  for (const text of [
    "Hộ nghèo được hỗ trợ BHYT bao nhiêu?",
    "ho ngheo duoc ho tro bao hiem y te may phan tram",
  ]) {
    await recordQuestion(db, clock, {
      accountId: account.id,
      personId: an.id,
      text,
      matchedEntryId: null,
      score: null,
      confidence: "low",
      candidates: [bhyt.id],
    });
  }
  await db.answerFeedback.create({
    data: {
      entryId: bhyt.id,
      personId: an.id,
      helpful: false,
      comment: "Số liệu cũ",
      createdAt: clock.now(),
    },
  });
  const unit = await db.unit.findFirstOrThrow({ where: { name: "Xã Lâm Trung Thủy" } });
  await db.questionTicket.create({
    data: {
      text: "Hộ mới tách có được rà soát ngay không?",
      normalized: "ho moi tach co duoc ra soat ngay khong",
      unitId: unit.id,
      status: "answered",
      answer: "Có, trong đợt rà soát thường xuyên.",
      answeredById: admin.id,
      answeredAt: clock.now(),
      createdAt: clock.now(),
    },
  });
  await db.faqEntry.update({ where: { id: loans.id }, data: { reviewBy: new Date(REVIEW_BY) } });
  // A question whose wording an editor has since added to an entry.
  await recordQuestion(db, clock, {
    accountId: account.id,
    personId: an.id,
    text: "Con nhà nghèo đi học được giúp gì?",
    matchedEntryId: null,
    score: null,
    confidence: "low",
    candidates: [schooling.id],
  });
  await addFaqPhrasing(db, clock, admin.id, {
    entryId: schooling.id,
    text: "con nhà nghèo đi học được giúp gì",
  });
});
afterAll(async () => {
  await temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("The editors' loop", { timeout: 90_000 }, () => {
  it("prints the editors' report and writes it as a workbook, one sheet per section with the action", async () => {
    const file = join(dir, "bao-cao.xlsx");
    const run = await faq(["report", "--since", SINCE, "--xlsx", file], temp.url);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`Nội dung hỏi đáp cần xem lại, từ ${shown(SINCE)} đến`)).toBe(true);
    expect(run.stdout).toMatch(
      /👎 Câu trả lời bị chê: 1 mục\n {2}• .* \[bhyt-ho-ngheo\] — 👎 1 · 👍 0\n.*«Số liệu cũ»/,
    );
    expect(run.stdout).toMatch(/→ Sửa tệp content\/faq\/t4\/bhyt-ho-ngheo\.md/);
    expect(run.stdout).toMatch(/❓ Câu hỏi bot chưa trả lời chắc: 2 nhóm \(3 câu\)\n {2}• 2 lần hỏi/);
    expect(run.stdout).toMatch(
      /«Con nhà nghèo đi học được giúp gì\?»\n.*\n\s+→ Đã thêm làm cách hỏi cho ho-tro-chi-phi-hoc-tap/,
    );
    expect(run.stdout).toMatch(/→ Thêm làm cách hỏi cho bhyt-ho-ngheo/);
    expect(run.stdout).toMatch(/0 chờ trả lời, 1 đã trả lời chưa đưa vào hỏi đáp/);
    expect(run.stdout).toMatch(/→ Đưa vào hỏi đáp \(📤 trong bot, câu hỏi #\d+\)/);
    expect(run.stdout).toMatch(
      new RegExp(
        `\\[vay-von-ho-ngheo\\] — hạn ${shown(REVIEW_BY)}\\n\\s+→ Sửa tệp content/faq/t4/vay-von-ho-ngheo\\.md`,
      ),
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Câu trả lời bị chê",
      "Câu hỏi chưa trả lời chắc",
      "Hỏi cán bộ",
      "Quá hạn xem lại",
    ]);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      const values: unknown[][] = [];
      sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };
    const feedback = rows("Câu trả lời bị chê");
    expect(feedback[0]?.at(-1)).toBe("Việc cần làm");
    expect(feedback[1]).toEqual([
      expect.any(String),
      "bhyt-ho-ngheo",
      1,
      0,
      "Số liệu cũ",
      "Sửa tệp content/faq/t4/bhyt-ho-ngheo.md",
    ]);
    expect(workbook.getWorksheet("Câu trả lời bị chê")?.getRow(1).font?.bold).toBe(true);
    expect(workbook.getWorksheet("Câu trả lời bị chê")?.views[0]).toMatchObject({
      state: "frozen",
      ySplit: 1,
    });
    const questions = rows("Câu hỏi chưa trả lời chắc");
    expect(questions.slice(1).map((row) => [row[0], row[1], row[6], row[7]])).toEqual([
      [2, 0, "bhyt-ho-ngheo", "Thêm làm cách hỏi cho bhyt-ho-ngheo"],
      [1, 0, "ho-tro-chi-phi-hoc-tap", "Đã thêm làm cách hỏi cho ho-tro-chi-phi-hoc-tap"],
    ]);
    // Local time: asked at 09:00 in Vietnam.
    const latest = questions[1]?.[5] as Date;
    expect([latest.getUTCHours(), latest.getUTCMinutes()]).toEqual([9, 0]);
    const tickets = rows("Hỏi cán bộ");
    expect(tickets[1]?.slice(1, 4)).toEqual([
      "Đã trả lời",
      "Hộ mới tách có được rà soát ngay không?",
      "Xã Lâm Trung Thủy",
    ]);
    expect(String(tickets[1]?.at(-1))).toMatch(/^Đưa vào hỏi đáp/);
    const overdue = rows("Quá hạn xem lại");
    expect(overdue.find((row) => row[1] === "vay-von-ho-ngheo")?.slice(3)).toEqual([
      "content/faq/t4/vay-von-ho-ngheo.md",
      "Sửa tệp content/faq/t4/vay-von-ho-ngheo.md",
    ]);
  });

  it("lists the phrasings added in the bot by entry, with the file to paste them into", async () => {
    const run = await faq(["phrasings"], temp.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^content/faq/t4/ho-tro-chi-phi-hoc-tap\\.md — .*\\n {2}phrasings:\\n {4}- "con nhà nghèo đi học được giúp gì" {2}# ${shown(ASKED_ON)}, Hoàng Văn Em\\n$`,
      ),
    );
  });

  it("refuses a --since that is not a date", async () => {
    const run = await faq(["report", "--since", "23/10/2026"], temp.url);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--since phải có dạng YYYY-MM-DD/);
  });
});
