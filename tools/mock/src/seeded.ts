// The seeded answers of `pnpm mock`: once Prism has checked a request (credentials, parameters, body) and would answer
// its doc example, the front answers from the vendor's seeded dataset instead — the same @scrm-openapi/msw/data the
// MSW handlers answer from, so both modes hold the same records, pages and ids. `Prefer: example=<name>` still gets
// Prism's doc example.
import type { IncomingMessage } from "node:http";
import type { MockData } from "@scrm-openapi/msw";
import { createDataset, type Dataset, type MockAnswer } from "@scrm-openapi/msw/data";
import { findOperation, type SecuredOperation } from "./security.js";

/** Prism's operation, as far as the front needs it: its operationId (`iid`) too. */
export type KnownOperation = SecuredOperation & { iid?: string };

/** The answer to a request Prism accepted; undefined for one the front leaves to Prism (a Prefer, an unknown path). */
export type SeededAnswers = (req: IncomingMessage, body: Buffer) => MockAnswer | undefined;

/** Answers from `mockData`'s dataset, made on the first request that needs it. */
export function seededAnswers(mockData: MockData, seed: number, operations: readonly KnownOperation[]): SeededAnswers {
  let dataset: Dataset | undefined;
  return (req, body) => {
    if (/(?:^|[\s,;])example=/.test(String(req.headers.prefer ?? ""))) return undefined;
    const url = new URL(req.url ?? "/", "http://mock");
    const op = findOperation(operations, req.method ?? "GET", url.pathname);
    if (!op?.iid) return undefined;
    dataset ??= createDataset(mockData, seed);
    return dataset.answer(op.iid, { query: url.searchParams, body: parseJson(body) });
  };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
