// `npm run build` — compiles src/ (the generated Prisma client included) to dist/, which
// `npm start` runs with plain node. Type errors fail the build. Plain JavaScript, so that it
// runs before anything is compiled.
//
// `npm start` calls `buildIfStale()` first: a first start, or a start after the sources changed
// (a `git pull`, an edit, a new generated client), compiles again — without the type check,
// as tsx ran the sources before (`npm run typecheck` is where types are checked).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
/** Written when a build finished, dated when it began: sources changed since are newer. */
const STAMP = join(DIST, ".built");
const BUILD_INPUTS = ["tsconfig.json", "tsconfig.build.json", "package.json"];

/** The newest modification time (ms) of the TypeScript sources and the build's settings. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(ROOT, "src"));
  for (const file of BUILD_INPUTS) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

/** Why dist/ must be built again, or `null` when it is up to date. */
export function staleReason() {
  if (!existsSync(STAMP) || !existsSync(join(DIST, "main.js"))) return "missing";
  if (!existsSync(join(ROOT, "src"))) return null; // a deployment shipped without the sources
  return newestSource() > statSync(STAMP).mtimeMs ? "changed" : null;
}

/**
 * Compiles src/ into a fresh dist/. Returns the compiler's exit code (0 = built; with
 * `check: false` type errors are not looked for).
 */
export function build({ check = true } = {}) {
  const began = new Date();
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    console.error(
      "Không tìm thấy TypeScript để biên dịch (cài bằng npm install, không --omit=dev), " +
        "hoặc biên dịch ở máy khác bằng npm run build rồi chép thư mục dist/.",
    );
    return 1;
  }
  rmSync(DIST, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [tsc, "-p", join(ROOT, "tsconfig.build.json"), ...(check ? [] : ["--noCheck"])],
    { cwd: ROOT, stdio: "inherit" },
  );
  const code = result.status ?? 1;
  if (code === 0) {
    writeFileSync(STAMP, `${began.toISOString()}\n`);
    utimesSync(STAMP, began, began);
  }
  return code;
}

/** Builds when dist/ is missing or older than the sources; says so on the console. */
export function buildIfStale() {
  const reason = staleReason();
  if (reason === null) return 0;
  console.error(
    reason === "missing"
      ? "  Đang biên dịch mã nguồn lần đầu (dist/)…"
      : "  Mã nguồn đã thay đổi: đang biên dịch lại (dist/)…",
  );
  return build({ check: false });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(build({ check: true }));
}
