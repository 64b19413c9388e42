// The router and its two doors: the web handler (a Request in, a Response out) and the Node adapter on a real
// Express app, with a JSON parser mounted before it, a raw parser, and a body that never finishes arriving.
import { connect } from "node:net";
import { listenLocal } from "@scrm-openapi/testing";
import express from "express";
import { describe, expect, it } from "vitest";
import { type ScrmError, ScrmWebhookError } from "../src/index.js";
import {
  createWebHandler,
  createWebhookReceiver,
  createWebhookRouter,
  type Sha1AesCbcCryptoMeta,
  type UnknownWebhookEvent,
  type WebhookEvent,
} from "../src/webhooks/index.js";
import { createNodeMiddleware } from "../src/webhooks/node.js";
import { CBC_META } from "./crypto-metas.js";

const crypto: Sha1AesCbcCryptoMeta = {
  ...CBC_META,
  typeField: "header.event_type",
  encryptedField: "encrypt_msg",
  ack: "success",
};
const webhooks = [
  { name: "opportunityAdd", messageType: "opportunity_add" },
  { name: "clueAdd", messageType: "clue_add" },
];
interface Payloads {
  opportunityAdd: { header: { event_type: "opportunity_add" }; event: { business_id: string } };
  clueAdd: { header: { event_type: "clue_add" }; event: { clue_id: string } };
}
const secrets = { token: "callback-token", encodingAESKey: "b".repeat(43) };
const receiver = createWebhookReceiver("fakeling", crypto, secrets);
let nonce = 0;
const sealed = async (message: unknown) => {
  const s = await receiver.seal(message as never, { timestamp: "1700000000", nonce: String(++nonce) });
  return { query: new URLSearchParams(s.query).toString(), body: s.body ?? "" };
};

function setup(options = {}) {
  const seen: string[] = [];
  const errors: ScrmError[] = [];
  const router = createWebhookRouter<Payloads>(receiver, webhooks, crypto, options)
    .on("opportunityAdd", (event) => {
      // Typed from the payload map: a wrong field would not compile.
      seen.push(`opportunity ${event.message.event.business_id}`);
    })
    .on("clueAdd", (event: WebhookEvent<"clueAdd", Payloads["clueAdd"]>) => {
      if (event.message.event.clue_id === "boom") throw new Error("database down");
      seen.push(`clue ${event.message.event.clue_id}`);
    })
    .onAny((event) => {
      seen.push(`any ${event.name}`);
    })
    .onUnknown((event: UnknownWebhookEvent) => {
      seen.push(`unknown ${event.type}`);
    })
    .onError((error) => {
      errors.push(error);
    });
  return { router, seen, errors, handle: createWebHandler(router) };
}

const post = (handle: (r: Request) => Promise<Response>, query: string, body: BodyInit) =>
  handle(new Request(`http://receiver.test/cb?${query}`, { method: "POST", body }));

