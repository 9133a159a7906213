import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateActivationCodes } from "../../src/domain/access/generate-activation-codes.js";
import { enqueueForPerson, htmlMessage } from "../../src/domain/outbox/enqueue-message.js";
import { startDraft } from "../../src/domain/reports/report-store.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { type ApiCall, createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
const clock = createFakeClock();
let zalo: TestBot;
let telegram: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  zalo = createTestBot({ db: temp.db, clock, channel: "zalo" });
  telegram = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());

const personId = async (fullName: string) =>
  (await temp.db.person.findFirstOrThrow({ where: { fullName } })).id;

/** Ids as the Zalo adapter gives them (mapped integers); the updates stay Telegram-shaped. */
const onZalo = (id: number, firstName: string) => ({ ...USERS.stranger, id, first_name: firstName });
const anOnZalo = onZalo(880000001, "An Zalo");

async function codeFor(fullName: string, by = "Trần Thị Bình"): Promise<string> {
  const result = await generateActivationCodes(temp.db, clock, await personId(by), {
    personIds: [await personId(fullName)],
  });
  if (!result.ok) throw new Error(result.reason);
  return result.codes[0]?.code ?? "";
}

const zaloAccountOf = (user: { id: number }) =>
  temp.db.channelAccount.findUniqueOrThrow({
    where: { channel_externalId: { channel: "zalo", externalId: String(user.id) } },
  });

const keyboards = (calls: ApiCall[]) => calls.map((call) => call.payload.reply_markup).filter(Boolean);

