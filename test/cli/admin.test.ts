import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_USAGE, runAdmin, startOfLocalDay } from "../../src/cli/run-admin.js";
import { tuneSqlite } from "../../src/db/client.js";
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

  it("--commit imports the clean example; running it again reports 0 changes; audit lists both", async () => {
    const before = await counts();
    const first = await admin(["import-roster", "examples/danh-sach-can-bo-mau.csv", "--commit"], temp.url);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("11 dòng: 9 thêm mới, 0 cập nhật, 2 không đổi, 0 lỗi");
    expect(first.stdout).toContain("Đã nhập xong: 9 thay đổi (9 thêm mới, 0 cập nhật, 0 ngừng kích hoạt)");
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
      /^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} · dòng lệnh · roster\.import · File danh-sach-can-bo-mau\.csv · \{"rows":11,"created":0,/,
    );
    expect(lines[2]).toContain('"created":9');
  });
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

  it("--since is the start of that day in Vietnam", () => {
    expect(startOfLocalDay("2026-11-22", "Asia/Ho_Chi_Minh")?.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(startOfLocalDay("2026-02-30", "Asia/Ho_Chi_Minh")).toBeNull();
  });
});
