import { spawn } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { listApis, readVendor, repoRoot } from "@scrm-openapi/codegen";
import { describe, expect, it } from "vitest";
import { freePort, startMock, startMocks } from "../src/index.js";

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe("startMocks", () => {
  it("starts every vendor of redocly.yaml, each serving its own spec, and stops them all", async () => {
    const mocks = await startMocks([], { port: 0 });
    try {
      expect(mocks.map((m) => m.vendor).sort()).toEqual((await listApis()).map((a) => a.id).sort());
      for (const mock of mocks) {
        // Any path the spec lacks answers Prism's NO_PATH_MATCHED problem: proof it is that vendor's Prism.
        const response = await fetch(`${mock.url}/definitely/not/a/path`);
        expect(response.status).toBe(404);
        expect(await response.text()).toContain("NO_PATH_MATCHED_ERROR");
      }
    } finally {
      await Promise.all(mocks.map((m) => m.stop()));
    }
    for (const mock of mocks) expect(await refused(mock.url)).toBe(true);
  });

  it("names an unknown vendor", async () => {
    await expect(startMocks(["nope"])).rejects.toThrow(/no api named nope/);
  });

  it("reports a port already in use instead of hanging", async () => {
    const mock = await startMock("weiban", { port: 0 });
    try {
      await expect(startMock("weiban", { port: mock.port, timeoutMs: 15_000 })).rejects.toThrow(/mock weiban/);
    } finally {
      await mock.stop();
    }
  });
});

describe("pnpm mock", () => {
  it("prints vendor → URL on the fixed port, serves, and stops cleanly on Ctrl-C", async () => {
    const info = await readVendor((await listApis()).find((a) => a.id === "weiban")!);
    expect(await refused(`http://127.0.0.1:${info.mockPort}`)).toBe(true);
    const child = spawn(
      process.execPath,
      [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "tools/mock/src/cli.ts", "weiban"],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    await expect.poll(() => out, { timeout: 30_000 }).toContain(`weiban  http://127.0.0.1:${info.mockPort}`);
    const response = await fetch(`http://127.0.0.1:${info.mockPort}/open-api/sea/list?access_token=x`);
    expect(((await response.json()) as { errcode: number }).errcode).toBe(0);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await refused(`http://127.0.0.1:${info.mockPort}`)).toBe(true);
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
