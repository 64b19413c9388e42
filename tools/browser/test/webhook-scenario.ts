// The callback receivers on each runtime: the vendors' published crypto vectors and the tamper cases, sent as web
// Requests through each vendor's router and web handler (createWebHandler), inside the same process the client
// scenario runs in. Returns what the test compares; WEBHOOK_RESULT is what every runtime must give.

import { TANMA_PUSH_VECTOR, WEIBAN_WEBHOOK_SAMPLE } from "@scrm-openapi/testing";

// The vendors' published vectors (tools/testing/src/webhook-vectors.ts), as much of each as the scenario sends.
const { token, encodingAESKey, corpId, verify, post } = WEIBAN_WEBHOOK_SAMPLE;
const WEIBAN = { token, encodingAESKey, corpId, verify, post };
const { appId, appKey, timestamp, version, sign, body } = TANMA_PUSH_VECTOR;
const TANMA = { appId, appKey, headers: { appId, timestamp, version, sign }, body };

/** The imports and the `webhooks()` function the runtime scenario module includes (packages by absolute path). */
export function webhookScenario(resolve: (specifier: string) => string): { imports: string; code: string } {
  const imports = `import { createWebHandler, createWeibanWebhooks, MemoryReplayGuard } from ${JSON.stringify(resolve("@scrm-openapi/weiban/webhooks"))};
import { createTanmaWebhooks } from ${JSON.stringify(resolve("@scrm-openapi/tanma/webhooks"))};`;
  const code = `const WEIBAN = ${JSON.stringify(WEIBAN)};
const TANMA = ${JSON.stringify(TANMA)};
async function webhooks() {
  const seen = [];
  const errors = [];
  const answer = async (handle, request) => { const r = await handle(request); return [r.status, await r.text()]; };
  const url = (query) => "http://receiver.test/cb?" + new URLSearchParams(query);
  const weiban = (corpId) => createWebHandler(createWeibanWebhooks({ ...WEIBAN, corpId })
    .onAny((e) => { seen.push(e.name + " " + e.message.event); })
    .onError((e) => { errors.push(e.reason); }));
  const w = weiban(WEIBAN.corpId);
  const post = (query, body = WEIBAN.post.body) => new Request(url(query), { method: "POST", body });
  const verify = await answer(w, new Request(url(WEIBAN.verify)));
  const forged = { ...WEIBAN.post.query, msg_signature: WEIBAN.post.query.msg_signature.replace(/7$/, "8") };
  const cut = JSON.stringify({ ...JSON.parse(WEIBAN.post.body), encrypt: JSON.parse(WEIBAN.post.body).encrypt.slice(4) });
  let failing = true;
  const tanma = (options) => createWebHandler(createTanmaWebhooks({ appId: TANMA.appId, appKey: TANMA.appKey, corpId: "zc_test",
      reply: (e) => String(e.message.noise), ...options })
    .on("register", (e) => { if (failing) throw new Error("database down"); seen.push("register " + e.message.content); })
    .onError((e) => { errors.push(e.reason); }));
  const t = tanma({ replayGuard: new MemoryReplayGuard() });
  const push = (body = TANMA.body, headers = TANMA.headers) => new Request("http://receiver.test/push", { method: "POST", headers, body });
  const tanmaThrew = await answer(t, push());
  failing = false;
  return {
    weiban: {
      verify: [verify[0], /^\\d{8,9}$/.test(verify[1])],
      post: await answer(w, post(WEIBAN.post.query)),
      forged: await answer(w, post(forged)),
      otherCorp: await answer(weiban("1654076894948099073"), post(WEIBAN.post.query)),
      truncated: await answer(w, post(WEIBAN.post.query, cut)),
    },
    tanma: {
      threw: tanmaThrew,
      retried: await answer(t, push()),
      replayed: await answer(t, push()),
      wrongKey: await answer(tanma({ appKey: "zc_test_other" }), push()),
      flipped: await answer(t, push("6" + TANMA.body.slice(1))),
      tooLarge: await answer(tanma({ maxBodyBytes: 16 }), push()),
    },
    seen,
    errors,
  };
}`;
  return { imports, code };
}

/** What `webhooks()` gives on every runtime. */
export const WEBHOOK_RESULT = {
  weiban: {
    verify: [200, true],
    post: [200, "{}"],
    forged: [401, "signature-mismatch"],
    otherCorp: [401, "receive-id-mismatch"],
    truncated: [401, "signature-mismatch"],
  },
  tanma: {
    threw: [500, "handler-failed"],
    retried: [200, "4970601478527096155"],
    replayed: [409, "replayed"],
    wrongKey: [401, "signature-mismatch"],
    flipped: [400, "decrypt-failed"],
    tooLarge: [413, "too-large"],
  },
  seen: ["workOrderChange meeting_change", "register hello"],
  errors: [
    "handler-failed",
    "signature-mismatch",
    "receive-id-mismatch",
    "signature-mismatch",
    "replayed",
    "signature-mismatch",
    "decrypt-failed",
    "too-large",
  ],
};
