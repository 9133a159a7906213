// `npm run build` — compiles src/ (the generated Prisma client included) to dist/, which
// `npm start` runs with plain node. Type errors fail the build. Plain JavaScript, so that it
// runs before anything is compiled.
//
// `npm start` calls `buildIfStale()` first: a first start, or a start after the sources changed
// (a `git pull`, an edit, a new generated client), compiles again — without the type check,
// as tsx ran the sources before (`npm run typecheck` is where types are checked).
//
// `node scripts/build.mjs --bench` compiles the app with the benchmarks (bench/, test/helpers/)
// to dist-bench/ when stale, so that `npm run bench:updates` measures the runtime production
// runs — compiled JavaScript under plain node — rather than tsx's.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");

/** What is compiled where, from which sources. */
const TARGETS = {
  app: { config: "tsconfig.build.json", out: DIST, sources: ["src"], entry: "main.js" },
  bench: {
    config: "tsconfig.bench.json",
    out: join(ROOT, "dist-bench"),
    sources: ["src", "bench", "test/helpers"],
    entry: "bench/updates.bench.js",
  },
};

/** Written when a build finished, dated when it began: sources changed since are newer. */
const stampOf = (target) => join(target.out, ".built");

/** The newest modification time (ms) of a target's TypeScript sources and the build's settings. */
function newestSource(target) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of target.sources) visit(join(ROOT, dir));
  for (const file of ["tsconfig.json", target.config, "package.json"])
    newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

/** Why a target (dist/ by default) must be built again, or `null` when it is up to date. */
export function staleReason(target = TARGETS.app) {
  const stamp = stampOf(target);
  if (!existsSync(stamp) || !existsSync(join(target.out, target.entry))) return "missing";
  if (!existsSync(join(ROOT, "src"))) return null; // a deployment shipped without the sources
  return newestSource(target) > statSync(stamp).mtimeMs ? "changed" : null;
}

/**
 * Compiles a target (src/ into dist/ by default) afresh. Returns the compiler's exit code (0 =
 * built; with `check: false` type errors are not looked for).
 */
export function build({ check = true, target = TARGETS.app } = {}) {
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
  rmSync(target.out, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [tsc, "-p", join(ROOT, target.config), ...(check ? [] : ["--noCheck"])],
    { cwd: ROOT, stdio: "inherit" },
  );
  const code = result.status ?? 1;
  if (code === 0) {
    const stamp = stampOf(target);
    writeFileSync(stamp, `${began.toISOString()}\n`);
    utimesSync(stamp, began, began);
  }
  return code;
}

/** Builds a target when it is missing or older than its sources; says so on the console. */
export function buildIfStale(target = TARGETS.app) {
  const reason = staleReason(target);
  if (reason === null) return 0;
  const out = `${target.out.slice(ROOT.length + 1)}/`;
  console.error(
    reason === "missing"
      ? `  Đang biên dịch mã nguồn lần đầu (${out})…`
      : `  Mã nguồn đã thay đổi: đang biên dịch lại (${out})…`,
  );
  return build({ check: false, target });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(process.argv.includes("--bench") ? buildIfStale(TARGETS.bench) : build({ check: true }));
}
