import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUnit } from "../../src/domain/units/create-unit.js";
import { shortenLabel } from "../../src/shared/text.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { type ApiCall, createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const officer = USERS.communeOfficer; // Xã Lâm Trung Thủy: Thôn 1–3
const admin = USERS.admin;
const LONG_NAME = "Tổ dân phố Bắc Hồng Lĩnh mở rộng sau sáp nhập năm 2025 (khu tái định cư)";

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // A commune with more hamlets than fit on one page, one of them with a very long name.
  const duc = await temp.db.unit.findUniqueOrThrow({ where: { code: "42-DT" } });
  for (let i = 1; i <= 10; i++) {
    await createUnit(temp.db, {
      code: `42-DT-X${i}`,
      name: i === 10 ? LONG_NAME : `Xóm ${String(i).padStart(2, "0")}`,
      level: "hamlet",
      parentId: duc.id,
    });
  }
});
afterAll(() => temp.cleanup());
beforeEach(async () => {
  await temp.db.conversationState.deleteMany();
  t = createTestBot({ db: temp.db, clock: createFakeClock("2026-11-22T09:00:00+07:00") });
});

type Markup = { inline_keyboard?: { text: string; callback_data?: string }[][] };
const sends = () => t.recent().filter((c) => c.method === "sendMessage");
const edits = () => t.recent().filter((c) => c.method === "editMessageText");
/** Presses the newest button with this label; the calls it causes are then `t.recent()`. */
async function tap(user: typeof officer, label: string) {
  const data = t.button(label);
  t.clear();
  await t.handle(callback(user, data));
}
const labelsOf = (call: ApiCall | undefined) =>
  (call?.payload.reply_markup as Markup | undefined)?.inline_keyboard?.flat().map((b) => b.text) ?? [];

