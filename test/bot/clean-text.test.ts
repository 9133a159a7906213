import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnswer } from "../../src/domain/reports/parse-input.js";
import { parseTelegramHtml } from "../../src/simulator/telegram-html.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createDriver, type Driver, telegramUser } from "../helpers/report-driver.js";
import { createTempDb, TEST_DIALECT, type TempDb } from "../helpers/temp-db.js";
import { type ApiCall, createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, contact, document, textMessage, USERS } from "../helpers/updates.js";

/**
 * Names and answers an attacker or a careless spreadsheet could bring: markup, entities'
 * characters, quotes, control characters, direction overrides, emoji sequences, 4,000 characters.
 */
const HOSTILE = {
  an: 'Lò ‹Văn> & "Tèo" <b>',
  binh: "Trần </b>Thị & Bình",
  admin: 'Hoàng <a href="x">Em</a>',
  hoa: "Đặng\u0000 Thị \u202EaoH\u202C 👩‍🌾 <i>",
  giang: `Võ Văn ${"Giang ".repeat(665)}`,
  commune: 'Xã <Lâm> & Trung "Thủy"\u200F',
  thon3: 'Thôn </i><b>3 & "Ba"',
  thon2: `Thôn ${"Dài ".repeat(999)}`,
};

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-18T09:00:00+07:00"); // Wednesday of week 47
let an: Driver;
let binh: Driver;
let admin: Driver;

// Written past the app's input cleaning, as a hand-edited database might hold them. PostgreSQL's
// text cannot hold a NUL at all (the app's own writes never carry one: sanitizeText).
const storable = (text: string) => (TEST_DIALECT === "postgresql" ? text.replaceAll("\u0000", "") : text);
const rename = (phone: string, fullName: string) =>
  temp.db.person.update({ where: { phone }, data: { fullName: storable(fullName) } });
const renameUnit = (code: string, name: string) => temp.db.unit.update({ where: { code }, data: { name } });

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
  await rename("+84912000001", HOSTILE.an);
  await rename("+84912000002", HOSTILE.binh);
  await rename("+84912000005", HOSTILE.admin);
  await rename("+84912000012", HOSTILE.hoa);
  await rename("+84912000011", HOSTILE.giang);
  await renameUnit("42-LTT", HOSTILE.commune);
  await renameUnit("42-LTT-03", HOSTILE.thon3);
  await renameUnit("42-LTT-02", HOSTILE.thon2);
  an = createDriver(t, USERS.hamletHead);
  binh = createDriver(t, USERS.communeOfficer);
  admin = createDriver(t, USERS.admin);
});
afterAll(() => temp.cleanup());

/** Sends what the outbox holds (notices to other people), through the same captured API. */
const flush = () => t.flushOutbox();

const ENTITY_TEXT = /&(?:lt|gt|amp|quot);/;

interface Problem {
  method: string;
  problem: string;
  text: string;
}

/**
 * Every text the bot sent or edited, every caption, alert and button label, checked the way
 * Telegram would take it: HTML through the simulator's TDLib-faithful parser, lengths within
 * Telegram's limits, and no escaped entity showing as such (an `&amp;` on screen).
 */
function problemsIn(calls: readonly ApiCall[]): Problem[] {
  const problems: Problem[] = [];
  const report = (call: ApiCall, problem: string, text: string) =>
    problems.push({ method: call.method, problem, text: text.slice(0, 300) });
  for (const call of calls) {
    const { payload } = call;
    const text = typeof payload.text === "string" ? payload.text : undefined;
    const caption = typeof payload.caption === "string" ? payload.caption : undefined;
    const body = call.method === "answerCallbackQuery" ? undefined : (text ?? caption);
    if (body !== undefined) {
      let shown = body;
      if (payload.parse_mode === "HTML") {
        const parsed = parseTelegramHtml(body);
        if (!parsed.ok) {
          report(call, parsed.description, body);
          continue;
        }
        shown = parsed.text;
      }
      if (ENTITY_TEXT.test(shown)) report(call, "escaped text shown as such", shown);
      if (shown.length > (caption !== undefined ? 1024 : 4096))
        report(call, `too long: ${shown.length}`, shown);
      if (shown.trim() === "") report(call, "empty", body);
    }
    if (call.method === "answerCallbackQuery" && text !== undefined) {
      if (text.length > 200) report(call, `alert too long: ${text.length}`, text);
      if (ENTITY_TEXT.test(text) || text.includes("\0")) report(call, "alert not plain", text);
    }
    const markup = payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
    for (const button of markup?.inline_keyboard?.flat() ?? []) {
      if (button.text.trim() === "" || button.text.includes("\0") || ENTITY_TEXT.test(button.text))
        report(call, "bad button label", button.text);
    }
  }
  return problems;
}

