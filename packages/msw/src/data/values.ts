// Realistic values in the shape of a spec example: each field of the example is replaced by a seeded zh-CN value
// chosen by its name and its example's form (a 10-digit number stays seconds, "2024-01-02 15:04:05" keeps its
// format), so an answer keeps the types and units the spec states and loses its placeholders (张三, 示例科技).
import { type Random, words } from "./random.js";

/** Every fake time lies within 180 days before this instant, not "now": the data must not change day to day. */
const REFERENCE_MS = Date.parse("2025-06-01T10:00:00+08:00");

/** What the doc examples hold where a real answer would hold data. */
export const PLACEHOLDER = /张三|李四|王五|赵六|示例|测试|样例|^string$|^test|example|^demo|^xxx|^foo$|^bar$/i;

/** Field names whose small integers are codes (an enum the example picked from): kept as they are. */
const CODE_FIELD = /(type|status|state|stage|gender|sex|source|level|kind|mode|flag|role|^is_?|^has_?|code)$/i;

/** Where the value is: its field name and the words of the operation or entity (a tag's `name` is not a person's). */
export interface Where {
  readonly field: string;
  readonly hint: string;
}

/** A value shaped like `example`; nested arrays keep 1–3 items. */
export function realistic(example: unknown, r: Random, where: Where, depth = 0): unknown {
  if (Array.isArray(example)) {
    if (example.length === 0 || depth > 8) return [];
    const count = r.int(1, Math.min(3, Math.max(1, example.length + 1)));
    return Array.from({ length: count }, (_, i) => realistic(example[i % example.length], r, where, depth + 1));
  }
  if (example && typeof example === "object") {
    return Object.fromEntries(
      Object.entries(example).map(([key, value]) => [key, realistic(value, r, { ...where, field: key }, depth + 1)]),
    );
  }
  if (typeof example === "number") return realisticNumber(example, r, where.field);
  if (typeof example === "string") return realisticString(example, r, where);
  if (typeof example === "boolean") return r.next() < 0.5;
  return example;
}

const isTimeName = (name: string) => /(time|_at|At|timestamp|date|Date)$/.test(name);

/** A time `days` back at most, in the unit of the example (10 digits: s, 13: ms). */
function pastTime(r: Random, unit: "s" | "ms", days = 180): number {
  const ms = REFERENCE_MS - r.int(0, days * 24 * 60) * 60_000;
  return unit === "s" ? Math.floor(ms / 1000) : ms;
}

function realisticNumber(example: number, r: Random, field: string): number {
  const name = field.toLowerCase();
  // A token's lifetime, a timeout: the client acts on it, so the example's value stays.
  if (/(expire|ttl|timeout|interval)/.test(name)) return example;
  if (example >= 1e12 && example < 1e13) return pastTime(r, "ms");
  if (example >= 1e9 && example < 1e10 && (isTimeName(field) || !/id$/.test(name))) return pastTime(r, "s");
  if (CODE_FIELD.test(field) && Number.isInteger(example) && example >= 0 && example < 100) return example;
  if (/(amount|price|money|fee|cost|revenue|paid|total_?fee)/.test(name)) {
    const value = r.int(50_00, 500_000_00) / 100;
    return Number.isInteger(example) ? Math.round(value) : value;
  }
  if (/(count|total|num|size|times|score|point|integral|quantity|age)$/.test(name)) return r.int(0, 60);
  if (/id$/.test(name) || /_id/.test(name)) {
    const digits = Math.max(4, String(Math.trunc(Math.abs(example))).length);
    return r.int(10 ** (digits - 1), Math.min(Number.MAX_SAFE_INTEGER, 10 ** digits - 1));
  }
  if (!Number.isInteger(example)) return r.int(0, 100_000) / 100;
  return example >= 0 && example < 10 ? example : r.int(0, Math.max(100, example * 2));
}

const pad = (n: number) => String(n).padStart(2, "0");
function china(ms: number): { date: string; time: string } {
  const d = new Date(ms + 8 * 3600_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { date, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` };
}

/** A string id like the example's: its prefix letters kept, the rest of its length in its alphabet. */
export function idLike(example: string, r: Random): string {
  const digitsOnly = /^\d+$/.test(example);
  // WeCom's id prefixes (wm external user, wr group chat, wo…) kept; a placeholder's "xx" is not one.
  const prefix = digitsOnly || /^x/i.test(example) ? "" : (/^[a-zA-Z]{2}/.exec(example)?.[0] ?? "");
  const alphabet = digitsOnly ? "0123456789" : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const length = Math.max(8, example.length) - prefix.length;
  let out = prefix + (digitsOnly ? String(r.int(1, 9)) : "");
  while (out.length < prefix.length + length) out += alphabet[r.int(0, alphabet.length - 1)];
  return out;
}

function realisticString(example: string, r: Random, { field, hint }: Where): string {
  const name = field.toLowerCase();
  const time = pastTime(r, "ms");
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(example)) {
    const { date, time: clock } = china(time);
    return example.includes("T") ? new Date(time).toISOString() : `${date} ${clock}`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(example)) return china(time).date;
  if (/^\d{13}$/.test(example) && isTimeName(field)) return String(time);
  if (/^\d{10}$/.test(example) && isTimeName(field)) return String(Math.floor(time / 1000));
  if (/(mobile|phone|tel)s?$/.test(name)) return words.mobile(r);
  if (/(avatar|url|link|image|img|icon|pic|qrcode|qr_code)$/.test(name))
    return example && !PLACEHOLDER.test(example) ? example : "https://wework.qpic.cn/wwpic/avatar/0";
  if (/email$/.test(name)) return `${idLike("ab", r).toLowerCase()}@${["qq.com", "163.com", "126.com"][r.int(0, 2)]}`;
  if (/(corp|company|enterprise|organization|org)_?(full_?)?name$/.test(name)) return words.company(r);
  if (/(id|ids|userid|openid|unionid|key|code|no|number|serial_?number)$/.test(name) && example !== "") {
    return /^[A-Z]{2}\d+$/.test(example)
      ? `${example.slice(0, 2)}${String(r.int(1, 99_999_999)).padStart(example.length - 2, "0")}`
      : idLike(example, r);
  }
  if (/(address|addr)$/.test(name)) return words.address(r);
  if (/city$/.test(name)) return words.city(r);
  if (/province$/.test(name)) return words.province(r);
  if (/position|job|title$/.test(name) && /position|job/.test(name)) return words.position(r);
  if (/(department|dept)_?name$/.test(name)) return words.department(r);
  if (/tag/.test(name) || (/tag/.test(hint) && /name$/.test(name))) return words.tag(r);
  if (/(group|chat|room)/.test(hint) && /name$/.test(name)) return `${words.shortCompany(r)}客户群`;
  if (/(opportunit|business|biz|deal)/.test(hint) && /name$/.test(name))
    return `${words.shortCompany(r)}${words.product(r)}`;
  if (/(company|corp)/.test(hint) && /name$/.test(name)) return words.company(r);
  if (/(name|nick|realname|staff|owner|creator|sales)$/.test(name)) return words.person(r);
  if (/(remark|desc|description|content|note|reason|text|memo|summary|message)$/.test(name)) {
    return example === "" ? "" : words.sentence(r);
  }
  if (/(product|goods|item)/.test(name)) return words.product(r);
  if (example === "" || !PLACEHOLDER.test(example)) return example;
  return /name|title/.test(name) ? words.product(r) : words.tag(r);
}
