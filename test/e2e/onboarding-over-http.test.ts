import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

let running: RunningApp;

beforeAll(async () => {
  running = await startRunningApp();
});
afterAll(() => running.stop());

const post = (path: string, body: unknown = {}) => running.pageApi(path, { json: body });

it("a rostered person shares their phone in the simulator and gets their menu", async () => {
  const giang = 710000011;
  await running.say(giang, "/start");
  // The greeting names the button too; the keyboard comes with the prompt sent after it.
  await running.waitForBotText(giang, /Xác minh bằng số điện thoại(<\/b>)? bên dưới/);
  const chat = (await (await running.pageApi(`/sim/api/chats/${giang}`)).json()) as {
    replyKeyboard: { keyboard: { text: string; request_contact?: boolean }[][] };
  };
  expect(chat.replyKeyboard.keyboard[0]?.[0]?.request_contact).toBe(true);
  await post(`/sim/api/chats/${giang}/contact`);
  await running.waitForBotText(giang, /Chào Võ Văn Giang!.*Trưởng thôn/s);
});

it("an unknown person files a request that the commune officer approves in their own chat", async () => {
  const stranger = 710000099;
  const officer = 710000002;
  await running.say(stranger, "/start");
  await running.waitForBotText(stranger, /Xác minh bằng số điện thoại/);
  await post(`/sim/api/chats/${stranger}/contact`);
  await running.waitForBotText(stranger, /gửi yêu cầu truy cập/);
  await running.press(stranger, "Xin quyền truy cập");
  await running.waitForBotText(stranger, /Câu 1\/4/);
  await running.say(stranger, "Nguyễn Thị Mới");
  await running.waitForBotText(stranger, /Câu 3\/4/);
  await running.press(stranger, "Trưởng thôn");
  await running.waitForBotText(stranger, /xã\/phường nào/);
  await running.press(stranger, "Xã Lâm Trung Thủy");
  await running.waitForBotText(stranger, /thôn\/tổ dân phố nào/);
  await running.press(stranger, "Thôn 2");
  await running.waitForBotText(stranger, /kiểm tra lại thông tin/);
  await running.press(stranger, "Gửi yêu cầu");
  await running.waitForBotText(stranger, /Đã gửi yêu cầu/);

  // The outbox worker delivers the request to the commune officer's chat.
  await running.waitForBotText(officer, /Yêu cầu truy cập mới.*Nguyễn Thị Mới/s);
  await running.press(officer, "Duyệt");
  // Thôn 2 has a head already: the officer keeps both.
  await running.waitForBotText(officer, /Thôn 2, Xã Lâm Trung Thủy đã có trưởng thôn: Đặng Thị Hoa/);
  await running.press(officer, "Giữ cả hai");
  await running.waitForBotText(officer, /Đã duyệt/);
  await running.waitForBotText(stranger, /đã được duyệt/);
  await running.press(stranger, "Menu chính");
  await running.waitForBotText(stranger, /Chào Nguyễn Thị Mới!.*Trưởng thôn/s);
});
