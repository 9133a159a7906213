import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");

/**
 * The app as its own process: from its TypeScript sources through tsx (`npm run dev`) by
 * default, or as `npm start` runs it (`node scripts/start.mjs`: the compiled dist/main.js).
 */
export interface AppProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Waits until the output matches (or the process ends, which fails). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

export function startAppProcess(
  env: Record<string, string>,
  options: { compiled?: boolean } = {},
): AppProcess {
  const args = options.compiled ? ["scripts/start.mjs"] : ["--import", "tsx", "src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", SEED_DEMO_DATA: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  return {
    child,
    output: () => output,
    exited,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (ended) throw new Error(`the process ended before ${pattern}:\n${output}`);
        if (performance.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
