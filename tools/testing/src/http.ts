// The bottom of @scrm-openapi/testing: loopback servers and JSON answers. Imports nothing from this package.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";

/** Answers with a JSON body (vendors send their envelopes as application/json, usually with HTTP 200). */
export function json(res: ServerResponse, body: unknown, status = 200): void {
  if (res.destroyed) return; // the client gave up (abort, timeout tests)
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/** The request body as the exact bytes received (signatures are checked over bytes, not re-serialized JSON). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export interface LocalServer {
  url: string;
  /** Stops accepting and drops open keep-alive connections, so a test never waits on them. */
  close(): Promise<void>;
}

/** Listens on a free loopback port: the tests only ever talk to this machine. */
export async function listenLocal(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released): connecting to it is refused. */
export function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
