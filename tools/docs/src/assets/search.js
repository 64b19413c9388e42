// Cross-vendor search of the docs portal: plain substring matching over window.SCRM_SEARCH (search-index.js), so a
// Chinese term such as 商机 matches inside summaries, tags and descriptions without any word splitting. Offline.
(() => {
  const index = window.SCRM_SEARCH;
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  const out = document.getElementById("search-results");
  if (!index || !form || !input || !out) return;
  const root = form.dataset.root || "";
  const names = new Map(index.vendors.map((v) => [v.id, v.name]));

  // Lower-cased fields, weighted: a hit in the operationId, summary or tags ranks above one in the description.
  const prepared = index.entries.map((e) => ({
    e,
    strong: [e.id, e.s, e.t.join(" ")].join("\n").toLowerCase(),
    weak: [e.m, e.p, e.d, names.get(e.v) || ""].join("\n").toLowerCase(),
  }));

  function search(query) {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) return [];
    const hits = [];
    for (const p of prepared) {
      let score = 0;
      for (const term of terms) {
        if (p.strong.includes(term)) score += 2;
        else if (p.weak.includes(term)) score += 1;
        else {
          score = 0;
          break;
        }
      }
      if (score > 0) hits.push({ e: p.e, score: score - (p.e.x ? 0.5 : 0) });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };

  function render(query) {
    const hits = search(query);
    out.replaceChildren();
    out.hidden = query.trim() === "";
    if (out.hidden) return;
    out.append(
      el(
        "p",
        { class: "search-summary" },
        `「${query.trim()}」共 ${hits.length} 条结果 `,
        el("span", { class: "en", lang: "en" }, `${hits.length} results across all vendors`),
      ),
    );
    // Grouped by vendor, in the portal's vendor order.
    for (const vendor of index.vendors) {
      const mine = hits.filter((h) => h.e.v === vendor.id);
      if (mine.length === 0) continue;
      const list = el("ul");
      for (const { e } of mine) {
        const link = el(
          "a",
          { href: root + e.u },
          el("span", { class: `method ${e.m.toLowerCase()}` }, e.k === "webhook" ? "回调" : e.m),
          " ",
          el("code", {}, e.p),
          " ",
          el("span", { class: "summary" }, e.s),
        );
        const meta = [el("code", {}, e.id), ` · ${e.t.join(" · ")}`];
        if (e.x) meta.push(" · 已弃用 deprecated");
        list.append(
          el(
            "li",
            { "data-operation-id": e.id, "data-kind": e.k },
            link,
            el("br"),
            el("small", {}, ...meta, e.d ? ` — ${e.d}` : ""),
          ),
        );
      }
      out.append(
        el(
          "section",
          { "data-vendor": vendor.id },
          el("h3", {}, vendor.name, " ", el("span", { class: "count" }, String(mine.length))),
          list,
        ),
      );
    }
  }

  input.addEventListener("input", () => {
    render(input.value);
    // Keep the query in the address, so a search can be linked (index.html?q=商机).
    const url = new URL(window.location.href);
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    else url.searchParams.delete("q");
    try {
      history.replaceState(null, "", url);
    } catch {
      // Some browsers refuse it for file:// pages; the search works regardless.
    }
  });
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    render(initial);
  }
  // "/" focuses the search box, as on most docs sites.
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLElement && event.target.matches("input, textarea, select");
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input.focus();
    }
  });
  if (window.location.hash === "#search") input.focus();
})();