describe("Onboarding without a phone button", () => {
  it("on Zalo a first message from someone unknown is answered, then asks for an activation code — no phone button", async () => {
    const giang = onZalo(880000011, "Giang");
    zalo.clear();
    await zalo.handle(textMessage(giang, "xin chào"));
    const prompt = zalo.lastText();
    expect(prompt).toMatch(/Gửi mã kích hoạt do cán bộ xã\/quản trị viên cấp cho anh\/chị/);
    expect(JSON.stringify(keyboards(zalo.recent()))).not.toContain("request_contact");
    // /start says the same in its greeting, in one message (each counts against Zalo's quota).
    zalo.clear();
    await zalo.handle(command(giang, "start"));
    expect(zalo.texts().filter((text) => /mã kích hoạt/.test(text))).toHaveLength(1);
    expect(JSON.stringify(keyboards(zalo.recent()))).toContain("🔑 Nhập mã kích hoạt");
  });

  it("a typed phone number never links an account, on any channel", async () => {
    const giang = onZalo(880000011, "Giang");
    await zalo.handle(textMessage(giang, "0912000011"));
    await zalo.handle(textMessage(giang, "+84 912 000 011"));
    expect((await zaloAccountOf(giang)).personId).toBeNull();
    const stranger = { ...USERS.stranger, id: 710000555 };
    await telegram.handle(textMessage(stranger, "0912000011"));
    const account = await temp.db.channelAccount.findUniqueOrThrow({
      where: { channel_externalId: { channel: "telegram", externalId: String(stranger.id) } },
    });
    expect(account.personId).toBeNull();
    expect(account.verifiedPhone).toBeNull();
  });

  it("a code sent as the very first message (any case, no dash) names the person; typing 1 links the account and opens their menu", async () => {
    const code = await codeFor("Nguyễn Văn An");
    zalo.clear();
    await zalo.handle(textMessage(anOnZalo, code.toLowerCase().replace("-", "")));
    expect(zalo.lastText()).toBe("Anh/chị là <b>Nguyễn Văn An</b>, Trưởng thôn — Thôn 3, Xã Lâm Trung Thủy?");
    // No phone prompt on top of the question.
    expect(zalo.texts()).toHaveLength(1);
    zalo.clear();
    await zalo.handle(textMessage(anOnZalo, "1"));
    const texts = zalo.texts();
    expect(texts.some((text) => /Đã kết nối tài khoản với <b>Nguyễn Văn An<\/b>/.test(text))).toBe(true);
    expect(texts.at(-1)).toMatch(/Chào Nguyễn Văn An!.*Trưởng thôn.*Thôn 3, Xã Lâm Trung Thủy/s);
    expect((await zaloAccountOf(anOnZalo)).personId).toBe(await personId("Nguyễn Văn An"));
    // The same person on both: An's Telegram account is still linked to the same roster entry.
    const accounts = await temp.db.channelAccount.findMany({
      where: { personId: await personId("Nguyễn Văn An") },
    });
    expect(accounts.map((a) => a.channel).sort()).toEqual(["telegram", "zalo"]);
  });

  it("wrong, used and declined codes say why, and link nothing", async () => {
    const hoa = onZalo(880000012, "Hoa");
    zalo.clear();
    await zalo.handle(textMessage(hoa, "ABCD-EF23"));
    expect(zalo.lastText()).toMatch(/Mã này không đúng/);
    const code = await codeFor("Đặng Thị Hoa");
    await zalo.handle(textMessage(hoa, code));
    expect(zalo.lastText()).toMatch(/Anh\/chị là <b>Đặng Thị Hoa<\/b>/);
    await zalo.handle(textMessage(hoa, "2"));
    expect(zalo.lastText()).toMatch(/Mã chưa được dùng/);
    expect((await zaloAccountOf(hoa)).personId).toBeNull();
    // The code was not spent by "Không": the right person can still use it.
    await zalo.handle(textMessage(hoa, code));
    await zalo.handle(textMessage(hoa, "co"));
    expect((await zaloAccountOf(hoa)).personId).toBe(await personId("Đặng Thị Hoa"));
    // Reused by someone else: used.
    const other = onZalo(880000013, "Khác");
    await zalo.handle(textMessage(other, code));
    expect(zalo.lastText()).toMatch(/Mã này đã được dùng rồi/);
  });

  it("a deactivated person's code is refused with whom to contact, and nobody is reactivated", async () => {
    const lan = await personId("Ngô Thị Lan");
    const code = await codeFor("Ngô Thị Lan", "Hoàng Văn Em");
    await temp.db.person.update({ where: { id: lan }, data: { status: "inactive" } });
    const lanOnZalo = onZalo(880000022, "Lan");
    try {
      await zalo.handle(textMessage(lanOnZalo, code));
      expect(zalo.lastText()).toMatch(/đã bị tắt; mã không mở lại được.*<b>Bùi Văn Khánh<\/b>/s);
      expect((await zaloAccountOf(lanOnZalo)).personId).toBeNull();
      expect((await temp.db.person.findUniqueOrThrow({ where: { id: lan } })).status).toBe("inactive");
    } finally {
      await temp.db.person.update({ where: { id: lan }, data: { status: "active" } });
    }
  });

  it("after five wrong codes the account is told to wait, even with the right code", async () => {
    const guesser = onZalo(880000014, "Đoán");
    for (let i = 0; i < 5; i++) await zalo.handle(textMessage(guesser, `WXYZ-${i + 2}ABC`));
    await zalo.handle(textMessage(guesser, await codeFor("Võ Văn Giang")));
    expect(zalo.lastText()).toMatch(/gửi sai mã nhiều lần/);
    expect((await zaloAccountOf(guesser)).personId).toBeNull();
  });

  it("on Telegram both ways are offered: share the phone, or 🔑 Tôi có mã kích hoạt, which asks for the code", async () => {
    const newcomer = { ...USERS.stranger, id: 710000556, first_name: "Mới" };
    telegram.clear();
    await telegram.handle(command(newcomer, "start"));
    expect(JSON.stringify(keyboards(telegram.recent()))).toContain('"request_contact":true');
    expect(JSON.stringify(keyboards(telegram.recent()))).toContain("🔑 Tôi có mã kích hoạt");
    await telegram.handle(textMessage(newcomer, "🔑 Tôi có mã kích hoạt"));
    expect(telegram.lastText()).toMatch(/Gửi mã kích hoạt/);
    await telegram.handle(textMessage(newcomer, "không biết"));
    expect(telegram.lastText()).toMatch(/Mã kích hoạt gồm 8 chữ và số/);
    await telegram.handle(textMessage(newcomer, await codeFor("Võ Văn Giang")));
    expect(telegram.lastText()).toMatch(/Anh\/chị là <b>Võ Văn Giang<\/b>/);
    await telegram.handle(callback(newcomer, telegram.button("Có")));
    const account = await temp.db.channelAccount.findUniqueOrThrow({
      where: { channel_externalId: { channel: "telegram", externalId: String(newcomer.id) } },
    });
    expect(account.personId).toBe(await personId("Võ Văn Giang"));
  });

  it("an officer reads one person's code from their card; many get an Excel sheet; a person in another commune is not offered", async () => {
    const binh = USERS.communeOfficer;
    telegram.clear();
    await telegram.handle(callback(binh, "m:ppl"));
    await telegram.handle(textMessage(binh, "Nguyen Van An"));
    await telegram.handle(callback(binh, telegram.button("Nguyễn Văn An")));
    expect(telegram.lastText()).toMatch(/Zalo: đã kết nối/);
    await telegram.handle(callback(binh, telegram.button("Cấp mã kích hoạt cho người này")));
    const shown = telegram.texts().find((text) => text.startsWith("🔑")) ?? "";
    expect(shown).toMatch(/Mã kích hoạt của <b>Nguyễn Văn An<\/b>: <code>[A-Z2-9]{4}-[A-Z2-9]{4}<\/code>/);
    expect(shown).toMatch(/Hết hạn ngày 22\/12\/2026/);
    await telegram.handle(command(binh, "cancel"));

    telegram.clear();
    await telegram.handle(callback(binh, "m:codes"));
    // Her commune without Zalo yet: herself and Giang (on Telegram only); An and Hoa are on Zalo.
    await telegram.handle(callback(binh, telegram.button("Mọi người chưa kết nối Zalo (2 người)")));
    await telegram.handle(callback(binh, telegram.button("Cấp mã")));
    expect(telegram.recent().some((call) => call.method === "sendDocument")).toBe(true);
    expect(telegram.sentFiles.at(-1)?.name).toBe("ma-kich-hoat-2026-11-22.xlsx");
    expect(telegram.lastText()).toMatch(/Đã cấp 2 mã, hết hạn ngày 22\/12\/2026/);
    const audits = await temp.db.auditLog.count({ where: { action: "activation.create" } });
    expect(audits).toBeGreaterThan(0);
  });

  it("a hamlet head has no code entry and cannot open one by its button", async () => {
    telegram.clear();
    await telegram.handle(callback(USERS.hamletHead, "m:codes"));
    expect(telegram.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text).toMatch(
      /không có quyền/,
    );
  });

  it("Liên kết Zalo from Telegram gives a 15-minute code that links the Zalo account to the same person", async () => {
    const dung = USERS.supervisor;
    telegram.clear();
    await telegram.handle(callback(dung, "m:me"));
    await telegram.handle(callback(dung, telegram.button("Liên kết Zalo")));
    const text = telegram.lastText();
    const code = /<code>([A-Z2-9]{4}-[A-Z2-9]{4})<\/code>/.exec(text)?.[1];
    expect(text).toMatch(/trong 15 phút/);
    const dungOnZalo = onZalo(880000004, "Dung Zalo");
    await zalo.handle(textMessage(dungOnZalo, code ?? ""));
    expect(zalo.lastText()).toMatch(/Anh\/chị là <b>Phạm Thị Dung<\/b>, Lãnh đạo/);
    await zalo.handle(textMessage(dungOnZalo, "1"));
    expect((await zaloAccountOf(dungOnZalo)).personId).toBe(await personId("Phạm Thị Dung"));
    // The Zalo side offers linking Telegram only to who has none: Dung has both now.
    zalo.clear();
    await zalo.handle(callback(dungOnZalo, "m:me"));
    expect(JSON.stringify(keyboards(zalo.recent()))).not.toContain("Liên kết");
  });
});

