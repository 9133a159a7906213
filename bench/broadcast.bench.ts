/**
 * `npm run bench:broadcast -- [--recipients 5000] [--limit 300] [--kill-at 0.5]` — one broadcast
 * delivered by the real outbox worker against the simulator.
 *
 * A migrated SQLite database with the demo data and `--recipients` hamlet heads, each with a
 * Telegram account (bulk inserts), gets one announcement queued with `queueBroadcast`. The
 * simulator answers 429 past `--limit` messages per second overall (and past 1 per chat), like
 * Telegram; the worker runs in a process of its own (`bench/broadcast-worker.ts`, an instance
 * run with its heartbeat, as in the app) with `OUTBOX_RATE = --limit`. With `--kill-at 0.5` that
 * process is SIGKILLed once half the recipients have their message and a new one is started,
 * which releases the dead run's claims and finishes the job.
 *
 * Prints the figures, then one JSON line: recipients, limit, seconds (first to last message),
 * achieved (messages/s), ratio (achieved ÷ limit), lost (recipients without the message),
 * duplicated (messages beyond one per recipient), retry429 (429s the simulator answered),
 * maxPerSecond (most messages in any one-second window), killed. Targets: ratio ≥ 0.95, lost 0,
 * duplicated 0 without a kill; lost 0 with it.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, tuneSqlite } from "../src/db/client.js";
import { DEMO_SIMULATOR_USERS } from "../src/db/demo-data.js";
import { applyMigrations } from "../src/db/schema-engine.js";
import { seedDemoData } from "../src/db/seed.js";
import { startSimulator } from "../src/simulator/server.js";
import {
  addRecipients,
  queueAnnouncement,
  recipientUsers,
  spawnBroadcastWorker,
} from "../test/helpers/broadcast-fixture.js";
import { createFakeClock } from "../test/helpers/fake-clock.js";

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1] ?? fallback;
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

const RECIPIENTS = Number(option("recipients", "5000"));
const LIMIT = Number(option("limit", "300"));
const KILL_AT = option("kill-at", "") === "" ? undefined : Number(option("kill-at", ""));
if (
  !Number.isInteger(RECIPIENTS) ||
  RECIPIENTS < 1 ||
  !(LIMIT > 0) ||
  (KILL_AT !== undefined && !(KILL_AT > 0 && KILL_AT < 1))
) {
  console.error("usage: npm run bench:broadcast -- [--recipients 5000] [--limit 300] [--kill-at 0.5]");
  process.exit(2);
}

export interface BroadcastRun {
  recipients: number;
  limit: number;
  seconds: number;
  achieved: number;
  ratio: number;
  lost: number;
  duplicated: number;
  retry429: number;
  maxPerSecond: number;
  killed: boolean;
  /** Messages to chats that already had theirs: at most what was in flight at the kill. */
  inFlightAtKill: number;
}

const dir = mkdtempSync(join(tmpdir(), "tlgn-bench-broadcast-"));
const url = `file:${join(dir, "bench.db")}`;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
let child: ChildProcess | undefined;
try {
  console.error(`Chuẩn bị: ${RECIPIENTS.toLocaleString("vi-VN")} người nhận, giới hạn ${LIMIT} tin/giây…`);
  await applyMigrations(url);
  const db = createDb(url);
  await tuneSqlite(db);
  await seedDemoData(db, clock);
  const recipients = await addRecipients(db, { count: RECIPIENTS, now: clock.now() });
  simulator = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    users: [...DEMO_SIMULATOR_USERS, ...recipientUsers(recipients.chatIds)],
    limits: { global: LIMIT, perChat: 1 },
  });
  const sim = simulator;
  sim.api.sendLog = [];
  const sender = await db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
  await queueAnnouncement(db, {
    senderId: sender.id,
    personIds: recipients.personIds,
    text: "Lịch tập huấn tháng 12",
    now: clock.now(),
  });
  await db.$disconnect();

  const delivered = () =>
    recipients.chatIds.reduce((sum, id) => sum + Math.min(1, sim.api.acceptedFor(id)), 0);
  const startWorker = () =>
    spawnBroadcastWorker({ dbUrl: url, apiRoot: sim.url, token: sim.token, rate: LIMIT });

  let run = startWorker();
  child = run.process;
  let killed = false;
  let inFlightAtKill = 0;
  if (KILL_AT !== undefined) {
    while (delivered() < RECIPIENTS * KILL_AT) {
      const ended = await Promise.race([run.exited, sleep(20).then(() => undefined)]);
      if (ended !== undefined) throw new Error(`the worker ended before the kill (${ended})`);
    }
    run.process.kill("SIGKILL");
    await run.exited;
    killed = true;
    const before = delivered();
    console.error(`SIGKILL sau ${before.toLocaleString("vi-VN")} tin; khởi động lại…`);
    run = startWorker();
    child = run.process;
  }
  const code = await run.exited;
  child = undefined;
  if (code !== 0) throw new Error(`the worker exited with ${code}`);

  const accepted = (sim.api.sendLog ?? []).filter((entry) => entry.retryAfter === undefined);
  const log = accepted.filter((entry) => entry.chatId >= (recipients.chatIds[0] ?? 0));
  const first = log[0]?.at ?? 0;
  const last = log.at(-1)?.at ?? 0;
  const seconds = (last - first) / 1000;
  let lost = 0;
  let duplicated = 0;
  for (const id of recipients.chatIds) {
    const count = sim.api.acceptedFor(id);
    if (count === 0) lost++;
    else duplicated += count - 1;
  }
  let maxPerSecond = 0;
  const all = accepted;
  for (let i = 0, j = 0; i < all.length; i++) {
    while ((all[j]?.at ?? 0) <= (all[i]?.at ?? 0) - 1000) j++;
    maxPerSecond = Math.max(maxPerSecond, i - j + 1);
  }
  const achieved = seconds > 0 ? (log.length - 1) / seconds : 0;
  inFlightAtKill = killed ? duplicated : 0;
  const result: BroadcastRun = {
    recipients: RECIPIENTS,
    limit: LIMIT,
    seconds: Math.round(seconds * 100) / 100,
    achieved: Math.round(achieved * 10) / 10,
    ratio: Math.round((achieved / LIMIT) * 1000) / 1000,
    lost,
    duplicated,
    retry429: sim.api.stats.refused429,
    maxPerSecond,
    killed,
    inFlightAtKill,
  };
  console.log(
    `${RECIPIENTS.toLocaleString("vi-VN")} tin trong ${result.seconds} s: ${result.achieved} tin/giây ` +
      `(${Math.round(result.ratio * 100)}% của ${LIMIT}), nhiều nhất ${maxPerSecond} trong một giây, ` +
      `${result.retry429} lần 429, mất ${lost}, trùng ${duplicated}${killed ? " (có SIGKILL giữa chừng)" : ""}`,
  );
  const cpu = process.cpuUsage();
  console.error(`CPU của trình giả lập (tiến trình này): ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
  console.log(JSON.stringify(result));
} finally {
  child?.kill("SIGKILL");
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
