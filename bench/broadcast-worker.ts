/**
 * The outbox worker as a process of its own, as the app runs it (an `InstanceRun` with its
 * heartbeat, dead runs' claims released at start), for `bench/broadcast.bench.ts` and the kill
 * test: it sends what the database's outbox holds through the Bot API at `--api` and exits 0
 * once nothing is left to send. Killing it half-way and starting it again is the point.
 *
 *   tsx bench/broadcast-worker.ts --db file:/tmp/x.db --api http://127.0.0.1:8080 --token 1:abc --rate 300
 */
import { Api } from "grammy";
import { pino } from "pino";
import { createDb, tuneSqlite } from "../src/db/client.js";
import { releaseLeasesOf } from "../src/db/leases.js";
import { createTranslator } from "../src/i18n/translator.js";
import { createInstanceRun } from "../src/jobs/instance-run.js";
import { createOutboxWorker, releaseClaimsOf } from "../src/jobs/outbox-worker.js";
import { systemClock } from "../src/shared/clock.js";

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

const dbUrl = option("db");
const apiRoot = option("api");
const token = option("token");
if (!dbUrl || !apiRoot || !token) {
  process.stderr.write("usage: broadcast-worker --db <file:url> --api <url> --token <token> [--rate 25]\n");
  process.exit(2);
}
const rate = Number(option("rate") ?? 25);
const concurrency = option("concurrency") === undefined ? undefined : Number(option("concurrency"));
const logger = pino({ level: process.env.LOG_LEVEL ?? "warn" });
const db = createDb(dbUrl);
await tuneSqlite(db);
const instance = createInstanceRun({
  db,
  clock: systemClock,
  logger,
  async onDeadRuns(runIds) {
    const released = await releaseClaimsOf(db, runIds);
    if (released > 0) process.stdout.write(`released ${released}\n`);
    // The dead sender's lease too, as the app does: another worker sends at once.
    await releaseLeasesOf(db, runIds);
  },
});
await instance.start();
const worker = createOutboxWorker({
  db,
  apis: { telegram: new Api(token, { apiRoot }) },
  logger,
  clock: systemClock,
  translator: createTranslator(),
  instanceId: instance.id,
  perSecond: rate,
  ...(concurrency === undefined ? {} : { concurrency }),
  pollMs: 100,
});
process.stdout.write(`started ${instance.id}\n`);
worker.start();
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const open = await db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
  if (open === 0) break;
}
await worker.stop();
await instance.stop();
await db.$disconnect();
const cpu = process.cpuUsage();
process.stdout.write(`done (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms)\n`);