describe("a person with both channels receives one notice, on the channel they used last", () => {
  it("the notice goes to the account written from last, skipping one that blocked the bot, once", async () => {
    const an = await personId("Nguyễn Văn An");
    const anOnTelegram = USERS.hamletHead;
    const notice = (key: string) =>
      enqueueForPerson(temp.db, {
        kind: "notification",
        personId: an,
        payload: htmlMessage("Thông báo"),
        idempotencyKey: key,
        now: clock.now(),
      });
    const channelOf = async (key: string) =>
      (await temp.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `${key}:` } } })).map(
        (row) => row.channel,
      );

    clock.advance(60_000);
    await telegram.handle(textMessage(anOnTelegram, "menu"));
    clock.advance(60_000);
    await zalo.handle(textMessage(anOnZalo, "menu"));
    expect(await notice("n1")).toBe(1);
    expect(await channelOf("n1")).toEqual(["zalo"]);

    // A minute later on Telegram (within the 5 minutes "last seen" is otherwise kept for).
    clock.advance(60_000);
    await telegram.handle(textMessage(anOnTelegram, "menu"));
    expect(await notice("n2")).toBe(1);
    expect(await channelOf("n2")).toEqual(["telegram"]);
    // The same notice again (a retried job) is not queued twice, even after a switch.
    clock.advance(60_000);
    await zalo.handle(textMessage(anOnZalo, "menu"));
    expect(await notice("n2")).toBe(0);
    expect(await channelOf("n2")).toEqual(["telegram"]);

    // Zalo used last but blocked: Telegram gets it.
    await temp.db.channelAccount.update({
      where: { id: (await zaloAccountOf(anOnZalo)).id },
      data: { blockedAt: clock.now() },
    });
    expect(await notice("n3")).toBe(1);
    expect(await channelOf("n3")).toEqual(["telegram"]);
    await temp.db.channelAccount.update({
      where: { id: (await zaloAccountOf(anOnZalo)).id },
      data: { blockedAt: null },
    });
  });

  it("a person with both channels is one person: the same menu and the same drafts", async () => {
    const an = await personId("Nguyễn Văn An");
    const form = await telegram.deps.forms.byKey("incident");
    if (!form) throw new Error("no incident form");
    const draft = await startDraft(temp.db, clock, { personId: an, form, periodKey: "adhoc" });
    expect(draft.ok).toBe(true);
    telegram.clear();
    zalo.clear();
    await telegram.handle(command(USERS.hamletHead, "start"));
    await zalo.handle(command(anOnZalo, "start"));
    const menuOf = (bot: TestBot) =>
      bot.recent().find((call) => /Chào Nguyễn Văn An/.test(String(call.payload.text)));
    const onTelegram = menuOf(telegram);
    const onZaloMenu = menuOf(zalo);
    expect(onZaloMenu?.payload.text).toBe(onTelegram?.payload.text);
    expect(onZaloMenu?.payload.text).toMatch(/Bạn có một báo cáo chưa gửi: <b>Báo cáo sự việc đột xuất<\/b>/);
    expect(onZaloMenu?.payload.reply_markup).toEqual(onTelegram?.payload.reply_markup);
  });
});

