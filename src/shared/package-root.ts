import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding the project's `package.json`: the base of the files the app reads at run
 * time (content/, assets/, the locales, the simulator's page). The same code runs from `src/`
 * (tests, tsx) and compiled from `dist/` (`npm start`), so no path may count folders up from
 * the file that reads it.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `packagePath("content", "faq")`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
