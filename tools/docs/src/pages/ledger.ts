// A vendor's coverage ledger: every entry of its docs menu, specified or not, and where we looked.
import type { LedgerEntry } from "@scrm-openapi/codegen";
import { en, esc, inline, shell } from "../html.js";
import { nav, note, type SiteVendor, vendorHeader } from "./common.js";

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
