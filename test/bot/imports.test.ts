import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, document, USERS } from "../helpers/updates.js";

let temp: TempDb;
let t: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  t = createTestBot({ db: temp.db });
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

  it("a clean file gets a preview, then imports on confirmation, audited", async () => {
    t.putFile("good", Buffer.from(clean));
    t.clear();
    await t.handle(document(USERS.admin, "good", "danh-sach.csv"));
    expect(t.lastText()).toMatch(/chạy thử/);
    await t.handle(callback(USERS.admin, t.button("✅ Nhập")));
    expect(t.lastText()).toMatch(/Đã nhập xong: 2 thay đổi/);
    const mai = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84913111222" },
      include: { unit: true },
    });
    expect(mai.unit.name).toBe("Thôn 2");
    const audit = await temp.db.auditLog.findFirstOrThrow({ where: { action: "roster.import" } });
    expect(audit.details).toMatchObject({ via: "bot" });
    const admin = await temp.db.person.findFirstOrThrow({ where: { role: "admin" } });
    expect(audit.actorId).toBe(admin.id);
  });

  it("the same file again changes nothing", async () => {
    t.clear();
    await t.handle(document(USERS.admin, "good", "danh-sach.csv"));
    await t.handle(callback(USERS.admin, t.button("✅ Nhập")));
    expect(t.lastText()).toMatch(/0 thay đổi/);
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
