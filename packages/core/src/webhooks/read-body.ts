// Reading a Node request body with a cap and a deadline. Its own file: `./webhooks` exports it too, and must not load
// node.ts (which brings node:crypto in through nodeCrypto). Node's types only; no Node module at run time.
import type { IncomingMessage } from "node:http";
import { ScrmWebhookError } from "../errors.js";
import { DEFAULT_MAX_BYTES } from "./web.js";

/**
 * Reads a Node request body up to `maxBytes`, refusing more as soon as it arrives (ScrmWebhookError "too-large"), so
 * a receiver never buffers an unbounded upload; with `timeoutMs`, a body that stalls is "read-timeout".
 */
export function readRequestBody(
  req: IncomingMessage,
  options: { vendor?: string; maxBytes?: number; timeoutMs?: number } = {},
): Promise<Buffer> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const vendor = options.vendor ?? "webhook";
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      reject(new ScrmWebhookError(vendor, "read", "too-large", `content-length ${declared} is over ${max} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            // The socket stays open for the answer; Node closes it after, as the body was not read to its end.
            req.removeAllListeners("data");
            reject(
              new ScrmWebhookError(vendor, "read", "read-timeout", `no whole body within ${options.timeoutMs} ms`),
            );
          }, options.timeoutMs);
    const settle = () => clearTimeout(timer);
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        settle();
        req.destroy();
        reject(new ScrmWebhookError(vendor, "read", "too-large", `body is over ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      settle();
      resolve(Buffer.concat(chunks));
    });
    req.on("error", (error) => {
      settle();
      reject(new ScrmWebhookError(vendor, "read", "malformed", "the request stream failed", { cause: error }));
    });
  });
}
