import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../src/db/client.js";
import { addFaqPhrasing } from "../../../src/domain/faq/add-faq-phrasing.js";
import { recordFeedback, reviewPromotedEntry } from "../../../src/domain/faq/feedback.js";
import { PROMOTED_KEY_PREFIX } from "../../../src/domain/faq/import-faq-content.js";
import {
  answerTicket,
  askOfficer,
  escalateOpenTickets,
  listOpenTickets,
  loadTicketToAnswer,
  promoteTicket,
  recordQuestion,
} from "../../../src/domain/faq/questions.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { concurrentClients } from "../../helpers/concurrent-clients.js";
import { expectNothingLeft } from "../../helpers/fail-writes.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const clock = createFakeClock();
const translator = createTranslator();
const TZ = "Asia/Ho_Chi_Minh";
const DAY = 24 * 60 * 60_000;
let temp: TempDb;
let questionSeq = 0;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

const personId = async (fullName: string) =>
  (await temp.db.person.findFirstOrThrow({ where: { fullName } })).id;
const accountOf = async (fullName: string) =>
  (await temp.db.channelAccount.findFirstOrThrow({ where: { person: { fullName } } })).id;

/** A question asked in the bot by someone of the roster (not yet handed to anyone). */
async function question(fullName: string, text: string, db: Db = temp.db) {
  const accountId = await accountOf(fullName);
  const questionId = await recordQuestion(db, clock, {
    accountId,
    personId: await personId(fullName),
    text,
    matchedEntryId: null,
    score: null,
  });
  return { questionId, accountId };
}

/** A fresh question text, so that each test has its own ticket. */
const fresh = (text: string) => `${text} (${++questionSeq})`;

async function twice<T>(action: (db: Db, index: number) => Promise<T>): Promise<T[]> {
  const { clients, close } = concurrentClients(temp);
  try {
    return await Promise.all(clients.map((db, index) => action(db, index)));
  } finally {
    await close();
  }
}

/** A ticket of Xã Lâm Trung Thủy asked by An and answered by Bình: its id. */
async function answeredTicket(text: string): Promise<number> {
  const asked = await askOfficer(temp.db, clock, translator, await question("Nguyễn Văn An", text));
  if (!asked.ok) throw new Error(asked.reason);
  const answered = await answerTicket(temp.db, clock, translator, await personId("Trần Thị Bình"), {
    ticketId: asked.ticketId,
    answer: "Liên hệ UBND xã.",
  });
  if (!answered.ok) throw new Error(answered.reason);
  return asked.ticketId;
}

