import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { returnForCorrection } from "../../src/domain/reports/review.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createTickingClock } from "../helpers/fake-clock.js";
import { type RunningApp, startRunningApp } from "../helpers/running-app.js";
import { zaloChat } from "../helpers/zalo-chat.js";

/**
 * On Zalo, by typing only, across a restart of the whole app (new process state, new simulator,
 * same database): an incident report with a six-option choice, "quay lại", "để sau", resumed
 * after the restart and sent; returned by the commune officer and corrected.
 */
const AN = 710000001;
const dir = mkdtempSync(join(tmpdir(), "tlgn-zalo-restart-"));
const env = { DATABASE_URL: `file:${join(dir, "app.db")}` };
const clock = createTickingClock();
let r: RunningApp;

afterAll(async () => {
  await r?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const { messages: zaloMessages, waitFor: waitForZalo, exchange, choose, activate } = zaloChat(() => r, clock);

describe("Zalo over HTTP: a report across a restart, then corrected", () => {
  it("An starts an incident report, goes back, saves it for later; the app restarts; he resumes and sends it", async () => {
    r = await startRunningApp(env, { clock });
    await activate(AN, "Nguyễn Văn An");

    await exchange(AN, "/baocao", /chọn loại báo cáo/);
    const kinds = await choose(AN, /sự việc đột xuất/, /Đã xảy ra việc gì/);
    // Six options, all numbered: more than Zalo's OA would allow as buttons.
    expect((kinds.text ?? "").match(/^\d+\. /gm)).toHaveLength(6);
    await choose(AN, /Cháy, nổ/, /xảy ra ngày nào/);
    await exchange(AN, "quay lại", /Đã xảy ra việc gì/);
    await choose(AN, /Cháy, nổ/, /xảy ra ngày nào/);
    await exchange(AN, "hôm nay", /Mô tả ngắn/);
    await exchange(AN, "Cháy kho rơm nhà ông Hùng, lửa lan sang 2 nhà bên.", /bao nhiêu hộ bị ảnh hưởng/);
    await exchange(AN, "để sau", /nháp|để sau|lưu/i);
    await r.stop();

    r = await startRunningApp(env, { clock });
    const resume = await exchange(AN, "/baocao", /\d+\. /);
    expect(resume.text).toMatch(/sự việc đột xuất/);
    await choose(AN, /Làm tiếp/, /bao nhiêu hộ bị ảnh hưởng/);
    await exchange(AN, "3", /bao nhiêu người bị ảnh hưởng/);
    await exchange(AN, "11", /hỗ trợ khẩn cấp/);
    await choose(AN, /Không/, /Gửi ảnh hiện trường/);
    await exchange(AN, "bỏ qua", /Gửi vị trí/);
    const summary = await exchange(AN, "bỏ qua", /Kiểm tra lại báo cáo/);
    expect(summary.text).toMatch(/Cháy kho rơm nhà ông Hùng/);
    await choose(AN, /Gửi báo cáo/, /✅ Đã gửi báo cáo/);
  }, 120_000);

  it("the commune officer returns it; An corrects it on Zalo by typing and sends it again", async () => {
    const report = await r.app.db.report.findFirstOrThrow({
      where: { status: "submitted" },
      orderBy: { id: "desc" },
    });
    const binh = await r.app.db.person.findFirstOrThrow({ where: { fullName: "Trần Thị Bình" } });
    const since = (await zaloMessages(AN)).length;
    const returned = await returnForCorrection(r.app.db, clock, createTranslator("vi"), binh.id, {
      reportId: report.id,
      fields: ["households_affected"],
      comment: "Kiểm tra lại số hộ bị ảnh hưởng",
    });
    expect(returned.ok).toBe(true);
    const notice = await waitForZalo(AN, /Kiểm tra lại số hộ bị ảnh hưởng/, since);
    expect(notice.text).toMatch(/^\d+\. /m);
    await choose(AN, /Sửa/, /bao nhiêu hộ bị ảnh hưởng/);
    const summary = await exchange(AN, "4", /Kiểm tra lại báo cáo/);
    expect(summary.text).toMatch(/4 hộ/);
    await choose(AN, /Gửi/, /✅ Đã gửi/);
  }, 60_000);
});
