import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createWeibanClient, ScrmError } from "@scrm-openapi/weiban";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export async function serve(
  handler: Handler,
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
export const send = (res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
export const WEIBAN_TOKEN = "/open-api/access_token/get";
export const SECRET = "probe-weiban-secret-0123456789";
export const weibanToken = (res: ServerResponse, token = "probe-token-abcdef123456") =>
  send(res, { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
export const weiban = (baseUrl: string, extra: Partial<Parameters<typeof createWeibanClient>[0]> = {}) =>
  createWeibanClient({ corpId: "wwprobe", secret: SECRET, baseUrl, ...extra });
export const describe = (e: unknown) =>
  e instanceof ScrmError
    ? `${e.name}${"reason" in e ? ` ${String(e.reason)}` : ""}${"code" in e ? ` ${String(e.code)}` : ""}`
    : `untyped ${String(e)}`;
export const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
export const report = (item: string, before: string, now: string) => {
  console.log(`${item}\n  before: ${before}\n  now:    ${now}`);
};
