import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../helpers/app-process.js";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "tlgn-compiled-"));
const processes: AppProcess[] = [];
afterAll(() => {
  for (const p of processes) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** What Linux says about a process: its command line, environment and the commands of its children. */
function inspectProcess(pid: number) {
  const read = (file: string) => readFileSync(`/proc/${pid}/${file}`, "utf8").split("\0").filter(Boolean);
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return parent === pid ? [readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ")] : [];
      } catch {
        return []; // ended meanwhile
      }
    });
  return { command: read("cmdline"), environment: read("environ"), children };
}

describe("Production runs compiled JavaScript with node (no tsx)", () => {
  it("npm start compiles src/ to dist/ when needed and serves from dist/main.js under plain node", async () => {
    // What `npm start` runs (package.json: exec node scripts/start.mjs), on a new database.
    const app = startAppProcess(
      { DATABASE_URL: `file:${join(dir, "app.db")}`, PORT: "0", LOG_LEVEL: "warn" },
      { compiled: true },
    );
    processes.push(app);
    await app.waitFor(/Mở http:\/\/localhost:\d+/, 300_000);
    const url = /Mở (http:\/\/localhost:\d+)/.exec(app.output())?.[1] ?? "";

    // It serves: the health check and the chat page (read from src/simulator/page, found from
    // the package root by the compiled code), the demo data and the policy answers loaded.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    expect(app.output()).not.toMatch(/ENOENT|Không khởi động được/);
    expect(existsSync(join(ROOT, "dist", "main.js"))).toBe(true);

    // Plain node running the compiled files: no tsx loader, no esbuild service beside it.
    const pid = app.child.pid ?? 0;
    const seen = inspectProcess(pid);
    expect(seen.command).toEqual([process.execPath, "scripts/start.mjs"]);
    expect(seen.environment.filter((line) => /^NODE_OPTIONS=.*tsx/.test(line))).toEqual([]);
    expect(seen.children.filter((command) => /tsx|esbuild/.test(command))).toEqual([]);

    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  }, 400_000);
});