describe("Rules in the database", () => {
  it("one open ticket per question and place: two people of one commune asking it at once share one, the officers are told once", async () => {
    const text = fresh("Nhà văn hóa thôn bị dột thì xin kinh phí ở đâu?");
    // A hamlet head and the commune's officer: both questions go to Xã Lâm Trung Thủy.
    const asked = [await question("Nguyễn Văn An", text), await question("Trần Thị Bình", text)];
    const results = await twice((db, index) =>
      askOfficer(db, clock, translator, asked[index] ?? { questionId: 0, accountId: 0 }),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ticketIds = new Set(results.map((r) => (r.ok ? r.ticketId : 0)));
    expect(ticketIds.size).toBe(1);
    expect(results.filter((r) => r.ok && r.joined)).toHaveLength(1);
    const [ticketId] = [...ticketIds];
    expect(await temp.db.question.count({ where: { ticketId } })).toBe(2);
    const bình = await personId("Trần Thị Bình");
    expect(
      await temp.db.outboxMessage.count({
        where: { idempotencyKey: `ticket:${ticketId}:level0:p${bình}:p${bình}` },
      }),
    ).toBe(1);
  });

  it("an answered ticket frees its key: the same question asked later opens a new one", async () => {
    const text = fresh("Hộ cận nghèo có được miễn học phí không?");
    const first = await answeredTicket(text);
    expect((await temp.db.questionTicket.findUniqueOrThrow({ where: { id: first } })).openKey).toBeNull();
    const again = await askOfficer(temp.db, clock, translator, await question("Nguyễn Văn An", text));
    expect(again).toMatchObject({ ok: true, joined: false });
    expect(again.ok && again.ticketId).not.toBe(first);
  });

  it("a question is handed over once: the same button tapped twice at once", async () => {
    const asked = await question("Nguyễn Văn An", fresh("Khi nào có danh sách hộ nghèo mới?"));
    const results = await twice((db) => askOfficer(db, clock, translator, asked));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_asked" }]);
    expect(
      await temp.db.questionTicket.count({ where: { text: { startsWith: "Khi nào có danh sách" } } }),
    ).toBe(1);
  });

  it("one promotion per answer: promoted twice at once, one entry; the other hears it is promoted", async () => {
    const ticketId = await answeredTicket(fresh("Xin giấy xác nhận hộ nghèo ở đâu?"));
    const [bình, em] = [await personId("Trần Thị Bình"), await personId("Hoàng Văn Em")];
    const results = await twice((db, index) =>
      promoteTicket(db, clock, index === 0 ? bình : em, ticketId, TZ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_promoted" }]);
    expect(await temp.db.faqEntry.count({ where: { key: `${PROMOTED_KEY_PREFIX}${ticketId}` } })).toBe(1);
    expect(
      await temp.db.auditLog.count({
        where: { action: "faq.promote", targetId: `${PROMOTED_KEY_PREFIX}${ticketId}` },
      }),
    ).toBe(1);
  });

  it("one phrasing per entry and wording: two editors adding it at once add it once, the other hears it is there", async () => {
    const entry = await temp.db.faqEntry.findFirstOrThrow({
      where: { status: "verified" },
      orderBy: { id: "asc" },
    });
    const [cường, em] = [await personId("Lê Văn Cường"), await personId("Hoàng Văn Em")];
    const text = "ho ngheo duoc ho tro gi khi nha bi dot";
    const results = await twice((db, index) =>
      addFaqPhrasing(db, clock, index === 0 ? cường : em, { entryId: entry.id, text }),
    );
    expect(results.map((r) => r.ok && r.added).sort()).toEqual([false, true]);
    expect(await temp.db.faqPhrasing.count({ where: { entryId: entry.id } })).toBe(1);
    expect(await temp.db.auditLog.count({ where: { action: "faq.phrasing", targetId: entry.key } })).toBe(1);
  });

  it("one opinion per answer to a question: 👎 tapped twice at once leaves one; a tap from the topic list is kept each time", async () => {
    const entry = await temp.db.faqEntry.findFirstOrThrow({
      where: { status: "verified" },
      orderBy: { id: "asc" },
    });
    const asked = await question("Nguyễn Văn An", fresh("Chuẩn nghèo là bao nhiêu?"));
    const an = await personId("Nguyễn Văn An");
    const input = {
      entryId: entry.id,
      questionId: asked.questionId,
      accountId: asked.accountId,
      personId: an,
    };
    const results = await twice((db) => recordFeedback(db, clock, { ...input, helpful: false }));
    expect(new Set(results.map((r) => r.feedbackId)).size).toBe(1);
    expect(await recordFeedback(temp.db, clock, { ...input, helpful: true })).toEqual(results[0]);
    const rows = await temp.db.answerFeedback.findMany({ where: { questionId: asked.questionId } });
    expect(rows.map((row) => row.helpful)).toEqual([true]);
    // Someone else's question id is not theirs to rate: kept as a topic-list tap.
    const other = await recordFeedback(temp.db, clock, {
      ...input,
      accountId: await accountOf("Trần Thị Bình"),
      helpful: true,
    });
    expect(other.questionId).toBeNull();
    await expect(
      temp.db.answerFeedback.create({
        data: { entryId: entry.id, questionId: asked.questionId, helpful: false },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("One transaction per user action", () => {
  it("Hỏi cán bộ: a failed notice to the officers leaves no ticket and the question not handed over", async () => {
    const asked = await question("Nguyễn Văn An", fresh("Vay vốn hộ nghèo cần giấy tờ gì?"));
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      askOfficer(db, clock, translator, asked),
    );
  });

  it("an answer and its notices to the askers: a failed notice leaves the ticket open, no audit entry", async () => {
    const asked = await askOfficer(
      temp.db,
      clock,
      translator,
      await question("Nguyễn Văn An", fresh("Hộ mới thoát nghèo được hỗ trợ gì?")),
    );
    if (!asked.ok) throw new Error(asked.reason);
    const bình = await personId("Trần Thị Bình");
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      answerTicket(db, clock, translator, bình, { ticketId: asked.ticketId, answer: "Được hỗ trợ BHYT." }),
    );
    // Two officers answering at once: one answer goes out.
    const [em] = [await personId("Hoàng Văn Em")];
    const results = await twice((db, index) =>
      answerTicket(db, clock, translator, index === 0 ? bình : em, {
        ticketId: asked.ticketId,
        answer: "Có.",
      }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_answered" }]);
    expect(
      await temp.db.auditLog.count({ where: { action: "faq.answer", targetId: String(asked.ticketId) } }),
    ).toBe(1);
  });

  it("a promotion: a failed audit entry leaves no entry and the ticket not promoted", async () => {
    const ticketId = await answeredTicket(fresh("Ai xác nhận hộ làm nông nghiệp có mức sống trung bình?"));
    const bình = await personId("Trần Thị Bình");
    await expectNothingLeft(temp.db, { model: "AuditLog", operation: "create" }, (db) =>
      promoteTicket(db, clock, bình, ticketId, TZ),
    );
  });

  it("an escalation and its notices: a failed notice leaves the ticket at its level", async () => {
    const later = createFakeClock(new Date(clock.now().getTime() + 10 * DAY));
    const asked = await askOfficer(
      temp.db,
      clock,
      translator,
      await question("Nguyễn Văn An", fresh("Thủ tục công nhận thôn đặc biệt khó khăn?")),
    );
    if (!asked.ok) throw new Error(asked.reason);
    // Every other open ticket is past escalating, so that only this one is left to escalate.
    await temp.db.questionTicket.updateMany({
      where: { id: { not: asked.ticketId } },
      data: { escalationLevel: 2 },
    });
    await expectNothingLeft(temp.db, { sql: /INSERT INTO "OutboxMessage"/ }, (db) =>
      escalateOpenTickets(db, later, translator, 3),
    );
    expect(await escalateOpenTickets(temp.db, later, translator, 3)).toBe(1);
  });

  it("a review decided twice at once is decided once", async () => {
    const ticketId = await answeredTicket(fresh("Hồ sơ xin hỗ trợ nhà ở gồm gì?"));
    const bình = await personId("Trần Thị Bình");
    const promoted = await promoteTicket(temp.db, clock, bình, ticketId, TZ);
    if (!promoted.ok) throw new Error(promoted.reason);
    const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { key: promoted.key } });
    const [em, cường] = [await personId("Hoàng Văn Em"), await personId("Lê Văn Cường")];
    const results = await twice((db, index) =>
      reviewPromotedEntry(db, clock, index === 0 ? em : cường, entry.id, true),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "not_found" }]);
    expect(await temp.db.auditLog.count({ where: { action: "faq.verify", targetId: promoted.key } })).toBe(1);
  });

  it("domain functions own their permission checks: tickets are listed and opened only by who may answer them", async () => {
    const asked = await askOfficer(
      temp.db,
      clock,
      translator,
      await question("Nguyễn Văn An", fresh("Hộ nghèo có được miễn thuế đất không?")),
    );
    if (!asked.ok) throw new Error(asked.reason);
    const [an, khánh, bình] = [
      await personId("Nguyễn Văn An"),
      await personId("Bùi Văn Khánh"),
      await personId("Trần Thị Bình"),
    ];
    expect(await listOpenTickets(temp.db, an, { skip: 0, take: 10 })).toEqual([0, []]);
    expect(await loadTicketToAnswer(temp.db, an, asked.ticketId)).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(await loadTicketToAnswer(temp.db, khánh, asked.ticketId)).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    const [, listed] = await listOpenTickets(temp.db, bình, { skip: 0, take: 100 });
    expect(listed.map((ticket) => ticket.id)).toContain(asked.ticketId);
    expect(await loadTicketToAnswer(temp.db, bình, asked.ticketId)).toMatchObject({
      ok: true,
      ticket: { id: asked.ticketId, open: true },
    });
  });
});
