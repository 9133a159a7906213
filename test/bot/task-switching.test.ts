import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { submitAccessRequest } from "../../src/domain/access/submit-access-request.js";
import { askOfficer, recordQuestion } from "../../src/domain/faq/questions.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const officer = USERS.communeOfficer; // Trần Thị Bình, Xã Lâm Trung Thủy
const admin = USERS.admin;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.conversationState.deleteMany();
  t = createTestBot({ db: temp.db, clock });
});

const alertOf = () => t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text;
const open = async (user: typeof officer) =>
  Object.keys(
    JSON.parse(
      (await temp.db.conversationState.findUnique({ where: { key: `conv:${user.id}` } }))?.value ??
        '{"state":{}}',
    ).state,
  );

/** A pending access request for Thôn 1, as a stranger would file it. */
async function pendingRequest(name: string): Promise<number> {
  const externalId = String(830000000 + Math.floor(Math.random() * 1e6));
  const account = await temp.db.channelAccount.create({
    data: { channel: "telegram", externalId, chatId: externalId },
  });
  const hamlet = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-LTT-01" } });
  const filed = await submitAccessRequest(temp.db, clock, createTranslator(), {
    accountId: account.id,
    fullName: name,
    phone: null,
    unitId: hamlet.id,
    role: "hamlet_head",
  });
  if (!filed.ok) throw new Error("not filed");
  return filed.requestId;
}

/** A question from Nguyễn Văn An handed to the commune officer; the notice is sent. */
async function ticketNotice(text: string): Promise<{ ticketId: number; messageId: number }> {
  const an = await temp.db.channelAccount.findFirstOrThrow({
    where: { externalId: String(USERS.hamletHead.id) },
    include: { person: true },
  });
  const questionId = await recordQuestion(temp.db, clock, {
    accountId: an.id,
    personId: an.personId,
    text,
    matchedEntryId: null,
    score: null,
  });
  const asked = await askOfficer(temp.db, clock, createTranslator("vi"), { questionId, accountId: an.id });
  if (!asked.ok) throw new Error("not asked");
  await t.flushOutbox();
  const notice = await temp.db.outboxMessage.findFirstOrThrow({
    where: { chatId: String(officer.id), ref: { startsWith: "ticket:" }, status: "sent" },
    orderBy: { id: "desc" },
  });
  return { ticketId: Number(notice.ref?.split(":")[1]), messageId: Number(notice.sentMessageId) };
}

function replyTo(update: Update, messageId: number): Update {
  (update.message as unknown as { reply_to_message: unknown }).reply_to_message = {
    message_id: messageId,
    date: 0,
    chat: { id: update.message?.chat.id, type: "private", first_name: "Bình" },
    from: { id: 7000000001, is_bot: true, first_name: "Trợ lý Giảm nghèo" },
    text: "…",
  };
  return update;
}

