import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateActivationCodes } from "../../src/domain/access/generate-activation-codes.js";
import { createTickingClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";
import { zaloChat } from "../helpers/zalo-chat.js";

/**
 * The app as `npm start` runs it without tokens: the Telegram bot and the Zalo bot in one
 * process, the Zalo bot reached through the simulator's fake Zalo Bot Platform (webhook to the
 * app's own HTTP server) — everything over real HTTP, by typing only.
 */
const AN = 710000001;
const BINH = 710000002;

let r: RunningApp;
const clock = createTickingClock();

beforeAll(async () => {
  r = await startRunningApp({}, { clock });
}, 120_000);
afterAll(() => r?.stop());

const { messages: zaloMessages, exchange, choose, activate } = zaloChat(() => r, clock);

describe("Zalo over HTTP", () => {
  it("both bots run in one process: Zalo's webhook reaches the app, and the Telegram bot still answers", async () => {
    expect(r.app.telegram).toBeDefined();
    expect(r.app.zalo).toBeDefined();
    expect(r.app.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await r.say(AN, "/start");
    await r.waitForBotText(AN, /.+/);
  });

  it("Nguyễn Văn An activates with a code on Zalo, by typing only, and asks a question", async () => {
    const first = await exchange(AN, "xin chào", /mã kích hoạt/i);
    // No buttons on Zalo: whatever the bot offers is a numbered list, or a request to type.
    expect(first.text).not.toMatch(/<\/?[a-z]+>/);

    const people = await r.app.db.person.findMany({
      where: { fullName: { in: ["Nguyễn Văn An", "Phạm Thị Dung"] } },
    });
    const an = people.find((p) => p.fullName === "Nguyễn Văn An");
    const admin = await r.app.db.person.findFirstOrThrow({ where: { role: "admin" } });
    const issued = await generateActivationCodes(r.app.db, clock, admin.id, {
      personIds: [an?.id ?? 0],
    });
    if (!issued.ok) throw new Error(`codes: ${issued.reason}`);
    const code = issued.codes[0]?.code ?? "";

    const confirm = await exchange(AN, code.toLowerCase(), /Nguyễn Văn An/);
    const yes = /^(\d+)\. .*Có/m.exec(confirm.text ?? "")?.[1];
    expect(yes, confirm.text).toBeDefined();
    await exchange(AN, yes ?? "1", /\d+\. /);
    const account = await r.app.db.channelAccount.findFirst({ where: { channel: "zalo", personId: an?.id } });
    expect(account).not.toBeNull();

    const answer = await exchange(
      AN,
      "chuan ngheo nong thon la bao nhieu",
      /chuẩn nghèo|nghìn đồng|triệu đồng/i,
    );
    expect((answer.text ?? "").length).toBeLessThanOrEqual(2000);
  });

  it("An sends the review-progress report by typing numbers; Bình on Zalo sees it and downloads the Excel file by its link", async () => {
    await exchange(AN, "/baocao", /chọn loại báo cáo/);
    await choose(AN, /Tiến độ rà soát/, /Câu 1 · /);
    const steps: [string, RegExp][] = [
      ["một trăm hai mươi", /⚠️ Cần một số nguyên/],
      ["120", /Câu 2 · /],
      ["25", /Câu 3 · /],
      ["100", /Câu 4 · /],
      ["18", /Câu 5 · /],
      ["22", /Câu 6 · /],
      ["7", /Câu 7 · /],
    ];
    for (const [text, expected] of steps) await exchange(AN, text, expected);
    await choose(AN, /Có/, /Câu 8 · /);
    await exchange(AN, "15/11", /Câu 9 · /);
    await exchange(AN, "92%", /Câu 10 · /);
    await choose(AN, /Có/, /Câu 11 · /);
    await choose(AN, /Có/, /Câu 12 · /);
    // "Hoặc gõ: ⏭ Bỏ qua · …": the way out of a free-text question is typed by its name.
    const summary = await exchange(AN, "bo qua", /Kiểm tra lại báo cáo/);
    expect(summary.text).toMatch(/120 hộ/);
    expect(summary.text).toMatch(/vướng mắc gì cần xã hỗ trợ không\? \(bỏ qua\)|vướng mắc[^\n]*—/);
    // One message per step: no answered question is sent again as an "edit".
    const mine = (await zaloMessages(AN)).filter((m) => m.outgoing && /^Câu \d+ · /m.test(m.text ?? ""));
    const heads = mine.map((m) => /^Câu (\d+) · /m.exec(m.text ?? "")?.[1]);
    expect(heads.filter((n) => n === "8")).toHaveLength(1);
    expect((summary.text ?? "").length).toBeLessThanOrEqual(2000);
    await choose(AN, /Gửi báo cáo/, /✅ Đã gửi báo cáo Tiến độ rà soát/);
    if (process.env.COUNT_ZALO) {
      const all = await zaloMessages(AN);
      const from = all.findIndex((m) => !m.outgoing && m.text === "/baocao");
      const slice = all.slice(from);
      console.log(
        `ZALO-COUNT bot=${slice.filter((m) => m.outgoing).length} person=${slice.filter((m) => !m.outgoing).length}`,
      );
    }

    await exchange(BINH, "xin chào", /mã kích hoạt/i);
    await activate(BINH, "Trần Thị Bình");
    await choose(BINH, /Tình hình báo cáo/, /chọn loại báo cáo/);
    const status = await choose(BINH, /Tiến độ rà soát/, /thôn đã báo cáo/);
    expect(status.text).toMatch(/1\/3 thôn đã báo cáo/);
    const file = await choose(BINH, /Xuất Excel/, /https?:\/\/\S+\/files\/\S+/);
    const link = /https?:\/\/\S+\/files\/\S+/.exec(file.text ?? "")?.[0] ?? "";
    const download = await fetch(link);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK"); // an .xlsx is a zip
    if (process.env.SHOW_ZALO)
      console.log(
        (await zaloMessages(AN)).map((m) => `${m.outgoing ? "BOT" : "AN "}: ${m.text}`).join("\n---\n"),
      );
  });
});
