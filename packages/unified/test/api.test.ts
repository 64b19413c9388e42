// The API's contract on all four vendors against Prism: writes send what the mapping says and answer the new id where
// the vendor returns one; an unmapped entity, operation or input throws a typed error naming vendor, entity and
// operation (no request is sent); ids of another vendor or entity are refused.
import { describe, expect, inject, it } from "vitest";
import {
  createUnifiedClient,
  type UnifiedClient,
  UnifiedIdError,
  UnifiedInputError,
  UnifiedUnsupportedError,
} from "../src/index.js";
import { MAPPINGS, vendorClient } from "./vendors.js";

const client = (vendor: string): UnifiedClient =>
  createUnifiedClient(vendorClient(vendor, inject("mockUrls")[vendor] as string), MAPPINGS[vendor] as never);

describe("writes through Prism", () => {
  it("weiban: tags a customer and adds an activity (no id answered, so none is invented)", async () => {
    const weiban = client("weiban");
    const tagged = await weiban.tagCustomer({
      customerId: "weiban:customer:wm8xjUCxxxxxxxxxxxxJR9CCBb2g",
      tagIds: ["weiban:tag:et8xjUCAAAxxxxxxxxxxx3UA"],
      staffId: "weiban:staff:WuJaYun",
    });
    expect(tagged).toEqual({ vendor: "weiban", entity: "customer", operationId: "batchUpdateExternalUserTags" });
    const added = await weiban.addActivity({
      customerId: "weiban:customer:wm8zkSaSL7dgds4s45fw",
      staffId: "weiban:staff:zhangsan",
      content: "电话回访",
    });
    expect(added).toEqual({ vendor: "weiban", entity: "activity", operationId: "addExternalUserEvent" });
  });

  it("weiling: creates an opportunity and a follow-up, answering their ids", async () => {
    const weiling = client("weiling");
    const created = await weiling.createOpportunity({ name: "华东区年度采购" });
    expect(created).toMatchObject({ vendor: "weiling", entity: "opportunity", operationId: "createBusinessV2" });
    expect(created.id).toBe(`weiling:opportunity:${created.remoteId}`);
    const progress = await weiling.addActivity({
      opportunityId: created.id as string,
      content: "上门拜访",
      createdAt: "2026-12-01T08:00:00.000Z",
      staffId: "weiling:staff:u1",
    });
    expect(progress.id).toMatch(/^weiling:activity:./);
  });

  it("planyun: creates an opportunity for a customer (source 1)", async () => {
    const created = await client("planyun").createOpportunity({ customerId: "planyun:customer:1001" });
    expect(created).toEqual({ vendor: "planyun", entity: "opportunity", operationId: "createBusiness" });
  });
});

describe("unsupported calls are typed errors, never empty results", () => {
  it.each([
    ["weiban", "opportunity", "list", () => client("weiban").opportunity.list().next()],
    ["weiban", "opportunity", "create", () => client("weiban").createOpportunity({ name: "x" })],
    ["tanma", "customer", "tag", () => client("tanma").tagCustomer({ customerId: "tanma:customer:1", tagIds: [] })],
    ["planyun", "staff", "list", () => client("planyun").staff.list().next()],
    ["planyun", "customer", "get", () => client("planyun").customer.get("planyun:customer:1")],
  ] as [string, string, string, () => Promise<unknown>][])("%s %s.%s", async (vendor, entity, operation, call) => {
    const error = await Promise.resolve()
      .then(() => call())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnifiedUnsupportedError);
    expect(error).toMatchObject({ vendor, entity, operation, operationId: `${entity}.${operation}` });
    expect((error as Error).message).toContain(`[${vendor}] ${entity}.${operation}: not supported`);
  });

  it("an input the vendor's operation cannot take is refused by name, not dropped", async () => {
    const error = await client("weiban")
      .addActivity({ customerId: "weiban:customer:wm1", content: "x", createdAt: "2026-12-01T00:00:00Z" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "UnifiedUnsupportedError", field: "createdAt" });
  });

  it("a missing required input and a list needing a parent are input errors", async () => {
    await expect(client("weiling").addActivity({ content: "x" })).rejects.toBeInstanceOf(UnifiedInputError);
    await expect(client("weiban").activity.list().next()).rejects.toMatchObject({
      name: "UnifiedInputError",
      field: "customerId or staffId",
    });
    // A group chat's members are listed per chat: the chat's id is needed, and it must be a group chat id.
    await expect(client("weiban").groupChatMember.list().next()).rejects.toMatchObject({
      name: "UnifiedInputError",
      field: "groupChatId",
    });
    await expect(
      client("weiban").groupChatMember.list({ groupChatId: "weiban:customer:wm1" }).next(),
    ).rejects.toBeInstanceOf(UnifiedIdError);
  });

  it("ids of another vendor, another entity or malformed ones are refused before any call", async () => {
    const weiban = client("weiban");
    await expect(weiban.customer.get("weiling:customer:1")).rejects.toBeInstanceOf(UnifiedIdError);
    await expect(weiban.customer.get("weiban:staff:zhangsan")).rejects.toBeInstanceOf(UnifiedIdError);
    await expect(weiban.customer.get("wm8zkSaSL7dgds4s45fw")).rejects.toBeInstanceOf(UnifiedIdError);
    await expect(client("tanma").clue.get("tanma:clue:not-a-number")).rejects.toBeInstanceOf(UnifiedIdError);
  });

  it("a mapping of another vendor is refused at creation", () => {
    expect(() => createUnifiedClient(vendorClient("weiban", "http://127.0.0.1:9"), MAPPINGS.tanma as never)).toThrow(
      /tanma mapping/,
    );
  });
});

describe("capabilities()", () => {
  it("says per entity which operations serve list, get and writes, and how each field is provided", () => {
    const caps = client("weiban").capabilities();
    expect(caps.entities.customer.list).toEqual({
      operationIds: ["listExternalUsers", "listExternalUsersByUpdateTime"],
      updatedAfter: "server",
      scopes: ["staffId"],
      pageSize: true,
    });
    expect(caps.entities.customer.writes).toEqual([
      {
        action: "tag",
        operationId: "batchUpdateExternalUserTags",
        inputs: ["customerId", "tagIds", "staffId"],
        required: ["customerId", "tagIds"],
      },
    ]);
    expect(caps.entities.followRelation.fields).toMatchObject({
      remark: "mapped",
      customerId: "derived",
      addedAt: "not-available",
    });
    expect(caps.entities.followRelation.list).toMatchObject({
      operationIds: ["getExternalUser"],
      scopes: ["customerId"],
    });
    expect(caps.entities.opportunity.list).toBe(false);
    // Weiban's records carry their fields' labels; Weiling's 商机 carry keys, labelled from its definitions listing.
    expect(caps.entities.customer.customFieldDefinitions).toBe(false);
    expect(client("weiling").capabilities().entities.opportunity.customFieldDefinitions).toEqual({
      operationId: "getCustomObjectDescription",
    });
  });
});
