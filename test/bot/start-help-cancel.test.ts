import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { command, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db });
});
afterAll(() => temp.cleanup());

type Row = {
  name: string;
  user: (typeof USERS)[keyof typeof USERS];
  greeting: RegExp;
  menu: string[];
  hidden: string[];
};

const rows: Row[] = [
  {
    name: "hamlet head",
    user: USERS.hamletHead,
    greeting: /Chào Nguyễn Văn An!.*Trưởng thôn.*Thôn 3, Xã Lâm Trung Thủy/s,
    menu: ["Hỏi đáp chính sách", "Thông tin của tôi", "Ngôn ngữ", "Hướng dẫn"],
    hidden: ["Đơn vị của tôi", "Xin quyền truy cập"],
  },
  {
    name: "commune officer",
    user: USERS.communeOfficer,
    greeting: /Chào Trần Thị Bình!.*Cán bộ xã.*Xã Lâm Trung Thủy/s,
    menu: ["Hỏi đáp chính sách", "Đơn vị của tôi", "Thông tin của tôi", "Ngôn ngữ", "Hướng dẫn"],
    hidden: ["Xin quyền truy cập"],
  },
  {
    name: "trainer",
    user: USERS.trainer,
    greeting: /Chào Lê Văn Cường!.*Giảng viên.*Tỉnh Hà Tĩnh/s,
    menu: ["Hỏi đáp chính sách", "Thông tin của tôi", "Ngôn ngữ", "Hướng dẫn"],
    hidden: ["Đơn vị của tôi", "Xin quyền truy cập"],
  },
  {
    name: "supervisor",
    user: USERS.supervisor,
    greeting: /Chào Phạm Thị Dung!.*Lãnh đạo.*Tỉnh Hà Tĩnh/s,
    menu: ["Hỏi đáp chính sách", "Đơn vị của tôi", "Thông tin của tôi", "Ngôn ngữ", "Hướng dẫn"],
    hidden: ["Xin quyền truy cập"],
  },
  {
    name: "admin",
    user: USERS.admin,
    greeting: /Chào Hoàng Văn Em!.*Quản trị viên.*Tỉnh Hà Tĩnh/s,
    menu: ["Hỏi đáp chính sách", "Đơn vị của tôi", "Thông tin của tôi", "Ngôn ngữ", "Hướng dẫn"],
    hidden: ["Xin quyền truy cập"],
  },
  {
    name: "someone not yet linked",
    user: USERS.stranger,
    greeting: /Nếu bạn là cán bộ, bấm <b>📱 Xác minh bằng số điện thoại<\/b>/,
    menu: ["Xác minh bằng số điện thoại", "Hỏi đáp chính sách", "Ngôn ngữ", "Hướng dẫn"],
    hidden: ["Đơn vị của tôi", "Thông tin của tôi", "Xin quyền truy cập"],
  },
];

function menuLabels(call: { payload: Record<string, unknown> } | undefined): string[] {
  const markup = call?.payload.reply_markup as { inline_keyboard: { text: string }[][] };
  return markup.inline_keyboard.flat().map((b) => b.text);
}

describe.each(rows)("/start, /help, /cancel as $name", ({ user, greeting, menu, hidden }) => {
  it("/start greets in Vietnamese with the role's menu and sets the chat's command list", async () => {
    t.clear();
    await t.handle(command(user, "start"));
    const menuCall = t
      .recent()
      .find((c) => c.method === "sendMessage" && greeting.test(String(c.payload.text)));
    expect(menuCall).toBeDefined();
    const labels = menuLabels(menuCall);
    for (const label of menu) expect(labels.some((l) => l.includes(label))).toBe(true);
    for (const label of hidden) expect(labels.some((l) => l.includes(label))).toBe(false);
    const commands = t.calls.filter((c) => c.method === "setMyCommands").at(-1);
    expect(commands?.payload.scope).toEqual({ type: "chat", chat_id: user.id });
  });

  it("/help explains what this person can do", async () => {
    t.clear();
    await t.handle(command(user, "help"));
    expect(t.lastText()).toMatch(/Hướng dẫn/);
    expect(t.lastText()).toMatch(/\/cancel/);
  });

  it("/cancel with nothing in progress says so and shows the menu", async () => {
    t.clear();
    await t.handle(command(user, "cancel"));
    expect(t.texts()[0]).toBe("Không có việc gì đang làm dở.");
    expect(t.lastText()).toMatch(/Chọn việc cần làm/);
  });
});

describe("command lists", () => {
  it("differ by role: /units only for those who oversee units", async () => {
    const listFor = async (user: (typeof USERS)[keyof typeof USERS]) => {
      t.clear();
      await t.handle(command(user, "start"));
      const call = t.calls.filter((c) => c.method === "setMyCommands").at(-1);
      const commands = (call?.payload.commands ?? []) as { command: string }[];
      return commands.map((c) => c.command);
    };
    expect(await listFor(USERS.communeOfficer)).toContain("units");
    expect(await listFor(USERS.hamletHead)).not.toContain("units");
    expect(await listFor(USERS.stranger)).not.toContain("me");
  });
});
