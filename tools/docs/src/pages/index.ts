// The comparison index: one row per vendor.
import { en, esc, inline, shell } from "../html.js";
import { authSummary, coverageFigure, envelopeLabel, limitsSummary, nav, type SiteVendor } from "./common.js";
import { sourceSummary } from "./provenance.js";

export function renderIndex(sites: SiteVendor[]): string {
  const rows = sites
    .map(({ vendor: v, evidence }) => {
      const kinds = v.errorCodes
        .filter(([, c]) => c.kind)
        .map(([errCode, c]) => `<code>${esc(errCode)}</code> ${esc(c.kind ?? "")}`);
      const deprecated = v.operations.filter((o) => o.deprecated).length;
      const normalized = v.webhooks.filter((w) => w.unifiedEvent).length;
      const id = esc(v.id);
      return `<tr data-vendor="${id}">
<td><a class="vendor-name" href="./${id}/guide.html">${esc(v.name)}</a><br><small><a href="./${id}/guide.html">接入指南</a> · <a href="./${id}/index.html">接口参考</a> · <a href="./${id}/ledger.html">覆盖清单</a>${v.webhooks.length ? ` · <a href="./${id}/events.html">事件目录</a>` : ""}<br><a href="./${id}/try.html">在线调试</a><br><a href="./${id}/openapi.json">openapi.json</a> · <a href="./${id}/openapi-3.0.json">3.0</a> · <a href="${esc(v.docs)}">厂商文档 ${en("vendor docs")}</a></small></td>
<td><code>${esc(v.baseUrl)}</code>${v.serverNote ? `<br><small>${inline(v.serverNote)}</small>` : ""}<br><small>mock: <code>http://127.0.0.1:${v.mockPort}</code></small></td>
<td>${authSummary(v)}</td>
<td>${envelopeLabel(v.envelope)}<br><small>${kinds.join(" · ") || `未记载限流/令牌错误码 ${en("no rate/token codes documented")}`}</small></td>
<td class="limits">${limitsSummary(v)}</td>
<td class="ops">${v.operations.length}${deprecated ? ` <small>（${deprecated} 个已弃用 ${en("deprecated")}）</small>` : ""}</td>
<td class="webhooks">${v.webhooks.length ? `<a href="./${id}/events.html" title="事件目录 event catalogue: ${normalized} normalized">${v.webhooks.length}</a>` : "0"}</td>
<td class="coverage"><a href="./${id}/ledger.html">${coverageFigure(v)}</a></td>
<td class="sources"><a href="./${id}/guide.html#sources">${sourceSummary(evidence)}</a></td>
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
<p class="unified"><a href="./unified.html">统一模型字段覆盖 ${en("Unified model: supported fields")}</a>：<code>@scrm-openapi/unified</code> 的实体在各厂商映射了哪些字段与操作。${en("Which fields and operations each vendor maps for the entities of <code>@scrm-openapi/unified</code>.")}</p>
<div class="table-wrap"><table class="compare">
<thead><tr><th>厂商 ${en("Vendor")}</th><th>基础地址 ${en("Base URL")}</th><th>鉴权 ${en("Auth")}</th><th>响应封装 ${en("Envelope")}</th><th>限流 ${en("Documented limits")}</th><th>接口 ${en("Operations")}</th><th>回调 ${en("Webhooks")}</th><th>覆盖 ${en("Coverage")}</th><th>来源 ${en("Sources")}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<p class="hint"><mark class="inferred">推断 ${en("inferred")}</mark>：厂商页面未写明、由第三方资料推断的限额（<code>x-limits.inferred</code>）。${en("Limits no vendor page states, inferred from third-party material.")}
「覆盖」= 规范已写明的接口数 / 厂商文档菜单的全部条目（覆盖清单）。${en("Coverage = operations specified / all entries of the vendor's docs menu (the coverage ledger).")}</p>`,
  });
}
