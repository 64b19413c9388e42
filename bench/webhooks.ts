// Per-callback cost of each vendor's receiver, side by side in one process: the node:crypto `open()` of before issue 24
// (core and the vendor package at b0bdc5a) against today's `open()` on Web Crypto and on the `nodeCrypto` primitives
// (`crypto` option, `@scrm-openapi/core/webhooks/node`), the web handler (Request in, Response out: body read, open,
// route, ack) on each, and the Web Crypto handler with normalized events. Both sides are bundled alike from
// source (esbuild, as baseline.ts does for the client), the old one from `git archive`. `tsx webhooks.ts [ref]`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const BASE = process.argv[2] ?? "b0bdc5a";
const ROUNDS = 7;
const RUNS = 300;
const repo = fileURLToPath(new URL("..", import.meta.url));

type Fn = (i: number) => Promise<unknown>;
type Module = Record<string, unknown>;
interface Sealed {
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}
interface Receiver {
  style: string;
  open(request: object): Promise<unknown>;
  seal(message: unknown, options: object): Promise<Sealed>;
}
interface Router {
  onAny(handler: () => void): Router;
  onAnyNormalized(handler: () => void): Router;
}
/** A function a bundle exports, typed by how it is called here. */
const exported = <T>(module: Module, name: string): T => module[name] as T;

/** Bundles `entry` with @scrm-openapi/core (and unified) resolved to the sources under `root`. */
async function bundle(root: string, entry: string, out: string): Promise<Module> {
  const src = (pkg: string, file: string) => join(root, "packages", pkg, "src", file);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: out,
    logLevel: "error",
    alias: {
      // A module before the receivers got their folder, a folder since.
      "@scrm-openapi/core/webhooks": existsSync(src("core", "webhooks.ts"))
        ? src("core", "webhooks.ts")
        : src("core", "webhooks/index.ts"),
      "@scrm-openapi/core/vendor": src("core", "vendor.ts"),
      "@scrm-openapi/core": src("core", "index.ts"),
    },
  });
  return (await import(out)) as Module;
}

async function load(vendor: string, dir: string) {
  const base = join(dir, "base");
  const old = await bundle(base, `packages/${vendor}/src/webhooks.ts`, join(dir, `${vendor}-old.mjs`));
  const current = await bundle(repo, `packages/${vendor}/src/webhooks.ts`, join(dir, `${vendor}-new.mjs`));
  const unified = await bundle(repo, `packages/${vendor}/src/generated/unified.ts`, join(dir, `${vendor}-unified.mjs`));
  return { old, current, events: unified.events };
}

/** The median over rounds of the mean per call, in µs; the paths alternate within each round. */
async function measure(paths: Record<string, Fn>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  for (const fn of Object.values(paths)) for (let i = 0; i < 100; i++) await fn(i);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(paths)) {
      const start = performance.now();
      for (let i = 0; i < RUNS; i++) await fn(i);
      samples[name]?.push(((performance.now() - start) / RUNS) * 1000);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}

const cbc = { token: "bench-token", encodingAESKey: "b".repeat(43) };
const VENDORS = {
  // The 商机新增事件 example of specs/weiling (a mapped webhook: opportunity.created).
  weiling: {
    secrets: cbc,
    message: {
      header: {
        event_type: "opportunity_add",
        time_stamp: "1611580672000",
        to_app: "wloa4376fe67dc041d474a79513ed70ae3db",
      },
      event: {
        business_id: "JVjF70AGsxR4aGkD2y1g9RAwUc1ZJHH-xI6y1vt-bRI",
        business_opp_number: "SJ00006101",
        business_name: "但是方法",
        owner_id: "wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY",
        create_user_id: "wOivoLRIP1CEl_ExUVRZigumBZ9CufTl-Mx4MPkQzpY",
        create_time: 1650866122000,
      },
    },
  },
  // The WorkOrderChangePayload example of specs/weiban (not normalized).
  weiban: {
    secrets: { ...cbc, corpId: "ww0123456789abcdef" },
    message: {
      id: "8c5f0e0a-1b2c-4d5e-9f00-1234567890ab",
      corp_id: "ww0123456789abcdef",
      create_time: 1640244967.924,
      type: "event",
      event: "work_order_change",
      status: "create",
      retry_count: 0,
      msg_data: { order_no: "GD0001", staff_ext_id: "zhangsan", content: { text: "客户反馈无法登录", pic: [] } },
    },
  },
  // The 客户商机变更推送 example of specs/tanma (opportunity.created).
  tanma: {
    secrets: { appId: "ww51046ddc4f4df510_NjaEnW", appKey: "bench-app-key" },
    message: {
      type: "opportunity_info",
      noise: 3812094476120564,
      msgId: 1004,
      content: {
        changeType: "add_opportunity",
        cosId: "502113357094976",
        salesId: "410983932389441",
        opportunityName: "年度续费",
        stateName: "需求确认",
        stageId: 396823724189762,
      },
    },
  },
} as const;

