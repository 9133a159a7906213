import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";

const translator = createTranslator("vi");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("locales", () => {
  it("Vietnamese and English have the same messages", () => {
    expect(translator.keys("en").sort()).toEqual(translator.keys("vi").sort());
  });

  it("every message key written literally in the code exists", () => {
    const used = new Set<string>();
    for (const file of sourceFiles("src")) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\bt\(\s*"([a-z][a-z0-9-]*)"/g)) used.add(match[1] ?? "");
      for (const match of text.matchAll(/labelKey: "([a-z][a-z0-9-]*)"/g)) used.add(match[1] ?? "");
      for (const match of text.matchAll(/descriptionKey: "([a-z][a-z0-9-]*)"/g)) used.add(match[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((key) => !translator.has("vi", key));
    expect(missing).toEqual([]);
  });

  it("formats numbers the Vietnamese way and inserts no invisible isolation marks", () => {
    const text = translator.t("vi", "ar-phone-received", { phone: "0987 654 321" });
    expect(text).toBe("Đã nhận số 0987 654 321.");
    expect(text).not.toMatch(/[\u2068\u2069]/);
  });

  it("falls back to Vietnamese, then to the key, for a missing message", () => {
    expect(translator.t("en", "no-such-key")).toBe("no-such-key");
  });
});
