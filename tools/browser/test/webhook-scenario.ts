// The callback receivers on each runtime: the vendors' published crypto vectors and the tamper cases, sent as web
// Requests through each vendor's router and web handler (createWebHandler), inside the same process the client
// scenario runs in. Returns what the test compares; WEBHOOK_RESULT is what every runtime must give.

// Weiban's sample (github.com/weiban-open-platform/open-msg-crypt-python @ 05e0ff9955448eab9dbd9c04094cac030461f727,
// Sample.py and client.py), as packages/weiban/test/webhook.test.ts uses it.
const WEIBAN = {
  token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
  encodingAESKey: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
  corpId: "ww1436e0e65a779aee",
  verify: {
    msg_signature: "8ddba101fe5f9404e6b28e2d6cfb7565c7572d09",
    timestamp: "1639731768",
    nonce: "64390332",
    echostr: "505deLub74lMxyhj6SZk55rjDRxM7lEzVa/8ZFdOUWkkv9kFpNI+9c3YLRLDjL+1GEIWpvuQSFw2ck2zb0QcAQ==",
  },
  post: {
    query: { msg_signature: "cee361999ae632f3e4b9f153475930ce0903b7b7", timestamp: "1639732244", nonce: "741425964" },
    body: '{"corp_id": "111111111", "app_id": "app-114514", "encrypt": "3bVgLZLP6TtC8U5qbXxHoq6bL2ZZyarp0s5lyp5RwqNY6E3mhmCU6sb2UlizgL8sHwFqqEtgpOC1OuHBKXF987LB/l8HSRaRHfYseZ5/9QWOJftb/nnI2t6lsEB5aIDkOv3RuvdOYEsvoPy45v6eCbe8sR3WMvy5YDjBiauLWw9us9xvGFx/aRV3DTjPzf8J6H5u8D5339MUP0I+nM11Mhe9pIFnnWMY6Cbd6g9fpwXKalRWBU4N6LXF2/eMypBuVsvJRAncvergZJoBj3svtc2LbaI70qod/G5OmEtbco5A6BXcoaN9HlszmvYH3XIUS8PyRqBOTaELLgIlSIAtzJEX8J7ZjK65LfgVYY2AZzvxxXkQd/mWHhh90M1HPgGQrCYQSkuRb1jGHgKf4HtWgqFzTY50+YwOmrNY4DAun6jrbLwKweMWNMU7g5Qd3YuEklwnteftmL9iAJxJRnx+EihOR+DZjqWibfRnuhPQLuHkMXLvQIzkD+LHDdOYOaWJ3kXvUwt9BGgLKP9QD/kow6nc6xbnUUI+ELxWo65P9PzrJ0otkh1r59rZiwaUC4FFl8W75dh3EGp8dg3Y2adtfekz3Ok9OxMW07HcVoedYdaapUQh8gozu5LC3VZ3Tmmv8TMY/XhWzj8mWIpI6eE57pWTZT3MANhILBmm/n0HmocqIXALjcllklMWWm0X6Z+HEOaf4DiSGk8bRgl9jgifbG0B+s5hV5+1qBMWLaGBLi4MWClldW6wk1YdonlD3fKl0Uxma0eQSVGFlTMezdcJi+92higQevlEC+xanZ3E4m0="}',
  },
};

// Tanma's official vector (消息推送数据格式, https://apifox.com/apidoc/docs-site/628239/doc-501862), as
// packages/tanma/test/webhook.test.ts uses it: appId = appKey = corpid = "zc_test".
const TANMA = {
  appId: "zc_test",
  appKey: "zc_test",
  headers: {
    appId: "zc_test",
    timestamp: "1596681164807",
    version: "1",
    sign: "317672b4685d9b8bafe1794390e31209aed5cef912683292fed94a69085919d3",
  },
  body: "5TMVT8H4yTSSoING+afhRlGcCZAIxTs8Z7o3vGpid6tF2aF7C73uZ44qMopuNPCFmwOLOJ8xViCTHUfe/xYZSb71/VRSEDeIqqwN4eg=",
};

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
