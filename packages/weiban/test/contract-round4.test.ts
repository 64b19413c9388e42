// Operations read in search round 4 (issue #23) through the Prism mock: 客户群群发创建 (POST /open-api/customer_group_msg/add:
// the page's own request passes, the fields it marks 必需 are enforced by the mock and the client's types) and 门店列表
// (GET /open-api/contact_way/store/list, walked with paginate()).
import { ScrmResponseError } from "@scrm-openapi/core";
import { mockUrl } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { createWeibanClient, paginate } from "../src/index.js";

const baseUrl = mockUrl("weiban");
const weiban = createWeibanClient({ corpId: "wwmockcorp", secret: "mock-secret-value", baseUrl, retry: false });
const attachment = {
  msgtype: "link",
  image: { title: "劈哇绿油油撕一同黑不溜秋咀", url: "https://confused-feather.org/" },
  link: { title: "也不启动整缺乏大方轻松嗯乘以全部", url: "https://remorseful-entry.name/", desc: "fugiat" },
  miniprogram: { appid: "29", title: "踢脚线鉴于啊电脑显示器", page: "dolor ea in eu culpa", cover: "ut sit" },
  video: { title: "鉴于关于搔更加挖因为搜", url: "https://wrathful-exhaust.org/" },
};
const body = {
  name: "龙宇航",
  staff_ext_id_list: ["69", "5", "7"],
  group_ext_id_list: ["42"],
  create_staff_ext_id: "45",
  text: "海大些热。条油示化算世。",
  attachments: [attachment],
};

describe("createGroupChatMessageMission (客户群群发创建)", () => {
  it("the page's example request is accepted and answers the success envelope", async () => {
    const { data } = await weiban.POST("/open-api/customer_group_msg/add", { body });
    expect(data).toMatchObject({ errcode: 0, errmsg: "ok" });
  });

  it("a body without group_ext_id_list (必需) is refused by the mock with a 422 naming it", async () => {
    const { group_ext_id_list: _dropped, ...rest } = body;
    const error = await weiban
      // @ts-expect-error group_ext_id_list is required
      .POST("/open-api/customer_group_msg/add", { body: rest })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, operationId: "createGroupChatMessageMission" });
    expect(String((error as Error).message)).toMatch(/group_ext_id_list/);
  });

  it("an attachment without video (必需 on the page) is refused by the mock", async () => {
    const { video: _dropped, ...partial } = attachment;
    const response = await fetch(`${baseUrl}/open-api/customer_group_msg/add?access_token=t`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, attachments: [partial] }),
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { validation: { code: string; location: string[] }[] };
    expect(problem.validation).toContainEqual(
      expect.objectContaining({ code: "required", location: ["body", "attachments", "0"] }),
    );
  });
});

describe("listStores (门店列表)", () => {
  it("answers the page's 示例 store, typed, and paginate() walks it by page_no until has_next is false", async () => {
    const { data } = await weiban.GET("/open-api/contact_way/store/list", { params: { query: { page_size: 20 } } });
    expect(data.data?.objects?.[0]?.city).toBe("北京市");
    const stores = [];
    for await (const store of paginate(weiban, "/open-api/contact_way/store/list", {
      params: { query: { page_size: 20 } },
    })) {
      stores.push(store);
    }
    expect(stores.map((s) => s.address)).toEqual(["北京市东城区故宫博物院"]);
  });
});

// 更新人群包 (POST /open-api/external_user_package/update), title-only until the second 2026-12-06 search round.
describe("updateCustomerPackage (更新人群包)", () => {
  const update = {
    name: "open包一号",
    description: "描述xxx",
    external_user_ext_id_list: ["wmeo9iCwAA6jDXWsMIjt-zaST7zI0GNQ"],
  };

  it("a package id and the page's fields are accepted; the status_code envelope resolves as data", async () => {
    const { data } = await weiban.POST("/open-api/external_user_package/update", {
      params: { query: { id: 429 } },
      body: update,
    });
    expect(data).toEqual({ status_code: 200, status_message: "ok", success: true });
  });

  it("without the query id (必需 on the page) the mock refuses with a 422 naming it", async () => {
    const error = await weiban
      // @ts-expect-error the query id is required
      .POST("/open-api/external_user_package/update", { body: update })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmResponseError);
    expect(error).toMatchObject({ status: 422, operationId: "updateCustomerPackage" });
    expect(String((error as Error).message)).toMatch(/\bid\b/);
  });
});
