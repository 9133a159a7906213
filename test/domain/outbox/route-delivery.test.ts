import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import {
  DEFAULT_SEND_POLICY,
  type RouteAccount,
  routeDelivery,
  type SendPolicy,
} from "../../../src/domain/outbox/route-delivery.js";
import { resolveIdentity } from "../../../src/domain/people/resolve-identity.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb } from "../../helpers/temp-db.js";

const NOW = new Date("2026-11-22T09:00:00+07:00");
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const zalo = (hours: number | null, blocked = false): RouteAccount => ({
  channel: "zalo",
  chatId: "z1",
  blockedAt: blocked ? ago(1) : null,
  lastInboundAt: hours === null ? null : ago(hours),
});
const tg: RouteAccount = { channel: "telegram", chatId: "t1", blockedAt: null, lastInboundAt: ago(500) };
const oa: SendPolicy = { ...DEFAULT_SEND_POLICY, zaloDialect: "oa" };
const withTemplate: SendPolicy = {
  ...oa,
  templates: { reminder: { templateId: "tpl-7", fields: { ten: "name", noi_dung: "text" } } },
};
const person = { fullName: "Ngô Thị Lan", phone: "0912345678" };
const route = (
  account: RouteAccount,
  policy: SendPolicy,
  others: RouteAccount[] = [],
  kind = "reminder" as const,
) => routeDelivery({ account, otherAccounts: others, kind, now: NOW, policy, person, text: "Nhắc lịch học" });

