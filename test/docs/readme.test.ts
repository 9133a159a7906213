import { readdirSync, readFileSync } from "node:fs";
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

/** The files under `dir` (recursively) whose name ends in `.ts`. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("README: Kết nối Zalo Official Account", () => {
  const readme = read("README.md");
  const start = readme.indexOf("\n## Kết nối Zalo Official Account\n");
  const section = start < 0 ? "" : readme.slice(start, readme.indexOf("\n## ", start + 1));
  const toConfirm = section.slice(section.indexOf("### Cần kiểm tra trên OA thật"));

  it("names every OA variable the app and npm run zalo:oa-auth read, there and in .env.example", () => {
    const env = read(".env.example");
    // The schema's keys in config.ts, and what the command reads from its environment.
    const names = new Set([
      ...[...read("src/config.ts").matchAll(/^\s+(ZALO_OA_[A-Z_]+):/gm)].map((m) => m[1] as string),
      ...[...read("src/cli/run-zalo-oa-auth.ts").matchAll(/env\.(ZALO_OA_[A-Z_]+)/g)].map(
        (m) => m[1] as string,
      ),
    ]);
    expect([...names].length).toBeGreaterThan(6);
    for (const name of names) {
      expect(readme, name).toContain(`\`${name}`);
      expect(env, name).toMatch(new RegExp(`^${name}=`, "m"));
    }
    for (const name of [
      "ZALO_OA_APP_ID",
      "ZALO_OA_APP_SECRET",
      "ZALO_OA_WEBHOOK_SECRET",
      "ZALO_OA_REDIRECT_URI",
    ])
      expect(section, name).toContain(name);
  });

  it("gives the webhook and callback addresses the app serves, and the command that authorises", () => {
    const path = (name: string) =>
      new RegExp(`export const ${name} = "([^"]+)"`).exec(read("src/app.ts"))?.[1];
    const ZALO_OA_WEBHOOK_PATH = path("ZALO_OA_WEBHOOK_PATH");
    const ZALO_OA_CALLBACK_PATH = path("ZALO_OA_CALLBACK_PATH");
    expect([ZALO_OA_WEBHOOK_PATH, ZALO_OA_CALLBACK_PATH]).toEqual(["/zalo-oa/webhook", "/zalo-oa/callback"]);
    expect(section).toContain(`https://<PUBLIC_BASE_URL>${ZALO_OA_WEBHOOK_PATH}`);
    expect(section).toContain(`https://<PUBLIC_BASE_URL>${ZALO_OA_CALLBACK_PATH}`);
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    expect(scripts["zalo:oa-auth"]).toBeDefined();
    expect(section).toContain("npm run zalo:oa-auth");
    expect(section).toMatch(/ZALO_TEMPLATES='\{"broadcast":\{"templateId":/);
  });

  it("lists, to confirm on a live OA, every error code the OA code and its fake mark UNCONFIRMED", () => {
    const codes = new Set<string>();
    for (const file of [...sourcesUnder("src/channels/zalo/oa"), ...sourcesUnder("src/simulator/zalo-oa")]) {
      const lines = read(file).split("\n");
      lines.forEach((line, index) => {
        if (!line.includes("UNCONFIRMED")) return;
        for (const near of [line, lines[index + 1] ?? ""])
          for (const code of near.match(/(?<![\w-])-\d{2,5}\b/g) ?? []) codes.add(code);
      });
    }
    expect(codes.size).toBeGreaterThan(3);
    for (const code of codes) expect(toConfirm, code).toContain(`${code}`);
  });
});
