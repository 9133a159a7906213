import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

let running: RunningApp;

beforeAll(async () => {
  running = await startRunningApp();
});
afterAll(() => running.stop());

describe("the bot and the simulator over real HTTP", () => {
  it("serves the chat page and the Bot API", async () => {
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    const me = (await (await fetch(`${running.url}/bot${running.app.simulator?.token}/getMe`)).json()) as {
      ok: boolean;
    };
    expect(me.ok).toBe(true);
    // Only the bot's own token, made up for this run.
    expect((await fetch(`${running.url}/bot123:abc/getMe`)).status).toBe(401);
  });

  it("/start → main menu → a button press, as a hamlet head", async () => {
    const hamletHead = 710000001;
    await running.say(hamletHead, "/start");
    const menu = await running.waitForBotText(hamletHead, /Chọn việc cần làm/);
    expect(menu.text).toContain("Chào Nguyễn Văn An");
    await running.press(hamletHead, "Thông tin của tôi");
    const profile = await running.waitForBotText(hamletHead, /Vai trò: Trưởng thôn/);
    // The menu message was edited in place into the profile screen.
    expect(profile.message_id).toBe(menu.message_id);
    expect(profile.edit_date).toBeDefined();
  });

  it("every demo person gets a Vietnamese main menu for /start", async () => {
    for (const user of DEMO_SIMULATOR_USERS) {
      await running.say(user.id, "/start");
      await running.waitForBotText(user.id, /Chọn việc cần làm|Xác minh bằng số điện thoại/);
      const menu = (await running.messages(user.id)).find(
        (m) => m.outgoing && m.text?.includes("Chọn việc cần làm"),
      );
      expect(menu?.reply_markup?.inline_keyboard.flat().length).toBeGreaterThanOrEqual(3);
    }
  });

  it("sets each person's command list for their chat", async () => {
    const response = await running.pageApi("/sim/api/chats/710000002");
    const { commands } = (await response.json()) as { commands: { command: string }[] };
    expect(commands.map((c) => c.command)).toContain("units");
  });
});
