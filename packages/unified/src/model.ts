// The unified model as data: every entity's fields with their type and their meaning in Chinese and English. The JSON
// Schemas (schemas.ts), capabilities() and the docs' coverage matrix are built from this table; entities.ts states the
// same shapes as TypeScript types (the schema test checks mapped records against both).

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

export interface FieldDoc {
  readonly type: FieldType;
  readonly zh: string;
  readonly en: string;
}

export interface EntityDoc {
  readonly zh: string;
  readonly en: string;
  readonly fields: Readonly<Record<string, FieldDoc>>;
}

const f = (type: FieldType, zh: string, en: string): FieldDoc => ({ type, zh, en });
const GENDER = { enum: ["unknown", "male", "female"] } as const;
const created = f("datetime", "创建时间", "when the vendor created the record");
const updated = f("datetime", "更新时间", "when the vendor last changed the record");

export const MODEL: Readonly<Record<EntityName, EntityDoc>> = {
  staff: {
    zh: "员工(企业微信成员)",
    en: "Staff member (a WeCom member)",
    fields: {
      userId: f("string", "企业微信成员 userid(与企微对接的键)", "WeCom userid, the join key to WeCom"),
      name: f("string", "姓名", "name"),
      alias: f("string", "别名", "alias"),
      mobile: f("string", "手机号", "mobile number"),
      email: f("string", "邮箱", "email"),
      avatar: f("string", "头像 URL", "avatar URL"),
      position: f("string", "职务", "job title"),
      gender: f(GENDER, "性别", "gender"),
      status: f({ enum: ["active", "disabled", "inactive", "left"] }, "企微激活状态", "WeCom activation state"),
      departmentIds: f({ list: "string" }, "所属部门 id", "ids of the member's departments (vendor ids)"),
      createdAt: created,
    },
  },
  customer: {
    zh: "客户(企业微信外部联系人)",
    en: "Customer (a WeCom external contact)",
    fields: {
      externalUserId: f(
        "string",
        "企业微信外部联系人 external_userid(与企微对接的键)",
        "WeCom external_userid, the join key to WeCom",
      ),
      unionId: f(
        "string",
        "微信 unionid(绑定开放平台时才有)",
        "WeChat unionid (only with a bound open-platform account)",
      ),
      name: f("string", "名称(微信昵称)", "name (WeChat nickname)"),
      avatar: f("string", "头像 URL", "avatar URL"),
      type: f(
        { enum: ["wechat", "wecom"] },
        "类型:微信用户或企业微信用户",
        "whether the contact is a WeChat or a WeCom user",
      ),
      gender: f(GENDER, "性别", "gender"),
      position: f("string", "职位", "job title"),
      corpName: f("string", "所在企业简称", "short name of the contact's company"),
      corpFullName: f("string", "所在企业主体名称", "full registered name of the contact's company"),
      followRelations: f(
        { list: { entity: "followRelation" } },
        "添加了该客户的员工及各自的备注、标签、来源",
        "the staff members who added the customer, each with their remark, tags and channel",
      ),
      createdAt: created,
      updatedAt: updated,
    },
  },
  followRelation: {
    zh: "跟进关系(客户 × 员工:每位员工各自的备注、标签、添加渠道)",
    en: "Follow relation (customer × staff: each member's own remark, tags and add channel)",
    fields: {
      customerId: f({ ref: "customer" }, "客户", "the customer"),
      staffId: f({ ref: "staff" }, "员工", "the staff member"),
      remark: f("string", "员工对客户的备注名", "the member's remark (alias) for the customer"),
      description: f("string", "员工对客户的描述", "the member's description of the customer"),
      remarkCorpName: f("string", "员工备注的客户企业名", "company name in the member's remark"),
      remarkMobiles: f({ list: "string" }, "员工备注的手机号", "mobile numbers in the member's remark"),
      tagIds: f({ list: { ref: "tag" } }, "该员工给客户打的标签", "tags this member put on the customer"),
      addChannel: f(
        "string",
        "添加渠道(厂商的渠道码/来源标识)",
        "add channel (the vendor's channel code or source key)",
      ),
      addedAt: f("datetime", "添加时间", "when the member added the customer"),
    },
  },
  tag: {
    zh: "企业标签",
    en: "Corporate tag",
    fields: {
      name: f("string", "标签名", "tag name"),
      groupId: f({ ref: "tagGroup" }, "所属标签组", "the tag's group"),
      groupName: f("string", "所属标签组名", "name of the tag's group"),
      weComTagId: f("string", "企业微信标签 id(与企微对接的键)", "WeCom tag id, the join key to WeCom"),
      createdAt: created,
    },
  },
  tagGroup: {
    zh: "企业标签组",
    en: "Corporate tag group",
    fields: {
      name: f("string", "标签组名", "group name"),
      weComGroupId: f("string", "企业微信标签组 id", "WeCom tag group id"),
      tagIds: f({ list: { ref: "tag" } }, "组内标签", "the group's tags"),
      createdAt: created,
    },
  },
  opportunity: {
    zh: "商机",
    en: "Opportunity (deal)",
    fields: {
      name: f("string", "商机名称", "name"),
      serialNumber: f("string", "商机编号", "the vendor's serial number"),
      stageId: f({ ref: "stage" }, "所处阶段", "current stage"),
      stageName: f("string", "阶段名称", "current stage name"),
      pipelineId: f("string", "流程(管道)id", "pipeline (process) id, the vendor's"),
      pipelineName: f("string", "流程(管道)名称", "pipeline name"),
      ownerStaffId: f({ ref: "staff" }, "负责人/归属人", "owner"),
      companyName: f("string", "关联企业名称", "linked company name"),
      customerId: f({ ref: "customer" }, "关联客户", "linked customer"),
      createdAt: created,
      updatedAt: updated,
    },
  },
  stage: {
    zh: "商机阶段(属于某个流程/管道)",
    en: "Opportunity stage (of a pipeline)",
    fields: {
      name: f("string", "阶段名称", "stage name"),
      pipelineId: f("string", "所属流程 id", "pipeline id, the vendor's"),
      pipelineName: f("string", "所属流程名称", "pipeline name"),
      order: f("number", "排序", "position in the pipeline (the vendor's rank or index)"),
    },
  },
  activity: {
    zh: "跟进记录 / 客户动态",
    en: "Activity (follow-up record or customer event)",
    fields: {
      type: f("string", "类型(厂商的事件类型)", "type (the vendor's event type)"),
      title: f("string", "标题", "title"),
      content: f("string", "内容", "content"),
      customerId: f({ ref: "customer" }, "所属客户", "the customer it belongs to"),
      opportunityId: f({ ref: "opportunity" }, "所属商机", "the opportunity it belongs to"),
      staffId: f({ ref: "staff" }, "记录人/员工", "the staff member who wrote it"),
      createdAt: created,
    },
  },
  clue: {
    zh: "线索",
    en: "Clue (lead)",
    fields: {
      name: f("string", "名称", "name"),
      mobile: f("string", "手机号", "mobile number"),
      ownerStaffId: f({ ref: "staff" }, "归属员工", "owner"),
      createdAt: created,
      updatedAt: updated,
    },
  },
  groupChat: {
    zh: "客户群",
    en: "Customer group chat",
    fields: {
      chatId: f("string", "企业微信群 id(与企微对接的键)", "WeCom chat id, the join key to WeCom"),
      name: f("string", "群名", "group name"),
      ownerStaffId: f({ ref: "staff" }, "群主", "owner"),
      memberCount: f("number", "群成员数", "number of members"),
      createdAt: created,
    },
  },
  customFieldDefinition: {
    zh: "自定义字段定义",
    en: "Custom field definition",
    fields: {
      key: f("string", "字段键(写入时用)", "field key (used to write values)"),
      label: f("string", "字段名", "label"),
      type: f("string", "字段类型(厂商的类型名)", "type (the vendor's type name)"),
      object: f("string", "所属对象(customer / opportunity…)", "the entity the field belongs to"),
    },
  },
};
