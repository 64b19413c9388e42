// The launcher: one host process serves every vendor; it never outlives its launcher, whatever signal ends the
// launcher; start-up failures (unknown vendor, busy port, deadline) leave nothing behind. States and counts only:
// durations are measured and reported by `pnpm mock` itself ("ready in … s"), never asserted here.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import type { TestProject } from "vitest/node";
import { freePort, listVendors, repoRoot, startMock, startMockHost, startMocks } from "../src/index.js";
import { examplesMocks } from "../src/vitest.js";
import { processTable } from "./processes.js";

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Mock hosts started by `parent` (this test process by default) that are still running, optionally only those
 * serving `port` (a host's request, ports included, is its argument). proxy.test.ts, in another thread, runs proxies;
 * in a root `vitest run` the vendor projects' global setups and other files start hosts from this process too. */
const hostChildren = (parent = process.pid, port?: number): number[] =>
  processTable()
    .filter(
      ({ ppid, args }) =>
        ppid === parent &&
        /scrm-openapi-mock\/host-[0-9a-f]+\.mjs/.test(args) &&
        !args.includes("upstream") &&
        (port === undefined || new RegExp(`"port":${port}\\b`).test(args)),
    )
    .map(({ pid }) => pid);

describe("startMocks", () => {
  it("serves every vendor of redocly.yaml from one host process, each its own spec; stops one, then the rest", async () => {
    const before = hostChildren();
    const host = await startMockHost([], { port: 0 });
    const mocks = host.servers;
    try {
      expect(mocks.map((m) => m.vendor).sort()).toEqual((await listVendors()).map((v) => v.id).sort());
      expect(hostChildren().filter((pid) => !before.includes(pid))).toEqual([host.pid]);
      for (const mock of mocks) {
        // Any path the spec lacks answers Prism's NO_PATH_MATCHED problem: proof it is that vendor's Prism.
        const response = await fetch(`${mock.url}/definitely/not/a/path`);
        expect(response.status).toBe(404);
        expect(await response.text()).toContain("NO_PATH_MATCHED_ERROR");
      }
      const sea = await fetch(`${mocks.find((m) => m.vendor === "weiban")?.url}/open-api/sea/list?access_token=x`);
      expect(((await sea.json()) as { errcode: number }).errcode).toBe(0);
      // One vendor stopped: its port closes, the others keep serving from the same host.
      const [first, ...others] = mocks;
      if (!first) throw new Error("no mock started");
      await first.stop();
      expect(await refused(first.url)).toBe(true);
      for (const mock of others) expect((await fetch(`${mock.url}/nope`)).status).toBe(404);
      expect(alive(host.pid)).toBe(true);
    } finally {
      await Promise.all(mocks.map((m) => m.stop()));
    }
    for (const mock of mocks) expect(await refused(mock.url)).toBe(true);
    expect(alive(host.pid)).toBe(false);
  });

  it("names an unknown vendor", async () => {
    await expect(startMocks(["nope"])).rejects.toThrow(/no api named nope/);
  });

  it("reports a port already in use, and leaves no process behind", async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as import("node:net").AddressInfo;
    try {
      await expect(startMock("planyun", { port })).rejects.toThrow(
        new RegExp(`mock planyun: 127.0.0.1:${port} is already in use`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    expect(hostChildren(process.pid, port)).toEqual([]);
  });

  it("fails at the start-up deadline (timeoutMs) and kills the host", async () => {
    const port = await freePort();
    await expect(startMocks(["planyun"], { port, timeoutMs: 1 })).rejects.toThrow(
      /mock planyun: not listening after 1 ms \(--timeout\)/,
    );
    expect(hostChildren(process.pid, port)).toEqual([]);
  });
});

/** `pnpm mock …` as the script runs it (bin/launch.mjs, no pnpm in between): the pid is the launcher's own. */
function launch(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string } {
  const child = spawn(process.execPath, ["tools/mock/bin/launch.mjs", "cli", ...args], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "pipe"],
  });
  // A failed assertion must not leave a launcher (and its host) running after the test.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  return { child, output: () => out };
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

describe("examplesMocks (the vitest globalSetups' mocks)", () => {
  it("one host serves what the run's projects ask for until the last release; another vendor has its own", async () => {
    // A run of a project asking for weiban's mock and one asking for planyun's and weiban's (as unified does); none
    // asks for tanma's.
    const asks = (mockVendors: string[]) => ({ config: { provide: { mockVendors } } });
    const project = { vitest: { projects: [asks(["weiban"]), asks(["planyun", "weiban"])] } };
    const run = project as unknown as TestProject;
    const weiban = await examplesMocks(run, ["weiban"]);
    const both = await examplesMocks(run, ["planyun", "weiban"]);
    const tanma = await examplesMocks(run, ["tanma"]);
    expect(Object.keys(weiban.urls).sort()).toEqual(["planyun", "weiban"]);
    expect(both.urls).toEqual(weiban.urls);
    expect(Object.keys(tanma.urls)).toEqual(["tanma"]);
    await weiban.release();
    expect(await refused(both.urls.planyun ?? "")).toBe(false);
    await both.release();
    expect(await refused(weiban.urls.weiban ?? "")).toBe(true);
    expect(await refused(tanma.urls.tanma ?? "")).toBe(false);
    await tanma.release();
    expect(await refused(tanma.urls.tanma ?? "")).toBe(true);
  });
});

describe("pnpm mock", () => {
  it("prints vendor → URL on the fixed port, serves, and stops cleanly on Ctrl-C", async () => {
    // Planyun: the smallest spec, so the cheapest host to start; what is checked is the same for every vendor.
    const planyun = (await listVendors()).find((v) => v.id === "planyun");
    const url = `http://127.0.0.1:${planyun?.mockPort}`;
    expect(await refused(url)).toBe(true);
    const { child, output } = launch(["planyun"]);
    await expect.poll(output, { timeout: 30_000 }).toContain(`planyun  ${url}`);
    // Quiet by default: the table and one hint, no per-route or per-request lines.
    expect(output()).not.toMatch(/\[planyun\]|GET /);
    const response = await fetch(`${url}/open-api/customer/wecom/customer/get-customer-info-extend`, {
      headers: { authorization: "Bearer x" },
    });
    expect(response.status).toBe(200);
    const [hostPid = 0] = hostChildren(child.pid);
    expect(hostPid).toBeGreaterThan(0);
    const exited = exitOf(child);
    child.kill("SIGINT");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await refused(url)).toBe(true);
    await expect.poll(() => alive(hostPid), { timeout: 10_000 }).toBe(false);
  });

  // SIGINT, SIGTERM and SIGHUP share one handler (SIGINT: the Ctrl-C test above, which stops the host through it);
  // SIGKILL leaves the launcher no chance to run it, so only the host's IPC channel closing can end the host.
  it("its Prism host dies with the launcher on SIGKILL", async () => {
    const { child, output } = launch(["planyun", "--free-ports", "--verbose"]);
    await expect.poll(output, { timeout: 30_000 }).toMatch(/planyun\s+http:\/\/127\.0\.0\.1:\d+/);
    const pid = Number(/Prism host pid (\d+)/.exec(output())?.[1]);
    const url = /planyun\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1] ?? "";
    // --verbose: each request is logged.
    await fetch(`${url}/open-api/customer/wecom/customer/get-customer-info-extend`, {
      headers: { authorization: "Bearer x" },
    });
    await expect.poll(output).toMatch(/\[planyun\] .*get-customer-info-extend/);
    expect(alive(pid)).toBe(true);
    const exited = exitOf(child);
    child.kill("SIGKILL");
    expect(await exited).toEqual({ code: null, signal: "SIGKILL" });
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    expect(await refused(url)).toBe(true);
  });

  it("--timeout sets the start-up deadline: exit 1 with the vendors not ready", async () => {
    const { child, output } = launch(["planyun", "--free-ports", "--timeout", "0.001"]);
    expect(await exitOf(child)).toEqual({ code: 1, signal: null });
    expect(output()).toMatch(/mock planyun: not listening after 1 ms \(--timeout\)/);
  });

  it("--msw serves the MSW handlers over HTTP: examples, Prefer, the 商机 store, CORS", async () => {
    const { child, output } = launch(["weiling", "--msw", "--free-ports"]);
    await expect.poll(output, { timeout: 30_000 }).toMatch(/weiling\s+http:\/\/127\.0\.0\.1:\d+/);
    const url = /weiling\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1] ?? "";
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      (await fetch(`${url}${path}?access_token=x`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as { code: number | string; data: Record<string, unknown> };
    const created = await post("/openapi/v2/business/create", { business_name: "华南区试点" });
    const id = created.data.business_id as string;
    const got = await post("/openapi/v2/business/get", { business_ids: [id] });
    expect(got.data.business_list).toMatchObject([{ business_id: id, business_name: "华南区试点" }]);
    expect((await post("/openapi/v2/business/get", {}, { Prefer: "example=rateLimited" })).code).toBe(1009);
    const preflight = await fetch(`${url}/openapi/v2/business/get`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:5173", "Access-Control-Request-Headers": "prefer,content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("prefer,content-type");
    expect((await fetch(`${url}/not/in/the/spec`)).status).toBe(404);
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await refused(url)).toBe(true);
  });
});

it("freePort returns a port that can then be bound", async () => {
  const port = await freePort();
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  expect((server.address() as import("node:net").AddressInfo).port).toBe(port);
  await new Promise((resolve) => server.close(resolve));
});
