import { afterAll, describe, expect, it } from "vitest";
import type { OaChatItem, ZaloOaFake } from "../../src/simulator/zalo-oa/oa-fake.js";
import { createMovableClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";

/**
 * Issue 15's acceptance, in the simulator over real HTTP (`npm start` with ZALO_DIALECT=oa): Ngô
 * Thị Lan, a demo hamlet head not yet linked, on the programme's Zalo Official Account — she
 * follows, shares her phone through the OA's form, asks a policy question, sends an incident
 * report tapping the OA's buttons (≤ 5 choices) and typing numbers (more); ten days after her
 * last message the trainer Lê Văn Cường (Telegram) publishes a course for her commune. With a
 * ZNS template for course notices it reaches her as a template message to her phone, and his
 * delivery report says so with its estimated cost; without one, the report names her as not
 * reachable on Zalo and why.
 */
const LAN = 710000022;
const CUONG = 710000003;
const DAY = 24 * 3_600_000;
const COURSE_TEMPLATE = {
  broadcast: { templateId: "300002", fields: { ten: "name", noi_dung: "text", han: "date" } },
};

const apps: RunningApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
});

/** Lan's chat with the OA in the simulator's page, and Cường's on Telegram. */
function people(r: RunningApp) {
  const chat = async (): Promise<OaChatItem[]> => {
    const response = await r.pageApi(`/sim/api/zalo-oa/chats/${LAN}`);
    return ((await response.json()) as { messages: OaChatItem[] }).messages;
  };
  const act = async (action: string, json: unknown = {}) => {
    const response = await r.pageApi(`/sim/api/zalo-oa/chats/${LAN}/${action}`, { json });
    if (!response.ok) throw new Error(`${action}: ${response.status} ${await response.text()}`);
  };
  /** Waits for an OA message after the `since`-th line of the chat that matches. */
  const waitFor = async (since: number, match: (item: OaChatItem) => boolean, what: string) => {
    const deadline = performance.now() + 15_000;
    for (;;) {
      const fresh = (await chat()).slice(since).filter((item) => item.outgoing);
      const found = fresh.find(match);
      if (found) return found;
      if (performance.now() > deadline)
        throw new Error(`no OA message: ${what}; got: ${fresh.map((item) => item.text).join(" | ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const text = (pattern: RegExp) => (item: OaChatItem) => pattern.test(item.text);
  /** Does something in the chat and waits for the OA's answer matching `pattern`. */
  const then = async (doing: () => Promise<void>, pattern: RegExp) => {
    const since = (await chat()).length;
    await doing();
    return waitFor(since, text(pattern), String(pattern));
  };
  const say = (words: string, pattern: RegExp) => then(() => act("messages", { text: words }), pattern);
  /** Taps the OA button titled `title` under the newest message that has it (Zalo sends its payload back as text). */
  const tap = async (title: string, pattern: RegExp) => {
    const message = (await chat())
      .filter((item) => item.outgoing && item.buttons?.some((button) => button.title === title))
      .at(-1);
    if (!message) throw new Error(`no OA button "${title}"`);
    return then(() => act("tap", { msgId: message.msgId, title }), pattern);
  };
  /** The number the newest numbered list shows for the option matching `label`. */
  const numberOf = async (label: RegExp) => {
    for (const item of (await chat()).filter((each) => each.outgoing).reverse()) {
      const line = item.text.split("\n").find((each) => /^\d+\. /.test(each) && label.test(each));
      if (line) return line.slice(0, line.indexOf("."));
    }
    throw new Error(`no option ${label}`);
  };

  const cuong = {
    async say(words: string, pattern: RegExp) {
      await r.say(CUONG, words);
      await r.waitForBotText(CUONG, pattern);
    },
    async press(label: string, pattern: RegExp) {
      await r.press(CUONG, label);
      await r.waitForBotText(CUONG, pattern);
    },
  };
  return { chat, act, waitFor, say, tap, numberOf, then, cuong };
}

/** Lan follows the OA and shares her phone through its form: her roster entry is linked. */
async function followAndShareThePhone(r: RunningApp, lan: ReturnType<typeof people>) {
  const form = await lan.then(() => lan.act("follow"), /Xác minh số điện thoại/);
  expect(form.kind).toBe("request_user_info");
  const linked = await lan.then(() => lan.act("submit"), /Đã xác minh số 0912 000 022/);
  expect(linked.text).toMatch(/tài khoản của bạn đã được kết nối/);
  const person = await r.app.db.person.findFirstOrThrow({
    where: { fullName: "Ngô Thị Lan" },
    include: { accounts: true },
  });
  expect(person.accounts.map((account) => account.channel)).toEqual(["zalo"]);
}

/** Cường publishes a course for the hamlet heads of Xã Đức Thọ (Lan, and Minh who is on no messenger). */
async function publishCourse(r: RunningApp, lan: ReturnType<typeof people>, title: string) {
  const { cuong } = lan;
  await cuong.say("/taokhoahoc", /Tên khóa học là gì\?/);
  await cuong.say(title, /Nội dung chính/);
  await cuong.say("Cách chấm điểm hộ nghèo theo chuẩn mới.", /gửi vị trí/);
  await cuong.say("Hội trường UBND xã Đức Thọ", /Bắt đầu lúc nào\?/);
  await cuong.say("8h 15/12", /Bắt đầu 08:00 15\/12\/2026/);
  await cuong.say("11h30", /Gửi cho đơn vị nào\?/);
  await cuong.press("Xã Đức Thọ", /Đã chọn: Xã Đức Thọ/);
  await cuong.press("Xong", /Gửi cho những ai\?/);
  await cuong.press("Trưởng thôn", /Trưởng thôn/);
  await cuong.press("Xong", /Tối đa bao nhiêu người\?/);
  await cuong.press("Không giới hạn", /Hạn trả lời/);
  await cuong.say("17h 12/12", /Nhắc người tham gia/);
  await cuong.press("1 ngày trước lúc 08:00 và 2 giờ trước", /Đăng khóa học và gửi thông báo\?/);
  await r.press(CUONG, "Đăng và gửi");
  const report = await r.waitForBotText(CUONG, /Kết quả gửi/, 20_000);
  return report.text ?? "";
}

describe("Acceptance: a hamlet head on a Zalo OA", () => {
  it("follow → phone through the OA form → FAQ → a report with OA buttons and a numbered list; at day 10 the course notice goes as a ZNS template and the trainer's report says so", async () => {
    const clock = createMovableClock("2026-11-22T09:00:00+07:00");
    const r = await startRunningApp(
      { ZALO_DIALECT: "oa", ZALO_TEMPLATES: JSON.stringify(COURSE_TEMPLATE) },
      { clock },
    );
    apps.push(r);
    const fake = r.app.simulator?.zaloOa as ZaloOaFake;
    const lan = people(r);

    await followAndShareThePhone(r, lan);

    const answer = await lan.say("chuan ngheo nong thon la bao nhieu", /Chuẩn nghèo/);
    expect(answer.text).toMatch(/Nông thôn: 1\.500\.000 đ/);

    // The answer's 6 choices and the main menu's 7 are numbered lists, answered with a number.
    await lan.say(await lan.numberOf(/Menu chính/), /Chọn việc cần làm/);
    const forms = await lan.say(await lan.numberOf(/Gửi báo cáo/), /chọn loại báo cáo/);
    // The forms screen has ≤ 5 choices: OA buttons, tapped.
    expect(forms.buttons?.map((button) => button.title)).toContain("📝 Báo cáo sự việc đột xuất");
    const first = await lan.tap("📝 Báo cáo sự việc đột xuất", /Câu 1 · .*Đã xảy ra việc gì\?/s);
    // Six kinds of incident: more than an OA message's buttons, so a numbered list.
    expect(first.buttons ?? []).toEqual([]);
    expect(first.text).toMatch(/^6\. Việc khác$/m);
    await lan.say(await lan.numberOf(/Cháy, nổ/), /Sự việc xảy ra ngày nào\?/);
    await lan.say("hôm qua", /Mô tả ngắn sự việc/);
    await lan.say("Cháy bếp nhà ông Hòa ở xóm 2, đã dập xong, hư hỏng nhà bếp.", /bao nhiêu hộ/);
    await lan.say("1", /bao nhiêu người/);
    const urgent = await lan.say("5", /Có cần hỗ trợ khẩn cấp không\?/);
    expect(urgent.buttons?.map((button) => button.title)).toEqual(
      expect.arrayContaining(["✅ Có", "❌ Không"]),
    );
    const photos = await lan.tap("❌ Không", /Gửi ảnh hiện trường/);
    await lan.tap(
      photos.buttons?.find((button) => /Bỏ qua/.test(button.title))?.title ?? "⏭ Bỏ qua",
      /Gửi vị trí/,
    );
    const summary = await lan.then(async () => {
      const place = (await lan.chat()).filter((item) => item.outgoing).at(-1);
      const skip = place?.buttons?.find((button) => /Bỏ qua/.test(button.title));
      if (!skip || !place) throw new Error(`no skip button: ${place?.text}`);
      await lan.act("tap", { msgId: place.msgId, title: skip.title });
    }, /Kiểm tra lại báo cáo/);
    expect(summary.buttons?.length).toBeLessThanOrEqual(5);
    const send = summary.buttons?.find((button) => /Gửi/.test(button.title))?.title ?? "";
    await lan.tap(send, /Đã gửi báo cáo Báo cáo sự việc đột xuất/);
    const report = await r.app.db.report.findFirstOrThrow({
      where: { person: { fullName: "Ngô Thị Lan" }, form: { key: "incident" }, status: "submitted" },
      orderBy: { id: "desc" },
    });
    expect(report.answers).toMatchObject({ kind: "chay_no", households_affected: 1, people_affected: 5 });

    // Day 10: ten days after her last message the OA may not write to her, even paid.
    const account = await r.app.db.channelAccount.findFirstOrThrow({ where: { channel: "zalo" } });
    clock.advance((account.lastInboundAt?.getTime() ?? 0) + 10 * DAY - clock.now().getTime());
    const before = fake.zns.length;
    const delivery = await publishCourse(r, lan, "Tập huấn rà soát hộ nghèo 2026");

    const zns = fake.zns.slice(before);
    if (process.env.SHOW_OA)
      console.log(
        JSON.stringify(zns, null, 1),
        delivery,
        (await lan.chat())
          .map(
            (m) =>
              `${m.outgoing ? "OA " : "LAN"} [${m.kind}] ${m.text} ${(m.buttons ?? []).map((b) => `[${b.title}]`).join(" ")}`,
          )
          .join("\n"),
      );
    expect(zns).toHaveLength(1);
    expect(zns[0]).toMatchObject({ phone: "84912000022", templateId: "300002" });
    expect(zns[0]?.templateData.ten).toBe("Ngô Thị Lan");
    expect(zns[0]?.templateData.han).toBe("02/12/2026");
    expect(zns[0]?.templateData.noi_dung).toMatch(/Tập huấn rà soát hộ nghèo 2026/);
    // No consultation message was tried after her window closed.
    expect(fake.messagesTo(fake.person(LAN, "Ngô Thị Lan", "+84912000022").userId).at(-1)?.text).toMatch(
      /Đã gửi báo cáo/,
    );
    expect(delivery).toMatch(/Ngô Thị Lan — Zalo, tin mẫu qua số điện thoại \(~300 đ\)/);
    expect(delivery).toMatch(/Chi phí ước tính: 300 đ/);
    // Minh (same commune) is on no messenger: named for a phone call, as before.
    expect(delivery).toMatch(/Đinh Văn Minh, 📞 0912 000 023 — chưa dùng bot/);
  }, 240_000);

  it("without a template for course notices the trainer's report names her as not reachable on Zalo, and why", async () => {
    const clock = createMovableClock("2026-11-22T09:00:00+07:00");
    const r = await startRunningApp({ ZALO_DIALECT: "oa" }, { clock });
    apps.push(r);
    const fake = r.app.simulator?.zaloOa as ZaloOaFake;
    const lan = people(r);
    await followAndShareThePhone(r, lan);
    clock.advance(10 * DAY);
    const delivery = await publishCourse(r, lan, "Tập huấn chuẩn nghèo mới");
    expect(fake.zns).toEqual([]);
    expect(delivery).toMatch(
      /Ngô Thị Lan, 📞 0912 000 022 — không nhắn cho bot Zalo đã hơn 7 ngày, và chưa có tin mẫu cho loại tin này/,
    );
    expect(delivery).toMatch(/0\/2 người đã nhận/);
  }, 240_000);
});
