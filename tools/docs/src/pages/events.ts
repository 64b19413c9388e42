// A vendor's event catalogue: every webhook its spec lists, with the message type the router knows it by, its payload
// (linked to the reference), the normalized event it maps to (x-unified-event) or that it is not normalized, and the
// acknowledgement the vendor expects.
import type { XUnifiedEvent } from "@scrm-openapi/codegen";
import { code, en, esc, inline, shell } from "../html.js";
import { nav, note, type SiteVendor, type Vendor, vendorHeader } from "./common.js";

type Webhook = Vendor["webhooks"][number];

const FAMILY: Record<XUnifiedEvent["entity"], string> = {
  customer: "customer",
  followRelation: "follow",
  tag: "tag",
  opportunity: "opportunity",
  groupChat: "groupChat",
};

/** The normalized event types a mapping can give (one, or one per listed action value). */
function eventTypes(event: XUnifiedEvent): string[] {
  const actions = typeof event.action === "string" ? [event.action] : [...new Set(Object.values(event.action.values))];
  return actions.map((action) => `${FAMILY[event.entity]}.${action}`);
}

function mappingCell(w: Webhook): string {
  const e = w.unifiedEvent;
  if (!e) return `<span class="status title-only">未归一化 ${en("not normalized")}</span>`;
  const types = eventTypes(e)
    .map((t) => `<code class="event-type">${esc(t)}</code>`)
    .join(" ");
  const by =
    typeof e.action === "string"
      ? ""
      : `<br><small>按 ${en("by")} <code>${esc(e.action.path)}</code>: ${Object.entries(e.action.values)
          .map(([value, action]) => `<code>${esc(value)}</code> → ${esc(action)}`)
          .join(", ")}</small>`;
  const when = e.when
    ? `<br><small>仅当 ${en("only when")} <code>${esc(e.when.path)} = ${esc(e.when.equals)}</code></small>`
    : "";
  const fields = Object.entries(e.fields)
    .map(
      ([field, rule]) =>
        `<code>${esc(field)}</code> ← <code>${esc(typeof rule === "string" ? rule : rule.path)}</code>`,
    )
    .join(", ");
  const ids = typeof e.id === "string" ? e.id : e.id.join(" + ");
  const facts = [
    `记录 ${en("record")} <code>${esc(e.entity)}</code> @ <code>${esc(e.records)}</code>, id <code>${esc(ids)}</code>`,
    fields ? `字段 ${en("fields")} ${fields}` : "",
    e.actor ? `操作人 ${en("actor")} <code>${esc(e.actor)}</code>` : "",
    e.time
      ? `时间 ${en("time")} <code>${esc(e.time.path)}</code> (${esc(e.time.time)})`
      : `时间 ${en("time")}：回调签名时间戳 ${en("the callback's signed timestamp")}`,
  ].filter(Boolean);
  return `${types}${by}${when}<br><small>${facts.join("<br>")}</small>${e["x-note"] ? `<br><small>${inline(e["x-note"])}</small>` : ""}`;
}

function rows(s: SiteVendor): string {
  return s.vendor.webhooks
    .map((w, i) => {
      const link = s.reference.link(w.operationId ?? w.name, w.tags[0]);
      const payload = w.payloadSchema
        ? `<a href="${esc(link)}"><code>${esc(w.payloadSchema)}</code></a>`
        : `<a href="${esc(link)}">${en("reference")}</a>`;
      const type = w.messageType ? `<br><small>type <code>${esc(w.messageType)}</code></small>` : "";
      return `<tr data-webhook="${esc(w.name)}" data-normalized="${w.unifiedEvent ? eventTypes(w.unifiedEvent).join(" ") : ""}">
<td>${i + 1}</td><td><code>${esc(w.name)}</code>${type}<br><small>${inline(w.summary)}</small></td><td>${payload}</td><td>${mappingCell(w)}</td><td><small>${inline(w.acknowledgement ?? "")}</small></td></tr>`;
    })
    .join("\n");
}

export function renderEvents(s: SiteVendor, sites: SiteVendor[]): string {
  const { vendor: v } = s;
  const normalized = v.webhooks.filter((w) => w.unifiedEvent).length;
  const crypto = v.webhookCrypto;
  const ack = crypto?.ack
    ? `成功后应答 ${en("after success, answer")} <code>${esc(crypto.ack)}</code>（路由器自动应答 ${en("the router answers it")}）`
    : `规范未记载固定应答：用 <code>reply</code> 选项给出 ${en("no fixed answer documented: give it with the router's reply option")}`;
  const example = code(`import { withNormalizedEvents } from "@scrm-openapi/unified/events";
import { events } from "@scrm-openapi/${v.id}/unified";

const webhooks = withNormalizedEvents(create…Webhooks({ … }), events)
  .onNormalized("customer.created", (event) => console.log(event.record, event.actor, event.time));`);
  return shell({
    title: `${v.name} 事件目录 — scrm-openapi`,
    root: "../",
    vendors: nav(sites),
    current: v.id,
    body: `${vendorHeader(v, "事件目录", "Event catalogue")}
<p>规范列出的每个回调：路由器按哪个名称分发、载荷、归一化到哪个统一事件、厂商期望的应答。${en("Every webhook the spec lists: the name the router routes it by, its payload, the normalized event it maps to, and the acknowledgement the vendor expects.")}</p>
<p class="coverage-figure" data-normalized="${normalized}" data-total="${v.webhooks.length}">已归一化 <strong>${normalized}</strong> / ${v.webhooks.length} ${en(`normalized ${normalized} of ${v.webhooks.length}`)}</p>
<p>${ack}</p>
${note(crypto?.["x-note"])}
${example}
<div class="table-wrap"><table class="ledger events"><thead><tr><th>#</th><th>回调 ${en("Webhook")}</th><th>载荷 ${en("Payload")}</th><th>归一化事件 ${en("Normalized event")}</th><th>应答 ${en("Acknowledgement")}</th></tr></thead><tbody>
${rows(s)}
</tbody></table></div>`,
  });
}
