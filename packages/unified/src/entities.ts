// The unified records as TypeScript types (model.ts holds the same fields as data, with their meanings). A field is
// present only when the vendor's mapping gives it and the vendor sent it: absence means "not known", never zero.
import type { EntityName } from "./fields.js";

/** A custom field, resolved against the vendor's definitions where its answer carries them. */
export interface CustomField {
  /** The vendor's key for the field (what a write would use). */
  readonly key: string;
  readonly label?: string;
  /** The vendor's type name (text, date, select…). */
  readonly type?: string;
  readonly value: unknown;
}

/** A join that could not be completed: which field stays unfilled, which operation failed and why. */
export interface FailedJoin {
  readonly field: string;
  readonly operationId: string;
  readonly message: string;
}

export interface UnifiedRecord<E extends EntityName = EntityName> {
  /** `<vendor>:<entity>:<remote id, percent-encoded>`: stable, and it round-trips to the vendor's id. */
  readonly id: string;
  readonly vendor: string;
  readonly entity: E;
  /** The vendor's own id, as text (a composite id's parts are encoded and joined by ":"). */
  readonly remoteId: string;
  readonly customFields?: readonly CustomField[];
  /** The vendor's record as it came, when the call asked for it (`includeRaw`). */
  readonly raw?: unknown;
  /** Set when a join failed: the record lacks what `failedJoins` names (nothing is filled in its place). */
  readonly partial?: true;
  readonly failedJoins?: readonly FailedJoin[];
}

type Gender = "unknown" | "male" | "female";

export interface Staff extends UnifiedRecord<"staff"> {
  readonly userId?: string;
  readonly name?: string;
  readonly alias?: string;
  readonly mobile?: string;
  readonly email?: string;
  readonly avatar?: string;
  readonly position?: string;
  readonly gender?: Gender;
  readonly status?: "active" | "disabled" | "inactive" | "left";
  readonly departmentIds?: readonly string[];
  readonly createdAt?: string;
}

export interface Customer extends UnifiedRecord<"customer"> {
  readonly externalUserId?: string;
  readonly unionId?: string;
  readonly name?: string;
  readonly avatar?: string;
  readonly type?: "wechat" | "wecom";
  readonly gender?: Gender;
  readonly position?: string;
  readonly corpName?: string;
  readonly corpFullName?: string;
  readonly followRelations?: readonly FollowRelation[];
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface FollowRelation extends UnifiedRecord<"followRelation"> {
  readonly customerId?: string;
  readonly staffId?: string;
  readonly remark?: string;
  readonly description?: string;
  readonly remarkCorpName?: string;
  readonly remarkMobiles?: readonly string[];
  readonly tagIds?: readonly string[];
  readonly addChannel?: string;
  readonly addedAt?: string;
}

export interface Tag extends UnifiedRecord<"tag"> {
  readonly name?: string;
  readonly groupId?: string;
  readonly groupName?: string;
  readonly weComTagId?: string;
  readonly createdAt?: string;
}

export interface TagGroup extends UnifiedRecord<"tagGroup"> {
  readonly name?: string;
  readonly weComGroupId?: string;
  readonly tagIds?: readonly string[];
  readonly createdAt?: string;
}

export interface Opportunity extends UnifiedRecord<"opportunity"> {
  readonly name?: string;
  readonly serialNumber?: string;
  readonly stageId?: string;
  readonly stageName?: string;
  readonly pipelineId?: string;
  readonly pipelineName?: string;
  readonly ownerStaffId?: string;
  readonly companyName?: string;
  readonly customerId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface Stage extends UnifiedRecord<"stage"> {
  readonly name?: string;
  readonly pipelineId?: string;
  readonly pipelineName?: string;
  readonly order?: number;
}

export interface Activity extends UnifiedRecord<"activity"> {
  readonly type?: string;
  readonly title?: string;
  readonly content?: string;
  readonly customerId?: string;
  readonly opportunityId?: string;
  readonly staffId?: string;
  readonly createdAt?: string;
}

export interface Clue extends UnifiedRecord<"clue"> {
  readonly name?: string;
  readonly mobile?: string;
  readonly ownerStaffId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface GroupChat extends UnifiedRecord<"groupChat"> {
  readonly chatId?: string;
  readonly name?: string;
  readonly ownerStaffId?: string;
  readonly memberCount?: number;
  readonly createdAt?: string;
}

export interface GroupChatMember extends UnifiedRecord<"groupChatMember"> {
  readonly groupChatId?: string;
  readonly userId?: string;
  readonly type?: "staff" | "customer";
  readonly unionId?: string;
  readonly invitorUserId?: string;
  readonly joinedAt?: string;
}

export interface CustomFieldDefinition extends UnifiedRecord<"customFieldDefinition"> {
  readonly key?: string;
  readonly label?: string;
  readonly type?: string;
  readonly object?: string;
}

/** Each entity's record type, by entity name. */
export interface Entities {
  staff: Staff;
  customer: Customer;
  followRelation: FollowRelation;
  tag: Tag;
  tagGroup: TagGroup;
  opportunity: Opportunity;
  stage: Stage;
  activity: Activity;
  clue: Clue;
  groupChat: GroupChat;
  groupChatMember: GroupChatMember;
  customFieldDefinition: CustomFieldDefinition;
}
