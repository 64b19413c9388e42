// HTML helpers shared by the portal pages: escaping, the little Markdown the specs' descriptions and notes use,
// and the page shell (header with the cross-vendor search box, footer).

/** CJK fallbacks after the Latin faces, so Chinese renders in a real Chinese face on macOS, Windows and Linux alike. */
export const CJK_FONTS = `"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif`;

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An English gloss after Chinese text, marked as English for screen readers and fonts. */
export const en = (s: string) => `<span class="en" lang="en">${s}</span>`;

// Markdown links, bare URLs (not swallowing trailing punctuation) and **bold**, matched on the raw text.
const INLINE = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|(https?:\/\/[^\s<>"'`]*[^\s<>"'`).,;:，。；）])|\*\*([^*]+)\*\*/g;

function spans(s: string): string {
  let out = "";
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    out += esc(s.slice(last, m.index));
    const [, label, href, url, bold] = m;
    if (href) out += `<a href="${esc(href)}">${esc(label ?? href)}</a>`;
    else if (url) out += `<a href="${esc(url)}">${esc(url)}</a>`;
    else out += `<strong>${esc(bold ?? "")}</strong>`;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + esc(s.slice(last));
}

/** One line of Markdown as HTML: `code` spans become <code> (never literal backticks), links and bold too. */
export function inline(md: string): string {
  // Code spans first, so nothing inside them is read as a link or emphasis.
  return md
    .split(/(`[^`]+`)/g)
    .map((part, i) => (i % 2 === 1 ? `<code>${esc(part.slice(1, -1))}</code>` : spans(part)))
    .join("");
}

/** Paragraphs and `- ` lists of the specs' descriptions and x-notes (hard-wrapped lines are joined). */
export function block(md: string): string {
  return md
    .trim()
    .split(/\n\s*\n/)
    .map((para) => {
      const lines = para.split("\n").map((l) => l.trim());
      if (!lines.some((l) => l.startsWith("- "))) return `<p>${inline(lines.join(" "))}</p>`;
      // A list item runs until the next "- "; a lead-in line before the first item stays a paragraph.
      const items: string[] = [];
      let lead = "";
      for (const line of lines) {
        if (line.startsWith("- ")) items.push(line.slice(2));
        else if (items.length > 0) items[items.length - 1] += ` ${line}`;
        else lead += `${line} `;
      }
      return `${lead ? `<p>${inline(lead.trim())}</p>` : ""}<ul>${items.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`;
    })
    .join("\n");
}

export const code = (source: string, lang = "ts") =>
  `<pre class="code"><code class="language-${lang}">${esc(source.trim())}</code></pre>`;

export interface ShellVendor {
  id: string;
  name: string;
}

export interface Shell {
  title: string;
  /** Path from the page to the site root: "" for site/index.html, "../" for site/<vendor>/*.html. */
  root: string;
  vendors: ShellVendor[];
  current?: string;
  body: string;
}

export function shell({ title, root, vendors, current, body }: Shell): string {
  const nav = vendors
    .map(
      (v) =>
        `<a href="${root}${esc(v.id)}/guide.html"${v.id === current ? ' aria-current="page"' : ""}>${esc(v.name)}</a>`,
    )
    .join("");
  const footerLinks = vendors
    .map(
      (v) => `<li><strong>${esc(v.name)}</strong>
<a href="${root}${esc(v.id)}/guide.html">接入指南 ${en("Guide")}</a>
<a href="${root}${esc(v.id)}/index.html">接口参考 ${en("Reference")}</a>
<a href="${root}${esc(v.id)}/ledger.html">覆盖清单 ${en("Coverage")}</a></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${root}assets/portal.css">
</head>
<body>
<header class="top">
<a class="brand" href="${root}index.html">scrm-openapi <span>SCRM 开放接口文档门户 ${en("docs portal")}</span></a>
<nav class="vendors" aria-label="厂商 Vendors">${nav}</nav>
<form class="search" id="search" role="search" data-root="${root}" onsubmit="return false">
<input id="q" name="q" type="search" autocomplete="off" aria-label="搜索全部厂商的接口 Search every vendor's operations"
  placeholder="搜索全部厂商的接口，如 商机、客户、/open-api… Search all vendors">
</form>
</header>
<section id="search-results" class="search-results" aria-live="polite" hidden></section>
<main>
${body}
</main>
<footer class="site-footer">
<ul class="footer-vendors">
${footerLinks}
</ul>
<p>由 <code>specs/&lt;vendor&gt;/</code> 下手写的 OpenAPI 3.1 规范生成；全站离线可用，不请求任何外部资源。<br>
${en("Generated from the hand-written OpenAPI 3.1 specs in <code>specs/&lt;vendor&gt;/</code>. Works offline: nothing is fetched from the network.")}<br>
<a href="${root}llms.txt">llms.txt</a> · <a href="${root}llms-full.txt">llms-full.txt</a> ${en("for coding assistants")}</p>
</footer>
<script src="${root}search-index.js" defer></script>
<script src="${root}assets/search.js" defer></script>
</body>
</html>
`;
}