describe("A send policy per channel in the outbox", () => {
  it("Telegram always goes, free", () => {
    expect(route(tg, oa)).toEqual({ mode: "telegram", channel: "telegram", chatId: "t1", costVnd: 0 });
  });

  it("OA inside 48 h is free; at 3 days paid only when allowed; at 10 days a template or nothing", () => {
    expect(route(zalo(47), oa)).toMatchObject({ mode: "zalo_free", costVnd: 0 });
    expect(route(zalo(72), oa)).toEqual({ mode: "unreachable", reason: "paid_off", costVnd: 0 });
    expect(route(zalo(72), { ...oa, zaloPaidAllowed: true })).toMatchObject({
      mode: "zalo_paid",
      chatId: "z1",
      costVnd: 55,
    });
    expect(route(zalo(240), { ...oa, zaloPaidAllowed: true })).toEqual({
      mode: "unreachable",
      reason: "window_closed",
      costVnd: 0,
    });
    expect(route(zalo(240), withTemplate)).toEqual({
      mode: "template",
      channel: "zalo",
      phone: "0912345678",
      templateId: "tpl-7",
      data: { ten: "Ngô Thị Lan", noi_dung: "Nhắc lịch học" },
      costVnd: 300,
    });
    // A template for reminders is no template for broadcasts.
    expect(route(zalo(240), withTemplate, [], "broadcast" as never)).toMatchObject({
      reason: "window_closed",
    });
    expect(
      routeDelivery({
        account: zalo(240),
        otherAccounts: [],
        kind: "reminder",
        now: NOW,
        policy: withTemplate,
        person: { fullName: "X", phone: null },
      }),
    ).toEqual({ mode: "unreachable", reason: "no_phone", costVnd: 0 });
  });

  it("a person with both channels is reached on the free one before anything costs money", () => {
    expect(route(zalo(72), { ...withTemplate, zaloPaidAllowed: true }, [tg])).toMatchObject({
      mode: "telegram",
      chatId: "t1",
    });
    expect(route(tg, oa, [zalo(1)])).toMatchObject({ mode: "telegram" });
    expect(route({ ...tg, blockedAt: ago(1) }, oa, [zalo(1)])).toMatchObject({
      mode: "zalo_free",
      chatId: "z1",
    });
    expect(route({ ...tg, blockedAt: ago(1) }, oa, [zalo(100)])).toEqual({
      mode: "unreachable",
      reason: "blocked",
      costVnd: 0,
    });
  });

  it("Bot Platform: only people who wrote to the bot, within the month's quota", () => {
    const bot = DEFAULT_SEND_POLICY;
    expect(route(zalo(2000), bot)).toMatchObject({ mode: "zalo_free", costVnd: 0 });
    expect(route(zalo(null), bot)).toEqual({ mode: "unreachable", reason: "never_wrote", costVnd: 0 });
    const at = (sent: number) =>
      routeDelivery({
        account: zalo(1),
        otherAccounts: [],
        kind: "reminder",
        now: NOW,
        policy: bot,
        zaloSentThisMonth: sent,
      });
    expect(at(2999)).toMatchObject({ mode: "zalo_free" });
    expect(at(3000)).toEqual({ mode: "unreachable", reason: "quota", costVnd: 0 });
    // Bot Platform never pays nor uses templates, whatever else is configured.
    expect(
      routeDelivery({
        account: zalo(null),
        otherAccounts: [],
        kind: "reminder",
        now: NOW,
        policy: { ...withTemplate, zaloDialect: "bot", zaloPaidAllowed: true },
        person,
      }),
    ).toMatchObject({ mode: "unreachable", reason: "never_wrote" });
  });

  it("a template's date field is the day in Vietnam as people read it, not a UTC timestamp", () => {
    // 01:00 on 22/11 in Hà Nội is still 21/11 in UTC.
    const early = new Date("2026-11-22T01:00:00+07:00");
    const dated = routeDelivery({
      account: zalo(240),
      otherAccounts: [],
      kind: "reminder",
      now: early,
      policy: {
        ...oa,
        templates: { reminder: { templateId: "tpl-7", fields: { ten: "name", han: "date" } } },
      },
      person,
      text: "Nhắc lịch học",
    });
    expect(dated).toMatchObject({ mode: "template", data: { ten: "Ngô Thị Lan", han: "22/11/2026" } });
  });

  it("the policy comes from the environment, nothing paid by default", () => {
    const base = { ZALO_BOT_TOKEN: "", BOT_TOKEN: "" };
    const plain = loadConfig(base);
    expect(plain.ok && plain.config.sendPolicy).toEqual(DEFAULT_SEND_POLICY);
    const set = loadConfig({
      ...base,
      ZALO_DIALECT: "oa",
      ZALO_PAID_MESSAGES: "true",
      ZALO_PAID_COST_VND: "60",
      ZALO_TEMPLATES: '{"reminder":{"templateId":"tpl-7","fields":{"ten":"name"}}}',
    });
    expect(set.ok && set.config.sendPolicy).toMatchObject({
      zaloDialect: "oa",
      zaloPaidAllowed: true,
      zaloPaidCostVnd: 60,
      templates: { reminder: { templateId: "tpl-7", fields: { ten: "name" } } },
    });
    const bad = loadConfig({ ...base, ZALO_TEMPLATES: "{oops", ZALO_DIALECT: "x" });
    expect(bad.ok ? [] : bad.problems.map((p) => p.split(":")[0])).toEqual([
      "ZALO_DIALECT",
      "ZALO_TEMPLATES",
    ]);
  });
});

describe("A send policy per channel in the outbox: each account's last inbound message", () => {
  it("every update records lastInboundAt; a new account starts with it", async () => {
    const temp = await createTempDb();
    try {
      const clock = createFakeClock("2026-11-20T08:00:00+07:00");
      const profile = { channel: "zalo" as const, externalId: "abc", chatId: "abc" };
      await resolveIdentity(temp.db, clock, profile);
      const first = await temp.db.channelAccount.findFirstOrThrow({ where: { externalId: "abc" } });
      expect(first.lastInboundAt?.toISOString()).toBe("2026-11-20T01:00:00.000Z");
      clock.advance(3 * 24 * HOUR);
      await resolveIdentity(temp.db, clock, profile);
      const later = await temp.db.channelAccount.findFirstOrThrow({ where: { externalId: "abc" } });
      expect(later.lastInboundAt?.toISOString()).toBe("2026-11-23T01:00:00.000Z");
    } finally {
      await temp.cleanup();
    }
  });
});
