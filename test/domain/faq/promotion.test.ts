import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaqSearch, type FaqSearch } from "../../../src/domain/faq/faq-search.js";
import { listEntriesToReview, reviewPromotedEntry } from "../../../src/domain/faq/feedback.js";
import {
  answerTicket,
  askOfficer,
  promoteTicket,
  recordQuestion,
} from "../../../src/domain/faq/questions.js";
import { editPromotedEntry } from "../../../src/domain/faq/review/edit-promoted-entry.js";
import { listReachOptions } from "../../../src/domain/faq/review/list-reach-options.js";
import { setPromotedEntryLegalBasis } from "../../../src/domain/faq/review/set-promoted-entry-legal-basis.js";
import { setPromotedEntryReach } from "../../../src/domain/faq/review/set-promoted-entry-reach.js";
import type { Viewer } from "../../../src/domain/faq/search/faq-index.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { createFakeClock } from "../../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../../helpers/temp-db.js";

const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator("vi");
const TZ = "Asia/Ho_Chi_Minh";
const QUESTION = "Nhà văn hóa thôn bị dột mái thì xin kinh phí sửa ở đâu?";
let temp: TempDb;
let faq: FaqSearch;
const people: Record<"an" | "binh" | "cuong" | "em" | "lan" | "trainerDt", { id: number; viewer: Viewer }> =
  {} as never;

async function person(fullName: string) {
  const row = await temp.db.person.findFirstOrThrow({ where: { fullName }, include: { unit: true } });
  return { id: row.id, viewer: { personId: row.id, unitPath: row.unit.path } };
}

/** A hamlet head asks, the commune officer answers and promotes: the entry's id. */
async function promoted(text: string, answer: string): Promise<number> {
  const account = await temp.db.channelAccount.findFirstOrThrow({ where: { personId: people.an.id } });
  const questionId = await recordQuestion(temp.db, clock, {
    accountId: account.id,
    personId: people.an.id,
    text,
    matchedEntryId: null,
    score: null,
  });
  const asked = await askOfficer(temp.db, clock, translator, { questionId, accountId: account.id });
  if (!asked.ok) throw new Error(asked.reason);
  expect(
    await answerTicket(temp.db, clock, translator, people.binh.id, { ticketId: asked.ticketId, answer }),
  ).toMatchObject({ ok: true });
  const result = await promoteTicket(temp.db, clock, people.binh.id, asked.ticketId, TZ);
  if (!result.ok) throw new Error(result.reason);
  return (await temp.db.faqEntry.findUniqueOrThrow({ where: { key: result.key } })).id;
}

const top = async (viewer: Viewer, question = QUESTION) => {
  await faq.reload();
  return (await faq.query(question, { on: clock.now(), publicOnly: false, viewer })).hits[0]?.entry;
};
const audits = (action: string) => temp.db.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  faq = createFaqSearch(temp.db);
  people.an = await person("Nguyễn Văn An");
  people.binh = await person("Trần Thị Bình");
  people.cuong = await person("Lê Văn Cường");
  people.em = await person("Hoàng Văn Em");
  people.lan = await person("Ngô Thị Lan");
  const dt = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT" } });
  const trainer = await temp.db.person.create({
    data: {
      fullName: "Phan Thị Quế",
      phone: "+84912000888",
      role: "trainer",
      unitId: dt.id,
      status: "active",
    },
  });
  people.trainerDt = { id: trainer.id, viewer: { personId: trainer.id, unitPath: dt.path } };
});
afterAll(() => temp.cleanup());

