import { describe, expect, it } from "vitest";
import type { ExampleCase } from "./examples.js";

/** What the suite needs of a client: the untyped escape hatch every vendor client has. */
export interface RequestingClient {
  request(method: string, path: string, init?: object): Promise<{ data: unknown }>;
}

/**
 * Registers one test per case, run concurrently against the one Prism of the vendor: a success example must resolve
 * with exactly its value as `data`; an error envelope must reject with a ScrmApiError carrying its code and the
 * spec's meaning and kind; an example without the envelope's code must reject as not the vendor's envelope.
 */
export function describeExamples(vendor: string, cases: readonly ExampleCase[], client: RequestingClient): void {
  describe.concurrent(`${vendor}: every operation's named examples through the client`, () => {
    it("the spec has examples to drive", () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    for (const c of cases) {
      it(c.title, async () => {
        const call = client.request(c.method, c.path, c.init);
        if (c.expect.kind === "data") {
          const { data } = await call;
          expect(data).toEqual(c.expect.value);
          return;
        }
        const error = await call.then(
          () => new Error(`${c.title} resolved, but its example is not a success`),
          (e: unknown) => e,
        );
        if (c.expect.kind === "api-error") {
          expect(error).toMatchObject({
            name: "ScrmApiError",
            vendor,
            operationId: c.operationId,
            code: c.expect.code,
            meaning: c.expect.meaning,
            kind: c.expect.errorKind,
          });
        } else {
          expect(error).toMatchObject({
            name: "ScrmResponseError",
            reason: "not-envelope",
            operationId: c.operationId,
          });
        }
      });
    }
  });
}
