import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

let running: RunningApp;
const admin = 710000005; // Hoàng Văn Em

beforeAll(async () => {
  running = await startRunningApp();
});
afterAll(() => running.stop());

const active = () => running.app.db.person.count({ where: { status: "active" } });

/** Labels of the buttons under the bot's newest message. */
async function lastButtons(): Promise<string[]> {
  const last = (await running.messages(admin)).filter((m) => m.outgoing).at(-1);
  return (last?.reply_markup?.inline_keyboard.flat() ?? []).map((button) => button.text);
}

it("in the simulator, the admin's import of the sample roster deactivates nobody without the separate named confirmation", async () => {
  const before = await active();
  await running.sendDocument(
    admin,
    "danh-sach-can-bo-mau.csv",
    readFileSync("examples/danh-sach-can-bo-mau.csv"),
    "text/csv",
  );
  await running.waitForBotText(admin, /nhập không ngừng kích hoạt ai/);
  expect((await lastButtons()).filter((label) => /ngừng kích hoạt/i.test(label))).toEqual([]);
  await running.press(admin, "Giữ cả hai ở cả 3 dòng");
  await running.waitForBotText(admin, /Nhập thật\?/);
  await running.press(admin, "✅ Nhập");
  await running.waitForBotText(admin, /Đã nhập xong: 9 thay đổi/);
  expect(await active()).toBe(before + 9);

  await running.press(admin, "8 người không có trong tệp");
  await running.waitForBotText(admin, /Trần Thị Bình — Cán bộ xã, Xã Lâm Trung Thủy/);
  await running.press(admin, "Ngừng kích hoạt 8 người này");
  await running.waitForBotText(admin, /Ngừng kích hoạt 8 người\?/);
  expect(await active()).toBe(before + 9);
  await running.press(admin, "Có, ngừng kích hoạt 8 người");
  await running.waitForBotText(admin, /Đã ngừng kích hoạt 8 người/);
  expect(await active()).toBe(before + 1);

  await running.press(admin, "Hoàn tác việc ngừng kích hoạt");
  await running.waitForBotText(admin, /Hoàn tác việc ngừng kích hoạt 8 người/);
  await running.press(admin, "↩️ Hoàn tác");
  await running.waitForBotText(admin, /Đã hoàn tác/);
  expect(await active()).toBe(before + 9);
});
