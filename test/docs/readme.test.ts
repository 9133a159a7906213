import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/**
 * What the README promises an operator, checked against what the project really does (the
 * first start's progress lines and stopping by signal are exercised in test/e2e/stop-signals).
 */
describe("README truths", () => {
  const readme = read("README.md");
  const ci = read(".ci/run");
  const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

  it("the quick start is two commands, and CI runs the same test command", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toMatch(/```sh\nnpm test\n```/);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("says how long installing and the first start take, and that the first start reports progress", () => {
    expect(readme).toMatch(/`npm install` takes about 3–4 minutes/);
    expect(readme).toMatch(/first start takes about 10–20 s/);
    expect(readme).toMatch(/says on the console what it is busy with/);
  });

  it("`npm start` is the bot's own process, so signals sent to it stop the bot", () => {
    expect(scripts.start).toMatch(/^exec node /);
    expect(readme).toContain("kill -TERM <pid of npm start>");
  });

  it("names the packages the browser test needs, and CI installs them", () => {
    for (const pkg of ["chromium", "fonts-noto-color-emoji"]) {
      expect(readme).toContain(pkg);
      expect(ci).toMatch(new RegExp(`apt-get install[^\\n]*\\b${pkg}\\b`));
    }
  });
});
