import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendAnnouncement } from "../../src/domain/training/send-announcement.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, photo, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let tg: TestBot;
let zalo: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  tg = createTestBot({ db: temp.db, clock });
  zalo = createTestBot({ db: temp.db, clock, channel: "zalo" });
  // Võ Văn Giang (a hamlet head) uses Zalo.
  const giang = await temp.db.person.findFirstOrThrow({ where: { fullName: "Võ Văn Giang" } });
  await temp.db.channelAccount.create({
    data: {
      channel: "zalo",
      externalId: "880000011",
      chatId: "880000011",
      personId: giang.id,
      linkedAt: clock.now(),
    },
  });
});
afterAll(() => temp.cleanup());

const admin = USERS.admin;
const tap = (bot: TestBot, label: string, user = admin) => bot.handle(callback(user, bot.button(label)));

describe("Announcements", () => {
  it("from the menu: a photo with its caption, an audience in scope, the preview as recipients see it with the count, then the outbox", async () => {
    tg.clear();
    await tg.handle(command(admin, "start"));
    await tap(tg, "📣 Gửi thông báo");
    expect(tg.lastText()).toContain("gõ nội dung (tối đa 3.000 ký tự)");
    // Too long: refused with its length, the question stays open.
    await tg.handle(textMessage(admin, "x".repeat(3001)));
    expect(tg.lastText()).toBe("Dài quá: 3.001 ký tự, tối đa 3.000. Hãy viết gọn lại.");
    await tg.handle(
      photo(admin, "Lịch rà soát hộ nghèo tháng 12, các thôn xem và chuẩn bị.", "AgACschedule"),
    );
    expect(tg.lastText()).toContain("Gửi cho đơn vị nào?");
    await tap(tg, "Toàn bộ Tỉnh Hà Tĩnh");
    await tap(tg, "Xong");
    await tap(tg, "Trưởng thôn");
    const done = tg.button("Xong");
    tg.clear();
    await tg.handle(callback(admin, done));
    const preview = tg.recent().find((call) => call.method === "sendPhoto");
    expect(preview?.payload).toMatchObject({ photo: "AgACschedule" });
    const caption = String(preview?.payload.caption);
    expect(caption).toBe(
      "📣 <b>Thông báo</b> từ Hoàng Văn Em:\n\nLịch rà soát hộ nghèo tháng 12, các thôn xem và chuẩn bị.",
    );
    // Hamlet heads of the province: An and Giang connected, Hoa, Lan, Minh never.
    expect(tg.lastText()).toContain(
      "Sẽ gửi tới <b>5</b> người (3 chưa kết nối / đã chặn bot — gọi điện cho họ)",
    );
    expect(await temp.db.broadcast.count()).toBe(0);

    await tap(tg, "Gửi");
    const broadcast = await temp.db.broadcast.findFirstOrThrow({
      include: { deliveries: { include: { person: true } } },
    });
    expect(broadcast).toMatchObject({ kind: "announcement", total: 5, unreachable: 3 });
    expect(broadcast.attachment).toEqual({ method: "sendPhoto", file: "AgACschedule" });
    expect(broadcast.progressMessageId).not.toBeNull();
    const byName = new Map(broadcast.deliveries.map((row) => [row.person?.fullName, row]));
    expect(byName.get("Nguyễn Văn An")?.payload).toEqual({
      method: "sendPhoto",
      params: { photo: "AgACschedule", caption, parse_mode: "HTML" },
    });
    // On Zalo a Telegram file cannot follow: the text, and a line saying so.
    const onZalo = byName.get("Võ Văn Giang");
    expect(onZalo?.channel).toBe("zalo");
    expect(onZalo?.payload).toMatchObject({ method: "sendMessage" });
    expect(JSON.stringify(onZalo?.payload)).toContain("có kèm ảnh, chưa gửi được qua Zalo");
    expect(tg.lastText()).toContain("2 người sẽ nhận qua tin nhắn, 3 người chưa kết nối");
    expect(await temp.db.auditLog.count({ where: { action: "broadcast.send" } })).toBe(1);
    await tg.flushOutbox();
    expect(
      tg
        .recent()
        .some((call) => call.method === "sendPhoto" && call.payload.chat_id === String(USERS.hamletHead.id)),
    ).toBe(true);
  });

  it("a text announcement typed on Zalo; a photo there is refused as text-only and nothing is lost", async () => {
    const person = await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
    const cuong = { ...USERS.stranger, id: 880000003, first_name: "Cường" };
    await temp.db.channelAccount.create({
      data: {
        channel: "zalo",
        externalId: String(cuong.id),
        chatId: String(cuong.id),
        personId: person.id,
        linkedAt: clock.now(),
      },
    });
    await zalo.handle(command(cuong, "thongbao"));
    expect(zalo.lastText()).toContain("Trên Zalo chỉ gửi được thông báo bằng chữ");
    await zalo.handle(photo(cuong, "ảnh", "https://zalo.example/p.jpg"));
    expect(zalo.lastText()).toContain("chỉ gửi được thông báo bằng chữ (không kèm ảnh, tệp)");
    await zalo.handle(textMessage(cuong, "Họp giao ban trực tuyến 14h thứ Sáu."));
    await zalo.handle(textMessage(cuong, "1")); // the whole province
    await zalo.handle(textMessage(cuong, "xong"));
    await zalo.handle(textMessage(cuong, "2")); // commune officers
    zalo.clear();
    await zalo.handle(textMessage(cuong, "xong"));
    const [preview, confirm] = zalo.texts().slice(-2);
    expect(preview).toBe("📣 <b>Thông báo</b> từ Lê Văn Cường:\n\nHọp giao ban trực tuyến 14h thứ Sáu.");
    // Commune officers: Bình (connected), Khánh and Nga (never).
    expect(confirm).toContain("Sẽ gửi tới <b>3</b> người (2 chưa kết nối");
    await zalo.handle(textMessage(cuong, "1"));
    const broadcast = await temp.db.broadcast.findFirstOrThrow({
      where: { text: "Họp giao ban trực tuyến 14h thứ Sáu." },
      include: { deliveries: true },
    });
    expect(broadcast.attachment).toBeNull();
    expect(broadcast.deliveries).toHaveLength(1);
    expect((broadcast.deliveries[0]?.payload as { params: { text: string } } | undefined)?.params.text).toBe(
      preview,
    );
  });

  it("a hamlet head cannot send announcements; a unit outside the sender's scope is refused even when forged", async () => {
    await tg.handle(command(USERS.hamletHead, "thongbao"));
    expect(tg.lastText()).toBe("🔒 Bạn không có quyền dùng chức năng này.");
    const ducTho = await temp.db.unit.findFirstOrThrow({ where: { name: "Xã Đức Thọ" } });
    const lamTrungThuy = await temp.db.unit.findFirstOrThrow({ where: { name: "Xã Lâm Trung Thủy" } });
    const trainer = await temp.db.person.create({
      data: { fullName: "Trương Văn Tập", role: "trainer", unitId: ducTho.id, phone: "+84912000097" },
    });
    const before = await temp.db.broadcast.count();
    const forged = await sendAnnouncement(temp.db, clock, tg.deps.translator, {
      actorId: trainer.id,
      text: "Thông báo",
      attachment: null,
      audience: { unitIds: [ducTho.id, lamTrungThuy.id], roles: ["hamlet_head"] },
    });
    expect(forged).toEqual({ ok: false, reason: "out_of_scope" });
    const head = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const byHead = await sendAnnouncement(temp.db, clock, tg.deps.translator, {
      actorId: head.id,
      text: "Thông báo",
      attachment: null,
      audience: { unitIds: [lamTrungThuy.id], roles: ["hamlet_head"] },
    });
    expect(byHead).toEqual({ ok: false, reason: "not_allowed" });
    expect(await temp.db.broadcast.count()).toBe(before);
  });
});
