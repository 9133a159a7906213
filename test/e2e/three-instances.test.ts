import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tuneSqlite } from "../../src/db/client.js";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { outboxLeaseName } from "../../src/db/leases.js";
import { createFormCatalog } from "../../src/domain/reports/form-catalog.js";
import { systemClock } from "../../src/shared/clock.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import { type AppProcess, startAppProcess } from "../helpers/app-process.js";
import { addRecipients, queueAnnouncement, recipientUsers } from "../helpers/broadcast-fixture.js";
import { insertCourse } from "../helpers/course-fixture.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

/**
 * Three app processes in webhook mode on one database, behind the simulator playing Telegram
 * and the load balancer (round-robin delivery), and Zalo's Bot Platform with its webhook spread
 * the same way. What the issue asks of several instances: one chat's updates never run at once
 * and run in order, a re-delivered update is handled once, a Zalo person's messages delivered to
 * different instances are each answered once and in order, a reminder fires once, a broadcast of a few thousand goes once within the global rate,
 * and killing the instance that sends makes another take over with nothing lost or doubled
 * beyond the messages it had in flight.
 */

const TOKEN = "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ";
const SECRET = "three-instances-secret-0123";
/** The instances' OUTBOX_RATE, all of them together. */
const RATE = 100;
/**
 * What the simulator (Telegram) accepts per second: a little above the configured rate, as in
 * production (OUTBOX_RATE 25 against Telegram's ~30), for the few milliseconds by which a send
 * can arrive early or late on a machine running four processes on two cores.
 */
const TELEGRAM_LIMIT = 110;
const RECIPIENTS = 2000;
const PEOPLE = [710000001, 710000002, 710000003, 710000004];

let temp: TempDb;
let sim: Simulator;
let recipients: Awaited<ReturnType<typeof addRecipients>>;
const instances: AppProcess[] = [];
/** Each instance's own HTTP server (its webhook), from its start-up log. */
const origins: string[] = [];
/**
 * The processes under test run on the wall clock (wall-clock.mjs moves theirs and ours alike),
 * so the rows queued for them are dated by it too: rows dated at a fixed instant would be in
 * their future on some test dates, and never due.
 */
const fixtureClock = systemClock;

interface LogLine {
  msg: string;
  time: number;
  /** Which of the three wrote it. */
  instance: number;
  chat?: string;
  updateId?: number;
  http?: string;
}

const logLines = (p: AppProcess): LogLine[] =>
  p
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => {
      const parsed = JSON.parse(line) as Omit<LogLine, "time" | "instance"> & { time: string | number };
      return { ...parsed, time: new Date(parsed.time).getTime(), instance: instances.indexOf(p) };
    });
const allLines = () => instances.flatMap(logLines);

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the simulator logged at warn or above (a webhook delivery that failed loses its event). */
const simulatorWarnings: string[] = [];
const simulatorLogger = pino(
  { level: "warn" },
  { write: (line: string) => void simulatorWarnings.push(line.trim()) },
);

/**
 * What to print when a wait times out: every warning and error of the instances and of the
 * simulator, and what the instances logged about the chats of `chatFilter`.
 */
function explain(chatFilter: (chat: string) => boolean): string {
  const lines = instances.flatMap((p, i) =>
    p
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .filter((line) => {
        const parsed = JSON.parse(line) as { level?: number; chat?: string };
        return (parsed.level ?? 0) >= 40 || (parsed.chat !== undefined && chatFilter(parsed.chat));
      })
      .map((line) => `instance ${i}: ${line}`),
  );
  return [...lines, ...simulatorWarnings.map((line) => `simulator: ${line}`)].join("\n");
}

