/**
 * `npm run bench:summary [-- --units 13000 --reports 1000000]` — one province-level summary on a
 * province-sized database. It creates a fresh SQLite database in a temp folder, applies the
 * migrations as the app does and stores the form files, then seeds — with raw multi-row INSERTs
 * in big transactions — a province, ~130 communes and hamlets for the rest of `--units`, a hamlet
 * head per hamlet, and `--reports` reports: mostly the weekly review over the review seasons
 * going back from week 48 of 2026, some monthly policy reports, some incidents, with realistic
 * answers (a few returned for correction, a few drafts, some urgent incidents).
 *
 * Then, in a fresh process (so its peak memory is the summary's, not the seeding's), it times
 * ONE `composeSummary` of the province for week 48 — figures, text, chart and workbook — prints
 * the figures and where the time went (a second, warm run of each part), and ends with a JSON
 * line (`seconds`, `peakRssMb` — both of the timed run —, …). Targets: < 2 s, < 400 MB.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, tuneSqlite } from "../src/db/client.js";
import { applyMigrations } from "../src/db/schema-engine.js";
import { FORMS_DIR, loadForms } from "../src/domain/reports/load-forms.js";
import { syncForms } from "../src/domain/reports/report-store.js";
import { buildSummaryWorkbook } from "../src/domain/summaries/build-summary-workbook.js";
import { composeSummary } from "../src/domain/summaries/compose-summary.js";
import { computeSummary } from "../src/domain/summaries/compute-summary.js";
import { renderSummaryChart } from "../src/domain/summaries/render-summary-chart.js";
import { renderSummaryText } from "../src/domain/summaries/render-summary-text.js";
import { windowForSlot } from "../src/domain/summaries/summary-period.js";
import { createTranslator } from "../src/i18n/translator.js";

/** The few calls of better-sqlite3 (the driver under Prisma's SQLite adapter) the seeding needs. */
interface SqliteFile {
  prepare(sql: string): { run(params: unknown[]): unknown };
  exec(sql: string): void;
  pragma(pragma: string): unknown;
  close(): void;
}
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => SqliteFile;

const TZ = "Asia/Ho_Chi_Minh";
/** Monday 30/11/2026 07:30 in Hà Nội: the weekly summary of week 48. */
const NOW = new Date("2026-11-30T00:30:00Z");
const COMMUNES = 130;
const ROWS_PER_INSERT = 400;
const ROWS_PER_TRANSACTION = 50_000;

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1] ?? fallback;
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

/** A deterministic random number generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dates as the SQLite adapter stores them. */
const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Inserts rows with multi-row INSERTs, a transaction per {@link ROWS_PER_TRANSACTION}. */
function bulkInsert(sqlite: SqliteFile, table: string, columns: string[], rows: Iterable<unknown[]>): number {
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  const sql = (count: number) =>
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(count).fill(placeholders).join(",")}`;
  const full = sqlite.prepare(sql(ROWS_PER_INSERT));
  let batch: unknown[] = [];
  let inBatch = 0;
  let total = 0;
  let inTransaction = 0;
  sqlite.exec("BEGIN");
  for (const row of rows) {
    batch.push(...row);
    inBatch += 1;
    total += 1;
    if (inBatch === ROWS_PER_INSERT) {
      full.run(batch);
      batch = [];
      inBatch = 0;
      inTransaction += ROWS_PER_INSERT;
      if (inTransaction >= ROWS_PER_TRANSACTION) {
        sqlite.exec("COMMIT; BEGIN");
        inTransaction = 0;
      }
    }
  }
  if (inBatch > 0) sqlite.prepare(sql(inBatch)).run(batch);
  sqlite.exec("COMMIT");
  return total;
}

interface Week {
  key: string;
  monday: number;
}

/** The weeks of the review seasons (1/9–14/12), newest first, from week 48 of 2026. */
function reviewWeeks(count: number): Week[] {
  const weeks: Week[] = [];
  const DAY = 86_400_000;
  // Monday 23/11/2026 00:00 in Hà Nội.
  let monday = Date.UTC(2026, 10, 22, 17);
  while (weeks.length < count && monday > Date.UTC(2000, 0, 1)) {
    const local = new Date(monday + 7 * 3_600_000);
    const month = local.getUTCMonth() + 1;
    const day = local.getUTCDate();
    const inSeason = (month >= 9 && month <= 11) || (month === 12 && day <= 14);
    if (inSeason) {
      // ISO week of the Thursday.
      const thursday = new Date(
        Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 3),
      );
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - jan1) / (7 * DAY)) + 1;
      weeks.push({ key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`, monday });
    }
    monday -= 7 * DAY;
  }
  return weeks;
}

