import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, document, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db, clock });
});
afterAll(() => temp.cleanup());

const clean = [
  "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
  "Phan Thị Mai,0913 111 222,Trưởng thôn,42-LTT-02",
  "Cao Văn Tùng,0913.111.333,Trưởng thôn,Hà Tĩnh / Đức Thọ / Thôn Yên Trung",
].join("\n");
const withErrors = [
  "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
  "Phan Thị Mai,0913 111 222,Trưởng thôn,42-LTT-02",
  ",0913 111 444,Trưởng thôn,42-LTT-02",
  "Lê Văn Sai,12345,Trưởng thôn,42-LTT-02",
].join("\n");

/** Every inline button the bot showed since the last `clear()`. */
function buttons(): string[] {
  return t
    .recent()
    .flatMap((call) => {
      const markup = call.payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
      return markup?.inline_keyboard?.flat() ?? [];
    })
    .map((button) => button.text);
}

const active = () => temp.db.person.count({ where: { status: "active" } });

describe("admins import a roster by sending the file", () => {
  it("a file with bad rows gets the per-row report and no confirm button; nothing changes", async () => {
    t.putFile("bad", Buffer.from(withErrors));
    t.clear();
    await t.handle(document(USERS.admin, "bad", "danh-sach.csv"));
    const report = t.lastText();
    expect(report).toMatch(/Dòng 3/);
    expect(report).toMatch(/Dòng 4/);
    expect(report).toMatch(/Chưa nhập gì/);
    expect(() => t.button("Nhập")).toThrow();
    expect(await temp.db.person.count({ where: { fullName: "Phan Thị Mai" } })).toBe(0);
  });

  it("a clean file gets a preview, a decision about hamlets that have a head, then imports, audited", async () => {
    t.putFile("good", Buffer.from(clean));
    t.clear();
    await t.handle(document(USERS.admin, "good", "danh-sach.csv"));
    expect(t.lastText()).toMatch(/chạy thử/);
    // Thôn 2 and Thôn Yên Trung have heads: keep both (deputies), typed as the button's number.
    expect(t.lastText()).toMatch(/2 dòng cho một thôn thêm trưởng thôn/);
    expect(t.lastText()).toMatch(/Phan Thị Mai → Thôn 2, Xã Lâm Trung Thủy · đang có: Đặng Thị Hoa/);
    await t.handle(textMessage(USERS.admin, "1"));
    expect(t.lastText()).toMatch(/Đã ghi quyết định: giữ cả hai ở 2 dòng\./);
    await t.handle(callback(USERS.admin, t.button("✅ Nhập")));
    expect(t.texts().join("\n")).toMatch(/Đã nhập xong: 2 thay đổi/);
    const mai = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84913111222" },
      include: { unit: true },
    });
    expect(mai.unit.name).toBe("Thôn 2");
    const audit = await temp.db.auditLog.findFirstOrThrow({ where: { action: "roster.import" } });
    expect(audit.details).toMatchObject({ via: "bot", keptSecondHeads: [2, 3] });
    const admin = await temp.db.person.findFirstOrThrow({ where: { role: "admin" } });
    expect(audit.actorId).toBe(admin.id);
    await t.handle(callback(USERS.admin, t.button("Xong")));
    expect(t.lastText()).toMatch(/Xong việc nhập danh sách/);
  });

  it("the same file again changes nothing", async () => {
    t.clear();
    await t.handle(document(USERS.admin, "good", "danh-sach.csv"));
    await t.handle(callback(USERS.admin, t.button("✅ Nhập")));
    expect(t.texts().join("\n")).toMatch(/0 thay đổi/);
    expect(() => t.button("Hoàn tác")).toThrow();
    await t.handle(command(USERS.admin, "cancel"));
  });

  it("a stale confirm button does nothing", async () => {
    t.clear();
    await t.handle(callback(USERS.admin, "imp:ok"));
    expect(t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text).toMatch(/Nút đã cũ/);
  });

  it("from anyone but an admin, a file is just an unsupported message", async () => {
    t.clear();
    await t.handle(document(USERS.communeOfficer, "good", "danh-sach.csv"));
    expect(t.lastText()).toMatch(/chưa xử lý được loại tin nhắn/);
    t.clear();
    await t.handle(callback(USERS.communeOfficer, "imp:ok"));
    expect(t.recent().find((c) => c.method === "answerCallbackQuery")?.payload.text).toMatch(
      /không có quyền/,
    );
  });
});

