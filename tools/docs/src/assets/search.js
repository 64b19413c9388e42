// Cross-vendor search of the docs portal over window.SCRM_SEARCH (search-index.js): operations, webhooks and error
// codes. A Chinese term such as 商机 matches inside summaries, tags and descriptions without any word splitting; a Latin
// word matches at a word start; each term also finds its synonyms (group chat ↔ 群聊 ↔ 客户群). Offline.
(() => {
  const index = window.SCRM_SEARCH;
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  const out = document.getElementById("search-results");
  if (!index || !form || !input || !out) return;
  const root = form.dataset.root || "";
  const names = new Map(index.vendors.map((v) => [v.id, v.name]));

  // Lower-cased fields, weighted: a hit in the operationId, summary or tags ranks above one in the description.
  // camelCase ids are also split into words (listGroupChats → list group chats), so Latin words match at a word start.
  const words = (text) => `${text}\n${text.replace(/([a-z0-9])([A-Z])/g, "$1 $2")}`.toLowerCase();
  const prepared = index.entries.map((e) => ({
    e,
    strong: words([e.id, e.s, e.t.join(" ")].join("\n")),
    weak: words([e.m, e.p, e.d, names.get(e.v) || ""].join("\n")),
  }));

  // Synonym groups (synonyms.ts): a term of a group matches any word of it. Phrases ("group chat") are read first.
  const groups = (index.synonyms || []).map((g) => g.map((w) => w.toLowerCase()));
  const phrases = groups
    .flat()
    .filter((w) => w.includes(" "))
    .sort((a, b) => b.length - a.length);
  function terms(query) {
    let rest = ` ${query.toLowerCase().trim()} `;
    const found = [];
    for (const phrase of phrases) {
      if (rest.includes(` ${phrase} `)) {
        found.push(phrase);
        rest = rest.replace(` ${phrase} `, " ");
      }
    }
    return found.concat(rest.split(/\s+/).filter(Boolean));
  }
  const latin = /^[\x20-\x7e]+$/;
  const literal = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const atWordStart = (w) => {
    const re = new RegExp(`(^|[^a-z0-9])${literal(w)}`);
    return (text) => re.test(text);
  };
  function matcher(term) {
    const alternatives = groups.find((g) => g.includes(term)) || [term];
    const tests = alternatives.map((w) => (latin.test(w) ? atWordStart(w) : (text) => text.includes(w)));
    return (text) => tests.some((t) => t(text));
  }

  function search(query) {
    const matchers = terms(query).map(matcher);
    if (matchers.length === 0) return [];
    const hits = [];
    for (const p of prepared) {
      let score = 0;
      for (const match of matchers) {
        if (match(p.strong)) score += 2;
        else if (match(p.weak)) score += 1;
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
          el(
            "span",
            { class: `method ${e.k === "code" ? "code" : e.m.toLowerCase()}` },
            e.k === "webhook" ? "回调" : e.k === "code" ? "错误码" : e.m,
          ),
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
