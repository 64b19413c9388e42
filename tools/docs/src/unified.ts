// site/unified.html: the field-coverage matrix of @scrm-openapi/unified — entity × field × vendor (mapped / derived /
// not available) and which operations serve list, get and the writes — read from each vendor's generated mapping
// (packages/<vendor>/src/generated/unified.ts, itself generated from the spec's x-unified), never written by hand.
import { listApis } from "@scrm-openapi/codegen";
import { type Capabilities, capabilitiesOf, type FieldSupport } from "../../../packages/unified/src/capabilities.js";
import type { VendorMapping } from "../../../packages/unified/src/mapping.js";
import { ENTITIES, type EntityName, MODEL } from "../../../packages/unified/src/model.js";
import { en, esc, type ShellVendor, shell } from "./html.js";

/** Every vendor's capabilities, in the vendor order of redocly.yaml. */
async function loadCoverage(): Promise<Capabilities[]> {
  const out: Capabilities[] = [];
  for (const api of await listApis()) {
    const module = (await import(`../../../packages/${api.id}/src/generated/unified.ts`)) as { mapping: VendorMapping };
    out.push(capabilitiesOf(module.mapping));
  }
  return out;
}

const MARK: Record<FieldSupport, string> = {
  mapped: `<span class="ok" title="mapped">✓</span>`,
  derived: `<span class="derived" title="derived">≈</span>`,
  "not-available": `<span class="none" title="not available">—</span>`,
};

const mappedCount = (caps: Capabilities, entity: EntityName) =>
  Object.values(caps.entities[entity].fields).filter((s) => s !== "not-available").length;

/** The summary: per entity and vendor, fields provided / model fields, and the operations available. */
function coverageSummary(all: Capabilities[]): { entity: EntityName; cells: string[] }[] {
  return ENTITIES.map((entity) => ({
    entity,
    cells: all.map((caps) => {
      const e = caps.entities[entity];
      const ops = [e.list ? "list" : "", e.get ? "get" : "", ...e.writes.map((w) => w.action)].filter(Boolean);
      if (ops.length === 0) return "—";
      return `${mappedCount(caps, entity)}/${Object.keys(e.fields).length} (${ops.join(", ")})`;
    }),
  }));
}

function operations(caps: Capabilities, entity: EntityName): string {
  const e = caps.entities[entity];
  const parts = [
    e.list
      ? `list: ${e.list.operationIds.map((o) => `<code>${esc(o)}</code>`).join(", ")}${e.list.updatedAfter ? ` <small>updatedAfter: ${e.list.updatedAfter}</small>` : ""}${e.list.scopes.length ? ` <small>by ${esc(e.list.scopes.join(" / "))}</small>` : ""}`
      : "",
    e.get ? `get: <code>${esc(e.get.operationId)}</code>` : "",
    ...e.writes.map(
      (w) => `${esc(w.action)}: <code>${esc(w.operationId)}</code> <small>(${esc(w.inputs.join(", "))})</small>`,
    ),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("<br>") : MARK["not-available"];
}

/** Where a vendor's custom fields get their labels from a definitions listing: that operation. */
function labels(caps: Capabilities, entity: EntityName): string {
  const defs = caps.entities[entity].customFieldDefinitions;
  return defs ? ` <small>标签 ${en("labels")}: <code>${esc(defs.operationId)}</code></small>` : "";
}

function entityTable(all: Capabilities[], entity: EntityName): string {
  const doc = MODEL[entity];
  const head = all.map((c) => `<th>${esc(c.vendor)}</th>`).join("");
  const fieldRows = [
    ...Object.entries(doc.fields),
    ["customFields", { zh: "自定义字段", en: "custom fields" }] as const,
  ]
    .map(
      ([name, f]) =>
        `<tr><th scope="row"><code>${esc(name)}</code><br><small>${esc(f.zh)} ${en(esc(f.en))}</small></th>${all.map((c) => `<td>${MARK[c.entities[entity].fields[name] ?? "not-available"]}${name === "customFields" ? labels(c, entity) : ""}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<h2 id="${entity}">${esc(doc.zh)} ${en(esc(doc.en))} <code>${entity}</code></h2>
<div class="table-wrap"><table class="compare">
<thead><tr><th>字段 ${en("Field")}</th>${head}</tr></thead>
<tbody>
<tr><th scope="row">接口 ${en("Operations")}</th>${all.map((c) => `<td>${operations(c, entity)}</td>`).join("")}</tr>
${fieldRows}
</tbody>
</table></div>`;
}

export async function renderUnifiedPage(vendors: ShellVendor[]): Promise<string> {
  const all = await loadCoverage();
  const summary = coverageSummary(all)
    .map(
      ({ entity, cells }) =>
        `<tr><th scope="row"><a href="#${entity}">${esc(MODEL[entity].zh)}</a> <code>${entity}</code></th>${cells.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return shell({
    title: "统一模型字段覆盖 — scrm-openapi",
    root: "",
    vendors,
    body: `<h1>统一模型字段覆盖 ${en("Unified model: supported fields")}</h1>
<p class="lede"><code>@scrm-openapi/unified</code> 用同一套实体读写四家 SCRM；下表由各厂商规范中的 <code>x-unified</code> 生成。
✓ 厂商字段直接映射 · ≈ 由上级记录或常量推导 · — 厂商未提供。<br>
${en("One model over the four SCRMs; generated from each spec's <code>x-unified</code>. ✓ mapped from a vendor field · ≈ derived from the enclosing record or a constant · — not available.")}</p>
<div class="table-wrap"><table class="compare">
<thead><tr><th>实体 ${en("Entity")}</th>${all.map((c) => `<th>${esc(c.vendor)}</th>`).join("")}</tr></thead>
<tbody>
${summary}
</tbody>
</table></div>
<p class="hint">单元格：已提供字段数 / 模型字段数（支持的操作）。${en("Cells: fields provided / model fields (operations supported).")}</p>
${ENTITIES.map((e) => entityTable(all, e)).join("\n")}`,
  });
}