describe("Roster import can never deactivate people by accident", () => {
  const sample = readFileSync("examples/danh-sach-can-bo-mau.csv");
  // Active people the sample does not list (the administrator never counts).
  const missing = [
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Đặng Thị Hoa",
    "Bùi Văn Khánh",
    "Ngô Thị Lan",
    "Đinh Văn Minh",
    "Lý Thị Nga",
    "Phan Thị Mai",
    "Cao Văn Tùng",
  ];
  let undoDeactivation = "";

  it("the preview and the import offer no way to deactivate anyone; the import deactivates nobody", async () => {
    const before = await active();
    t.putFile("sample", sample);
    t.clear();
    await t.handle(document(USERS.admin, "sample", "danh-sach-can-bo-mau.csv"));
    expect(t.lastText()).toMatch(/10 người đang hoạt động không có trong tệp: nhập không ngừng kích hoạt ai/);
    expect(buttons().filter((label) => /ngừng kích hoạt/i.test(label))).toEqual([]);
    await t.handle(callback(USERS.admin, t.button("Giữ cả hai ở cả 3 dòng")));
    expect(buttons().filter((label) => /ngừng kích hoạt/i.test(label))).toEqual([]);
    await t.handle(callback(USERS.admin, t.button("✅ Nhập")));
    expect(t.texts().join("\n")).toMatch(/Đã nhập xong: 9 thay đổi/);
    expect(await active()).toBe(before + 9);
    expect(await temp.db.auditLog.count({ where: { action: "person.deactivate" } })).toBe(0);
  });

  it("the separate step lists the people by name and unit, then asks again naming the count", async () => {
    const before = await active();
    const open = t.button("10 người không có trong tệp");
    t.clear();
    await t.handle(callback(USERS.admin, open));
    const list = t.lastText();
    expect(list).toMatch(/10 người đang hoạt động không có trong tệp<\/b> “danh-sach-can-bo-mau.csv”/);
    expect(list).toMatch(/Trần Thị Bình — Cán bộ xã, Xã Lâm Trung Thủy/);
    expect(list).toMatch(/Đinh Văn Minh — Trưởng thôn, Thôn Trung Lương, Xã Đức Thọ/);
    for (const name of missing) expect(list).toContain(name);
    expect(list).not.toContain("Hoàng Văn Em");
    await t.handle(callback(USERS.admin, t.button("Ngừng kích hoạt 10 người này")));
    expect(t.lastText()).toMatch(/Ngừng kích hoạt 10 người\?/);
    expect(await active()).toBe(before);
    // Going back deactivates nobody.
    await t.handle(callback(USERS.admin, t.button("Không, quay lại")));
    expect(t.lastText()).toMatch(/10 người đang hoạt động không có trong tệp/);
    expect(await active()).toBe(before);
  });

  it("confirmed, it deactivates them and tells each superior once, through the outbox", async () => {
    // Mai Thị Thu, imported as commune officer of Đức Thọ, has opened the bot since.
    const thu = await temp.db.person.findFirstOrThrow({ where: { fullName: "Mai Thị Thu" } });
    await temp.db.channelAccount.create({
      data: { channel: "telegram", externalId: "710000321", chatId: "710000321", personId: thu.id },
    });
    const before = await active();
    const deactivate = t.button("Ngừng kích hoạt 10 người này");
    t.clear();
    await t.handle(callback(USERS.admin, deactivate));
    await t.handle(callback(USERS.admin, t.button("Có, ngừng kích hoạt 10 người")));
    expect(t.lastText()).toMatch(/Đã ngừng kích hoạt 10 người/);
    expect(await active()).toBe(before - 10);
    expect((await temp.db.person.findFirstOrThrow({ where: { fullName: "Hoàng Văn Em" } })).status).toBe(
      "active",
    );
    expect(t.lastText()).toMatch(/Thông báo đang được gửi tới 1 cán bộ phụ trách/);
    undoDeactivation = t.button("Hoàn tác việc ngừng kích hoạt");
    t.clear();
    await t.flushOutbox();
    const notices = t.recent().filter((c) => c.method === "sendMessage");
    // Mai Thị Thu is told once about the hamlet heads of her commune (their officer is deactivated too).
    expect(notices).toHaveLength(1);
    expect(notices[0]?.payload.chat_id).toBe("710000321");
    expect(String(notices[0]?.payload.text)).toMatch(/Hoàng Văn Em đã ngừng kích hoạt 3 người/);
    expect(String(notices[0]?.payload.text)).toMatch(/Ngô Thị Lan — Trưởng thôn, Thôn Yên Trung, Xã Đức Thọ/);
    expect(String(notices[0]?.payload.text)).toMatch(/Cao Văn Tùng/);
  });

  it("the deactivation can be undone as a whole; the superiors are told", async () => {
    const before = await active();
    t.clear();
    await t.handle(callback(USERS.admin, undoDeactivation));
    expect(t.lastText()).toMatch(/Hoàn tác việc ngừng kích hoạt 10 người/);
    await t.handle(callback(USERS.admin, t.button("↩️ Hoàn tác")));
    expect(t.lastText()).toMatch(/Đã hoàn tác.*\n• 10 người đã trở lại như trước/);
    expect(t.lastText()).not.toMatch(/• 0 /);
    expect(await active()).toBe(before + 10);
    t.clear();
    await t.flushOutbox();
    expect(String(t.recent().find((c) => c.method === "sendMessage")?.payload.text)).toMatch(
      /Hoàng Văn Em đã cho 3 người<\/b> bạn phụ trách <b>hoạt động trở lại/,
    );
  });

  it("the import itself is undone from the admin's menu: new people removed, a second undo refused", async () => {
    const before = await active();
    t.clear();
    await t.handle(callback(USERS.admin, "m:home"));
    await t.handle(callback(USERS.admin, t.button("Hoàn tác nhập danh sách")));
    expect(t.lastText()).toMatch(/chọn lần nhập hoặc lần ngừng kích hoạt/);
    // The deactivation is undone already; the two imports with changes remain, newest first.
    expect(buttons().filter((label) => label.startsWith("1. ") || label.startsWith("2. "))).toEqual([
      expect.stringMatching(/^1\. 09:00 22\/11 · nhập 9 thay đổi · danh-sach-ca…$/),
      expect.stringMatching(/^2\. 09:00 22\/11 · nhập \d+ thay đổi · danh-sach\.csv$/),
    ]);
    await t.handle(textMessage(USERS.admin, "1"));
    expect(t.lastText()).toMatch(/9 người thêm mới sẽ bị xóa/);
    await t.handle(textMessage(USERS.admin, "hoàn tác"));
    // Mai Thị Thu has used the bot since: she is deactivated, not removed.
    expect(t.lastText()).toMatch(/• 8 người thêm mới đã được xóa\n• 1 người thêm mới đã dùng bot/);
    expect(await active()).toBe(before - 9);
    expect((await temp.db.person.findFirstOrThrow({ where: { fullName: "Mai Thị Thu" } })).status).toBe(
      "inactive",
    );
    expect(await temp.db.person.count({ where: { phone: "+84915123401" } })).toBe(0);
    expect(await temp.db.auditLog.count({ where: { action: "batch.undo" } })).toBe(2);

    t.clear();
    await t.handle(callback(USERS.admin, "m:undo"));
    expect(buttons().some((label) => label.includes("danh-sach-ca…"))).toBe(false);
    await t.handle(command(USERS.admin, "cancel"));
  });

  it("after seven days (by the injected clock) there is nothing left to undo", async () => {
    clock.advance(8 * 24 * 60 * 60_000);
    t.clear();
    await t.handle(callback(USERS.admin, "m:undo"));
    expect(t.lastText()).toMatch(/Không có lần nhập hay ngừng kích hoạt nào hoàn tác được trong 7 ngày qua/);
  });
});
