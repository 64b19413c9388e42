// The drift proxy in front of a local fake "vendor" whose answers differ from specs/weiban: each difference is
// reported with its operation, field, expected and actual value; conforming traffic reports nothing.
import { createServer } from "node:http";
import { listenLocal } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { type Drift, startDriftProxy } from "../src/proxy.js";

describe("pnpm proxy", () => {
  it("reports a drifted answer: operation, field, expected and actual; a conforming one adds nothing", async () => {
    let drifted = false;
    const upstream = await listenLocal(
      createServer((req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        if (req.url?.startsWith("/open-api/access_token/get")) {
          res.end(JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "upstream-token-123", expires_in: 7200 }));
        } else if (drifted) {
          // The vendor started sending the sea's id as a string and its name as a number.
          res.end(JSON.stringify({ errcode: 0, errmsg: "ok", sea_list: [{ id: "7", name: 42 }], total: 1 }));
        } else {
          res.end(JSON.stringify({ errcode: 0, errmsg: "ok", sea_list: [{ id: 7, name: "华东公海" }], total: 1 }));
        }
      }),
    );
    const seen: Drift[] = [];
    const proxy = await startDriftProxy({
      vendor: "weiban",
      upstream: upstream.url,
      port: 0,
      onDrift: (d) => seen.push(d),
    });
    try {
      const list = () => fetch(`${proxy.url}/open-api/sea/list?access_token=token-from-upstream`);
      expect((await list()).status).toBe(200);
      expect(proxy.drifts).toEqual([]);
      drifted = true;
      // The caller still gets the vendor's answer: drift is reported, not enforced.
      expect(await (await list()).json()).toMatchObject({ sea_list: [{ id: "7", name: 42 }] });
      expect(proxy.drifts).toContainEqual({
        operationId: "listSeas",
        method: "GET",
        path: "/open-api/sea/list",
        field: "response.body.sea_list.0.name",
        expected: "Response body property sea_list.0.name must be string",
        actual: "42",
      });
      expect(proxy.drifts.find((d) => d.field === "response.body.sea_list.0.id")?.actual).toBe('"7"');
      expect(seen).toEqual(proxy.drifts);
    } finally {
      await proxy.stop();
      await upstream.close();
    }
  });
});
