// Operation search for agents: words in Chinese or English, matched by substring (Chinese has no spaces), each word
// widened by the synonyms the four vendors use for the same thing, scored by where it matched.
import type { Operation } from "./catalog.js";

/** Words that name one thing across vendors (and in English); a query word matching any of a group matches all. */
const SYNONYMS: readonly (readonly string[])[] = [
  ["群聊", "客户群", "group chat", "groupchat", "group_chat"],
  ["商机", "opportunity", "business", "销售机会"],
  ["线索", "clue", "lead", "prospect"],
  ["客户", "customer", "external user", "external_user", "外部联系人", "contact"],
  ["员工", "成员", "staff", "user", "employee"],
  ["标签", "tag"],
  ["跟进", "follow", "follow-up", "progress", "动态"],
  ["部门", "department", "dept"],
  ["回调", "webhook", "callback", "推送", "push"],
  ["订单", "order"],
  ["公海", "sea", "public pool"],
  ["群发", "broadcast", "mass message", "msg"],
  ["朋友圈", "moment"],
  ["素材", "material", "media"],
  ["活码", "contact way", "qrcode", "qr code"],
];

const FIELDS: readonly [keyof Operation, number][] = [
  ["operationId", 4],
  ["summary", 4],
  ["path", 3],
  ["tags", 2],
  ["description", 1],
];

function widen(word: string): string[] {
  const w = word.toLowerCase();
  const group = SYNONYMS.find((g) => g.some((s) => s === w || (w.length > 1 && s.includes(w))));
  return group ? [...new Set([w, ...group])] : [w];
}

const text = (op: Operation, field: keyof Operation) => {
  const value = op[field];
  return (Array.isArray(value) ? value.join(" ") : String(value ?? "")).toLowerCase();
};

export interface SearchOptions {
  vendor?: string;
  tag?: string;
  writes?: boolean;
  limit?: number;
}

/** Operations matching every query word (or one of its synonyms), best first. An empty query lists them all. */
export function searchOperations(ops: readonly Operation[], query: string, options: SearchOptions = {}): Operation[] {
  const words = query
    .split(/[\s,，、]+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .map(widen);
  const scored: { op: Operation; score: number }[] = [];
  for (const op of ops) {
    if (options.vendor && op.vendor !== options.vendor) continue;
    if (options.tag && !op.tags.some((t) => t.includes(options.tag ?? ""))) continue;
    if (options.writes !== undefined && op.write !== options.writes) continue;
    let score = 0;
    let all = true;
    for (const alternatives of words) {
      let best = 0;
      for (const [field, weight] of FIELDS) {
        const haystack = text(op, field);
        if (alternatives.some((a) => haystack.includes(a))) best = Math.max(best, weight);
      }
      if (best === 0) all = false;
      score += best;
    }
    if (all) scored.push({ op, score: op.deprecated ? score - 1 : score });
  }
  scored.sort(
    (a, b) => b.score - a.score || a.op.vendor.localeCompare(b.op.vendor) || a.op.path.localeCompare(b.op.path),
  );
  return scored.slice(0, Math.max(1, Math.min(options.limit ?? 10, 50))).map((s) => s.op);
}
