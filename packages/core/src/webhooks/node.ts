// The Node-only piece: reading an IncomingMessage body with a size cap.
import type { IncomingMessage } from "node:http";
import { ScrmWebhookError } from "../errors.js";

/**
 * Reads a Node request body up to `maxBytes`, refusing more as soon as it arrives (ScrmWebhookError "too-large"), so
 * a receiver never buffers an unbounded upload. Default 1 MiB, the receivers' own default.
 */
export function readRequestBody(
  req: IncomingMessage,
  options: { vendor?: string; maxBytes?: number } = {},
): Promise<Buffer> {
  const max = options.maxBytes ?? 1024 * 1024;
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
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        req.destroy();
        reject(new ScrmWebhookError(vendor, "read", "too-large", `body is over ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
