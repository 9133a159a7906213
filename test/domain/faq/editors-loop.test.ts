import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFaqPhrasing } from "../../../src/domain/faq/add-faq-phrasing.js";
import { buildContentReport } from "../../../src/domain/faq/editors-report/build-content-report.js";
import {
  groupSimilarQuestions,
  SAME_QUESTION_THRESHOLD,
} from "../../../src/domain/faq/editors-report/group-similar-questions.js";
import { createFaqSearch, loadDictionary } from "../../../src/domain/faq/faq-search.js";
import { recordQuestion } from "../../../src/domain/faq/questions.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const DAY = 24 * 60 * 60_000;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const since = new Date(clock.now().getTime() - 30 * DAY);
const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY);
let temp: TempDb;
let ids: {
  admin: number;
  trainer: number;
  communeTrainer: number;
  an: number;
  anAccount: number;
  lan: number;
  lanAccount: number;
  bhyt: number;
  bhytLevels: number;
  loans: number;
  schooling: number;
  lamTrung: number;
  ducTho: number;
};

async function ask(
  accountId: number,
  personId: number,
  text: string,
  confidence: "high" | "low" | "none",
  candidates: number[],
  at: Date,
) {
  const at0 = clock.now();
  clock.set(at);
  const id = await recordQuestion(temp.db, clock, {
    accountId,
    personId,
    text,
    matchedEntryId: confidence === "high" ? (candidates[0] ?? null) : null,
    score: null,
    confidence,
    candidates,
  });
  clock.set(at0);
  return id;
}

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  const db = temp.db;
  const person = (fullName: string) => db.person.findFirstOrThrow({ where: { fullName } });
  const entry = (key: string) => db.faqEntry.findUniqueOrThrow({ where: { key } });
  const unit = (name: string) => db.unit.findFirstOrThrow({ where: { name } });
  const [admin, trainer, an, lan, lamTrung, ducTho] = await Promise.all([
    person("Hoàng Văn Em"),
    person("Lê Văn Cường"),
    person("Nguyễn Văn An"),
    person("Ngô Thị Lan"),
    unit("Xã Lâm Trung Thủy"),
    unit("Xã Đức Thọ"),
  ]);
  const communeTrainer = await db.person.create({
    data: { fullName: "Đặng Thị Hoa", role: "trainer", unitId: lamTrung.id },
  });
  const account = async (personId: number, externalId: string) =>
    (await db.channelAccount.findFirst({ where: { personId } })) ??
    db.channelAccount.create({ data: { channel: "telegram", externalId, chatId: externalId, personId } });
  const [anAccount, lanAccount] = await Promise.all([account(an.id, "880001"), account(lan.id, "880002")]);
  const [bhyt, bhytLevels, loans, schooling] = await Promise.all([
    entry("bhyt-ho-ngheo"),
    entry("muc-huong-bhyt-ho-ngheo-can-ngheo"),
    entry("vay-von-ho-ngheo"),
    entry("ho-tro-chi-phi-hoc-tap"),
  ]);
  ids = {
    admin: admin.id,
    trainer: trainer.id,
    communeTrainer: communeTrainer.id,
    an: an.id,
    anAccount: anAccount.id,
    lan: lan.id,
    lanAccount: lanAccount.id,
    bhyt: bhyt.id,
    bhytLevels: bhytLevels.id,
    loans: loans.id,
    schooling: schooling.id,
    lamTrung: lamTrung.id,
    ducTho: ducTho.id,
  };
  const a = (text: string, confidence: "high" | "low" | "none", candidates: number[], days: number) =>
    ask(anAccount.id, an.id, text, confidence, candidates, daysAgo(days));
  // The same BHYT question, three ways (An), and once more from Xã Đức Thọ (Lan).
  await a("Hộ nghèo được hỗ trợ BHYT bao nhiêu?", "low", [bhyt.id, bhytLevels.id], 10);
  await a("ho ngheo duoc ho tro bao hiem y te may phan tram", "low", [bhytLevels.id, bhyt.id], 6);
  await a("hộ nghèo được hỗ trợ bhyt mấy phần trăm vậy", "low", [bhyt.id], 2);
  await ask(lanAccount.id, lan.id, "Hộ nghèo được hỗ trợ BHYT mấy phần trăm?", "low", [bhyt.id], daysAgo(1));
  // A different question that shares words with it.
  await a("Hộ nghèo được vay vốn bao nhiêu?", "low", [loans.id], 3);
  // Nothing matched: twice the same words, once without accents.
  await a("Nhà văn hóa thôn bị dột mái xin kinh phí ở đâu?", "none", [], 5);
  await a("nhà văn hóa thôn bị dột mái xin kinh phí ở đâu", "none", [], 4);
  await a("Nha van hoa thon dot mai thi xin kinh phi sua o dau", "none", [], 3);
  // Not listed: answered with confidence, or before the period.
  await a("Hộ nghèo được hỗ trợ BHYT bao nhiêu?", "high", [bhyt.id], 1);
  await a("Hộ nghèo được vay vốn bao nhiêu tiền?", "low", [loans.id], 40);

  // 👎/👍 on the BHYT entry (two 👎 with comments from An, one 👍; one 👎 from Lan).
  const vote = (personId: number, helpful: boolean, days: number, comment: string | null) =>
    db.answerFeedback.create({
      data: { entryId: bhyt.id, personId, helpful, comment, createdAt: daysAgo(days) },
    });
  await vote(an.id, false, 9, "Số liệu cũ");
  await vote(an.id, false, 2, "Thiếu mức 30% cho hộ NLNDN");
  await vote(an.id, true, 1, null);
  await vote(lan.id, false, 1, "Không đúng");
  await vote(an.id, false, 45, "Quá cũ, ngoài kỳ");

  // "Hỏi cán bộ": open and answered in each commune; one answered and already promoted.
  const ticket = (unitId: number, text: string, days: number, answer?: string, promoted?: string) =>
    db.questionTicket.create({
      data: {
        text,
        normalized: text.toLowerCase(),
        unitId,
        createdAt: daysAgo(days),
        ...(answer
          ? {
              status: "answered",
              answer,
              answeredById: admin.id,
              answeredAt: daysAgo(days - 1),
              promotedEntryKey: promoted ?? null,
            }
          : {}),
      },
    });
  await ticket(lamTrung.id, "Xin kinh phí sửa nhà văn hóa ở đâu?", 3);
  await ticket(
    lamTrung.id,
    "Hộ mới tách có được rà soát ngay không?",
    5,
    "Có, trong đợt rà soát thường xuyên.",
  );
  await ticket(lamTrung.id, "Đã đề xuất", 5, "Đã trả lời", "cb-1");
  await ticket(ducTho.id, "Câu hỏi ở Đức Thọ", 2);

  // Past their review date: a content file entry and a promoted answer; one not yet due.
  await db.faqEntry.update({ where: { id: loans.id }, data: { reviewBy: new Date("2026-11-01") } });
  await db.faqEntry.update({ where: { id: schooling.id }, data: { reviewBy: new Date("2027-01-31") } });
  await db.faqEntry.create({
    data: {
      key: "cb-77",
      topics: [],
      title: "Câu trả lời đề xuất",
      phrasings: [],
      answer: "…",
      source: "Trả lời của cán bộ",
      status: "verified",
      contentHash: "promoted",
      reviewBy: new Date("2026-10-01"),
    },
  });
});
afterAll(() => temp.cleanup());

