// The guide's per-operation sections: pagination, retry safety (x-idempotent) and webhooks.
import type {
  OperationModel as Operation,
  XPagination as PaginationExt,
  XWebhookCrypto as WebhookCryptoExt,
} from "@scrm-openapi/codegen";
import { isCbc } from "@scrm-openapi/codegen";
import { code, en, esc, inline } from "../html.js";
import { note, opLink, optionValue, PAGINATION, type SiteVendor } from "./common.js";

function paginationParams(p: PaginationExt): string {
  const keys = ["limitParam", "offsetParam", "pageParam", "sizeParam", "cursorParam", "cursorField"] as const;
  return keys
    .filter((k) => typeof p[k] === "string")
    .map((k) => `${k}: <code>${esc(String(p[k]))}</code>`)
    .join("<br>");
}

export function paginationSection(s: SiteVendor): string {
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
  if (isCbc(c))
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
  const handler = isCbc(v.webhookCrypto)
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

export function webhookSection(s: SiteVendor): string {
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

/** Each operation's retry safety: declared by x-idempotent, or the default (a read rate class, else GET). */
export function retrySection(s: SiteVendor): string {
  const rows = s.vendor.operations
    .map((o) => {
      const declared = typeof o.spec["x-idempotent"] === "boolean";
      const safe = o.idempotent
        ? `<span class="idempotent yes">可重试 ${en("retry-safe")}</span>`
        : `<span class="idempotent no">不自动重试 ${en("not retried")}</span>`;
      const why = declared
        ? `<code>x-idempotent: ${o.idempotent}</code>`
        : `默认 ${en(o.rateClass ? `rate class ${esc(o.rateClass)}` : `method ${o.method.toUpperCase()}`)}`;
      return `<tr data-operation="${esc(o.operationId)}" data-idempotent="${o.idempotent}"><td>${opLink(s, o)}<br><small><code>${o.method.toUpperCase()} ${esc(o.path)}</code></small></td><td>${safe}</td><td><small>${why}</small></td></tr>`;
    })
    .join("\n");
  return `<section id="retry">
<h2>重试安全 ${en("Retry safety")}</h2>
<p>超时或 5xx 后，客户端只自动重试可安全重放的接口（规范的 <code>x-idempotent</code>；未声明时：读类额度的接口，或 GET）。<br>
${en("After a timeout or a 5xx the client retries only the operations that are safe to replay: the spec's <code>x-idempotent</code>, else a read rate class, else GET.")}</p>
<div class="table-wrap"><table class="retry"><thead><tr><th>接口 ${en("Operation")}</th><th>重试 ${en("Retry")}</th><th>依据 ${en("Why")}</th></tr></thead><tbody>
${rows}
</tbody></table></div>
</section>`;
}
