/**
 * `npm run bench:broadcast -- [--recipients 5000] [--limit 300] [--instances 1] [--db sqlite|postgres]
 * [--kill-at 0.5]` — one broadcast delivered by the real outbox worker against the simulator.
 *
 * A migrated database (`--db`, see bench-database.ts) with the demo data and `--recipients`
 * hamlet heads, each with a Telegram account (bulk inserts), gets one announcement queued with
 * `queueBroadcast`. The simulator answers 429 past `--limit` messages per second overall (and
 * past 1 per chat), like Telegram; `--instances` workers run at once, each a process of its own
 * (`bench/broadcast-worker.ts`, an instance run with its heartbeat, as in the app) with
 * `OUTBOX_RATE = --limit`, sharing the database as instances of the app do. With `--kill-at 0.5`
 * the first worker is SIGKILLed once half the recipients have their message; with one instance
 * a new one is started, which releases the dead run's claims and finishes the job, with several
 * the others carry on.
 *
 * Prints the figures, then one JSON line: recipients, limit, instances, db, seconds (first to
 * last message), achieved (messages/s), ratio (achieved ÷ limit), lost (recipients without the
 * message), duplicated (messages beyond one per recipient), retry429 (429s the simulator
 * answered), maxPerSecond (most messages in any one-second window), killed. Targets: ratio ≥
 * 0.95, lost 0, duplicated 0 without a kill; lost 0 with it.
 */
import type { ChildProcess } from "node:child_process";
import { applyMigrationsInChildProcess } from "../src/db/apply-migrations-in-child-process.js";
import { createDb, tuneSqlite } from "../src/db/client.js";
import { DEMO_SIMULATOR_USERS } from "../src/db/demo-data.js";
import { seedDemoData } from "../src/db/seed.js";
import { startSimulator } from "../src/simulator/server.js";
import {
  addRecipients,
  queueAnnouncement,
  recipientUsers,
  spawnBroadcastWorker,
} from "../test/helpers/broadcast-fixture.js";
import { createFakeClock } from "../test/helpers/fake-clock.js";
import { openBenchDatabase, parseDatabaseKind } from "./bench-database.js";

function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1] ?? fallback;
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

const RECIPIENTS = Number(option("recipients", "5000"));
const LIMIT = Number(option("limit", "300"));
const INSTANCES = Number(option("instances", "1"));
const DB_KIND = parseDatabaseKind(option("db", "sqlite"));
const KILL_AT = option("kill-at", "") === "" ? undefined : Number(option("kill-at", ""));
if (
  !Number.isInteger(RECIPIENTS) ||
  RECIPIENTS < 1 ||
  !(LIMIT > 0) ||
  !Number.isInteger(INSTANCES) ||
  INSTANCES < 1 ||
  !DB_KIND ||
  (KILL_AT !== undefined && !(KILL_AT > 0 && KILL_AT < 1))
) {
  console.error(
    "usage: npm run bench:broadcast -- [--recipients 5000] [--limit 300] [--instances 1] [--db sqlite|postgres] [--kill-at 0.5]",
  );
  process.exit(2);
}

export interface BroadcastRun {
  recipients: number;
  limit: number;
  instances: number;
  db: string;
  seconds: number;
  achieved: number;
  ratio: number;
  lost: number;
  duplicated: number;
  retry429: number;
  maxPerSecond: number;
  killed: boolean;
}

const database = await openBenchDatabase(DB_KIND, "bench-broadcast");
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
const children = new Set<ChildProcess>();
try {
  console.error(
    `Chuẩn bị: ${RECIPIENTS.toLocaleString("vi-VN")} người nhận, giới hạn ${LIMIT} tin/giây, ` +
      `${INSTANCES} tiến trình gửi, ${database.label}…`,
  );
  await applyMigrationsInChildProcess(database.url);
  const db = createDb(database.url);
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
  const startWorker = () => {
    const run = spawnBroadcastWorker({
      dbUrl: database.url,
      apiRoot: sim.url,
      token: sim.token,
      rate: LIMIT,
    });
    children.add(run.process);
    void run.exited.then(() => children.delete(run.process));
    return run;
  };

  // The instances start together, as several app instances sharing one database would.
  const runs = Array.from({ length: INSTANCES }, () => startWorker());
  let killed = false;
  if (KILL_AT !== undefined) {
    const first = runs[0] as ReturnType<typeof startWorker>;
    while (delivered() < RECIPIENTS * KILL_AT) {
      const ended = await Promise.race([first.exited, sleep(20).then(() => undefined)]);
      if (ended !== undefined) throw new Error(`the worker ended before the kill (${ended})`);
    }
    first.process.kill("SIGKILL");
    await first.exited;
    killed = true;
    console.error(
      `SIGKILL tiến trình gửi thứ nhất sau ${delivered().toLocaleString("vi-VN")} tin` +
        (INSTANCES === 1 ? "; khởi động lại…" : `; ${INSTANCES - 1} tiến trình còn lại gửi tiếp…`),
    );
    runs[0] = INSTANCES === 1 ? startWorker() : { ...first, exited: Promise.resolve(0) };
  }
  const codes = await Promise.all(runs.map((run) => run.exited));
  const failed = codes.filter((code) => code !== 0);
  if (failed.length > 0) throw new Error(`worker(s) exited with ${failed.join(", ")}`);

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
  const result: BroadcastRun = {
    recipients: RECIPIENTS,
    limit: LIMIT,
    instances: INSTANCES,
    db: database.kind,
    seconds: Math.round(seconds * 100) / 100,
    achieved: Math.round(achieved * 10) / 10,
    ratio: Math.round((achieved / LIMIT) * 1000) / 1000,
    lost,
    duplicated,
    retry429: sim.api.stats.refused429,
    maxPerSecond,
    killed,
  };
  console.log(
    `${INSTANCES} tiến trình gửi (${database.kind}): ` +
      `${RECIPIENTS.toLocaleString("vi-VN")} tin trong ${result.seconds} s: ${result.achieved} tin/giây ` +
      `(${Math.round(result.ratio * 100)}% của ${LIMIT}), nhiều nhất ${maxPerSecond} trong một giây, ` +
      `${result.retry429} lần 429, mất ${lost}, trùng ${duplicated}${killed ? " (có SIGKILL giữa chừng)" : ""}`,
  );
  const cpu = process.cpuUsage();
  console.error(`CPU của trình giả lập (tiến trình này): ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
  console.log(JSON.stringify(result));
} finally {
  for (const child of children) child.kill("SIGKILL");
  await simulator?.close();
  await database.drop();
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
