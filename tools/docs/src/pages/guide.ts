// A vendor's integration guide, generated from the spec's x- metadata: auth, errors, limits (sections here), then
// pagination, retry safety and webhooks (operations.ts).
import type { XEnvelope as EnvelopeExt, OperationModel as Operation } from "@scrm-openapi/codegen";
import { block, code, en, esc, inline, shell } from "../html.js";
import {
  authSummary,
  CLASSES,
  envelopeLabel,
  fmt,
  hasLimits,
  inferredMark,
  kindLabel,
  nav,
  note,
  opLink,
  optionValue,
  SCOPES,
  type SiteVendor,
  vendorHeader,
} from "./common.js";
import { paginationSection, retrySection, webhookSection } from "./operations.js";
import { provenanceSection } from "./provenance.js";

function clientSample(s: SiteVendor): string {
  const { vendor: v, client } = s;
  if (!client) return "";
  const lines = client.required.map((o) => `  ${o.name}: ${optionValue(v.id, o)}`);
  if (!client.required.some((o) => o.name === "baseUrl"))
    lines.push(`  // baseUrl: "http://127.0.0.1:${v.mockPort}", // 本地 mock (pnpm mock ${v.id})`);
  const tokenOperation = v.auth.style === "signature" ? undefined : v.auth.tokenOperation;
  const first = v.operations.find((o) => !o.deprecated && o.operationId !== tokenOperation);
  return code(`import { ScrmApiError } from "@scrm-openapi/core";
import { ${client.name} } from "${client.module}";

const ${v.id} = ${client.name}({
${lines.join("\n")}
});

try {
  // 路径、参数与响应均按规范生成类型 (paths, parameters and responses are typed from the spec), e.g.
  // await ${v.id}.${(first?.method ?? "get").toUpperCase()}("${first?.path ?? "/"}", { … });
} catch (error) {
  // 非成功的 ${v.envelope.codeField} 抛出 ScrmApiError (a non-success ${v.envelope.codeField} is thrown)
  if (error instanceof ScrmApiError) console.error(error.code, error.meaning, error.kind);
  throw error;
}`);
}

