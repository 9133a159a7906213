import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/**
 * Each bot instance serves one channel (`BotDeps.channel`) and each account says where it is
 * (`ChannelAccount.channel`): a channel spelled out in the bot or the domain would make a Zalo
 * bot act on Telegram accounts. The one list of channels is `CHANNELS` in domain/roles.ts.
 */
const CHANNEL_LITERAL = /(["'`])(telegram|zalo)\1/i;
const ALLOWED = [/^domain\/roles\.ts$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("The channel is data, never a constant", () => {
  it("no file in src/bot or src/domain names a channel as a literal, outside the channel list", () => {
    const offences: string[] = [];
    for (const dir of ["bot", "domain"]) {
      for (const file of sourceFiles(join(SRC, dir))) {
        const name = relative(SRC, file).replaceAll("\\", "/");
        if (ALLOWED.some((allowed) => allowed.test(name))) continue;
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, index) => {
            if (CHANNEL_LITERAL.test(line)) offences.push(`src/${name}:${index + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offences).toEqual([]);
  });

  it("the channel list names both messengers", async () => {
    const { CHANNELS } = await import("../../src/domain/roles.js");
    expect(CHANNELS).toEqual(["telegram", "zalo"]);
  });
});
