// The portal pages, Chinese first with English glosses: the comparison index, and per vendor a guide generated
// from the spec's x- metadata and a page of its coverage ledger.
import type { LedgerEntry } from "@scrm-openapi/codegen";
import type { Factory } from "./factories.js";
import { block, code, en, esc, inline, type ShellVendor, shell } from "./html.js";
import type { EnvelopeExt, LimitsExt, Operation, PaginationExt, Vendor, WebhookCryptoExt } from "./model.js";
import type { ReferencePage } from "./redoc.js";

export interface SiteVendor {
  vendor: Vendor;
  reference: ReferencePage;
  client?: Factory;
  receiver?: Factory;
}

const fmt = (n: number) => n.toLocaleString("en");
/** A spec's x-note (English prose: what the vendor docs leave open, what is inferred and from where). */
const note = (md: string | undefined) =>
  md ? `<div class="note"><strong>注 ${en("Note")}</strong>${block(md)}</div>` : "";
const opLink = (s: SiteVendor, op: { operationId: string; tags: string[] }) =>
  `<a href="${esc(s.reference.link(op.operationId, op.tags[0]))}"><code>${esc(op.operationId)}</code></a>`;
const nav = (sites: SiteVendor[]): ShellVendor[] => sites.map(({ vendor: v }) => ({ id: v.id, name: v.name }));

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
const kindLabel = (kind: string) => {
  const [zh, gloss] = KINDS[kind] ?? [kind, ""];
  return `${esc(zh)} ${en(`${esc(gloss)} <code>${esc(kind)}</code>`)}`;
};
const CLASSES: Record<string, string> = { read: "读", write: "写", "batch-write": "批量写" };
const SCOPES: Record<string, string> = { operation: "每个接口", class: "每类", corp: "每个企业", client: "每个客户端" };
const PAGINATION: Record<PaginationExt["style"], [string, string]> = {
  offset: ["偏移分页", "offset"],
  page: ["页码分页", "page number"],
  cursor: ["游标分页", "cursor"],
};

function envelopeLabel(e: EnvelopeExt): string {
  const fields = [e.codeField, e.messageField, ...(e.dataField ? [e.dataField] : [])];
  return `<code>{${fields.map(esc).join(", ")}}</code>，成功码 <code>${esc(String(e.successCode))}</code> ${en("success code")}`;
}

function authSummary(v: Vendor): string {
  const a = v.auth;
  if (a.style === "query-token")
    return `查询串令牌：每个请求带 <code>${esc(a.tokenParameter ?? "access_token")}</code> ${en("access token in the query")}`;
  if (a.style === "bearer-token") return `Bearer 令牌：<code>Authorization: Bearer …</code> ${en("bearer token")}`;
  return `逐请求签名：SHA-256 签名请求头 ${en("per-request SHA-256 signature headers")}`;
}

function hasLimits(l: LimitsExt | undefined): l is LimitsExt {
  return Boolean(l?.concurrency || l?.rate?.length);
}

const inferredMark = (where: string) =>
  `<mark class="inferred" title="厂商页面未写明，来自推断（x-limits.inferred）No vendor page states these: inferred"><a href="${where}">推断 ${en("inferred")}</a></mark>`;