describe("One task never silently blocks another", () => {
  it("an access-request decision button from a notice ends the open people search and decides", async () => {
    const id = await pendingRequest("Lò Văn Sáu");
    await t.handle(callback(admin, "m:ppl"));
    expect(t.lastText()).toMatch(/Quản lý cán bộ/);
    t.clear();
    await t.handle(callback(admin, `acc:a:${id}`));
    const texts = t.texts();
    expect(texts[0]).toBe("↩️ Đã dừng việc đang làm dở (quản lý cán bộ).");
    // Thôn 1 has a head: the decision asks first (one head per hamlet unless decided).
    expect(texts.at(-1)).toMatch(/đã có trưởng thôn/);
    await t.handle(callback(admin, t.button("Giữ cả hai")));
    expect(t.lastText()).toMatch(/Đã duyệt — Lò Văn Sáu đã có quyền truy cập/);
    expect((await temp.db.accessRequest.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    expect(await open(admin)).toEqual([]);
    // Text now is what it is anywhere (a question), not a name to search for.
    t.clear();
    await t.handle(textMessage(admin, "chuẩn nghèo là bao nhiêu"));
    expect(t.lastText()).toMatch(/Nguồn:/);
  });

  it("a main-menu button ends the open invite and opens what was pressed", async () => {
    await t.handle(callback(officer, "m:inv"));
    await t.handle(callback(officer, t.button("Trưởng thôn")));
    t.clear();
    await t.handle(callback(officer, "m:faq"));
    expect(t.texts()[0]).toBe("↩️ Đã bỏ việc đang làm dở (tạo lời mời); phần vừa điền chưa được lưu.");
    expect(t.lastText()).toMatch(/Hỏi đáp chính sách.*chọn một chủ đề/s);
    expect(alertOf()).toBeUndefined();
    expect(await open(officer)).toEqual([]);
  });

  it("a typed menu label or 'menu' counts as another feature, even where free text is expected", async () => {
    await t.handle(callback(officer, "m:ppl"));
    t.clear();
    // The search question takes any text; a menu label is still the menu.
    await t.handle(textMessage(officer, "hoi dap chinh sach"));
    expect(t.texts()[0]).toBe("↩️ Đã dừng việc đang làm dở (quản lý cán bộ).");
    expect(t.lastText()).toMatch(/chọn một chủ đề/);
    await t.handle(callback(officer, "m:inv"));
    t.clear();
    await t.handle(textMessage(officer, "Menu"));
    expect(t.texts()[0]).toMatch(/Đã bỏ việc đang làm dở \(tạo lời mời\)/);
    expect(t.lastText()).toMatch(/Chào Trần Thị Bình!.*Chọn việc cần làm/s);
  });

  it("a feature's command ends the open task; a report draft is kept and said to be", async () => {
    const an = USERS.hamletHead;
    await t.handle(callback(an, "rp:new:review-progress"));
    expect(t.lastText()).toMatch(/Câu 1\b/);
    await t.handle(textMessage(an, "12"));
    t.clear();
    await t.handle(command(an, "faq"));
    expect(t.texts()[0]).toBe(
      "↩️ Đã dừng việc đang làm dở (làm báo cáo); các câu đã trả lời vẫn được lưu nháp.",
    );
    expect(t.lastText()).toMatch(/chọn một chủ đề/);
    const draft = await temp.db.report.findFirstOrThrow({
      where: { status: "draft", person: { phone: "+84912000001" } },
    });
    expect(Object.values(draft.answers as Record<string, unknown>)).toContain(12);
  });

  it("replying to a question notice ends the open task and answers the question", async () => {
    const { ticketId, messageId } = await ticketNotice("Thôn có được tự tổ chức lớp tập huấn không?");
    await t.handle(callback(officer, "m:inv"));
    t.clear();
    await t.handle(replyTo(textMessage(officer, "Được, nhưng báo xã trước một tuần."), messageId));
    expect(t.texts()[0]).toMatch(/Đã bỏ việc đang làm dở \(tạo lời mời\)/);
    expect(t.lastText()).toMatch(/Đã gửi câu trả lời cho 1 người hỏi/);
    const ticket = await temp.db.questionTicket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket).toMatchObject({ status: "answered", answer: "Được, nhưng báo xã trước một tuần." });
  });

  it("an FAQ '✍️ Trả lời' button ends the open task and starts the answer", async () => {
    const { ticketId } = await ticketNotice("Kinh phí sửa nhà văn hóa thôn lấy ở đâu?");
    await t.handle(callback(officer, "m:ppl"));
    t.clear();
    await t.handle(callback(officer, `tk:r:${ticketId}`));
    expect(t.texts()[0]).toBe("↩️ Đã dừng việc đang làm dở (quản lý cán bộ).");
    expect(t.lastText()).toMatch(/Trả lời câu hỏi: «Kinh phí sửa nhà văn hóa/);
    expect(await open(officer)).toEqual(["answerTicket"]);
  });

  it("a stranger's half-filled access request is dropped with one line when they turn to the Q&A", async () => {
    const stranger = { ...USERS.stranger, id: 710000611, first_name: "Lạ" };
    await t.handle(callback(stranger, "m:req"));
    await t.handle(textMessage(stranger, "Hà Văn Mười"));
    t.clear();
    await t.handle(callback(stranger, "m:faq"));
    const first = t.recent().find((c) => c.method === "sendMessage");
    // The "share my phone" keyboard of the dropped question goes too.
    expect(first?.payload).toMatchObject({
      text: "↩️ Đã bỏ việc đang làm dở (xin quyền truy cập); phần vừa điền chưa được lưu.",
      reply_markup: { remove_keyboard: true },
    });
    expect(await temp.db.accessRequest.count({ where: { fullName: "Hà Văn Mười" } })).toBe(0);
  });

  it("the open task's own stale buttons, unknown commands and asking for help do not end it", async () => {
    await t.handle(callback(officer, "m:inv"));
    const stale = t.button("Trưởng thôn");
    await t.handle(callback(officer, stale));
    t.clear();
    await t.handle(callback(officer, stale));
    expect(alertOf()).toMatch(/Nút đã cũ/);
    await t.handle(command(officer, "xoa_het"));
    expect(t.lastText()).toBe("Bạn đang tạo lời mời. Chọn ở tin nhắn trên, hoặc gõ hủy để dừng.");
    // Help, however asked for, is not another task: it says what is in progress.
    for (const update of [callback(officer, "m:help"), textMessage(officer, "hướng dẫn")]) {
      t.clear();
      await t.handle(update);
      expect(t.lastText()).toMatch(/Bạn đang làm dở: <b>tạo lời mời<\/b>/);
    }
    expect(await open(officer)).toEqual(["createInvite"]);
    await t.handle(textMessage(officer, "1"));
    expect(t.lastText()).toMatch(/đã có trưởng thôn/);
    await t.handle(textMessage(officer, "giữ cả hai"));
    expect(t.lastText()).toBe("Liên kết dùng được cho bao nhiêu người?");
  });

  it("'hủy' typed stops a task at any step, like /cancel; with nothing open it says so", async () => {
    await t.handle(callback(admin, "m:ppl"));
    t.clear();
    await t.handle(textMessage(admin, "hủy"));
    expect(t.texts()[0]).toBe("Đã hủy việc đang làm.");
    expect(t.lastText()).toMatch(/Chọn việc cần làm/);
    expect(await open(admin)).toEqual([]);
    t.clear();
    await t.handle(textMessage(admin, "huy"));
    expect(t.texts()[0]).toBe("Không có việc gì đang làm dở.");
    // Without diacritics it is also a given name: searching for "Huy" still searches.
    await t.handle(callback(admin, "m:ppl"));
    t.clear();
    await t.handle(textMessage(admin, "Huy"));
    expect(t.lastText()).toMatch(/Không tìm thấy ai khớp với “Huy”/);
    await t.handle(command(admin, "cancel"));
  });

  it("no Vietnamese message tells people to type an English command; commands are only an alternative", () => {
    const dir = "src/i18n/locales/vi";
    const offenders: string[] = [];
    // Each command may appear only next to the Vietnamese word or button that does the same.
    const word: Record<string, RegExp> = {
      cancel: /hủy/i,
      start: /menu/i,
      help: /hướng dẫn/i,
    };
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8").replace(/^#.*$/gm, "");
      // Messages: "key = value" plus indented continuation lines.
      for (const message of text.split(/\n(?=[a-z][a-z0-9-]* =)/)) {
        for (const [command, alternative] of Object.entries(word)) {
          if (message.includes(`/${command}`) && !alternative.test(message)) {
            offenders.push(`${file}: ${message.split("\n")[0]}`);
          }
        }
        if (/[Gg]õ\s+\/(cancel|start|help|faq|me|units|language)\b/.test(message)) {
          offenders.push(`${file}: ${message.split("\n")[0]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
