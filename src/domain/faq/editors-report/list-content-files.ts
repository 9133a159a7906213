import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { FAQ_CONTENT_DIR } from "../faq-search.js";

/**
 * Where each content entry lives, by its key (a file's name is its key): "t4/bhyt-ho-ngheo.md"
 * → `content/faq/t4/bhyt-ho-ngheo.md`, the path an editor opens to change it. Names only; the
 * files are not parsed.
 */
export function listContentFiles(dir = FAQ_CONTENT_DIR, prefix = "content/faq"): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string, shown: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${shown}/${name}`);
      else if (name.endsWith(".md") && name !== "README.md") files.set(name.slice(0, -3), `${shown}/${name}`);
    }
  };
  walk(dir, prefix);
  return files;
}
