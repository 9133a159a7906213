import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { Html, textToHtml } from "../shared/html.js";
import { packagePath } from "../shared/package-root.js";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
/** Variables of a message: text (escaped in HTML), numbers and dates (formatted), or markup. */
export type TranslationArgs = Record<string, FluentVariable | Html>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Message texts are data: Fluent files under `locales/<locale>/*.ftl`, Vietnamese first.
 * The translator is plain (no grammY), so services, jobs and a future Zalo channel can use it.
 */
export interface Translator {
  /**
   * The message as Telegram HTML, what every message the bot sends is: each text variable is
   * escaped (and cut when very long, see `textToHtml`), so a name like `Lò <Văn> & "Tèo"` can
   * never break a message; numbers and dates are formatted; {@link Html} variables (another
   * translation, a list built with `html`) are inserted as they are.
   */
  t(locale: Locale, key: string, args?: TranslationArgs): string;
  /**
   * The message as plain text, for places without formatting: button labels, alerts. Variables
   * are inserted as they are.
   */
  plain(locale: Locale, key: string, args?: TranslationArgs): string;
  has(locale: Locale, key: string): boolean;
  /** Keys present in the default locale, for tests that check every locale is complete. */
  keys(locale: Locale): string[];
}

const LOCALES_DIR = packagePath("src", "i18n", "locales");

export function createTranslator(defaultLocale: Locale = "vi", localesDir: string = LOCALES_DIR): Translator {
  const bundles = new Map<Locale, FluentBundle>();
  for (const locale of LOCALES) {
    // Isolation marks (U+2068/U+2069) around placeables would show up as junk in chat clients.
    const bundle = new FluentBundle(locale === "vi" ? "vi-VN" : "en-GB", { useIsolating: false });
    const dir = join(localesDir, locale);
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith(".ftl"))
      .sort()) {
      const errors = bundle.addResource(new FluentResource(readFileSync(join(dir, file), "utf8")));
      if (errors.length > 0) {
        throw new Error(`Locale file ${locale}/${file} is invalid: ${errors.map(String).join("; ")}`);
      }
    }
    bundles.set(locale, bundle);
  }

  const format = (locale: Locale, key: string, args: Record<string, FluentVariable> | null) => {
    const bundle = bundles.get(locale);
    const message = bundle?.getMessage(key);
    if (!bundle || !message?.value) return undefined;
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, args, errors);
    return errors.length > 0 ? undefined : text;
  };
  const translate = (locale: Locale, key: string, args: Record<string, FluentVariable> | null) =>
    format(locale, key, args) ?? format(defaultLocale, key, args) ?? key;

  return {
    t(locale, key, args) {
      return translate(locale, key, args ? convertArgs(args, textToHtml) : null);
    },
    plain(locale, key, args) {
      return translate(locale, key, args ? convertArgs(args, (text) => text) : null);
    },
    has(locale, key) {
      return Boolean(bundles.get(locale)?.hasMessage(key));
    },
    keys(locale) {
      const bundle = bundles.get(locale);
      if (!bundle) return [];
      return [...bundle._messages.keys()];
    },
  };
}

/** Text variables through `text` (escaping for HTML, or as they are), markup as its HTML. */
function convertArgs(args: TranslationArgs, text: (value: string) => string): Record<string, FluentVariable> {
  const converted: Record<string, FluentVariable> = {};
  for (const [name, value] of Object.entries(args)) {
    converted[name] = value instanceof Html ? value.value : typeof value === "string" ? text(value) : value;
  }
  return converted;
}