/** Texts (as shown) sent to a chat since `from`. */
function shownTo(chatId: number, from = 0): string[] {
  return t.calls.slice(from).flatMap((call) => {
    if (String(call.payload.chat_id) !== String(chatId) || typeof call.payload.text !== "string") return [];
    const parsed = call.payload.parse_mode === "HTML" ? parseTelegramHtml(call.payload.text) : null;
    return [parsed?.ok ? parsed.text : call.payload.text];
  });
}

describe("Text is clean before it is stored or shown", () => {
  it("hostile names and unit names: every person's greeting, help, profile and unit overview", async () => {
    const from = t.calls.length;
    for (const user of Object.values(USERS)) {
      await t.handle(command(user, "start"));
      await t.handle(command(user, "help"));
      for (const entry of ["m:me", "m:units", "m:myrp", "m:acc", "m:tk", "m:rv"])
        await t.handle(callback(user, entry));
    }
    expect(shownTo(USERS.hamletHead.id, from).join("\n")).toContain(`Chào ${HOSTILE.an}!`);
    expect(shownTo(USERS.hamletHead.id, from).join("\n")).toContain(HOSTILE.thon3);
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("a report with a hostile answer, the officer's status, missing list, nudge, review, return and export", async () => {
    const from = t.calls.length;
    await an.command("baocao");
    await an.press("rp:new:review-progress");
    for (const answer of ["120", "25", "100", "18", "22", "7"]) await an.say(answer);
    await an.tap("Không");
    // The difficulties, typed with a NUL and markup: stored clean, shown escaped.
    await an.say('Khó khăn <b>lớn</b> & "nhiều"\u0000 lắm');
    expect(an.last()).toMatch(/Gửi báo cáo|Tóm tắt|kiểm tra/i);
    await an.tap("Gửi báo cáo");
    expect(an.last()).toMatch(/Đã gửi báo cáo/);
    const report = await temp.db.report.findFirstOrThrow();
    expect(JSON.stringify(report.answers)).not.toContain("\\u0000");
    expect((report.answers as Record<string, unknown>).difficulties).toBe(
      'Khó khăn <b>lớn</b> & "nhiều" lắm',
    );

    await binh.command("start");
    await binh.tap("Tình hình báo cáo");
    await binh.tap("Tiến độ rà soát");
    const status = shownTo(USERS.communeOfficer.id, t.calls.length - 1).join("\n");
    expect(status).toContain("Đặng Thị aoH 👩‍🌾 <i>");
    await binh.tap("Nhắc các thôn chưa báo cáo");
    await binh.press("rp:st:review-progress:0");
    await binh.tap("Xem báo cáo");
    await binh.tap("Thôn");
    expect(shownTo(USERS.communeOfficer.id, t.calls.length - 1).join("\n")).toContain(
      'Khó khăn <b>lớn</b> & "nhiều" lắm',
    );
    await binh.tap("Yêu cầu bổ sung");
    await binh.tap("Thôn có bao nhiêu hộ");
    await binh.tap("Xong");
    await binh.say('Sai <i>số</i> & "thiếu" </b>');
    await flush();
    await an.press(`rp:fix:${report.id}`);
    await an.tap("Để sau");
    await binh.press("rp:st:review-progress:0");
    await binh.tap("Xuất Excel");
    await an.press("m:myrp");
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("the Q&A loop: a hostile question reaches the officer, whose hostile answer reaches the asker", async () => {
    const from = t.calls.length;
    await an.say('Nhà <văn> hóa & "thôn" bị dột </i> thì xin kinh phí ở đâu?');
    await an.tap("Hỏi cán bộ");
    await flush();
    const ticket = await temp.db.questionTicket.findFirstOrThrow();
    await binh.press(`tk:r:${ticket.id}`);
    await binh.say('Lập <b>dự toán</b> & gửi "UBND xã".\u0000');
    await binh.tap("Gửi");
    await flush();
    expect(shownTo(USERS.hamletHead.id, from).join("\n")).toContain('Lập <b>dự toán</b> & gửi "UBND xã".');
    await binh.tap("Đề xuất");
    await admin.press("m:rv");
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("an access request with a typed name, the officer's card and decision, and the requester's notice", async () => {
    const from = t.calls.length;
    const stranger = USERS.stranger;
    await t.handle(callback(stranger, "m:req"));
    await t.handle(textMessage(stranger, "Lò\u0000 Thị Nở"));
    await t.handle(contact(stranger, "0987654321"));
    await t.handle(callback(stranger, t.button("Trưởng thôn")));
    await t.handle(callback(stranger, t.button("Xã <Lâm>")));
    await t.handle(callback(stranger, t.button("Thôn 1")));
    await t.handle(callback(stranger, t.button("Gửi yêu cầu")));
    const request = await temp.db.accessRequest.findFirstOrThrow();
    expect(request.fullName).toBe("Lò Thị Nở");
    await t.handle(command(stranger, "start"));
    await flush();
    await binh.press("m:acc");
    await binh.tap("Lò Thị");
    await binh.tap("Duyệt");
    await flush();
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("an invite to a hostile unit whose head has a hostile name, and its acceptance", async () => {
    const from = t.calls.length;
    await binh.press("m:inv");
    await binh.tap("Trưởng thôn");
    await binh.tap("Thôn </i>");
    expect(binh.last()).toContain("đã có trưởng thôn");
    await binh.tap("Giữ cả hai");
    await binh.tap("1 người");
    await binh.tap("7 ngày");
    const token = /start=([A-Za-z0-9_-]+)/.exec(binh.last())?.[1] ?? "";
    const invitee = telegramUser(710000801, 'Hà <b> & "Lan"');
    await t.handle(command(invitee, "start", token));
    await t.handle(textMessage(invitee, "Đỗ Thị Hà"));
    await t.handle(contact(invitee, "0977123456"));
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("people management: search, cards, a role change that meets a hamlet's head, deactivation notices", async () => {
    const from = t.calls.length;
    await admin.press("m:ppl");
    await admin.say("Đặng");
    await admin.tap("Đặng");
    await admin.tap("Ngừng hoạt động");
    await admin.tap("Đồng ý");
    await admin.press("m:ppl");
    await admin.say("0912000011");
    await admin.tap("Võ Văn");
    await admin.tap("Chuyển đơn vị");
    await admin.tap("Xã <Lâm>");
    await admin.tap("Thôn </i>");
    await admin.tap("Giữ cả hai");
    await t.handle(command(USERS.admin, "cancel"));
    // Hoa, deactivated, is told whom to contact (names in bold; as an alert, plain).
    await temp.db.channelAccount.create({
      data: {
        channel: "telegram",
        externalId: "710000812",
        chatId: "710000812",
        personId: (await temp.db.person.findUniqueOrThrow({ where: { phone: "+84912000012" } })).id,
        verifiedPhone: "+84912000012",
      },
    });
    const hoa = telegramUser(710000812, "Hoa");
    await t.handle(command(hoa, "start"));
    await t.handle(command(hoa, "help"));
    await t.handle(callback(hoa, "m:req"));
    await t.handle(callback(hoa, "m:acc"));
    expect(shownTo(hoa.id, from).join("\n")).toContain(HOSTILE.binh);
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("a roster file with a hostile name, hostile rows, the preview, decisions, result, missing list and undo", async () => {
    const from = t.calls.length;
    const rows = [
      "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
      `"Mới <b>Một</b> & ""Hai""\u0000",0913 111 222,Trưởng thôn,42-LTT-03`,
      `"\u202EBa Bốn ‹5›",0913 111 333,Trưởng thôn,42-TS-01`,
      `"${"Dài ".repeat(30)}",12345,Trưởng thôn,42-LTT-01`,
    ];
    t.putFile("hostile", Buffer.from(rows.join("\n")));
    await admin.send(document(USERS.admin, "hostile", '<danh sách> & "mới".csv'));
    expect(admin.last()).toMatch(/Dòng 4/);
    t.putFile("hostile-ok", Buffer.from(rows.slice(0, 3).join("\n")));
    await admin.send(document(USERS.admin, "hostile-ok", '<danh sách> & "mới".csv'));
    // Thôn 3 has a head (with a hostile name): the decision names them.
    expect(admin.last()).toContain("nơi đang có Lò ‹Văn&gt;");
    await admin.tap("Giữ cả hai");
    await admin.tap("Nhập");
    expect(admin.last()).toMatch(/Đã nhập xong/);
    await admin.tap("không có trong tệp");
    await admin.tap("Ngừng kích hoạt");
    await admin.tap("Đồng ý");
    await flush();
    await admin.tap("Hoàn tác");
    await admin.tap("Hoàn tác");
    await flush();
    await admin.press("m:undo");
    await t.handle(command(USERS.admin, "cancel"));
    expect(problemsIn(t.calls.slice(from))).toEqual([]);
  });

  it("every message of the whole session parses, fits and shows no escaped text", () => {
    expect(t.calls.length).toBeGreaterThan(150);
    expect(problemsIn(t.calls)).toEqual([]);
  });

  it("a NUL typed into an answer never poisons the draft: every echo of it is sent", async () => {
    const before = t.calls.length;
    await an.command("baocao");
    await an.press("rp:new:incident");
    await an.tap("Việc khác");
    await an.say("Nhà \u0000sập\u0000 do bão");
    expect(an.last()).toMatch(/ngày nào/);
    expect(problemsIn(t.calls.slice(before))).toEqual([]);
    const draft = await temp.db.report.findFirstOrThrow({
      where: { status: "draft" },
      orderBy: { id: "desc" },
    });
    expect((draft.answers as Record<string, unknown>).kind_other).toBe("Nhà sập do bão");
    await an.tap("Hủy");
  });

  it("zero-width characters do not count towards a minimum length; dates before 1/1/1900 are refused", () => {
    const context = { today: clock.now(), timeZone: "Asia/Ho_Chi_Minh" };
    const text = { key: "note", label: "Ghi chú", type: "text", required: true, minLength: 3 } as const;
    expect(parseAnswer(text, { kind: "text", text: "a\u200B\u200B\u200B\u200D" }, context)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ít nhất 3 ký tự \(mới có 1\)/),
    });
    expect(parseAnswer(text, { kind: "text", text: "\u200B\u200B\u200B\u200B" }, context)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/chưa gõ gì/),
    });
    expect(parseAnswer(text, { kind: "text", text: "Hà\u0000 Nội" }, context)).toEqual({
      ok: true,
      value: "Hà Nội",
    });
    const date = { key: "day", label: "Ngày", type: "date", required: true } as const;
    for (const typed of ["31/12/1899", "1/1/0026", "0001-01-01", "5/9/2101"]) {
      expect(parseAnswer(date, { kind: "text", text: typed }, context)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/không hợp lệ: hãy gõ một ngày từ 01\/01\/1900/),
      });
    }
    expect(parseAnswer(date, { kind: "text", text: "1/1/1900" }, context)).toEqual({
      ok: true,
      value: "1900-01-01",
    });
  });
});