describe("the web handler", () => {
  it("routes by the spec's event type, acknowledges as documented, and calls onAny", async () => {
    const { handle, seen } = setup();
    const s = await sealed({ header: { event_type: "opportunity_add" }, event: { business_id: "B1" } });
    const res = await post(handle, s.query, s.body);
    expect([res.status, await res.text()]).toEqual([200, "success"]);
    expect(seen).toEqual(["opportunity B1", "any opportunityAdd"]);
  });

  it("an unknown event type reaches onUnknown with the raw message and is acknowledged, never thrown", async () => {
    const { handle, seen, errors } = setup();
    const s = await sealed({ header: { event_type: "moment_liked" }, event: {} });
    const res = await post(handle, s.query, s.body);
    expect([res.status, await res.text()]).toEqual([200, "success"]);
    expect(seen).toEqual(["unknown moment_liked"]);
    expect(errors).toEqual([]);
  });

  it("a handler that throws is not acknowledged (the vendor retries) and reaches onError typed, with its cause", async () => {
    const { handle, errors } = setup();
    const s = await sealed({ header: { event_type: "clue_add" }, event: { clue_id: "boom" } });
    const res = await post(handle, s.query, s.body);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toBe("success");
    expect(errors[0]).toBeInstanceOf(ScrmWebhookError);
    expect(errors[0]).toMatchObject({ reason: "handler-failed", vendor: "fakeling" });
    expect(errors[0]?.cause).toMatchObject({ message: "database down" });
  });

  it("a forged signature is 401 and reported; URL verification answers the echo", async () => {
    const { handle, errors, seen } = setup();
    const s = await sealed({ header: { event_type: "clue_add" }, event: { clue_id: "c" } });
    // Flip the signature's first hex digit (never to itself: a random signature may already start with "0").
    const forged = s.query.replace(/msg_signature=(\w)/, (_, c: string) => `msg_signature=${c === "0" ? "1" : "0"}`);
    const res = await post(handle, forged, s.body);
    expect(res.status).toBe(401);
    expect(errors[0]).toMatchObject({ reason: "signature-mismatch" });
    expect(seen).toEqual([]);
    const echo = await receiver.sealEcho("echo-42", { timestamp: "1700000000", nonce: "e" });
    const get = await handle(new Request(`http://receiver.test/cb?${new URLSearchParams(echo.query)}`));
    expect([get.status, await get.text()]).toEqual([200, "echo-42"]);
  });

  it("a body already read is answered with body-consumed, not a hang", async () => {
    const { handle, errors } = setup();
    const request = new Request("http://receiver.test/cb?x=1", { method: "POST", body: "{}" });
    await request.text();
    expect((await handle(request)).status).toBe(500);
    expect(errors[0]).toMatchObject({ reason: "body-consumed" });
  });

  it("a body that stops arriving ends at readTimeoutMs with read-timeout; one over the cap is 413", async () => {
    const { handle, errors } = setup({ readTimeoutMs: 50, maxBodyBytes: 1000 });
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array(10)) });
    const res = await handle(
      new Request("http://receiver.test/cb", { method: "POST", body: stalled, duplex: "half" } as RequestInit),
    );
    expect(res.status).toBe(408);
    expect(errors[0]).toMatchObject({ reason: "read-timeout" });
    expect((await post(handle, "", "x".repeat(1001))).status).toBe(413);
  });
});

describe("the Node adapter on a real Express app", () => {
  async function serve(mount: (app: express.Express, middleware: ReturnType<typeof createNodeMiddleware>) => void) {
    const state = setup({ readTimeoutMs: 200 });
    const app = express();
    mount(app, createNodeMiddleware(state.router));
    return { ...state, server: await listenLocal(app.listen(0, "127.0.0.1")) };
  }

  it("mounted before any parser: verified, routed and acknowledged", async () => {
    const { server, seen } = await serve((app, mw) => app.post("/cb", mw));
    try {
      const s = await sealed({ header: { event_type: "opportunity_add" }, event: { business_id: "E1" } });
      const res = await fetch(`${server.url}/cb?${s.query}`, { method: "POST", body: s.body });
      expect([res.status, await res.text()]).toEqual([200, "success"]);
      expect(seen).toContain("opportunity E1");
    } finally {
      await server.close();
    }
  });

  it("behind express.json(): a typed body-consumed error that says what to do, answered at once", async () => {
    const { server, errors } = await serve((app, mw) => app.use(express.json()).post("/cb", mw));
    try {
      const s = await sealed({ header: { event_type: "opportunity_add" }, event: { business_id: "E2" } });
      const res = await fetch(`${server.url}/cb?${s.query}`, {
        method: "POST",
        body: s.body,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(500);
      expect(errors[0]).toBeInstanceOf(ScrmWebhookError);
      expect(errors[0]?.message).toMatch(/mount the receiver before it, or pass the raw body/);
    } finally {
      await server.close();
    }
  });

  it("behind express.raw(): the raw Buffer is used", async () => {
    const { server, seen } = await serve((app, mw) => app.use(express.raw({ type: "*/*" })).post("/cb", mw));
    try {
      const s = await sealed({ header: { event_type: "clue_add" }, event: { clue_id: "R1" } });
      const res = await fetch(`${server.url}/cb?${s.query}`, { method: "POST", body: s.body });
      expect(res.status).toBe(200);
      expect(seen).toContain("clue R1");
    } finally {
      await server.close();
    }
  });

  it("a client that sends half its declared body is answered 408 at the read deadline", async () => {
    const { server, errors } = await serve((app, mw) => app.post("/cb", mw));
    try {
      const { port } = new URL(server.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.write("POST /cb HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
        });
        let text = "";
        // The answer's head is all this needs: waiting for the close would wait out the server's keep-alive.
        socket.on("data", (chunk) => {
          text += chunk.toString();
          if (text.includes("\r\n\r\n")) {
            resolve(text);
            socket.destroy();
          }
        });
        socket.on("close", () => resolve(text));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1.1 408/);
      expect(errors[0]).toMatchObject({ reason: "read-timeout" });
    } finally {
      await server.close();
    }
  });
});