describe("Promotion done right", () => {
  let entryId: number;

  it("a promoted answer waits for review, names nobody and answers only the people who asked", async () => {
    entryId = await promoted(QUESTION, "Thôn lập dự toán, gửi UBND xã <đề nghị> hỗ trợ.");
    const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(entry).toMatchObject({ status: "needs_review", areaCode: "42-LTT", audience: [people.an.id] });
    expect(entry.source).toMatch(/^Câu trả lời của cán bộ địa phương/);
    expect(entry.source).not.toMatch(/Trần Thị Bình|Bình/);
    expect((await audits("faq.answer")).at(-1)?.actorId).toBe(people.binh.id);
    expect((await audits("faq.promote")).at(-1)?.actorId).toBe(people.binh.id);
    expect((await top(people.an.viewer))?.id).toBe(entryId);
    for (const other of [people.binh, people.lan, people.em])
      expect((await top(other.viewer))?.id).not.toBe(entryId);
    expect(
      (await faq.list({ on: clock.now(), publicOnly: false, viewer: people.an.viewer })).map((e) => e.id),
    ).not.toContain(entryId);
  });

  it("a trainer outside the entry's reach can neither see it in the list nor change it", async () => {
    const quế = people.trainerDt.id;
    expect((await listEntriesToReview(temp.db, quế, { skip: 0, take: 10 }))[0]).toBe(0);
    expect(await editPromotedEntry(temp.db, clock, quế, entryId, { answer: "Sai." })).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await setPromotedEntryReach(temp.db, clock, quế, entryId, 1)).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await reviewPromotedEntry(temp.db, clock, quế, entryId, true)).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(await editPromotedEntry(temp.db, clock, people.binh.id, entryId, { answer: "Sai." })).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(
      (await listEntriesToReview(temp.db, people.cuong.id, { skip: 0, take: 10 }))[1].map((e) => e.id),
    ).toEqual([entryId]);
  });

  it("a trainer of the province edits title, answer and phrasings; each change is checked and audited", async () => {
    const cuong = people.cuong.id;
    expect(await editPromotedEntry(temp.db, clock, cuong, entryId, { answer: "x".repeat(3001) })).toEqual({
      ok: false,
      reason: "answer_too_long",
    });
    expect(await editPromotedEntry(temp.db, clock, cuong, entryId, { title: "Hỏi" })).toEqual({
      ok: false,
      reason: "title_length",
    });
    expect(
      await editPromotedEntry(temp.db, clock, cuong, entryId, {
        title: "Xin kinh phí sửa nhà văn hóa thôn ở đâu?",
        answer: "Thôn lập dự toán <b>sửa chữa</b>, gửi UBND xã.",
        phrasings: [QUESTION, "", "nha van hoa thon hong xin tien sua o dau", QUESTION.toLowerCase()],
      }),
    ).toEqual({ ok: true, changed: ["title", "answer", "phrasings"] });
    const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(entry.answer).toBe("Thôn lập dự toán &lt;b&gt;sửa chữa&lt;/b&gt;, gửi UBND xã.");
    expect(entry.phrasings).toEqual([QUESTION, "nha van hoa thon hong xin tien sua o dau"]);
    expect((await audits("faq.edit")).at(-1)).toMatchObject({
      actorId: cuong,
      targetId: entry.key,
      details: { changed: ["title", "answer", "phrasings"] },
    });
  });

  it("the reach is the ticket's commune or its province, and the legal basis a document of the registry", async () => {
    const em = people.em.id;
    const options = await listReachOptions(temp.db, em, entryId);
    expect(options?.map((unit) => unit.code)).toEqual(["42-LTT", "42"]);
    const province = options?.find((unit) => unit.code === "42");
    expect(await setPromotedEntryReach(temp.db, clock, em, entryId, people.lan.id)).toEqual({
      ok: false,
      reason: "not_an_option",
    });
    expect(await setPromotedEntryReach(temp.db, clock, em, entryId, province?.id ?? 0)).toEqual({
      ok: true,
      unitName: "Tỉnh Hà Tĩnh",
    });
    expect((await audits("faq.verify")).at(-1)).toMatchObject({
      actorId: em,
      details: { reach: "42", before: "42-LTT" },
    });

    await temp.db.legalDocument.create({
      data: {
        key: "nd-thu-2026",
        number: "99/2026/NĐ-CP",
        kind: "Nghị định",
        title: "Văn bản thử",
        status: "in_force",
        contentHash: "x",
      },
    });
    expect(
      await setPromotedEntryLegalBasis(temp.db, clock, em, entryId, { documentKey: "khong-co" }),
    ).toEqual({
      ok: false,
      reason: "unknown_document",
    });
    expect(
      await setPromotedEntryLegalBasis(temp.db, clock, em, entryId, {
        documentKey: "nd-thu-2026",
        cite: " Điều 5  khoản 2 ",
      }),
    ).toEqual({ ok: true });
    expect((await temp.db.faqEntry.findUniqueOrThrow({ where: { id: entryId } })).legalBasis).toEqual([
      { doc: "nd-thu-2026", cite: "Điều 5 khoản 2" },
    ]);
    expect((await audits("faq.verify")).at(-1)).toMatchObject({
      actorId: em,
      details: { legalBasis: [{ doc: "nd-thu-2026", cite: "Điều 5 khoản 2" }] },
    });
    // Still waiting: still only An.
    expect((await top(people.lan.viewer))?.id).not.toBe(entryId);
  });

  it("once approved it answers everyone of the province with the edited answer; a rejected one nobody", async () => {
    expect(await reviewPromotedEntry(temp.db, clock, people.em.id, entryId, true)).toEqual({ ok: true });
    const entry = await temp.db.faqEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(entry).toMatchObject({ status: "verified", audience: null });
    const seen = await top(people.lan.viewer);
    expect(seen?.id).toBe(entryId);
    expect(seen?.answer).toMatch(/sửa chữa/);
    expect((await top({ personId: null, unitPath: null }))?.id).not.toBe(entryId);
    expect(await reviewPromotedEntry(temp.db, clock, people.em.id, entryId, true)).toEqual({
      ok: false,
      reason: "not_found",
    });

    const other = await promoted(
      "Có được dùng quỹ thôn mua loa phát thanh không?",
      "Được, nếu họp thôn đồng ý.",
    );
    expect(await reviewPromotedEntry(temp.db, clock, people.cuong.id, other, false)).toEqual({ ok: true });
    expect((await temp.db.faqEntry.findUniqueOrThrow({ where: { id: other } })).status).toBe("retired");
    expect((await audits("faq.reject")).at(-1)).toMatchObject({ actorId: people.cuong.id });
    expect((await top(people.an.viewer, "dùng quỹ thôn mua loa phát thanh"))?.id).not.toBe(other);
  });
});
