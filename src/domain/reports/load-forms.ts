import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { packagePath } from "../../shared/package-root.js";
import { type FormDefinition, parseFormDefinition } from "./form-definition.js";

/** The repository's report forms (one YAML or JSON file per form version). */
export const FORMS_DIR = packagePath("content", "forms");

const FORM_FILE = /\.(ya?ml|json)$/;
/** `review-progress.yaml` or `review-progress.v2.yaml`. */
const FILE_NAME = /^(?<key>[^.]+)(?:\.v(?<version>\d+))?\.(?:ya?ml|json)$/;

/** Parses one form file's text (YAML, or JSON when the name ends in .json) and validates it. */
export function parseFormText(text: string, file: string): { form?: FormDefinition; errors: string[] } {
  let data: unknown;
  try {
    data = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const kind = file.endsWith(".json") ? "JSON" : "YAML";
    return {
      errors: [`${file}: ${kind} không hợp lệ: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  return parseFormDefinition(data, file);
}

/**
 * Loads every `*.yaml`, `*.yml` and `*.json` under `dir` (sub-folders too). A file is named after
 * its form key, optionally with the version: `incident.yaml`, `review-progress.v2.yaml`. Several
 * versions of a key may coexist; (key, version) must be unique. Forms come sorted by key, then
 * version; a file with errors contributes errors only.
 */
export function loadForms(dir: string): { forms: FormDefinition[]; errors: string[] } {
  const forms: FormDefinition[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const path of listFormFiles(dir)) {
    const file = relative(dir, path);
    const { form, errors: fileErrors } = parseFormText(readFileSync(path, "utf8"), file);
    errors.push(...fileErrors);
    if (!form) continue;
    const name = FILE_NAME.exec(file.split("/").pop() ?? "")?.groups;
    if (name?.key !== form.key) {
      errors.push(
        `${file}: key "${form.key}" phải trùng tên tệp (${form.key}.yaml hoặc ${form.key}.v${form.version}.yaml)`,
      );
      continue;
    }
    if (name.version !== undefined && Number(name.version) !== form.version) {
      errors.push(`${file}: version ${form.version} không khớp tên tệp (.v${name.version})`);
      continue;
    }
    const id = `${form.key} v${form.version}`;
    const other = seen.get(id);
    if (other) {
      errors.push(`${file}: ${id} trùng với ${other}`);
      continue;
    }
    seen.set(id, file);
    forms.push(form);
  }
  forms.sort((a, b) => (a.key === b.key ? a.version - b.version : a.key < b.key ? -1 : 1));
  return { forms, errors };
}

/** The highest version of each key, sorted by key. */
export function latestForms(forms: readonly FormDefinition[]): FormDefinition[] {
  const latest = new Map<string, FormDefinition>();
  for (const form of forms) {
    const current = latest.get(form.key);
    if (!current || form.version > current.version) latest.set(form.key, form);
  }
  return [...latest.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function listFormFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listFormFiles(path);
      return FORM_FILE.test(name) ? [path] : [];
    });
}
