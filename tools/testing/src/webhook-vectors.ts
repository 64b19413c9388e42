// The vendors' published webhook crypto vectors, shared by the vendor suites and the runtime scenarios of
// tools/browser (one copy of each vector, as the vendor published it).

// Vector: Sample.py and client.py of Weiban's sample repository github.com/weiban-open-platform/open-msg-crypt-python
// (commit 05e0ff9955448eab9dbd9c04094cac030461f727). Sample.py builds WBMsgCrypt with the CorpID below; the POST's
// ciphertext is client.py's `data` dict (json.dumps, so non-ASCII is \u-escaped) encrypted by WBMsgCrypt.
export const WEIBAN_WEBHOOK_SAMPLE = {
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
  // client.py's `data`, the message the POST above carries.
  message: {
    id: "81fcf78e-ae1a-4c6a-9e14-f11883e6359e",
    corp_id: "1704174310933890049",
    create_time: 1409659813.111,
    type: "event",
    event: "meeting_change",
    status: "create",
    retry_count: 0,
    seq: 1,
    msg_data: {
      meeting: {
        id: 1,
        from_ai: false,
        staff_id: "wuyajun",
        members: { staff_list: ["wuyajun", "zhangsan"], external_user_list: ["xxxxxx"] },
        title: "会议标题",
        start_time: 1145141919,
        end_time: 1145141981,
        reminder_on: true,
        remind_minutes_before_start: 5,
        address: "会议地点",
      },
    },
  },
};

// Official vector from 消息推送数据格式, https://apifox.com/apidoc/docs-site/628239/doc-501862 (also quoted in
// specs/tanma/webhooks/register.yaml): appId = appKey = corpid = "zc_test", timestamp 1596681164807, version 1.
// The corpid is stated separately there: "zc_test" does not follow the doc's "appId before _" rule (that gives "zc").
export const TANMA_PUSH_VECTOR = {
  appId: "zc_test",
  appKey: "zc_test",
  timestamp: "1596681164807",
  version: "1",
  sign: "317672b4685d9b8bafe1794390e31209aed5cef912683292fed94a69085919d3",
  body: "5TMVT8H4yTSSoING+afhRlGcCZAIxTs8Z7o3vGpid6tF2aF7C73uZ44qMopuNPCFmwOLOJ8xViCTHUfe/xYZSb71/VRSEDeIqqwN4eg=",
  plaintext: '{"type":"register","noise":4970601478527096155,"msgId":999,"content":"hello"}',
};
