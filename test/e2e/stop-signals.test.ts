import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every process below `pid` (npm → node …), as the process table says. */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm start` exactly as the README says, on a new database and a free port. */
async function startAsOperator(): Promise<{ npm: ChildProcess; output: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), "tlgn-stop-"));
  dirs.push(dir);
  const npm = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${join(dir, "app.db")}`, PORT: "0", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = performance.now() + 60_000;
  while (!output.includes('"msg":"bot started"')) {
    if (npm.exitCode !== null || performance.now() > deadline) throw new Error(`did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { npm, output: () => output };
}

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || performance.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("Stopping works the way operators stop things", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to the process \`npm start\` started stops the bot and everything under it`, async () => {
      const { npm, output } = await startAsOperator();
      const pid = npm.pid ?? 0;
      const tree = descendants(pid);
      expect(tree.length).toBeGreaterThan(0);
      process.kill(pid, signal);
      const left = await waitUntilGone([pid, ...tree], 15_000);
      for (const stray of left) process.kill(stray, "SIGKILL");
      npm.stdout?.destroy();
      npm.stderr?.destroy();
      expect(left).toEqual([]);
      expect(output()).toContain(`"signal":"${signal}","msg":"shutting down"`);
      // A first start says on the console what it is busy with (it takes a while).
      expect(output()).toMatch(/Đã cập nhật cấu trúc cơ sở dữ liệu \(\d+ bước\)/);
      expect(output()).toMatch(/đã thêm dữ liệu mẫu/);
      expect(output()).toMatch(/Đang nạp nội dung hỏi đáp chính sách/);
    }, 90_000);
  }
});
