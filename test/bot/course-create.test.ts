import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeyboard } from "../../src/channels/zalo/typed-menu.js";
import { createUnit } from "../../src/domain/units/create-unit.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";
import { createTestBot, type TestBot } from "../helpers/test-bot.js";
import { callback, command, location, textMessage, USERS } from "../helpers/updates.js";

let temp: TempDb;
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
let tg: TestBot;
let zalo: TestBot;

beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  tg = createTestBot({ db: temp.db, clock });
  zalo = createTestBot({ db: temp.db, clock, channel: "zalo" });
});
afterAll(() => temp.cleanup());

const trainer = USERS.trainer;
const say = (bot: TestBot, text: string, user = trainer) => bot.handle(textMessage(user, text));
const tap = (bot: TestBot, label: string, user = trainer) => bot.handle(callback(user, bot.button(label)));

/** The outbox rows of the newest course's notice. */
async function noticeRows(courseId: number) {
  return temp.db.outboxMessage.findMany({
    where: { broadcast: { courseId, kind: "course_notice" } },
    include: { person: { select: { fullName: true } } },
    orderBy: { id: "asc" },
  });
}

describe("Courses", () => {
  it("a trainer creates a course step by step; bad dates are refused with their reason and nothing typed is lost; the preview is the notice sent", async () => {
    await tg.handle(command(trainer, "taokhoahoc"));
    expect(tg.lastText()).toContain("Tên khóa học là gì?");
    await say(tg, "Tập huấn rà soát hộ nghèo 2026");
    expect(tg.lastText()).toContain("Nội dung chính");
    await say(tg, "Cách chấm điểm hộ nghèo theo chuẩn mới.");
    expect(tg.lastText()).toContain("gửi vị trí 📍");
    await tg.handle(location(trainer, 18.34, 105.9));
    expect(tg.lastText()).toContain("Đã nhận vị trí");
    await say(tg, "Hội trường UBND xã Lâm Trung Thủy");
    expect(tg.lastText()).toContain("Bắt đầu lúc nào?");

    tg.clear();
    await say(tg, "sáng thứ hai tuần sau");
    expect(tg.lastText()).toContain("chưa hiểu thời gian");
    await say(tg, "15/12");
    expect(tg.lastText()).toContain("Còn thiếu giờ");
    await say(tg, "8h 20/11/2026");
    expect(tg.lastText()).toBe(
      "Thời điểm này đã qua (bây giờ là 09:00 22/11/2026). Hãy gõ một thời điểm sắp tới.",
    );
    await say(tg, "8h 15/12");
    expect(tg.lastText()).toContain("Bắt đầu 08:00 15/12/2026");
    await say(tg, "7h");
    expect(tg.lastText()).toBe("Giờ kết thúc phải sau giờ bắt đầu (08:00 15/12/2026).");
    await say(tg, "8h 30/12");
    expect(tg.lastText()).toContain("tối đa 7 ngày");
    await say(tg, "11h30");
    expect(tg.lastText()).toContain("Gửi cho đơn vị nào?");

    // The units of the trainer's scope (a province: all of it, or its communes).
    await tap(tg, "Xã Lâm Trung Thủy");
    expect(tg.lastText()).toContain("Đã chọn: <b>Xã Lâm Trung Thủy</b>");
    await tap(tg, "Xong");
    expect(tg.lastText()).toContain("Gửi cho những ai?");
    await tap(tg, "Xong");
    expect(tg.lastText()).toContain("Hãy chọn ít nhất một đối tượng.");
    await tap(tg, "Trưởng thôn");
    await tap(tg, "Cán bộ xã");
    await tap(tg, "Xong");
    expect(tg.lastText()).toContain("Tối đa bao nhiêu người?");
    // On Zalo "Không giới hạn" is typed by name, and a typed number stays the answer.
    const capacityMenu = readKeyboard(tg.recent().at(-1)?.payload.reply_markup);
    expect(capacityMenu !== "remove" && capacityMenu?.options.map((o) => [o.label, o.number])).toEqual([
      ["Không giới hạn", undefined],
    ]);
    await say(tg, "bốn mươi");
    expect(tg.lastText()).toContain("Cần một số nguyên");
    await say(tg, "40");
    expect(tg.lastText()).toContain("Hạn trả lời");
    await say(tg, "17h 16/12");
    expect(tg.lastText()).toBe("Hạn trả lời phải trước lúc khóa học bắt đầu.");
    await say(tg, "17h 12/12");
    expect(tg.lastText()).toContain("Nhắc người tham gia");
    const keep = tg.button("1 ngày trước lúc 08:00 và 2 giờ trước");
    tg.clear();
    await tg.handle(callback(trainer, keep));

    const [preview, confirm] = tg.texts().slice(-2);
    expect(preview).toContain("📚 <b>Tập huấn rà soát hộ nghèo 2026</b>");
    expect(preview).toContain("🕗 08:00–11:30 15/12/2026");
    expect(preview).toContain("📍 Hội trường UBND xã Lâm Trung Thủy");
    expect(preview).toContain("https://maps.google.com/?q=18.340000,105.900000");
    expect(preview).toContain("👥 Tối đa 40 người");
    expect(preview).toContain("Trả lời trước 17:00 12/12/2026");
    // An, Bình (connected), Giang, Hoa (never connected); the trainer is not in it.
    expect(confirm).toContain("Sẽ gửi tới <b>4</b> người (2 chưa kết nối / đã chặn bot — gọi điện cho họ)");
    expect(confirm).toContain("[✅ Tham gia] [❌ Không tham gia] [❓ Hỏi thêm]");
    // The preview's answer buttons do not act: they are named, not shown.
    expect(JSON.stringify(tg.recent().map((c) => c.payload.reply_markup))).not.toContain("cra:");
    expect(await temp.db.course.count()).toBe(0);

    await tap(tg, "Đăng và gửi");
    const course = await temp.db.course.findFirstOrThrow({ include: { audiences: true, sends: true } });
    expect(course).toMatchObject({
      status: "published",
      capacity: 40,
      venueLatitude: 18.34,
      startsAt: new Date("2026-12-15T01:00:00Z"),
      endsAt: new Date("2026-12-15T04:30:00Z"),
      rsvpDeadline: new Date("2026-12-12T10:00:00Z"),
    });
    expect(course.audiences.map((a) => a.role).sort()).toEqual(["commune_officer", "hamlet_head"]);
    expect(course.sends.map((send) => send.kind).sort()).toEqual(["reminder", "reminder", "rsvp_nudge"]);
    const rows = await noticeRows(course.id);
    expect(rows.map((row) => row.person?.fullName).sort()).toEqual(["Nguyễn Văn An", "Trần Thị Bình"]);
    const payload = rows[0]?.payload as { params: { text: string; reply_markup: unknown } };
    expect(payload.params.text).toBe(preview);
    expect(JSON.stringify(payload.params.reply_markup)).toContain(`cra:y:${course.id}`);
    expect(tg.lastText()).toContain(
      "📤 Đang gửi thông báo: 2 người sẽ nhận qua tin nhắn, 2 người chưa kết nối",
    );
    const broadcast = await temp.db.broadcast.findFirstOrThrow({ where: { courseId: course.id } });
    expect(broadcast.progressMessageId).not.toBeNull();
    expect(await temp.db.auditLog.count({ where: { action: "course.publish" } })).toBe(1);
  });

  it("a trainer of one commune is offered only that commune and its hamlets; a typed unit outside is not taken", async () => {
    const person = await temp.db.person.create({
      data: {
        fullName: "Trương Văn Tập",
        role: "trainer",
        unitId: (await temp.db.unit.findFirstOrThrow({ where: { name: "Xã Đức Thọ" } })).id,
        phone: "+84912000099",
      },
    });
    const user = { ...USERS.stranger, id: 710000777, first_name: "Tập" };
    await temp.db.channelAccount.create({
      data: {
        channel: "telegram",
        externalId: String(user.id),
        chatId: String(user.id),
        personId: person.id,
        linkedAt: clock.now(),
      },
    });
    await tg.handle(command(user, "taokhoahoc"));
    for (const answer of ["Tập huấn xã", "Nội dung", "Nhà văn hóa", "8h 10/12", "11h"])
      await say(tg, answer, user);
    const prompt = tg.lastText();
    expect(prompt).toContain("Gửi cho đơn vị nào?");
    const labels = JSON.stringify(tg.recent().at(-1)?.payload.reply_markup);
    expect(labels).toContain("Toàn bộ Xã Đức Thọ");
    expect(labels).toContain("Thôn Yên Trung");
    expect(labels).not.toContain("Lâm Trung Thủy");
    tg.clear();
    await say(tg, "Xã Lâm Trung Thủy", user);
    expect(tg.lastText()).toContain("chọn một nút");
    await say(tg, "hủy", user);
  });

  it("on Zalo the whole course is created by typing: numbers for choices, words for the rest", async () => {
    const person = await temp.db.person.findFirstOrThrow({ where: { fullName: "Lê Văn Cường" } });
    const onZalo = { ...USERS.stranger, id: 880000003, first_name: "Cường Zalo" };
    await temp.db.channelAccount.create({
      data: {
        channel: "zalo",
        externalId: String(onZalo.id),
        chatId: String(onZalo.id),
        personId: person.id,
        linkedAt: clock.now(),
      },
    });
    zalo.clear();
    await zalo.handle(command(onZalo, "taokhoahoc"));
    await say(zalo, "Tập huấn sinh kế", onZalo);
    await say(zalo, "bỏ qua", onZalo);
    // No location on Zalo: the question asks for typed text only.
    expect(zalo.lastText()).not.toContain("vị trí");
    await say(zalo, "Nhà văn hóa thôn 3", onZalo);
    await say(zalo, "14:00 16/12/2026", onZalo);
    await say(zalo, "16h30", onZalo);
    expect(zalo.lastText()).toContain("Gửi cho đơn vị nào?");
    const units = JSON.stringify(zalo.recent().at(-1)?.payload.reply_markup);
    expect(units).toContain("3. Xã Đức Thọ");
    await say(zalo, "3", onZalo); // as the numbered list shows it
    await say(zalo, "xong", onZalo);
    await say(zalo, "1", onZalo); // Trưởng thôn
    await say(zalo, "xong", onZalo);
    await say(zalo, "không giới hạn", onZalo);
    await say(zalo, "không đặt hạn", onZalo);
    zalo.clear();
    await say(zalo, "4", onZalo); // no reminders
    const [preview, confirm] = zalo.texts().slice(-2);
    expect(preview).toContain("🕗 14:00–16:30 16/12/2026");
    expect(preview).toContain("Bạn có tham gia không?");
    expect(confirm).toContain("Sẽ gửi tới <b>2</b> người");
    await say(zalo, "1", onZalo);
    const course = await temp.db.course.findFirstOrThrow({
      where: { title: "Tập huấn sinh kế" },
      include: { sends: true, audiences: { include: { unit: true } } },
    });
    expect(course.audiences.map((a) => `${a.unit.name}/${a.role}`)).toEqual(["Xã Đức Thọ/hamlet_head"]);
    expect(course.capacity).toBeNull();
    expect(course.sends).toEqual([]);
    const rows = await noticeRows(course.id);
    expect(rows).toHaveLength(0); // Lan and Minh have never connected
    expect(zalo.lastText()).toContain("0 người sẽ nhận qua tin nhắn, 2 người chưa kết nối");
  });

  it("the trainer edits one field from the course screen's ✏️ button (cre:<id>) and cancels with ✖️ (crc:<id>); others are refused", async () => {
    const course = await temp.db.course.findFirstOrThrow({
      where: { title: "Tập huấn rà soát hộ nghèo 2026" },
    });
    const an = await temp.db.person.findFirstOrThrow({ where: { fullName: "Nguyễn Văn An" } });
    const binh = await temp.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    await temp.db.courseRsvp.create({
      data: { courseId: course.id, personId: an.id, answer: "yes", answeredAt: clock.now() },
    });
    await temp.db.courseRsvp.create({
      data: { courseId: course.id, personId: binh.id, answer: "no", answeredAt: clock.now() },
    });

    // Someone else's press is refused with an alert and starts nothing.
    tg.clear();
    await tg.handle(callback(USERS.supervisor, `cre:${course.id}`));
    const alert = tg.recent().find((call) => call.method === "answerCallbackQuery");
    expect(alert?.payload).toMatchObject({ show_alert: true });

    tg.clear();
    await tg.handle(callback(trainer, `cre:${course.id}`));
    expect(tg.lastText()).toContain("sửa mục nào?");
    await tap(tg, "Địa điểm");
    await say(tg, "Nhà văn hóa Thôn 3");
    expect(tg.lastText()).toContain("Đã báo cho 1 người");
    const changes = await temp.db.outboxMessage.findMany({
      where: { broadcast: { courseId: course.id, kind: "course_change" } },
    });
    expect(changes.map((row) => row.personId)).toEqual([an.id]);
    expect((await temp.db.course.findUniqueOrThrow({ where: { id: course.id } })).revision).toBe(2);

    await tg.handle(callback(trainer, `crc:${course.id}`));
    expect(tg.lastText()).toContain("Lý do");
    await say(tg, "Giảng viên ốm");
    expect(tg.lastText()).toContain("1 người đã nhận lời");
    await tap(tg, "Hủy khóa học");
    expect(tg.lastText()).toContain("Đã hủy khóa học");
    const cancelled = await temp.db.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Giảng viên ốm" });

    // A stale ✏️ on a cancelled course says so.
    tg.clear();
    await tg.handle(callback(trainer, `cre:${course.id}`));
    const stale = tg.recent().find((call) => call.method === "answerCallbackQuery");
    expect(stale?.payload).toMatchObject({ text: "Khóa học này đã bị hủy.", show_alert: true });
  });

  it("a long list of units is paged; ticks on other pages are kept and named", async () => {
    const province = await temp.db.unit.findFirstOrThrow({ where: { level: "province" } });
    for (let i = 1; i <= 8; i += 1) {
      await createUnit(temp.db, {
        name: `Xã Thử ${i}`,
        code: `42-T${i}`,
        level: "commune",
        parentId: province.id,
      });
    }
    await tg.handle(command(trainer, "taokhoahoc"));
    for (const answer of ["Tập huấn phân trang", "bỏ qua", "Hội trường", "8h 10/12", "11h"])
      await say(tg, answer);
    expect(tg.lastText()).toContain("Trang 1/2");
    await tap(tg, "Xã Đức Thọ");
    await tap(tg, "Sau ▶");
    expect(tg.lastText()).toContain("Trang 2/2");
    await tap(tg, "Xã Thử 8");
    expect(tg.lastText()).toContain("Đã chọn: <b>Xã Đức Thọ, Xã Thử 8</b>");
    await tap(tg, "Xong");
    expect(tg.lastText()).toContain("Gửi cho những ai?");
    await say(tg, "hủy");
  });
});
