/**
 * `npm run bench:broadcast -- [--recipients 5000] [--limit 300] [--kill-at 0.5] [--instances 3]` —
 * one broadcast delivered by the real outbox worker against the simulator.
 *
 * A migrated SQLite database with the demo data and `--recipients` hamlet heads, each with a
 * Telegram account (bulk inserts), gets one announcement queued with `queueBroadcast`. The
 * simulator answers 429 past `--limit` messages per second overall (and past 1 per chat), like
 * Telegram; the worker runs in a process of its own (`bench/broadcast-worker.ts`, an instance
 * run with its heartbeat, as in the app) with `OUTBOX_RATE = --limit`. With `--kill-at 0.5` that
 * process is SIGKILLed once half the recipients have their message and a new one is started,
 * which releases the dead run's claims and finishes the job. With `--instances 3` three workers
 * run on the database at once, as three app instances would: one of them sends (the lease
 * holder) and `--kill-at` kills that one; the others take over.
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
import { outboxLeaseName } from "../src/db/leases.js";
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
const INSTANCES = Number(option("instances", "1"));
if (
  !Number.isInteger(INSTANCES) ||
  INSTANCES < 1 ||
  !Number.isInteger(RECIPIENTS) ||
  RECIPIENTS < 1 ||
  !(LIMIT > 0) ||
  (KILL_AT !== undefined && !(KILL_AT > 0 && KILL_AT < 1))
) {
  console.error(
    "usage: npm run bench:broadcast -- [--recipients 5000] [--limit 300] [--kill-at 0.5] [--instances 1]",
  );
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
  /** Worker processes on the database at once. */
  instances: number;
  /** Messages to chats that already had theirs: at most what was in flight at the kill. */
  inFlightAtKill: number;
}

const dir = mkdtempSync(join(tmpdir(), "tlgn-bench-broadcast-"));
const url = `file:${join(dir, "bench.db")}`;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
const children = new Set<ChildProcess>();
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

  const delivered = () =>
    recipients.chatIds.reduce((sum, id) => sum + Math.min(1, sim.api.acceptedFor(id)), 0);
  const startWorker = () =>
    spawnBroadcastWorker({ dbUrl: url, apiRoot: sim.url, token: sim.token, rate: LIMIT });

  let runs = Array.from({ length: INSTANCES }, startWorker);
  for (const run of runs) children.add(run.process);
  let killed = false;
  let inFlightAtKill = 0;
  if (KILL_AT !== undefined) {
    while (delivered() < RECIPIENTS * KILL_AT) {
      const ended = await Promise.race([...runs.map((run) => run.exited), sleep(20).then(() => undefined)]);
      if (ended !== undefined) throw new Error(`a worker ended before the kill (${ended})`);
    }
    // The worker holding the sender's lease (its run id ends in "-<pid>-<8 hex>").
    const lease = await db.lease.findUnique({ where: { name: outboxLeaseName("telegram") } });
    const pid = Number(/-(\d+)-[0-9a-f]{8}$/.exec(lease?.holder ?? "")?.[1]);
    const sending = runs.find((run) => run.process.pid === pid) ?? (runs[0] as (typeof runs)[number]);
    sending.process.kill("SIGKILL");
    await sending.exited;
    children.delete(sending.process);
    killed = true;
    const before = delivered();
    runs = runs.filter((run) => run !== sending);
    if (runs.length === 0) {
      console.error(`SIGKILL sau ${before.toLocaleString("vi-VN")} tin; khởi động lại…`);
      runs = [startWorker()];
      for (const run of runs) children.add(run.process);
    } else
      console.error(
        `SIGKILL tiến trình đang gửi sau ${before.toLocaleString("vi-VN")} tin; tiến trình khác gửi tiếp…`,
      );
  }
  const codes = await Promise.all(runs.map((run) => run.exited));
  children.clear();
  await db.$disconnect();
  if (codes.some((code) => code !== 0)) throw new Error(`a worker exited with ${codes.join(", ")}`);

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
    instances: INSTANCES,
    inFlightAtKill,
  };
  console.log(
    `${RECIPIENTS.toLocaleString("vi-VN")} tin trong ${result.seconds} s: ${result.achieved} tin/giây ` +
      `(${Math.round(result.ratio * 100)}% của ${LIMIT}), nhiều nhất ${maxPerSecond} trong một giây, ` +
      `${result.retry429} lần 429, mất ${lost}, trùng ${duplicated}${killed ? " (có SIGKILL giữa chừng)" : ""}` +
      `${INSTANCES > 1 ? `, ${INSTANCES} tiến trình` : ""}`,
  );
  const cpu = process.cpuUsage();
  console.error(`CPU của trình giả lập (tiến trình này): ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
  console.log(JSON.stringify(result));
} finally {
  for (const child of children) child.kill("SIGKILL");
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
