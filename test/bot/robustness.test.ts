import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import {
  blockedBot,
  callback,
  command,
  location,
  photo,
  redelivered,
  sticker,
  textMessage,
  USERS,
} from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db });
});
afterAll(() => temp.cleanup());

describe("error boundary", () => {
  it("a failing Bot API call does not escape: the person gets an apology, the log the update id and stack", async () => {
    t.clear();
    t.failNext("sendMessage", { error_code: 400, description: "Bad Request: something odd" });
    const update = command(USERS.hamletHead, "start");
    await expect(t.handle(update)).resolves.toBeUndefined();
    expect(t.lastText()).toMatch(/Xin lỗi, đã có lỗi xảy ra/);
    const entry = t.logs.find((log) => log.msg === "update handling failed");
    expect(entry?.updateId).toBe(update.update_id);
    expect(String((entry?.err as { stack?: string })?.stack)).toContain("GrammyError");
  });

  it("survives even when the apology cannot be sent", async () => {
    t.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    t.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await expect(t.handle(command(USERS.trainer, "start"))).resolves.toBeUndefined();
    expect(t.logs.some((log) => log.msg === "could not send apology")).toBe(true);
  });
});

describe("re-delivered updates", () => {
  it("are handled once", async () => {
    const update = command(USERS.supervisor, "help");
    t.clear();
    await t.handle(update);
    await t.handle(redelivered(update));
    expect(t.texts()).toHaveLength(1);
    expect(
      t.logs.some((log) => log.msg === "duplicate update skipped" && log.updateId === update.update_id),
    ).toBe(true);
  });
});

describe("bad input gets a clear answer", () => {
  it.each([
    ["a sticker", () => sticker(USERS.hamletHead)],
    ["a photo outside any task", () => photo(USERS.hamletHead, "ảnh")],
    ["a location outside any task", () => location(USERS.hamletHead, 18.34, 105.9)],
  ])("%s", async (_name, make) => {
    t.clear();
    await t.handle(make());
    expect(t.lastText()).toMatch(/chưa xử lý được loại tin nhắn này/);
  });

  it("an unknown command", async () => {
    t.clear();
    await t.handle(command(USERS.hamletHead, "xoa_het"));
    expect(t.lastText()).toBe(
      "Mình không biết lệnh /xoa_het. Bấm 🏠 Menu chính bên dưới, hoặc gõ hướng dẫn (/help) để xem bot làm được gì.",
    );
  });

  it("a stale or unknown button gets an alert instead of silence", async () => {
    t.clear();
    await t.handle(callback(USERS.hamletHead, "old:feature:42"));
    const answer = t.recent().find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload).toMatchObject({ show_alert: true, text: expect.stringMatching(/Nút đã cũ/) });
  });

  it("a menu entry the person may not use is refused (old menu after a role change)", async () => {
    t.clear();
    await t.handle(callback(USERS.hamletHead, "m:units"));
    const answer = t.recent().find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toMatch(/không có quyền/);
    expect(t.texts()).toHaveLength(0);
  });

  it("typing a menu label works like pressing it, with or without diacritics", async () => {
    t.clear();
    await t.handle(textMessage(USERS.hamletHead, "hoi dap chinh sach"));
    expect(t.lastText()).toMatch(/Hỏi đáp chính sách.*chọn một chủ đề/s);
  });

  it("other free text is a question for the policy Q&A", async () => {
    t.clear();
    await t.handle(textMessage(USERS.stranger, "chuẩn nghèo là bao nhiêu"));
    expect(t.texts().join("\n")).toMatch(/Nguồn:/);
  });

  it("group chats and channel posts are ignored", async () => {
    t.clear();
    const update = command(USERS.hamletHead, "start");
    const message = update.message as unknown as { chat: { id: number; type: string; title?: string } };
    message.chat = { id: -100123, type: "supergroup", title: "Nhóm thôn" };
    await t.handle(update);
    expect(t.recent()).toEqual([]);
  });
});

describe("blocking the bot", () => {
  it("marks the account unreachable, and writing again clears it", async () => {
    await t.handle(blockedBot(USERS.communeOfficer, true));
    const account = () =>
      temp.db.channelAccount.findUniqueOrThrow({
        where: { channel_externalId: { channel: "telegram", externalId: String(USERS.communeOfficer.id) } },
      });
    expect((await account()).blockedAt).not.toBeNull();
    await t.handle(command(USERS.communeOfficer, "start"));
    expect((await account()).blockedAt).toBeNull();
  });
});