function authSection(s: SiteVendor): string {
  const { vendor: v } = s;
  const a = v.auth;
  const tokenOp = a.style === "signature" ? undefined : v.operations.find((o) => o.operationId === a.tokenOperation);
  const facts: [string, string][] = [];
  let prose: string;
  if (a.style === "signature") {
    const sig = a.signature;
    prose = `没有令牌接口：客户端为每个请求计算 <code>${esc(sig.algorithm)}</code> 签名，签名串为 ${sig.parts.map((p) => `<code>${esc(p)}</code>`).join(" + ")}（无分隔符），时间戳单位 <code>${esc(sig.timestampUnit)}</code>，经请求头发送。<br>
${en(`No token call: the client signs every request (${esc(sig.algorithm)} over ${sig.parts.map(esc).join(" + ")}) and sends the signature headers.`)}`;
    facts.push([
      `请求头 ${en("Headers")}`,
      Object.entries(sig.headers)
        .map(([role, header]) => `<code>${esc(header)}</code> ${en(esc(role))}`)
        .join("，"),
    ]);
  } else {
    const where = a.credentials?.in === "body" ? "请求体" : "查询串";
    const carried =
      a.style === "query-token"
        ? `每个请求（POST 也一样）在查询串中携带 <code>${esc(a.tokenParameter ?? "access_token")}</code>`
        : "每个请求携带请求头 <code>Authorization: Bearer &lt;token&gt;</code>";
    const fetched = tokenOp
      ? `令牌由 ${opLink(s, tokenOp)}（<code>${tokenOp.method.toUpperCase()} ${esc(tokenOp.path)}</code>）获取，凭据放在${where}中；客户端自动获取、缓存并在过期前刷新。`
      : "获取令牌的接口未记载：由你提供令牌（客户端缓存它，并在被拒绝时重新获取一次）。";
    prose = `${carried}。${fetched}<br>${en(
      `${a.style === "query-token" ? "Every call carries the access token in the query string." : "Every call sends a bearer token."} ${
        tokenOp
          ? "The client fetches the token with the token operation, caches it and refreshes it before it expires."
          : "The token endpoint is undocumented: you supply the token."
      }`,
    )}`;
    if (a.credentials)
      facts.push([
        `凭据 ${en("Credentials")}`,
        Object.entries(a.credentials.fields)
          .map(([wire, option]) => `<code>${esc(wire)}</code> → 选项 <code>${esc(option)}</code>`)
          .join("，"),
      ]);
    if (a.tokenField) facts.push([`令牌字段 ${en("Token field")}`, `<code>${esc(a.tokenField)}</code>`]);
    if (a.expiresInField) facts.push([`有效期字段 ${en("Lifetime field")}`, `<code>${esc(a.expiresInField)}</code>`]);
  }
  return `<section id="auth">
<h2>鉴权 ${en("Authentication")}</h2>
<p><span class="badge">${authSummary(v)}</span></p>
<p>${prose}</p>
${facts.length ? `<dl class="facts">${facts.map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`).join("")}</dl>` : ""}
<h3>创建客户端 ${en("Create the client")}</h3>
${clientSample(s)}
${note(a["x-note"])}
</section>`;
}

function errorSection(s: SiteVendor): string {
  const { vendor: v } = s;
  const own = v.operations.filter((o): o is Operation & { envelope: EnvelopeExt } => o.envelope !== undefined);
  const rows = v.errorCodes
    .map(
      ([errCode, c]) =>
        `<tr data-code="${esc(errCode)}" id="code-${esc(encodeURIComponent(errCode))}"><td><code>${esc(errCode)}</code></td><td>${inline(c.meaning)}${
          c.retryAfterSeconds
            ? `<br><small>封禁 ${c.retryAfterSeconds} 秒 ${en(`blocked ${c.retryAfterSeconds} s`)}</small>`
            : ""
        }</td><td>${c.kind ? kindLabel(c.kind) : ""}</td><td>${c.source ? `<a href="${esc(c.source)}">出处 ${en("source")}</a>` : ""}</td></tr>`,
    )
    .join("\n");
  return `<section id="errors">
<h2>响应封装与错误码 ${en("Envelope and error codes")}</h2>
<p>业务错误也以 HTTP 200 返回，结果看 ${envelopeLabel(v.envelope)}；非成功码由客户端抛出 <code>ScrmApiError</code>（带含义与类别）。<br>
${en(`Business errors come back as HTTP 200; the result is in <code>${esc(v.envelope.codeField)}</code>. A non-success code is thrown as <code>ScrmApiError</code> with its meaning and kind.`)}</p>
${note(v.envelope["x-note"])}
${
  own.length
    ? `<p>以下接口使用自己的封装 ${en("These operations answer with their own envelope")}：</p><ul>${own
        .map((o) => `<li>${opLink(s, o)} ${envelopeLabel(o.envelope)}</li>`)
        .join("")}</ul>`
    : ""
}
${
  rows
    ? `<div class="table-wrap"><table class="errors"><thead><tr><th>错误码 ${en("Code")}</th><th>含义 ${en("Meaning")}</th><th>类别 ${en("Kind")}</th><th>出处 ${en("Source")}</th></tr></thead><tbody>
${rows}
</tbody></table></div>`
    : `<p class="empty">未记载任何错误码（除成功码外）。${en("No error code is documented besides the success code.")}</p>`
}
${note(v.errorCodesNote)}
</section>`;
}

function limitsSection(s: SiteVendor): string {
  const { vendor: v } = s;
  const l = v.limits;
  const count = (cls: string) => v.operations.filter((o) => o.rateClass === cls).length;
  const body = hasLimits(l)
    ? `${l.inferred ? `<p>${inferredMark("#limits")} 以下限额不是厂商页面写明的，而是推断所得（<code>x-limits.inferred</code>），请向厂商核实。${en("No vendor page states these limits: they are inferred; verify them with the vendor.")}</p>` : ""}
${l.concurrency ? `<p>并发上限 <strong>${l.concurrency.max}</strong>（${esc(SCOPES[l.concurrency.scope ?? "client"] ?? "")}）。${en(`At most ${l.concurrency.max} requests in flight per ${esc(l.concurrency.scope ?? "client")}.`)}</p>` : ""}
${
  l.rate?.length
    ? `<div class="table-wrap"><table class="limits"><thead><tr><th>类别 ${en("Class")}</th><th>每分钟 ${en("Per minute")}</th><th>每小时 ${en("Per hour")}</th><th>范围 ${en("Scope")}</th><th>接口数 ${en("Operations")}</th></tr></thead><tbody>
${l.rate
  .map(
    (r) =>
      `<tr><td>${esc(CLASSES[r.class] ?? r.class)} <code>${esc(r.class)}</code></td><td>${r.perMinute ? fmt(r.perMinute) : "—"}</td><td>${r.perHour ? fmt(r.perHour) : "—"}</td><td>${esc(SCOPES[r.scope ?? ""] ?? r.scope ?? "—")}</td><td>${count(r.class)}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div>
<p>客户端限流器按这些额度预留 5% 余量。${en("The client-side limiter keeps these budgets, less 5% headroom.")}</p>`
    : ""
}
${l.source ? `<p>出处 ${en("Source")}：<a href="${esc(l.source)}">${esc(l.source)}</a></p>` : ""}`
    : `<p class="empty">未记载频率或并发限制。${en("No rate or concurrency limit is documented.")}</p>`;
  return `<section id="limits">
<h2>限流 ${en("Limits")}</h2>
${body}
${note(l?.["x-note"])}
</section>`;
}

/** The escape hatch for operations the vendor publishes but the spec lacks (the ledger's title-only entries). */
function requestSection(s: SiteVendor): string {
  const { vendor: v } = s;
  const missing = v.coverage.operations.titleOnly;
  return `<section id="request">
<h2>未收录的接口 ${en("Operations not in the spec")}</h2>
<p>目录中有 ${missing} 个接口只有标题（见<a href="ledger.html">覆盖表</a>）。在规范收录之前，用 <code>request(method, path, init)</code> 调用它们：鉴权或签名、响应封装、重试、限流与类型化错误都与其它调用相同，只是 <code>data</code> 没有类型（<code>unknown</code>）。写操作在 5xx 后不重试。<br>
${en(`${missing} operations of the vendor's menu are known by title only (see the ledger). Until the spec has one, call it with <code>request(method, path, init)</code>: auth or signing, envelope, retries, limits and typed errors work as for any call; only <code>data</code> is untyped (<code>unknown</code>). Writes are not retried after a 5xx.`)}</p>
${code(`const { data, requestId } = await ${v.id}.request("POST", "/path/from/the/vendor/page", { body: { … } });`)}
</section>`;
}

export function renderGuide(s: SiteVendor, sites: SiteVendor[]): string {
  const { vendor: v } = s;
  const c = v.coverage.operations;
  const toc = [
    ["auth", "鉴权", "Authentication"],
    ["errors", "错误码", "Error codes"],
    ["limits", "限流", "Limits"],
    ["pagination", "分页", "Pagination"],
    ["retry", "重试", "Retry safety"],
    ["request", "未收录的接口", "Operations not in the spec"],
    ["webhooks", "回调", "Webhooks"],
    ["sources", "来源", "Sources"],
    ["about", "规范说明", "About the spec"],
  ]
    .map(([id, zh, gloss]) => `<a href="#${id}">${zh} ${en(gloss ?? "")}</a>`)
    .join("");
  return shell({
    title: `${v.name} 接入指南 — scrm-openapi`,
    root: "../",
    vendors: nav(sites),
    current: v.id,
    body: `${vendorHeader(v, "接入指南", "Integration guide")}
<dl class="facts summary">
<dt>基础地址 ${en("Base URL")}</dt><dd><code>${esc(v.baseUrl)}</code>${v.serverNote ? `<br><small>${inline(v.serverNote)}</small>` : ""}</dd>
<dt>本地 mock ${en("Mock")}</dt><dd><code>http://127.0.0.1:${v.mockPort}</code>（<code>pnpm mock ${esc(v.id)}</code>）</dd>
<dt>包 ${en("Package")}</dt><dd><code>${esc(s.client?.module ?? `@scrm-openapi/${v.id}`)}</code></dd>
<dt>接口 ${en("Operations")}</dt><dd>${v.operations.length}；回调 ${en("webhooks")} ${v.webhooks.length}</dd>
<dt>覆盖 ${en("Coverage")}</dt><dd><a class="coverage" href="ledger.html">已写明 ${c.specified} / ${c.total} ${en(`specified ${c.specified} of ${c.total}`)}</a></dd>
</dl>
<nav class="toc" aria-label="目录 Contents">${toc}</nav>
${authSection(s)}
${errorSection(s)}
${limitsSection(s)}
${paginationSection(s)}
${retrySection(s)}
${requestSection(s)}
${webhookSection(s)}
${provenanceSection(s)}
<section id="about"><h2>规范说明 ${en("About the spec")}</h2><div lang="en">${block(v.about)}</div></section>`,
  });
}
