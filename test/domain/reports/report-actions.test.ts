import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import { isUniqueViolation } from "../../../src/db/unique-violation.js";
import { createFormCatalog, type FormCatalog } from "../../../src/domain/reports/form-catalog.js";
import type { Answers } from "../../../src/domain/reports/form-engine.js";
import { loadOwnReport } from "../../../src/domain/reports/load-own-report.js";
import { loadReportForReview } from "../../../src/domain/reports/load-report-for-review.js";
import { nudgeMissingReporters } from "../../../src/domain/reports/nudge-missing-reporters.js";
import { periodAt } from "../../../src/domain/reports/periods.js";
import {
  discardDraft,
  findOpenDrafts,
  startDraft,
  submitReport,
} from "../../../src/domain/reports/report-store.js";
import {
  listReportsInScope,
  remindMissing,
  reportingStatus,
  returnForCorrection,
} from "../../../src/domain/reports/review.js";
import { sendDueReminders } from "../../../src/domain/reports/send-due-reminders.js";
import { StoredJsonError } from "../../../src/domain/reports/stored-report-json.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { crashAtEveryWrite } from "../../helpers/failing-writes.js";
import { createFakeClock, type FakeClock } from "../../helpers/fake-clock.js";
import { linkTelegram, telegramUser } from "../../helpers/report-driver.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const TZ = "Asia/Ho_Chi_Minh";
const translator = createTranslator("vi");

let temp: TempDb;
let clock: FakeClock;
let catalog: FormCatalog;
/** Nguyễn Văn An (hamlet head, Thôn 3), Võ Văn Giang (Thôn 1), Trần Thị Bình (their commune's officer), Bùi Văn Khánh (another commune's), Hoàng Văn Em (admin). */
let people: Record<"an" | "giang" | "binh" | "khanh" | "em", { id: number; unitId: number }>;

beforeEach(async () => {
  temp = await createTempDb({ seed: true });
  clock = createFakeClock("2026-11-18T09:00:00+07:00"); // Wednesday of week 47, in the review season
  catalog = createFormCatalog(temp.db);
  const byPhone = (phone: string) =>
    temp.db.person.findUniqueOrThrow({ where: { phone }, select: { id: true, unitId: true } });
  people = {
    an: await byPhone("+84912000001"),
    giang: await byPhone("+84912000011"),
    binh: await byPhone("+84912000002"),
    khanh: await byPhone("+84912000021"),
    em: await byPhone("+84912000005"),
  };
  // Giang can be messaged too: reminders reach two people.
  await linkTelegram(temp.db, "+84912000011", telegramUser(710000201, "Giang"));
});
afterEach(() => temp.cleanup());

const REVIEW_ANSWERS: Answers = {
  households_listed: 120,
  poor_at_start: 25,
  households_surveyed: 100,
  proposed_poor: 18,
  proposed_near_poor: 22,
  proposed_exit_poor: 7,
  meeting_held: false,
};

const URGENT_INCIDENT: Answers = {
  kind: "chay_no",
  happened_on: "2026-11-18",
  description: "Cháy kho rơm, hai hộ mất lương thực.",
  households_affected: 2,
  urgent_support: true,
  support_needed: ["luong_thuc"],
};

async function form(key: string) {
  const found = await catalog.byKey(key);
  if (!found) throw new Error(`no form ${key}`);
  return found;
}

/** This week's period key of the weekly review. */
async function thisWeek(): Promise<string> {
  const period = periodAt((await form("review-progress")).definition.period, clock.now(), TZ);
  if (!period) throw new Error("out of season");
  return period.key;
}

async function draftOf(
  db: Db,
  person: { id: number; unitId: number },
  formKey = "review-progress",
  periodKey?: string,
) {
  const started = await startDraft(db, clock, {
    personId: person.id,
    form: await form(formKey),
    periodKey: periodKey ?? (await thisWeek()),
  });
  if (!started.ok) throw new Error(started.reason);
  return started.draft.id;
}

async function send(
  db: Db,
  person: { id: number },
  reportId: number,
  answers: Answers = REVIEW_ANSWERS,
  submitKey = `k${reportId}:${clock.now().getTime()}`,
) {
  return submitReport(db, clock, translator, { reportId, personId: person.id, answers, submitKey });
}

