import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitAccessRequest } from "../../src/domain/access/submit-access-request.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, USERS } from "../helpers/updates.js";

const clock = createFakeClock();

/**
 * Every command and callback of the bot, tried as every role and as a stranger. The expected
 * table is written out here on purpose (not derived from the permission module), so that a
 * change of rights shows up as a failing test.
 */
type Who = "stranger" | "hamlet_head" | "commune_officer" | "trainer" | "supervisor" | "admin";
const ALL: Who[] = ["stranger", "hamlet_head", "commune_officer", "trainer", "supervisor", "admin"];
const MEMBERS: Who[] = ["hamlet_head", "commune_officer", "trainer", "supervisor", "admin"];

const users: Record<Who, (typeof USERS)[keyof typeof USERS]> = {
  stranger: USERS.stranger,
  hamlet_head: USERS.hamletHead,
  commune_officer: USERS.communeOfficer,
  trainer: USERS.trainer,
  supervisor: USERS.supervisor,
  admin: USERS.admin,
};

let temp: TempDb;
let t: TestBot;
let faqId = 0;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db });
  faqId = (await temp.db.faqEntry.findFirstOrThrow({ where: { key: "thoi-gian-ra-soat-dinh-ky" } })).id;
});
afterAll(() => temp.cleanup());

/**
 * A fresh pending request to work at the commune officer's commune (as a commune officer: a
 * hamlet head's approval would first ask about the hamlet's current head).
 */
async function pendingRequest(): Promise<number> {
  const externalId = String(800000000 + Math.floor(Math.random() * 1e6));
  const account = await temp.db.channelAccount.create({
    data: { channel: "telegram", externalId, chatId: externalId },
  });
  const commune = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT" } });
  const result = await submitAccessRequest(temp.db, clock, t.deps.translator, {
    accountId: account.id,
    fullName: "Người Xin Quyền",
    phone: null,
    unitId: commune.id,
    role: "commune_officer",
  });
  if (!result.ok) throw new Error("request not filed");
  return result.requestId;
}

interface Row {
  name: string;
  allowed: Who[];
  make: (user: (typeof USERS)[keyof typeof USERS]) => Promise<Update> | Update;
  /** For actions with an effect: did it happen? */
  effect?: () => Promise<boolean>;
}