describe("activation code sheet", () => {
  it("the Excel sheet an admin gets lists every person with their code", async () => {
    const admin = USERS.admin;
    telegram.clear();
    await telegram.handle(callback(admin, "m:codes"));
    await telegram.handle(callback(admin, telegram.button("Theo đơn vị")));
    await telegram.handle(callback(admin, telegram.button("Xã Đức Thọ")));
    expect(telegram.lastText()).toMatch(/Cấp mã mới cho 3 người\?/);
    await telegram.handle(callback(admin, telegram.button("Cấp mã")));
    const sent = telegram.sentFiles.at(-1);
    expect(sent?.name).toBe("ma-kich-hoat-2026-11-22.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sent?.data as unknown as ArrayBuffer);
    const rows = (workbook.worksheets[0]?.getSheetValues() ?? [])
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows[1]).toEqual(["Họ và tên", "Vai trò", "Đơn vị", "Số điện thoại", "Mã kích hoạt", "Hết hạn"]);
    // Xã Đức Thọ: its commune officer and two hamlet heads, none on Zalo yet.
    expect(rows.slice(2).map((row) => [row[0], row[1], row[2], row[3]])).toEqual([
      ["Bùi Văn Khánh", "Cán bộ xã", "Xã Đức Thọ, Tỉnh Hà Tĩnh", "0912 000 021"],
      ["Ngô Thị Lan", "Trưởng thôn", "Thôn Yên Trung, Xã Đức Thọ", "0912 000 022"],
      ["Đinh Văn Minh", "Trưởng thôn", "Thôn Trung Lương, Xã Đức Thọ", "0912 000 023"],
    ]);
    for (const row of rows.slice(2)) expect(row[4]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });
});

describe("The channel is data, never a constant", () => {
  it("the same chat id on Telegram and Zalo are two chats: a task open on one is not replayed on the other", async () => {
    const binh = USERS.communeOfficer;
    // The Zalo adapter's mapped integer may equal a Telegram id: here, someone unknown on Zalo.
    const sameIdOnZalo = onZalo(binh.id, "Người lạ");
    telegram.clear();
    await telegram.handle(callback(binh, "m:ppl"));
    expect(telegram.lastText()).toMatch(/Quản lý cán bộ/);
    zalo.clear();
    await zalo.handle(textMessage(sameIdOnZalo, "Nguyen Van An"));
    expect(zalo.texts().join("\n")).not.toMatch(/Tìm thấy|Nguyễn Văn An ·/);
    // Bình's search on Telegram goes on where it was.
    telegram.clear();
    await telegram.handle(textMessage(binh, "Nguyen Van An"));
    expect(telegram.lastText()).toMatch(/Tìm thấy 1 người/);
    const account = await zaloAccountOf(sameIdOnZalo);
    expect(account.personId).toBeNull();
  });
});
