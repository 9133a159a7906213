import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_USAGE, runAdmin, startOfLocalDay } from "../../src/cli/run-admin.js";
import { tuneSqlite } from "../../src/db/client.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, type TempDb } from "../helpers/temp-db.js";

const ROOT = process.cwd();
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- …` as an administrator runs it: a separate process on the same database file. */
function admin(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["src/cli/admin.ts", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let temp: TempDb;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // The test keeps the database open in WAL mode, as the running bot does: imports must work meanwhile.
  await tuneSqlite(temp.db);
  await temp.db.person.count();
});
afterAll(() => temp.cleanup());

const counts = async () => ({
  people: await temp.db.person.count(),
  audit: await temp.db.auditLog.count(),
});

// Each run is a separate tsx process (several seconds each on a busy 2-core machine).
describe("npm run admin -- import-roster", { timeout: 90_000 }, () => {
  it("a dry run of a file with bad rows prints the report, exits 1 and changes nothing", async () => {
    const before = await counts();
    const run = await admin(["import-roster", "examples/danh-sach-can-bo-loi.csv"], temp.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("9 dòng: 1 thêm mới, 0 cập nhật, 1 không đổi, 7 lỗi");
    for (const line of [
      "Dòng 4 · Số điện thoại: “0915 123 4” không phải số điện thoại Việt Nam hợp lệ",
      "Dòng 5 · Đơn vị: Không tìm thấy đơn vị “Thôn 9” thuộc “Hà Tĩnh / Lâm Trung Thủy”",
      "Dòng 6 · Số điện thoại: 0915 123 401 trùng với dòng 3",
      "Dòng 7 · Vai trò: Không có vai trò “Thủ quỹ”",
      "Dòng 8 · Họ và tên: Chưa ghi họ tên",
      "Dòng 9 · Đơn vị: Trưởng thôn phải thuộc một thôn/tổ dân phố, còn “Xã Đức Thọ” là xã/phường",
      "Dòng 10 · Email: Email “anh@” không hợp lệ",
      "Chạy thử — chưa thay đổi gì.",
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(await counts()).toEqual(before);
  });

  it("--commit imports the clean example once the second heads are decided; again, 0 changes; audit lists both", async () => {
    const before = await counts();
    // Three rows give a hamlet a second head (deputies): the import asks for a decision first.
    const undecided: string[] = [];
    const io = { out: (text: string) => undecided.push(text), err: (text: string) => undecided.push(text) };
    const args = ["import-roster", "examples/danh-sach-can-bo-mau.csv", "--commit"];
    expect(await runAdmin(args, { DATABASE_URL: temp.url }, io)).toBe(1);
    expect(undecided.join("\n")).toContain(
      "Dòng 4 · Phan Thị Quỳnh → Thôn 2, Xã Lâm Trung Thủy · đang có: Đặng Thị Hoa",
    );
    expect(undecided.join("\n")).toContain("--keep-both-heads");
    expect(await counts()).toEqual(before);

    const first = await admin(
      ["import-roster", "examples/danh-sach-can-bo-mau.csv", "--commit", "--keep-both-heads"],
      temp.url,
    );
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("11 dòng: 9 thêm mới, 0 cập nhật, 2 không đổi, 0 lỗi");
    expect(first.stdout).toContain("Đã nhập xong: 9 thay đổi (9 thêm mới, 0 cập nhật); 2 dòng không đổi.");
    expect(first.stdout).toMatch(/Hoàn tác trong 7 ngày: npm run admin -- undo \d+/);
    expect(first.stdout).toContain("npm run admin -- deactivate-missing examples/danh-sach-can-bo-mau.csv");
    expect(first.code).toBe(0);
    expect((await counts()).people).toBe(before.people + 9);
    const quynh = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84915123401" },
      include: { unit: true },
    });
    expect(quynh).toMatchObject({
      fullName: "Phan Thị Quỳnh",
      role: "hamlet_head",
      email: "quynh.pt@example.vn",
    });
    expect(quynh.unit.code).toBe("42-LTT-02");

    const second = await admin(["import-roster", "examples/danh-sach-can-bo-mau.csv", "--commit"], temp.url);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      "Đã nhập xong: 0 thay đổi — dữ liệu đã khớp với tệp (11 dòng không đổi).",
    );
    expect((await counts()).people).toBe(before.people + 9);

    const audit = await admin(["audit", "--action", "roster.", "--since", "2020-01-01"], temp.url);
    expect(audit.code).toBe(0);
    const lines = audit.stdout.trim().split("\n");
    expect(lines[0]).toContain("2 mục, mới nhất trước");
    expect(lines[1]).toMatch(
      /^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} · dòng lệnh · roster\.import · File danh-sach-can-bo-mau\.csv · \{/,
    );
    // The details as stored (PostgreSQL's jsonb keeps no key order).
    const details = (line: string | undefined) => JSON.parse(line?.slice(line.indexOf(" · {") + 3) ?? "{}");
    expect(details(lines[1])).toMatchObject({ rows: 11, created: 0 });
    expect(details(lines[2])).toMatchObject({ created: 9 });
  }, 60_000); // three separate processes, each starting TypeScript
});

describe("the command in-process", () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
  };

  it("usage mistakes exit 2 with a Vietnamese hint, before touching any database", async () => {
    for (const argv of [
      [],
      ["bogus"],
      ["import-roster"],
      ["import-roster", "a.csv", "b.csv"],
      ["import-units", "x.csv", "--deactivate-missing"],
      ["audit", "--limit", "0"],
      ["audit", "--since", "22/11/2026"],
    ]) {
      const { io, err } = capture();
      expect(await runAdmin(argv, { DATABASE_URL: "file:/nonexistent/dir/x.db" }, io)).toBe(EXIT_USAGE);
      expect(err.join("\n")).toMatch(
        /Thiếu lệnh|Không có lệnh|Thiếu đường dẫn|Chỉ nhập một tệp|Tùy chọn không hợp lệ|--limit|--since/,
      );
    }
  });

  it("imports the example unit list, then the audit shows it", async () => {
    const { io, out } = capture();
    const env = { DATABASE_URL: temp.url };
    expect(await runAdmin(["import-units", "examples/don-vi-mau.csv", "--commit"], env, io)).toBe(0);
    expect(out.join("\n")).toContain("4 dòng: 4 thêm mới, 0 cập nhật, 0 không đổi, 0 lỗi");
    const hamlet = await temp.db.unit.findUniqueOrThrow({
      where: { code: "42-LTT-04" },
      include: { parent: true },
    });
    expect(hamlet.parent?.code).toBe("42-LTT");

    const audit = capture();
    expect(await runAdmin(["audit", "--action", "units.", "--limit", "1"], env, audit.io)).toBe(0);
    expect(audit.out[1]).toContain("units.import");
  });

  it("import-roster refuses the old --deactivate-missing flag and points to the separate command", async () => {
    const { io, err } = capture();
    const args = ["import-roster", "examples/danh-sach-can-bo-mau.csv", "--commit", "--deactivate-missing"];
    expect(await runAdmin(args, { DATABASE_URL: temp.url }, io)).toBe(EXIT_USAGE);
    expect(err.join("\n")).toContain("nhập danh sách không bao giờ ngừng kích hoạt ai");
    expect(err.join("\n")).toContain("npm run admin -- deactivate-missing <tệp> --confirm <số người>");
  });

  it("--since is the start of that day in Vietnam", () => {
    expect(startOfLocalDay("2026-11-22", "Asia/Ho_Chi_Minh")?.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(startOfLocalDay("2026-02-30", "Asia/Ho_Chi_Minh")).toBeNull();
  });
});

describe("npm run admin -- deactivate-missing and undo", () => {
  const clock = createFakeClock("2026-11-23T10:00:00+07:00");
  const env = () => ({ DATABASE_URL: temp.url });
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text) };
    const code = await runAdmin(argv, env(), io, { clock });
    return { code, text: out.join("\n") };
  };
  const active = () => temp.db.person.count({ where: { status: "active" } });
  const file = "examples/danh-sach-can-bo-mau.csv";
  let batch = 0;

  it("without --confirm it lists the people by name and unit and changes nothing", async () => {
    const before = await active();
    const dry = await run(["deactivate-missing", file]);
    expect(dry.code).toBe(0);
    expect(dry.text).toContain(
      "8 người đang hoạt động không có trong tệp “danh-sach-can-bo-mau.csv” (không tính quản trị viên):",
    );
    expect(dry.text).toContain(
      "- Trần Thị Bình · Cán bộ xã · Xã Lâm Trung Thủy, Tỉnh Hà Tĩnh · 0912 000 002",
    );
    expect(dry.text).not.toContain("Hoàng Văn Em");
    expect(dry.text).toContain(`npm run admin -- deactivate-missing ${file} --confirm 8`);
    expect(await active()).toBe(before);
  });

  it("--confirm must repeat the count; then it deactivates them and says how to undo", async () => {
    const before = await active();
    const wrong = await run(["deactivate-missing", file, "--confirm", "9"]);
    expect(wrong.code).toBe(1);
    expect(wrong.text).toContain("Chưa thay đổi gì: --confirm 9 nhưng hiện có 8 người");
    expect(await active()).toBe(before);
    expect((await run(["deactivate-missing", file, "--confirm", "tám"])).code).toBe(EXIT_USAGE);

    const done = await run(["deactivate-missing", file, "--confirm", "8"]);
    expect(done.code).toBe(0);
    expect(done.text).toContain("Đã ngừng kích hoạt 8 người.");
    batch = Number(/npm run admin -- undo (\d+)/.exec(done.text)?.[1]);
    expect(batch).toBeGreaterThan(0);
    expect(await active()).toBe(before - 8);
  });

  it("undo lists recent batches, undoes one as a whole, and refuses to undo it twice", async () => {
    const before = await active();
    const list = await run(["undo"]);
    expect(list.code).toBe(0);
    expect(list.text).toContain(`${batch} · ngừng kích hoạt người không có trong “danh-sach-can-bo-mau.csv”`);
    const undone = await run(["undo", String(batch)]);
    expect(undone.code).toBe(0);
    expect(undone.text).toContain("8 người trở lại như trước");
    expect(await active()).toBe(before + 8);
    const again = await run(["undo", String(batch)]);
    expect(again.code).toBe(1);
    expect(again.text).toContain("đã được hoàn tác rồi");
  });

  it("after 7 days by the clock, an undo is refused", async () => {
    const done = await run(["deactivate-missing", file, "--confirm", "8"]);
    const id = /npm run admin -- undo (\d+)/.exec(done.text)?.[1] ?? "";
    clock.advance(8 * 24 * 60 * 60_000);
    const late = await run(["undo", id]);
    expect(late.code).toBe(1);
    expect(late.text).toContain("đã quá 7 ngày");
  });
});
