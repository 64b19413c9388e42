// pnpm webhook: trigger posts a vendor's sealed example to a real listener, which verifies, decrypts and prints it.
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { listen, loadVendor, trigger } from "../src/index.js";

async function withListener(
  vendor: string,
  secrets: Record<string, string>,
  run: (url: string, lines: string[]) => Promise<void>,
) {
  const lines: string[] = [];
  const { server } = listen(await loadVendor(vendor), secrets, (line) => lines.push(line));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`, lines);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("pnpm webhook", () => {
  it("weiling: trigger opportunityAdd → listen prints the decrypted example; the vendor's ack comes back", async () => {
    const secrets = { token: "dev-token", encodingAESKey: "d".repeat(43) };
    await withListener("weiling", secrets, async (url, lines) => {
      const answer = await trigger(await loadVendor("weiling"), "opportunityAdd", url, secrets);
      expect(answer).toEqual({ status: 200, body: "success" });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^weiling opportunityAdd: \{"header":\{"event_type":"opportunity_add"/);
    });
  });

  it("tanma: a push type named by its type value; wrong secrets are printed as a rejection, not acknowledged", async () => {
    const secrets = { appId: "ww51046ddc4f4df510_NjaEnW", appKey: "dev-app-key" };
    await withListener("tanma", secrets, async (url, lines) => {
      const ok = await trigger(await loadVendor("tanma"), "tag_info", url, secrets);
      expect(ok.status).toBe(200);
      expect(lines[0]).toMatch(/^tanma tag_info: /);
      const bad = await trigger(await loadVendor("tanma"), "tag_info", url, { ...secrets, appKey: "another-key" });
      expect(bad.status).toBe(401);
      expect(lines[1]).toMatch(/^tanma rejected: .*signature-mismatch/);
      expect(lines.join("\n")).not.toContain("another-key");
    });
  });

  it("says what is wrong with a vendor or event name", async () => {
    await expect(loadVendor("nobody")).rejects.toThrow(/no vendor "nobody"/);
    await expect(loadVendor("planyun")).rejects.toThrow(/no x-webhook-crypto/);
    await expect(trigger(await loadVendor("weiban"), "nothing", "http://127.0.0.1:9/", {})).rejects.toThrow(
      /weiban has no webhook "nothing"/,
    );
  });
});
