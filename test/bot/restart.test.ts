import { afterAll, beforeAll, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot } from "../helpers/test-bot.js";
import { callback, contact, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
});
afterAll(() => temp.cleanup());

it("a conversation begun by one bot instance is finished by a new instance on the same database", async () => {
  const user = USERS.stranger;
  const first = createTestBot({ db: temp.db });
  await first.handle(callback(user, "m:req"));
  await first.handle(textMessage(user, "Phan Văn Khởi"));
  await first.handle(contact(user, "84987654321"));
  const roleButton = first.button("Cán bộ xã");
  await temp.db.$disconnect();

  // A restart: new database client, new bot, nothing shared in memory.
  const db = temp.reopen();
  const second = createTestBot({ db });
  await second.handle(callback(user, roleButton));
  // Only the next question is sent (the answered one is marked); answered steps are not asked again.
  expect(second.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  expect(second.lastText()).toMatch(/xã\/phường nào/);
  await second.handle(callback(user, second.button("Xã Đức Thọ")));
  expect(second.lastText()).toContain("Họ tên: <b>Phan Văn Khởi</b>");
  await second.handle(callback(user, second.button("Gửi yêu cầu")));
  expect(second.lastText()).toMatch(/Đã gửi yêu cầu/);

  const request = await db.accessRequest.findFirstOrThrow({ include: { unit: true } });
  expect(request).toMatchObject({
    fullName: "Phan Văn Khởi",
    phone: "+84987654321",
    role: "commune_officer",
  });
  expect(request.unit.name).toBe("Xã Đức Thọ");
  expect(
    second.calls.some((c) => c.method === "sendMessage" && /Câu 1\/4/.test(String(c.payload.text))),
  ).toBe(false);
});

it("a conversation stored by an earlier version of the bot is dropped, and its person told", async () => {
  const db = temp.reopen();
  const bot = createTestBot({ db });
  const an = USERS.hamletHead;
  // What version 1 stored for a report form half-way (its replay log no longer fits the code).
  await db.conversationState.create({
    data: {
      key: `conv:${an.id}`,
      value: JSON.stringify({
        version: [0, 1],
        state: { fillReport: [{ args: "[1]", interrupts: [0], replay: {} }] },
      }),
    },
  });
  await bot.handle(textMessage(an, "15"));
  const texts = bot.texts();
  expect(texts[0]).toMatch(/Trợ lý vừa được cập nhật nên việc bạn đang làm dở đã dừng/);
  expect(texts.at(-1)).toMatch(/Chào Nguyễn Văn An!.*Chọn việc cần làm/s);
  expect(texts).toHaveLength(2);
  expect(await db.conversationState.findUnique({ where: { key: `conv:${an.id}` } })).toBeNull();
  // Told once: the next message is handled as usual.
  bot.clear();
  await bot.handle(textMessage(an, "chuẩn nghèo là bao nhiêu"));
  expect(bot.lastText()).toMatch(/Nguồn:/);
});
