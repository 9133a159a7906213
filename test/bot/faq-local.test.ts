import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childPath } from "../../src/domain/units/unit-path.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, contact, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const an = USERS.hamletHead;
/** Linked in the test to a hamlet head of a second province. */
const elsewhere = USERS.stranger;
const LOCAL_QUESTION = "Hà Tĩnh có chuẩn nghèo riêng không?";

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
  // A second province (Nghệ An) with one commune, one hamlet and its head.
  let parent = null as { id: number; path: string } | null;
  for (const [code, name, level] of [
    ["40", "Tỉnh Nghệ An", "province"],
    ["40-NL", "Xã Nghi Lộc", "commune"],
    ["40-NL-01", "Thôn Đông", "hamlet"],
  ] as const) {
    const unit: { id: number; path: string } = await temp.db.unit.create({
      data: {
        code,
        name,
        level,
        parentId: parent?.id ?? null,
        path: "",
        depth: parent ? parent.path.split("/").length - 2 : 0,
      },
    });
    parent = await temp.db.unit.update({
      where: { id: unit.id },
      data: { path: childPath(parent?.path ?? null, unit.id) },
    });
  }
  await temp.db.person.create({
    data: {
      fullName: "Hồ Văn Tư",
      phone: "+84912000777",
      role: "hamlet_head",
      unitId: parent?.id ?? 0,
      status: "active",
    },
  });
  await t.handle(contact(elsewhere, "0912000777"));
  const linked = await temp.db.channelAccount.findFirst({
    where: { chatId: String(elsewhere.id) },
    include: { person: true },
  });
  if (linked?.person?.fullName !== "Hồ Văn Tư")
    throw new Error("the second province's hamlet head is not linked");
});
afterAll(() => temp.cleanup());

describe("National vs local", () => {
  it("a hamlet head of Hà Tĩnh gets the province's local answer, saying where it applies", async () => {
    t.clear();
    await t.handle(textMessage(an, LOCAL_QUESTION));
    expect(t.lastText()).toMatch(/Hà Tĩnh có chuẩn nghèo riêng hay hỗ trợ BHYT thêm không\?/);
    expect(t.lastText()).toMatch(/chưa có thông tin/);
    expect(t.lastText()).toMatch(/📍 <i>Áp dụng tại: Tỉnh Hà Tĩnh<\/i>/);
    t.clear();
    await t.handle(textMessage(an, "hỏi ai về hộ nghèo ở xã lâm trung thủy"));
    expect(t.lastText()).toMatch(/Trần Thị Bình.*📍 <i>Áp dụng tại: Xã Lâm Trung Thủy<\/i>/s);
  });

  it("a hamlet head of another province never gets it: not answered, not offered, not by an old button", async () => {
    const entry = await temp.db.faqEntry.findUniqueOrThrow({
      where: { key: "ha-tinh-chuan-ngheo-va-bhyt-rieng" },
    });
    t.clear();
    await t.handle(textMessage(elsewhere, LOCAL_QUESTION));
    expect(t.texts().join("\n")).not.toMatch(/Hà Tĩnh có chuẩn nghèo riêng hay|Áp dụng tại/);
    const buttons = t
      .recent()
      .flatMap((call) =>
        (
          (call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] })
            ?.inline_keyboard ?? []
        ).flat(),
      );
    expect(buttons.map((button) => button.callback_data)).not.toContain(`faq:e:${entry.id}`);
    t.clear();
    await t.handle(callback(elsewhere, `faq:e:${entry.id}`));
    expect(t.lastText()).toMatch(/không còn áp dụng/);
    t.clear();
    await t.handle(callback(elsewhere, "faq:t:T3:0"));
    expect(t.texts().join("\n")).not.toMatch(/Xã Lâm Trung Thủy/);
    t.clear();
    await t.handle(callback(an, "faq:t:T3:0"));
    expect(JSON.stringify(t.recent())).toMatch(/Hỏi ai về giảm nghèo ở xã Lâm Trung Thủy/);
  });
});
