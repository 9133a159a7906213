import { type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../src/cli/run-admin.js";
import { tuneSqlite } from "../../src/db/client.js";
import { commitRosterImport } from "../../src/domain/imports/commit-roster-import.js";
import { planRosterImport, ROSTER_COLUMNS } from "../../src/domain/imports/plan-roster-import.js";
import { MAX_IMPORT_ROWS, readTableFile, type TableFile } from "../../src/domain/imports/read-table-file.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createFakeClock } from "../helpers/fake-clock.js";
import { createTempDb, TEST_DIALECT, type TempDb } from "../helpers/temp-db.js";
import { createTestBot } from "../helpers/test-bot.js";
import { callback, document, textMessage, USERS } from "../helpers/updates.js";
import { workbook } from "../helpers/zip.js";

const ROOT = process.cwd();
const clock = createFakeClock("2026-11-22T09:00:00+07:00");
const translator = createTranslator("vi");
const cli = { personId: null, via: "cli" } as const;

let temp: TempDb;
let dir: string;
beforeAll(async () => {
  temp = await createTempDb({ seed: true });
  // WAL, as the running bot has it: the command line imports while the bot keeps the file open.
  await tuneSqlite(temp.db);
  dir = mkdtempSync(join(tmpdir(), "tlgn-imports-"));
});
afterAll(async () => {
  await temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const COMMUNES = ["42-LTT", "42-DT", "42-TS"];

/** `count` new commune officers (no hamlet heads: no decisions needed), phones from `first`. */
function roster(count: number, first: number, name = "Cán bộ Thử"): string {
  const lines = ["Họ và tên,Số điện thoại,Vai trò,Đơn vị"];
  for (let i = 0; i < count; i++) {
    lines.push(`${name} ${first + i},0913${String(first + i).padStart(6, "0")},Cán bộ xã,${COMMUNES[i % 3]}`);
  }
  return `${lines.join("\n")}\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function table(text: string, name = "ds.csv"): Promise<TableFile> {
  const read = await readTableFile(Buffer.from(text), name, ROSTER_COLUMNS);
  if (!read.ok) throw new Error(read.errors.join("\n"));
  return read.table;
}

/** `npm run admin -- …` as a separate process on the same database file. */
function admin(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
} {
  let child: ChildProcess | undefined;
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    // node itself (not the tsx wrapper, which would outlive a kill of its own process).
    child = execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/admin.ts", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: temp.url },
        timeout: 120_000,
        maxBuffer: 64 * 2 ** 20,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
  if (!child) throw new Error("no child");
  return { child, done };
}

/** Another connection writing all the time, as the bot does while people chat. */
function chatting() {
  const chat = temp.reopen();
  let running = true;
  let writes = 0;
  const loop = (async () => {
    while (running) {
      await chat.conversationState.upsert({
        where: { key: "traffic" },
        create: { key: "traffic", value: String(writes), updatedAt: clock.now() },
        update: { value: String(writes), updatedAt: clock.now() },
      });
      writes += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return writes;
  };
}

const STACK = /^\s+at /m;

describe("Imports are safe under live traffic", { timeout: 180_000 }, () => {
  it("a 6,000-row roster commits from the command line while another connection writes all the time", async () => {
    const before = await temp.db.person.count();
    const path = file("big.csv", roster(6_000, 1));
    const stop = chatting();
    const run = await admin(["import-roster", path, "--commit"]).done;
    const writes = await stop();
    expect(writes).toBeGreaterThan(10);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stdout).toContain("Đã nhập xong: 6.000 thay đổi (6.000 thêm mới, 0 cập nhật)");
    expect(run.code).toBe(0);
    expect(await temp.db.person.count()).toBe(before + 6_000);
    // One batch for the whole import, written in slices, undone as a whole.
    const batch = await temp.db.changeBatch.findFirstOrThrow({
      where: { kind: "roster.import" },
      orderBy: { id: "desc" },
    });
    expect(batch).toMatchObject({ changed: 6_000, leaseUntil: null });
    expect(await temp.db.auditLog.count({ where: { batchId: batch.id, action: "person.create" } })).toBe(
      6_000,
    );
  });

  it("a failure part-way undoes what was written: all or nothing, exit code 3, no stack trace", async () => {
    const before = await temp.db.person.count();
    // The database refuses the 1,200th new person (a disk error, say): two slices are written by then.
    if (TEST_DIALECT === "postgresql") {
      await temp.db.$executeRawUnsafe(
        `CREATE FUNCTION "test_fail"() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW."fullName" = 'Hỏng Ở Giữa 11200' THEN RAISE EXCEPTION 'disk I/O error (simulated)'; END IF;
           RETURN NEW;
         END $$`,
      );
      await temp.db.$executeRawUnsafe(
        `CREATE TRIGGER "test_fail" BEFORE INSERT ON "Person" FOR EACH ROW EXECUTE FUNCTION "test_fail"()`,
      );
    } else
      await temp.db.$executeRawUnsafe(
        `CREATE TRIGGER "test_fail" BEFORE INSERT ON "Person" WHEN NEW."fullName" = 'Hỏng Ở Giữa 11200'
         BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END`,
      );
    try {
      const path = file("fails.csv", roster(1_500, 10_001, "Hỏng Ở Giữa"));
      const run = await admin(["import-roster", path, "--commit"]).done;
      expect(run.stderr).not.toMatch(STACK);
      // Prisma words the trigger's refusal its own way; what matters is what happened to the data.
      expect(run.stderr).toMatch(
        /Nhập thất bại giữa chừng \(.+\)\. 1\.000 dòng đã ghi được hoàn tác lại, nên chưa thay đổi gì/,
      );
      expect(run.code).toBe(3);
      expect(await temp.db.person.count()).toBe(before);
      const undo = await temp.db.auditLog.findFirstOrThrow({
        where: { action: "batch.undo" },
        orderBy: { id: "desc" },
      });
      expect(undo.details).toMatchObject({ reason: "import_failed", removed: 1_000 });
    } finally {
      if (TEST_DIALECT === "postgresql")
        await temp.db.$executeRawUnsafe(`DROP FUNCTION "test_fail"() CASCADE`);
      else await temp.db.$executeRawUnsafe(`DROP TRIGGER "test_fail"`);
    }
  });

  it("an import killed half-way is rolled back by the next command, once its lease has run out", async () => {
    const before = await temp.db.person.count();
    const last = await temp.db.changeBatch.aggregate({ _max: { id: true } });
    const path = file("killed.csv", roster(20_000, 20_001, "Bị Dừng"));
    const { child, done } = admin(["import-roster", path, "--commit"]);
    // Kill it as soon as a slice is in: the batch exists and is still open.
    let open = null as null | { id: number; leaseUntil: Date | null };
    for (let i = 0; i < 6_000 && !open; i++) {
      open = await temp.db.changeBatch.findFirst({
        where: { kind: "roster.import", leaseUntil: { not: null }, id: { gt: last._max.id ?? 0 } },
        select: { id: true, leaseUntil: true },
      });
      if (!open) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill("SIGKILL");
    await done;
    expect(open).not.toBeNull();
    const written = (await temp.db.person.count()) - before;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(20_000);

    // Within its lease it is taken for an import still running: not undone under its feet.
    const leaseUntil = open?.leaseUntil ?? new Date(0);
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text) };
    const env = { DATABASE_URL: temp.url };
    const during = createFakeClock(new Date(leaseUntil.getTime() - 60_000));
    expect(await runAdmin(["undo", String(open?.id)], env, io, { clock: during, translator })).toBe(1);
    expect(out.join("\n")).toContain("vẫn đang được ghi");

    const after = createFakeClock(new Date(leaseUntil.getTime() + 60_000));
    const small = file("small.csv", roster(3, 90_001, "Sau Khi Dừng"));
    expect(await runAdmin(["import-roster", small, "--commit"], env, io, { clock: after, translator })).toBe(
      0,
    );
    expect(out.join("\n")).toContain(`Lần nhập mã ${open?.id} đã bị dừng giữa chừng trước đây`);
    expect(await temp.db.person.count()).toBe(before + 3);
    const undo = await temp.db.changeBatch.findFirstOrThrow({ where: { undoOfId: open?.id } });
    expect(undo.kind).toBe("undo");
  });

  it("through the bot, other chats are answered while a big file is written, with a progress message", async () => {
    const t = createTestBot({ db: temp.db, clock });
    t.putFile("big-bot", Buffer.from(roster(3_000, 100_001, "Qua Bot")));
    await t.handle(document(USERS.admin, "big-bot", "qua-bot.csv"));
    expect(t.lastText()).toMatch(/3\.000 thêm mới/);
    const confirm = t.button("✅ Nhập");
    t.clear();
    let imported = false;
    const importing = t.handle(callback(USERS.admin, confirm)).then(() => {
      imported = true;
    });
    // The hamlet head's menu and a question come back while the import is still being written.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.handle(textMessage(USERS.hamletHead, "menu"));
    await t.handle(textMessage(USERS.hamletHead, "hộ cận nghèo được hỗ trợ bảo hiểm y tế bao nhiêu"));
    const answeredDuringImport = !imported;
    await importing;
    expect(answeredDuringImport).toBe(true);
    const texts = t.texts();
    expect(texts).toContain("⏳ Đang nhập: 0/3.000 dòng…");
    expect(texts).toContain("✅ Đã ghi xong 3.000 dòng.");
    expect(texts.join("\n")).toContain("Đã nhập xong: 3.000 thay đổi");
  });

  it("an import that outlasts the chat's wait lets the chat go; its outcome arrives as a message", async () => {
    const t = createTestBot({ db: temp.db, clock, importOutcomeWaitMs: 0 });
    t.putFile("later", Buffer.from(roster(600, 200_001, "Báo Sau")));
    await t.handle(document(USERS.admin, "later", "bao-sau.csv"));
    const confirm = t.button("✅ Nhập");
    t.clear();
    await t.handle(callback(USERS.admin, confirm));
    expect(t.lastText()).toMatch(/vẫn đang chạy.*khi xong, bot sẽ nhắn kết quả/s);
    for (
      let i = 0;
      i < 500 && (await temp.db.person.count({ where: { fullName: "Báo Sau 200600" } })) === 0;
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    t.clear();
    await t.flushOutbox();
    const outcome = t.texts().find((text) => text.includes("Việc nhập danh sách đã xong"));
    expect(outcome).toContain("Đã nhập xong: 600 thay đổi");
    expect(t.button("Hoàn tác nhập danh sách")).toBe("m:undo");
  });

  it("bomb files are refused at once with a clear message: an .xlsx inflating to 50 MB, one lying about it, a CSV of a million rows", async () => {
    const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
    const huge = "A".repeat(50 * 2 ** 20);
    const bomb = workbook(header, ["Họ và tên", huge]);
    expect(bomb.length).toBeLessThan(2 ** 20);
    const bombRead = await readTableFile(bomb, "bom.xlsx", ROSTER_COLUMNS);
    expect(bombRead).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^Tệp Excel này khi giải nén lớn tới 50,1 MB \(tối đa 40 MB\)/)],
    });
    const liar = workbook(header, ["Họ và tên", huge], (name) =>
      name === "xl/sharedStrings.xml" ? 1_000 : 0,
    );
    const liarRead = await readTableFile(liar, "bom.xlsx", ROSTER_COLUMNS);
    expect(liarRead).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^Tệp Excel này khi giải nén lớn hơn 40 MB/)],
    });

    const million = `Họ và tên,Số điện thoại,Vai trò,Đơn vị\n${"A,0,x,y\n".repeat(1_000_000)}`;
    const csvRead = await readTableFile(Buffer.from(million), "trieu.csv", ROSTER_COLUMNS);
    expect(csvRead).toEqual({ ok: false, errors: [expect.stringMatching(/^Tệp có hơn 30\.000 dòng/)] });
    expect(MAX_IMPORT_ROWS).toBe(30_000);

    // The command line says so (exit 1: a bad file), the bot too — and both in a moment.
    const run = await admin(["import-roster", file("trieu.csv", million)]).done;
    expect(run.stdout).toMatch(/Tệp có hơn 30\.000 dòng/);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.code).toBe(1);
    const t = createTestBot({ db: temp.db, clock });
    t.putFile("bomb", bomb);
    await t.handle(document(USERS.admin, "bomb", "bom.xlsx", bomb.length));
    expect(t.lastText()).toMatch(/khi giải nén lớn tới 50,1 MB/);
  });

  it("a row whose phone belongs to someone else by another name is a conflict to confirm, not a silent rename", async () => {
    const hoa = await temp.db.person.findUniqueOrThrow({
      where: { phone: "+84912000012" },
      include: { unit: true },
    });
    const text = [
      "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
      "Lê Văn Khác,0912 000 012,Cán bộ xã,42-DT",
      "NGUYEN VAN AN,0912 000 001,Trưởng thôn,42-LTT-03",
    ].join("\n");
    const plan = await planRosterImport(temp.db, await table(text));
    // The same name written otherwise is the same person; another name is a conflict.
    expect(plan.phoneConflicts).toEqual([
      expect.objectContaining({ rowNumber: 2, fullName: "Lê Văn Khác", currentName: "Đặng Thị Hoa" }),
    ]);
    const refused = await commitRosterImport(temp.db, clock, translator, await table(text), { actor: cli });
    expect(refused).toMatchObject({ ok: false, reason: "phones_undecided" });
    expect(await temp.db.person.findUniqueOrThrow({ where: { id: hoa.id } })).toMatchObject({
      fullName: "Đặng Thị Hoa",
      unitId: hoa.unitId,
    });

    // The command line says what to do; the bot asks, and "no" stops the import.
    const run = await admin(["import-roster", file("khac.csv", text), "--commit"]).done;
    expect(run.stdout).toContain(
      "Dòng 2 · 0912 000 012 đang là số của Đặng Thị Hoa (Trưởng thôn, Thôn 2, Xã Lâm Trung Thủy); tệp ghi Lê Văn Khác",
    );
    expect(run.stdout).toContain("--rename-rows");
    expect(run.code).toBe(1);
    const t = createTestBot({ db: temp.db, clock });
    t.putFile("khac", Buffer.from(text));
    await t.handle(document(USERS.admin, "khac", "khac.csv"));
    expect(t.lastText()).toMatch(
      /số 0912 000 012 đang là của <b>Đặng Thị Hoa<\/b>.*tệp ghi <b>Lê Văn Khác<\/b>/s,
    );
    await t.handle(callback(USERS.admin, t.button("Không phải")));
    expect(t.lastText()).toMatch(/Chưa nhập gì\. Số điện thoại ở dòng 2 đang là của Đặng Thị Hoa/);
    expect((await temp.db.person.findUniqueOrThrow({ where: { id: hoa.id } })).fullName).toBe("Đặng Thị Hoa");

    // Confirmed, it is a rename (and a move), audited.
    const done = await commitRosterImport(temp.db, clock, translator, await table(text), {
      actor: cli,
      phones: { sameRows: [2] },
    });
    expect(done).toMatchObject({ ok: true, updated: 2 });
    expect((await temp.db.person.findUniqueOrThrow({ where: { id: hoa.id } })).fullName).toBe("Lê Văn Khác");
  });

  it("Excel's number artefacts in phone cells are read; a number Excel rounded is explained", async () => {
    const text = [
      "Họ và tên,Số điện thoại,Vai trò,Đơn vị",
      "Số Thập Phân,913777001.0,Cán bộ xã,42-LTT",
      "Số Mũ,9.13777002E8,Cán bộ xã,42-LTT",
      'Số Mũ Phẩy,"9,13777003E+08",Cán bộ xã,42-LTT',
      'Bị Làm Tròn,"9,13777E+08",Cán bộ xã,42-LTT',
    ].join("\n");
    const plan = await planRosterImport(temp.db, await table(text));
    expect(plan.rows.slice(0, 3).map((row) => row.values?.phone)).toEqual([
      "+84913777001",
      "+84913777002",
      "+84913777003",
    ]);
    expect(plan.rows[3]?.errors).toEqual([
      {
        column: "Số điện thoại",
        message:
          "“9,13777E+08” là số đã bị Excel làm tròn (mất chữ số cuối). Hãy định dạng cột số điện thoại là Văn bản (Text), gõ lại số rồi lưu tệp",
      },
    ]);
  });
});
