// Search synonyms across vendors and languages: the vendors name one thing differently (微伴 says 客户群, 卫瓴 群聊,
// 探马 群; 卫瓴's 商机 operations are "business") and a reader may search in English. A query term found in a group
// matches any of the group's words. Latin words match at a word start (so "tag" finds listTags but not "stage").
export const SYNONYMS: readonly (readonly string[])[] = [
  ["群聊", "客户群", "群列表", "群组", "group chat", "groupchat", "group_chat", "customer group", "chat group"],
  ["商机", "opportunity", "opportunities", "business"],
  ["线索", "clue", "clues", "sales lead"],
  ["标签", "tag", "tags", "label"],
  ["员工", "成员", "staff", "employee", "member"],
  ["客户", "customer", "external user", "external_user", "externaluser", "外部联系人"],
  ["跟进", "follow-up", "follow up", "followup", "follow"],
  ["回调", "webhook", "webhooks", "callback", "推送", "push"],
  ["公海", "open sea", "open_sea", "opensea"],
  ["令牌", "访问凭据", "token", "access token", "access_token"],
  ["错误码", "error code", "errcode"],
  ["订单", "order", "orders"],
  ["部门", "department", "dept"],
];
