// pnpm webhook: `trigger` seals a webhook's spec example with the given secrets and posts it as the vendor would;
// `listen` receives, verifies and prints decrypted callbacks. Both read everything from the vendor's spec.
import { createServer, type Server } from "node:http";
import { bundleSpec, type Json, listApis, stripExtensions } from "@scrm-openapi/codegen";
import type { WebhookCryptoMeta, WebhookMeta } from "@scrm-openapi/core/vendor";
import { createWebhookReceiver, createWebhookRouter, type WebhookRouter } from "@scrm-openapi/core/webhooks";
import { createNodeMiddleware } from "@scrm-openapi/core/webhooks/node";

/** Secrets by the receiver's own names: token, encodingAESKey, receiveId (sha1-aes-cbc); appId, appKey, corpId. */
export type Secrets = Record<string, string | undefined>;

export interface VendorWebhooks {
  vendor: string;
  crypto: WebhookCryptoMeta;
  /** Each webhook with its first example (what `trigger` sends) and every example the spec gives. */
  webhooks: (WebhookMeta & { example: unknown; examples: unknown[] })[];
}

/** The spec's x-webhook-crypto and each webhook with its example message (x-payload-example or its schema's). */
export async function loadVendor(vendor: string): Promise<VendorWebhooks> {
  const api = (await listApis()).find((a) => a.id === vendor);
  if (!api) throw new Error(`no vendor "${vendor}" (known: ${(await listApis()).map((a) => a.id).join(", ")})`);
  const doc = await bundleSpec(api.root);
  const crypto = doc["x-webhook-crypto"];
  if (!crypto) throw new Error(`${vendor} documents no callback format (no x-webhook-crypto in its spec)`);
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const webhooks = Object.entries((doc.webhooks ?? {}) as Record<string, Json>).map(([name, item]) => {
    const op = (item.post ?? Object.values(item)[0]) as Json;
    const given = op["x-payload-example"] as Json | undefined;
    const schema =
      schemas[String((op["x-payload"] as Json | undefined)?.$ref ?? "").replace("#/components/schemas/", "")];
    const examples = [
      ...(given === undefined ? [] : ["value" in given ? given.value : given]),
      ...(schema?.example === undefined ? [] : [schema.example]),
      ...((schema?.examples as unknown[] | undefined) ?? []),
    ];
    const type = op["x-message-type"];
    return { name, ...(typeof type === "string" ? { messageType: type } : {}), example: examples[0], examples };
  });
  return { vendor, crypto: stripExtensions(crypto) as unknown as WebhookCryptoMeta, webhooks };
}

function receiverFor(spec: VendorWebhooks, secrets: Secrets) {
  const defined = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined)) as never;
  return createWebhookReceiver(spec.vendor, spec.crypto, defined);
}

/** Seals the example of `event` and POSTs it to `to`; resolves with the receiver's answer. */
export async function trigger(
  spec: VendorWebhooks,
  event: string,
  to: string,
  secrets: Secrets,
  now = Date.now(),
): Promise<{ status: number; body: string }> {
  const webhook = spec.webhooks.find((w) => w.name === event || w.messageType === event);
  if (!webhook)
    throw new Error(`${spec.vendor} has no webhook "${event}" (${spec.webhooks.map((w) => w.name).join(", ")})`);
  if (webhook.example === undefined) throw new Error(`${spec.vendor} ${webhook.name}: the spec has no example message`);
  const receiver = receiverFor(spec, secrets);
  const url = new URL(to);
  const init: RequestInit = { method: "POST" };
  if (receiver.style === "sha1-aes-cbc") {
    const nonce = String(Math.floor(Math.random() * 1e9));
    const sealed = await receiver.seal(webhook.example as never, { timestamp: String(Math.floor(now / 1000)), nonce });
    for (const [k, v] of Object.entries(sealed.query)) url.searchParams.set(k, v);
    init.headers = { "content-type": "application/json" };
    init.body = sealed.body ?? JSON.stringify({ encrypt: sealed.encrypted });
  } else {
    const sealed = await receiver.seal(webhook.example as never, { timestamp: String(now), version: "1" });
    init.headers = {
      ...sealed.headers,
      "content-type": spec.crypto.style === "sha256-aes-ctr" ? (spec.crypto.contentType ?? "text/plain") : "text/plain",
    };
    init.body = sealed.body;
  }
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text() };
}

/** A local receiver that verifies, decrypts and hands each callback (or rejection) to `print`. */
export function listen(
  spec: VendorWebhooks,
  secrets: Secrets,
  print: (line: string) => void,
): { server: Server; router: WebhookRouter<Record<string, unknown>> } {
  const router = createWebhookRouter<Record<string, unknown>>(receiverFor(spec, secrets), spec.webhooks, spec.crypto)
    .onAny((event) => print(`${spec.vendor} ${event.name}: ${JSON.stringify(event.message)}`))
    .onUnknown((event) => print(`${spec.vendor} (unknown type ${event.type ?? "?"}): ${JSON.stringify(event.message)}`))
    .onError((error) => print(`${spec.vendor} rejected: ${error.message}`));
  return { server: createServer(createNodeMiddleware(router)), router };
}