describe("The editors' loop", () => {
  it("groups the same question in different words and keeps different questions apart", () => {
    const expansions = loadDictionary();
    const questions = [
      "Hộ nghèo được hỗ trợ BHYT bao nhiêu?",
      "ho ngheo duoc ho tro bao hiem y te may phan tram",
      "Mức hỗ trợ bảo hiểm y tế cho hộ nghèo là bao nhiêu",
      "Hộ nghèo được vay vốn bao nhiêu?",
      "hộ cận nghèo được vay vốn ưu đãi không",
      "Nhà văn hóa thôn bị dột mái xin kinh phí ở đâu?",
      "Nha van hoa thon dot mai thi xin kinh phi sua o dau",
    ].map((text, id) => ({ id, text }));
    const groups = groupSimilarQuestions(questions, expansions).map((group) => group.map((q) => q.id));
    expect(groups).toEqual([[0, 1, 2], [3], [4], [5, 6]]);
    expect(SAME_QUESTION_THRESHOLD).toBe(0.5);
  });

  it("groups a few thousand questions, one group per question asked", () => {
    const topics = [
      "Hộ nghèo được hỗ trợ bảo hiểm y tế bao nhiêu",
      "Hộ cận nghèo vay vốn ưu đãi lãi suất thế nào",
      "Tiền điện hỗ trợ hộ nghèo mỗi tháng",
      "Miễn giảm học phí cho con hộ nghèo",
      "Xây nhà ở cho hộ nghèo được mấy triệu",
      "Rà soát hộ nghèo hằng năm vào tháng mấy",
      "Giấy chứng nhận hộ cận nghèo xin ở đâu",
    ];
    const wordings = [
      (text: string) => text,
      (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase(),
      (text: string) => `${text} vậy ạ?`,
    ];
    // Each asked again and again, in three wordings, with a number that differs every time.
    const questions = Array.from({ length: 4200 }, (_, i) => ({
      id: i,
      text: `${wordings[i % 3]?.(topics[i % topics.length] ?? "")} ${i}`,
    }));
    const groups = groupSimilarQuestions(questions, loadDictionary());
    expect(groups.flat()).toHaveLength(4200);
    // One group per question, each holding only it.
    expect(groups).toHaveLength(topics.length);
    for (const group of groups) {
      expect(new Set(group.map((q) => q.id % topics.length)).size).toBe(1);
      expect(group).toHaveLength(600);
    }
  });

  it("reports the admin everything of the period: feedback, question groups, tickets, overdue entries", async () => {
    const result = await buildContentReport(temp.db, clock, ids.admin, { since });
    if (!result.ok) throw new Error(result.reason);
    const report = result.report;

    expect(report.feedback).toHaveLength(1);
    const bhyt = report.feedback[0];
    expect(bhyt?.entry.key).toBe("bhyt-ho-ngheo");
    expect([bhyt?.down, bhyt?.up]).toEqual([3, 1]);
    expect(bhyt?.comments.map((c) => c.text)).toEqual([
      "Không đúng",
      "Thiếu mức 30% cho hộ NLNDN",
      "Số liệu cũ",
    ]);
    expect(bhyt?.action).toEqual({
      kind: "edit_file",
      entryId: ids.bhyt,
      file: "content/faq/t4/bhyt-ho-ngheo.md",
    });

    expect(report.questionCount).toBe(8);
    const groups = report.questions.map((group) => ({
      count: group.count,
      examples: group.examples.map((example) => example.text),
      candidate: group.candidate?.key ?? null,
      unanswered: group.unanswered,
    }));
    expect(groups).toEqual([
      {
        count: 4,
        examples: [
          "Hộ nghèo được hỗ trợ BHYT mấy phần trăm?",
          "hộ nghèo được hỗ trợ bhyt mấy phần trăm vậy",
          "ho ngheo duoc ho tro bao hiem y te may phan tram",
        ],
        candidate: "bhyt-ho-ngheo",
        unanswered: 0,
      },
      {
        count: 3,
        examples: [
          "Nha van hoa thon dot mai thi xin kinh phi sua o dau",
          "nhà văn hóa thôn bị dột mái xin kinh phí ở đâu",
        ],
        candidate: null,
        unanswered: 3,
      },
      {
        count: 1,
        examples: ["Hộ nghèo được vay vốn bao nhiêu?"],
        candidate: "vay-von-ho-ngheo",
        unanswered: 0,
      },
    ]);
    const first = report.questions[0]?.action;
    expect(first?.kind).toBe("add_phrasing");
    if (first?.kind === "add_phrasing")
      expect(first.entries.map((entry) => entry.key)).toEqual([
        "bhyt-ho-ngheo",
        "muc-huong-bhyt-ho-ngheo-can-ngheo",
      ]);
    expect(report.questions[1]?.action).toEqual({ kind: "none" });

    expect(report.openTickets.map((t) => [t.text, t.ageDays])).toEqual([
      ["Xin kinh phí sửa nhà văn hóa ở đâu?", 3],
      ["Câu hỏi ở Đức Thọ", 2],
    ]);
    expect(report.answeredTickets.map((t) => [t.text, t.answer, t.action.kind])).toEqual([
      ["Hộ mới tách có được rà soát ngay không?", "Có, trong đợt rà soát thường xuyên.", "promote_answer"],
    ]);

    expect(report.overdue.map((o) => [o.entry.key, o.file, o.action.kind])).toEqual([
      ["cb-77", null, "review_promoted"],
      ["vay-von-ho-ngheo", "content/faq/t4/vay-von-ho-ngheo.md", "edit_file"],
    ]);
  });

  it("reports a trainer only what the people and units of their subtree asked and said", async () => {
    const result = await buildContentReport(temp.db, clock, ids.communeTrainer, { since });
    if (!result.ok) throw new Error(result.reason);
    const report = result.report;
    expect(report.feedback[0]?.down).toBe(2);
    expect(report.questionCount).toBe(7);
    expect(report.questions[0]?.count).toBe(3);
    expect(report.questions[0]?.examples.map((e) => e.text)).not.toContain(
      "Hộ nghèo được hỗ trợ BHYT mấy phần trăm?",
    );
    expect(report.openTickets.map((t) => t.text)).toEqual(["Xin kinh phí sửa nhà văn hóa ở đâu?"]);
    expect(report.overdue).toHaveLength(2);
    // A hamlet head may not see it.
    expect(await buildContentReport(temp.db, clock, ids.an, { since })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
  });

  it("a question's wording added to an entry makes the search answer it with confidence", async () => {
    const search = createFaqSearch(temp.db);
    const question = "con nhà nghèo đi học được giúp gì";
    const options = { now: clock.now(), timeZone: "Asia/Ho_Chi_Minh", publicOnly: false, limit: 3 };
    const before = await search.ask(question, options);
    expect(before.periods[0]?.confidence).toBe("low");
    const questionId = await ask(ids.anAccount, ids.an, question, "low", [ids.schooling], daysAgo(1));

    // Not for a hamlet head; a trainer of another commune cannot take An's question.
    expect(await addFaqPhrasing(temp.db, clock, ids.an, { entryId: ids.schooling, questionId })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    const ducThoTrainer = await temp.db.person.create({
      data: { fullName: "Trần Văn Khoa", role: "trainer", unitId: ids.ducTho },
    });
    expect(
      await addFaqPhrasing(temp.db, clock, ducThoTrainer.id, { entryId: ids.schooling, questionId }),
    ).toEqual({ ok: false, reason: "not_found" });

    const added = await addFaqPhrasing(temp.db, clock, ids.communeTrainer, {
      entryId: ids.schooling,
      questionId,
    });
    expect(added).toMatchObject({
      ok: true,
      added: true,
      entryKey: "ho-tro-chi-phi-hoc-tap",
      text: question,
    });
    // The same words again, with other accents and case: already there, not an error.
    expect(
      await addFaqPhrasing(temp.db, clock, ids.admin, {
        entryId: ids.schooling,
        text: "Con nha ngheo di hoc duoc giup gi",
      }),
    ).toMatchObject({ ok: true, added: false });
    expect(await temp.db.faqPhrasing.count({ where: { entryId: ids.schooling } })).toBe(1);
    const audit = await temp.db.auditLog.findMany({ where: { action: "faq.phrasing" } });
    expect(audit.map((row) => [row.actorId, row.targetId, row.createdAt.toISOString()])).toEqual([
      [ids.communeTrainer, "ho-tro-chi-phi-hoc-tap", clock.now().toISOString()],
    ]);

    // The running index notices the change and answers the question with the entry.
    expect(await search.reloadIfChanged()).toBe(true);
    const after = await search.ask(question, options);
    expect(after.periods[0]?.confidence).toBe("high");
    expect(after.periods[0]?.hits[0]?.entry.key).toBe("ho-tro-chi-phi-hoc-tap");

    // In the report the question's group is now done: last, with the entry, without an action.
    const report = await buildContentReport(temp.db, clock, ids.admin, { since });
    if (!report.ok) throw new Error(report.reason);
    const done = report.report.questions.at(-1);
    expect(done?.examples.map((e) => e.text)).toEqual([question]);
    expect(done?.addedTo?.key).toBe("ho-tro-chi-phi-hoc-tap");
    expect(done?.action).toEqual({ kind: "none" });
  });
});
