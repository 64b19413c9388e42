// The unified model's fields and their types, by entity: what the engine needs at run time (value coercion,
// capabilities). Their meanings in Chinese and English are in model.ts, which only the schemas and the docs load.

export const ENTITIES = [
  "staff",
  "customer",
  "followRelation",
  "tag",
  "tagGroup",
  "opportunity",
  "stage",
  "activity",
  "clue",
  "groupChat",
  "groupChatMember",
  "customFieldDefinition",
] as const;
export type EntityName = (typeof ENTITIES)[number];

/** A field's type: a scalar, an ISO 8601 time, a unified id of another entity, a closed set of values, or a list. */
export type FieldType =
  | "string"
  | "number"
  | "boolean"
  | "datetime"
  | { readonly ref: EntityName }
  | { readonly enum: readonly string[] }
  | { readonly list: "string" | { readonly ref: EntityName } | { readonly entity: EntityName } };

const GENDER = { enum: ["unknown", "male", "female"] } as const;

export const FIELDS = {
  staff: {
    userId: "string",
    name: "string",
    alias: "string",
    mobile: "string",
    email: "string",
    avatar: "string",
    position: "string",
    gender: GENDER,
    status: { enum: ["active", "disabled", "inactive", "left"] },
    departmentIds: { list: "string" },
    createdAt: "datetime",
  },
  customer: {
    externalUserId: "string",
    unionId: "string",
    name: "string",
    avatar: "string",
    type: { enum: ["wechat", "wecom"] },
    gender: GENDER,
    position: "string",
    corpName: "string",
    corpFullName: "string",
    followRelations: { list: { entity: "followRelation" } },
    createdAt: "datetime",
    updatedAt: "datetime",
  },
  followRelation: {
    customerId: { ref: "customer" },
    staffId: { ref: "staff" },
    remark: "string",
    description: "string",
    remarkCorpName: "string",
    remarkMobiles: { list: "string" },
    tagIds: { list: { ref: "tag" } },
    addChannel: "string",
    addedAt: "datetime",
  },
  tag: {
    name: "string",
    groupId: { ref: "tagGroup" },
    groupName: "string",
    weComTagId: "string",
    createdAt: "datetime",
  },
  tagGroup: {
    name: "string",
    weComGroupId: "string",
    tagIds: { list: { ref: "tag" } },
    createdAt: "datetime",
  },
  opportunity: {
    name: "string",
    serialNumber: "string",
    stageId: { ref: "stage" },
    stageName: "string",
    pipelineId: "string",
    pipelineName: "string",
    ownerStaffId: { ref: "staff" },
    companyName: "string",
    customerId: { ref: "customer" },
    createdAt: "datetime",
    updatedAt: "datetime",
  },
  stage: {
    name: "string",
    pipelineId: "string",
    pipelineName: "string",
    order: "number",
  },
  activity: {
    type: "string",
    title: "string",
    content: "string",
    customerId: { ref: "customer" },
    opportunityId: { ref: "opportunity" },
    staffId: { ref: "staff" },
    createdAt: "datetime",
  },
  clue: {
    name: "string",
    mobile: "string",
    ownerStaffId: { ref: "staff" },
    createdAt: "datetime",
    updatedAt: "datetime",
  },
  groupChat: {
    chatId: "string",
    name: "string",
    ownerStaffId: { ref: "staff" },
    memberCount: "number",
    createdAt: "datetime",
  },
  groupChatMember: {
    groupChatId: { ref: "groupChat" },
    userId: "string",
    type: { enum: ["staff", "customer"] },
    unionId: "string",
    invitorUserId: "string",
    joinedAt: "datetime",
  },
  customFieldDefinition: {
    key: "string",
    label: "string",
    type: "string",
    object: "string",
  },
} as const satisfies Readonly<Record<EntityName, Readonly<Record<string, FieldType>>>>;