/** Everything an action of the reports area can write. */
async function everything(db: Db) {
  const [reports, revisions, audit, outbox] = await Promise.all([
    db.report.findMany({ orderBy: { id: "asc" } }),
    db.reportRevision.findMany({ orderBy: { id: "asc" } }),
    db.auditLog.findMany({ orderBy: { id: "asc" } }),
    db.outboxMessage.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { reports, revisions, audit, outbox };
}

describe("Rules in the database", () => {
  it("one sent report per unit, form and period is a unique key the database refuses twice", async () => {
    const tu = await addHamletHead(people.an.unitId);
    const first = await draftOf(temp.db, people.an);
    const second = await draftOf(temp.db, tu);
    expect(await send(temp.db, people.an, first)).toMatchObject({ ok: true, duplicate: false });
    const sent = await temp.db.report.findUniqueOrThrow({ where: { id: first } });
    expect(sent.sentSlotKey).toBe(`review-progress:${await thisWeek()}:${people.an.unitId}`);
    expect(sent.openDraftKey).toBeNull();
    // Whatever the code checks first, the database itself refuses a second report in the slot.
    const refused = await temp.db.report
      .update({ where: { id: second }, data: { status: "submitted", sentSlotKey: sent.sentSlotKey } })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(refused, ["sentSlotKey"])).toBe(true);
    expect(isUniqueViolation(refused, ["openDraftKey"])).toBe(false);
    // Through the action: the other head of the hamlet is told it has reported.
    expect(await send(temp.db, tu, second)).toEqual({
      ok: false,
      reason: "already_submitted",
      reportId: first,
    });
    expect(
      await startDraft(temp.db, clock, {
        personId: tu.id,
        form: await form("review-progress"),
        periodKey: await thisWeek(),
      }),
    ).toMatchObject({ ok: true, resumed: true, draft: { id: second } });
  });

  it("two people of one hamlet send the week's report at once: one is sent, the other is told the hamlet has reported", async () => {
    const tu = await addHamletHead(people.an.unitId);
    const other = temp.reopen();
    const mine = await draftOf(temp.db, people.an);
    const theirs = await draftOf(other, tu);
    const results = await Promise.all([send(temp.db, people.an, mine), send(other, tu, theirs)]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.ok ? winners[0].reportId : 0;
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "already_submitted", reportId: winner },
    ]);
    const sent = await temp.db.report.findMany({ where: { status: "submitted" } });
    expect(sent.map((r) => r.id)).toEqual([winner]);
    expect(await temp.db.reportRevision.count()).toBe(1);
    expect(await temp.db.auditLog.count({ where: { action: "report.submit" } })).toBe(1);
    // The loser's answers are kept as their draft.
    const kept = await temp.db.report.findUniqueOrThrow({ where: { id: winner === mine ? theirs : mine } });
    expect(kept.status).toBe("draft");
  }, 120_000);

  it("one open draft per person and form: two starts at once (a double tap on two instances) make one draft", async () => {
    const other = temp.reopen();
    const [a, b] = await Promise.all([draftOf(temp.db, people.an), draftOf(other, people.an)]);
    expect(a).toBe(b);
    expect(await temp.db.report.count({ where: { personId: people.an.id } })).toBe(1);
    const refused = await temp.db.report
      .create({
        data: {
          formId: (await form("review-progress")).id,
          formKey: "review-progress",
          periodKey: "2026-W46",
          unitId: people.an.unitId,
          personId: people.an.id,
          openDraftKey: `${people.an.id}:review-progress`,
          answers: {},
        },
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(refused, ["openDraftKey"])).toBe(true);
  }, 120_000);

  it("a draft sent or discarded frees its form for the next draft; another form's draft is its own", async () => {
    const first = await draftOf(temp.db, people.an);
    const incident = await draftOf(temp.db, people.an, "incident", "adhoc-1");
    expect(incident).not.toBe(first);
    expect(await discardDraft(temp.db, first, people.an.id)).toBe(true);
    const again = await draftOf(temp.db, people.an);
    expect(again).not.toBe(first);
    expect((await send(temp.db, people.an, incident, URGENT_INCIDENT)).ok).toBe(true);
    const sentIncident = await temp.db.report.findUniqueOrThrow({ where: { id: incident } });
    // An incident is its own period: sent, it holds no slot.
    expect(sentIncident).toMatchObject({ status: "submitted", openDraftKey: null, sentSlotKey: null });
    expect(await draftOf(temp.db, people.an, "incident", "adhoc-2")).not.toBe(incident);
  });

  it("statuses and stored JSON are read through their schemas: a row that holds something else is an error naming it", async () => {
    const id = await draftOf(temp.db, people.an);
    const own = await loadOwnReport(temp.db, people.an.id, id);
    expect(own).toMatchObject({ status: "draft", answers: {}, returnedFields: null });
    await temp.db.report.update({ where: { id }, data: { answers: { households_listed: { much: 1 } } } });
    await expect(loadOwnReport(temp.db, people.an.id, id)).rejects.toThrow(StoredJsonError);
    await expect(loadOwnReport(temp.db, people.an.id, id)).rejects.toThrow(`Report ${id}`);
    await temp.db.report.update({ where: { id }, data: { answers: {}, status: "sent" } });
    await expect(loadOwnReport(temp.db, people.an.id, id)).rejects.toThrow(
      /draft.*submitted.*returned.*accepted/s,
    );
  });
});

