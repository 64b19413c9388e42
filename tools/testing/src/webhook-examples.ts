// Every webhook's example message, encrypted and signed with the vendor's documented scheme (the receiver's `seal`,
// itself checked against the vendors' published vectors) and opened again through the receiver.
import { bundleSpec, listApis } from "@scrm-openapi/codegen";
import { describe, expect, it } from "vitest";

type Json = Record<string, unknown>;

export interface WebhookCase {
  readonly name: string;
  /** The `type`/`event` value the message must carry, for push types sharing one endpoint. */
  readonly messageType: string | undefined;
  readonly example: unknown;
}

/** Each webhook of the spec with the example of its decrypted message (x-payload-example, or its schema's example). */
export async function webhookCases(vendor: string): Promise<{ cases: WebhookCase[]; withoutExample: string[] }> {
  const api = (await listApis()).find((a) => a.id === vendor);
  if (!api) throw new Error(`no api named ${vendor} in redocly.yaml`);
  const doc = await bundleSpec(api.root);
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const cases: WebhookCase[] = [];
  const withoutExample: string[] = [];
  for (const [name, item] of Object.entries((doc.webhooks ?? {}) as Record<string, Json>)) {
    const op = (item.post ?? Object.values(item)[0]) as Json;
    const ref = (op["x-payload"] as { $ref?: string } | undefined)?.$ref ?? "";
    const schema = schemas[ref.replace("#/components/schemas/", "")];
    const examples =
      (schema?.examples as unknown[] | undefined) ?? (schema?.example === undefined ? [] : [schema.example]);
    // x-payload-example may be an Example Object ({ summary, description, value }): the message is its value.
    const given = op["x-payload-example"] as Json | undefined;
    const example = (given && typeof given === "object" && "value" in given ? given.value : given) ?? examples[0];
    if (example === undefined) withoutExample.push(name);
    else cases.push({ name, messageType: op["x-message-type"] as string | undefined, example });
  }
  return { cases, withoutExample };
}

/** What the suite needs of a receiver: seal (the vendor's side) and open (ours), whatever the style. */
export interface SealingReceiver {
  seal(
    message: never,
    options: never,
  ): Promise<{ query?: Record<string, string>; headers?: Record<string, string>; body?: string | undefined }>;
  open(request: {
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
  }): Promise<{ message: unknown; plaintext: string }>;
}

export function describeWebhookExamples(
  vendor: string,
  cases: readonly WebhookCase[],
  receiver: SealingReceiver,
  sealOptions: (index: number) => Record<string, string>,
): void {
  describe(`${vendor}: every webhook's example, sealed with the documented scheme and opened by the receiver`, () => {
    it("the spec has webhook examples to drive", () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    cases.forEach((c, index) => {
      it(c.name, async () => {
        const seal = receiver.seal as (
          message: unknown,
          options: Record<string, string>,
        ) => ReturnType<SealingReceiver["seal"]>;
        const sealed = await seal(c.example, sealOptions(index));
        const opened = await receiver.open({
          ...(sealed.query ? { query: sealed.query } : {}),
          ...(sealed.headers ? { headers: sealed.headers } : {}),
          ...(sealed.body === undefined ? {} : { body: sealed.body }),
        });
        // The exact text sent (integers beyond 2^53, like Tanma's noise, come back as strings in `message`).
        expect(opened.plaintext).toBe(JSON.stringify(c.example));
        expect(typeof opened.message).toBe("object");
      });
    });
  });
}

/** What the routing suite needs of a vendor's router: where routed and unknown callbacks go. */
export interface RoutingRouter {
  onAny(handler: (event: { name: string }) => unknown): unknown;
  onUnknown(handler: (event: { type: string | undefined }) => unknown): unknown;
}

/**
 * Every webhook example, sealed as the vendor sends it and posted to the web handler as a Request: each is answered
 * 200 and reaches the router under its own webhook name (by the spec's typeField and x-message-type, or as the one
 * webhook there is); an example whose type the spec does not state reaches onUnknown, acknowledged all the same.
 */
export function describeWebhookRouting(
  vendor: string,
  cases: readonly WebhookCase[],
  router: RoutingRouter,
  handle: (request: Request) => Promise<Response>,
  seal: (
    message: unknown,
    index: number,
  ) => Promise<{ query?: Record<string, string>; headers?: Record<string, string>; body?: string | undefined }>,
): void {
  const routed: string[] = [];
  router.onAny((event) => {
    routed.push(event.name);
  });
  router.onUnknown(() => {
    routed.push("(unknown)");
  });
  const single = cases.length === 1;
  describe(`${vendor}: every webhook's example through the web handler reaches its own route`, () => {
    cases.forEach((c, index) => {
      it(c.name, async () => {
        const sealed = await seal(c.example, index);
        const query = new URLSearchParams(sealed.query ?? {}).toString();
        const response = await handle(
          new Request(`http://receiver.test/callback?${query}`, {
            method: "POST",
            headers: sealed.headers ?? {},
            body: sealed.body ?? "",
          }),
        );
        expect(response.status).toBe(200);
        expect(routed.at(-1)).toBe(c.messageType !== undefined || single ? c.name : "(unknown)");
      });
    });
  });
}
