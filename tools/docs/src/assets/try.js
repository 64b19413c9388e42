// The try-it page (pages/try.ts): sends the chosen operation to the local mock and shows the answer. Only loopback
// mock URLs are called, so the portal still reaches nothing beyond this machine.
(() => {
  const data = JSON.parse(document.getElementById("try-data").textContent);
  const $ = (id) => document.getElementById(id);
  const [base, select, line, example, params, body, status, response] = [
    "try-base",
    "try-op",
    "try-line",
    "try-example",
    "try-params",
    "try-body",
    "try-status",
    "try-response",
  ].map($);
  const mock = new URLSearchParams(window.location.search).get("mock");
  if (mock) base.value = mock;
  for (const op of data.operations) {
    const option = document.createElement("option");
    option.value = op.id;
    option.textContent = `${op.method} ${op.path} — ${op.summary}`;
    select.append(option);
  }
  const current = () => data.operations.find((op) => op.id === select.value);
  function show() {
    const op = current();
    line.textContent = `${op.method} ${op.path}`;
    example.replaceChildren(
      ...["", ...op.examples].map((name) => {
        const option = document.createElement("option");
        option.value = name;
        option.textContent = name || "（默认 default）";
        return option;
      }),
    );
    params.value = JSON.stringify(op.params, null, 2);
    body.value = op.body === undefined ? "" : JSON.stringify(op.body, null, 2);
    body.disabled = op.body === undefined;
  }
  select.addEventListener("change", show);
  const wanted = new URLSearchParams(window.location.search).get("op");
  if (wanted && data.operations.some((op) => op.id === wanted)) select.value = wanted;
  show();

  $("try").addEventListener("submit", async () => {
    const op = current();
    let p;
    let b;
    try {
      p = JSON.parse(params.value || "{}");
      b = body.disabled || body.value.trim() === "" ? undefined : JSON.parse(body.value);
    } catch (error) {
      status.textContent = `JSON 有误 (invalid JSON): ${error.message}`;
      return;
    }
    const url = new URL(
      op.path.replace(/\{([^}]+)\}/g, (_, n) => encodeURIComponent(p.path?.[n] ?? "")),
      base.value,
    );
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
      status.textContent = "只调用本地 mock (only a loopback mock URL is called)";
      return;
    }
    const headers = { ...(p.header || {}) };
    for (const [k, v] of Object.entries(p.query || {}))
      url.searchParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
    if (op.authenticated) {
      for (const [k, v] of Object.entries(data.auth.query || {})) url.searchParams.set(k, v);
      Object.assign(headers, data.auth.headers || {});
    }
    if (example.value) headers.Prefer = `example=${example.value}`;
    if (b !== undefined) headers["Content-Type"] = "application/json";
    status.textContent = "发送中… (sending)";
    try {
      const res = await fetch(url, {
        method: op.method,
        headers,
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const text = await res.text();
      status.textContent = `HTTP ${res.status} ${res.statusText}`;
      status.dataset.status = String(res.status);
      try {
        response.textContent = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        response.textContent = text;
      }
    } catch (error) {
      status.textContent = `连不上 mock：先运行 pnpm mock (cannot reach the mock: ${error.message})`;
      status.dataset.status = "error";
    }
  });
})();