const botTexts = (chatId: number) =>
  (sim.store.chat(chatId)?.messages ?? []).filter((m) => m.outgoing).map((m) => m.text ?? "");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  await tuneSqlite(temp.db);
  // The report forms are in the database already, as after an earlier start: three processes
  // adding them at once while starting would only wait for each other.
  await createFormCatalog(temp.db).latest();
  recipients = await addRecipients(temp.db, { count: RECIPIENTS, now: fixtureClock.now() });
  sim = await startSimulator({
    host: "127.0.0.1",
    port: 0,
    token: TOKEN,
    users: [...DEMO_SIMULATOR_USERS, ...recipientUsers(recipients.chatIds)],
    limits: { global: TELEGRAM_LIMIT, perChat: 0 },
    logger: simulatorLogger,
  });
  const env = {
    BOT_TOKEN: TOKEN,
    BOT_API_ROOT: sim.url,
    BOT_MODE: "webhook",
    // The load balancer's address (the simulator plays it: see setWebhookBackends).
    WEBHOOK_URL: "http://127.0.0.1:9/telegram/webhook",
    WEBHOOK_SECRET: SECRET,
    // Zalo's Bot Platform is the simulator's fake; its webhook also goes through the "balancer".
    ZALO_BOT_TOKEN: sim.zaloToken,
    ZALO_API_ROOT: `${sim.url}/zalo`,
    ZALO_WEBHOOK_SECRET: "three-instances-zalo-secret",
    PUBLIC_BASE_URL: "http://127.0.0.1:9",
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    DATABASE_URL: temp.url,
    LOG_LEVEL: "debug",
    OUTBOX_RATE: String(RATE),
    COURSE_SENDS_CRON: "*/2 * * * * *",
  };
  for (let i = 0; i < 3; i++) instances.push(startAppProcess(env));
  for (const p of instances) {
    await p.waitFor(/"msg":"bot started"/, 120_000).catch((error: unknown) => {
      // What each of them was doing: one waiting on another shows only in the others' output.
      for (const [i, q] of instances.entries())
        console.error(
          `instance ${i}:\n${logLines(q)
            .map((line) => line.msg)
            .join("\n")}`,
        );
      throw error;
    });
    const started = logLines(p).find((line) => line.msg === "bot started");
    origins.push(started?.http ?? "");
  }
  sim.setWebhookBackends(origins);
  sim.zalo.webhookBackends = origins;
}, 240_000);

afterAll(async () => {
  for (const p of instances) if (p.child.exitCode === null) p.child.kill("SIGTERM");
  await Promise.all(instances.map((p) => p.exited));
  await sim?.close();
  await temp?.cleanup();
});