function limitsSummary(v: Vendor): string {
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

const coverageFigure = (v: Vendor) => {
  const c = v.coverage.operations;
  return `已写明 <strong>${c.specified}</strong> / ${c.total} ${en(`specified ${c.specified} of ${c.total}`)}`;
};

export function renderIndex(sites: SiteVendor[]): string {
  const rows = sites
    .map(({ vendor: v }) => {
      const kinds = v.errorCodes
        .filter(([, c]) => c.kind)
        .map(([errCode, c]) => `<code>${esc(errCode)}</code> ${esc(c.kind ?? "")}`);
      const deprecated = v.operations.filter((o) => o.deprecated).length;
      const id = esc(v.id);
      return `<tr data-vendor="${id}">
<td><a class="vendor-name" href="./${id}/guide.html">${esc(v.name)}</a><br><small><a href="./${id}/guide.html">接入指南</a> · <a href="./${id}/index.html">接口参考</a> · <a href="./${id}/ledger.html">覆盖清单</a><br><a href="./${id}/openapi.json">openapi.json</a> · <a href="${esc(v.docs)}">厂商文档 ${en("vendor docs")}</a></small></td>
<td><code>${esc(v.baseUrl)}</code>${v.serverNote ? `<br><small>${inline(v.serverNote)}</small>` : ""}<br><small>mock: <code>http://127.0.0.1:${v.mockPort}</code></small></td>
<td>${authSummary(v)}</td>
<td>${envelopeLabel(v.envelope)}<br><small>${kinds.join(" · ") || `未记载限流/令牌错误码 ${en("no rate/token codes documented")}`}</small></td>
<td class="limits">${limitsSummary(v)}</td>
<td class="ops">${v.operations.length}${deprecated ? ` <small>（${deprecated} 个已弃用 ${en("deprecated")}）</small>` : ""}</td>
<td class="webhooks">${v.webhooks.length}</td>
<td class="coverage"><a href="./${id}/ledger.html">${coverageFigure(v)}</a></td>
</tr>`;
    })
    .join("\n");
  return shell({
    title: "scrm-openapi — SCRM 开放接口文档门户",
    root: "",
    vendors: nav(sites),
    body: `<h1>SCRM 开放接口对比 ${en("Vendor comparison")}</h1>
<p class="lede">国内企业微信 SCRM 厂商的手写 OpenAPI 3.1 规范，附带类型化 TypeScript 客户端与 Prism mock。上方搜索框可同时检索全部厂商的接口（支持中文，如「商机」）。<br>
${en("Hand-written OpenAPI 3.1 specs of China's WeCom-based SCRM platforms, with typed TypeScript clients and Prism mocks. The search box above searches every vendor's operations at once.")}</p>
<div class="table-wrap"><table class="compare">
<thead><tr><th>厂商 ${en("Vendor")}</th><th>基础地址 ${en("Base URL")}</th><th>鉴权 ${en("Auth")}</th><th>响应封装 ${en("Envelope")}</th><th>限流 ${en("Documented limits")}</th><th>接口 ${en("Operations")}</th><th>回调 ${en("Webhooks")}</th><th>覆盖 ${en("Coverage")}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<p class="hint"><mark class="inferred">推断 ${en("inferred")}</mark>：厂商页面未写明、由第三方资料推断的限额（<code>x-limits.inferred</code>）。${en("Limits no vendor page states, inferred from third-party material.")}
「覆盖」= 规范已写明的接口数 / 厂商文档菜单的全部条目（覆盖清单）。${en("Coverage = operations specified / all entries of the vendor's docs menu (the coverage ledger).")}</p>`,
  });
}

/** `process.env.WEIBAN_CORP_ID!` for a string option, a placeholder for a function one. */
function optionValue(vendor: string, option: { name: string; fn: boolean }): string {
  if (option.fn) return "async () => myTokenService.get(), // 自行获取令牌 (you fetch the token)";
  const env = `${vendor}_${option.name.replace(/([a-z])([A-Z])/g, "$1_$2")}`.toUpperCase();
  return `process.env.${env}!,`;
}

function clientSample(s: SiteVendor): string {
  const { vendor: v, client } = s;
  if (!client) return "";
  const lines = client.required.map((o) => `  ${o.name}: ${optionValue(v.id, o)}`);
  if (!client.required.some((o) => o.name === "baseUrl"))
    lines.push(`  // baseUrl: "http://127.0.0.1:${v.mockPort}", // 本地 mock (pnpm mock ${v.id})`);
  const first = v.operations.find((o) => !o.deprecated && o.operationId !== v.auth.tokenOperation);
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
  const tokenOp = v.operations.find((o) => o.operationId === a.tokenOperation);
  const facts: [string, string][] = [];
  let prose: string;
  if (a.style === "signature" && a.signature) {
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
        `<tr data-code="${esc(errCode)}"><td><code>${esc(errCode)}</code></td><td>${inline(c.meaning)}${
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

function paginationParams(p: PaginationExt): string {
  const keys = ["limitParam", "offsetParam", "pageParam", "sizeParam", "cursorParam", "cursorField"] as const;
  return keys
    .filter((k) => typeof p[k] === "string")
    .map((k) => `${k}: <code>${esc(String(p[k]))}</code>`)
    .join("<br>");
}

function paginationSection(s: SiteVendor): string {
  const { vendor: v } = s;
  const paged = v.operations.filter((o): o is Operation & { pagination: PaginationExt } => o.pagination !== undefined);
  if (paged.length === 0)
    return `<section id="pagination"><h2>分页 ${en("Pagination")}</h2><p class="empty">没有声明分页方式的接口。${en("No operation declares x-pagination.")}</p></section>`;
  const first = paged.find((o) => !o.deprecated) ?? paged[0];
  const init = first?.pagination.in === "body" ? "{ body: { /* 筛选条件 filters */ } }" : "{ params: { query: {} } }";
  const styles = [...new Set(paged.map((o) => o.pagination.style))];
  return `<section id="pagination">
<h2>分页 ${en("Pagination")}</h2>
<p>${paged.length} 个列表接口声明了分页方式（${styles.map((st) => PAGINATION[st][0]).join("、")}）；<code>paginate()</code> 按规范逐页读取并逐条产出。<br>
${en(`${paged.length} list operations declare x-pagination (${styles.map((st) => PAGINATION[st][1]).join(", ")}); <code>paginate()</code> walks the pages and yields the items.`)}</p>
<div class="table-wrap"><table class="pagination"><thead><tr><th>接口 ${en("Operation")}</th><th>方式 ${en("Style")}</th><th>参数 ${en("Parameters")}</th><th>列表字段 ${en("Items")}</th></tr></thead><tbody>
${paged
  .map(
    (o) =>
      `<tr><td>${opLink(s, o)}${o.deprecated ? ` <small>已弃用 ${en("deprecated")}</small>` : ""}<br><small><code>${o.method.toUpperCase()} ${esc(o.path)}</code></small></td><td>${PAGINATION[o.pagination.style][0]} ${en(o.pagination.style)}<br><small>参数位于 ${o.pagination.in === "body" ? "请求体 body" : "查询串 query"}</small></td><td><small>${paginationParams(o.pagination)}</small></td><td><code>${esc(String(o.pagination.itemsField ?? ""))}</code></td></tr>`,
  )
  .join("\n")}
</tbody></table></div>
${
  s.client && first
    ? code(`import { paginate } from "${s.client.module}";

for await (const item of paginate(${v.id}, "${first.path}", ${init})) {
  console.log(item); // 逐条产出 (one item at a time)
}`)
    : ""
}
</section>`;
}

function cryptoFacts(c: WebhookCryptoExt): [string, string][] {
  const facts: [string, string][] = [];
  if (c.style === "sha1-aes-cbc")
    facts.push([
      `方式 ${en("Style")}`,
      `企业微信式加解密（WXBizMsgCrypt）：SHA-1 签名 + AES-CBC ${en("WeCom-style: SHA-1 signature + AES-CBC")} <code>${c.style}</code>`,
    ]);
  else
    facts.push([
      `方式 ${en("Style")}`,
      `探马推送：SHA-256 签名请求头 + AES-CTR ${en("Tanma push: SHA-256 signed headers + AES-CTR")} <code>${c.style}</code>`,
    ]);
  if (c.signature)
    facts.push([
      `签名 ${en("Signature")}`,
      `<code>${esc(c.signature.algorithm)}</code>：${c.signature.parts.map((p) => `<code>${esc(p)}</code>`).join(" + ")}`,
    ]);
  if (c.query)
    facts.push([
      `查询参数 ${en("Query")}`,
      Object.values(c.query)
        .map((q) => `<code>${esc(q)}</code>`)
        .join("，"),
    ]);
  if (c.headers) facts.push([`请求头 ${en("Headers")}`, c.headers.map((h) => `<code>${esc(h)}</code>`).join("，")]);
  if (c.encryptedField) facts.push([`密文字段 ${en("Ciphertext field")}`, `<code>${esc(c.encryptedField)}</code>`]);
  if (c.receiveId) facts.push([`ReceiveId`, `<code>${esc(c.receiveId)}</code>`]);
  facts.push([
    `应答 ${en("Reply")}`,
    c.ack
      ? `<code>${esc(c.ack)}</code>`
      : `未记载 ${en("not documented")}${c.acknowledgement ? `：${inline(c.acknowledgement)}` : ""}`,
  ]);
  if (c.source) facts.push([`出处 ${en("Source")}`, `<a href="${esc(c.source)}">${esc(c.source)}</a>`]);
  return facts;
}

function receiverSample(s: SiteVendor): string {
  const { vendor: v, receiver } = s;
  if (!receiver || !v.webhookCrypto) return "";
  const options = receiver.required.map((o) => `  ${o.name}: ${optionValue(`${v.id}`, o)}`).join("\n");
  const handler =
    v.webhookCrypto.style === "sha1-aes-cbc"
      ? `  const query = new URL(req.url ?? "/", "http://localhost").searchParams;
  if (req.method === "GET") {
    res.end(await receiver.verifyUrl(query)); // URL 验证：回显解密后的 echostr (URL verification)
    return;
  }
  const { message } = await receiver.open({ query, body: await readRequestBody(req) });
  console.log(message); // 已验签、已解密 (verified and decrypted)
  res.end(receiver.ack); // ${JSON.stringify(v.webhookCrypto.ack ?? "")}`
      : `  const { message } = await receiver.open({ headers: req.headers, body: await readRequestBody(req) });
  console.log(message); // 已验签、已解密 (verified and decrypted)
  // 应答格式未记载：消息的 noise 需回显 (reply format undocumented: echo the message's noise)
  res.end();`;
  return code(`import { createServer } from "node:http";
import { ${receiver.name}, readRequestBody } from "${receiver.module}";

const receiver = ${receiver.name}({
${options}
});

createServer(async (req, res) => {
${handler}
}).listen(8080);`);
}

function webhookSection(s: SiteVendor): string {
  const { vendor: v } = s;
  const c = v.webhookCrypto;
  if (!c)
    return `<section id="webhooks"><h2>回调 ${en("Webhooks")}</h2><p class="empty">未记载回调格式，因此没有回调接收器。${en("No callback format is documented, so there is no webhook receiver.")} 见<a href="ledger.html">覆盖清单</a>。</p></section>`;
  return `<section id="webhooks">
<h2>回调 ${en("Webhooks")}</h2>
<p>${v.webhooks.length} 种回调事件；接收器按规范的 <code>x-webhook-crypto</code> 验签并解密，失败抛出 <code>ScrmWebhookError</code>。<br>
${en(`${v.webhooks.length} callback events; the receiver verifies and decrypts them as <code>x-webhook-crypto</code> declares, and throws <code>ScrmWebhookError</code> on failure.`)}</p>
<dl class="facts">${cryptoFacts(c)
    .map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`)
    .join("")}</dl>
${note(c["x-note"])}
<h3>接收回调 ${en("Receive callbacks")}</h3>
${receiverSample(s)}
<h3>事件 ${en("Events")}</h3>
<div class="table-wrap"><table class="events"><thead><tr><th>事件 ${en("Event")}</th><th>名称 ${en("Name")}</th><th>消息类型 ${en("Message type")}</th></tr></thead><tbody>
${v.webhooks
  .map(
    (w) =>
      `<tr data-webhook="${esc(w.name)}"><td>${w.operationId ? `<a href="${esc(s.reference.link(w.operationId, w.tags[0]))}">${inline(w.summary || w.name)}</a>` : inline(w.summary || w.name)}</td><td><code>${esc(w.name)}</code></td><td>${w.messageType ? `<code>${esc(w.messageType)}</code>` : "—"}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div>
</section>`;
}

function vendorHeader(v: Vendor, what: string, gloss: string): string {
  return `<p class="crumbs"><a href="../index.html">门户 ${en("Portal")}</a> › ${esc(v.name)}</p>
<h1>${esc(v.name)} ${what} ${en(gloss)}</h1>
<p class="links"><a href="guide.html">接入指南 ${en("Guide")}</a> · <a href="index.html">接口参考 ${en("API reference")}</a> · <a href="ledger.html">覆盖清单 ${en("Coverage ledger")}</a> · <a href="openapi.json">openapi.json</a> · <a href="${esc(v.docs)}">厂商文档 ${en("Vendor docs")}</a></p>`;
}

export function renderGuide(s: SiteVendor, sites: SiteVendor[]): string {
  const { vendor: v } = s;
  const c = v.coverage.operations;
  const toc = [
    ["auth", "鉴权", "Authentication"],
    ["errors", "错误码", "Error codes"],
    ["limits", "限流", "Limits"],
    ["pagination", "分页", "Pagination"],
    ["webhooks", "回调", "Webhooks"],
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
${webhookSection(s)}
<section id="about"><h2>规范说明 ${en("About the spec")}</h2><div lang="en">${block(v.about)}</div></section>`,
  });
}

/** A ledger entry with the fields specs/ledger.schema.json allows beyond codegen's LedgerEntry (which needs none). */
type Entry = LedgerEntry & { looked?: string[]; reason?: string; note?: string };

const STATUS: Record<LedgerEntry["status"], [string, string]> = {
  specified: ["已写明", "specified"],
  "title-only": ["仅有标题", "title only"],
  "out-of-scope": ["不在范围", "out of scope"],
};

function ledgerRows(s: SiteVendor, entries: Entry[], kind: "operation" | "webhook"): string {
  return entries
    .map((e, i) => {
      const id = kind === "operation" ? e.operationId : e.name;
      const spec =
        kind === "operation"
          ? s.vendor.operations.find((o) => o.operationId === id)
          : s.vendor.webhooks.find((w) => w.name === id);
      const target =
        e.status === "specified" && spec && id
          ? `<a href="${esc(s.reference.link((spec as { operationId?: string }).operationId ?? id, spec.tags[0]))}"><code>${esc(id)}</code></a>`
          : "";
      const where =
        e.method || e.path
          ? `<br><small><code>${esc([e.method, e.path].filter(Boolean).join(" "))}</code></small>`
          : "";
      const page = e.page ? `<br><small><a href="${esc(e.page)}">厂商页面 ${en("vendor page")}</a></small>` : "";
      const details = [
        e.looked?.length
          ? `<strong>查找记录 ${en("Where we looked")}</strong><ul class="looked">${e.looked.map((l) => `<li>${inline(l)}</li>`).join("")}</ul>`
          : "",
        e.reason ? `<strong>原因 ${en("Reason")}</strong> ${inline(e.reason)}` : "",
        e.note ? `<small>${inline(e.note)}</small>` : "",
      ]
        .filter(Boolean)
        .join("<br>");
      const [zh, gloss] = STATUS[e.status];
      return `<tr data-status="${e.status}"><td>${i + 1}</td><td>${inline(e.title)}</td><td>${inline(e.section)}</td><td><span class="status ${e.status}">${zh} ${en(gloss)}</span></td><td>${target}${where}${page}</td><td>${details}</td></tr>`;
    })
    .join("\n");
}

const ledgerTable = (rows: string) =>
  `<div class="table-wrap"><table class="ledger"><thead><tr><th>#</th><th>标题 ${en("Title")}</th><th>分区 ${en("Section")}</th><th>状态 ${en("Status")}</th><th>接口 ${en("Operation")}</th><th>说明 ${en("Details")}</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;

export function renderLedger(s: SiteVendor, sites: SiteVendor[]): string {
  const { vendor: v } = s;
  const { ledger, operations: o, webhooks: w } = v.coverage;
  const figures = (c: typeof o, what: string, gloss: string) =>
    `<p class="coverage-figure" data-specified="${c.specified}" data-total="${c.total}">${what}已写明 <strong>${c.specified}</strong> / ${c.total}（仅有标题 ${c.titleOnly}，不在范围 ${c.outOfScope}）<br>${en(`${gloss}: specified ${c.specified} of ${c.total} (${c.titleOnly} title only, ${c.outOfScope} out of scope)`)}</p>`;
  return shell({
    title: `${v.name} 覆盖清单 — scrm-openapi`,
    root: "../",
    vendors: nav(sites),
    current: v.id,
    body: `${vendorHeader(v, "覆盖清单", "Coverage ledger")}
<p>厂商文档菜单中的每个条目（包括未写入规范的），以及我们在哪里找过。${en("Every entry of the vendor's docs menu, including the ones not specified, and where we looked for them.")}</p>
<div class="figures" id="figures">
${figures(o, "接口", "Operations")}
${w.total ? figures(w, "回调", "Webhooks") : ""}
</div>
<p>菜单 ${en("Menu")}：<a href="${esc(ledger.menu)}">${esc(ledger.menu)}</a>，核对于 ${en("checked")} ${esc(String(ledger.checked))}</p>
${note(ledger.note)}
<h2 id="operations">接口 ${en("Operations")}</h2>
${ledgerTable(ledgerRows(s, ledger.operations, "operation"))}
${ledger.webhooks?.length ? `<h2 id="webhook-entries">回调 ${en("Webhooks")}</h2>\n${ledgerTable(ledgerRows(s, ledger.webhooks, "webhook"))}` : ""}`,
  });
}
