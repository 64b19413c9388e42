// The unified model documented: every entity and field with its meaning in Chinese and English (fields.ts holds the
// names and types, the engine's only need). The JSON Schemas (schemas.ts) and the docs' coverage matrix are built from
// both; entities.ts states the same shapes as TypeScript types (the Prism suite validates records against the schemas).
import { type EntityName, FIELDS, type FieldType } from "./fields.js";

export { ENTITIES, type EntityName, FIELDS, type FieldType } from "./fields.js";

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

type Texts = { readonly zh: string; readonly en: string };
const d = (zh: string, en: string): Texts => ({ zh, en });
const created = d("创建时间", "when the vendor created the record");
const updated = d("更新时间", "when the vendor last changed the record");

/** Each field of FIELDS explained: a field missing here, or one FIELDS lacks, is a compile error. */
const DOCS: {
  readonly [E in EntityName]: Texts & { readonly fields: { readonly [F in keyof (typeof FIELDS)[E]]: Texts } };
} = {
  staff: {
    zh: "员工(企业微信成员)",
    en: "Staff member (a WeCom member)",
    fields: {
      userId: d("企业微信成员 userid(与企微对接的键)", "WeCom userid, the join key to WeCom"),
      name: d("姓名", "name"),
      alias: d("别名", "alias"),
      mobile: d("手机号", "mobile number"),
      email: d("邮箱", "email"),
      avatar: d("头像 URL", "avatar URL"),
      position: d("职务", "job title"),
      gender: d("性别", "gender"),
      status: d("企微激活状态", "WeCom activation state"),
      departmentIds: d("所属部门 id", "ids of the member's departments (vendor ids)"),
      createdAt: created,
    },
  },
  customer: {
    zh: "客户(企业微信外部联系人)",
    en: "Customer (a WeCom external contact)",
    fields: {
      externalUserId: d(
        "企业微信外部联系人 external_userid(与企微对接的键)",
        "WeCom external_userid, the join key to WeCom",
      ),
      unionId: d("微信 unionid(绑定开放平台时才有)", "WeChat unionid (only with a bound open-platform account)"),
      name: d("名称(微信昵称)", "name (WeChat nickname)"),
      avatar: d("头像 URL", "avatar URL"),
      type: d("类型:微信用户或企业微信用户", "whether the contact is a WeChat or a WeCom user"),
      gender: d("性别", "gender"),
      position: d("职位", "job title"),
      corpName: d("所在企业简称", "short name of the contact's company"),
      corpFullName: d("所在企业主体名称", "full registered name of the contact's company"),
      followRelations: d(
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
      customerId: d("客户", "the customer"),
      staffId: d("员工", "the staff member"),
      remark: d("员工对客户的备注名", "the member's remark (alias) for the customer"),
      description: d("员工对客户的描述", "the member's description of the customer"),
      remarkCorpName: d("员工备注的客户企业名", "company name in the member's remark"),
      remarkMobiles: d("员工备注的手机号", "mobile numbers in the member's remark"),
      tagIds: d("该员工给客户打的标签", "tags this member put on the customer"),
      addChannel: d("添加渠道(厂商的渠道码/来源标识)", "add channel (the vendor's channel code or source key)"),
      addedAt: d("添加时间", "when the member added the customer"),
    },
  },
  tag: {
    zh: "企业标签",
    en: "Corporate tag",
    fields: {
      name: d("标签名", "tag name"),
      groupId: d("所属标签组", "the tag's group"),
      groupName: d("所属标签组名", "name of the tag's group"),
      weComTagId: d("企业微信标签 id(与企微对接的键)", "WeCom tag id, the join key to WeCom"),
      createdAt: created,
    },
  },
  tagGroup: {
    zh: "企业标签组",
    en: "Corporate tag group",
    fields: {
      name: d("标签组名", "group name"),
      weComGroupId: d("企业微信标签组 id", "WeCom tag group id"),
      tagIds: d("组内标签", "the group's tags"),
      createdAt: created,
    },
  },
  opportunity: {
    zh: "商机",
    en: "Opportunity (deal)",
    fields: {
      name: d("商机名称", "name"),
      serialNumber: d("商机编号", "the vendor's serial number"),
      stageId: d("所处阶段", "current stage"),
      stageName: d("阶段名称", "current stage name"),
      pipelineId: d("流程(管道)id", "pipeline (process) id, the vendor's"),
      pipelineName: d("流程(管道)名称", "pipeline name"),
      ownerStaffId: d("负责人/归属人", "owner"),
      companyName: d("关联企业名称", "linked company name"),
      customerId: d("关联客户", "linked customer"),
      createdAt: created,
      updatedAt: updated,
    },
  },
  stage: {
    zh: "商机阶段(属于某个流程/管道)",
    en: "Opportunity stage (of a pipeline)",
    fields: {
      name: d("阶段名称", "stage name"),
      pipelineId: d("所属流程 id", "pipeline id, the vendor's"),
      pipelineName: d("所属流程名称", "pipeline name"),
      order: d("排序", "position in the pipeline (the vendor's rank or index)"),
    },
  },
  activity: {
    zh: "跟进记录 / 客户动态",
    en: "Activity (follow-up record or customer event)",
    fields: {
      type: d("类型(厂商的事件类型)", "type (the vendor's event type)"),
      title: d("标题", "title"),
      content: d("内容", "content"),
      customerId: d("所属客户", "the customer it belongs to"),
      opportunityId: d("所属商机", "the opportunity it belongs to"),
      staffId: d("记录人/员工", "the staff member who wrote it"),
      createdAt: created,
    },
  },
  clue: {
    zh: "线索",
    en: "Clue (lead)",
    fields: {
      name: d("名称", "name"),
      mobile: d("手机号", "mobile number"),
      ownerStaffId: d("归属员工", "owner"),
      createdAt: created,
      updatedAt: updated,
    },
  },
  groupChat: {
    zh: "客户群",
    en: "Customer group chat",
    fields: {
      chatId: d("企业微信群 id(与企微对接的键)", "WeCom chat id, the join key to WeCom"),
      name: d("群名", "group name"),
      ownerStaffId: d("群主", "owner"),
      memberCount: d("群成员数", "number of members"),
      createdAt: created,
    },
  },
  groupChatMember: {
    zh: "客户群成员",
    en: "Group chat member (a staff member or a customer in a customer group chat)",
    fields: {
      groupChatId: d("所在客户群", "the group chat"),
      userId: d(
        "成员的企业微信 id(员工 userid 或客户 external_userid,见 type)",
        "the member's WeCom id: a staff userid or a customer's external_userid, as type says",
      ),
      type: d("成员类型:员工或客户", "whether the member is a staff member or a customer"),
      unionId: d(
        "微信 unionid(客户成员,绑定开放平台时才有)",
        "WeChat unionid (customers, with a bound open-platform account)",
      ),
      invitorUserId: d("邀请人的企业微信 id", "WeCom id of the member who invited this one"),
      joinedAt: d("入群时间", "when the member joined"),
    },
  },
  customFieldDefinition: {
    zh: "自定义字段定义",
    en: "Custom field definition",
    fields: {
      key: d("字段键(写入时用)", "field key (used to write values)"),
      label: d("字段名", "label"),
      type: d("字段类型(厂商的类型名)", "type (the vendor's type name)"),
      object: d("所属对象(customer / opportunity…)", "the entity the field belongs to"),
    },
  },
};

const typeOf = (entity: EntityName, field: string) => (FIELDS[entity] as Readonly<Record<string, FieldType>>)[field];

/** Every entity with its fields' types and meanings. */
export const MODEL = Object.fromEntries(
  Object.entries(DOCS).map(([entity, doc]) => [
    entity,
    {
      zh: doc.zh,
      en: doc.en,
      fields: Object.fromEntries(
        Object.entries(doc.fields as Readonly<Record<string, Texts>>).map(([name, text]) => [
          name,
          { type: typeOf(entity as EntityName, name) as FieldType, ...text },
        ]),
      ),
    },
  ]),
) as Readonly<Record<EntityName, EntityDoc>>;