let lastRequestId = 0;
let exportsBefore = 0;
async function freshRequest(): Promise<number> {
  lastRequestId = await pendingRequest();
  return lastRequestId;
}
const rows: Row[] = [
  { name: "/start", allowed: ALL, make: (u) => command(u, "start") },
  { name: "/help", allowed: ALL, make: (u) => command(u, "help") },
  { name: "/cancel", allowed: ALL, make: (u) => command(u, "cancel") },
  { name: "/faq", allowed: ALL, make: (u) => command(u, "faq") },
  { name: "/language", allowed: ALL, make: (u) => command(u, "language") },
  { name: "/me", allowed: MEMBERS, make: (u) => command(u, "me") },
  { name: "/units", allowed: ["commune_officer", "supervisor", "admin"], make: (u) => command(u, "units") },
  { name: "m:home", allowed: ALL, make: (u) => callback(u, "m:home") },
  { name: "m:help", allowed: ALL, make: (u) => callback(u, "m:help") },
  { name: "m:faq", allowed: ALL, make: (u) => callback(u, "m:faq") },
  { name: "m:lang", allowed: ALL, make: (u) => callback(u, "m:lang") },
  { name: "lang:vi", allowed: ALL, make: (u) => callback(u, "lang:vi") },
  { name: "faq:t:T3:0", allowed: ALL, make: (u) => callback(u, "faq:t:T3:0") },
  { name: "m:tk", allowed: ["commune_officer", "trainer", "admin"], make: (u) => callback(u, "m:tk") },
  { name: "tk:l:0", allowed: ["commune_officer", "trainer", "admin"], make: (u) => callback(u, "tk:l:0") },
  { name: "m:rv", allowed: ["trainer", "admin"], make: (u) => callback(u, "m:rv") },
  { name: "rv:l:0", allowed: ["trainer", "admin"], make: (u) => callback(u, "rv:l:0") },
  { name: "faq:e:<id>", allowed: ALL, make: (u) => callback(u, `faq:e:${faqId}`) },
  { name: "m:req", allowed: ["stranger"], make: (u) => callback(u, "m:req") },
  { name: "m:me", allowed: MEMBERS, make: (u) => callback(u, "m:me") },
  {
    name: "m:units",
    allowed: ["commune_officer", "supervisor", "admin"],
    make: (u) => callback(u, "m:units"),
  },
  { name: "m:acc", allowed: ["commune_officer", "admin"], make: (u) => callback(u, "m:acc") },
  { name: "acc:p:0", allowed: ["commune_officer", "admin"], make: (u) => callback(u, "acc:p:0") },
  { name: "m:ppl", allowed: ["commune_officer", "admin"], make: (u) => callback(u, "m:ppl") },
  { name: "m:undo", allowed: ["admin"], make: (u) => callback(u, "m:undo") },
  { name: "m:inv", allowed: ["commune_officer", "supervisor", "admin"], make: (u) => callback(u, "m:inv") },
  {
    name: "acc:v:<id>",
    allowed: ["commune_officer", "admin"],
    make: async (u) => callback(u, `acc:v:${await freshRequest()}`),
  },
  {
    name: "acc:a:<id> (approve)",
    allowed: ["commune_officer", "admin"],
    make: async (u) => callback(u, `acc:a:${await freshRequest()}`),
    effect: async () =>
      (await temp.db.accessRequest.findUniqueOrThrow({ where: { id: lastRequestId } })).status === "approved",
  },
  {
    name: "acc:r:<id> (reject)",
    allowed: ["commune_officer", "admin"],
    make: async (u) => callback(u, `acc:r:${await freshRequest()}`),
    effect: async () =>
      (await temp.db.accessRequest.findUniqueOrThrow({ where: { id: lastRequestId } })).status === "rejected",
  },
  // Field reports: hamlet heads report; commune officers report incidents and review their units.
  { name: "/baocao", allowed: ["hamlet_head", "commune_officer"], make: (u) => command(u, "baocao") },
  { name: "m:rp", allowed: ["hamlet_head", "commune_officer"], make: (u) => callback(u, "m:rp") },
  { name: "m:myrp", allowed: ["hamlet_head", "commune_officer"], make: (u) => callback(u, "m:myrp") },
  {
    name: "rp:new:incident",
    allowed: ["hamlet_head", "commune_officer"],
    make: (u) => callback(u, "rp:new:incident"),
  },
  {
    name: "rp:new:review-progress",
    allowed: ["hamlet_head"],
    make: (u) => callback(u, "rp:new:review-progress"),
  },
  { name: "m:rps", allowed: ["commune_officer", "supervisor", "admin"], make: (u) => callback(u, "m:rps") },
  {
    name: "rp:st:review-progress:0",
    allowed: ["commune_officer", "supervisor", "admin"],
    make: (u) => callback(u, "rp:st:review-progress:0"),
  },
  {
    name: "rp:ls:review-progress:0:0",
    allowed: ["commune_officer", "supervisor", "admin"],
    make: (u) => callback(u, "rp:ls:review-progress:0:0"),
  },
  {
    name: "rp:ng:review-progress:0 (nudge)",
    allowed: ["commune_officer", "supervisor", "admin"],
    make: (u) => callback(u, "rp:ng:review-progress:0"),
  },
  {
    name: "rp:xl:review-progress:0 (export)",
    allowed: ["commune_officer", "supervisor", "admin"],
    make: (u) => callback(u, "rp:xl:review-progress:0"),
    effect: async () =>
      (await temp.db.auditLog.count({ where: { action: "report.export" } })) > exportsBefore,
  },
];

const DENIED = /không có quyền|Nút đã cũ/;

describe.each(rows)("$name", (row) => {
  it.each(ALL)("as %s", async (who) => {
    const user = users[who];
    const update = await row.make(user);
    exportsBefore = await temp.db.auditLog.count({ where: { action: "report.export" } });
    t.clear();
    await t.handle(update);
    const said = t
      .recent()
      .map((c) => String(c.payload.text ?? ""))
      .join("\n");
    const allowed = row.allowed.includes(who);
    if (allowed) {
      expect(said).not.toMatch(DENIED);
      expect(t.recent().length).toBeGreaterThan(0);
    } else {
      expect(said).toMatch(DENIED);
    }
    if (row.effect) expect(await row.effect()).toBe(allowed);
    // Leave whatever task was opened, so the next row starts clean.
    await t.handle(command(user, "cancel"));
  });
});
