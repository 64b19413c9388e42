// @scrm-openapi/weiling/msw — MSW handlers for 卫瓴 from specs/weiling: every operation answers the vendor's seeded
// zh-CN dataset (@scrm-openapi/msw/data, the same as `pnpm mock`'s), and `Prefer: example=<name>` or scenario()/fail()
// the spec's named examples. With `data: "examples"`, 商机 created through 10.3 (POST /openapi/v2/business/create) are
// returned and listed by 10.1 (POST /openapi/v2/business/get) over 10.1's example, with its filters.
import {
  chinaDate,
  createVendorMocks,
  fakeId,
  type MockContext,
  type MockOptions,
  type VendorMocks,
} from "@scrm-openapi/msw";
import type { HttpHandler } from "msw";
import { meta } from "./generated/meta.js";
import { type MockExamples, mockData } from "./generated/mocks.js";
import type { components, paths } from "./generated/schema.js";

export type { MockOptions, ScenarioOptions } from "@scrm-openapi/msw";
export type { MockExamples };
export type WeilingMocks = VendorMocks<paths, MockExamples>;

type Business = components["schemas"]["Business"];
type BusinessListResponse = components["schemas"]["BusinessListResponse"];
type BusinessCreateResponse = components["schemas"]["BusinessCreateResponse"];
type Context = MockContext<paths, MockExamples>;

/**
 * Weiling's mocks: `setupWorker(...createWeilingMocks().handlers)` in a page (after `npx msw init public/`),
 * `setupServer(...)` in Node tests. Each call has its own store and seeded data.
 */
export function createWeilingMocks(options: MockOptions = {}): WeilingMocks {
  // Seeded (the default), 商机 live in the shared dataset like every entity, so both mock modes agree; with the doc
  // examples, this store adds 10.1's filters, 商机编号 and stage names over 10.1's example.
  return createVendorMocks<paths, MockExamples>(meta, mockData, options, (context) =>
    context.seeded ? [] : businessHandlers(context),
  );
}

/** 10.1 has no page size; 100 is what other Weiling list pages state. */
const PAGE_SIZE = 100;
/** 10.1 takes at most 100 business_ids (its dataOverLimit example). */
const MAX_IDS = 100;

/** 商机 with `data: "examples"`: 10.3 create, 10.1 get (by id) and list (filters + cursor), seeded with 10.1's example. */
function businessHandlers({ http, store, faker, now, example }: Context): HttpHandler[] {
  // Examples validate against their schemas (lint: no-invalid-media-type-examples), so these casts hold.
  const listSuccess = () => example("getBusinessesV2", "success") as BusinessListResponse;
  const businesses = store.collection<Business>("business", {
    key: (b) => b.business_id ?? "",
    seed: () => listSuccess().data.business_list ?? [],
  });
  // Stage names: 1 from 10.2's example, 99 and 100 from the stage field's description (输单, 赢单).
  const stageNames = (): Map<number, string> => {
    const stages = example("listBusinessStages", "success") as {
      data?: { data_list?: { stage?: string; name?: string } };
    };
    const first = stages.data?.data_list;
    return new Map([
      ...(first?.stage && first.name ? ([[Number(first.stage), first.name]] as const) : []),
      [99, "输单"],
      [100, "赢单"],
    ]);
  };

  return [
    http.post("/openapi/v2/business/create", async ({ request, response }) => {
      const body = (await request.json().catch(() => undefined)) ?? {};
      const at = now();
      const all = businesses.list();
      // 商机编号 continues the highest SJ number seen (SJ00006101 in the example).
      const number = Math.max(6100, ...all.map((b) => Number(b.business_opp_number?.replace(/^SJ/, "")) || 0)) + 1;
      const companyName = all.find((b) => b.company_id && b.company_id === body.company_id)?.company_name;
      const stageName = body.stage === undefined ? undefined : stageNames().get(body.stage);
      const staff = body.user_ids?.map((user_id) => ({ user_id }));
      const customers = body.related_customers?.flatMap((group) =>
        (group.ids ?? []).map((id) => ({ id, ...(group.type === undefined ? {} : { type: group.type }) })),
      );
      // Only what 10.3 sends under the same name in 10.1's 商机, plus the server-assigned id, number and times.
      const businessId = fakeId(faker, 43);
      const business: Business = {
        business_id: businessId,
        business_opp_number: `SJ${String(number).padStart(8, "0")}`,
        ...pick(body, [
          "business_name",
          "stage",
          "company_id",
          "except_amount",
          "except_date",
          "winning_amount",
          "winning_date",
          "create_user_id",
          "business_custom",
        ]),
        ...(companyName === undefined ? {} : { company_name: companyName }),
        ...(stageName === undefined ? {} : { stage_name: stageName }),
        create_time: body.create_time ?? at,
        update_time: body.update_time ?? body.create_time ?? at,
        ...(staff ? { staff_list: staff } : {}),
        ...(customers ? { customer_list: customers } : {}),
      };
      businesses.insert(business);
      const answer = example("createBusinessV2", "success") as BusinessCreateResponse;
      return response(200).json({ ...answer, data: { business_id: businessId } });
    }),

    http.post("/openapi/v2/business/get", async ({ request, response }) => {
      const body = (await request.json().catch(() => undefined)) ?? {};
      if ((body.business_ids?.length ?? 0) > MAX_IDS) {
        return response.untyped(Response.json(example("getBusinessesV2", "dataOverLimit")));
      }
      let found = businesses.list();
      if (body.business_ids?.length) {
        const ids = new Set(body.business_ids);
        found = found.filter((b) => b.business_id !== undefined && ids.has(b.business_id));
      } else {
        // Filters as 10.1 names them; matching by substring and by China-time day is our reading of the page.
        const { business_name: name, user_id: owner, start_day: from, end_day: to } = body;
        found = found.filter(
          (b) =>
            (!name || (b.business_name ?? "").includes(name)) &&
            (!owner || b.owner_id === owner) &&
            (!from || (b.create_time !== undefined && chinaDate(b.create_time) >= from)) &&
            (!to || (b.create_time !== undefined && chinaDate(b.create_time) <= to)),
        );
      }
      const offset = Number(body.cursor) || 0;
      const next = offset + PAGE_SIZE < found.length ? String(offset + PAGE_SIZE) : "";
      return response(200).json({
        ...listSuccess(),
        data: { cursor: next, business_list: found.slice(offset, offset + PAGE_SIZE) },
      });
    }),
  ];
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
