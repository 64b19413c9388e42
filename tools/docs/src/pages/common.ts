// What the portal pages share: the vendor a page is built from, labels, and small formatters. Chinese first with
// English glosses.
import type {
  XEnvelope as EnvelopeExt,
  XLimits as LimitsExt,
  XPagination as PaginationExt,
  CheckedModel as Vendor,
  VendorReport,
} from "@scrm-openapi/codegen";
import type { Factory } from "../factories.js";
import { block, en, esc, type ShellVendor } from "../html.js";
import type { ReferencePage } from "../redoc.js";

export type { Vendor };

export interface SiteVendor {
  vendor: Vendor;
  reference: ReferencePage;
  client?: Factory;
  receiver?: Factory;
  /** The deviation check's report: each operation's source class and inferred constraints (pages/provenance.ts). */
  evidence?: VendorReport;
}

export const fmt = (n: number) => n.toLocaleString("en");
/** A spec's x-note (English prose: what the vendor docs leave open, what is inferred and from where). */
export const note = (md: string | undefined) =>
  md ? `<div class="note"><strong>注 ${en("Note")}</strong>${block(md)}</div>` : "";
export const opLink = (s: SiteVendor, op: { operationId: string; tags: string[] }) =>
  `<a href="${esc(s.reference.link(op.operationId, op.tags[0]))}"><code>${esc(op.operationId)}</code></a>`;
export const nav = (sites: SiteVendor[]): ShellVendor[] => sites.map(({ vendor: v }) => ({ id: v.id, name: v.name }));

const KINDS: Record<string, [string, string]> = {
  "token-invalid": ["令牌失效：刷新后重放一次", "token invalid: refreshed, replayed once"],
  "rate-limit": ["频率超限", "rate limit"],
  "concurrency-limit": [
    "并发超限：未处理即拒绝，可重试（写操作亦然）",
    "concurrency limit: refused unprocessed, retried",
  ],
  busy: ["服务繁忙：读请求重试", "busy: reads are retried"],
  "signature-invalid": ["签名无效", "signature invalid"],
  "clock-skew": ["时间偏差过大", "clock skew"],
};
export const kindLabel = (kind: string) => {
  const [zh, gloss] = KINDS[kind] ?? [kind, ""];
  return `${esc(zh)} ${en(`${esc(gloss)} <code>${esc(kind)}</code>`)}`;
};
export const CLASSES: Record<string, string> = { read: "读", write: "写", "batch-write": "批量写" };
export const SCOPES: Record<string, string> = {
  operation: "每个接口",
  class: "每类",
  corp: "每个企业",
  client: "每个客户端",
};
export const PAGINATION: Record<PaginationExt["style"], [string, string]> = {
  offset: ["偏移分页", "offset"],
  page: ["页码分页", "page number"],
  cursor: ["游标分页", "cursor"],
};

export function envelopeLabel(e: EnvelopeExt): string {
  const fields = [e.codeField, e.messageField, ...(e.dataField ? [e.dataField] : [])];
  return `<code>{${fields.map(esc).join(", ")}}</code>，成功码 <code>${esc(String(e.successCode))}</code> ${en("success code")}`;
}

export function authSummary(v: Vendor): string {
  const a = v.auth;
  if (a.style === "query-token")
    return `查询串令牌：每个请求带 <code>${esc(a.tokenParameter ?? "access_token")}</code> ${en("access token in the query")}`;
  if (a.style === "bearer-token") return `Bearer 令牌：<code>Authorization: Bearer …</code> ${en("bearer token")}`;
  return `逐请求签名：SHA-256 签名请求头 ${en("per-request SHA-256 signature headers")}`;
}

export function hasLimits(l: LimitsExt | undefined): l is LimitsExt {
  return Boolean(l?.concurrency || l?.rate?.length);
}

export const inferredMark = (where: string) =>
  `<mark class="inferred" title="厂商页面未写明，来自推断（x-limits.inferred）No vendor page states these: inferred"><a href="${where}">推断 ${en("inferred")}</a></mark>`;

export function limitsSummary(v: Vendor): string {
  const l = v.limits;
  if (!hasLimits(l)) return `<em>未记载</em> ${en("not documented")}`;
  const parts: string[] = [];
  if (l.concurrency)
    parts.push(
      `并发 ${l.concurrency.max}（${esc(SCOPES[l.concurrency.scope ?? "client"] ?? l.concurrency.scope ?? "")}）${en(`${l.concurrency.max} in flight per ${esc(l.concurrency.scope ?? "client")}`)}`,
    );
  for (const r of l.rate ?? []) {
    const per = [r.perMinute && `${fmt(r.perMinute)}/分钟`, r.perHour && `${fmt(r.perHour)}/小时`].filter(Boolean);
    parts.push(`${esc(CLASSES[r.class] ?? r.class)} <code>${esc(r.class)}</code>：${per.join("，")}`);
  }
  return `${l.inferred ? `${inferredMark(`./${esc(v.id)}/guide.html#limits`)}<br>` : ""}${parts.join("<br>")}`;
}

export const coverageFigure = (v: Vendor) => {
  const c = v.coverage.operations;
  return `已写明 <strong>${c.specified}</strong> / ${c.total} ${en(`specified ${c.specified} of ${c.total}`)}`;
};

/** `process.env.WEIBAN_CORP_ID!` for a string option, a placeholder for a function one. */
export function optionValue(vendor: string, option: { name: string; fn: boolean }): string {
  if (option.fn) return "async () => myTokenService.get(), // 自行获取令牌 (you fetch the token)";
  const env = `${vendor}_${option.name.replace(/([a-z])([A-Z])/g, "$1_$2")}`.toUpperCase();
  return `process.env.${env}!,`;
}

export function vendorHeader(v: Vendor, what: string, gloss: string): string {
  return `<p class="crumbs"><a href="../index.html">门户 ${en("Portal")}</a> › ${esc(v.name)}</p>
<h1>${esc(v.name)} ${what} ${en(gloss)}</h1>
<p class="links"><a href="guide.html">接入指南 ${en("Guide")}</a> · <a href="index.html">接口参考 ${en("API reference")}</a> · <a href="ledger.html">覆盖清单 ${en("Coverage ledger")}</a>${v.webhooks.length ? ` · <a href="events.html">事件目录 ${en("Event catalogue")}</a>` : ""} · <a href="try.html">在线调试 ${en("Try it")}</a> · <a href="openapi.json">openapi.json</a> · <a href="openapi-3.0.json">OpenAPI 3.0 ${en("portable")}</a> · <a href="${esc(v.docs)}">厂商文档 ${en("Vendor docs")}</a></p>`;
}