async function seed(file: string, unitCount: number, reportCount: number): Promise<void> {
  const url = `file:${file}`;
  await applyMigrations(url);
  const db = createDb(url);
  await tuneSqlite(db);
  const loaded = loadForms(FORMS_DIR);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.join("\n"));
  const { latest } = await syncForms(db, loaded.forms);
  await db.$disconnect();
  const formId = (key: string) => {
    const form = latest.get(key);
    if (!form) throw new Error(`form ${key} missing`);
    return form.id;
  };

  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const now = stamp(NOW.getTime());

  // Units: the province (id 1), the communes (2…), then the hamlets spread over the communes.
  const communes = Math.max(1, Math.min(COMMUNES, Math.floor((unitCount - 1) / 10)));
  const hamletCount = Math.max(communes, unitCount - 1 - communes);
  const hamlets: { id: number; commune: number }[] = [];
  function* unitRows(): Generator<unknown[]> {
    yield [1, "B42", "Tỉnh Thử Nghiệm", "province", null, "/1/", 0, 1, now, now];
    for (let c = 0; c < communes; c++) {
      const id = 2 + c;
      yield [id, `B42-${c + 1}`, `Xã Thử Nghiệm ${c + 1}`, "commune", 1, `/1/${id}/`, 1, 1, now, now];
    }
    for (let h = 0; h < hamletCount; h++) {
      const id = 2 + communes + h;
      const commune = 2 + (h % communes);
      hamlets.push({ id, commune });
      yield [
        id,
        `B42-${commune}-${h + 1}`,
        `Thôn ${Math.floor(h / communes) + 1}`,
        "hamlet",
        commune,
        `/1/${commune}/${id}/`,
        2,
        1,
        now,
        now,
      ];
    }
  }
  const units = bulkInsert(
    sqlite,
    "Unit",
    ["id", "code", "name", "level", "parentId", "path", "depth", "active", "createdAt", "updatedAt"],
    unitRows(),
  );
  // A hamlet head per hamlet (person id = index + 1), a commune officer per commune.
  function* personRows(): Generator<unknown[]> {
    for (const [i, hamlet] of hamlets.entries())
      yield [
        i + 1,
        `Trưởng thôn ${i + 1}`,
        `+8491${String(i).padStart(7, "0")}`,
        "hamlet_head",
        hamlet.id,
        "active",
        "vi",
        now,
        now,
      ];
    for (let c = 0; c < communes; c++)
      yield [
        hamlets.length + c + 1,
        `Cán bộ xã ${c + 1}`,
        `+8492${String(c).padStart(7, "0")}`,
        "commune_officer",
        2 + c,
        "active",
        "vi",
        now,
        now,
      ];
  }
  const people = bulkInsert(
    sqlite,
    "Person",
    ["id", "fullName", "phone", "role", "unitId", "status", "locale", "createdAt", "updatedAt"],
    personRows(),
  );

  // Reports: 85% weekly review, 12% monthly policy, 3% incidents.
  const rand = random(42);
  const weeklyTarget = Math.round(reportCount * 0.85);
  const monthlyTarget = Math.round(reportCount * 0.12);
  const incidentTarget = reportCount - weeklyTarget - monthlyTarget;
  const perPeriod = Math.round(hamlets.length * 0.9);
  const weeks = reviewWeeks(Math.ceil(weeklyTarget / Math.max(1, perPeriod)) + 1);
  const review = formId("review-progress");
  const policy = formId("policy-delivery");
  const incident = formId("incident");
  const status = () => {
    const r = rand();
    return r < 0.02 ? "returned" : r < 0.03 ? "draft" : r < 0.5 ? "accepted" : "submitted";
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  function* reportRows(): Generator<unknown[]> {
    let made = 0;
    // Weekly: each hamlet reports nine weeks out of ten, newest weeks first; the numbers grow.
    for (const [age, week] of weeks.entries()) {
      for (const [i, hamlet] of hamlets.entries()) {
        if (made >= weeklyTarget) break;
        if (rand() >= 0.9) continue;
        const listed = 120 + ((i * 37) % 280);
        const surveyed = Math.max(0, Math.round(listed * Math.max(0.1, 1 - age * 0.06 - rand() * 0.1)));
        const answers = {
          households_listed: listed,
          poor_at_start: Math.round(listed * 0.08),
          households_surveyed: Math.min(listed, surveyed),
          proposed_poor: Math.round(surveyed * 0.06 * rand()),
          proposed_near_poor: Math.round(surveyed * 0.05 * rand()),
          proposed_exit_poor: Math.round(surveyed * 0.02 * rand()),
          meeting_held: rand() < 0.7,
          agreement_rate: Math.round(80 + rand() * 20),
          minutes_sent: rand() < 0.6,
          list_posted: rand() < 0.5,
        };
        const submitted = week.monday + 4 * 86_400_000 + Math.floor(rand() * 2 * 86_400_000);
        const s = status();
        yield [
          review,
          "review-progress",
          week.key,
          hamlet.id,
          i + 1,
          s,
          JSON.stringify(answers),
          s === "draft" ? null : stamp(submitted),
          0,
          stamp(submitted),
          stamp(submitted),
        ];
        made += 1;
      }
      if (made >= weeklyTarget) break;
    }
    // Monthly: policy delivery, newest months first.
    made = 0;
    for (let m = 0; made < monthlyTarget && m < 600; m++) {
      const year = 2026 - Math.floor((m + 1) / 12);
      const month = ((10 - (m % 12) + 12) % 12) + 1;
      const key = `${year}-${String(month).padStart(2, "0")}`;
      const end = Date.UTC(year, month, 1) - 7 * 3_600_000;
      for (const [i, hamlet] of hamlets.entries()) {
        if (made >= monthlyTarget) break;
        if (rand() >= 0.9) continue;
        const answers = {
          bhyt_poor: Math.round(rand() * 60),
          bhyt_near_poor: Math.round(rand() * 40),
          loan_households: Math.round(rand() * 12),
          loan_amount: Math.round(rand() * 500) * 1_000_000,
          housing_households: Math.round(rand() * 3),
          houses_completed: Math.round(rand() * 2),
          students_supported: Math.round(rand() * 20),
        };
        const submitted = end - Math.floor(rand() * 5 * 86_400_000);
        const s = status();
        yield [
          policy,
          "policy-delivery",
          key,
          hamlet.id,
          i + 1,
          s,
          JSON.stringify(answers),
          s === "draft" ? null : stamp(submitted),
          0,
          stamp(submitted),
          stamp(submitted),
        ];
        made += 1;
      }
    }
    // Incidents: over the last two years, a few urgent.
    const kinds = ["thien_tai", "chay_no", "dich_benh", "tai_nan", "kho_khan", "khac"] as const;
    for (let n = 0; n < incidentTarget; n++) {
      const i = Math.floor(rand() * hamlets.length);
      const hamlet = hamlets[i] as { id: number };
      const submitted = NOW.getTime() - Math.floor(rand() * 730 * 86_400_000);
      const urgent = rand() < 0.1;
      const answers = {
        kind: pick(kinds),
        happened_on: new Date(submitted).toISOString().slice(0, 10),
        description: "Mưa lớn làm sạt lở đường vào thôn, một số hộ bị ảnh hưởng.",
        households_affected: Math.round(rand() * 15),
        people_affected: Math.round(rand() * 50),
        urgent_support: urgent,
      };
      yield [
        incident,
        "incident",
        `adhoc-${submitted}-${n}`,
        hamlet.id,
        i + 1,
        "submitted",
        JSON.stringify(answers),
        stamp(submitted),
        urgent ? 1 : 0,
        stamp(submitted),
        stamp(submitted),
      ];
    }
  }
  const reports = bulkInsert(
    sqlite,
    "Report",
    [
      "formId",
      "formKey",
      "periodKey",
      "unitId",
      "personId",
      "status",
      "answers",
      "submittedAt",
      "urgent",
      "createdAt",
      "updatedAt",
    ],
    reportRows(),
  );
  sqlite.exec("ANALYZE");
  sqlite.close();
  console.log(
    `Seeded ${units.toLocaleString("vi-VN")} units, ${people.toLocaleString("vi-VN")} people, ${reports.toLocaleString("vi-VN")} reports (${weeks.length} review weeks).`,
  );
}

