import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/**
 * Reading the real time anywhere but the clock makes behaviour depend on the day the code runs
 * (tests that pass only on the day they were written). The simulator is exempt: it plays
 * Telegram's servers, whose clock is the real one.
 */
const ALLOWED = [/^shared\/clock\.ts$/, /^simulator\//, /^generated\//];
const REAL_TIME = [
  { pattern: /\bDate\.now\(\)/, what: "Date.now()" },
  { pattern: /\bnew Date\(\)/, what: "new Date()" },
  { pattern: /\bconversation\.now\(\)/, what: "conversation.now() (the wall clock, replayed)" },
  { pattern: /\bperformance\.now\(\)/, what: "performance.now()" },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("time comes from the injected clock everywhere", () => {
  it("no source file outside the clock reads the real time", () => {
    const offences: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const name = relative(SRC, file).replaceAll("\\", "/");
      if (ALLOWED.some((allowed) => allowed.test(name))) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          for (const { pattern, what } of REAL_TIME) {
            if (pattern.test(line)) offences.push(`src/${name}:${index + 1} reads ${what}`);
          }
        });
    }
    expect(offences).toEqual([]);
  });

  it("the tests run with a wall clock far from their fake clocks", () => {
    // test/helpers/wall-clock.mjs moves Date; the fake clocks start in November 2026.
    const wallYear = new Date().getFullYear();
    expect(Math.abs(wallYear - 2026)).toBeGreaterThanOrEqual(2);
  });
});