const dir = mkdtempSync(join(tmpdir(), "scrm-bench-webhooks-"));
execFileSync("sh", [
  "-c",
  `mkdir -p "${dir}/base" && git -C "${repo}" archive "${BASE}" packages/core packages/weiling packages/weiban packages/tanma | tar -x -C "${dir}/base"`,
]);
const eventsModule = await bundle(repo, "packages/unified/src/events/index.ts", join(dir, "events.mjs"));
const nodeCrypto = (await bundle(repo, "packages/core/src/webhooks/node.ts", join(dir, "node.mjs"))).nodeCrypto;

console.log(
  `load average at start: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(", ")}; ${ROUNDS} rounds × ${RUNS} calls, median`,
);
console.log(
  `| vendor | open() at ${BASE} (node:crypto) | open() now (Web Crypto) | ratio | open() now (nodeCrypto) | ratio | web handler | web handler (nodeCrypto) | + normalized events |`,
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [vendor, { secrets, message }] of Object.entries(VENDORS)) {
  const { old, current, events } = await load(vendor, dir);
  const Name = vendor[0]?.toUpperCase() + vendor.slice(1);
  type Make<T> = (options: object) => T;
  const oldReceiver = exported<Make<Receiver>>(old, `create${Name}WebhookReceiver`)(secrets);
  const receiver = exported<Make<Receiver>>(current, `create${Name}WebhookReceiver`)(secrets);
  const nodeReceiver = exported<Make<Receiver>>(
    current,
    `create${Name}WebhookReceiver`,
  )({ ...secrets, crypto: nodeCrypto });
  const createWebHandler = exported<(router: Router) => (request: Request) => Promise<Response>>(
    current,
    "createWebHandler",
  );
  const createRouter = exported<Make<Router>>(current, `create${Name}Webhooks`);
  const withNormalizedEvents = exported<(router: Router, events: unknown) => Router>(
    eventsModule,
    "withNormalizedEvents",
  );
  const options = { ...secrets, reply: () => "ok" };
  const handle = createWebHandler(createRouter(options).onAny(() => undefined));
  const handleNode = createWebHandler(createRouter({ ...options, crypto: nodeCrypto }).onAny(() => undefined));
  let normalized = 0;
  const handleNormalized = createWebHandler(
    withNormalizedEvents(createRouter(options), events)
      .onAny(() => undefined)
      .onAnyNormalized(() => {
        normalized++;
      }),
  );
  let paths: Record<string, Fn>;
  if (receiver.style === "sha1-aes-cbc") {
    const sealed = await receiver.seal(message, { timestamp: "1700000000", nonce: "n" });
    const query = new URLSearchParams(sealed.query).toString();
    const request = () => new Request(`http://x/cb?${query}`, { method: "POST", body: sealed.body });
    paths = {
      old: () => oldReceiver.open({ query: sealed.query, body: sealed.body }),
      open: () => receiver.open({ query: sealed.query, body: sealed.body }),
      node: () => nodeReceiver.open({ query: sealed.query, body: sealed.body }),
      handler: () => handle(request()),
      handlerNode: () => handleNode(request()),
      normalized: () => handleNormalized(request()),
    };
  } else {
    const sealed = await receiver.seal(message, { timestamp: "1700000000000", version: "1" });
    const request = () => new Request("http://x/cb", { method: "POST", headers: sealed.headers, body: sealed.body });
    paths = {
      old: () => oldReceiver.open({ headers: sealed.headers, body: sealed.body }),
      open: () => receiver.open({ headers: sealed.headers, body: sealed.body }),
      node: () => nodeReceiver.open({ headers: sealed.headers, body: sealed.body }),
      handler: () => handle(request()),
      handlerNode: () => handleNode(request()),
      normalized: () => handleNormalized(request()),
    };
  }
  const us = await measure(paths);
  const f = (n: number | undefined) => `${(n ?? Number.NaN).toFixed(1)} µs`;
  const ratio = (n: number | undefined) => `${((n ?? Number.NaN) / (us.old ?? Number.NaN)).toFixed(2)}×`;
  const note = normalized > 0 ? "" : " (none mapped)";
  console.log(
    `| ${vendor} | ${f(us.old)} | ${f(us.open)} | ${ratio(us.open)} | ${f(us.node)} | ${ratio(us.node)} | ${f(us.handler)} | ${f(us.handlerNode)} | ${f(us.normalized)}${note} |`,
  );
}
