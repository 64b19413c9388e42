// Provenance on the portal: each operation's source class (from its evidence file, via codegen's deviation check) as a
// badge on the guide, the counts per vendor on the index, and the constraints no source states (x-inferred).
import type { SourceClass, VendorReport } from "@scrm-openapi/codegen";
import { en, esc } from "../html.js";
import { opLink, type SiteVendor } from "./common.js";

const SOURCE_CLASSES: SourceClass[] = ["vendor-page", "vendor-example-only", "third-party-code", "inferred"];

const LABELS: Record<SourceClass, [string, string]> = {
  "vendor-page": ["厂商页面", "vendor page"],
  "vendor-example-only": ["仅厂商示例", "vendor example only"],
  "third-party-code": ["第三方代码，未核实", "from third-party code, unverified"],
  inferred: ["推断，未核实", "inferred, unverified"],
};

const sourceBadge = (cls: SourceClass) => {
  const [zh, gloss] = LABELS[cls];
  return `<span class="badge source source-${cls}" data-source-class="${cls}">${esc(zh)} ${en(esc(gloss))}</span>`;
};

/** Operations (and webhooks) by source class, e.g. for the index's column. */
function sourceCounts(report: VendorReport | undefined): Map<SourceClass, number> {
  const counts = new Map<SourceClass, number>();
  for (const op of report?.operations ?? []) counts.set(op.class, (counts.get(op.class) ?? 0) + 1);
  return counts;
}

/** The index cell: one line per source class present, its count carried in data-count. */
export function sourceSummary(report: VendorReport | undefined): string {
  const counts = sourceCounts(report);
  const lines = SOURCE_CLASSES.filter((c) => counts.has(c)).map(
    (c) => `<span data-source-class="${c}" data-count="${counts.get(c)}">${counts.get(c)} ${sourceBadge(c)}</span>`,
  );
  return lines.join("<br>") || `<em>无证据文件</em> ${en("no evidence files")}`;
}

const constraintText = (constraints: Record<string, unknown>) =>
  Object.entries(constraints)
    .map(([k, v]) => `<code>${esc(k)}: ${esc(JSON.stringify(v))}</code>`)
    .join(" ");

/** The guide's section: a badge per operation and webhook, and the inferred constraints, per operation. */
export function provenanceSection(s: SiteVendor): string {
  const report = s.evidence;
  const ops = new Map(s.vendor.operations.map((o) => [o.operationId, o]));
  const rows = (report?.operations ?? [])
    .map((r) => {
      const op = ops.get(r.id);
      const name = op ? opLink(s, op) : `<code>${esc(r.id)}</code> ${en("webhook")}`;
      const where = op ? `<code>${esc(op.method.toUpperCase())} ${esc(op.path)}</code>` : "";
      return `<tr data-operation="${esc(r.id)}" data-source-class="${r.class}"><td>${name}</td><td>${where}</td><td>${sourceBadge(r.class)}</td><td><a href="${esc(r.source)}">出处 ${en("source")}</a></td></tr>`;
    })
    .join("\n");
  const inferred = (report?.operations ?? []).flatMap((r) =>
    r.inferred.map(
      (c) =>
        `<li data-operation="${esc(r.id)}" data-field="${esc(c.field)}"><code>${esc(r.id)}</code> <code>${esc(c.field)}</code>：${constraintText(c.constraints)}</li>`,
    ),
  );
  const counts = sourceCounts(report);
  return `<section id="sources">
<h2>来源 ${en("Where each operation comes from")}</h2>
<p>每个接口的出处类别，取自 <code>specs/${esc(s.vendor.id)}/evidence/</code>：${SOURCE_CLASSES.filter((c) =>
    counts.has(c),
  )
    .map((c) => `${sourceBadge(c)} ${counts.get(c)}`)
    .join("，")}。非厂商页面的接口，其客户端 JSDoc 也会注明。<br>
${en("Each operation's source class, from its evidence file. Operations not read from a vendor page say so in the client's JSDoc too.")}</p>
${
  rows
    ? `<div class="table-wrap"><table class="sources"><thead><tr><th>接口 ${en("Operation")}</th><th>路径 ${en("Path")}</th><th>来源 ${en("Source class")}</th><th>出处 ${en("Source")}</th></tr></thead><tbody>
${rows}
</tbody></table></div>`
    : `<p class="empty">没有证据文件。${en("No evidence files.")}</p>`
}
<h3 id="inferred">推断的约束 ${en("Inferred constraints")}</h3>
<p>来源未写明、仅作提示的约束（<code>x-inferred</code>）：mock 与客户端不会据此拒绝请求。${en("Constraints no source states (x-inferred): advisory only; mocks and clients never reject on them.")}</p>
${inferred.length ? `<ul class="inferred-constraints">${inferred.join("\n")}</ul>` : `<p class="empty">无 ${en("None.")}</p>`}
</section>`;
}
