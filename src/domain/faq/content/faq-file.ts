import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** Topic ids of the policy fact sheet (G1–G6, T1.1–T1.7, T2, T3.1–T3.10, T4.1–T4.6, T5.1–T5.4, T6). */
export const TOPIC_ID = /^(G[1-6]|T1\.[1-7]|T2|T3\.(?:[1-9]|10)|T4\.[1-6]|T5\.[1-4]|T6)$/;

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "phải là ngày dạng YYYY-MM-DD" }));

/** Only <b> and <i> are allowed in answers (Telegram HTML), and & < > must be escaped. */
const answerHtml = z
  .string()
  .refine((text) => !/<(?!\/?[bi]>)/.test(text) && !/&(?!(amp|lt|gt|quot);)/.test(text), {
    error: "chỉ được dùng thẻ <b>, <i>; ký tự & < > phải viết &amp; &lt; &gt;",
  });

export const faqFrontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "id chỉ gồm chữ thường không dấu, số và dấu -" }),
  topics: z
    .array(z.string().regex(TOPIC_ID, { error: "mã chủ đề không có trong bảng tóm tắt chính sách" }))
    .min(1),
  title: z.string().min(5).max(120),
  phrasings: z.array(z.string().min(3).max(160)).min(3),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  source: z.string().min(5),
  valid_from: isoDate.optional(),
  valid_to: isoDate.optional(),
  status: z.enum(["verified", "needs_review"]).default("verified"),
  public: z.boolean().default(true),
  /** Legal basis, by registry key (content/legal/documents.yaml) and article/clause. */
  legal: z
    .array(
      z.object({
        doc: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "mã văn bản không hợp lệ" }),
        cite: z.string().min(2).max(120).optional(),
      }),
    )
    .default([]),
  /** An editor re-checks the entry by this day. */
  review_by: isoDate.optional(),
  /** The programme or period ended (the entry is worded as history), and what replaced it. */
  history: z
    .object({
      ended: isoDate,
      now: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).default([]),
    })
    .optional(),
  /** Code of the unit (province, commune) whose people see the entry; absent = national. */
  area: z.union([z.string(), z.number()]).transform(String).optional(),
  /** Why the entry still says "chưa xác nhận": the items still unverified in the update file. */
  unverified: z.array(z.string().min(5).max(300)).default([]),
});

/** One legal-basis reference of an entry. */
export interface LegalRef {
  doc: string;
  cite?: string;
}

export interface FaqContentEntry {
  key: string;
  topics: string[];
  title: string;
  phrasings: string[];
  keywords: string[];
  answer: string;
  details: string | null;
  source: string;
  /** Start of the first day, Vietnam time. */
  validFrom: Date | null;
  /** End of the last day, Vietnam time. */
  validTo: Date | null;
  status: "verified" | "needs_review";
  public: boolean;
  legalBasis: LegalRef[];
  /** End of the review day, Vietnam time. */
  reviewBy: Date | null;
  /** Start of the day the programme or period ended (worded as history). */
  endedOn: Date | null;
  /** Keys of the entries that replaced it. */
  replacedBy: string[];
  /** Unit code for local entries; null for national ones. */
  areaCode: string | null;
  unverified: string[];
  file: string;
}

export type LoadResult = { entries: FaqContentEntry[]; errors: string[] };

const MORE = /^<!--\s*more\s*-->$/m;

/** Parses one content file: YAML front matter, the short answer, then details after <!-- more -->. */
export function parseFaqFile(text: string, file: string): { entry?: FaqContentEntry; errors: string[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return { errors: [`${file}: thiếu phần đầu "---" (front matter)`] };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? "");
  } catch (error) {
    return {
      errors: [`${file}: YAML không hợp lệ: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const parsed = faqFrontMatterSchema.safeParse(data);
  const errors: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push(`${file}: ${issue.path.join(".") || "(đầu tệp)"}: ${issue.message}`);
    return { errors };
  }
  const [short = "", more] = (match[2] ?? "").split(MORE);
  const answer = short.trim();
  const details = more?.trim() || null;
  for (const [name, value] of [
    ["câu trả lời", answer],
    ["phần xem thêm", details ?? ""],
  ] as const) {
    const check = answerHtml.safeParse(value);
    if (!check.success) errors.push(`${file}: ${name}: ${check.error.issues[0]?.message}`);
  }
  if (answer === "") errors.push(`${file}: chưa có câu trả lời`);
  const front = parsed.data;
  const validFrom = front.valid_from ? new Date(`${front.valid_from}T00:00:00.000+07:00`) : null;
  const validTo = front.valid_to ? new Date(`${front.valid_to}T23:59:59.999+07:00`) : null;
  if (validFrom && validTo && validFrom > validTo) errors.push(`${file}: valid_from sau valid_to`);
  if (errors.length > 0) return { errors };
  return {
    errors: [],
    entry: {
      key: front.id,
      topics: front.topics,
      title: front.title,
      phrasings: front.phrasings,
      keywords: front.keywords,
      answer,
      details,
      source: front.source,
      validFrom,
      validTo,
      status: front.status,
      public: front.public,
      legalBasis: front.legal,
      reviewBy: front.review_by ? new Date(`${front.review_by}T23:59:59.999+07:00`) : null,
      endedOn: front.history ? new Date(`${front.history.ended}T00:00:00.000+07:00`) : null,
      replacedBy: front.history?.now ?? [],
      areaCode: front.area ?? null,
      unverified: front.unverified,
      file,
    },
  };
}

/** Loads every `*.md` under the content folder; ids must be unique and match file names. */
export function loadFaqContent(dir: string): LoadResult {
  const entries: FaqContentEntry[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const path of listMarkdown(dir)) {
    const file = relative(dir, path);
    const { entry, errors: fileErrors } = parseFaqFile(readFileSync(path, "utf8"), file);
    errors.push(...fileErrors);
    if (!entry) continue;
    const base = file.split("/").pop()?.replace(/\.md$/, "");
    if (base !== entry.key) errors.push(`${file}: id "${entry.key}" phải trùng tên tệp`);
    const other = seen.get(entry.key);
    if (other) errors.push(`${file}: id "${entry.key}" trùng với ${other}`);
    seen.set(entry.key, file);
    entries.push(entry);
  }
  return { entries, errors };
}

function listMarkdown(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listMarkdown(path);
      return name.endsWith(".md") && name !== "README.md" ? [path] : [];
    });
}