describe("Multi-step screens stay tidy", () => {
  it("an answered question shows the choice and loses its buttons (tapped or typed)", async () => {
    await t.handle(callback(officer, "m:inv"));
    await tap(officer, "Trưởng thôn");
    const [marked] = edits();
    expect(marked?.payload.text).toBe(
      "🔗 <b>Tạo lời mời</b> — người được mời sẽ làm gì?\n→ <b>Trưởng thôn</b>",
    );
    expect(marked?.payload.reply_markup).toBeUndefined();
    expect(sends().at(-1)?.payload.text).toBe("Chọn đơn vị cho Trưởng thôn:");
    // Typed instead of tapped: the same.
    t.clear();
    await t.handle(textMessage(officer, "thon 2"));
    expect(edits()[0]?.payload.text).toBe("Chọn đơn vị cho Trưởng thôn:\n→ <b>Thôn 2</b>");
    await t.handle(command(officer, "cancel"));
  });

  it("if the answered question cannot be edited, nothing is lost: the next question comes", async () => {
    await t.handle(callback(officer, "m:inv"));
    t.failNext("editMessageText", { error_code: 400, description: "Bad Request: message can't be edited" });
    await tap(officer, "Cán bộ xã");
    expect(t.lastText()).toBe("Chọn đơn vị cho Cán bộ xã:");
    expect(t.logs.some((log) => Number(log.level) >= 50)).toBe(false);
    await t.handle(command(officer, "cancel"));
  });

  it("the unit picker turns pages, goes down and back in its own message", async () => {
    await t.handle(callback(admin, "m:inv"));
    await t.handle(callback(admin, t.button("Trưởng thôn")));
    await tap(admin, "Xã Đức Thọ");
    expect(sends()).toEqual([]);
    const firstPage = edits().at(-1);
    const pickerId = firstPage?.payload.message_id;
    expect(pickerId).toEqual(expect.any(Number));
    expect(firstPage?.payload.text).toMatch(/Trang 1\/2/);
    expect(labelsOf(firstPage)).toContain("Sau ▶");
    await tap(admin, "Sau ▶");
    expect(sends()).toEqual([]);
    const secondPage = edits().at(-1);
    expect(secondPage?.payload.message_id).toBe(pickerId);
    expect(secondPage?.payload.text).toMatch(/Trang 2\/2/);
    // A label too long for a button is cut, and shows it.
    const long = [...labelsOf(firstPage), ...labelsOf(secondPage)].find((label) =>
      label.includes("Bắc Hồng Lĩnh"),
    );
    expect(long).toMatch(/…$/);
    expect([...(long ?? "")].length).toBeLessThanOrEqual(48);
    await tap(admin, "Quay lại");
    expect(sends()).toEqual([]);
    expect(labelsOf(edits().at(-1))).toContain("3. Xã Lâm Trung Thủy");
    // Picking: the question shows the unit, and the next question is a new message.
    await t.handle(callback(admin, t.button("Xã Lâm Trung Thủy")));
    await tap(admin, "Thôn 2");
    expect(edits()[0]?.payload).toMatchObject({
      message_id: pickerId,
      text: "Chọn đơn vị cho Trưởng thôn:\n→ <b>Thôn 2</b>",
    });
    expect(sends()).toHaveLength(1);
    await t.handle(command(admin, "cancel"));
  });

  it("a picker whose message cannot be edited shows the page as a new message", async () => {
    await t.handle(callback(admin, "m:inv"));
    await t.handle(callback(admin, t.button("Trưởng thôn")));
    t.failNext("editMessageText", { error_code: 400, description: "Bad Request: message to edit not found" });
    await tap(admin, "Xã Đức Thọ");
    expect(labelsOf(sends().at(-1))).toContain("Sau ▶");
    await t.handle(command(admin, "cancel"));
  });

  it("choices that are numbers are not numbered again ('1. 1 người'), and can be typed as the number", async () => {
    await t.handle(callback(officer, "m:inv"));
    await t.handle(callback(officer, t.button("Trưởng thôn")));
    await tap(officer, "Thôn 3");
    // Thôn 3 has a head: keep both (typed, as on Zalo).
    await t.handle(textMessage(officer, "3"));
    expect(labelsOf(sends().at(-1))).toEqual(["1 người", "5 người", "20 người", "100 người", "✖️ Hủy"]);
    await t.handle(textMessage(officer, "20"));
    expect(labelsOf(sends().at(-1))).toEqual(["1 ngày", "7 ngày", "30 ngày", "✖️ Hủy"]);
    await t.handle(textMessage(officer, "30"));
    expect(t.lastText()).toMatch(/Dùng được cho 20 người, hết hạn ngày 22\/12\/2026/);
  });

  it("labels too long for a button are cut in one way everywhere, ending with …", () => {
    expect(shortenLabel("Thôn 3")).toBe("Thôn 3");
    const cut = shortenLabel("Tiến độ rà soát hộ nghèo, cận nghèo năm 2026 của toàn tỉnh", 30);
    expect(cut).toBe("Tiến độ rà soát hộ nghèo, cận…");
    expect([...cut].length).toBeLessThanOrEqual(30);
    // Letters with diacritics count once, whichever way they are encoded.
    const nfd = "Nguyễn Văn An · Trưởng thôn · Thôn 3".normalize("NFD");
    expect(shortenLabel(nfd, 40)).toBe(nfd.normalize("NFC")); // not cut, and written composed
    expect(shortenLabel("Thôn 3 · Xã Lâm Trung Thủy", 9)).toBe("Thôn 3…");
  });

  it("unit overviews list only what exists: no '0 xã/phường', no rows of zeros", async () => {
    t.clear();
    await t.handle(callback(officer, "m:units"));
    const text = t.lastText();
    expect(text).toContain("Đơn vị trực thuộc: 3 thôn/tổ dân phố");
    expect(text).not.toMatch(/(^|\D)0 (xã|thôn)|: 0$/m);
    expect(text).not.toMatch(/Giảng viên|Quản trị viên/);
    t.clear();
    await t.handle(callback(admin, "m:units"));
    expect(t.lastText()).toMatch(/Đơn vị trực thuộc: 3 xã\/phường, 17 thôn\/tổ dân phố/);
  });
});