describe("One transaction per user action", () => {
  describe("a crash injected inside each multi-write action leaves nothing half-done", () => {
    it("sending an urgent report: status, revision, audit entry and the officer's notice", async () => {
      const id = await draftOf(temp.db, people.an, "incident", "adhoc-1");
      const before = await everything(temp.db);
      const { writes, result } = await crashAtEveryWrite(
        temp.db,
        (db) => send(db, people.an, id, URGENT_INCIDENT, "press-1"),
        async () => expect(await everything(temp.db)).toEqual(before),
      );
      expect(result).toMatchObject({ ok: true, duplicate: false, notice: { reached: ["Trần Thị Bình"] } });
      expect(writes).toBeGreaterThanOrEqual(4);
      const after = await everything(temp.db);
      expect(after.revisions).toHaveLength(1);
      expect(after.audit.slice(before.audit.length).map((a) => a.action)).toEqual(["report.submit"]);
      expect(after.outbox).toHaveLength(1);
    });

    it("sending a corrected report: status, revision, audit entry and the notice of what changed", async () => {
      const id = await draftOf(temp.db, people.an);
      await send(temp.db, people.an, id);
      expect((await returnReport(temp.db, people.binh, id)).ok).toBe(true);
      const before = await everything(temp.db);
      const { result } = await crashAtEveryWrite(
        temp.db,
        (db) => send(db, people.an, id, { ...REVIEW_ANSWERS, households_listed: 130 }, "press-2"),
        async () => expect(await everything(temp.db)).toEqual(before),
      );
      expect(result).toMatchObject({ ok: true, corrected: true });
      const after = await everything(temp.db);
      expect(after.revisions.map((r) => r.event)).toEqual(["submitted", "returned", "corrected"]);
      expect(after.outbox.length).toBe(before.outbox.length + 1);
    });

    it("returning a report for correction: status, revision, audit entry and the author's notice", async () => {
      const id = await draftOf(temp.db, people.an);
      await send(temp.db, people.an, id);
      const before = await everything(temp.db);
      const { writes, result } = await crashAtEveryWrite(
        temp.db,
        (db) => returnReport(db, people.binh, id),
        async () => expect(await everything(temp.db)).toEqual(before),
      );
      expect(result).toEqual({ ok: true, unreachable: null });
      expect(writes).toBe(4);
      const after = await everything(temp.db);
      expect(after.reports.find((r) => r.id === id)?.status).toBe("returned");
      expect(after.revisions.at(-1)?.event).toBe("returned");
      expect(after.audit.at(-1)?.action).toBe("report.return");
      expect(after.outbox.length).toBe(before.outbox.length + 1);
    });

    it("a reviewer's nudge: a reminder to each missing person and the audit entry", async () => {
      const before = await everything(temp.db);
      const { result } = await crashAtEveryWrite(
        temp.db,
        (db) => nudge(db, people.binh),
        async () => expect(await everything(temp.db)).toEqual(before),
      );
      expect(result).toMatchObject({ ok: true, reminded: 2 });
      const after = await everything(temp.db);
      expect(after.outbox).toHaveLength(2);
      expect(after.audit.slice(before.audit.length).map((a) => a.action)).toEqual(["report.nudge"]);
    });

    it("the scheduled reminders of a form: the missing people's reminders and the officers' lists", async () => {
      clock.set("2026-11-20T08:00:00+07:00"); // Friday, the deadline of week 47
      const before = await everything(temp.db);
      const { result } = await crashAtEveryWrite(
        temp.db,
        (db) => sendDueReminders(db, clock, translator, catalog, TZ),
        async () => expect(await everything(temp.db)).toEqual(before),
      );
      // An and Giang for the weekly review, and Bình's list of who is missing.
      expect(result).toBe(3);
      expect((await everything(temp.db)).outbox).toHaveLength(3);
    });
  });

  describe("the same action twice at once: one winner, a clear 'already done' for the other", () => {
    it("two presses of one “Gửi” handled at once (a re-delivered update on another instance) send it once", async () => {
      const other = temp.reopen();
      const id = await draftOf(temp.db, people.an, "incident", "adhoc-1");
      const results = await Promise.all([
        send(temp.db, people.an, id, URGENT_INCIDENT, "same-press"),
        send(other, people.an, id, URGENT_INCIDENT, "same-press"),
      ]);
      expect(results.map((r) => r.ok && r.duplicate).sort()).toEqual([false, true]);
      expect(results.every((r) => r.ok && r.reportId === id)).toBe(true);
      expect(await temp.db.reportRevision.count()).toBe(1);
      expect(await temp.db.outboxMessage.count()).toBe(1);
    }, 120_000);

    it("two reviewers return one report at once: it is returned once, the other is told it is back already", async () => {
      const id = await draftOf(temp.db, people.an);
      await send(temp.db, people.an, id);
      const other = temp.reopen();
      const results = await Promise.all([
        returnReport(temp.db, people.binh, id),
        returnReport(other, people.em, id),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_returned" }]);
      expect(await temp.db.reportRevision.count({ where: { event: "returned" } })).toBe(1);
      expect(await temp.db.auditLog.count({ where: { action: "report.return" } })).toBe(1);
      expect(await temp.db.outboxMessage.count({ where: { personId: people.an.id } })).toBe(1);
    }, 120_000);

    it("two nudges at once by one reviewer remind each missing person once", async () => {
      const other = temp.reopen();
      const results = await Promise.all([nudge(temp.db, people.binh), nudge(other, people.binh)]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.map((r) => (r.ok ? r.reminded : -1)).sort()).toEqual([0, 2]);
      expect(await temp.db.outboxMessage.count()).toBe(2);
    }, 120_000);
  });

  describe("domain functions own their permission checks", () => {
    it("who has reported: only a reviewer as they stand now, within their units", async () => {
      const review = (await form("review-progress")).definition;
      const week = await thisWeek();
      const forBinh = await reportingStatus(temp.db, people.binh.id, review, week);
      expect(forBinh.ok && forBinh.status.total).toBe(3);
      expect(await reportingStatus(temp.db, people.an.id, review, week)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
      expect(await listReportsInScope(temp.db, people.an.id, "review-progress", week)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
      await temp.db.person.update({ where: { id: people.binh.id }, data: { status: "inactive" } });
      expect(await reportingStatus(temp.db, people.binh.id, review, week)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
      expect(await listReportsInScope(temp.db, people.binh.id, "review-progress", week)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
    });

    it("reminding the missing: a hamlet head or a deactivated officer reminds nobody", async () => {
      const review = await form("review-progress");
      const period = periodAt(review.definition.period, clock.now(), TZ);
      if (!period) throw new Error("out of season");
      const remind = (actorId: number) =>
        temp.db.$transaction((tx) =>
          remindMissing(tx, clock, translator, {
            form: review.definition,
            period,
            key: `test:${actorId}`,
            by: { actorId },
          }),
        );
      expect(await remind(people.an.id)).toEqual({ ok: false, reason: "not_allowed" });
      await temp.db.person.update({ where: { id: people.binh.id }, data: { status: "inactive" } });
      expect(await remind(people.binh.id)).toEqual({ ok: false, reason: "not_allowed" });
      expect(await nudge(temp.db, people.binh)).toEqual({ ok: false, reason: "not_allowed" });
      expect(await temp.db.outboxMessage.count()).toBe(0);
      expect(await temp.db.auditLog.count({ where: { action: "report.nudge" } })).toBe(0);
    });

    it("opening a report for review: refused outside the reviewer's units, to hamlet heads, and for drafts", async () => {
      const id = await draftOf(temp.db, people.an);
      expect(await loadReportForReview(temp.db, people.binh.id, id)).toEqual({
        ok: false,
        reason: "not_found",
      });
      await send(temp.db, people.an, id);
      expect(await loadReportForReview(temp.db, people.binh.id, id)).toMatchObject({
        ok: true,
        report: { id, status: "submitted", unitName: "Thôn 3", authorName: "Nguyễn Văn An" },
      });
      expect(await loadReportForReview(temp.db, people.khanh.id, id)).toEqual({
        ok: false,
        reason: "out_of_scope",
      });
      expect(await loadReportForReview(temp.db, people.an.id, id)).toEqual({
        ok: false,
        reason: "not_allowed",
      });
      expect(await returnReport(temp.db, people.khanh, id)).toEqual({ ok: false, reason: "out_of_scope" });
    });

    it("starting a draft: only someone the form is for, as they stand now, and for their own unit", async () => {
      const start = (personId: number, key = "review-progress") =>
        form(key).then(async (found) =>
          startDraft(temp.db, clock, { personId, form: found, periodKey: await thisWeek() }),
        );
      // The weekly review is for hamlet heads: a commune officer reports incidents, not the review.
      expect(await start(people.binh.id)).toEqual({ ok: false, reason: "not_allowed" });
      const draft = await start(people.an.id);
      expect(
        draft.ok && (await temp.db.report.findUniqueOrThrow({ where: { id: draft.draft.id } })).unitId,
      ).toBe(people.an.unitId);
      await temp.db.person.update({ where: { id: people.giang.id }, data: { status: "inactive" } });
      expect(await start(people.giang.id)).toEqual({ ok: false, reason: "not_allowed" });
      expect(await temp.db.report.count()).toBe(1);
    });

    it("sending a report: its author as they stand now — deactivated, they cannot send it", async () => {
      const id = await draftOf(temp.db, people.an);
      await temp.db.person.update({ where: { id: people.an.id }, data: { status: "inactive" } });
      const before = await everything(temp.db);
      expect(await send(temp.db, people.an, id)).toEqual({ ok: false, reason: "not_allowed" });
      expect(await everything(temp.db)).toEqual(before);
      expect((await findOpenDrafts(temp.db, people.an.id)).map((d) => d.id)).toEqual([id]);
    });

    it("the report screens read and write through domain functions, never Prisma directly", () => {
      const dir = join(import.meta.dirname, "../../../src/bot/features");
      const offenders = readdirSync(dir)
        .filter((name) => /^report.*\.ts$/.test(name))
        .flatMap((name) =>
          readFileSync(join(dir, name), "utf8")
            .split("\n")
            .map((line, i) => ({ where: `${name}:${i + 1}`, line }))
            .filter(({ line }) => /deps\.db\.(?!\$)\w+\.\w+\(/.test(line) || /deps\.db\.\$/.test(line)),
        );
      expect(offenders).toEqual([]);
    });
  });
});

async function addHamletHead(unitId: number) {
  const person = await temp.db.person.create({
    data: { fullName: "Phan Văn Tư", role: "hamlet_head", unitId, status: "active" },
  });
  return { id: person.id, unitId };
}

function returnReport(db: Db, reviewer: { id: number }, reportId: number) {
  return returnForCorrection(db, clock, translator, reviewer.id, {
    reportId,
    fields: ["households_listed"],
    comment: "Kiểm tra lại số hộ.",
  });
}

async function nudge(db: Db, reviewer: { id: number }) {
  const review = await form("review-progress");
  const period = periodAt(review.definition.period, clock.now(), TZ);
  if (!period) throw new Error("out of season");
  return nudgeMissingReporters(db, clock, translator, reviewer.id, {
    form: review.definition,
    period,
    timeZone: TZ,
  });
}