describe("Three instances in webhook mode behind the simulator's round-robin delivery", () => {
  it("the webhook is set once, with the secret; each instance is ready", async () => {
    expect(sim.api.webhook).toMatchObject({
      url: "http://127.0.0.1:9/telegram/webhook",
      secretToken: SECRET,
    });
    const set = allLines().filter((line) => line.msg === "Telegram webhook set");
    const already = allLines().filter((line) => line.msg === "Telegram webhook already set");
    expect(set.length + already.length).toBe(3);
    expect(set.length).toBeGreaterThanOrEqual(1);
    for (const origin of origins) {
      expect((await fetch(`${origin}/readyz`)).status).toBe(200);
      expect((await fetch(`${origin}/telegram/webhook`, { method: "POST", body: "{}" })).status).toBe(401);
    }
  });

  it("one chat's updates never run on two instances at once, and run in order", async () => {
    // Bursts: two messages from each person at once, delivered to the instances in turn (each
    // chat's two are stored on two instances, which both reach for the chat); the next burst
    // once these are answered — eight updates a burst, so the turns shift and the chats move.
    const bursts = [
      ["/start", "ho can ngheo duoc ho tro gi"],
      ["/help", "bhyt cho ho can ngheo"],
      ["menu", "vay von"],
      ["hoc bong", "/start"],
    ];
    const texts = bursts.flat();
    let expected = 0;
    for (const burst of bursts) {
      for (const text of burst) for (const chatId of PEOPLE) sim.users.sendText(chatId, text);
      expected += burst.length * PEOPLE.length;
      await waitFor(
        "the burst handled",
        () => allLines().filter((line) => line.msg === "update finished").length >= expected,
        120_000,
      );
    }
    // The load balancer spread them over the three.
    for (const origin of origins)
      expect(sim.webhookDeliveries.get(origin)).toBeGreaterThanOrEqual(expected / 4);

    const lines = allLines();
    const handledBy = new Set<number>();
    let movedBetweenInstances = 0;
    for (const chatId of PEOPLE) {
      const ran = new Map<number, { start: number; end: number; instance: number }>();
      for (const line of lines) {
        if (line.chat !== String(chatId) || line.updateId === undefined) continue;
        if (line.msg === "update started") {
          expect(ran.has(line.updateId), `update ${line.updateId} started twice`).toBe(false);
          ran.set(line.updateId, {
            start: line.time,
            end: Number.POSITIVE_INFINITY,
            instance: line.instance,
          });
        }
        if (line.msg === "update finished") {
          const run = ran.get(line.updateId);
          if (run) run.end = line.time;
        }
      }
      const ids = [...ran.keys()].sort((a, b) => a - b);
      expect(ids).toHaveLength(texts.length);
      if (new Set([...ran.values()].map((run) => run.instance)).size > 1) movedBetweenInstances++;
      for (const [index, id] of ids.entries()) {
        const run = ran.get(id) as { start: number; end: number; instance: number };
        handledBy.add(run.instance);
        const next = ran.get(ids[index + 1] as number);
        // The next update of the chat starts only after this one has finished (wherever it ran).
        if (next)
          expect(
            next.start,
            `chat ${chatId}: ${ids[index + 1]} began before ${id} ended`,
          ).toBeGreaterThanOrEqual(run.end);
      }
    }
    expect(handledBy.size).toBeGreaterThan(1);
    expect(movedBetweenInstances).toBeGreaterThan(0);
    for (const chatId of PEOPLE) expect(botTexts(chatId).length).toBeGreaterThanOrEqual(texts.length);
  }, 180_000);

  it("an update delivered again, to another instance, is handled once", async () => {
    const update = {
      update_id: 990_000_001,
      message: {
        message_id: 990_001,
        date: 1_795_000_000,
        chat: { id: 710000004, type: "private", first_name: "Dung" },
        from: { id: 710000004, is_bot: false, first_name: "Dung", language_code: "vi" },
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    };
    for (const origin of [origins[0], origins[1], origins[2], origins[0]]) {
      const response = await fetch(`${origin}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
    }
    await waitFor("the update handled", () =>
      allLines().some((line) => line.msg === "update finished" && line.updateId === update.update_id),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      allLines().filter((line) => line.msg === "update started" && line.updateId === update.update_id),
    ).toHaveLength(1);
  });

  it("a Zalo person's messages, delivered to the three instances in turn, are each answered once and in order", async () => {
    const person = DEMO_SIMULATOR_USERS[0];
    const chat = person && sim.store.zalo.chat(person.id);
    if (!chat) throw new Error("no Zalo chat in the simulator");
    const zaloReplies = () =>
      chat.messages.filter((m) => m.outgoing).map((m) => (m.text ?? "").split("\n")[0]);
    // Commands only (a typed word could match a label of the menu just shown).
    const texts = ["/help", "/start", "/help", "/help", "/start", "/help"];
    const before = new Map(sim.zalo.webhookDeliveries);
    for (const text of texts) sim.zalo.receiveText(chat, text);
    await waitFor("the Zalo replies", () => zaloReplies().length >= texts.length, 60_000).catch(
      async (error: unknown) => {
        const inbound = await temp.db.zaloInbound.findMany({
          select: { id: true, zaloMessageId: true, ackedAt: true, skipped: true, receivedAt: true },
        });
        console.error(
          `Zalo replies so far: ${JSON.stringify(zaloReplies())}\nstored events: ${JSON.stringify(inbound)}\n` +
            `leases: ${JSON.stringify(await temp.db.lease.findMany())}\n${explain((c) => Number(c) > 2 ** 52)}`,
        );
        throw error;
      },
    );
    // A few more polls go by: nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(zaloReplies()).toEqual(
      texts.map((text) => (text === "/help" ? "Hướng dẫn" : expect.stringMatching(/chào/i))),
    );
    // Delivered to all three.
    for (const origin of origins)
      expect((sim.zalo.webhookDeliveries.get(origin) ?? 0) - (before.get(origin) ?? 0)).toBe(
        texts.length / 3,
      );
    // Each handled once, one after another, on whichever instance held the chat.
    const lines = allLines().filter((line) => line.chat !== undefined && Number(line.chat) > 2 ** 52);
    const started = lines.filter((line) => line.msg === "update started");
    expect(started).toHaveLength(texts.length);
    expect(new Set(started.map((line) => line.updateId)).size).toBe(texts.length);
    expect(new Set(lines.map((line) => line.chat)).size).toBe(1);
    const ordered = lines
      .filter((line) => line.msg === "update started" || line.msg === "update finished")
      .sort((a, b) => a.time - b.time || (a.msg === "update finished" ? -1 : 1));
    const ids = [...new Set(started.map((line) => line.updateId as number))].sort((a, b) => a - b);
    expect(ordered.map((line) => [line.msg, line.updateId])).toEqual(
      ids.flatMap((id) => [
        ["update started", id],
        ["update finished", id],
      ]),
    );
  }, 120_000);

  it("a course reminder fires once: one instance runs each slot of the sweep", async () => {
    // "Now" as the instances see it: their last heartbeat.
    const now = (await temp.db.instanceRun.findFirstOrThrow({ orderBy: { heartbeatAt: "desc" } }))
      .heartbeatAt;
    const startsAt = new Date(now.getTime() + 24 * 3600_000).toISOString();
    const courseId = await insertCourse(temp.db, {
      title: "Tập huấn ba máy chủ",
      audience: [{ unitCode: "42", role: "hamlet_head" }],
      startsAt,
    });
    const attending = recipients.personIds.slice(0, 5);
    await temp.db.courseRsvp.createMany({
      data: attending.map((personId) => ({ courseId, personId, answer: "yes", answeredAt: now })),
    });
    await temp.db.courseSend.create({ data: { courseId, kind: "reminder", dueAt: now } });
    const chats = recipients.chatIds.slice(0, 5);
    const reminders = (chatId: number) =>
      botTexts(chatId).filter((text) => text.includes("Tập huấn ba máy chủ"));
    await waitFor("the reminders", () => chats.every((chatId) => reminders(chatId).length > 0), 60_000);
    // A few more sweeps go by: nobody gets it twice.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    for (const chatId of chats) expect(reminders(chatId)).toHaveLength(1);
    expect(await temp.db.courseSend.findFirstOrThrow({ where: { courseId } })).toMatchObject({
      status: "done",
      queued: 5,
    });
    // Each slot of the sweep ran on one instance only (the unique slot key), whichever took it.
    const runs = await temp.db.schedulerRun.findMany({ where: { job: "course-sends" } });
    expect(runs.length).toBeGreaterThan(1);
    expect(new Set(runs.map((run) => run.fireAt.getTime())).size).toBe(runs.length);
  }, 120_000);

  it("a broadcast of a few thousand goes once within the global rate; killing the sender makes another take over", async () => {
    const sender = await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
    const text = "Thông báo cho ba máy chủ";
    sim.api.sendLog = [];
    const refusedBefore = sim.api.stats.refused429;
    const { broadcastId } = await queueAnnouncement(temp.db, {
      senderId: sender.id,
      personIds: recipients.personIds,
      text,
      now: fixtureClock.now(),
    });
    const received = (chatId: number) => botTexts(chatId).filter((t) => t.includes(text)).length;
    const delivered = () => recipients.chatIds.filter((id) => received(id) > 0).length;
    await waitFor("a third delivered", () => delivered() >= RECIPIENTS / 3, 120_000);

    // Kill the instance holding the sender's lease, mid-broadcast.
    const lease = await temp.db.lease.findUniqueOrThrow({ where: { name: outboxLeaseName("telegram") } });
    const pid = Number(/-(\d+)-[0-9a-f]{8}$/.exec(lease.holder)?.[1]);
    const holder = instances.find((p) => p.child.pid === pid);
    if (!holder) throw new Error(`no instance with pid ${pid} (${lease.holder})`);
    holder.child.kill("SIGKILL");
    expect(await holder.exited).toBe("SIGKILL");
    // What it had claimed and not recorded as sent: the only messages that may go twice.
    const inFlight = await temp.db.outboxMessage.findMany({
      where: { broadcastId, status: "sending", claimedBy: lease.holder },
      select: { chatId: true },
    });
    const atKill = delivered();
    expect(atKill).toBeLessThan(RECIPIENTS);
    // The load balancer's health check takes it out.
    sim.setWebhookBackends(origins.filter((_, i) => instances[i] !== holder));

    await waitFor(
      "the broadcast done",
      async () =>
        (await temp.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status === "done",
      180_000,
    );
    let lost = 0;
    const twice: string[] = [];
    for (const chatId of recipients.chatIds) {
      const count = received(chatId);
      if (count === 0) lost++;
      if (count > 1) twice.push(String(chatId));
    }
    expect(lost).toBe(0);
    // Nothing else twice: only what the killed sender had in flight.
    const inFlightChats = new Set(inFlight.map((row) => row.chatId));
    expect(twice.filter((chatId) => !inFlightChats.has(chatId))).toEqual([]);
    const takeover = await temp.db.lease.findUniqueOrThrow({ where: { name: outboxLeaseName("telegram") } });
    expect(takeover.holder).not.toBe(lease.holder);
    expect(await temp.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).toMatchObject({
      status: "done",
      sent: RECIPIENTS,
      failed: 0,
      unreachable: 0,
    });
    // Within the global rate: Telegram (the simulator) never had to refuse one, no second held
    // more than it accepts, and the broadcast as a whole went at no more than OUTBOX_RATE.
    expect(sim.api.stats.refused429 - refusedBefore).toBe(0);
    const times = (sim.api.sendLog ?? []).map((entry) => entry.at).sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    const span = ((times.at(-1) as number) - (times[0] as number)) / 1000;
    expect((times.length - 1) / span).toBeLessThanOrEqual(RATE);
    console.log(
      `three instances: ${atKill} delivered at the kill, ${inFlight.length} in flight, ${twice.length} sent twice, 0 lost; busiest second ${busiest} (rate ${RATE}, Telegram's limit ${TELEGRAM_LIMIT})`,
    );
  }, 300_000);
});