/** The measured part, in its own process: one province summary for week 48. */
async function measure(file: string): Promise<void> {
  const db = createDb(`file:${file}`);
  await tuneSqlite(db);
  const translator = createTranslator();
  const window = windowForSlot("weekly", NOW, TZ);
  const started = performance.now();
  const composed = await composeSummary(db, translator, {
    rootUnitId: 1,
    window,
    now: NOW,
    timeZone: TZ,
    locale: "vi",
    maxTextLength: 4096,
  });
  const seconds = (performance.now() - started) / 1000;
  if (!composed) throw new Error("no summary");
  for (const form of composed.data.forms)
    console.log(
      `${form.title} — ${form.period.label}: ${form.totals.received.toLocaleString("vi-VN")}/${(form.totals.expected ?? 0).toLocaleString("vi-VN")}, ` +
        `missing ${(form.missing?.total ?? 0).toLocaleString("vi-VN")}, figures ${JSON.stringify(form.totals.figures)}`,
    );
  console.log(`\n${composed.texts[0]?.split("\n").slice(0, 12).join("\n")}\n…`);
  console.log(
    `texts ${composed.texts.length} (${composed.texts.map((t) => t.length).join(", ")} chars), chart ${composed.chart?.bytes.length ?? 0} B, workbook ${composed.workbook.bytes.length} B`,
  );
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  // Where the time goes, measured again after the timed run (warm caches): figures, then each rendering.
  const lap = async (what: string, run: () => Promise<unknown>) => {
    const at = performance.now();
    await run();
    return `${what} ${Math.round(performance.now() - at)} ms`;
  };
  const input = { rootUnitId: 1, window, now: NOW, timeZone: TZ };
  const data = composed.data;
  console.log(
    `second run: ${[
      await lap("figures", () => computeSummary(db, input)),
      await lap("text", async () => renderSummaryText(data, translator, "vi", TZ)),
      await lap("chart", () => renderSummaryChart(data, "vi", translator)),
      await lap("workbook", () => buildSummaryWorkbook(data, "vi", TZ, translator)),
    ].join(", ")}`,
  );
  await db.$disconnect();
  console.log(
    JSON.stringify({
      bench: "summary",
      seconds: Math.round(seconds * 1000) / 1000,
      peakRssMb,
      texts: composed.texts.length,
      chartBytes: composed.chart?.bytes.length ?? 0,
      workbookBytes: composed.workbook.bytes.length,
      targets: { seconds: 2, peakRssMb: 400 },
      ok: seconds < 2 && peakRssMb < 400,
    }),
  );
}

const measureFile = option("measure", "");
if (measureFile) {
  await measure(measureFile);
} else {
  const unitCount = Number(option("units", "13000"));
  const reportCount = Number(option("reports", "1000000"));
  const dir = mkdtempSync(join(tmpdir(), "tlgn-bench-summary-"));
  const file = join(dir, "bench.db");
  try {
    const started = performance.now();
    await seed(file, unitCount, reportCount);
    console.log(`Seeding took ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const script = fileURLToPath(import.meta.url);
    const child = spawnSync(process.execPath, ["--import", "tsx", script, "--measure", file], {
      stdio: "inherit",
      cwd: fileURLToPath(new URL("..", import.meta.url)),
    });
    process.exitCode = child.status ?? 1;
  } finally {
    if (!process.env.KEEP_DB) rmSync(dir, { recursive: true, force: true });
    else console.log(file);
  }
}
